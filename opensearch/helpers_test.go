package opensearch

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/ingest"
)

// clusterURL is the test cluster's address list, from
// BISEARCH_OPENSEARCH_URL; without it the test is skipped, saying how to
// start one, except under CI=true, where the cluster must be there.
func clusterURL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv("BISEARCH_OPENSEARCH_URL")
	if u == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatal("BISEARCH_OPENSEARCH_URL is not set: CI starts the test cluster (deploy/opensearch-testcluster/cluster start)")
		}
		tb.Skip("no OpenSearch cluster: start one with `deploy/opensearch-testcluster/cluster start` (Java 17 and Maven) and set BISEARCH_OPENSEARCH_URL to the URL list it prints")
	}
	return u
}

// testConfig is a configuration for the test cluster with an alias of its
// own, so tests do not see each other's indexes.
func testConfig(tb testing.TB) Config {
	cfg := ConfigFromEnv(clusterURL(tb))
	var rnd [4]byte
	rand.Read(rnd[:])
	cfg.Index = "bisearch-test-" + hex.EncodeToString(rnd[:])
	cfg.Shards, cfg.Replicas = 3, 1
	return cfg
}

// mustBuild builds docs into a new alias on the test cluster and opens it;
// the indexes go when the test ends.
func mustBuild(tb testing.TB, docs ...*corpus.Doc) *Engine {
	tb.Helper()
	return mustBuildWith(tb, testConfig(tb), docs...)
}

func mustBuildWith(tb testing.TB, cfg Config, docs ...*corpus.Doc) *Engine {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if _, err := Build(ctx, cfg, ingest.Docs(docs), BuildOptions{}); err != nil {
		tb.Fatal(err)
	}
	e, err := Open(ctx, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if names, err := e.c.aliasTargets(ctx); err == nil {
			e.c.deleteIndexes(ctx, names...)
		}
		e.Close()
	})
	return e
}

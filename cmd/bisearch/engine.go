package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/bisearch/bisearch/indexer"
	"github.com/bisearch/bisearch/ingest"
	"github.com/bisearch/bisearch/opensearch"
	"github.com/bisearch/bisearch/search"
	"github.com/bisearch/bisearch/server"
)

// engineFlags choose the engine: the embedded bleve index in a directory
// (the default), or an OpenSearch cluster.
type engineFlags struct {
	dir      string
	cluster  string // comma-separated node URLs; "" for the embedded index
	index    string // the cluster alias
	shards   int
	replicas int
}

func (f *engineFlags) register(fs *flag.FlagSet, building bool) {
	fs.StringVar(&f.dir, "index", envOr("BISEARCH_INDEX", "./data/index"), "index directory (env BISEARCH_INDEX)")
	fs.StringVar(&f.cluster, "opensearch", os.Getenv("BISEARCH_OPENSEARCH_URL"), "use an OpenSearch cluster at these comma-separated node URLs instead of the directory (env BISEARCH_OPENSEARCH_URL; credentials from BISEARCH_OPENSEARCH_USER and BISEARCH_OPENSEARCH_PASSWORD, a CA file from BISEARCH_OPENSEARCH_CA)")
	fs.StringVar(&f.index, "opensearch-index", envOr("BISEARCH_OPENSEARCH_INDEX", "bisearch"), "the alias bisearch searches on the cluster (env BISEARCH_OPENSEARCH_INDEX)")
	if building {
		fs.IntVar(&f.shards, "shards", 3, "shards of a new index on the cluster")
		fs.IntVar(&f.replicas, "replicas", 1, "replicas of each shard of a new index on the cluster")
	}
}

func (f *engineFlags) onCluster() bool { return strings.TrimSpace(f.cluster) != "" }

func (f *engineFlags) clusterConfig() opensearch.Config {
	c := opensearch.ConfigFromEnv(f.cluster)
	c.Index, c.Shards, c.Replicas = f.index, f.shards, f.replicas
	return c
}

// where names the index for messages.
func (f *engineFlags) where() string {
	if f.onCluster() {
		c := f.clusterConfig()
		return fmt.Sprintf("alias %s on %s", c.Index, c.Redacted())
	}
	return f.dir
}

// servingEngine is an index in service: searched by the server, reloaded
// when a build replaces it.
type servingEngine interface {
	server.Engine
	Reload() (bool, error)
	Watch(ctx context.Context, interval time.Duration, report func(bool, error))
	Manifest() search.Manifest
	Close() error
}

// clusterEngine adapts the cluster engine's reload to the server's.
type clusterEngine struct{ *opensearch.Engine }

func (c clusterEngine) Reload() (bool, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return c.Engine.Reload(ctx)
}

// openServing opens the index for serving.
func (f *engineFlags) openServing(ctx context.Context) (servingEngine, error) {
	if f.onCluster() {
		octx, cancel := context.WithTimeout(ctx, 60*time.Second)
		defer cancel()
		e, err := opensearch.Open(octx, f.clusterConfig())
		if err != nil {
			return nil, err
		}
		return clusterEngine{e}, nil
	}
	return indexer.OpenLive(f.dir)
}

// searcher is an index opened for one search from the command line.
type searcher interface {
	server.Engine
	Close() error
}

// openSearcher opens the index for one command; a missing embedded index
// says how to build one.
func (f *engineFlags) openSearcher(ctx context.Context) (searcher, error) {
	if f.onCluster() {
		return opensearch.Open(ctx, f.clusterConfig())
	}
	ix, err := indexer.Open(f.dir)
	if errors.Is(err, search.ErrNoIndex) {
		return nil, fmt.Errorf("%w: build one first with `bisearch index -index %s`", err, f.dir)
	}
	if err != nil {
		return nil, err
	}
	return ix, nil
}

// exists tells whether there is an index to serve.
func (f *engineFlags) exists(ctx context.Context) (bool, error) {
	if f.onCluster() {
		ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
		defer cancel()
		return opensearch.Exists(ctx, f.clusterConfig())
	}
	return indexer.Exists(f.dir), nil
}

// build builds src into the index, replacing what was there when complete.
func (f *engineFlags) build(ctx context.Context, src ingest.Source, progress ingest.Progress) (ingest.Stats, error) {
	if f.onCluster() {
		return opensearch.Build(ctx, f.clusterConfig(), src, opensearch.BuildOptions{Progress: progress})
	}
	return indexer.BuildFrom(ctx, f.dir, src, indexer.Options{Progress: progress})
}

// lock keeps two builds of the same embedded index apart (the cluster's
// alias moves atomically: the last build in wins).
func (f *engineFlags) lock(ctx context.Context, wait bool) (func(), error) {
	if f.onCluster() {
		return func() {}, nil
	}
	return indexer.Lock(ctx, f.dir, wait)
}

// openOld opens the index a build replaces, to take unchanged documents
// from; nil when there is none to reuse.
func (f *engineFlags) openOld(ctx context.Context) (ingest.Stored, func(), error) {
	if f.onCluster() {
		e, err := opensearch.Open(ctx, f.clusterConfig())
		if err != nil {
			return nil, func() {}, err
		}
		return e, func() { e.Close() }, nil
	}
	if !indexer.Exists(f.dir) {
		return nil, func() {}, nil
	}
	ix, err := indexer.Open(f.dir)
	if err != nil {
		return nil, func() {}, err
	}
	return ix, func() { ix.Close() }, nil
}

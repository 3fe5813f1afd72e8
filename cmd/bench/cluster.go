package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/ingest"
	"github.com/bisearch/bisearch/opensearch"
	"github.com/bisearch/bisearch/query"
)

var (
	flagCluster  = flag.String("opensearch", "", "also index and query the corpus on the OpenSearch cluster at these comma-separated URLs")
	flagShards   = flag.Int("cluster-shards", 3, "shards of the cluster index")
	flagReplicas = flag.Int("cluster-replicas", 1, "replicas of each shard on the cluster")
)

// clusterFigures are the cluster engine's measurements.
type clusterFigures struct {
	took           time.Duration
	primary, total int64 // bytes on disk: one copy, and all copies
	c1, c8         lat
	wb             *workbenchFigures
}

// benchCluster bulk-loads docs into a fresh alias on the cluster, measures
// its size and the query mix's latencies, and deletes it again.
func benchCluster(docs []*corpus.Doc, units []pair) (clusterFigures, error) {
	var f clusterFigures
	cfg := opensearch.ConfigFromEnv(*flagCluster)
	cfg.Index = fmt.Sprintf("bisearch-bench-%d", time.Now().UnixNano())
	cfg.Shards, cfg.Replicas = *flagShards, *flagReplicas
	ctx := context.Background()
	start := time.Now()
	if _, err := opensearch.Build(ctx, cfg, ingest.Docs(docs), opensearch.BuildOptions{}); err != nil {
		return f, err
	}
	f.took = time.Since(start)
	e, err := opensearch.Open(ctx, cfg)
	if err != nil {
		return f, err
	}
	defer func() {
		req, _ := http.NewRequest(http.MethodDelete, strings.Split(*flagCluster, ",")[0]+"/"+e.Index(), nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
		e.Close()
	}()
	// the size once merged, as a searched index would be
	base := strings.Split(*flagCluster, ",")[0]
	for _, op := range []string{"_forcemerge?max_num_segments=1", "_flush", "_refresh"} {
		if resp, err := http.Post(base+"/"+e.Index()+"/"+op, "application/json", nil); err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
	resp, err := http.Get(base + "/" + e.Index() + "/_stats/store")
	if err != nil {
		return f, err
	}
	var stats struct {
		All struct {
			Total struct {
				Store struct {
					Size int64 `json:"size_in_bytes"`
				} `json:"store"`
			} `json:"total"`
		} `json:"_all"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&stats); err != nil {
		resp.Body.Close()
		return f, fmt.Errorf("index stats: %w", err)
	}
	resp.Body.Close()
	// a primary's files are counted once committed; its replicas, copied
	// from them, hold the same: one copy is the whole divided by the copies
	f.total = stats.All.Total.Store.Size
	f.primary = f.total / int64(1+*flagReplicas)
	search := func(q string) (int, error) {
		ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		r, err := e.Search(ctx, query.Request{Text: q, Size: 10})
		if err != nil {
			return 0, err
		}
		return int(r.Total), nil
	}
	for _, q := range queries { // warm the caches as the embedded index's are
		search(q)
	}
	if f.c1, err = latencies(search, 1); err != nil {
		return f, err
	}
	if f.c8, err = latencies(search, 8); err != nil {
		return f, err
	}
	wb, err := benchWorkbench(e, units)
	if err != nil {
		return f, err
	}
	f.wb = &wb
	return f, nil
}

package opensearch

import (
	"context"
	"errors"
	"io"
	"math/rand"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/ingest"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
	"github.com/bisearch/bisearch/search/searchtest"
	"github.com/bisearch/bisearch/server"
)

// clusterScript is the test cluster's control script; the node tests need
// the cluster to have been started by it (they kill and restart its nodes).
func clusterScript(t *testing.T) string {
	t.Helper()
	dir, _ := os.Getwd()
	script := filepath.Join(dir, "..", "deploy", "opensearch-testcluster", "cluster")
	pids := os.Getenv("OPENSEARCH_TEST_DIR")
	if pids == "" {
		pids = "/tmp/bisearch-opensearch"
	}
	if _, err := os.Stat(filepath.Join(pids, "node-2.pid")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no node pid files in %s: CI starts the cluster with %s start", pids, script)
		}
		t.Skipf("the node tests kill and restart nodes of a cluster started by %s start (no pid files in %s)", script, pids)
	}
	return script
}

func run(t *testing.T, script string, args ...string) {
	t.Helper()
	out, err := exec.Command(script, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", script, args, err, out)
	}
}

// waitGreen waits until the cluster has three nodes and is green.
func waitGreen(t *testing.T, e *Engine) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		var h struct {
			Status string `json:"status"`
			Nodes  int    `json:"number_of_nodes"`
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		err := e.c.do(ctx, "GET", request{path: "/_cluster/health", params: url.Values{"wait_for_status": {"green"}, "wait_for_nodes": {"3"}, "timeout": {"20s"}}}, &h)
		cancel()
		if err == nil && h.Status == "green" && h.Nodes == 3 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the cluster did not come back green with three nodes: %v %+v", err, h)
		}
		time.Sleep(time.Second)
	}
}

// load runs queries from several goroutines until stopped and counts what
// the client got.
type load struct {
	mu       sync.Mutex
	ok, fail int
	lastErr  error
	took     []time.Duration
	stop     chan struct{}
	wg       sync.WaitGroup
}

func startLoad(e interface {
	Search(context.Context, query.Request) (*search.Result, error)
}, queries []string, workers int) *load {
	l := &load{stop: make(chan struct{})}
	for w := 0; w < workers; w++ {
		l.wg.Add(1)
		go func(w int) {
			defer l.wg.Done()
			rng := rand.New(rand.NewSource(int64(w)))
			for {
				select {
				case <-l.stop:
					return
				default:
				}
				q := queries[rng.Intn(len(queries))]
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				start := time.Now()
				_, err := e.Search(ctx, query.Request{Text: q, Size: 10})
				took := time.Since(start)
				cancel()
				l.mu.Lock()
				if err != nil {
					l.fail++
					l.lastErr = err
				} else {
					l.ok++
				}
				l.took = append(l.took, took)
				l.mu.Unlock()
			}
		}(w)
	}
	return l
}

func (l *load) finish() (ok, fail int, p50, p99, worst time.Duration, lastErr error) {
	close(l.stop)
	l.wg.Wait()
	sort.Slice(l.took, func(i, j int) bool { return l.took[i] < l.took[j] })
	n := len(l.took)
	if n > 0 {
		p50, p99, worst = l.took[n/2], l.took[n*99/100], l.took[n-1]
	}
	return l.ok, l.fail, p50, p99, worst, l.lastErr
}

// TestNodeLoss kills one of the three nodes with SIGKILL while queries run:
// the searches go on answering (the client and bisearch retry elsewhere,
// OpenSearch promotes the replicas), and no unit is lost.
func TestNodeLoss(t *testing.T) {
	script := clusterScript(t)
	docs := append([]*corpus.Doc{searchtest.MustSample(t)}, searchtest.SharedDocs(t, 1500)...)
	e := mustBuild(t, docs...)
	paras := searchtest.ChineseParagraphs(docs)
	rng := rand.New(rand.NewSource(11))
	var queries []string
	for len(queries) < 40 {
		if q := searchtest.RandomHanString(rng, paras[rng.Intn(len(paras))], 2+rng.Intn(5)); q != "" {
			queries = append(queries, q)
		}
	}
	queries = append(queries, "customs", "protection", `"Greater Bay Area"`, "2023")
	l := startLoad(e, queries, 4)
	time.Sleep(2 * time.Second)
	killed := time.Now()
	run(t, script, "kill", "2")
	t.Cleanup(func() {
		run(t, script, "start-node", "2")
		waitGreen(t, e)
	})
	time.Sleep(20 * time.Second)
	ok, fail, p50, p99, worst, lastErr := l.finish()
	t.Logf("node 2 killed after 2 s of queries; %d queries answered, %d failed, over the next %.0f s: p50 %v, p99 %v, slowest %v",
		ok, fail, time.Since(killed).Seconds(), p50.Round(time.Millisecond), p99.Round(time.Millisecond), worst.Round(time.Millisecond))
	if fail > 0 {
		t.Errorf("%d of %d queries failed while a node died (last: %v)", fail, ok+fail, lastErr)
	}
	// nothing lost: every unit is there, and every query finds what a scan finds
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	units := 0
	for _, d := range docs {
		units += len(d.Units)
	}
	st := e.cur.Load()
	n, err := st.count(ctx, map[string]any{"term": map[string]any{fieldKind: "unit"}})
	if err != nil || n != uint64(units) {
		t.Errorf("after the node died the index holds %d of %d units (%v)", n, units, err)
	}
	for _, q := range queries[:20] {
		want := searchtest.BruteZH(docs, q)
		got, total := searchtest.AllIDs(t, e, q)
		if total != uint64(len(want)) || !cmp.Equal(want, got) {
			t.Errorf("%q after the node died: %d found, a scan finds %d", q, total, len(want))
		}
	}
}

// TestReindexUnderLoad rebuilds the index behind the alias three times while
// queries run through a serving engine that follows the alias: no query
// fails, and each new index goes into service.
func TestReindexUnderLoad(t *testing.T) {
	cfg := testConfig(t)
	sample := searchtest.MustSample(t)
	e := mustBuildWith(t, cfg, sample)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go e.Watch(ctx, 100*time.Millisecond, func(bool, error) {})
	l := startLoad(e, []string{"知识产权", "海关", "customs", "protection", "2023"}, 4)
	corpora := [][]*corpus.Doc{
		{sample, {ID: "extra", Title: "extra", Units: []corpus.Unit{{ZH: "海关执法。", EN: "Customs enforcement.", Score: 1}}}},
		{{ID: "small", Title: "small", Units: []corpus.Unit{{ZH: "知识产权保护。", EN: "Protection of IPR.", Score: 1}, {Seq: 1, ZH: "海关。", EN: "Customs.", Score: 1}}}},
		{sample},
	}
	for i, docs := range corpora {
		units := 0
		for _, d := range docs {
			units += len(d.Units)
		}
		bctx, bcancel := context.WithTimeout(context.Background(), 5*time.Minute)
		if _, err := Build(bctx, cfg, sourceOf(docs), BuildOptions{}); err != nil {
			bcancel()
			t.Fatal(err)
		}
		bcancel()
		targets, err := e.c.aliasTargets(context.Background())
		if err != nil || len(targets) != 1 {
			t.Fatalf("build %d: alias points at %v (%v)", i+1, targets, err)
		}
		deadline := time.Now().Add(30 * time.Second)
		for {
			if _, u := e.Counts(); u == units && e.Index() == targets[0] {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("build %d: the serving engine did not take the new index up", i+1)
			}
			time.Sleep(50 * time.Millisecond)
		}
		time.Sleep(300 * time.Millisecond)
	}
	ok, fail, p50, p99, _, lastErr := l.finish()
	t.Logf("%d queries across three index swaps, %d failed; p50 %v, p99 %v", ok, fail, p50.Round(time.Millisecond), p99.Round(time.Millisecond))
	if fail > 0 || ok == 0 {
		t.Errorf("%d of %d queries failed across the swaps (last: %v)", fail, ok+fail, lastErr)
	}
	// the replaced indexes are gone: one index behind the alias, none left over
	var indexes map[string]any
	if err := e.c.do(context.Background(), "GET", request{path: "/" + cfg.Index + "-v*"}, &indexes); err != nil {
		t.Fatal(err)
	}
	if len(indexes) != 1 {
		t.Errorf("%d indexes under %s after the swaps, want 1", len(indexes), cfg.Index)
	}
}

// TestRedCluster makes the index red (its only copy on a node that dies):
// readiness says 503 and a search answers 503 with Retry-After within its
// deadline, never hanging; when the node is back, searches answer again.
func TestRedCluster(t *testing.T) {
	script := clusterScript(t)
	cfg := testConfig(t)
	cfg.Replicas = 0
	e := mustBuildWith(t, cfg, searchtest.MustSample(t))
	ctx := context.Background()
	body := marshal(map[string]any{"index": map[string]any{"routing": map[string]any{"allocation": map[string]any{"require": map[string]any{"_name": "node-2"}}}}})
	if err := e.c.do(ctx, "PUT", request{path: "/" + e.Index() + "/_settings", body: body}, nil); err != nil {
		t.Fatal(err)
	}
	var h struct {
		Relocating int `json:"relocating_shards"`
	}
	if err := e.c.do(ctx, "GET", request{path: "/_cluster/health/" + e.Index(), params: url.Values{"wait_for_no_relocating_shards": {"true"}, "wait_for_status": {"green"}, "timeout": {"60s"}}}, &h); err != nil {
		t.Fatal(err)
	}
	h2 := server.New(e, server.Options{SearchTimeout: 3 * time.Second})
	get := func(path string) (*httptest.ResponseRecorder, time.Duration) {
		start := time.Now()
		rec := httptest.NewRecorder()
		h2.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec, time.Since(start)
	}
	if rec, _ := get("/api/search?q=" + url.QueryEscape("海关")); rec.Code != 200 {
		t.Fatalf("before: %d %s", rec.Code, rec.Body)
	}
	run(t, script, "kill", "2")
	t.Cleanup(func() {
		run(t, script, "start-node", "2")
		waitGreen(t, e)
	})
	// the cluster notices the node is gone within seconds
	deadline := time.Now().Add(30 * time.Second)
	for {
		var hh struct {
			Status string `json:"status"`
		}
		if err := e.c.do(ctx, "GET", request{path: "/_cluster/health"}, &hh); err == nil && hh.Status == "red" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the cluster did not turn red")
		}
		time.Sleep(200 * time.Millisecond)
	}
	rec, _ := get("/readyz")
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("/readyz on a red cluster: %d %s", rec.Code, rec.Body)
	}
	rec, took := get("/api/search?q=" + url.QueryEscape("海关"))
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
		t.Errorf("search on a red index: %d (Retry-After %q) %s", rec.Code, rec.Header().Get("Retry-After"), rec.Body)
	}
	if took > 6*time.Second {
		t.Errorf("the search took %v to fail; its deadline is 3 s", took)
	}
	t.Logf("red: /readyz 503, search 503 with Retry-After after %v", took.Round(time.Millisecond))
	run(t, script, "start-node", "2")
	deadline = time.Now().Add(3 * time.Minute)
	for {
		if rec, _ := get("/api/search?q=" + url.QueryEscape("海关")); rec.Code == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("searches did not come back with the node")
		}
		time.Sleep(time.Second)
	}
}

// proxy forwards TCP connections to target until closed, then refuses them.
type proxy struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func newProxy(t *testing.T, target string) *proxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			u, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, u)
			p.mu.Unlock()
			go func() { io.Copy(u, c); u.Close() }()
			go func() { io.Copy(c, u); c.Close() }()
		}
	}()
	return p
}

func (p *proxy) close() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
}

// TestUnreachable: a cluster that cannot be reached is a clear error naming
// its address and never its password, at start; while serving, readiness
// and searches answer 503 with Retry-After at once.
func TestUnreachable(t *testing.T) {
	_, err := Open(context.Background(), Config{URLs: []string{"http://bisearch:s3cret-pw@127.0.0.1:1"}, Timeout: time.Second})
	if err == nil || !errors.Is(err, search.ErrUnavailable) || !strings.Contains(err.Error(), "http://127.0.0.1:1") || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("unreachable at start: %v", err)
	}
	cfg := testConfig(t)
	e0 := mustBuildWith(t, cfg, searchtest.MustSample(t))
	node := strings.TrimPrefix(strings.Split(clusterURL(t), ",")[0], "http://")
	p := newProxy(t, node)
	through := cfg
	through.URLs = []string{"http://" + p.ln.Addr().String()}
	through.Timeout = 2 * time.Second
	e, err := Open(context.Background(), through)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if e.Index() != e0.Index() {
		t.Fatalf("opened %s through the proxy, %s directly", e.Index(), e0.Index())
	}
	h := server.New(e, server.Options{SearchTimeout: 3 * time.Second})
	get := func(path string) (*httptest.ResponseRecorder, time.Duration) {
		start := time.Now()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec, time.Since(start)
	}
	if rec, _ := get("/readyz"); rec.Code != 200 {
		t.Fatalf("/readyz through the proxy: %d %s", rec.Code, rec.Body)
	}
	p.close()
	for _, path := range []string{"/readyz", "/api/search?q=" + url.QueryEscape("海关")} {
		rec, took := get(path)
		if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
			t.Errorf("%s with the cluster gone: %d (Retry-After %q) %s", path, rec.Code, rec.Header().Get("Retry-After"), rec.Body)
		}
		if took > 6*time.Second {
			t.Errorf("%s took %v to fail", path, took)
		}
		if strings.Contains(rec.Body.String(), p.ln.Addr().String()) {
			t.Errorf("%s: the cluster's address leaked to the client: %s", path, rec.Body)
		}
	}
}

// TestIncompatibleIndex: an index written by another version of bisearch is
// refused with a message saying to rebuild it.
func TestIncompatibleIndex(t *testing.T) {
	cfg := testConfig(t)
	c, err := newClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.os.Close()
	ctx := context.Background()
	name := cfg.Index + "-v1-old"
	m := mapping()
	m["_meta"] = map[string]any{"bisearch": map[string]any{"version": search.Version - 1}}
	if err := c.do(ctx, "PUT", request{path: "/" + name, body: marshal(map[string]any{"settings": settings(1, 0), "mappings": m})}, nil); err != nil {
		t.Fatal(err)
	}
	defer c.deleteIndexes(ctx, name)
	if err := c.do(ctx, "POST", request{path: "/_aliases", body: marshal(map[string]any{"actions": []any{map[string]any{"add": map[string]any{"index": name, "alias": cfg.Index}}}})}, nil); err != nil {
		t.Fatal(err)
	}
	_, err = Open(ctx, cfg)
	if !errors.Is(err, search.ErrIncompatible) || !strings.Contains(err.Error(), "bisearch index") {
		t.Errorf("an index of layout %d: %v", search.Version-1, err)
	}
	// building anew replaces it
	if _, err := Build(ctx, cfg, sourceOf([]*corpus.Doc{searchtest.MustSample(t)}), BuildOptions{}); err != nil {
		t.Fatal(err)
	}
	e, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if names, _ := e.c.aliasTargets(ctx); len(names) != 1 || names[0] == name {
		t.Errorf("after the rebuild the alias points at %v", names)
	} else {
		defer e.c.deleteIndexes(ctx, names...)
	}
}

func sourceOf(docs []*corpus.Doc) ingest.Source { return ingest.Docs(docs) }

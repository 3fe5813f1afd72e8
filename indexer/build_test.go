package indexer

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/ingest"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search/searchtest"
	"github.com/google/go-cmp/cmp"
)

// hugePair makes a pair of paragraphs of about n bytes a side from the
// sample's sentences, repeated with a counter so no two are alike.
func hugePair(tb testing.TB, n int) (zh, en string) {
	d := mustSample(tb)
	var z, e strings.Builder
	for i := 0; z.Len() < n; i++ {
		for _, u := range d.Units {
			if u.Paired() {
				fmt.Fprintf(&z, "第%d段。%s", i, u.ZH)
				fmt.Fprintf(&e, "Part %d. %s ", i, u.EN)
			}
		}
	}
	return z.String(), e.String()
}

// TestHugeParagraphsBounded builds a corpus of paragraphs of several
// megabytes — a pair and a one-sided one — under a memory limit and a
// deadline: the build finishes, no unit is longer than corpus.MaxParagraph,
// the heap stays under the limit, and a search still answers in time.
func TestHugeParagraphsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds megabytes of text")
	}
	const limit = 900 << 20
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(limit))
	zh, en := hugePair(t, 2<<20)
	lone, _ := hugePair(t, 2<<20)
	doc := &corpus.Doc{ID: "huge", Title: "huge", Units: corpus.SplitLong([]corpus.Unit{
		{Seq: 0, ZH: zh, EN: en, Score: 1},
		{Seq: 1, ZH: lone},
	})}
	for _, u := range doc.Units {
		if len(u.ZH) > corpus.MaxParagraph || len(u.EN) > corpus.MaxParagraph {
			t.Fatalf("unit %d: %d and %d bytes", u.Seq, len(u.ZH), len(u.EN))
		}
	}
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	dir := filepath.Join(t.TempDir(), "index")
	start := time.Now()
	st, err := BuildFrom(ctx, dir, ingest.Docs([]*corpus.Doc{doc}), Options{})
	close(stop)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d units from 4 MB of Chinese and 2 MB of English in %v; peak heap %d MB (limit %d MB)",
		st.Units, time.Since(start).Round(time.Millisecond), peak.Load()>>20, limit>>20)
	if peak.Load() > limit {
		t.Errorf("peak heap %d MB over the %d MB limit", peak.Load()>>20, limit>>20)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer scancel()
	r, err := ix.Search(sctx, query.Request{Text: "知识产权", Size: 100, Translations: true})
	if err != nil || r.Total == 0 {
		t.Fatalf("search in the huge document: %v", err)
	}
}

// TestShards builds the same corpus into one shard and into three, and checks
// that the alias over the three answers like the single index: the same
// totals, the same hits when paging through all of them, the same document
// view and completions. Scores come from each shard's own statistics, so the
// order may differ a little: the golden ranking queries must rank their best
// unit about as well (MRR within 0.05).
func TestShards(t *testing.T) {
	docs := []*corpus.Doc{mustSample(t)}
	if extra := searchtest.SharedDocs(t, 1500); extra != nil {
		docs = append(docs, extra...)
	}
	build := func(shards int) *Index {
		dir := filepath.Join(t.TempDir(), "index")
		if _, err := BuildFrom(context.Background(), dir, ingest.Docs(docs), Options{Shards: shards}); err != nil {
			t.Fatal(err)
		}
		for k := 0; k < shards; k++ {
			if _, err := os.Stat(filepath.Join(shardDir(dir, k), "index_meta.json")); err != nil {
				t.Fatalf("shard %d: %v", k, err)
			}
		}
		ix, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ix.Close() })
		if len(ix.shards) != shards {
			t.Fatalf("opened %d shards, built %d", len(ix.shards), shards)
		}
		return ix
	}
	one, three := build(1), build(3)
	queries := []string{"知识产权", "惩罚性赔偿", "海关", "法", "customs", "\"Greater Bay Area\"", "protection", "WIPO 仲裁", "zh:保护 -en:protection", "2023"}
	cases := searchtest.RankCases(t, len(docs) > 1)
	for _, c := range cases {
		queries = append(queries, c[0])
	}
	paras := searchtest.ChineseParagraphs(docs)
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < 40; i++ {
		if q := searchtest.RandomHanString(rng, paras[rng.Intn(len(paras))], 1+rng.Intn(6)); q != "" {
			queries = append(queries, q)
		}
	}
	mrr := func(ix *Index, cases [][2]string) float64 {
		rr := 0.0
		for _, c := range cases {
			for i, h := range mustSearch(t, ix, query.Request{Text: c[0], Size: 10}).Hits {
				if h.ID == c[1] {
					rr += 1 / float64(i+1)
					break
				}
			}
		}
		return rr / float64(len(cases))
	}
	m1, m3 := mrr(one, cases), mrr(three, cases)
	t.Logf("%d golden queries: MRR %.3f on one shard, %.3f on three", len(cases), m1, m3)
	if m3 < m1-0.05 {
		t.Errorf("three shards rank worse: MRR %.3f against %.3f", m3, m1)
	}
	for _, q := range queries {
		a := mustSearch(t, one, query.Request{Text: q, Size: 10})
		b := mustSearch(t, three, query.Request{Text: q, Size: 10})
		if a.Total != b.Total {
			t.Errorf("%q: total %d on one shard, %d on three", q, a.Total, b.Total)
			continue
		}
		if len(a.Hits) != len(b.Hits) {
			t.Errorf("%q: %d hits on one shard, %d on three", q, len(a.Hits), len(b.Hits))
			continue
		}
		if a.Total <= 200 {
			ia, _ := searchtest.AllIDs(t, one, q)
			ib, _ := searchtest.AllIDs(t, three, q)
			if !cmp.Equal(ia, ib) {
				t.Errorf("%q: paging finds different units:\n%s", q, cmp.Diff(ia, ib))
			}
		}
	}
	id := docs[0].ID
	_, ua, err := one.Doc(context.Background(), id, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, ub, err := three.Doc(context.Background(), id, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(ua, ub) {
		t.Errorf("document view differs:\n%s", cmp.Diff(ua, ub))
	}
	a, _ := one.Complete(context.Background(), "知识", 5)
	b, _ := three.Complete(context.Background(), "知识", 5)
	if !cmp.Equal(a, b) {
		t.Errorf("completions differ: %v, %v", a, b)
	}
}

// TestShardCount checks how many shards a build makes by default: one per
// ShardUnits units, at most one per core.
func TestShardCount(t *testing.T) {
	doc := mustSample(t) // 36 units
	defer func(n int) { ShardUnits = n }(ShardUnits)
	cores := runtime.GOMAXPROCS(0)
	for _, tt := range []struct{ per, want int }{
		{1000, 1},
		{36, 1},
		{35, min(2, cores)},
		{10, min(4, cores)},
	} {
		ShardUnits = tt.per
		dir := filepath.Join(t.TempDir(), "index")
		if _, err := Build(context.Background(), dir, []*corpus.Doc{doc}, nil); err != nil {
			t.Fatal(err)
		}
		ix, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		got := len(ix.shards)
		if got != tt.want {
			t.Errorf("%d units per shard, %d cores: %d shards, want %d", tt.per, cores, got, tt.want)
		}
		if r := mustSearch(t, ix, query.Request{Text: "知识产权"}); r.Total == 0 {
			t.Errorf("%d shards: 知识产权 finds nothing", got)
		}
		ix.Close()
	}
}

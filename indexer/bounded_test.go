package indexer

import (
	"context"
	"fmt"
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

package indexer

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/ingest"
	"github.com/bisearch/bisearch/query"
)

// writeTM writes a translation memory of about size bytes as one TSV file:
// the first sentences of the sample's pairs, two at a time in ever new
// combinations (so that the corpus grows, not its vocabulary).
func writeTM(tb testing.TB, path string, size int64) int {
	var zh, en []string
	for _, u := range mustSample(tb).Units {
		if u.Paired() && !u.Heading {
			zh, en = append(zh, firstSentence(u.ZH, "。")), append(en, firstSentence(u.EN, ". "))
		}
	}
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	var written int64
	n := 0
	for ; written < size; n++ {
		a, b := n%len(zh), (n*7+n/len(zh)*13+1)%len(zh)
		k, err := fmt.Fprintf(w, "%s%s\t%s %s\n", zh[a], zh[b], en[a], en[b])
		if err != nil {
			tb.Fatal(err)
		}
		written += int64(k)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return n
}

// firstSentence is s up to its first sentence end sep (kept).
func firstSentence(s, sep string) string {
	if i := strings.Index(s, sep); i > 0 {
		return s[:i+len(sep)]
	}
	return s
}

// TestBuildStreamsBounded builds a translation memory of a few megabytes
// and one four times as large, both read from one TSV file, and follows the
// live heap of each build beyond the loaded dictionaries: a build that reads,
// prepares and writes the corpus a stretch at a time holds about as much for
// either (the chunks in flight, bleve's batches, the bounded word counters),
// where one holding the corpus would hold several times its text more. Every unit is
// indexed and found. (The benchmark command measures the same from the
// outside, on a million units and more: the peak RSS of `bisearch index`.)
func TestBuildStreamsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds tens of megabytes of text")
	}
	const small, large = 8 << 20, 32 << 20
	dir := t.TempDir()
	// the dictionaries loaded, the baseline taken
	if _, err := Build(context.Background(), filepath.Join(dir, "warm"), []*corpus.Doc{mustSample(t)}, nil); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	base := live[0].Value.Uint64()

	held := map[int]uint64{}
	for _, size := range []int{small, large} {
		tm := filepath.Join(dir, fmt.Sprintf("tm-%d.tsv", size))
		units := writeTM(t, tm, int64(size))
		runtime.GC()
		var peak atomic.Uint64
		stop, sampled := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(sampled)
			s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
			for {
				select {
				case <-stop:
					return
				case <-time.After(5 * time.Millisecond):
				}
				metrics.Read(s)
				if v := s[0].Value.Uint64(); v > peak.Load() {
					peak.Store(v)
				}
			}
		}()
		src, _, err := ingest.Files(context.Background(), []string{tm}, nil, true, func(p corpus.Problem) { t.Error(p) })
		if err != nil {
			t.Fatal(err)
		}
		idx := filepath.Join(dir, fmt.Sprintf("index-%d", size))
		start := time.Now()
		st, err := BuildFrom(context.Background(), idx, src, Options{})
		close(stop)
		<-sampled
		if err != nil {
			t.Fatal(err)
		}
		held[size] = peak.Load() - min(base, peak.Load())
		t.Logf("%d units, %d MB of TSV in %v: the build held at most %d MB beyond the %d MB of the dictionaries",
			st.Units, size>>20, time.Since(start).Round(time.Millisecond), held[size]>>20, base>>20)
		if st.Units != units {
			t.Errorf("%d units indexed, %d written", st.Units, units)
		}
		ix, err := Open(idx)
		if err != nil {
			t.Fatal(err)
		}
		if _, us, err := ix.Doc(context.Background(), corpus.IDFromName(tm), units-1, 1); err != nil || len(us) != 1 {
			t.Errorf("the last unit of the streamed build: %v, %v", us, err)
		}
		if r, err := ix.Search(context.Background(), query.Request{Text: "知识产权", Size: 1}); err != nil || r.Total == 0 {
			t.Errorf("search 知识产权 in the streamed build: %v hits, %v", r.Total, err)
		}
		ix.Close()
	}
	// holding the corpus would take its text and more again in units,
	// sentence alignments and words; the heap at its highest varies by a
	// few tens of megabytes with when the collections fall
	if grew := int64(held[large]) - int64(held[small]); grew > 2*(large-small) {
		t.Errorf("the build held %d MB more for %d MB more text: it grows with the corpus", grew>>20, (large-small)>>20)
	}
}

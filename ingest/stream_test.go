package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/bisearch/bisearch/corpus"
)

// countingWriter is a Writer that counts the units it is given.
type countingWriter struct {
	added    atomic.Int64 // read by the source as it is read
	finished bool
}

func (w *countingWriter) Add(*Unit) error                    { w.added.Add(1); return nil }
func (w *countingWriter) Finish(context.Context, Meta) error { w.finished = true; return nil }

// TestBuildReadsAhead checks that a build reads its source only a few
// chunks ahead of what the engine has been given, so that it never holds
// the corpus: the units read from the files run ahead of the units written
// by at most a bounded number, whatever the corpus's size.
func TestBuildReadsAhead(t *testing.T) {
	defer func(units, bytes, part int) { chunkSize, chunkBytes, corpus.PartUnits = units, bytes, part }(chunkSize, chunkBytes, corpus.PartUnits)
	chunkSize, chunkBytes, corpus.PartUnits = 100, 1<<20, 40
	dir := t.TempDir()
	const n = 3000
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "第%d条 知识产权的保护。\tArticle %d: the protection of intellectual property.\n", i, i)
	}
	// two files: the second is read once the first is written
	for _, name := range []string{"a.tsv", "b.tsv"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src, ch, err := Files(context.Background(), []string{dir}, nil, true, func(p corpus.Problem) { t.Error(p) })
	if err != nil {
		t.Fatal(err)
	}
	w := &countingWriter{}
	read, most := 0, 0
	docs := src.Docs
	src.Docs = func(yield func(*corpus.Doc, error) bool) {
		for d, err := range docs {
			if d != nil {
				read += len(d.Units)
				most = max(most, read-int(w.added.Load()))
			}
			if !yield(d, err) {
				return
			}
		}
	}
	st, err := Build(context.Background(), src, w, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Units != 2*n || w.added.Load() != 2*n || !w.finished || st.Docs != 2 || ch.Added != 2 {
		t.Fatalf("built %d units in %d documents (%d given to the writer, finished %v, %d files added), want %d in 2", st.Units, st.Docs, w.added.Load(), w.finished, ch.Added, 2*n)
	}
	// a part being read, a chunk being gathered and prepared, one waiting to
	// be written and the one being written (with a part and a chunk to
	// spare: the bound is what matters, not its last unit)
	if bound := 2*corpus.PartUnits + 4*chunkSize; most > bound {
		t.Errorf("the build read %d units ahead of the writer, over %d: it holds the corpus", most, bound)
	}
	t.Logf("%d units read at most ahead of the writer (chunks of %d, parts of %d)", most, chunkSize, corpus.PartUnits)
}

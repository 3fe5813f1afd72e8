package indexer

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
	"github.com/bisearch/bisearch/search/searchtest"
)

func mustSample(tb testing.TB) *corpus.Doc { return searchtest.MustSample(tb) }

func mustBuild(tb testing.TB, docs ...*corpus.Doc) *Index {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "index")
	if _, err := Build(context.Background(), dir, docs, nil); err != nil {
		tb.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	return ix
}

func mustSearch(tb testing.TB, ix *Index, req query.Request) *search.Result {
	tb.Helper()
	return searchtest.MustSearch(tb, ix, req)
}

package indexer

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/query"
)

// TestLiveReloadDoesNotWait: a reload while a search is in flight puts the
// new index in service at once; the search in flight finishes on the old
// one, which is closed after it.
func TestLiveReloadDoesNotWait(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ctx := context.Background()
	if _, err := Build(ctx, dir, []*corpus.Doc{mustSample(t)}, nil); err != nil {
		t.Fatal(err)
	}
	l, err := OpenLive(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	// a slow search holds the index in service
	held := make(chan struct{})
	release := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		_, err := with(l, func(ix *Index) (struct{}, error) {
			close(held)
			<-release
			_, err := ix.Search(ctx, query.Request{Text: "海关"})
			return struct{}{}, err
		})
		done <- err
	}()
	<-held
	other := &corpus.Doc{ID: "other", Title: "other", Units: []corpus.Unit{{ZH: "海关执法。", EN: "Customs enforcement.", Score: 1}}}
	if _, err := Build(ctx, dir, []*corpus.Doc{other}, nil); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	changed, err := l.Reload()
	if err != nil || !changed {
		t.Fatalf("reload: %v %v", changed, err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the reload waited %v for the search in flight", took)
	}
	if _, u := l.Counts(); u != 1 {
		t.Errorf("after the reload %d units in service, want the new index's 1", u)
	}
	r, err := l.Search(ctx, query.Request{Text: "海关"})
	if err != nil || r.Total != 1 {
		t.Errorf("a new search: %v", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Errorf("the search in flight failed on the old index: %v", err)
	}
}

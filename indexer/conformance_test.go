package indexer

import (
	"testing"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/search/searchtest"
)

// TestConformance runs the suite every engine passes on the bleve engine.
func TestConformance(t *testing.T) {
	searchtest.Run(t, "bleve", func(tb testing.TB, docs ...*corpus.Doc) searchtest.Engine {
		return mustBuild(tb, docs...)
	})
}

// TestLearnedAssociations checks what the build learns from a corpus of
// real sentence pairs.
func TestLearnedAssociations(t *testing.T) {
	ix := mustBuild(t, searchtest.Tatoeba(t))
	a := ix.Meta().Assoc()
	for zh, want := range map[string]string{"图书馆": "librar", "医生": "doctor", "天气": "weathe"} {
		if got := a.ZH[zh]; len(got) == 0 || got[0] != want {
			t.Errorf("learned %s → %v, want %s", zh, got, want)
		}
	}
}

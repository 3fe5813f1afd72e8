package indexer

import (
	"testing"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/search/searchtest"
)

// TestConformance runs the suite every engine passes on the bleve engine.
func TestConformance(t *testing.T) {
	t.Parallel()
	searchtest.Run(t, "bleve", func(tb testing.TB, docs ...*corpus.Doc) searchtest.Engine {
		return mustBuild(tb, docs...)
	})
}

// TestLearnedAssociations checks what the build learns from a corpus of
// real sentence pairs.
func TestLearnedAssociations(t *testing.T) {
	t.Parallel()
	ix := mustBuild(t, searchtest.Tatoeba(t))
	a := ix.Meta().Assoc()
	for zh, want := range map[string]string{"图书馆": "librar", "医生": "doctor", "天气": "weathe"} {
		if got := a.ZH[zh]; len(got) == 0 || got[0].W != want {
			t.Errorf("learned %s → %v, want %s", zh, got, want)
		}
	}
}

// TestEquivalentsQuality measures the translation marks and the
// translations of the query on the equivalents gold set (figures in
// search/searchtest/testdata/equivalents-figures.json, rewritten with
// -update; they may only go up).
func TestEquivalentsQuality(t *testing.T) {
	t.Parallel()
	got := searchtest.MeasureEquivalents(t, func(tb testing.TB, docs ...*corpus.Doc) searchtest.Engine {
		return mustBuild(tb, docs...)
	})
	searchtest.CheckEquivFigures(t, got)
}

// TestFuzzyAgreement looks up 200 altered sentences of a translation
// memory and checks the first match against a brute force over every unit
// (figures in search/searchtest/testdata/fuzzy-figures.json).
func TestFuzzyAgreement(t *testing.T) {
	t.Parallel()
	got := searchtest.MeasureFuzzy(t, func(tb testing.TB, docs ...*corpus.Doc) searchtest.Engine {
		return mustBuild(tb, docs...)
	})
	searchtest.CheckFuzzyFigures(t, "bleve", got)
}

package opensearch

import (
	"testing"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/search/searchtest"
)

// TestConformance runs the suite every engine passes on the cluster engine.
func TestConformance(t *testing.T) {
	clusterURL(t)
	searchtest.Run(t, "opensearch", func(tb testing.TB, docs ...*corpus.Doc) searchtest.Engine {
		return mustBuild(tb, docs...)
	})
}

// TestFuzzyAgreement measures the fuzzy matches on the cluster as on the
// embedded index: 200 altered sentences of a translation memory, the first
// match against a brute force.
func TestFuzzyAgreement(t *testing.T) {
	clusterURL(t)
	got := searchtest.MeasureFuzzy(t, func(tb testing.TB, docs ...*corpus.Doc) searchtest.Engine {
		return mustBuild(tb, docs...)
	})
	searchtest.CheckFuzzyFigures(t, "opensearch", got)
}

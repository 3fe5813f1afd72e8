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

package reading

import (
	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/highlight"
)

func highlightMerge(text string, spans []corpus.Span) []corpus.Span {
	return highlight.Merge(text, spans)
}

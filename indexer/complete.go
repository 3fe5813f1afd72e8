package indexer

import (
	"context"
	"sort"
	"strings"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/search"
)

// Complete lists index terms that start with prefix, the most frequent
// first: Latin words from the corpus vocabulary, or gse words of the Chinese
// side (folded, so Traditional input completes too).
func (ix *Index) Complete(_ context.Context, prefix string, n int) ([]string, error) {
	p := strings.TrimSpace(analysis.FoldString(prefix))
	n = max(1, min(n, search.MaxCompletions))
	if p == "" {
		return []string{}, nil
	}
	if !analysis.HasHan(p) {
		return ix.meta.CompleteLatin(p, n), nil
	}
	type cand struct {
		term  string
		count uint64
	}
	var cs []cand
	for t, c := range ix.termsWithPrefix(fieldZH, p, 5000) {
		if t != p && len([]rune(t)) >= 2 {
			cs = append(cs, cand{t, c})
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].count != cs[j].count {
			return cs[i].count > cs[j].count
		}
		return cs[i].term < cs[j].term
	})
	out := []string{}
	for _, c := range cs[:min(n, len(cs))] {
		out = append(out, c.term)
	}
	return out, nil
}

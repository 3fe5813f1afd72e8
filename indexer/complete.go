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

// Examples lists queries that find something here: frequent Chinese words
// (from the word field's dictionary, walked once) and English words.
func (ix *Index) Examples(_ context.Context, n int) ([]string, error) {
	ix.zhWordsOnce.Do(func() {
		counts := ix.termsWithPrefix(fieldZH, "", 1<<30)
		for t, c := range counts {
			if k := len([]rune(t)); k >= 2 && k <= 4 && analysis.HasHan(t) {
				ix.zhWords = append(ix.zhWords, search.VocabEntry{Word: t, Count: int(c)})
			}
		}
		sort.Slice(ix.zhWords, func(i, j int) bool {
			if ix.zhWords[i].Count != ix.zhWords[j].Count {
				return ix.zhWords[i].Count > ix.zhWords[j].Count
			}
			return ix.zhWords[i].Word < ix.zhWords[j].Word
		})
		if len(ix.zhWords) > 100 {
			ix.zhWords = ix.zhWords[:100]
		}
	})
	return ix.meta.Examples(ix.zhWords, n), nil
}

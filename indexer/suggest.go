package indexer

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/blevesearch/bleve/v2"
)

const (
	vocabKey  = "bisearch:vocab"
	vocabSize = 100_000 // most frequent Latin words kept for spelling suggestions and prefix expansion
)

// vocabCounter counts the Latin words of the corpus (both sides, lower-case,
// three letters or more) for spelling suggestions.
type vocabCounter map[string]int

func (v vocabCounter) add(text string) {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !(unicode.IsLetter(r) || unicode.IsDigit(r)) || isHan(r) }) {
		if len(w) >= 3 && len(w) <= 30 && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			v[strings.ToLower(w)]++
		}
	}
}

type vocabEntry struct {
	Word  string `json:"w"`
	Count int    `json:"n"`
}

// top keeps the most frequent words.
func (v vocabCounter) top(n int) []vocabEntry {
	out := make([]vocabEntry, 0, len(v))
	for w, c := range v {
		out = append(out, vocabEntry{w, c})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Word < out[j].Word
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

type vocab struct {
	once    sync.Once
	entries []vocabEntry
}

func (ix *Index) vocabulary() []vocabEntry {
	ix.vocab.once.Do(func() {
		raw, err := ix.shards[0].GetInternal([]byte(vocabKey))
		if err == nil && len(raw) > 0 {
			json.Unmarshal(raw, &ix.vocab.entries)
		}
	})
	return ix.vocab.entries
}

// MaxSuggestions is how many alternative queries a result with no hit offers.
const MaxSuggestions = 3

// suggest offers queries that find something when q found nothing: the query
// without the words that match nowhere, and those words spelt as the
// corpus spells them.
func (ix *Index) suggest(ctx context.Context, p *parsed, q Query) []string {
	if len(p.groups) == 0 {
		return nil
	}
	count := func(pp *parsed) uint64 {
		req := bleve.NewSearchRequestOptions(ix.build(pp, q), 0, 0, false)
		res, err := ix.idx.SearchInContext(ctx, req)
		if err != nil {
			return 0
		}
		return res.Total
	}
	var dead []int
	for i, g := range p.groups {
		one := *p
		one.groups = []group{g}
		if count(&one) == 0 {
			dead = append(dead, i)
		}
	}
	var out []string
	seen := map[string]bool{q.Text: true}
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s != "" && !seen[s] && len(out) < MaxSuggestions {
			seen[s] = true
			out = append(out, s)
		}
	}
	// spelling: each dead single Latin word, replaced by its nearest corpus word
	replace := map[int]string{}
	for _, i := range dead {
		g := p.groups[i]
		if len(g.terms) != 1 || g.terms[0].han || g.terms[0].prefix || g.terms[0].phrase {
			continue
		}
		if w := ix.nearestWord(strings.ToLower(g.terms[0].text)); w != "" {
			prefix := ""
			if g.terms[0].side != "" {
				prefix = g.terms[0].side + ":"
			}
			replace[i] = prefix + w
		}
	}
	if len(replace) > 0 {
		keepAll := func(int) bool { return true }
		cand := p.text(keepAll, replace)
		if pp, err := parse(cand); err == nil && count(pp) > 0 {
			add(cand)
		}
	}
	if len(dead) > 0 && len(dead) < len(p.groups) {
		isDead := map[int]bool{}
		for _, i := range dead {
			isDead[i] = true
		}
		add(p.text(func(i int) bool { return !isDead[i] }, nil))
	}
	if len(dead) == 0 {
		// every word is somewhere, never all in one unit: each on its own
		for i := range p.groups {
			add(p.text(func(j int) bool { return i == j }, nil))
		}
	}
	return out
}

// nearestWord is the most frequent corpus word within a small edit distance
// of w (one edit for short words, two for longer), or "".
func (ix *Index) nearestWord(w string) string {
	if len(w) < 3 {
		return ""
	}
	limit := 1
	if len(w) > 5 {
		limit = 2
	}
	best, bestD, bestN := "", limit+1, 0
	for _, e := range ix.vocabulary() {
		if e.Word == w || abs(len(e.Word)-len(w)) > limit {
			continue
		}
		d := editDistance(w, e.Word, limit)
		if d < bestD || d == bestD && e.Count > bestN {
			best, bestD, bestN = e.Word, d, e.Count
		}
	}
	if bestD > limit {
		return ""
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// editDistance is the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions and transpositions of neighbours),
// or limit+1 once it is sure to exceed limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// expandEN lists the analysed forms (stems) of the corpus words that start
// with prefix, at most MaxExpansion+1 of them (more means too many).
func (ix *Index) expandEN(prefix string) []string {
	p := strings.ToLower(FoldString(prefix))
	seen := map[string]bool{}
	var out []string
	for _, e := range ix.vocabulary() {
		if !strings.HasPrefix(e.Word, p) {
			continue
		}
		for _, tok := range ix.analyze(AnalyzerEN, e.Word) {
			if st := string(tok.Term); !seen[st] {
				seen[st] = true
				out = append(out, st)
			}
		}
		if len(out) > MaxExpansion {
			break
		}
	}
	return out
}

// MaxCompletions is how many completions Complete gives at most.
const MaxCompletions = 20

// Complete lists index terms that start with prefix, the most frequent
// first: Latin words from the corpus vocabulary, or gse words of the Chinese
// side (folded, so Traditional input completes too).
func (ix *Index) Complete(prefix string, n int) []string {
	p := strings.TrimSpace(FoldString(prefix))
	n = max(1, min(n, MaxCompletions))
	out := []string{}
	if p == "" {
		return out
	}
	han := false
	for _, r := range p {
		han = han || isHan(r)
	}
	if !han {
		for _, e := range ix.vocabulary() {
			if strings.HasPrefix(e.Word, p) && e.Word != p {
				out = append(out, e.Word)
				if len(out) == n {
					break
				}
			}
		}
		return out
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
	for _, c := range cs[:min(n, len(cs))] {
		out = append(out, c.term)
	}
	return out
}

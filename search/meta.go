package search

import (
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/reading"
)

// Version is the layout of what bisearch writes into an index. An index
// written with another is refused with a message saying to rebuild it.
const Version = 3

// DocInfo describes one indexed document.
type DocInfo struct {
	ID      string
	Title   string
	Source  string // the file(s) it was read from, relative to the corpus root
	Units   int
	Aligned int
	Key     string // the source files, for incremental runs
	Hash    string // their content hash
}

// Manifest is what an index knows about its build.
type Manifest struct {
	Version int       `json:"version"`
	Docs    []DocInfo `json:"docs"`
	Built   time.Time `json:"built"`
	Bytes   int64     `json:"bytes"` // text indexed
}

// VocabEntry is a word of the corpus and how often it occurs.
type VocabEntry struct {
	Word  string `json:"w"`
	Count int    `json:"n"`
}

// Meta is what an index knows of its documents and words, loaded once when
// it is opened (the vocabulary and associations on first use).
type Meta struct {
	manifest Manifest
	byID     map[string]int
	units    int

	vocabOnce sync.Once
	vocabLoad func() []VocabEntry
	vocab     []VocabEntry

	assocOnce sync.Once
	assocLoad func() reading.Assoc
	assoc     reading.Assoc

	stemsOnce sync.Once
	stems     map[string]int // corpus.Stem of the vocabulary's words → their count
}

// NewMeta makes the Meta of an index from its manifest and the functions
// that load its vocabulary and associations.
func NewMeta(m Manifest, vocab func() []VocabEntry, assoc func() reading.Assoc) *Meta {
	mt := &Meta{manifest: m, byID: make(map[string]int, len(m.Docs)), vocabLoad: vocab, assocLoad: assoc}
	for i, d := range m.Docs {
		mt.byID[d.ID] = i
		mt.units += d.Units
	}
	return mt
}

// Manifest returns the index's manifest.
func (m *Meta) Manifest() Manifest { return m.manifest }

// Docs lists the documents in build order.
func (m *Meta) Docs() []DocInfo { return append([]DocInfo(nil), m.manifest.Docs...) }

// Doc returns a document's information.
func (m *Meta) Doc(id string) (DocInfo, bool) {
	i, ok := m.byID[id]
	if !ok {
		return DocInfo{}, false
	}
	return m.manifest.Docs[i], true
}

// Title is a document's title, "" for an unknown id.
func (m *Meta) Title(id string) string {
	d, _ := m.Doc(id)
	return d.Title
}

// Counts returns the number of documents and units.
func (m *Meta) Counts() (docs, units int) { return len(m.manifest.Docs), m.units }

// Vocabulary is the corpus's most frequent Latin words, the most frequent
// first.
func (m *Meta) Vocabulary() []VocabEntry {
	m.vocabOnce.Do(func() {
		if m.vocabLoad != nil {
			m.vocab = m.vocabLoad()
		}
	})
	return m.vocab
}

// Assoc is the word associations learned from the corpus.
func (m *Meta) Assoc() *reading.Assoc {
	m.assocOnce.Do(func() {
		if m.assocLoad != nil {
			m.assoc = m.assocLoad()
		}
	})
	return &m.assoc
}

// StemCount is how often the words of an English stem occur in the corpus
// (from the vocabulary; 0 for a stem it does not hold).
func (m *Meta) StemCount(stem string) int {
	m.stemsOnce.Do(func() {
		m.stems = map[string]int{}
		for _, e := range m.Vocabulary() {
			m.stems[corpus.Stem(e.Word)] += e.Count
		}
	})
	return m.stems[stem]
}

// VocabSize is how many of the most frequent Latin words an index keeps,
// for spelling suggestions, completions and prefix expansion.
const VocabSize = 100_000

// VocabCounter counts the Latin words of the corpus (both sides, lower-case,
// three letters or more). It holds at most vocabCounted words: past that,
// the rarest are let go (lossy counting), so a corpus of any size is counted
// in bounded memory and its frequent words keep their counts.
type VocabCounter map[string]int

// vocabCounted is how many words a VocabCounter holds at most.
var vocabCounted = 4 * VocabSize

// Add counts the words of a text.
func (v VocabCounter) Add(text string) {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !(unicode.IsLetter(r) || unicode.IsDigit(r)) || corpus.IsHan(r) }) {
		if len(w) >= 3 && len(w) <= 30 && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			v[strings.ToLower(w)]++
		}
	}
	if len(v) > vocabCounted {
		v.prune()
	}
}

// prune lets go of the rarest words, keeping at most half of vocabCounted.
func (v VocabCounter) prune() {
	// the smallest count k such that the words counted more than k fit
	byCount := map[int]int{}
	for _, c := range v {
		byCount[c]++
	}
	counts := make([]int, 0, len(byCount))
	for c := range byCount {
		counts = append(counts, c)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(counts)))
	k, kept := 0, 0
	for _, c := range counts {
		if kept+byCount[c] > vocabCounted/2 {
			k = c
			break
		}
		kept += byCount[c]
	}
	for w, c := range v {
		if c <= k {
			delete(v, w)
		}
	}
}

// Top keeps the n most frequent words.
func (v VocabCounter) Top(n int) []VocabEntry {
	out := make([]VocabEntry, 0, len(v))
	for w, c := range v {
		out = append(out, VocabEntry{w, c})
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

// NearestWord is the most frequent corpus word within a small edit distance
// of w (one edit for short words, two for longer), or "".
func (m *Meta) NearestWord(w string) string {
	if len(w) < 3 {
		return ""
	}
	limit := 1
	if len(w) > 5 {
		limit = 2
	}
	best, bestD, bestN := "", limit+1, 0
	for _, e := range m.Vocabulary() {
		if e.Word == w || abs(len(e.Word)-len(w)) > limit {
			continue
		}
		d := EditDistance(w, e.Word, limit)
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

// EditDistance is the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions and transpositions of neighbours),
// or limit+1 once it is sure to exceed limit.
func EditDistance(a, b string, limit int) int {
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

// ExpandEN lists the analysed forms (stems) of the corpus words that start
// with prefix, at most query.MaxExpansion+1 of them (more means too many).
func (m *Meta) ExpandEN(prefix string) []string {
	p := strings.ToLower(analysis.FoldString(prefix))
	seen := map[string]bool{}
	var out []string
	for _, e := range m.Vocabulary() {
		if !strings.HasPrefix(e.Word, p) {
			continue
		}
		for _, tok := range analysis.EnglishTokens(e.Word) {
			if !seen[tok.Term] {
				seen[tok.Term] = true
				out = append(out, tok.Term)
			}
		}
		if len(out) > query.MaxExpansion {
			break
		}
	}
	return out
}

// Aligned counts the aligned pairs of all the documents.
func (m *Meta) Aligned() int {
	n := 0
	for _, d := range m.manifest.Docs {
		n += d.Aligned
	}
	return n
}

// Examples picks queries that find something in this index, to offer a
// newcomer: the most frequent Chinese words of two to four characters
// (from zh, the most frequent first) and English words of four letters or
// more that are not stop words.
func (m *Meta) Examples(zh []VocabEntry, n int) []string {
	var out []string
	for _, w := range zh {
		if k := len([]rune(w.Word)); k >= 2 && k <= 4 && analysis.HasHan(w.Word) && len(out) < (n+1)/2 {
			out = append(out, w.Word)
		}
	}
	for _, e := range m.Vocabulary() {
		if len(out) >= n {
			break
		}
		if len(e.Word) >= 4 && !analysis.HasHan(e.Word) && len(analysis.EnglishTokens(e.Word)) > 0 && strings.IndexFunc(e.Word, unicode.IsDigit) < 0 {
			out = append(out, e.Word)
		}
	}
	return out
}

// MaxCompletions is how many completions a completion request gives at most.
const MaxCompletions = 20

// CompleteLatin lists the corpus words that start with prefix (folded), the
// most frequent first.
func (m *Meta) CompleteLatin(prefix string, n int) []string {
	out := []string{}
	for _, e := range m.Vocabulary() {
		if strings.HasPrefix(e.Word, prefix) && e.Word != prefix {
			out = append(out, e.Word)
			if len(out) == n {
				break
			}
		}
	}
	return out
}

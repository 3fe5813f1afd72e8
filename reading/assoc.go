package reading

import (
	"sort"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/corpus"
)

// Word associations learned at build time from the corpus's own aligned
// sentences: for each Chinese word (gse) the English stems that keep company
// with it far more than chance (Dice coefficient), and the reverse. They
// complete CC-CEDICT when marking the words that translate a query, with the
// corpus's own terminology.
const (
	assocMinCount  = 5   // co-occurrences needed
	assocMinDice   = 0.4 // association needed
	assocKeep      = 3   // associates kept per word
	assocMaxPairs  = 2e5 // sentence pairs counted at most
	assocMaxTokens = 40  // words per sentence counted at most
)

// Counter counts words and co-occurrences in aligned sentence pairs.
// Words are numbered and a co-occurrence is counted under the pair of
// numbers: millions of pairs take tens, not hundreds, of megabytes.
type Counter struct {
	pairs  int
	zh, en wordCounts
	both   map[uint64]uint32
}

// wordCounts numbers words and counts them.
type wordCounts struct {
	id    map[string]uint32
	words []string
	n     []int
}

func (w *wordCounts) add(word string) uint32 {
	i, ok := w.id[word]
	if !ok {
		i = uint32(len(w.words))
		w.id[word] = i
		w.words = append(w.words, word)
		w.n = append(w.n, 0)
	}
	w.n[i]++
	return i
}

// NewCounter returns an empty counter.
func NewCounter() *Counter {
	return &Counter{zh: wordCounts{id: map[string]uint32{}}, en: wordCounts{id: map[string]uint32{}}, both: map[uint64]uint32{}}
}

// Full reports whether the counter has seen all the pairs it counts.
func (c *Counter) Full() bool { return c.pairs >= assocMaxPairs }

// Add counts the words of one aligned sentence pair.
func (c *Counter) Add(zh, en string) {
	if c.pairs >= assocMaxPairs {
		return
	}
	c.AddWords(PairWords(zh, en))
}

// PairWords are the words of an aligned sentence pair that associations
// count (the costly part, safe to run in parallel).
func PairWords(zh, en string) (zw, ew []string) {
	return uniq(analysis.ChineseWords(zh), assocMaxTokens), uniq(englishStems(en), assocMaxTokens)
}

// AddWords counts the words of one aligned sentence pair, as PairWords
// gives them.
func (c *Counter) AddWords(zw, ew []string) {
	if c.pairs >= assocMaxPairs {
		return
	}
	c.pairs++
	zi := make([]uint32, len(zw))
	for i, z := range zw {
		zi[i] = c.zh.add(z)
	}
	ei := make([]uint32, len(ew))
	for i, e := range ew {
		ei[i] = c.en.add(e)
	}
	for _, z := range zi {
		for _, e := range ei {
			c.both[uint64(z)<<32|uint64(e)]++
		}
	}
}

func englishStems(text string) []string {
	var out []string
	for _, w := range corpus.EnglishWordSpans(text) {
		if !corpus.IsStopWord(w.Word) {
			out = append(out, corpus.Stem(w.Word))
		}
	}
	return out
}

func uniq(xs []string, limit int) []string {
	seen := map[string]bool{}
	out := xs[:0]
	for _, x := range xs {
		if !seen[x] && len(out) < limit {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// Assoc is what an index keeps of the associations: Chinese word → English
// stems, and back.
type Assoc struct {
	ZH map[string][]string `json:"zh"`
	EN map[string][]string `json:"en"`
}

// Result keeps, for each word, its best associates.
func (c *Counter) Result() Assoc {
	type cand struct {
		other string
		dice  float64
	}
	zh, en := map[string][]cand{}, map[string][]cand{}
	for k, n := range c.both {
		if n < assocMinCount {
			continue
		}
		zi, ei := uint32(k>>32), uint32(k)
		d := 2 * float64(n) / float64(c.zh.n[zi]+c.en.n[ei])
		if d < assocMinDice {
			continue
		}
		z, e := c.zh.words[zi], c.en.words[ei]
		zh[z] = append(zh[z], cand{e, d})
		en[e] = append(en[e], cand{z, d})
	}
	top := func(m map[string][]cand) map[string][]string {
		out := make(map[string][]string, len(m))
		for w, cs := range m {
			sort.Slice(cs, func(i, j int) bool {
				if cs[i].dice != cs[j].dice {
					return cs[i].dice > cs[j].dice
				}
				return cs[i].other < cs[j].other
			})
			for k := 0; k < len(cs) && k < assocKeep; k++ {
				out[w] = append(out[w], cs[k].other)
			}
		}
		return out
	}
	return Assoc{ZH: top(zh), EN: top(en)}
}

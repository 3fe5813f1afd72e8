package indexer

import (
	"encoding/json"
	"sort"
	"sync"

	"github.com/bisearch/bisearch/corpus"
)

// Word associations learned at build time from the corpus's own aligned
// sentences: for each Chinese word (gse) the English stems that keep company
// with it far more than chance (Dice coefficient), and the reverse. They
// complete CC-CEDICT when marking the words that translate a query, with the
// corpus's own terminology.
const (
	assocKey       = "bisearch:assoc"
	assocMinCount  = 5   // co-occurrences needed
	assocMinDice   = 0.4 // association needed
	assocKeep      = 3   // associates kept per word
	assocMaxPairs  = 2e5 // sentence pairs counted at most
	assocMaxTokens = 40  // words per sentence counted at most
)

// assocCounter counts words and co-occurrences in aligned sentence pairs.
// Words are numbered and a co-occurrence is counted under the pair of
// numbers: millions of pairs take tens, not hundreds, of megabytes.
type assocCounter struct {
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

func newAssocCounter() *assocCounter {
	return &assocCounter{zh: wordCounts{id: map[string]uint32{}}, en: wordCounts{id: map[string]uint32{}}, both: map[uint64]uint32{}}
}

// full reports whether the counter has seen all the pairs it counts.
func (c *assocCounter) full() bool { return c.pairs >= assocMaxPairs }

// add counts the words of one aligned sentence pair.
func (c *assocCounter) add(zh, en string) {
	if c.pairs >= assocMaxPairs {
		return
	}
	c.addWords(pairWords(zh, en))
}

// pairWords are the words of an aligned sentence pair that associations
// count (the costly part, safe to run in parallel).
func pairWords(zh, en string) (zw, ew []string) {
	return uniq(chineseWords(zh), assocMaxTokens), uniq(englishStems(en), assocMaxTokens)
}

// addWords counts the words of one aligned sentence pair, as pairWords
// gives them.
func (c *assocCounter) addWords(zw, ew []string) {
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

// chineseWords are the gse words of two or more characters in a text.
func chineseWords(text string) []string {
	s, err := segmenter()
	if err != nil {
		return nil
	}
	var out []string
	for _, p := range pieces(text) {
		if !p.han {
			continue
		}
		for _, w := range cutWords(s, p.norm) {
			if len([]rune(w)) >= 2 {
				out = append(out, w)
			}
		}
	}
	return out
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

// assoc is what the index keeps: Chinese word → English stems, and back.
type assoc struct {
	ZH map[string][]string `json:"zh"`
	EN map[string][]string `json:"en"`
}

// result keeps, for each word, its best associates.
func (c *assocCounter) result() assoc {
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
	return assoc{ZH: top(zh), EN: top(en)}
}

type assocCache struct {
	once sync.Once
	a    assoc
}

func (ix *Index) associations() assoc {
	ix.assoc.once.Do(func() {
		raw, err := ix.shards[0].GetInternal([]byte(assocKey))
		if err == nil && len(raw) > 0 {
			json.Unmarshal(raw, &ix.assoc.a)
		}
	})
	return ix.assoc.a
}

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
// corpus's own terminology — but only on enough evidence: a number of
// co-occurrences that grows with the corpus, a link that is among the best
// of both its words, and not between words that fill most pairs of one
// document (a report about Guangdong says "Guangdong" beside everything).
const (
	assocMinCount  = 5   // co-occurrences needed at least
	assocPerCount  = 1e4 // and one more for every this many sentence pairs counted
	assocMinDice   = 0.3 // association needed
	assocKeep      = 5   // associates kept per word
	assocMutual    = 3   // a link must be among the best this many of both its words
	assocMaxPairs  = 2e5 // sentence pairs counted at most
	assocMaxTokens = 40  // words per sentence counted at most
	docCommonPairs = 10  // a document with this many sentence pairs or more …
	docCommonShare = 0.5 // … does not count the words in more than this share of them
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

// AddDoc counts the aligned sentence pairs of one document (or of a long
// stretch of one), as PairWords gives them, leaving out the words that fill
// most of them: they keep company with everything in that document.
func (c *Counter) AddDoc(pairs [][2][]string) {
	var common map[string]bool
	if len(pairs) >= docCommonPairs {
		n := map[string]int{}
		for _, p := range pairs {
			for _, w := range p[0] {
				n["z"+w]++
			}
			for _, w := range p[1] {
				n["e"+w]++
			}
		}
		for w, k := range n {
			if float64(k) > docCommonShare*float64(len(pairs)) {
				if common == nil {
					common = map[string]bool{}
				}
				common[w] = true
			}
		}
	}
	for _, p := range pairs {
		zw, ew := p[0], p[1]
		if common != nil {
			zw, ew = keep(zw, "z", common), keep(ew, "e", common)
		}
		c.AddWords(zw, ew)
	}
}

func keep(ws []string, prefix string, drop map[string]bool) []string {
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		if !drop[prefix+w] {
			out = append(out, w)
		}
	}
	return out
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
	if len(c.both) > assocMaxBoth {
		c.prune()
	}
}

// assocMaxBoth is how many co-occurring word pairs a Counter holds at most
// (about 40 bytes each): past it, the rarest are let go.
var assocMaxBoth = 1 << 22

// prune lets go of the co-occurrences seen least, down to half of
// assocMaxBoth, into a new map (a map does not give memory back). A pair let
// go that comes again is counted from there: it is undercounted by at most
// the count it was let go at, far below the co-occurrences a link needs.
func (c *Counter) prune() {
	byCount := map[uint32]int{}
	for _, n := range c.both {
		byCount[n]++
	}
	k, left := uint32(0), len(c.both)
	for left > assocMaxBoth/2 {
		k++
		left -= byCount[k]
	}
	kept := make(map[uint64]uint32, left)
	for key, n := range c.both {
		if n > k {
			kept[key] = n
		}
	}
	c.both = kept
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

// Link is a word associated with another, and how strongly (Dice).
type Link struct {
	W string  `json:"w"`
	D float64 `json:"d"`
}

// Assoc is what an index keeps of the associations: Chinese word → English
// stems, and back, the strongest first.
type Assoc struct {
	ZH map[string][]Link `json:"zh"`
	EN map[string][]Link `json:"en"`
}

// Score is how strongly a Chinese word and an English stem are associated
// (0 when they are not).
func (a *Assoc) Score(zh, enStem string) float64 {
	if a == nil {
		return 0
	}
	for _, l := range a.ZH[zh] {
		if l.W == enStem {
			return l.D
		}
	}
	return 0
}

// MinCount is how many co-occurrences a link needs after pairs sentence
// pairs were counted.
func MinCount(pairs int) int { return assocMinCount + int(float64(pairs)/assocPerCount) }

// Result keeps, for each word, its best associates: enough co-occurrences,
// enough association, and among the best of both words.
func (c *Counter) Result() Assoc {
	type cand struct {
		other string
		dice  float64
	}
	minCount := uint32(MinCount(c.pairs))
	zh, en := map[string][]cand{}, map[string][]cand{}
	for k, n := range c.both {
		if n < minCount {
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
	rank := func(m map[string][]cand) {
		for _, cs := range m {
			sort.Slice(cs, func(i, j int) bool {
				if cs[i].dice != cs[j].dice {
					return cs[i].dice > cs[j].dice
				}
				return cs[i].other < cs[j].other
			})
		}
	}
	rank(zh)
	rank(en)
	among := func(cs []cand, w string) bool {
		for k := 0; k < len(cs) && k < assocMutual; k++ {
			if cs[k].other == w {
				return true
			}
		}
		return false
	}
	out := Assoc{ZH: map[string][]Link{}, EN: map[string][]Link{}}
	for z, cs := range zh {
		for _, c := range cs {
			if len(out.ZH[z]) < assocKeep && among(cs, c.other) && among(en[c.other], z) {
				out.ZH[z] = append(out.ZH[z], Link{c.other, round3(c.dice)})
			}
		}
	}
	for e, cs := range en {
		for _, c := range cs {
			if len(out.EN[e]) < assocKeep && among(cs, c.other) && among(zh[c.other], e) {
				out.EN[e] = append(out.EN[e], Link{c.other, round3(c.dice)})
			}
		}
	}
	return out
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

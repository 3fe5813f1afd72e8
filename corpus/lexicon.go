package corpus

import (
	"math"
	"strings"
)

// A lexicon learned from the document itself, as Hunalign's bootstrap
// does: the first pass's confident pairs show which Chinese words and
// English words go together (a literary sense CC-CEDICT lacks, an archaic
// English word, a transliterated name), and a second pass aligns with that
// evidence beside the dictionary's.

const (
	lexMinPairs = 100 // confident pairs a document needs before it learns
	lexMinScore = 0.9 // the confidence of a pair learnt from
	lexMinDice  = 0.3 // association a word pair needs …
	lexMinCount = 3   // … and the pairs it must occur in together
	lexPerWord  = 3   // English words kept for each Chinese word …
	lexNearBest = 0.7 // … each as associated with it as this share of its best Chinese word
	lexMaxVocab = 1 << 15
)

// docVocab numbers a document's English content words (stemmed as the
// dictionary's glosses are) and lists each English paragraph's.
type docVocab struct {
	ids   map[string]int32
	words [][]int32 // per English paragraph, sorted
}

func vocabOf(en []Paragraph) *docVocab {
	v := &docVocab{ids: map[string]int32{}, words: make([][]int32, len(en))}
	for j, p := range en {
		var ws []int32
		for _, w := range englishWords(p.Text) {
			if len(w) < 3 || glossSkip[strings.ToLower(w)] {
				continue
			}
			s := stem(w)
			id, ok := v.ids[s]
			if !ok {
				id = int32(len(v.ids))
				v.ids[s] = id
			}
			ws = append(ws, id)
		}
		v.words[j] = union(ws, nil)
	}
	return v
}

// zhTokens lists the Chinese tokens a lexicon is learnt over: the words of
// the dictionary's longest match (single characters included) and every
// pair of neighbouring Han characters (names and words it does not hold).
func zhTokens(s string, d *Dict) []string {
	rs := []rune(s)
	var out []string
	for i := 0; i < len(rs); {
		if !isHan(rs[i]) {
			i++
			continue
		}
		n, _ := d.longestAt(rs, i, 2)
		n = max(n, 1)
		out = append(out, string(rs[i:i+n]))
		i += n
	}
	for i := 0; i+1 < len(rs); i++ {
		if isHan(rs[i]) && isHan(rs[i+1]) {
			out = append(out, string(rs[i:i+2]))
		}
	}
	return union(out, nil)
}

// enoughPairs reports whether a path has the confident pairs a lexicon is
// learnt from.
func enoughPairs(path []step) bool {
	n := 0
	for _, s := range path {
		if len(s.zh) > 0 && len(s.en) > 0 && s.score >= lexMinScore {
			n++
		}
	}
	return n >= lexMinPairs
}

// learnLexicon counts, over the confident pairs of a first path, how often
// each Chinese token and English word occur together, and keeps for each
// Chinese token the English words most associated with it (Dice), each
// nearly as associated with it as with its best Chinese token. It
// returns, for every Chinese paragraph, the English words (vocab ids) its
// tokens translate to by the lexicon, or nil when the document has too few
// confident pairs to learn from.
func learnLexicon(zh []Paragraph, v *docVocab, path []step, d *Dict) [][]int32 {
	toks, nz := tokenIDs(zh, d)
	pairs := confidentPairs(path, toks, v)
	if len(pairs) < lexMinPairs {
		return nil
	}
	c := countPairs(pairs, nz, len(v.ids))
	best := c.associations()
	out := make([][]int32, len(zh))
	for i, ids := range toks {
		var es []int32
		for _, z := range ids {
			es = append(es, best[z]...)
		}
		out[i] = union(es, nil)
	}
	return out
}

// tokenIDs numbers the Chinese tokens of each paragraph.
func tokenIDs(zh []Paragraph, d *Dict) ([][]int32, int) {
	toks := make([][]int32, len(zh))
	ids := map[string]int32{}
	for i, p := range zh {
		ts := zhTokens(p.Text, d)
		toks[i] = make([]int32, len(ts))
		for k, t := range ts {
			id, ok := ids[t]
			if !ok {
				id = int32(len(ids))
				ids[t] = id
			}
			toks[i][k] = id
		}
	}
	return toks, len(ids)
}

// pairSides are the Chinese tokens and English words of a pair.
type pairSides struct{ z, e []int32 }

// confidentPairs lists the tokens and words of the path's confident pairs.
func confidentPairs(path []step, toks [][]int32, v *docVocab) []pairSides {
	var pairs []pairSides
	for _, s := range path {
		if len(s.zh) == 0 || len(s.en) == 0 || s.score < lexMinScore {
			continue
		}
		var p pairSides
		for _, i := range s.zh {
			p.z = union(p.z, toks[i])
		}
		for _, j := range s.en {
			p.e = union(p.e, v.words[j])
		}
		pairs = append(pairs, p)
	}
	return pairs
}

// cooccurrence counts the pairs each token, each word and each token with
// each word occur in.
type cooccurrence struct {
	cz, ce []int32
	joint  map[uint64]int32 // token<<32 | word
}

func countPairs(pairs []pairSides, nz, ne int) *cooccurrence {
	c := &cooccurrence{cz: make([]int32, nz), ce: make([]int32, ne), joint: map[uint64]int32{}}
	for _, p := range pairs {
		for _, z := range p.z {
			c.cz[z]++
		}
		for _, e := range p.e {
			c.ce[e]++
		}
	}
	for _, p := range pairs {
		for _, z := range p.z {
			if c.cz[z] < lexMinCount {
				continue
			}
			for _, e := range p.e {
				if c.ce[e] >= lexMinCount {
					c.joint[uint64(z)<<32|uint64(e)]++
				}
			}
		}
	}
	return c
}

func (c *cooccurrence) dice(k uint64, n int32) (int32, int32, float64) {
	z, e := int32(k>>32), int32(k&math.MaxUint32)
	return z, e, 2 * float64(n) / float64(c.cz[z]+c.ce[e])
}

// associations lists for each token the words it goes with: Dice at least
// lexMinDice over at least lexMinCount pairs, at least lexNearBest of the
// word's best association (a token that merely recurs beside a word, 了
// beside every name, falls well short of it), the lexPerWord best.
func (c *cooccurrence) associations() [][]int32 {
	bestOfE := make([]float64, len(c.ce))
	for k, n := range c.joint {
		if _, e, dc := c.dice(k, n); n >= lexMinCount && dc > bestOfE[e] {
			bestOfE[e] = dc
		}
	}
	type cand struct {
		e    int32
		dice float64
	}
	best := make([][]cand, len(c.cz))
	for k, n := range c.joint {
		z, e, dice := c.dice(k, n)
		if n < lexMinCount || dice < lexMinDice || dice < lexNearBest*bestOfE[e] {
			continue
		}
		b := append(best[z], cand{e, dice})
		// best first, ties by word: the same lexicon whatever the map's order
		for x := len(b) - 1; x > 0 && (b[x].dice > b[x-1].dice || b[x].dice == b[x-1].dice && b[x].e < b[x-1].e); x-- {
			b[x], b[x-1] = b[x-1], b[x]
		}
		best[z] = b[:min(len(b), lexPerWord)]
	}
	out := make([][]int32, len(best))
	for z, b := range best {
		for _, cd := range b {
			out[z] = append(out[z], cd.e)
		}
	}
	return out
}

// useLexicon gives the features the document's vocabulary: each English
// paragraph its content words, each Chinese one a bit set of the words its
// dictionary glosses or the learnt lexicon translate it to.
func useLexicon(fz, fe []features, v *docVocab, learnt [][]int32, d *Dict) bool {
	if len(v.ids) == 0 || len(v.ids) > lexMaxVocab {
		return false
	}
	// dictionary stem id → vocab id
	fromDict := map[int32]int32{}
	for s, id := range v.ids {
		if did, ok := d.stemID[s]; ok {
			fromDict[did] = id
		}
	}
	size := (len(v.ids) + 63) / 64
	for i := range fz {
		bits := make([]uint64, size)
		for _, did := range fz[i].stems {
			if l, ok := fromDict[did]; ok {
				bits[l>>6] |= 1 << (l & 63)
			}
		}
		for _, l := range learnt[i] {
			bits[l>>6] |= 1 << (l & 63)
		}
		fz[i].lex = bits
	}
	for j := range fe {
		fe[j].words = v.words[j]
	}
	return true
}

// lexOverlap is the share of y's English words that x's Chinese words
// translate to, by dictionary or lexicon.
func lexOverlap(x, y *features) float64 {
	if len(y.words) == 0 || x.lex == nil {
		return 0
	}
	n := 0
	for _, l := range y.words {
		n += int(x.lex[l>>6] >> (l & 63) & 1)
	}
	return float64(n) / float64(len(y.words))
}

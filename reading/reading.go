// Package reading owns the reading aids that come with a hit: the sentences
// of each side and how they align, the matched sentences and their
// translations shaded, and the words that translate the query marked — from
// CC-CEDICT and from the word associations learned from the corpus's own
// aligned sentences (counted at build time here too). It knows no engine.
package reading

import (
	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/query"
)

// Translations is what a query's terms translate to, worked out once per
// search and used for every hit.
type Translations struct {
	enIDs   map[int32]bool  // dictionary stems of the English words glossing the Chinese terms
	enStems map[string]bool // English stems the corpus pairs with the Chinese terms
	zhIDs   map[int32]bool  // dictionary stems of the English terms (to find Chinese words glossed by them)
	zhWords []string        // Chinese words the corpus pairs with the English terms
}

// TranslationsOf works out what the terms translate to, from CC-CEDICT and
// the corpus's associations.
func TranslationsOf(terms []query.Term, as *Assoc) *Translations {
	d := corpus.CEDICT()
	tr := &Translations{enIDs: map[int32]bool{}, enStems: map[string]bool{}, zhIDs: map[int32]bool{}}
	if as == nil {
		as = &Assoc{}
	}
	seen := map[string]bool{}
	for _, t := range terms {
		switch {
		case t.Han && t.Side != corpus.EN:
			folded := analysis.FoldString(t.Text)
			for _, id := range d.TermStems(folded) {
				tr.enIDs[id] = true
			}
			for _, w := range append(analysis.ChineseWords(t.Text), folded) {
				for _, e := range as.ZH[w] {
					tr.enStems[e] = true
				}
			}
		case t.Latin && !t.Han && t.Side != corpus.ZH:
			for _, w := range corpus.EnglishWordSpans(t.Text) {
				if id, ok := d.StemID(w.Word); ok {
					tr.zhIDs[id] = true
				}
			}
			for _, e := range englishStems(t.Text) {
				for _, z := range as.EN[e] {
					if !seen[z] {
						seen[z] = true
						tr.zhWords = append(tr.zhWords, z)
					}
				}
			}
		}
	}
	return tr
}

// Sentence is a sentence of a side and the sentences of the other side it
// aligns with.
type Sentence struct {
	Start, End int
	Aligned    []int
}

// Side is one side of a pair as the aids see it: its text and where the
// query matched.
type Side struct {
	Text  string
	Spans []corpus.Span
}

// Aids are the reading aids of one side of a pair.
type Aids struct {
	Sentences  []Sentence
	Shaded     []corpus.Span // the matched sentences, or those aligned with a match
	Equivalent []corpus.Span // words that translate the query
}

// Of works out the reading aids of a pair from its stored sentence
// alignment (as corpus.SentenceAlignment.Encode writes it); ok is false when
// there is none that fits the text, and the sides then keep their plain
// highlight.
func (tr *Translations) Of(zh, en Side, encoded string) (az, ae Aids, ok bool) {
	al, ok := corpus.DecodeSentenceAlignment(encoded)
	if !ok || !spansFit(al.ZH, zh.Text) || !spansFit(al.EN, en.Text) {
		return az, ae, false
	}
	zhLinks := make([][]int, len(al.ZH))
	enLinks := make([][]int, len(al.EN))
	for _, l := range al.Links {
		for _, i := range l.ZH {
			zhLinks[i] = append(zhLinks[i], l.EN...)
		}
		for _, j := range l.EN {
			enLinks[j] = append(enLinks[j], l.ZH...)
		}
	}
	az.Sentences = sentencesOf(al.ZH, zhLinks)
	ae.Sentences = sentencesOf(al.EN, enLinks)

	// sentences holding a match, and the sentences they align with
	shadeZH := make([]bool, len(al.ZH))
	shadeEN := make([]bool, len(al.EN))
	var fromZH, fromEN []int // aligned sentences reached from each side's matches
	for i, s := range al.ZH {
		if hasSpanIn(zh.Spans, s) {
			shadeZH[i] = true
			for _, j := range zhLinks[i] {
				shadeEN[j] = true
				fromZH = append(fromZH, j)
			}
		}
	}
	for j, s := range al.EN {
		if hasSpanIn(en.Spans, s) {
			shadeEN[j] = true
			for _, i := range enLinks[j] {
				shadeZH[i] = true
				fromEN = append(fromEN, i)
			}
		}
	}
	az.Shaded = pick(al.ZH, shadeZH)
	ae.Shaded = pick(al.EN, shadeEN)

	d := corpus.CEDICT()
	// the English that translates the Chinese terms, inside the sentences
	// aligned with the Chinese matches
	if len(zh.Spans) > 0 && len(fromZH) > 0 {
		for _, w := range corpus.EnglishWordSpans(en.Text) {
			if !inSentences(al.EN, fromZH, w.Start) || corpus.IsStopWord(w.Word) {
				continue
			}
			id, ok := d.StemID(w.Word)
			if ok && tr.enIDs[id] || tr.enStems[corpus.Stem(w.Word)] {
				ae.Equivalent = append(ae.Equivalent, corpus.Span{Start: w.Start, End: w.End})
			}
		}
	}
	// the Chinese words that translate the English terms, likewise
	if len(en.Spans) > 0 && len(fromEN) > 0 {
		for _, z := range tr.zhWords {
			for _, sp := range query.FindAll(zh.Text, z) {
				if inSentences(al.ZH, fromEN, sp.Start) {
					az.Equivalent = append(az.Equivalent, sp)
				}
			}
		}
		if len(tr.zhIDs) > 0 {
			for _, w := range d.Words(zh.Text) {
				if !inSentences(al.ZH, fromEN, w.Start) {
					continue
				}
				for _, id := range w.Stems {
					if tr.zhIDs[id] {
						az.Equivalent = append(az.Equivalent, corpus.Span{Start: w.Start, End: w.End})
						break
					}
				}
			}
		}
	}
	return az, ae, true
}

func spansFit(ss []corpus.Span, text string) bool {
	for _, s := range ss {
		if s.Start < 0 || s.End > len(text) || s.Start > s.End {
			return false
		}
	}
	return true
}

func sentencesOf(ss []corpus.Span, links [][]int) []Sentence {
	out := make([]Sentence, len(ss))
	for i, s := range ss {
		al := links[i]
		if al == nil {
			al = []int{}
		}
		out[i] = Sentence{Start: s.Start, End: s.End, Aligned: al}
	}
	return out
}

func hasSpanIn(spans []corpus.Span, s corpus.Span) bool {
	for _, sp := range spans {
		if sp.Start < s.End && s.Start < sp.End {
			return true
		}
	}
	return false
}

func pick(ss []corpus.Span, keep []bool) []corpus.Span {
	var out []corpus.Span
	for i, s := range ss {
		if keep[i] {
			out = append(out, s)
		}
	}
	return out
}

func inSentences(ss []corpus.Span, idx []int, at int) bool {
	for _, i := range idx {
		if ss[i].Start <= at && at < ss[i].End {
			return true
		}
	}
	return false
}

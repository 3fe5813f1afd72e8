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
	zh []zhTerm
	en []enTerm
	as *Assoc
	d  *corpus.Dict
	// hits: English stems the query's own hits pair with its Chinese term
	// far more than the rest of the corpus does (see Learn)
	hits map[string]float64
}

// zhTerm is a Chinese query term as the equivalents see it.
type zhTerm struct {
	words []string       // its gse words of two or more characters, and the term itself (folded)
	stems map[int32]bool // the stems of its dictionary glosses
	parts [][]int32      // the gloss stems of each dictionary word of the term, in order
	// bare: characters before the first (after the last) dictionary word
	// of the term, which the dictionary does not translate
	bareHead, bareTail bool
	nums               map[string]bool // the values of its numbers
}

// enTerm is an English query term.
type enTerm struct {
	stems []string        // the stems of its content words
	ids   map[int32]bool  // their ids among the dictionary's gloss stems
	nums  map[string]bool // the values of its numbers
}

// TranslationsOf works out what the terms translate to, from CC-CEDICT and
// the corpus's associations.
func TranslationsOf(terms []query.Term, as *Assoc) *Translations {
	d := corpus.CEDICT()
	tr := &Translations{as: as, d: d}
	for _, t := range terms {
		switch {
		case t.Han && t.Side != corpus.EN:
			folded := analysis.FoldString(t.Text)
			zt := zhTerm{stems: map[int32]bool{}, nums: map[string]bool{}}
			for _, id := range d.TermHeads(folded) {
				zt.stems[id] = true
			}
			dw := d.Words(folded)
			for _, w := range dw {
				zt.parts = append(zt.parts, w.Heads)
			}
			if len(dw) > 0 {
				zt.bareHead = analysis.HasHan(folded[:dw[0].Start])
				zt.bareTail = analysis.HasHan(folded[dw[len(dw)-1].End:])
			}
			zt.words = append(analysis.ChineseWords(folded), folded)
			for _, n := range corpus.Numbers(folded, corpus.ZH) {
				zt.nums[n.Value] = true
			}
			tr.zh = append(tr.zh, zt)
		case t.Latin && !t.Han && t.Side != corpus.ZH:
			et := enTerm{ids: map[int32]bool{}, nums: map[string]bool{}}
			for _, w := range corpus.EnglishWordSpans(t.Text) {
				if corpus.IsStopWord(w.Word) {
					continue
				}
				et.stems = append(et.stems, corpus.Stem(w.Word))
				if id, ok := d.StemID(w.Word); ok {
					et.ids[id] = true
				}
			}
			for _, n := range corpus.Numbers(t.Text, corpus.EN) {
				et.nums[n.Value] = true
			}
			tr.en = append(tr.en, et)
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
	for i, s := range al.ZH {
		if hasSpanIn(zh.Spans, s) {
			shadeZH[i] = true
			for _, j := range zhLinks[i] {
				shadeEN[j] = true
			}
		}
	}
	for j, s := range al.EN {
		if hasSpanIn(en.Spans, s) {
			shadeEN[j] = true
			for _, i := range enLinks[j] {
				shadeZH[i] = true
			}
		}
	}
	az.Shaded = pick(al.ZH, shadeZH)
	ae.Shaded = pick(al.EN, shadeEN)

	// the words that translate the query, in the sentences aligned with
	// each sentence that matched
	for _, l := range al.Links {
		zhMatched, enMatched := false, false
		for _, i := range l.ZH {
			zhMatched = zhMatched || hasSpanIn(zh.Spans, al.ZH[i])
		}
		for _, j := range l.EN {
			enMatched = enMatched || hasSpanIn(en.Spans, al.EN[j])
		}
		if zhMatched && len(tr.zh) > 0 {
			ae.Equivalent = append(ae.Equivalent, tr.englishFor(zh, en, al, l)...)
		}
		if enMatched && len(tr.en) > 0 {
			az.Equivalent = append(az.Equivalent, tr.chineseFor(zh, en, al, l)...)
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

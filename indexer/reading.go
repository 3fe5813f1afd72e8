package indexer

import (
	"github.com/bisearch/bisearch/corpus"
)

// translations is what a query's terms translate to, worked out once per
// search and used for every hit.
type translations struct {
	enIDs   map[int32]bool  // dictionary stems of the English words glossing the Chinese terms
	enStems map[string]bool // English stems the corpus pairs with the Chinese terms
	zhIDs   map[int32]bool  // dictionary stems of the English terms (to find Chinese words glossed by them)
	zhWords []string        // Chinese words the corpus pairs with the English terms
}

// translationsOf works out a query's translations.
func (ix *Index) translationsOf(terms []term) *translations {
	d := corpus.CEDICT()
	as := ix.associations()
	tr := &translations{enIDs: map[int32]bool{}, enStems: map[string]bool{}, zhIDs: map[int32]bool{}}
	seen := map[string]bool{}
	for _, t := range terms {
		switch {
		case t.han && t.side != "en":
			folded := FoldString(t.text)
			for _, id := range d.TermStems(folded) {
				tr.enIDs[id] = true
			}
			for _, w := range append(chineseWords(t.text), folded) {
				for _, e := range as.ZH[w] {
					tr.enStems[e] = true
				}
			}
		case t.latin && !t.han && t.side != "zh":
			for _, w := range corpus.EnglishWordSpans(t.text) {
				if id, ok := d.StemID(w.Word); ok {
					tr.zhIDs[id] = true
				}
			}
			for _, e := range englishStems(t.text) {
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

// reading adds to a hit what a reader of the pair needs: the sentences of
// each side and how they align, the matched sentences and their
// translations shaded, and on the other side of each match the words that
// translate the query (CC-CEDICT glosses) marked. Without a stored sentence
// alignment (an unpaired unit) the sides keep their plain highlight.
func (ix *Index) reading(h *Hit, tr *translations, encoded string) {
	if h.ZH == nil || h.EN == nil {
		return
	}
	al, ok := corpus.DecodeSentenceAlignment(encoded)
	if !ok || !spansFit(al.ZH, h.ZH.Text) || !spansFit(al.EN, h.EN.Text) {
		return
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
	h.ZH.Sentences = sentencesOf(al.ZH, zhLinks)
	h.EN.Sentences = sentencesOf(al.EN, enLinks)

	// sentences holding a match, and the sentences they align with
	shadeZH := make([]bool, len(al.ZH))
	shadeEN := make([]bool, len(al.EN))
	var fromZH, fromEN []int // aligned sentences reached from each side's matches
	for i, s := range al.ZH {
		if hasSpanIn(h.ZH.Spans, s) {
			shadeZH[i] = true
			for _, j := range zhLinks[i] {
				shadeEN[j] = true
				fromZH = append(fromZH, j)
			}
		}
	}
	for j, s := range al.EN {
		if hasSpanIn(h.EN.Spans, s) {
			shadeEN[j] = true
			for _, i := range enLinks[j] {
				shadeZH[i] = true
				fromEN = append(fromEN, i)
			}
		}
	}
	h.ZH.Shaded = pick(al.ZH, shadeZH)
	h.EN.Shaded = pick(al.EN, shadeEN)

	d := corpus.CEDICT()
	// the English that translates the Chinese terms, inside the sentences
	// aligned with the Chinese matches
	if len(h.ZH.Spans) > 0 && len(fromZH) > 0 {
		for _, w := range corpus.EnglishWordSpans(h.EN.Text) {
			if !inSentences(al.EN, fromZH, w.Start) || corpus.IsStopWord(w.Word) {
				continue
			}
			id, ok := d.StemID(w.Word)
			if ok && tr.enIDs[id] || tr.enStems[corpus.Stem(w.Word)] {
				h.EN.Equivalent = append(h.EN.Equivalent, Span{w.Start, w.End})
			}
		}
	}
	// the Chinese words that translate the English terms, likewise
	if len(h.EN.Spans) > 0 && len(fromEN) > 0 {
		for _, z := range tr.zhWords {
			for _, sp := range findAll(h.ZH.Text, z) {
				if inSentences(al.ZH, fromEN, sp.Start) {
					h.ZH.Equivalent = append(h.ZH.Equivalent, sp)
				}
			}
		}
		if len(tr.zhIDs) > 0 {
			for _, w := range d.Words(h.ZH.Text) {
				if !inSentences(al.ZH, fromEN, w.Start) {
					continue
				}
				for _, id := range w.Stems {
					if tr.zhIDs[id] {
						h.ZH.Equivalent = append(h.ZH.Equivalent, Span{w.Start, w.End})
						break
					}
				}
			}
		}
	}
	h.ZH.HTML = Render(h.ZH.Text, h.ZH.Spans, h.ZH.Equivalent, h.ZH.Shaded)
	h.EN.HTML = Render(h.EN.Text, h.EN.Spans, h.EN.Equivalent, h.EN.Shaded)
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

func hasSpanIn(spans []Span, s corpus.Span) bool {
	for _, sp := range spans {
		if sp.Start < s.End && s.Start < sp.End {
			return true
		}
	}
	return false
}

func pick(ss []corpus.Span, keep []bool) []Span {
	var out []Span
	for i, s := range ss {
		if keep[i] {
			out = append(out, Span{s.Start, s.End})
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

// findAll lists the occurrences of a (folded) Chinese word in a text,
// comparing folded characters so Traditional text is found too.
func findAll(text, word string) []Span {
	var out []Span
	q := units(word)
	if len(q) == 0 {
		return nil
	}
	return append(out, matchUnits(units(text), q)...)
}

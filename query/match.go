package query

import (
	"strings"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/highlight"
)

// Spans finds where the terms that may match on side occur in text (a
// paragraph of that side), given the side the request asks for: exactly
// what the engines match, found again in the text so every engine
// highlights a hit alike. The spans are merged.
func Spans(text string, side, lang corpus.Lang, terms []Term) []corpus.Span {
	var mine []Term
	for _, t := range terms {
		if zh, en := t.Sides(lang); side == corpus.ZH && zh || side == corpus.EN && en {
			mine = append(mine, t)
		}
	}
	if len(mine) == 0 || text == "" {
		return nil
	}
	if side == corpus.ZH {
		return SpansZH(text, mine)
	}
	return SpansEN(text, mine)
}

// SpansZH finds, in a Chinese paragraph, every occurrence of each term: the
// same (folded) characters and Latin/digit words at the same relative
// positions as in the term, so exactly what the n-gram phrase matched; for a
// prefix term, the Latin words that start with it.
func SpansZH(text string, terms []Term) []corpus.Span {
	tu := analysis.Units(text)
	var spans []corpus.Span
	for _, t := range terms {
		if t.Prefix {
			p := strings.ToLower(analysis.FoldString(t.Text))
			for _, u := range tu {
				if u.Kind != analysis.KindHan && strings.HasPrefix(u.Term, p) {
					spans = append(spans, corpus.Span{Start: u.Start, End: u.End})
				}
			}
			continue
		}
		spans = append(spans, MatchUnits(tu, analysis.Units(t.Text))...)
	}
	return highlight.Merge(text, spans)
}

// MatchUnits finds the places where the units q occur in text at the same
// relative positions.
func MatchUnits(text, q []analysis.Unit) []corpus.Span {
	if len(q) == 0 {
		return nil
	}
	at := make(map[int]int, len(text)) // position → index
	for i, u := range text {
		at[u.Pos] = i
	}
	var spans []corpus.Span
	for _, u := range text {
		if u.Term != q[0].Term {
			continue
		}
		end, ok := u.End, true
		for _, qq := range q[1:] {
			j, found := at[u.Pos+qq.Pos-q[0].Pos]
			if !found || text[j].Term != qq.Term {
				ok = false
				break
			}
			end = text[j].End
		}
		if ok {
			spans = append(spans, corpus.Span{Start: u.Start, End: end})
		}
	}
	return spans
}

// FindAll lists the occurrences of a Chinese word in a text, comparing
// folded characters so Traditional text is found too.
func FindAll(text, word string) []corpus.Span {
	q := analysis.Units(word)
	if len(q) == 0 {
		return nil
	}
	return MatchUnits(analysis.Units(text), q)
}

// SpansEN finds, in an English paragraph, the words whose analysed form
// (folded, lower-cased, stemmed) matches each term's, in the term's order
// (stop words in between are skipped as the index skips them); for a prefix
// term, the words whose folded form starts with it.
func SpansEN(text string, terms []Term) []corpus.Span {
	if len(terms) == 0 {
		return nil
	}
	tt := analysis.EnglishTokens(text)
	var spans []corpus.Span
	for _, t := range terms {
		if t.Prefix {
			p := strings.ToLower(analysis.FoldString(t.Text))
			for _, tok := range tt {
				if strings.HasPrefix(strings.ToLower(analysis.FoldString(text[tok.Start:tok.End])), p) {
					spans = append(spans, corpus.Span{Start: tok.Start, End: tok.End})
				}
			}
			continue
		}
		qt := analysis.EnglishTokens(t.Text)
		if len(qt) == 0 {
			continue
		}
		for i, tok := range tt {
			if tok.Term != qt[0].Term {
				continue
			}
			end, ok := tok.End, true
			for _, q := range qt[1:] {
				want := tok.Pos + q.Pos - qt[0].Pos
				found := false
				for _, o := range tt[i+1:] {
					if o.Pos == want && o.Term == q.Term {
						end, found = o.End, true
						break
					}
					if o.Pos > want {
						break
					}
				}
				if !found {
					ok = false
					break
				}
			}
			if ok {
				spans = append(spans, corpus.Span{Start: tok.Start, End: end})
			}
		}
	}
	return highlight.Merge(text, spans)
}

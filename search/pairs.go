package search

import (
	"github.com/bisearch/bisearch/corpus"
)

// LowConfidence is the confidence below which a sentence pair is shown as
// perhaps wrong, chosen on the ROC curve of the aligner's confidence over
// its gold sets (go test ./corpus -run AlignmentQuality): it flags 1–6 % of
// the pairs, 14–84 % of them wrong, and leaves 0–3 % wrong above it,
// catching most of the wrong ones (62 % on the WMT sentences, all on the
// Debian handbook).
const LowConfidence = 0.7

// Pair is a hit's example, as Reverso shows it: a sentence (or sentences)
// the query matched and the sentences of the other side aligned with it,
// as ranges of the hit's sides.
type Pair struct {
	ZH, EN corpus.Span
	// Score is the pair's confidence: the sentence link's, never above the
	// paragraph pair's.
	Score float64
}

// Low reports whether the pair's alignment is uncertain.
func (p Pair) Low() bool { return p.Score < LowConfidence }

// pairsOf finds the sentence pairs of a unit holding a match: from its
// stored sentence alignment, each link one of whose sentences (on either
// side) holds a match. None without a sentence alignment.
func pairsOf(u Unit, zh, en *Side) []Pair {
	if zh == nil || en == nil {
		return nil
	}
	al, ok := corpus.DecodeSentenceAlignment(u.Sentences)
	if !ok || !fits(al.ZH, zh.Text) || !fits(al.EN, en.Text) {
		return nil
	}
	var out []Pair
	for _, l := range al.Links {
		p := Pair{ZH: cover(al.ZH, l.ZH), EN: cover(al.EN, l.EN), Score: u.Unit.Score}
		if l.Score > 0 && l.Score < p.Score {
			p.Score = l.Score
		}
		if holds(zh.Spans, p.ZH) || holds(en.Spans, p.EN) {
			out = append(out, p)
		}
	}
	return out
}

// fits reports whether sentence spans lie inside text.
func fits(spans []corpus.Span, text string) bool {
	for _, s := range spans {
		if s.Start < 0 || s.End > len(text) || s.Start > s.End {
			return false
		}
	}
	return true
}

// cover is the range from the first to the last of the sentences idx.
func cover(sents []corpus.Span, idx []int) corpus.Span {
	out := sents[idx[0]]
	for _, i := range idx[1:] {
		out.Start = min(out.Start, sents[i].Start)
		out.End = max(out.End, sents[i].End)
	}
	return out
}

// holds reports whether a span lies (at least partly) inside r.
func holds(spans []corpus.Span, r corpus.Span) bool {
	for _, s := range spans {
		if s.Start < r.End && s.End > r.Start {
			return true
		}
	}
	return false
}

// Part is the range r of the side: its text, and the side's matches and
// translation equivalents inside it, as spans of that text (its HTML marks
// both).
func (s *Side) Part(r corpus.Span) *Side {
	if s == nil || r.Start < 0 || r.End > len(s.Text) || r.Start >= r.End {
		return nil
	}
	clip := func(spans []corpus.Span) []corpus.Span {
		var out []corpus.Span
		for _, sp := range spans {
			a, b := max(sp.Start, r.Start), min(sp.End, r.End)
			if a < b {
				out = append(out, corpus.Span{Start: a - r.Start, End: b - r.Start})
			}
		}
		return out
	}
	return &Side{Text: s.Text[r.Start:r.End], Spans: clip(s.Spans), Equivalent: clip(s.Equivalent)}
}

// PairText is the pair's text on each side, with its marks (nil for a
// range that does not fit).
func (h *Hit) PairText(p Pair) (zh, en *Side) {
	return h.ZH.Part(p.ZH), h.EN.Part(p.EN)
}

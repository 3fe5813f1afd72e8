// Package highlight owns the one function that turns a paragraph and its
// marks into HTML (Render), the merging of match spans, and snippets around
// the best match. Everything but the marks it adds is HTML-escaped; offsets
// are byte offsets on rune boundaries and no mark ever cuts a character.
package highlight

import (
	"html"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/bisearch/bisearch/corpus"
)

// Merge sorts spans, clamps them to text on rune boundaries, drops empty
// ones and merges those that overlap, touch or stand apart by white space
// only (so "punitive damages" is one mark).
func Merge(text string, spans []corpus.Span) []corpus.Span {
	var out []corpus.Span
	for _, s := range spans {
		s.Start = max(0, min(s.Start, len(text)))
		s.End = max(0, min(s.End, len(text)))
		for s.Start > 0 && s.Start < len(text) && !utf8.RuneStart(text[s.Start]) {
			s.Start--
		}
		for s.End < len(text) && !utf8.RuneStart(text[s.End]) {
			s.End++
		}
		if s.End > s.Start {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	merged := out[:0]
	for _, s := range out {
		if n := len(merged); n > 0 && (s.Start <= merged[n-1].End || strings.TrimSpace(text[merged[n-1].End:s.Start]) == "") {
			merged[n-1].End = max(merged[n-1].End, s.End)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// Highlight is Render with query matches only: the whole text HTML-escaped,
// each (merged) span wrapped in <mark>…</mark>.
func Highlight(text string, spans []corpus.Span) string {
	return Render(text, spans, nil, nil)
}

// Render is the one function that turns a paragraph and its spans into
// HTML: everything HTML-escaped; each query match in <mark>; each
// translation equivalent in <mark class="tr"> (where it does not overlap a
// match); each aligned sentence in <span class="al">. Spans are clamped to
// the text and widened to whole characters, so no tag cuts one; marks that
// cross a sentence edge are closed and reopened there, so the HTML is always
// well nested.
func Render(text string, marks, tr, shade []corpus.Span) string {
	marks = Merge(text, marks)
	var trs []corpus.Span
	for _, t := range Merge(text, tr) {
		overlaps := false
		for _, m := range marks {
			overlaps = overlaps || t.Start < m.End && m.Start < t.End
		}
		if !overlaps {
			trs = append(trs, t)
		}
	}
	shade = mergeTouching(text, shade)
	// every offset where something starts or ends
	cuts := map[int]bool{0: true, len(text): true}
	for _, l := range [][]corpus.Span{marks, trs, shade} {
		for _, s := range l {
			cuts[s.Start], cuts[s.End] = true, true
		}
	}
	points := make([]int, 0, len(cuts))
	for c := range cuts {
		points = append(points, c)
	}
	sort.Ints(points)
	in := func(l []corpus.Span, at int) bool {
		i := sort.Search(len(l), func(i int) bool { return l[i].End > at })
		return i < len(l) && l[i].Start <= at
	}
	var b strings.Builder
	b.Grow(len(text) + 16*(len(marks)+len(trs)+len(shade)))
	const (
		none = iota
		match
		trans
	)
	open, openShade := none, false
	for k := 0; k+1 < len(points); k++ {
		at, next := points[k], points[k+1]
		kind := none
		switch {
		case in(marks, at):
			kind = match
		case in(trs, at):
			kind = trans
		}
		sh := in(shade, at)
		if open != none && (kind != open || sh != openShade) {
			b.WriteString("</mark>")
			open = none
		}
		if sh != openShade {
			if openShade {
				b.WriteString("</span>")
			} else {
				b.WriteString(`<span class="al">`)
			}
			openShade = sh
		}
		if kind != open {
			if kind == match {
				b.WriteString("<mark>")
			} else {
				b.WriteString(`<mark class="tr">`)
			}
			open = kind
		}
		b.WriteString(html.EscapeString(text[at:next]))
	}
	if open != none {
		b.WriteString("</mark>")
	}
	if openShade {
		b.WriteString("</span>")
	}
	return b.String()
}

// mergeTouching sorts and clamps spans like MergeSpans but merges only
// those that overlap or touch.
func mergeTouching(text string, spans []corpus.Span) []corpus.Span {
	var out []corpus.Span
	clamped := make([]corpus.Span, 0, len(spans))
	for _, s := range spans {
		ms := Merge(text, []corpus.Span{s})
		clamped = append(clamped, ms...)
	}
	sort.Slice(clamped, func(i, j int) bool { return clamped[i].Start < clamped[j].Start })
	for _, s := range clamped {
		if n := len(out); n > 0 && s.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

// SnippetRunes is about how many characters a snippet shows.
const SnippetRunes = 200

// Snippet returns about n characters of text around its best match — the
// stretch holding the most matches — as HTML: cut on character boundaries
// and, in English, on word boundaries, with an ellipsis where text was cut,
// escaped and marked by Highlight. Text no longer than n comes whole; text
// without matches gives its beginning.
func Snippet(text string, spans []corpus.Span, n int) string {
	spans = Merge(text, spans)
	if utf8.RuneCountInString(text) <= n {
		return Highlight(text, spans)
	}
	// rune index → byte offset
	offs := make([]int, 0, len(text)+1)
	for i := range text {
		offs = append(offs, i)
	}
	offs = append(offs, len(text))
	runeAt := func(b int) int { return sort.SearchInts(offs, b) }
	total := len(offs) - 1

	from := 0
	if len(spans) > 0 {
		// the anchor span whose window of n characters holds the most spans
		best, bestCount := 0, -1
		for i, s := range spans {
			limit := runeAt(s.Start) + n
			c := 0
			for _, t := range spans[i:] {
				if runeAt(t.End) <= limit {
					c++
				}
			}
			if c > bestCount {
				best, bestCount = i, c
			}
		}
		// some context before the match, more after it
		from = max(0, runeAt(spans[best].Start)-n/4)
	}
	to := min(total, from+n)
	if to == total {
		from = max(0, to-n)
	}
	start, end := offs[from], offs[to]
	// in English, do not cut a word: move to the nearest space within reach
	if start > 0 && isWordByte(text[start-1]) && isWordByte(text[start]) {
		if i := strings.IndexByte(text[start:min(len(text), start+30)], ' '); i >= 0 {
			start += i + 1
		}
	}
	if end < len(text) && isWordByte(text[end-1]) && isWordByte(text[end]) {
		if i := strings.LastIndexByte(text[max(start, end-30):end], ' '); i >= 0 {
			end = max(start, end-30) + i
		}
	}
	var sub []corpus.Span
	for _, s := range spans {
		if s.End > start && s.Start < end {
			sub = append(sub, corpus.Span{Start: max(s.Start, start) - start, End: min(s.End, end) - start})
		}
	}
	out := Highlight(text[start:end], sub)
	if start > 0 {
		out = "…" + out
	}
	if end < len(text) {
		out += "…"
	}
	return out
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '\'' || b == '-'
}

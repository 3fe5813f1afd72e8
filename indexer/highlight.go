package indexer

import (
	"html"
	"sort"
	"strings"
	"unicode/utf8"
)

// Span is a match in a paragraph: byte offsets [Start, End) on rune boundaries.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// MergeSpans sorts spans, clamps them to text on rune boundaries, drops empty
// ones and merges those that overlap, touch or stand apart by white space
// only (so "punitive damages" is one mark).
func MergeSpans(text string, spans []Span) []Span {
	var out []Span
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

// Highlight is the one function that turns a paragraph and its match spans
// into HTML: the whole text HTML-escaped, each (merged) span wrapped in
// <mark>…</mark>. Spans are clamped to the text and widened to whole
// characters, so a mark never cuts one.
func Highlight(text string, spans []Span) string {
	var b strings.Builder
	b.Grow(len(text) + 16*len(spans))
	at := 0
	for _, s := range MergeSpans(text, spans) {
		b.WriteString(html.EscapeString(text[at:s.Start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s.Start:s.End]))
		b.WriteString("</mark>")
		at = s.End
	}
	b.WriteString(html.EscapeString(text[at:]))
	return b.String()
}

// SnippetRunes is about how many characters a snippet shows.
const SnippetRunes = 200

// Snippet returns about n characters of text around its best match — the
// stretch holding the most matches — as HTML: cut on character boundaries
// and, in English, on word boundaries, with an ellipsis where text was cut,
// escaped and marked by Highlight. Text no longer than n comes whole; text
// without matches gives its beginning.
func Snippet(text string, spans []Span, n int) string {
	spans = MergeSpans(text, spans)
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
	var sub []Span
	for _, s := range spans {
		if s.End > start && s.Start < end {
			sub = append(sub, Span{max(s.Start, start) - start, min(s.End, end) - start})
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

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

package indexer

import (
	"html"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHighlight(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		spans []Span
		want  string
	}{
		{"none", "a<b>&c", nil, "a&lt;b&gt;&amp;c"},
		{"one", "知识产权保护", []Span{{0, 12}}, "<mark>知识产权</mark>保护"},
		{"overlapping merge", "知识产权保护", []Span{{0, 6}, {3, 12}}, "<mark>知识产权</mark>保护"},
		{"touching merge", "知识产权保护", []Span{{0, 6}, {6, 12}}, "<mark>知识产权</mark>保护"},
		{"white space merges", "punitive damages!", []Span{{0, 8}, {9, 16}}, "<mark>punitive damages</mark>!"},
		{"apart", "IP and IPR", []Span{{0, 2}, {7, 10}}, "<mark>IP</mark> and <mark>IPR</mark>"},
		{"unsorted", "ab cd ef", []Span{{6, 8}, {0, 2}}, "<mark>ab</mark> cd <mark>ef</mark>"},
		{"cut character widened", "知识", []Span{{1, 4}}, "<mark>知识</mark>"},
		{"out of range clamped", "abc", []Span{{-5, 99}}, "<mark>abc</mark>"},
		{"empty span dropped", "abc", []Span{{1, 1}}, "abc"},
		{"script escaped inside mark", "<script>x</script>", []Span{{0, 8}}, "<mark>&lt;script&gt;</mark>x&lt;/script&gt;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Highlight(tt.text, tt.spans); got != tt.want {
				t.Errorf("Highlight(%q, %v) = %q, want %q", tt.text, tt.spans, got, tt.want)
			}
		})
	}
}

func FuzzHighlight(f *testing.F) {
	f.Add("知识产权<b>保护</b>", 1, 7, 3, 30)
	f.Add("a & b", 0, 1, 4, 5)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d int) {
		if !utf8.ValidString(text) {
			return
		}
		out := Highlight(text, []Span{{a, b}, {c, d}})
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8: %q", out)
		}
		if strings.Count(out, "<mark>") != strings.Count(out, "</mark>") {
			t.Fatalf("unbalanced marks: %q", out)
		}
		depth := 0
		for i := 0; i < len(out); i++ {
			switch {
			case strings.HasPrefix(out[i:], "<mark>"):
				depth++
			case strings.HasPrefix(out[i:], "</mark>"):
				depth--
			}
			if depth < 0 || depth > 1 {
				t.Fatalf("nested or unbalanced marks: %q", out)
			}
		}
		plain := strings.ReplaceAll(strings.ReplaceAll(out, "<mark>", ""), "</mark>", "")
		if strings.ContainsAny(plain, "<>") {
			t.Fatalf("unescaped markup: %q", out)
		}
		if got := html.UnescapeString(plain); got != text {
			t.Fatalf("text without marks = %q, want %q", got, text)
		}
	})
}

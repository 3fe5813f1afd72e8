package highlight

import (
	"html"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bisearch/bisearch/corpus"
)

// Span is short for the span type in the tables below.
type Span = corpus.Span

func TestHighlight(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		text  string
		spans []Span
		want  string
	}{
		{"none", "a<b>&c", nil, "a&lt;b&gt;&amp;c"},
		{"one", "知识产权保护", []Span{{Start: 0, End: 12}}, "<mark>知识产权</mark>保护"},
		{"overlapping merge", "知识产权保护", []Span{{Start: 0, End: 6}, {Start: 3, End: 12}}, "<mark>知识产权</mark>保护"},
		{"touching merge", "知识产权保护", []Span{{Start: 0, End: 6}, {Start: 6, End: 12}}, "<mark>知识产权</mark>保护"},
		{"white space merges", "punitive damages!", []Span{{Start: 0, End: 8}, {Start: 9, End: 16}}, "<mark>punitive damages</mark>!"},
		{"apart", "IP and IPR", []Span{{Start: 0, End: 2}, {Start: 7, End: 10}}, "<mark>IP</mark> and <mark>IPR</mark>"},
		{"unsorted", "ab cd ef", []Span{{Start: 6, End: 8}, {Start: 0, End: 2}}, "<mark>ab</mark> cd <mark>ef</mark>"},
		{"cut character widened", "知识", []Span{{Start: 1, End: 4}}, "<mark>知识</mark>"},
		{"out of range clamped", "abc", []Span{{Start: -5, End: 99}}, "<mark>abc</mark>"},
		{"empty span dropped", "abc", []Span{{Start: 1, End: 1}}, "abc"},
		{"script escaped inside mark", "<script>x</script>", []Span{{Start: 0, End: 8}}, "<mark>&lt;script&gt;</mark>x&lt;/script&gt;"},
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
		out := Highlight(text, []Span{{Start: a, End: b}, {Start: c, End: d}})
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

func TestSnippet(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("The province handled many cases of patent infringement disputes. ", 8) + "Punitive damages were applied." + strings.Repeat(" Other text follows here.", 10)
	i := strings.Index(long, "Punitive damages")
	zh := strings.Repeat("各类知识产权案件", 30) + "惩罚性赔偿" + strings.Repeat("严惩侵权", 80)
	j := strings.Index(zh, "惩罚性赔偿")
	tests := []struct {
		name       string
		text       string
		spans      []Span
		wantMark   string
		wantPrefix bool // starts with an ellipsis
		wantSuffix bool
	}{
		{"short text whole", "知识产权保护", []Span{{Start: 0, End: 12}}, "<mark>知识产权</mark>", false, false},
		{"english around the match", long, []Span{{Start: i, End: i + len("Punitive damages")}}, "<mark>Punitive damages</mark>", true, true},
		{"chinese around the match", zh, []Span{{Start: j, End: j + len("惩罚性赔偿")}}, "<mark>惩罚性赔偿</mark>", true, true},
		{"no match: the beginning", long, nil, "", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Snippet(tt.text, tt.spans, SnippetRunes)
			if !strings.Contains(got, tt.wantMark) {
				t.Errorf("snippet lacks %q: %s", tt.wantMark, got)
			}
			if strings.HasPrefix(got, "…") != tt.wantPrefix || strings.HasSuffix(got, "…") != tt.wantSuffix {
				t.Errorf("ellipses wrong (prefix %v suffix %v): %s", tt.wantPrefix, tt.wantSuffix, got)
			}
			plain := html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "", "…", "").Replace(got))
			if n := utf8.RuneCountInString(plain); n > SnippetRunes+1 {
				t.Errorf("snippet has %d characters", n)
			}
			if !strings.Contains(tt.text, strings.TrimSpace(plain)) {
				t.Errorf("snippet text is not part of the paragraph: %q", plain)
			}
			// English snippets begin and end on word boundaries
			if tt.text == long {
				words := strings.Fields(strings.TrimSpace(plain))
				for _, w := range []string{words[0], words[len(words)-1]} {
					if !strings.Contains(" "+tt.text+" ", " "+w+" ") && !strings.Contains(" "+tt.text, " "+w) {
						t.Errorf("cut word %q in %q", w, plain)
					}
				}
			}
		})
	}
}

func FuzzSnippet(f *testing.F) {
	f.Add(strings.Repeat("知识产权 protection ", 40), 100, 130)
	f.Fuzz(func(t *testing.T, text string, a, b int) {
		if !utf8.ValidString(text) {
			return
		}
		out := Snippet(text, []Span{{Start: a, End: b}}, SnippetRunes)
		if !utf8.ValidString(out) || strings.Count(out, "<mark>") != strings.Count(out, "</mark>") {
			t.Fatalf("bad snippet %q", out)
		}
		plain := html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(out))
		plain = strings.TrimSuffix(strings.TrimPrefix(plain, "…"), "…")
		if !strings.Contains(text, plain) {
			t.Fatalf("snippet %q is not part of the text", plain)
		}
	})
}

func TestRender(t *testing.T) {
	t.Parallel()
	text := "知识产权保护。海关执法。"
	tests := []struct {
		name             string
		marks, tr, shade []Span
		want             string
	}{
		{"marks only equals Highlight", []Span{{Start: 0, End: 12}}, nil, nil, "<mark>知识产权</mark>保护。海关执法。"},
		{"translation mark", nil, []Span{{Start: 21, End: 27}}, nil, `知识产权保护。<mark class="tr">海关</mark>执法。`},
		{"query mark wins over a translation mark", []Span{{Start: 0, End: 12}}, []Span{{Start: 6, End: 18}}, nil, "<mark>知识产权</mark>保护。海关执法。"},
		{"shaded sentence around a mark", []Span{{Start: 0, End: 12}}, nil, []Span{{Start: 0, End: 21}}, `<span class="al"><mark>知识产权</mark>保护。</span>海关执法。`},
		{"a mark across a sentence edge is split", []Span{{Start: 12, End: 27}}, nil, []Span{{Start: 0, End: 21}}, `<span class="al">知识产权<mark>保护。</mark></span><mark>海关</mark>执法。`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Render(text, tt.marks, tt.tr, tt.shade); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// wellFormed checks that the only tags are the ones Render writes, properly
// nested, and that the text without them is the original.
func wellFormed(t *testing.T, text, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("invalid UTF-8: %q", out)
	}
	var stack []string
	rest := out
	var plain strings.Builder
	for rest != "" {
		switch {
		case strings.HasPrefix(rest, `<span class="al">`):
			if len(stack) > 0 {
				t.Fatalf("span inside %v: %q", stack, out)
			}
			stack = append(stack, "span")
			rest = rest[len(`<span class="al">`):]
		case strings.HasPrefix(rest, `<mark class="tr">`), strings.HasPrefix(rest, "<mark>"):
			if len(stack) > 0 && stack[len(stack)-1] == "mark" {
				t.Fatalf("nested mark: %q", out)
			}
			stack = append(stack, "mark")
			rest = rest[strings.IndexByte(rest, '>')+1:]
		case strings.HasPrefix(rest, "</mark>"), strings.HasPrefix(rest, "</span>"):
			want := "mark"
			if strings.HasPrefix(rest, "</span>") {
				want = "span"
			}
			if len(stack) == 0 || stack[len(stack)-1] != want {
				t.Fatalf("badly nested %s in %q", want, out)
			}
			stack = stack[:len(stack)-1]
			rest = rest[len("</"+want+">"):]
		case rest[0] == '<' || rest[0] == '>':
			t.Fatalf("unescaped markup in %q", out)
		default:
			plain.WriteByte(rest[0])
			rest = rest[1:]
		}
	}
	if len(stack) != 0 {
		t.Fatalf("unclosed %v in %q", stack, out)
	}
	if got := html.UnescapeString(plain.String()); got != text {
		t.Fatalf("text without tags = %q, want %q", got, text)
	}
}

func FuzzRender(f *testing.F) {
	f.Add("知识产权<b>保护</b>。海关", 1, 7, 3, 30, 0, 20)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d, e, g int) {
		if !utf8.ValidString(text) {
			return
		}
		wellFormed(t, text, Render(text, []Span{{Start: a, End: b}}, []Span{{Start: c, End: d}, {Start: a, End: d}}, []Span{{Start: e, End: g}, {Start: g, End: b}}))
	})
}

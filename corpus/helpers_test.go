package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

func mustWrite(tb testing.TB, path, content string) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
}

func paraTexts(ps []Paragraph) []string {
	var out []string
	for _, p := range ps {
		s := string(p.Lang) + ":" + p.Text
		if p.Heading {
			s = "#" + s
		}
		out = append(out, s)
	}
	return out
}

func keys(m map[string]*Doc) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// paras makes a side of paragraphs (or sentence lines) of the given texts.
func paras(lang Lang, ss ...string) []Paragraph {
	var out []Paragraph
	for _, s := range ss {
		out = append(out, para(s, lang))
	}
	return out
}

package query

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	t.Parallel()
	type g = []string // a group: its terms as side:text (with * for prefix, "" for phrase)
	tests := []struct {
		in      string
		groups  []g
		exclude []string
		docs    []string
		notDocs []string
	}{
		{in: "知识产权 2023", groups: []g{{"知识产权"}, {"2023"}}},
		{in: `"Greater Bay Area" 海关`, groups: []g{{`"Greater Bay Area"`}, {"海关"}}},
		{in: "customs OR 海关 OR 关税 2023", groups: []g{{"customs", "海关", "关税"}, {"2023"}}},
		{in: "zh:保护 -en:protection", groups: []g{{"zh:保护"}}, exclude: []string{"en:protection"}},
		{in: "ZH:保护 En:IPR", groups: []g{{"zh:保护"}, {"en:IPR"}}},
		{in: "protect* -海关", groups: []g{{"protect*"}}, exclude: []string{"海关"}},
		{in: "知识* 2023", groups: []g{{"知识"}, {"2023"}}}, // Chinese is a substring match already
		{in: "海关 doc:guangdong-ipr-2023 -doc:other", groups: []g{{"海关"}}, docs: []string{"guangdong-ipr-2023"}, notDocs: []string{"other"}},
		{in: "。。。 海关 ！", groups: []g{{"海关"}}},
		{in: "a-b 10:30 http://x", groups: []g{{"a-b"}, {"10:30"}, {"http://x"}}},
		{in: "-", groups: nil}, // error below
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := Parse(tt.in)
			if tt.groups == nil {
				if err == nil {
					t.Fatalf("no error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			show := func(tm Term) string {
				s := tm.Text
				if tm.Phrase {
					s = `"` + s + `"`
				}
				if tm.Prefix {
					s += "*"
				}
				if tm.Side != "" {
					s = string(tm.Side) + ":" + s
				}
				return s
			}
			var got []g
			for _, gr := range p.Groups {
				var x g
				for _, tm := range gr.Terms {
					x = append(x, show(tm))
				}
				got = append(got, x)
			}
			var ex []string
			for _, tm := range p.Exclude {
				ex = append(ex, show(tm))
			}
			if diff := cmp.Diff(tt.groups, got); diff != "" {
				t.Errorf("groups (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.exclude, ex); diff != "" {
				t.Errorf("exclude (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.docs, p.Docs); diff != "" {
				t.Errorf("docs (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.notDocs, p.NotDocs); diff != "" {
				t.Errorf("notDocs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		`"punitive damages`:              "a quote is not closed",
		`punitive"damages`:               "a quote is not closed",
		"OR customs":                     "OR needs a word on each side",
		"customs OR":                     "OR needs a word on each side",
		"customs OR OR 海关":               "OR needs a word on each side",
		"-海关":                            "at least one word that is not excluded",
		"-海关 doc:x":                      "at least one word that is not excluded",
		"zh: 保护":                         "zh: needs a word after it",
		"p*":                             "a * needs at least two letters",
		"*":                              "a * needs at least two letters",
		"customs OR -海关":                 "cannot be one side of OR",
		"。。。":                            "nothing to search for",
		"":                               "nothing to search for",
		strings.Repeat("字 ", MaxTerms+1): "too many words",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			_, err := Parse(in)
			if err == nil || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), want) {
				t.Errorf("Parse(%q) = %v, want ErrInvalid with %q", in, err, want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`zh:保护 -en:"protection of IPR" OR x*`, `"a`, "doc:", "- - OR"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error not ErrInvalid: %v", err)
			}
			return
		}
		if len(p.Groups) == 0 {
			t.Fatal("a parsed query with no required group")
		}
		// what parse writes back parses to the same groups
		back := p.Rewrite(func(int) bool { return true }, nil)
		q, err := Parse(back)
		if err != nil || len(q.Groups) != len(p.Groups) {
			t.Fatalf("%q written back as %q: %v", s, back, err)
		}
	})
}

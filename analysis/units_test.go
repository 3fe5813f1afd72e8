package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-ego/gse"
	"github.com/google/go-cmp/cmp"

	"github.com/bisearch/bisearch/corpus"
)

type tok struct {
	Term       string
	Start, End int
	Pos        int
}

func toks(ts []Token) []tok {
	out := []tok{}
	for _, t := range ts {
		out = append(out, tok{t.Term, t.Start, t.End, t.Pos})
	}
	return out
}

func TestNgramTokenizer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want []tok
	}{
		{"one character", "湾", []tok{{"湾", 0, 3, 1}}},
		{"run", "大湾区", []tok{
			{"大湾", 0, 6, 1},
			{"湾区", 3, 9, 2},
			{"区", 6, 9, 3},
		}},
		{"punctuation breaks bigrams and positions", "知识。产权", []tok{
			{"知识", 0, 6, 1},
			{"识", 3, 6, 2},
			{"产权", 9, 15, 4},
			{"权", 12, 15, 5},
		}},
		{"mixed script and numbers", "WIPO仲裁2023年 1,926件 3.17%", []tok{
			{"wipo", 0, 4, 1},
			{"仲", 4, 7, 2}, {"仲裁", 4, 10, 2}, // after a word: the character alone too
			{"裁", 7, 10, 3},
			{"2023", 10, 14, 4},
			{"年", 14, 17, 5},
			{"1926", 18, 23, 6},
			{"件", 23, 26, 7},
			{"3.17", 27, 31, 8},
		}},
		{"white space between characters keeps the bigram", "知识 产权", []tok{
			{"知识", 0, 6, 1},
			{"识产", 3, 10, 2},
			{"产权", 7, 13, 3},
			{"权", 10, 13, 4},
		}},
		{"traditional and full-width fold", "知識ＷＩＰＯ　２０２３", []tok{
			{"知识", 0, 6, 1},
			{"识", 3, 6, 2},
			{"wipo", 6, 18, 3},
			{"2023", 21, 33, 4},
		}},
		{"apostrophes", "People’s Court's", []tok{{"people's", 0, 10, 1}, {"court's", 11, 18, 2}}},
		{"empty", "", []tok{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := toks(Grams(tt.in))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("tokens (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCharTokenizer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []string
	}{
		{"大湾区", []string{"大", "湾", "区"}},
		{"WIPO仲裁，2023年", []string{"仲", "裁", "年"}},
		{"知識", []string{"知", "识"}},
		{"only English", []string{}},
		{"", []string{}},
	}
	for _, tt := range tests {
		got := []string{}
		for _, tk := range Chars(tt.in) {
			got = append(got, tk.Term)
		}
		if !cmp.Equal(tt.want, got) {
			t.Errorf("%q: %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestGseTokenizer(t *testing.T) {
	t.Parallel()
	s, err := Segmenter()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   string
		want []tok
	}{
		{"words", "知识产权保护", []tok{{"知识产权", 0, 12, 1}, {"保护", 12, 18, 2}}},
		{"mixed", "WIPO的5G标准。", []tok{{"wipo", 0, 4, 1}, {"的", 4, 7, 2}, {"5g", 7, 9, 3}, {"标准", 9, 15, 4}}},
		{"punctuation gap", "海关，执法", []tok{{"海关", 0, 6, 1}, {"执法", 9, 15, 3}}},
		{"traditional", "知識產權保護", []tok{{"知识产权", 0, 12, 1}, {"保护", 12, 18, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := toks(Words(s, tt.in))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("tokens (-want +got):\n%s", diff)
			}
		})
	}
}

// checkStream asserts what both tokenizers promise: offsets inside the text
// on rune boundaries, positions that never go down, and terms that are the
// text they cover (folded).
func checkStream(t *testing.T, name, text string, ts []Token) {
	t.Helper()
	last := 0
	for _, tk := range ts {
		if tk.Start < 0 || tk.End > len(text) || tk.Start >= tk.End {
			t.Fatalf("%s: token %q has offsets %d..%d in %d bytes", name, tk.Term, tk.Start, tk.End, len(text))
		}
		if !utf8.RuneStart(text[tk.Start]) || (tk.End < len(text) && !utf8.RuneStart(text[tk.End])) {
			t.Fatalf("%s: token %q cuts a character", name, tk.Term)
		}
		if tk.Pos < last || tk.Pos < 1 {
			t.Fatalf("%s: position %d after %d", name, tk.Pos, last)
		}
		last = tk.Pos
		covered := strings.Join(strings.Fields(text[tk.Start:tk.End]), "")
		want := strings.NewReplacer(",", "", "’", "'").Replace(FoldString(covered))
		if want != tk.Term {
			t.Fatalf("%s: term %q covers %q", name, tk.Term, covered)
		}
	}
}

func FuzzTokenizers(f *testing.F) {
	s, err := Segmenter()
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{"WIPO仲裁2023年 1,926件", "知识 产权。大湾区", "U.S.’s 5G—network", "\xff知\x00识"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			// the corpus readers and the API only pass valid UTF-8; here
			// the tokenizers need only not fail
			Grams(text)
			Chars(text)
			Words(s, text)
			return
		}
		grams := Grams(text)
		checkStream(t, "ngram", text, grams)
		checkStream(t, "char", text, Chars(text))
		checkStream(t, "gse", text, Words(s, text))
		// every character or word has a token starting where it starts, at
		// its position: every character is findable in place
		us := Units(text)
		at := map[[2]int]bool{}
		for _, g := range grams {
			at[[2]int{g.Start, g.Pos}] = true
		}
		for _, u := range us {
			if !at[[2]int{u.Start, u.Pos}] {
				t.Fatalf("%q: no token for %q at byte %d, position %d", text, u.Term, u.Start, u.Pos)
			}
		}
		if len(grams) > 2*len(us) {
			t.Fatalf("%q: %d n-gram tokens for %d characters and words", text, len(grams), len(us))
		}
	})
}

// TestSegmenterCutsAsGse loads gse's own Simplified Chinese dictionary into
// gse beside bisearch's word table made from it, and checks that both cut
// every Chinese run of real text into the same words: the sample's, and
// with ../shared/data present, WMT's and Tatoeba's (tens of thousands of
// sentences).
func TestSegmenterCutsAsGse(t *testing.T) {
	t.Parallel()
	ours, err := Segmenter()
	if err != nil {
		t.Fatal(err)
	}
	var theirs gse.Segmenter
	theirs.SkipLog = true
	if err := theirs.LoadDictEmbed("zh_s"); err != nil {
		t.Fatal(err)
	}
	d, err := corpus.Sample()
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, u := range d.Units {
		if u.ZH != "" {
			texts = append(texts, u.ZH)
		}
	}
	shared := filepath.Join("..", "..", "shared", "data")
	for _, f := range []string{"wmt-sentences/generaltest2023-zhen.zh", "wmt-sentences/newstest2017-zhen.zh", "tatoeba-cmn/cmn.txt"} {
		b, err := os.ReadFile(filepath.Join(shared, f))
		if err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%v (CI needs ../shared/data beside the checkout)", err)
			}
			t.Logf("%s not found: only the sample is compared (../shared/data beside the checkout compares more)", f)
			continue
		}
		texts = append(texts, strings.Split(string(b), "\n")...)
	}
	runs, words := 0, 0
	for _, text := range texts {
		for _, p := range Pieces(text) {
			if !p.Han {
				continue
			}
			a, b := ours.Cut(p.Norm), theirs.Cut(p.Norm, true)
			if !cmp.Equal(a, b) {
				t.Fatalf("%q cut differently (-gse +ours):\n%s", p.Norm, cmp.Diff(b, a))
			}
			runs++
			words += len(a)
		}
	}
	t.Logf("%d Chinese runs of %d texts cut alike into %d words", runs, len(texts), words)
}

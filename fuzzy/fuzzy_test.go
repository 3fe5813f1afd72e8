package fuzzy

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestTokens(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"Open the project.", []string{"open", "the", "project"}},
		{"打开项目。", []string{"打", "开", "项", "目"}},
		{"在OmegaT中打开ＰＤＦ文件 2023", []string{"在", "omegat", "中", "打", "开", "pdf", "文", "件", "2023"}},
		{"知識產權", []string{"知", "识", "产", "权"}},
		{"  ,,; ", nil},
		{"don't", []string{"don", "t"}},
		{"达3.17亿元, 1,926 items.", []string{"达", "3.17", "亿", "元", "1,926", "items"}},
		{"end. 2, 3", []string{"end", "2", "3"}},
	} {
		var got []string
		for _, tok := range Tokens(tt.in) {
			got = append(got, tok.Text)
			if !utf8.ValidString(tt.in[tok.Start:tok.End]) {
				t.Errorf("%q: token %q cuts a character", tt.in, tok.Text)
			}
		}
		if !cmp.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if n := Count(tt.in); n != len(tt.want) {
			t.Errorf("Count(%q) = %d, want %d", tt.in, n, len(tt.want))
		}
	}
}

func TestPercent(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"Open the project.", "Open the project.", 100},
		{"Open the project.", "open the project", 99},      // case and punctuation only
		{"Open the project.", "Open the new project.", 75}, // one of 4 words added
		{"Open the project.", "Close the project.", 66},    // one of 3 replaced
		{"Open the project.", "the project open", 33},      // reordered: two edits of 3
		{"打开项目。", "打开新项目。", 80},                            // one of 5 characters added
		{"打开项目", "关闭项目", 50},                               // two of 4 characters replaced
		{"知识产权保护", "知識產權保護", 99},                           // Traditional: same tokens, other text
		{"Open the project.", "", 0},
		{"", "", 0},
		{"Open the project", "Completely unrelated words here", 0},
	} {
		d := Dict{}
		if got := Percent(d.NewSegment(tt.a), d.NewSegment(tt.b)); got != tt.want {
			t.Errorf("Percent(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// reference is Levenshtein by the full table, the textbook way.
func reference(a, b []int32) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
		}
	}
	return d[len(a)][len(b)]
}

func TestDistanceMatchesReference(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(1))
	for k := 0; k < 2000; k++ {
		a := make([]int32, rng.Intn(12))
		b := make([]int32, rng.Intn(12))
		for i := range a {
			a[i] = int32(rng.Intn(4))
		}
		for i := range b {
			b[i] = int32(rng.Intn(4))
		}
		if got, want := distance(a, b), reference(a, b); got != want {
			t.Fatalf("distance(%v, %v) = %d, want %d", a, b, got, want)
		}
	}
}

// marked shows the spans of s in [brackets].
func marked(s string, spans []Diff, a bool) string {
	var b strings.Builder
	at := 0
	ss := spans[0].B
	if a {
		ss = spans[0].A
	}
	for _, sp := range ss {
		b.WriteString(s[at:sp.Start] + "[" + s[sp.Start:sp.End] + "]")
		at = sp.End
	}
	b.WriteString(s[at:])
	return b.String()
}

func TestCompare(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		a, b         string
		wantA, wantB string
	}{
		{"Open the project.", "Open the new project.", "Open the project.", "Open the [new] project."},
		{"Open the project.", "Close the project.", "[Open] the project.", "[Close] the project."},
		{"打开项目。", "打开新项目。", "打开项目。", "打开[新]项目。"},
		{"Save the file now", "Save the file", "Save the file [now]", "Save the file"},
		{"same words", "same words", "same words", "same words"},
	} {
		d := Dict{}
		a, b := d.NewSegment(tt.a), d.NewSegment(tt.b)
		diff := []Diff{Compare(a, b)}
		if got := marked(tt.a, diff, true); got != tt.wantA {
			t.Errorf("%q vs %q: a marked %q, want %q", tt.a, tt.b, got, tt.wantA)
		}
		if got := marked(tt.b, diff, false); got != tt.wantB {
			t.Errorf("%q vs %q: b marked %q, want %q", tt.a, tt.b, got, tt.wantB)
		}
		// the marks count the edits: as many as the distance, at least
		if n := max(len(diff[0].A), len(diff[0].B)); n != distance(a.ids, b.ids) {
			t.Errorf("%q vs %q: %d marks for distance %d", tt.a, tt.b, n, distance(a.ids, b.ids))
		}
	}
}

func FuzzCompare(f *testing.F) {
	f.Add("Open the project.", "打开新项目。")
	f.Add("ＰＤＦ文件", "pdf file")
	f.Fuzz(func(t *testing.T, x, y string) {
		if len(x) > 400 || len(y) > 400 {
			return
		}
		d := Dict{}
		a, b := d.NewSegment(x), d.NewSegment(y)
		if Count(x) != len(a.Tokens) {
			t.Fatalf("Count(%q) = %d, %d tokens", x, Count(x), len(a.Tokens))
		}
		p := Percent(a, b)
		if p < 0 || p > 100 || p > Bound(len(a.Tokens), len(b.Tokens)) && p != 0 {
			t.Fatalf("Percent = %d, bound %d", p, Bound(len(a.Tokens), len(b.Tokens)))
		}
		diff := Compare(a, b)
		for _, s := range diff.A {
			if s.Start < 0 || s.End > len(x) || s.Start >= s.End {
				t.Fatalf("span %v outside %q", s, x)
			}
		}
		for _, s := range diff.B {
			if s.Start < 0 || s.End > len(y) || s.Start >= s.End {
				t.Fatalf("span %v outside %q", s, y)
			}
		}
	})
}

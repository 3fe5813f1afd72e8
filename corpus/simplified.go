package corpus

import (
	"strings"
	"sync"
	"unicode"

	"github.com/longbridgeapp/opencc"
)

// Simplified maps a Traditional Chinese character to its Simplified form
// (知識產權 → 知识产权, one character at a time), and leaves every other
// character as it is. The search index folds with it, and so does the
// aligner, so that a Traditional text meets CC-CEDICT's Simplified
// headwords and the patterns of structure (第十五條 is 第十五条).
func Simplified(r rune) rune {
	if !IsHan(r) {
		return r
	}
	if s, ok := t2sTable()[r]; ok {
		return s
	}
	return r
}

var (
	t2sOnce sync.Once
	t2sMap  map[rune]rune
)

// t2sTable is the Traditional → Simplified character table, taken once from
// OpenCC's t2s conversion applied to every Chinese character on its own (a
// character-level table, unlike OpenCC's phrase-level conversion, keeps
// offsets exact; index and queries are folded alike, so recall is exact).
func t2sTable() map[rune]rune {
	t2sOnce.Do(func() {
		t2sMap = map[rune]rune{}
		cc, err := opencc.New("t2s")
		if err != nil {
			return // no table: Traditional still matches Traditional
		}
		var b strings.Builder
		var rs []rune
		for _, rng := range unicode.Han.R16 {
			for r := rune(rng.Lo); r <= rune(rng.Hi); r += rune(rng.Stride) {
				rs = append(rs, r)
				b.WriteRune(r)
				b.WriteByte('\n')
			}
		}
		for _, rng := range unicode.Han.R32 {
			for r := rune(rng.Lo); r <= rune(rng.Hi); r += rune(rng.Stride) {
				rs = append(rs, r)
				b.WriteRune(r)
				b.WriteByte('\n')
			}
		}
		out, err := cc.Convert(b.String())
		if err != nil {
			return
		}
		lines := strings.Split(out, "\n")
		if len(lines) < len(rs) {
			return
		}
		for i, r := range rs {
			conv := []rune(lines[i])
			if len(conv) == 1 && conv[0] != r && IsHan(conv[0]) {
				t2sMap[r] = conv[0]
			}
		}
	})
	return t2sMap
}

// Package analysis owns how bisearch reads text for searching, whatever the
// engine: folding (Traditional to Simplified, width, case), the Chinese
// character units and bigrams that make every substring findable, gse's
// words for ranking, and English analysis through bleve's analysers
// (possessives, lower case, stop words, Porter stems, numbers). Both engines
// index what it produces, and match spans are computed with it, so a hit is
// highlighted alike whichever engine found it.
package analysis

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"github.com/bisearch/bisearch/corpus"
)

// Normalisation happens one character at a time, so every character of the
// index's view of a text stands for exactly one character of the original:
// match offsets computed on the normalised text are offsets into the
// original, and highlights land on the characters the user sees.
//
// Fold maps a character to its search form: full-width forms to their
// ordinary width (ＷＩＰＯ → wipo, ２０２３ → 2023), upper case to lower, and
// Traditional Chinese characters to Simplified (知識產權 → 知识产权), so that
// either script finds the other.
func Fold(r rune) rune {
	if r < 0x80 {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	if f := width.LookupRune(r).Folded(); f != 0 {
		r = f
	}
	if corpus.IsHan(r) {
		return corpus.Simplified(r)
	}
	return unicode.ToLower(r)
}

// FoldString is Fold applied to every character of s.
func FoldString(s string) string {
	return strings.Map(Fold, s)
}

// IsWordRune reports whether r (folded) belongs to a Latin/digit word: a
// letter, digit or combining mark that is not a Chinese character.
func IsWordRune(r rune) bool {
	return !corpus.IsHan(r) && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
}

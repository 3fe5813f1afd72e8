package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bisearch/bisearch/corpus"
)

// Piece is a stretch of text the analysis looks at: a run of Chinese
// characters or one Latin/digit word. Pieces separated by anything but white
// space (punctuation, symbols) have Break set on the later one.
type Piece struct {
	Start, End int  // byte offsets in the original text
	Han        bool // a run of Chinese characters
	Break      bool // not adjacent to the piece before it
	// Norm is the folded text (see Fold); a number also loses its thousands
	// separators, and a curly apostrophe inside a word becomes '.
	Norm  string
	Offs  []int  // for a Chinese run: the original offset of each character, then the end
	Runes []rune // for a Chinese run: the folded characters
}

// Pieces splits text into Chinese runs and Latin/digit words, looking at
// each character's folded form. Digits joined by '.' or ',' (3.17, 1,926) and
// letters joined by an apostrophe stay one word.
func Pieces(text string) []Piece {
	var out []Piece
	brk := false
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		f := Fold(r)
		switch {
		case corpus.IsHan(f):
			p := Piece{Start: i, Han: true, Break: brk}
			j := i
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				f2 := Fold(r2)
				if !corpus.IsHan(f2) {
					break
				}
				p.Offs = append(p.Offs, j)
				p.Runes = append(p.Runes, f2)
				j += s2
			}
			p.End = j
			p.Offs = append(p.Offs, j)
			p.Norm = string(p.Runes)
			out = append(out, p)
			brk, i = false, j
		case IsWordRune(f):
			var b strings.Builder
			b.WriteRune(f)
			prev := f
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				f2 := Fold(r2)
				if IsWordRune(f2) {
					b.WriteRune(f2)
					prev = f2
					j += s2
					continue
				}
				if (f2 == '.' || f2 == ',' || f2 == '\'' || f2 == '’') && j+s2 < len(text) {
					r3, _ := utf8.DecodeRuneInString(text[j+s2:])
					f3 := Fold(r3)
					var joined bool
					if f2 == '.' || f2 == ',' {
						joined = unicode.IsDigit(prev) && unicode.IsDigit(f3)
					} else {
						joined = unicode.IsLetter(prev) && IsWordRune(f3) && unicode.IsLetter(f3)
					}
					if joined {
						switch f2 {
						case ',': // 1,926 is 1926
						case '’':
							b.WriteByte('\'')
						default:
							b.WriteRune(f2)
						}
						j += s2
						continue
					}
				}
				break
			}
			out = append(out, Piece{Start: i, End: j, Break: brk, Norm: b.String()})
			brk, i = false, j
		case unicode.IsSpace(f):
			i += size
		default:
			brk = true
			i += size
		}
	}
	return out
}

// Kind tells what a unit or token stands for.
type Kind int

// The kinds of units and tokens.
const (
	KindHan    Kind = iota // one Chinese character
	KindWord               // a Latin/digit word
	KindBigram             // two Chinese characters
)

// Unit is one unit of the n-gram analysis: a Chinese character (with the
// bigram it starts, if any) or a Latin/digit word.
type Unit struct {
	Term       string // the character or folded word
	Bigram     string // the character and the next, "" when none
	Start, End int    // bytes of the character or word
	BigramEnd  int    // end of the bigram
	Pos        int
	Kind       Kind // KindHan or KindWord
}

// Units returns the n-gram units of text: one per Chinese character and one
// per Latin/digit word, positions counting up by one and by two across
// punctuation, so no phrase spans it. Two Chinese characters next to each
// other, or apart by white space only, make a bigram.
func Units(text string) []Unit {
	var out []Unit
	pos := 0
	for _, p := range Pieces(text) {
		if p.Break {
			pos++
		}
		if !p.Han {
			pos++
			out = append(out, Unit{Term: p.Norm, Start: p.Start, End: p.End, Pos: pos, Kind: KindWord})
			continue
		}
		for k, r := range p.Runes {
			pos++
			out = append(out, Unit{Term: string(r), Start: p.Offs[k], End: p.Offs[k+1], Pos: pos, Kind: KindHan})
		}
	}
	for i := 0; i+1 < len(out); i++ {
		a, b := out[i], out[i+1]
		if a.Kind == KindHan && b.Kind == KindHan && b.Pos == a.Pos+1 {
			out[i].Bigram = a.Term + b.Term
			out[i].BigramEnd = b.End
		}
	}
	return out
}

// AfterWord reports whether us[i] is a Chinese character right after a
// Latin/digit word (2023年, 5G时代): such a character keeps its unigram too,
// so that a query ending with it (2023年) needs no bigram it starts.
func AfterWord(us []Unit, i int) bool {
	return i > 0 && us[i].Kind == KindHan && us[i-1].Kind != KindHan && us[i-1].Pos == us[i].Pos-1
}

// Token is one term of an analysed text.
type Token struct {
	Term       string
	Start, End int // bytes of the original text it covers
	Pos        int // from 1
	Kind       Kind
}

// Grams is the n-gram stream of a Chinese text: for every Chinese
// character, the bigram it starts, or else the character alone, at the
// character's position (a character right after a Latin/digit word keeps
// both); Latin/digit words are whole folded tokens with a position each. A
// phrase of bigrams at consecutive positions then matches exactly the
// paragraphs that contain a Chinese string of two or more characters,
// whatever the word segmentation; single characters are looked up in Chars.
func Grams(text string) []Token {
	var ts []Token
	us := Units(text)
	for i, u := range us {
		if u.Bigram == "" || AfterWord(us, i) {
			ts = append(ts, Token{u.Term, u.Start, u.End, u.Pos, u.Kind})
		}
		if u.Bigram != "" {
			ts = append(ts, Token{u.Bigram, u.Start, u.BigramEnd, u.Pos, KindBigram})
		}
	}
	return ts
}

// Chars lists the Chinese characters of text (folded), positions counting
// the characters.
func Chars(text string) []Token {
	var ts []Token
	for _, u := range Units(text) {
		if u.Kind == KindHan {
			ts = append(ts, Token{u.Term, u.Start, u.End, len(ts) + 1, KindHan})
		}
	}
	return ts
}

// HasHan reports whether s holds a Chinese character.
func HasHan(s string) bool {
	for _, r := range s {
		if corpus.IsHan(r) {
			return true
		}
	}
	return false
}

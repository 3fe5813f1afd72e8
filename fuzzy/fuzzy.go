// Package fuzzy measures how alike two segments are the way translation
// memory tools do, and marks what differs. A segment is compared as a
// sequence of tokens: each Chinese character is a token, each run of
// letters or digits (an English word, a number, with its decimal point or
// thousands separators) is a token, folded
// (full-width to ASCII, Traditional to Simplified, lower case); white space
// and punctuation are left out. The match percentage is
//
//	100 × (1 − d / max(n, m))
//
// rounded down, where d is the Levenshtein distance between the token
// sequences (insert, delete or replace one token: cost 1) and n, m their
// lengths; two segments with the same tokens that differ only in
// punctuation, spacing or case score 99, identical ones 100.
package fuzzy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/corpus"
)

// Token is one compared unit of a segment and where it is.
type Token struct {
	Text       string // folded
	Start, End int    // bytes of the segment
}

// Tokens splits a segment into its tokens.
func Tokens(s string) []Token {
	var out []Token
	start := -1
	var word strings.Builder
	flush := func(end int) {
		if start >= 0 {
			out = append(out, Token{word.String(), start, end})
			word.Reset()
			start = -1
		}
	}
	for i, r := range s {
		f := analysis.Fold(r)
		switch {
		case corpus.IsHan(f):
			flush(i)
			out = append(out, Token{string(f), i, i + len(string(r))})
		case analysis.IsWordRune(f) && f != '_', start >= 0 && inNumber(s, i, f):
			if start < 0 {
				start = i
			}
			word.WriteRune(unicode.ToLower(f))
		default:
			flush(i)
		}
	}
	flush(len(s))
	return out
}

// inNumber reports whether the character f at s[i] is a decimal point or
// thousands separator between two digits (3.17, 1,926): part of the number.
func inNumber(s string, i int, f rune) bool {
	if f != '.' && f != ',' || i == 0 {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	_, size := utf8.DecodeRuneInString(s[i:])
	next, _ := utf8.DecodeRuneInString(s[i+size:])
	return unicode.IsDigit(analysis.Fold(prev)) && unicode.IsDigit(analysis.Fold(next))
}

// Count is len(Tokens(s)), counted without making them.
func Count(s string) int {
	n, inWord := 0, false
	for i, r := range s {
		f := analysis.Fold(r)
		switch {
		case corpus.IsHan(f):
			n++
			inWord = false
		case analysis.IsWordRune(f) && f != '_', inWord && inNumber(s, i, f):
			if !inWord {
				n++
			}
			inWord = true
		default:
			inWord = false
		}
	}
	return n
}

// Segment is a segment ready for comparing: its text and tokens.
type Segment struct {
	Text   string
	Tokens []Token
	ids    []int32
}

// Dict numbers tokens, so that comparing compares numbers; one Dict serves
// all the segments compared with one query.
type Dict map[string]int32

// NewSegment tokenises text, numbering its tokens in d.
func (d Dict) NewSegment(text string) *Segment {
	s := &Segment{Text: text, Tokens: Tokens(text)}
	s.ids = make([]int32, len(s.Tokens))
	for i, t := range s.Tokens {
		id, ok := d[t.Text]
		if !ok {
			id = int32(len(d))
			d[t.Text] = id
		}
		s.ids[i] = id
	}
	return s
}

// Bound is the best percentage two segments of these token counts can
// reach: what their difference in length alone costs.
func Bound(n, m int) int {
	if n == 0 || m == 0 {
		return 0
	}
	return percent(abs(n-m), max(n, m))
}

// Percent is the match percentage of a and b.
func Percent(a, b *Segment) int {
	if len(a.ids) == 0 || len(b.ids) == 0 {
		return 0
	}
	d := distance(a.ids, b.ids)
	if d == 0 {
		if strings.Join(strings.Fields(a.Text), " ") == strings.Join(strings.Fields(b.Text), " ") {
			return 100
		}
		return 99
	}
	return percent(d, max(len(a.ids), len(b.ids)))
}

func percent(d, n int) int {
	p := 100 * (n - d) / n
	if p == 100 && d > 0 {
		p = 99
	}
	return max(0, p)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// distance is the Levenshtein distance of two token sequences, in two rows.
func distance(a, b []int32) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c = 1 + min(c, prev[j], cur[j-1])
			}
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Diff is what tells two segments apart: the spans of each that the other
// lacks or has otherwise (a replaced token is marked in both).
type Diff struct {
	A, B []corpus.Span
}

// Compare marks the differences of a and b along one cheapest edit.
func Compare(a, b *Segment) Diff {
	n, m := len(a.ids), len(b.ids)
	d := make([][]int32, n+1)
	for i := range d {
		d[i] = make([]int32, m+1)
		d[i][0] = int32(i)
	}
	for j := 0; j <= m; j++ {
		d[0][j] = int32(j)
	}
	for i := 1; i <= n; i++ {
		for j := 1; j <= m; j++ {
			c := d[i-1][j-1]
			if a.ids[i-1] != b.ids[j-1] {
				c = 1 + min(c, d[i-1][j], d[i][j-1])
			}
			d[i][j] = c
		}
	}
	var out Diff
	i, j := n, m
	for i > 0 || j > 0 {
		switch {
		case i > 0 && j > 0 && a.ids[i-1] == b.ids[j-1] && d[i][j] == d[i-1][j-1]:
			i, j = i-1, j-1
		case i > 0 && j > 0 && d[i][j] == d[i-1][j-1]+1:
			out.A = append(out.A, span(a.Tokens[i-1]))
			out.B = append(out.B, span(b.Tokens[j-1]))
			i, j = i-1, j-1
		case i > 0 && d[i][j] == d[i-1][j]+1:
			out.A = append(out.A, span(a.Tokens[i-1]))
			i--
		default:
			out.B = append(out.B, span(b.Tokens[j-1]))
			j--
		}
	}
	reverse(out.A)
	reverse(out.B)
	return out
}

func span(t Token) corpus.Span { return corpus.Span{Start: t.Start, End: t.End} }

func reverse(s []corpus.Span) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

package search

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/highlight"
	"github.com/bisearch/bisearch/query"
)

// Concordance orders.
const (
	OrderDoc   = "doc"   // document order (the default)
	OrderLeft  = "left"  // by the words left of the match, nearest first
	OrderRight = "right" // by the words right of the match
	OrderMatch = "match" // by the match as written, then the words right of it
)

// Limits of a concordance.
const (
	MaxConcordanceUnits = 5000 // matching units read, in document order
	MaxConcordanceLines = 20000
	// context shown each side of a match, in characters
	ContextZH = 30
	ContextEN = 70
)

// Line is one match of a concordance (key word in context): the words
// before it, the match, the words after it, and the translation of the
// sentence it is in.
type Line struct {
	ID       string // the unit's
	DocID    string
	DocTitle string
	Seq      int
	Section  string
	Lang     corpus.Lang // the side the match is on
	Left     string
	Match    string
	Right    string
	// Translation is the sentence(s) aligned with the matched sentence, the
	// words that translate the query marked; nil when the paragraph has no
	// translation.
	Translation *Side
	// Paragraph: the translation is the whole other paragraph (the pair has
	// no sentence alignment to narrow it).
	Paragraph bool
	Score     float64 // the confidence of the pair shown
	At        int     // the match's byte offset in its paragraph

	key [][]byte
}

// Concordance is a page of the lines of a query's matches.
type Concordance struct {
	Request query.Request // as validated
	Order   string
	Lines   []Line // the page asked for
	Total   int    // lines from the units read
	Units   int    // units read
	Of      uint64 // units matching in all
	Capped  bool   // Units < Of: the first MaxConcordanceUnits in document order were read
	Facets  *Facets
	Took    time.Duration
}

// ConcordanceOf makes the concordance of a request's matches: every match
// in the first MaxConcordanceUnits matching units, in the order asked for,
// the page req.From, req.Size of it.
func ConcordanceOf(ctx context.Context, b Backend, req query.Request, order string) (*Concordance, error) {
	start := time.Now()
	switch order {
	case "":
		order = OrderDoc
	case OrderDoc, OrderLeft, OrderRight, OrderMatch:
	default:
		return nil, &query.Error{Code: query.CodeBadParameter, Message: fmt.Sprintf("sort must be doc, left, right or match, not %q", clip(order, 20))}
	}
	req.Sort = ""
	p, err := prepare(ctx, b, &req)
	if err != nil {
		return nil, err
	}
	out := &Concordance{Request: req, Order: order}
	first := req
	first.From, first.Size = 0, 1
	found, err := b.Find(ctx, p.find, first)
	if err != nil {
		return nil, err
	}
	out.Of, out.Facets = found.Total, found.Facets
	meta := b.Meta()
	terms := p.q.Positives()
	tr := p.evidence(meta)
	var lines []Line
	err = b.Scan(ctx, p.find, req, func(units []Unit) error {
		for _, u := range units {
			if out.Units >= MaxConcordanceUnits || len(lines) >= MaxConcordanceLines {
				return ErrStop
			}
			out.Units++
			h := assemble(u, meta, terms, req.Lang, tr)
			lines = append(lines, linesOf(&h)...)
		}
		return ctx.Err()
	})
	if err != nil && !errors.Is(err, ErrStop) {
		return nil, err
	}
	out.Capped = uint64(out.Units) < out.Of
	if len(lines) > MaxConcordanceLines {
		lines = lines[:MaxConcordanceLines]
	}
	out.Total = len(lines)
	sortLines(lines, order)
	if req.From < len(lines) {
		out.Lines = lines[req.From:min(len(lines), req.From+req.Size)]
	}
	out.Took = time.Since(start)
	return out, nil
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// linesOf makes a line of each match of a hit, on each side it matched.
func linesOf(h *Hit) []Line {
	var out []Line
	for _, s := range []struct {
		lang        corpus.Lang
		side, other *Side
	}{{corpus.ZH, h.ZH, h.EN}, {corpus.EN, h.EN, h.ZH}} {
		if s.side == nil {
			continue
		}
		for _, m := range highlight.Merge(s.side.Text, s.side.Spans) {
			l := Line{ID: h.ID, DocID: h.DocID, DocTitle: h.DocTitle, Seq: h.Seq, Section: h.Section, Lang: s.lang, At: m.Start, Score: h.Align,
				Match: flat(s.side.Text[m.Start:m.End])}
			l.Left, l.Right = contextOf(s.side.Text, m, s.lang)
			l.Translation, l.Paragraph, l.Score = translationOf(h, s.side, s.other, m, l.Score)
			out = append(out, l)
		}
	}
	return out
}

// translationOf is the part of the other side that translates the
// sentence holding match m: its aligned sentences, or the whole paragraph.
func translationOf(h *Hit, side, other *Side, m corpus.Span, score float64) (*Side, bool, float64) {
	if other == nil {
		return nil, false, 0
	}
	for _, p := range h.Pairs {
		r, tr := p.ZH, p.EN
		if side == h.EN {
			r, tr = p.EN, p.ZH
		}
		if m.Start >= r.Start && m.Start < r.End {
			return other.Part(tr), false, p.Score
		}
	}
	for _, st := range side.Sentences {
		if m.Start >= st.Start && m.Start < st.End && len(st.Aligned) == 0 {
			return nil, false, 0 // a sentence with no translation in the pair
		}
	}
	return other, true, score
}

// flat is text on one line.
func flat(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == '\t' }), " ")
}

// contextOf is the text each side of a match, about ContextZH or ContextEN
// characters, English cut at a word's edge.
func contextOf(text string, m corpus.Span, lang corpus.Lang) (left, right string) {
	n := ContextEN
	if lang == corpus.ZH {
		n = ContextZH
	}
	left, right = text[:m.Start], text[m.End:]
	if utf8.RuneCountInString(left) > n {
		r := []rune(left)
		cut := len(r) - n
		if lang == corpus.EN {
			for cut < len(r) && !unicode.IsSpace(r[cut]) {
				cut++
			}
		}
		left = "…" + strings.TrimLeft(string(r[cut:]), " ")
	}
	if utf8.RuneCountInString(right) > n {
		r := []rune(right)
		cut := n
		if lang == corpus.EN {
			for cut > 0 && !unicode.IsSpace(r[cut]) {
				cut--
			}
		}
		right = strings.TrimRight(string(r[:cut]), " ") + "…"
	}
	return flat(left), flat(right)
}

// sortLines orders lines: by side (Chinese first), then as asked, ties in
// document order. Contexts compare word by word (Chinese character by
// character) with the Chinese collation (pinyin order for Chinese, case
// and width ignored).
func sortLines(lines []Line, order string) {
	if order == OrderDoc {
		return // the scan's order
	}
	col := collate.New(language.Chinese, collate.Loose)
	var buf collate.Buffer
	for i := range lines {
		l := &lines[i]
		var toks []string
		switch order {
		case OrderLeft:
			toks = tokens(l.Left)
			for a, b := 0, len(toks)-1; a < b; a, b = a+1, b-1 {
				toks[a], toks[b] = toks[b], toks[a]
			}
		case OrderRight:
			toks = tokens(l.Right)
		case OrderMatch:
			toks = append([]string{strings.Join(tokens(l.Match), " ")}, tokens(l.Right)...)
		}
		l.key = make([][]byte, len(toks))
		for k, t := range toks {
			l.key[k] = append([]byte(nil), col.KeyFromString(&buf, t)...)
			buf.Reset()
		}
	}
	sort.SliceStable(lines, func(i, j int) bool {
		a, b := &lines[i], &lines[j]
		if a.Lang != b.Lang {
			return a.Lang == corpus.ZH
		}
		for k := 0; k < len(a.key) && k < len(b.key); k++ {
			if c := bytes.Compare(a.key[k], b.key[k]); c != 0 {
				return c < 0
			}
		}
		return len(a.key) < len(b.key)
	})
}

// tokens are the words of a context (Chinese: its characters), folded,
// punctuation left out.
func tokens(s string) []string {
	var out []string
	word := []rune{}
	flush := func() {
		if len(word) > 0 {
			out = append(out, string(word))
			word = word[:0]
		}
	}
	for _, r := range s {
		f := analysis.Fold(r)
		switch {
		case corpus.IsHan(f):
			flush()
			out = append(out, string(f))
		case analysis.IsWordRune(f):
			word = append(word, unicode.ToLower(f))
		default:
			flush()
		}
	}
	flush()
	return out
}

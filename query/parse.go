// Package query owns bisearch's query language and the request around it:
// parsing what a user typed into an AST of its own (words, phrases,
// alternatives, exclusions, sides, document filters, prefixes), the one
// validation of a search request with typed errors meant for the user, and
// finding where a query's terms match in a paragraph (the spans that
// highlighting marks). It knows no engine: each engine turns the AST into
// its own query.
package query

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/corpus"
)

// The query language:
//
//	word            required; matches either side (Chinese as a string, English by stem)
//	"a phrase"      the words in this order
//	-word           excluded: no unit holding it is returned
//	a OR b          either (OR binds neighbours; groups are all required)
//	zh:word en:word the word must be on that side (zh:保护 -en:protection)
//	doc:ID          only that document (-doc:ID: not that document)
//	protect*        English words (and Latin words in Chinese) starting with protect
//
// Syntax errors are *Error with code bad_query and a message meant for the
// user.

// Term is one searchable item of a query.
type Term struct {
	Text   string
	Side   corpus.Lang // "", zh or en: where it may match
	Phrase bool
	Prefix bool // Text is a prefix (the * removed)
	Han    bool // holds Chinese characters
	Latin  bool // holds Latin letters or digits
}

// Group is a set of alternatives (a OR b); a plain word is a Group of one.
type Group struct {
	Terms []Term
	Raw   string // as typed
}

// Query is a whole query, parsed.
type Query struct {
	Groups  []Group  // positive groups, all required
	Exclude []Term   // negated terms: none may match
	Docs    []string // doc: filters (any of)
	NotDocs []string // -doc: filters
	Rest    []string // as typed: the exclusions and doc: filters
}

// Rewrite writes the query back with the groups for which keep is true.
func (p *Query) Rewrite(keep func(i int) bool, replace map[int]string) string {
	var parts []string
	for i, g := range p.Groups {
		if !keep(i) {
			continue
		}
		if r, ok := replace[i]; ok {
			parts = append(parts, r)
			continue
		}
		parts = append(parts, g.Raw)
	}
	return strings.Join(append(parts, p.Rest...), " ")
}

// Positives lists the terms that matched units contain (for highlighting).
func (p *Query) Positives() []Term {
	var out []Term
	for _, g := range p.Groups {
		out = append(out, g.Terms...)
	}
	return out
}

type item struct {
	t     Term
	neg   bool
	field string // "", zh, en, doc
	or    bool   // the OR operator
	raw   string
}

func badQuery(format string, args ...any) error {
	return &Error{Code: CodeBadQuery, Message: fmt.Sprintf(format, args...)}
}

func classify(t *Term) {
	for _, r := range t.Text {
		f := analysis.Fold(r)
		if corpus.IsHan(f) {
			t.Han = true
		} else if analysis.IsWordRune(f) {
			t.Latin = true
		}
	}
}

// lex splits the query into items.
func lex(s string) ([]item, error) {
	var items []item
	for {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		if s == "" {
			return items, nil
		}
		it := item{}
		start := s
		if s[0] == '-' && len(s) > 1 && !unicode.IsSpace(rune(s[1])) {
			it.neg = true
			s = s[1:]
		}
		if i := strings.IndexByte(s, ':'); i > 0 && i <= 3 {
			switch f := strings.ToLower(s[:i]); f {
			case "zh", "en", "doc":
				it.field = f
				s = s[i+1:]
				if s == "" || unicode.IsSpace(rune(s[0])) {
					return nil, badQuery("%s: needs a word after it, as in %s:保护", f, f)
				}
			}
		}
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return nil, badQuery("a quote is not closed: %s", clip(start, 40))
			}
			it.t = Term{Text: s[1 : 1+end], Phrase: true}
			s = s[2+end:]
		} else {
			end := strings.IndexFunc(s, unicode.IsSpace)
			if end < 0 {
				end = len(s)
			}
			word := s[:end]
			s = s[end:]
			if strings.Contains(word, "\"") {
				return nil, badQuery("a quote is not closed: %s", clip(word, 40))
			}
			if word == "OR" && !it.neg && it.field == "" {
				items = append(items, item{or: true, raw: word})
				continue
			}
			it.t = Term{Text: word}
			if strings.HasSuffix(word, "*") && it.field != "doc" {
				stem := strings.TrimRight(word, "*")
				it.t.Text = stem
				it.t.Prefix = true
				n := 0
				for _, r := range stem {
					if f := analysis.Fold(r); analysis.IsWordRune(f) || corpus.IsHan(f) {
						n++
					}
				}
				if n < 2 {
					return nil, badQuery("%s: a * needs at least two letters before it", word)
				}
			}
		}
		it.raw = start[:len(start)-len(s)]
		items = append(items, it)
	}
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// Parse reads the query language into a Query query.
func Parse(s string) (*Query, error) {
	items, err := lex(s)
	if err != nil {
		return nil, err
	}
	p := &Query{}
	for i := 0; i < len(items); i++ {
		alts, next, err := alternatives(items, i)
		if err != nil {
			return nil, err
		}
		i = next
		it := alts[0]
		if it.field == "doc" || it.neg {
			p.Rest = append(p.Rest, strings.TrimSpace(it.raw))
		}
		if it.field == "doc" {
			if err := p.addDoc(it); err != nil {
				return nil, err
			}
			continue
		}
		g := groupOf(alts)
		switch {
		case len(g.Terms) == 0:
		case it.neg:
			p.Exclude = append(p.Exclude, g.Terms...)
		default:
			p.Groups = append(p.Groups, g)
		}
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	return p, nil
}

// alternatives collects the items a OR b OR c from items[i] on, and
// returns the index of the last one taken.
func alternatives(items []item, i int) ([]item, int, error) {
	orNeedsWords := badQuery("OR needs a word on each side, as in customs OR 海关")
	if items[i].or {
		return nil, i, orNeedsWords
	}
	alts := []item{items[i]}
	for i+1 < len(items) && items[i+1].or {
		if i+2 >= len(items) || items[i+2].or {
			return nil, i, orNeedsWords
		}
		alts = append(alts, items[i+2])
		i += 2
	}
	if len(alts) > 1 {
		for _, a := range alts {
			if a.neg || a.field == "doc" {
				return nil, i, badQuery("%s cannot be one side of OR", a.raw)
			}
		}
	}
	return alts, i, nil
}

// addDoc adds a doc: filter (or a -doc: one).
func (p *Query) addDoc(it item) error {
	id := it.t.Text
	if id == "" {
		return badQuery("doc: needs a document id")
	}
	if it.neg {
		p.NotDocs = append(p.NotDocs, id)
	} else {
		p.Docs = append(p.Docs, id)
	}
	return nil
}

// groupOf makes a group of alternatives, leaving out those with nothing
// searchable (punctuation only).
func groupOf(alts []item) Group {
	var g Group
	var raws []string
	for _, a := range alts {
		raws = append(raws, strings.TrimSpace(a.raw))
	}
	g.Raw = strings.Join(raws, " OR ")
	for _, a := range alts {
		t := a.t
		t.Side = corpus.Lang(a.field)
		classify(&t)
		if !t.Han && !t.Latin {
			continue
		}
		if t.Prefix && t.Han {
			t.Prefix = false // Chinese is matched as a string anyway
		}
		g.Terms = append(g.Terms, t)
	}
	return g
}

// check refuses a query with too many words or nothing to search for.
func (p *Query) check() error {
	n := len(p.Exclude)
	for _, g := range p.Groups {
		n += len(g.Terms)
	}
	if n > MaxTerms {
		return badQuery("too many words (%d, at most %d)", n, MaxTerms)
	}
	if len(p.Groups) == 0 {
		if len(p.Exclude) > 0 || len(p.Docs)+len(p.NotDocs) > 0 {
			return badQuery("nothing to search for: give at least one word that is not excluded")
		}
		return badQuery("nothing to search for: the query has no letters, digits or Chinese characters")
	}
	return nil
}

// Sides tells on which sides a term may match, given the side a request
// asks for ("" for either).
func (t Term) Sides(lang corpus.Lang) (zh, en bool) {
	zh = lang != corpus.EN && t.Side != corpus.EN
	en = lang != corpus.ZH && t.Side != corpus.ZH && t.Latin && !t.Han
	return zh, en
}

// StopWords reports whether every term of g is an English stop word that
// may match on either side: such a group ("rosemary and thyme") is not
// required, since the index does not hold stop words.
func (g Group) StopWords() bool {
	for _, t := range g.Terms {
		if t.Han || t.Prefix || t.Phrase || t.Side == corpus.ZH || len(analysis.EnglishTokens(t.Text)) > 0 {
			return false
		}
	}
	return true
}

// OnlyStopWords reports whether every group is English stop words, which
// the index does not hold: such a query finds nothing however it is run.
func (p *Query) OnlyStopWords() bool {
	for _, g := range p.Groups {
		if !g.StopWords() {
			return false
		}
	}
	return len(p.Groups) > 0
}

// Required lists the groups a unit must match: all of them, but for groups
// of English stop words only, unless nothing else is left.
func (p *Query) Required() []Group {
	var kept []Group
	for _, g := range p.Groups {
		if !g.StopWords() {
			kept = append(kept, g)
		}
	}
	if len(kept) == 0 {
		return p.Groups
	}
	return kept
}

// Whole is the query's plain words run together — Chinese without spaces,
// English as a phrase, Latin words and Chinese as one string — when there
// are several, else nil: a unit holding them as one string, as typed, ranks
// above one holding them apart.
func (p *Query) Whole() *Term {
	var parts []string
	han, latin := 0, 0
	for _, g := range p.Groups {
		if len(g.Terms) != 1 {
			return nil
		}
		t := g.Terms[0]
		if t.Prefix || t.Side != "" {
			return nil
		}
		if t.Han {
			han++
		} else {
			latin++
		}
		parts = append(parts, t.Text)
	}
	if len(parts) < 2 {
		return nil
	}
	w := Term{Phrase: true}
	if han > 0 && latin == 0 {
		w.Text = strings.Join(parts, "")
	} else {
		// English as a phrase; Latin words and Chinese (2023 年) as the
		// string they make, the white space between them ignored
		w.Text = strings.Join(parts, " ")
	}
	classify(&w)
	return &w
}

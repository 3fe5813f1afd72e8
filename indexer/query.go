package indexer

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
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
// Syntax errors are ErrBadQuery with a message meant for the user.

// term is one searchable item of a query.
type term struct {
	text   string
	side   string // "", "zh" or "en": where it may match
	phrase bool
	prefix bool // text is a prefix (the * removed)
	han    bool // holds Chinese characters
	latin  bool // holds Latin letters or digits
}

// group is a set of alternatives (a OR b); a plain word is a group of one.
type group struct {
	terms []term
	raw   string // as typed
}

// parsed is a whole query.
type parsed struct {
	groups  []group  // positive groups, all required
	exclude []term   // negated terms: none may match
	docs    []string // doc: filters (any of)
	notDocs []string // -doc: filters
	rest    []string // as typed: the exclusions and doc: filters
}

// text writes the query back with the groups for which keep is true.
func (p *parsed) text(keep func(i int) bool, replace map[int]string) string {
	var parts []string
	for i, g := range p.groups {
		if !keep(i) {
			continue
		}
		if r, ok := replace[i]; ok {
			parts = append(parts, r)
			continue
		}
		parts = append(parts, g.raw)
	}
	return strings.Join(append(parts, p.rest...), " ")
}

// positives lists the terms that matched units contain (for highlighting).
func (p *parsed) positives() []term {
	var out []term
	for _, g := range p.groups {
		out = append(out, g.terms...)
	}
	return out
}

type item struct {
	t     term
	neg   bool
	field string // "", zh, en, doc
	or    bool   // the OR operator
	raw   string
}

func badQuery(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBadQuery, fmt.Sprintf(format, args...))
}

func classify(t *term) {
	for _, r := range t.text {
		f := fold(r)
		if isHan(f) {
			t.han = true
		} else if isWordRune(f) {
			t.latin = true
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
			it.t = term{text: s[1 : 1+end], phrase: true}
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
			it.t = term{text: word}
			if strings.HasSuffix(word, "*") && it.field != "doc" {
				stem := strings.TrimRight(word, "*")
				it.t.text = stem
				it.t.prefix = true
				n := 0
				for _, r := range stem {
					if f := fold(r); isWordRune(f) || isHan(f) {
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

// parse reads the query language into a parsed query.
func parse(s string) (*parsed, error) {
	items, err := lex(s)
	if err != nil {
		return nil, err
	}
	p := &parsed{}
	for i := 0; i < len(items); i++ {
		it := items[i]
		if it.or {
			return nil, badQuery("OR needs a word on each side, as in customs OR 海关")
		}
		// collect a OR b OR c
		alts := []item{it}
		for i+1 < len(items) && items[i+1].or {
			if i+2 >= len(items) || items[i+2].or {
				return nil, badQuery("OR needs a word on each side, as in customs OR 海关")
			}
			alts = append(alts, items[i+2])
			i += 2
		}
		if len(alts) > 1 {
			for _, a := range alts {
				if a.neg || a.field == "doc" {
					return nil, badQuery("%s cannot be one side of OR", a.raw)
				}
			}
		}
		if it.field == "doc" || it.neg {
			p.rest = append(p.rest, strings.TrimSpace(it.raw))
		}
		if it.field == "doc" {
			id := it.t.text
			if id == "" {
				return nil, badQuery("doc: needs a document id")
			}
			if it.neg {
				p.notDocs = append(p.notDocs, id)
			} else {
				p.docs = append(p.docs, id)
			}
			continue
		}
		var g group
		var raws []string
		for _, a := range alts {
			raws = append(raws, strings.TrimSpace(a.raw))
		}
		g.raw = strings.Join(raws, " OR ")
		for _, a := range alts {
			t := a.t
			t.side = a.field
			classify(&t)
			if !t.han && !t.latin {
				continue // nothing searchable (punctuation only)
			}
			if t.prefix && t.han {
				t.prefix = false // Chinese is matched as a string anyway
			}
			g.terms = append(g.terms, t)
		}
		if len(g.terms) == 0 {
			continue
		}
		if it.neg {
			p.exclude = append(p.exclude, g.terms...)
			continue
		}
		p.groups = append(p.groups, g)
	}
	n := len(p.exclude)
	for _, g := range p.groups {
		n += len(g.terms)
	}
	if n > MaxTerms {
		return nil, badQuery("too many words (%d, at most %d)", n, MaxTerms)
	}
	if len(p.groups) == 0 {
		if len(p.exclude) > 0 || len(p.docs)+len(p.notDocs) > 0 {
			return nil, badQuery("nothing to search for: give at least one word that is not excluded")
		}
		return nil, badQuery("nothing to search for: the query has no letters, digits or Chinese characters")
	}
	return p, nil
}

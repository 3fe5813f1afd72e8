// Package search owns what every engine shares: the answer to a search
// (hits with their match spans and reading aids, facets, suggestions), the
// documents an index knows and its vocabulary, and Run, which validates a
// request, asks an engine's Backend for the matching units and assembles the
// answer from their stored text. Engines only find and count; everything a
// user sees of a hit is worked out here, so both engines show a hit alike.
package search

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/highlight"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/reading"
)

// Errors an engine reports, for the server's status table.
var (
	ErrNotFound     = errors.New("not found")
	ErrNoIndex      = errors.New("no index")
	ErrUnavailable  = errors.New("search engine unavailable") // try again later (503 with Retry-After)
	ErrIncompatible = errors.New("index built by an incompatible version")
	// ErrStop, returned by a Scan's function, ends the scan.
	ErrStop = errors.New("stop the scan")
)

// Unit is a unit as an engine stores and returns it.
type Unit struct {
	ID    string // corpus.UnitID(Doc, Seq)
	Doc   string
	Score float64 // relevance, for a hit
	corpus.Unit
}

// Found is what a Backend finds for a query: the units of the page asked
// for, how many match in all, and the facets when asked for.
type Found struct {
	Total  uint64
	Units  []Unit
	Facets *Facets
}

// Backend is what an engine does for a search.
type Backend interface {
	// Find returns the page of units the request asks for.
	Find(ctx context.Context, q *query.Query, req query.Request) (*Found, error)
	// Scan calls fn with every unit q matches, in document order, a batch
	// at a time, until none is left or fn returns an error (which Scan
	// returns; ErrStop ends a scan early without one).
	Scan(ctx context.Context, q *query.Query, req query.Request, fn func([]Unit) error) error
	// Count counts the units a query matches.
	Count(ctx context.Context, q *query.Query, req query.Request) (uint64, error)
	// Meta is what the index knows of its documents and words.
	Meta() *Meta
}

// Side is one language of a hit.
type Side struct {
	Text       string
	Spans      []corpus.Span // where the query matched
	Sentences  []reading.Sentence
	Shaded     []corpus.Span // sentences holding a match, and their translations
	Equivalent []corpus.Span // words that translate the query
}

// Hit is one matching unit.
type Hit struct {
	ID       string
	DocID    string
	DocTitle string
	Seq      int
	Score    float64
	Matched  []corpus.Lang // the sides the query matched on
	ZH, EN   *Side         // nil when the unit has no paragraph in that language
	Section  string
	Align    float64 // alignment confidence of the pair
	// Pairs are the sentence pairs holding a match (none when the unit has
	// no sentence alignment): the examples of the sentence view.
	Pairs []Pair
}

// Facets count a query's hits by the side they match on, by whether they
// have a translation, by document and by section (the most frequent ones).
type Facets struct {
	Sides      map[corpus.Lang]uint64
	Translated map[string]uint64 // "yes": hits with both sides; "no": with one
	Docs       []FacetCount
	Sections   []FacetCount
}

// FacetCount is one value of a facet and how many hits have it.
type FacetCount struct {
	Value string
	Title string // a document's title
	Count int
}

// MaxFacetValues is how many documents and sections a facet lists.
const MaxFacetValues = 20

// Result is the answer to a request.
type Result struct {
	Request     query.Request // as validated, defaults filled in
	Total       uint64
	Took        time.Duration
	Hits        []Hit
	Suggestions []string // with no hit: queries that find something
	Notices     []string // what a user should know about the query (a stop word alone)
	Facets      *Facets  // when asked for
	// Translations: how the query's term is translated, when asked for
	// (nil for a query of more than one term)
	Translations *Translations
}

// prepared is a validated request: its query, the query that finds its
// hits (narrowed by as=), and the translation evidence when read.
type prepared struct {
	q, find *query.Query
	trs     *Translations         // how the query's term is translated, when asked
	tr      *reading.Translations // the evidence of its hits, when read
}

// prepare validates a request (filling in its defaults) and reads the
// query's translations when they are asked for or filter the hits.
func prepare(ctx context.Context, b Backend, r *query.Request) (*prepared, error) {
	q, err := r.Validate()
	req := *r
	if err != nil {
		return nil, err
	}
	p := &prepared{q: q, find: q}
	if req.Translations || req.As != "" {
		if p.trs, p.tr, err = translationsOf(ctx, b, q, req); err != nil {
			return nil, err
		}
		if req.As != "" && p.trs == nil {
			return nil, &query.Error{Code: query.CodeBadParameter, Message: "as (a translation to keep) needs a query of one word or phrase"}
		}
	}
	if req.As != "" {
		p.find = translatedAs(q, p.trs, req.As)
		if req.As == query.AsOther && r.Translated == "" {
			r.Translated = "yes" // translated otherwise: translated
		}
	}
	return p, nil
}

// evidence is the translation evidence for marking hits: what the hits
// taught when read, else the dictionary's and the corpus's.
func (p *prepared) evidence(meta *Meta) *reading.Translations {
	if p.tr == nil {
		p.tr = reading.TranslationsOf(p.q.Positives(), meta.Assoc())
	}
	return p.tr
}

// Run validates a request, finds its units with b and assembles the answer.
func Run(ctx context.Context, b Backend, req query.Request) (*Result, error) {
	start := time.Now()
	p, err := prepare(ctx, b, &req)
	if err != nil {
		return nil, err
	}
	q := p.q
	found, err := b.Find(ctx, p.find, req)
	if err != nil {
		return nil, err
	}
	out := &Result{Request: req, Total: found.Total, Facets: found.Facets}
	if req.Translations {
		out.Translations = p.trs
	}
	meta := b.Meta()
	terms := p.find.Positives() // with the translation chosen (as=), marked too
	var tr *reading.Translations
	if len(found.Units) > 0 {
		tr = p.evidence(meta)
	}
	for _, u := range found.Units {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out.Hits = append(out.Hits, assemble(u, meta, terms, req.Lang, tr))
	}
	if found.Total == 0 {
		out.Suggestions = Suggest(ctx, b, q, req)
	}
	if q.OnlyStopWords() {
		var words []string
		for _, g := range q.Groups {
			words = append(words, g.Raw)
		}
		out.Notices = append(out.Notices, fmt.Sprintf("%s: English words this common are not indexed on their own; add a word that says more, or put them in a phrase with one (\"the library\")", strings.Join(words, " ")))
	}
	out.Took = time.Since(start)
	return out, nil
}

// translatedAs is q keeping the hits whose other side holds the words as
// (or, for query.AsOther, none of the translations listed).
func translatedAs(q *query.Query, trs *Translations, as string) *query.Query {
	out := *q
	out.Groups = append([]query.Group(nil), q.Groups...)
	out.Exclude = append([]query.Term(nil), q.Exclude...)
	if as != query.AsOther {
		out.Groups = append(out.Groups, query.Group{Terms: []query.Term{asTerm(trs.Side, as)}, Raw: string(trs.Side) + ":\"" + as + "\""})
		return &out
	}
	for _, tc := range trs.Terms {
		out.Exclude = append(out.Exclude, asTerm(trs.Side, tc.Text))
	}
	return &out
}

// asTerm is a translation as a term of the query: the phrase, on side.
func asTerm(side corpus.Lang, text string) query.Term {
	t := query.Term{Text: text, Side: side, Phrase: true}
	for _, r := range text {
		if corpus.IsHan(r) {
			t.Han = true
		} else if analysis.IsWordRune(analysis.Fold(r)) {
			t.Latin = true
		}
	}
	return t
}

// assemble makes a hit of a unit: the spans of the query on each side and
// the reading aids of a pair.
func assemble(u Unit, meta *Meta, terms []query.Term, lang corpus.Lang, tr *reading.Translations) Hit {
	h := Hit{ID: u.ID, DocID: u.Doc, DocTitle: meta.Title(u.Doc), Seq: u.Seq, Score: u.Score, Section: u.Section, Align: u.Unit.Score}
	side := func(text string, which corpus.Lang) *Side {
		if text == "" {
			return nil
		}
		s := &Side{Text: text, Spans: query.Spans(text, which, lang, terms)}
		if len(s.Spans) > 0 {
			h.Matched = append(h.Matched, which)
		}
		return s
	}
	h.ZH, h.EN = side(u.ZH, corpus.ZH), side(u.EN, corpus.EN)
	if h.ZH != nil && h.EN != nil && tr != nil {
		az, ae, ok := tr.Of(reading.Side{Text: h.ZH.Text, Spans: h.ZH.Spans}, reading.Side{Text: h.EN.Text, Spans: h.EN.Spans}, u.Sentences)
		if ok {
			h.ZH.Sentences, h.ZH.Shaded, h.ZH.Equivalent = az.Sentences, az.Shaded, az.Equivalent
			h.EN.Sentences, h.EN.Shaded, h.EN.Equivalent = ae.Sentences, ae.Shaded, ae.Equivalent
		}
	}
	h.Pairs = pairsOf(u, h.ZH, h.EN)
	return h
}

// SnippetRunes is about how many characters a snippet shows.
const SnippetRunes = 200

// Highlight is the side as HTML with the query's matches marked.
func (s *Side) Highlight() string { return highlight.Render(s.Text, s.Spans, nil, nil) }

// HTML is the side for reading: matches marked, the words that translate
// the query marked class "tr", and the matched sentences and their
// translations wrapped in <span class="al">.
func (s *Side) HTML() string { return highlight.Render(s.Text, s.Spans, s.Equivalent, s.Shaded) }

// Snippet is about SnippetRunes characters around the best match, as HTML.
func (s *Side) Snippet() string { return highlight.Snippet(s.Text, s.Spans, SnippetRunes) }

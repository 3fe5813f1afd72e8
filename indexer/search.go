package indexer

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Limits on what one query may ask for.
const (
	MaxQueryRunes = 1000
	MaxTerms      = 32
	MaxSize       = 100
	MaxWindow     = 10_000 // from + size
	DefaultSize   = 10
	MaxExpansion  = 2048 // index terms one word with * may stand for
)

// Query is a search request.
type Query struct {
	Text    string // words (all required) and "quoted phrases"
	Lang    string // "", "zh" or "en": the side the terms must match on
	Doc     string // restrict to one document
	Section string // restrict to one section
	From    int
	Size    int
	Sort    string // "" (relevance) or "doc": document order
	Facets  bool   // count the hits by side, document and section
}

// Facets count a query's hits by the side they match on, by document and by
// section (the most frequent ones).
type Facets struct {
	Sides    map[string]uint64 `json:"sides"`
	Docs     []FacetCount      `json:"docs"`
	Sections []FacetCount      `json:"sections"`
}

// FacetCount is one value of a facet and how many hits have it.
type FacetCount struct {
	Value string `json:"value"`
	Title string `json:"title,omitempty"`
	Count int    `json:"count"`
}

// MaxFacetValues is how many documents and sections a facet lists.
const MaxFacetValues = 20

// Side is one language of a hit.
type Side struct {
	Text      string `json:"text"`
	Highlight string `json:"highlight"`
	Snippet   string `json:"snippet"` // about SnippetRunes characters around the best match
	Spans     []Span `json:"spans,omitempty"`
	// HTML is the paragraph for reading: matches marked, the words that
	// translate the query marked class "tr", and the sentences that match,
	// or translate a match, wrapped in <span class="al">.
	HTML string `json:"html"`
	// Sentences are the paragraph's sentences with the indexes of the
	// sentences of the other side they align with.
	Sentences  []Sentence `json:"sentences,omitempty"`
	Equivalent []Span     `json:"-"` // spans of translation equivalents
	Shaded     []Span     `json:"-"` // spans of shaded sentences
}

// Sentence is a sentence of a side and the sentences of the other side it
// aligns with.
type Sentence struct {
	Start   int   `json:"start"`
	End     int   `json:"end"`
	Aligned []int `json:"aligned"`
}

// Hit is one matching unit.
type Hit struct {
	ID       string
	DocID    string
	DocTitle string
	Seq      int
	Score    float64
	Matched  []string // the sides the query matched on: "zh", "en"
	ZH, EN   *Side    // nil when the unit has no paragraph in that language
	Section  string
	Align    float64 // alignment confidence of the pair
}

// Result is the answer to a Query.
type Result struct {
	Query       string
	Total       uint64
	Took        time.Duration
	Hits        []Hit
	Suggestions []string // with no hit: queries that find something
	Facets      *Facets  // when asked for
}

// gramQuery is the query on the n-gram fields that finds every paragraph
// containing text; nil when text has nothing to look for there. One Chinese
// character is looked up in the character field; anything longer is a phrase
// over the n-gram field: by position, the bigram a character starts in text,
// or the character alone where text goes on with something else (the
// paragraph then has it alone too), or nothing for a last character that
// ends a bigram. A last character right after a Latin/digit word (2023年,
// A股) is indexed alone too. Only a last character after punctuation may
// begin any bigram in a paragraph: its place takes every such bigram in the
// index.
func (ix *Index) gramQuery(text string) query.Query {
	us := units(text)
	if len(us) == 0 {
		return nil
	}
	if len(us) == 1 && us[0].typ == analysis.Ideographic {
		tq := bleve.NewTermQuery(us[0].term)
		tq.SetField(fieldZHChar)
		return tq
	}
	first := us[0].pos
	slots := make([][]string, us[len(us)-1].pos-first+1)
	var loose []query.Query // characters checked without their place
	for i, u := range us {
		switch {
		case u.bigram != "":
			slots[u.pos-first] = []string{u.bigram}
		case u.typ != analysis.Ideographic || i < len(us)-1:
			slots[u.pos-first] = []string{u.term}
		case i > 0 && us[i-1].bigram != "":
			// the bigram before holds it
		case afterWord(us, i):
			slots[u.pos-first] = []string{u.term} // indexed alone too
		default:
			if alts := ix.bigramsFrom(u.term); alts != nil {
				slots[u.pos-first] = alts
			} else {
				tq := bleve.NewTermQuery(u.term)
				tq.SetField(fieldZHChar)
				loose = append(loose, tq)
			}
		}
	}
	for len(slots) > 0 && slots[len(slots)-1] == nil {
		slots = slots[:len(slots)-1]
	}
	// one slot is one term (a word, or two characters); a slot of
	// alternatives only ever follows another
	var q query.Query = query.NewMultiPhraseQuery(slots, fieldZHGram)
	if len(slots) == 1 {
		tq := bleve.NewTermQuery(slots[0][0])
		tq.SetField(fieldZHGram)
		q = tq
	}
	if len(loose) == 0 {
		return q
	}
	return bleve.NewConjunctionQuery(append(loose, q)...)
}

// bigramsFrom lists the n-gram field's terms that begin with the character
// c: c alone and the bigrams it starts; nil when they are more than
// MaxExpansion.
func (ix *Index) bigramsFrom(c string) []string {
	out := []string{c}
	for t := range ix.termsWithPrefix(fieldZHGram, c, MaxExpansion+1) {
		if utf8.RuneCountInString(t) == 2 {
			out = append(out, t)
		}
	}
	if len(out) > MaxExpansion {
		return nil
	}
	return out
}

// termsWithPrefix gathers the terms of field that begin with prefix, over all
// shards, with their document counts summed; at most limit terms.
func (ix *Index) termsWithPrefix(field, prefix string, limit int) map[string]uint64 {
	counts := map[string]uint64{}
	for _, shard := range ix.shards {
		dict, err := shard.FieldDictPrefix(field, []byte(prefix))
		if err != nil {
			continue
		}
		for e, err := dict.Next(); err == nil && e != nil && len(counts) < limit; e, err = dict.Next() {
			counts[e.Term] += e.Count
		}
		dict.Close()
	}
	return counts
}

func (ix *Index) analyze(analyzer, text string) analysis.TokenStream {
	a := ix.mapping.AnalyzerNamed(analyzer)
	if a == nil {
		return nil
	}
	return a.Analyze([]byte(text))
}

// sides tells on which sides a term may match, given the request's lang.
func sides(t term, lang string) (zh, en bool) {
	zh = lang != "en" && t.side != "en"
	en = lang != "zh" && t.side != "zh" && t.latin && !t.han
	return zh, en
}

// clause builds the bleve query for one term on the sides allowed; nil when
// it can match nowhere.
func (ix *Index) clause(t term, lang string) query.Query {
	onZH, onEN := sides(t, lang)
	var any []query.Query
	if onZH {
		switch {
		case t.prefix:
			w := strings.ToLower(FoldString(t.text))
			pq := bleve.NewPrefixQuery(w)
			pq.SetField(fieldZHGram)
			any = append(any, pq)
		default:
			if q := ix.gramQuery(t.text); q != nil {
				if t.han {
					// a match on gse's words ranks above one inside a longer word
					// every gse word of the term (the field keeps no
					// positions: the n-gram phrase has already checked order)
					words := bleve.NewMatchQuery(t.text)
					words.SetField(fieldZH)
					words.Analyzer = AnalyzerZH
					words.SetOperator(query.MatchQueryOperatorAnd)
					words.SetBoost(2)
					boosted := bleve.NewBooleanQuery()
					boosted.AddMust(q)
					boosted.AddShould(words)
					q = boosted
				}
				any = append(any, q)
			}
		}
	}
	if onEN {
		switch {
		case t.prefix:
			// the English field holds stems, so a prefix is expanded over the
			// corpus's own words, then analysed like them
			if stems := ix.expandEN(t.text); len(stems) > 0 {
				var qs []query.Query
				for _, st := range stems {
					tq := bleve.NewTermQuery(st)
					tq.SetField(fieldEN)
					qs = append(qs, tq)
				}
				any = append(any, bleve.NewDisjunctionQuery(qs...))
			}
		case len(ix.analyze(AnalyzerEN, t.text)) > 0:
			mp := bleve.NewMatchPhraseQuery(t.text)
			mp.SetField(fieldEN)
			mp.Analyzer = AnalyzerEN
			any = append(any, mp)
		}
	}
	switch len(any) {
	case 0:
		return nil
	case 1:
		return any[0]
	}
	return bleve.NewDisjunctionQuery(any...)
}

// build turns a parsed query into a bleve query.
func (ix *Index) build(p *parsed, q Query) query.Query {
	bq := bleve.NewBooleanQuery()
	var must []query.Query
	// English stop words on their own ("rosemary and thyme") are not
	// required: the index does not hold them (phrases still place them)
	groups := p.groups
	var kept []group
	for _, g := range groups {
		if !ix.allStopWords(g) {
			kept = append(kept, g)
		}
	}
	if len(kept) > 0 {
		groups = kept
	}
	for _, g := range groups {
		var alts []query.Query
		for _, t := range g.terms {
			if c := ix.clause(t, q.Lang); c != nil {
				alts = append(alts, c)
			}
		}
		switch len(alts) {
		case 0:
			must = append(must, bleve.NewMatchNoneQuery())
		case 1:
			must = append(must, alts[0])
		default:
			must = append(must, bleve.NewDisjunctionQuery(alts...))
		}
	}
	docs := append([]string(nil), p.docs...)
	if q.Doc != "" {
		docs = append(docs, q.Doc)
	}
	if q.Section != "" {
		sq := bleve.NewTermQuery(q.Section)
		sq.SetField(fieldSectionKW)
		must = append(must, sq)
	}
	if len(docs) > 0 {
		var dq []query.Query
		for _, d := range docs {
			tq := bleve.NewTermQuery(d)
			tq.SetField(fieldDoc)
			dq = append(dq, tq)
		}
		if q.Doc != "" && len(p.docs) > 0 {
			// the request's doc and the query's doc: must both hold
			for _, d := range dq {
				must = append(must, d)
			}
		} else {
			must = append(must, bleve.NewDisjunctionQuery(dq...))
		}
	}
	bq.AddMust(must...)
	var not []query.Query
	for _, t := range p.exclude {
		if c := ix.clause(t, q.Lang); c != nil {
			not = append(not, c)
		}
		// -en:word asks for units whose English lacks the word: they must
		// have English (likewise -zh:)
		if t.side != "" {
			has := bleve.NewTermQuery(t.side)
			has.SetField(fieldSides)
			bq.AddMust(has)
		}
	}
	for _, d := range p.notDocs {
		tq := bleve.NewTermQuery(d)
		tq.SetField(fieldDoc)
		not = append(not, tq)
	}
	if len(not) > 0 {
		bq.AddMustNot(not...)
	}
	// the words as one string rank above the words apart
	if whole := wholeQuery(p); whole != nil {
		if c := ix.clause(*whole, q.Lang); c != nil {
			c.(query.BoostableQuery).SetBoost(3)
			bq.AddShould(c)
		}
	}
	return bq
}

// allStopWords reports whether every term of g is an English stop word
// that may match on either side.
func (ix *Index) allStopWords(g group) bool {
	for _, t := range g.terms {
		if t.han || t.prefix || t.phrase || t.side == "zh" || len(ix.analyze(AnalyzerEN, t.text)) > 0 {
			return false
		}
	}
	return true
}

// wholeQuery is the query's plain words run together — Chinese without
// spaces, English as a phrase — when there are several, else nil.
func wholeQuery(p *parsed) *term {
	var parts []string
	han, latin := 0, 0
	for _, g := range p.groups {
		if len(g.terms) != 1 {
			return nil
		}
		t := g.terms[0]
		if t.prefix || t.side != "" {
			return nil
		}
		if t.han {
			han++
		} else {
			latin++
		}
		parts = append(parts, t.text)
	}
	if len(parts) < 2 || han > 0 && latin > 0 {
		return nil
	}
	w := term{phrase: true}
	if han > 0 {
		w.text = strings.Join(parts, "")
	} else {
		w.text = strings.Join(parts, " ")
	}
	classify(&w)
	return &w
}

// Search runs a query and returns the hits of the requested page with their
// match spans and highlighted HTML.
func (ix *Index) Search(ctx context.Context, q Query) (*Result, error) {
	start := time.Now()
	if n := utf8.RuneCountInString(q.Text); n > MaxQueryRunes {
		return nil, fmt.Errorf("%w: the query is %d characters long, at most %d", ErrBadQuery, n, MaxQueryRunes)
	}
	if !utf8.ValidString(q.Text) {
		return nil, fmt.Errorf("%w: the query is not valid UTF-8", ErrBadQuery)
	}
	switch q.Lang {
	case "", "zh", "en":
	default:
		return nil, fmt.Errorf("%w: lang must be zh or en, not %q", ErrBadQuery, q.Lang)
	}
	if q.Size <= 0 {
		q.Size = DefaultSize
	}
	if q.Size > MaxSize {
		return nil, fmt.Errorf("%w: size %d is over %d", ErrBadQuery, q.Size, MaxSize)
	}
	if q.From < 0 || q.From+q.Size > MaxWindow {
		return nil, fmt.Errorf("%w: from must be between 0 and %d", ErrBadQuery, MaxWindow-q.Size)
	}
	p, err := parse(q.Text)
	if err != nil {
		return nil, err
	}
	switch q.Sort {
	case "", "relevance", "doc":
	default:
		return nil, fmt.Errorf("%w: sort must be relevance or doc, not %q", ErrBadQuery, q.Sort)
	}
	built := ix.build(p, q)
	req := bleve.NewSearchRequestOptions(built, q.Size, q.From, false)
	req.Fields = []string{fieldDoc, fieldSeq, fieldZH, fieldEN, fieldSection, fieldScore, fieldSents}
	if q.Sort == "doc" {
		req.SortBy([]string{fieldDocOrder, fieldSeq})
	}
	if q.Facets {
		req.AddFacet("docs", bleve.NewFacetRequest(fieldDoc, MaxFacetValues))
		req.AddFacet("sections", bleve.NewFacetRequest(fieldSectionKW, MaxFacetValues))
	}
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if strings.Contains(err.Error(), "TooManyClauses") {
			return nil, fmt.Errorf("%w: a word with * matches too many words; give more letters before the *", ErrBadQuery)
		}
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	out := &Result{Query: q.Text, Total: res.Total}
	if q.Facets {
		out.Facets = ix.facets(ctx, p, q, res)
	}
	terms := p.positives()
	var tr *translations // worked out once, for all the hits
	if len(res.Hits) > 0 {
		tr = ix.translationsOf(terms)
	}
	for _, h := range res.Hits {
		hit := Hit{
			ID:      h.ID,
			DocID:   str(h.Fields[fieldDoc]),
			Seq:     int(num(h.Fields[fieldSeq])),
			Score:   h.Score,
			Section: str(h.Fields[fieldSection]),
			Align:   num(h.Fields[fieldScore]),
		}
		if i, ok := ix.byID[hit.DocID]; ok {
			hit.DocTitle = ix.manifest.Docs[i].Title
		}
		hit.ZH = ix.side(str(h.Fields[fieldZH]), terms, q.Lang, "zh", &hit.Matched)
		hit.EN = ix.side(str(h.Fields[fieldEN]), terms, q.Lang, "en", &hit.Matched)
		ix.reading(&hit, tr, str(h.Fields[fieldSents]))
		out.Hits = append(out.Hits, hit)
	}
	if res.Total == 0 {
		out.Suggestions = ix.suggest(ctx, p, q)
	}
	out.Took = time.Since(start)
	return out, nil
}

// side builds one language of a hit: its text with the spans of the terms
// that may match there; nil for a unit with no paragraph in that language.
func (ix *Index) side(text string, terms []term, lang, which string, matched *[]string) *Side {
	if text == "" {
		return nil
	}
	var mine []term
	for _, t := range terms {
		if zh, en := sides(t, lang); which == "zh" && zh || which == "en" && en {
			mine = append(mine, t)
		}
	}
	s := &Side{Text: text}
	if which == "zh" {
		s.Spans = spansZH(text, mine)
	} else {
		s.Spans = ix.spansEN(text, mine)
	}
	s.Highlight = Highlight(text, s.Spans)
	s.HTML = s.Highlight
	s.Snippet = Snippet(text, s.Spans, SnippetRunes)
	if len(s.Spans) > 0 {
		*matched = append(*matched, which)
	}
	return s
}

// spansZH finds, in a Chinese paragraph, every occurrence of each term: the
// same (folded) characters and Latin/digit words at the same relative
// positions as in the term, so exactly what the n-gram phrase matched; for a
// prefix term, the Latin words that start with it.
func spansZH(text string, terms []term) []Span {
	tu := units(text)
	var spans []Span
	for _, t := range terms {
		if t.prefix {
			p := strings.ToLower(FoldString(t.text))
			for _, u := range tu {
				if u.typ != analysis.Ideographic && strings.HasPrefix(u.term, p) {
					spans = append(spans, Span{u.start, u.end})
				}
			}
			continue
		}
		spans = append(spans, matchUnits(tu, units(t.text))...)
	}
	return MergeSpans(text, spans)
}

func matchUnits(text, q []gram) []Span {
	if len(q) == 0 {
		return nil
	}
	at := make(map[int]int, len(text)) // position → index
	for i, u := range text {
		at[u.pos] = i
	}
	var spans []Span
	for _, u := range text {
		if u.term != q[0].term {
			continue
		}
		end, ok := u.end, true
		for _, qq := range q[1:] {
			j, found := at[u.pos+qq.pos-q[0].pos]
			if !found || text[j].term != qq.term {
				ok = false
				break
			}
			end = text[j].end
		}
		if ok {
			spans = append(spans, Span{u.start, end})
		}
	}
	return spans
}

// spansEN finds, in an English paragraph, the words whose analysed form
// (folded, lower-cased, stemmed) matches each term's, in the term's order
// (stop words in between are skipped as the index skips them); for a prefix
// term, the words whose analysed form starts with it.
func (ix *Index) spansEN(text string, terms []term) []Span {
	if len(terms) == 0 {
		return nil
	}
	tt := ix.analyze(AnalyzerEN, text)
	var spans []Span
	for _, t := range terms {
		if t.prefix {
			p := strings.ToLower(FoldString(t.text))
			for _, tok := range tt {
				if strings.HasPrefix(strings.ToLower(FoldString(text[tok.Start:tok.End])), p) {
					spans = append(spans, Span{tok.Start, tok.End})
				}
			}
			continue
		}
		qt := ix.analyze(AnalyzerEN, t.text)
		if len(qt) == 0 {
			continue
		}
		for i, tok := range tt {
			if string(tok.Term) != string(qt[0].Term) {
				continue
			}
			end, ok := tok.End, true
			for _, q := range qt[1:] {
				want := tok.Position + q.Position - qt[0].Position
				found := false
				for _, o := range tt[i+1:] {
					if o.Position == want && string(o.Term) == string(q.Term) {
						end, found = o.End, true
						break
					}
					if o.Position > want {
						break
					}
				}
				if !found {
					ok = false
					break
				}
			}
			if ok {
				spans = append(spans, Span{tok.Start, end})
			}
		}
	}
	return MergeSpans(text, spans)
}

// facets counts the hits of a search by document and section (from bleve's
// term facets) and by side (two counting searches, one per side).
func (ix *Index) facets(ctx context.Context, p *parsed, q Query, res *bleve.SearchResult) *Facets {
	f := &Facets{Sides: map[string]uint64{}, Docs: []FacetCount{}, Sections: []FacetCount{}}
	if fr, ok := res.Facets["docs"]; ok && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			fc := FacetCount{Value: t.Term, Count: t.Count}
			if i, ok := ix.byID[t.Term]; ok {
				fc.Title = ix.manifest.Docs[i].Title
			}
			f.Docs = append(f.Docs, fc)
		}
	}
	if fr, ok := res.Facets["sections"]; ok && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			f.Sections = append(f.Sections, FacetCount{Value: t.Term, Count: t.Count})
		}
	}
	for _, side := range []string{"zh", "en"} {
		if q.Lang != "" && q.Lang != side {
			continue
		}
		qs := q
		qs.Lang = side
		req := bleve.NewSearchRequestOptions(ix.build(p, qs), 0, 0, false)
		if r, err := ix.idx.SearchInContext(ctx, req); err == nil {
			f.Sides[side] = r.Total
		}
	}
	return f
}

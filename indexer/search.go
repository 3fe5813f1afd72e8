package indexer

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	blevesearch "github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
)

// storedFields are the fields a hit is read back from.
var storedFields = []string{fieldDoc, fieldSeq, fieldZH, fieldEN, fieldSection, fieldHeading, fieldScore, fieldSents}

// unitOf reads a unit back from its stored fields.
func unitOf(id string, f map[string]interface{}, score float64) search.Unit {
	return search.Unit{ID: id, Doc: str(f[fieldDoc]), Score: score, Unit: corpus.Unit{
		Seq:       int(num(f[fieldSeq])),
		ZH:        str(f[fieldZH]),
		EN:        str(f[fieldEN]),
		Section:   str(f[fieldSection]),
		Heading:   num(f[fieldHeading]) == 1,
		Score:     num(f[fieldScore]),
		Sentences: str(f[fieldSents]),
	}}
}

func str(v interface{}) string {
	s, _ := v.(string)
	return s
}

func num(v interface{}) float64 {
	f, _ := v.(float64)
	return f
}

// Find implements search.Backend.
func (ix *Index) Find(ctx context.Context, q *query.Query, r query.Request) (*search.Found, error) {
	built, err := ix.build(q, r)
	if err != nil {
		return nil, err
	}
	var res *bleve.SearchResult
	out := &search.Found{}
	if r.Sort == query.SortDoc {
		req := bleve.NewSearchRequestOptions(built, r.Size, r.From, false)
		req.Fields = storedFields
		req.SortBy([]string{fieldDocOrder, fieldSeq})
		ix.addFacets(req, r)
		if res, err = ix.searchIn(ctx, req, r); err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			out.Units = append(out.Units, unitOf(h.ID, h.Fields, h.Score))
		}
	} else if res, out.Units, err = ix.pairsFirst(ctx, built, r); err != nil {
		return nil, err
	}
	out.Total = res.Total
	if r.Facets {
		if out.Facets, err = ix.facets(ctx, q, r, res); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (ix *Index) addFacets(req *bleve.SearchRequest, r query.Request) {
	if r.Facets {
		req.AddFacet("docs", bleve.NewFacetRequest(fieldDoc, search.MaxFacetValues))
		req.AddFacet("sections", bleve.NewFacetRequest(fieldSectionKW, search.MaxFacetValues))
	}
}

func (ix *Index) searchIn(ctx context.Context, req *bleve.SearchRequest, r query.Request) (*bleve.SearchResult, error) {
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("search %q: %w", r.Text, err)
	}
	return res, nil
}

// rankOf is a unit's relevance with translated paragraphs first: any other
// unit (no translation, or a heading) scores half, as the cluster engine's
// function_score weighs them.
func rankOf(u search.Unit) float64 {
	if u.Paired() && !u.Heading {
		return u.Score
	}
	return u.Score / pairWeight
}

// pairWeight is how much more a translated paragraph weighs than another
// unit matching alike.
const pairWeight = 4

// pairsFirst finds the page of units q matches by rankOf. It reads the
// best matches by relevance, twice the end of the page at first, and more
// until no unit left unread can enter the page or tie with its last: an
// unread unit's relevance, which bounds its rank, is at most the last one
// read. Units that rank alike come in document order (byRank), so the same
// query on the same corpus gives the same page however the index's
// segments lie: bleve returns tied matches in the order it finds them, and
// a translation memory repeats a segment many times over. (Asking bleve
// for the factor itself costs a second pass over the matches.)
func (ix *Index) pairsFirst(ctx context.Context, q bq.Query, r query.Request) (*bleve.SearchResult, []search.Unit, error) {
	end := r.From + r.Size
	for n := 2 * end; ; n *= 4 {
		req := bleve.NewSearchRequestOptions(q, n, 0, false)
		req.Fields = storedFields
		ix.addFacets(req, r)
		res, err := ix.searchIn(ctx, req, r)
		if err != nil {
			return nil, nil, err
		}
		units := make([]search.Unit, 0, len(res.Hits))
		for _, h := range res.Hits {
			u := unitOf(h.ID, h.Fields, h.Score)
			u.Score = rankOf(u)
			units = append(units, u)
		}
		sort.Slice(units, func(i, j int) bool { return byRank(units[i], units[j]) })
		all := len(res.Hits) < n || uint64(len(res.Hits)) >= res.Total
		if all || len(units) >= end && units[end-1].Score > res.Hits[len(res.Hits)-1].Score {
			if r.From >= len(units) {
				return res, nil, nil
			}
			return res, units[r.From:min(end, len(units))], nil
		}
	}
}

// byRank orders units by rank, and units that rank alike by document and
// place in it.
func byRank(a, b search.Unit) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	if a.Doc != b.Doc {
		return a.Doc < b.Doc
	}
	return a.Seq < b.Seq
}

// Count implements search.Backend.
func (ix *Index) Count(ctx context.Context, q *query.Query, r query.Request) (uint64, error) {
	built, err := ix.build(q, r)
	if err != nil {
		return 0, err
	}
	res, err := ix.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(built, 0, 0, false))
	if err != nil {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		return 0, fmt.Errorf("count %q: %w", r.Text, err)
	}
	return res.Total, nil
}

// facets counts the hits by document and section (from bleve's term facets)
// and by the sides they matched on (two counting searches).
func (ix *Index) facets(ctx context.Context, q *query.Query, r query.Request, res *bleve.SearchResult) (*search.Facets, error) {
	f := &search.Facets{Sides: map[corpus.Lang]uint64{}, Docs: []search.FacetCount{}, Sections: []search.FacetCount{}}
	terms := func(name string) []*blevesearch.TermFacet {
		if fr, ok := res.Facets[name]; ok && fr.Terms != nil {
			return fr.Terms.Terms()
		}
		return nil
	}
	for _, t := range terms("docs") {
		f.Docs = append(f.Docs, search.FacetCount{Value: t.Term, Title: ix.meta.Title(t.Term), Count: t.Count})
	}
	for _, t := range terms("sections") {
		f.Sections = append(f.Sections, search.FacetCount{Value: t.Term, Count: t.Count})
	}
	// a hit counts for each side one of the query's words matched on
	all, err := ix.build(q, r)
	if err != nil {
		return nil, err
	}
	count := func(q bq.Query) (uint64, error) {
		res, err := ix.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 0, 0, false))
		if err != nil {
			return 0, err
		}
		return res.Total, nil
	}
	yes, err := count(bleve.NewConjunctionQuery(all, translated()))
	if err != nil {
		return nil, err
	}
	f.Translated = map[string]uint64{"yes": yes, "no": res.Total - yes}
	for _, side := range []corpus.Lang{corpus.ZH, corpus.EN} {
		if r.Lang != "" && r.Lang != side {
			continue
		}
		var alts []bq.Query
		for _, t := range q.Positives() {
			c, err := ix.clause(t, side)
			if err != nil {
				return nil, err
			}
			if c != nil {
				alts = append(alts, c)
			}
		}
		if len(alts) == 0 {
			f.Sides[side] = 0
			continue
		}
		n, err := count(bleve.NewConjunctionQuery(all, bleve.NewDisjunctionQuery(alts...)))
		if err != nil {
			return nil, err
		}
		f.Sides[side] = n
	}
	return f, nil
}

// translated matches the units with both sides.
func translated() bq.Query {
	zh, en := bleve.NewTermQuery(string(corpus.ZH)), bleve.NewTermQuery(string(corpus.EN))
	zh.SetField(fieldSides)
	en.SetField(fieldSides)
	return bleve.NewConjunctionQuery(zh, en)
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
func (ix *Index) gramQuery(text string) bq.Query {
	us := analysis.Units(text)
	if len(us) == 0 {
		return nil
	}
	if len(us) == 1 && us[0].Kind == analysis.KindHan {
		tq := bleve.NewTermQuery(us[0].Term)
		tq.SetField(fieldZHChar)
		return tq
	}
	first := us[0].Pos
	slots := make([][]string, us[len(us)-1].Pos-first+1)
	var loose []bq.Query // characters checked without their place
	for i, u := range us {
		switch {
		case u.Bigram != "":
			slots[u.Pos-first] = []string{u.Bigram}
		case u.Kind != analysis.KindHan || i < len(us)-1:
			slots[u.Pos-first] = []string{u.Term}
		case i > 0 && us[i-1].Bigram != "":
			// the bigram before holds it
		case analysis.AfterWord(us, i):
			slots[u.Pos-first] = []string{u.Term} // indexed alone too
		default:
			if alts := ix.bigramsFrom(u.Term); alts != nil {
				slots[u.Pos-first] = alts
			} else {
				tq := bleve.NewTermQuery(u.Term)
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
	var q bq.Query = bq.NewMultiPhraseQuery(slots, fieldZHGram)
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
// query.MaxExpansion.
func (ix *Index) bigramsFrom(c string) []string {
	out := []string{c}
	for t := range ix.termsWithPrefix(fieldZHGram, c, query.MaxExpansion+1) {
		if utf8.RuneCountInString(t) == 2 {
			out = append(out, t)
		}
	}
	if len(out) > query.MaxExpansion {
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

// tooWide is the error for a prefix that stands for too many words.
func tooWide(t query.Term) error {
	return &query.Error{Code: query.CodeBadQuery, Message: fmt.Sprintf("%s* matches too many words; give more letters before the *", t.Text)}
}

// clause builds the bleve query for one term on the sides allowed; nil when
// it can match nowhere.
func (ix *Index) clause(t query.Term, lang corpus.Lang) (bq.Query, error) {
	onZH, onEN := t.Sides(lang)
	var any []bq.Query
	if onZH {
		switch {
		case t.Prefix:
			w := strings.ToLower(analysis.FoldString(t.Text))
			if len(ix.termsWithPrefix(fieldZHGram, w, query.MaxExpansion+1)) > query.MaxExpansion {
				return nil, tooWide(t)
			}
			pq := bleve.NewPrefixQuery(w)
			pq.SetField(fieldZHGram)
			any = append(any, pq)
		default:
			if q := ix.gramQuery(t.Text); q != nil {
				if t.Han {
					// a match on gse's words ranks above one inside a longer
					// word: every gse word of the term (the field keeps no
					// positions: the n-gram phrase has already checked order)
					words := bleve.NewMatchQuery(t.Text)
					words.SetField(fieldZH)
					words.Analyzer = AnalyzerZH
					words.SetOperator(bq.MatchQueryOperatorAnd)
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
		case t.Prefix:
			// the English field holds stems, so a prefix is expanded over the
			// corpus's own words, then analysed like them
			stems := ix.meta.ExpandEN(t.Text)
			if len(stems) > query.MaxExpansion {
				return nil, tooWide(t)
			}
			if len(stems) > 0 {
				var qs []bq.Query
				for _, st := range stems {
					tq := bleve.NewTermQuery(st)
					tq.SetField(fieldEN)
					qs = append(qs, tq)
				}
				any = append(any, bleve.NewDisjunctionQuery(qs...))
			}
		case len(analysis.EnglishTokens(t.Text)) > 0:
			mp := bleve.NewMatchPhraseQuery(t.Text)
			mp.SetField(fieldEN)
			mp.Analyzer = AnalyzerEN
			any = append(any, mp)
		}
	}
	switch len(any) {
	case 0:
		return nil, nil
	case 1:
		return any[0], nil
	}
	return bleve.NewDisjunctionQuery(any...), nil
}

// build turns a parsed query into a bleve query.
func (ix *Index) build(p *query.Query, r query.Request) (bq.Query, error) {
	b := bleve.NewBooleanQuery()
	var must []bq.Query
	for _, g := range p.Required() {
		var alts []bq.Query
		for _, t := range g.Terms {
			c, err := ix.clause(t, r.Lang)
			if err != nil {
				return nil, err
			}
			if c != nil {
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
	docs := append([]string(nil), p.Docs...)
	if r.Doc != "" {
		docs = append(docs, r.Doc)
	}
	if r.Section != "" {
		sq := bleve.NewTermQuery(r.Section)
		sq.SetField(fieldSectionKW)
		must = append(must, sq)
	}
	switch r.Translated {
	case "yes":
		must = append(must, translated())
	case "no":
		b.AddMustNot(translated())
	}
	if len(docs) > 0 {
		var dq []bq.Query
		for _, d := range docs {
			tq := bleve.NewTermQuery(d)
			tq.SetField(fieldDoc)
			dq = append(dq, tq)
		}
		if r.Doc != "" && len(p.Docs) > 0 {
			// the request's doc and the query's doc: must both hold
			must = append(must, dq...)
		} else {
			must = append(must, bleve.NewDisjunctionQuery(dq...))
		}
	}
	b.AddMust(must...)
	var not []bq.Query
	for _, t := range p.Exclude {
		c, err := ix.clause(t, r.Lang)
		if err != nil {
			return nil, err
		}
		if c != nil {
			not = append(not, c)
		}
		// -en:word asks for units whose English lacks the word: they must
		// have English (likewise -zh:)
		if t.Side != "" {
			has := bleve.NewTermQuery(string(t.Side))
			has.SetField(fieldSides)
			b.AddMust(has)
		}
	}
	for _, d := range p.NotDocs {
		tq := bleve.NewTermQuery(d)
		tq.SetField(fieldDoc)
		not = append(not, tq)
	}
	if len(not) > 0 {
		b.AddMustNot(not...)
	}
	// the words as one string rank above the words apart
	if whole := p.Whole(); whole != nil {
		c, err := ix.clause(*whole, r.Lang)
		if err != nil {
			return nil, err
		}
		if c != nil {
			c.(bq.BoostableQuery).SetBoost(3)
			b.AddShould(c)
		}
	}
	return b, nil
}

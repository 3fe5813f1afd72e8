package opensearch

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
)

// Meta implements search.Backend.
func (st *state) Meta() *search.Meta { return st.meta }

// Find implements search.Backend.
func (st *state) Find(ctx context.Context, q *query.Query, r query.Request) (*search.Found, error) {
	built, err := st.build(q, r)
	if err != nil {
		return nil, err
	}
	body := map[string]any{"query": built, "from": r.From, "size": r.Size, "track_total_hits": true}
	if r.Sort == query.SortDoc {
		body["sort"] = []any{map[string]any{fieldDocOrder: "asc"}, map[string]any{fieldSeq: "asc"}}
	} else {
		body["query"] = map[string]any{"function_score": map[string]any{
			"query":      built,
			"functions":  []any{map[string]any{"filter": map[string]any{"term": map[string]any{fieldRank: "pair"}}, "weight": pairWeight}},
			"score_mode": "multiply", "boost_mode": "multiply",
		}}
		// units that rank alike come in document order, as in the embedded
		// engine: the same query gives the same pages however the shards lie
		body["sort"] = []any{map[string]any{"_score": "desc"}, map[string]any{fieldDoc: "asc"}, map[string]any{fieldSeq: "asc"}}
		body["track_scores"] = true
	}
	if r.Facets {
		aggs := map[string]any{
			"docs":     map[string]any{"terms": map[string]any{"field": fieldDoc, "size": search.MaxFacetValues}},
			"sections": map[string]any{"terms": map[string]any{"field": fieldSectionK, "size": search.MaxFacetValues}},
		}
		sides := map[string]any{}
		for _, side := range []corpus.Lang{corpus.ZH, corpus.EN} {
			if r.Lang != "" && r.Lang != side {
				continue
			}
			sq, err := st.matchedOn(q, side)
			if err != nil {
				return nil, err
			}
			sides[string(side)] = sq
		}
		aggs["sides"] = map[string]any{"filters": map[string]any{"filters": sides}}
		aggs["translated"] = map[string]any{"filter": translated}
		body["aggs"] = aggs
	}
	res, err := st.search(ctx, body, true)
	if err != nil {
		return nil, err
	}
	out := &search.Found{Total: uint64(res.Hits.Total.Value), Units: res.units()}
	if r.Facets {
		out.Facets = st.facets(res)
	}
	return out, nil
}

// matchedOn is the query of the units where one of the query's words
// matches on side: a hit counts for each side it matched on.
func (st *state) matchedOn(q *query.Query, side corpus.Lang) (map[string]any, error) {
	var alts []any
	for _, t := range q.Positives() {
		c, err := st.clause(t, side)
		if err != nil {
			return nil, err
		}
		if c != nil {
			alts = append(alts, c)
		}
	}
	if len(alts) == 0 {
		return matchNone, nil
	}
	return map[string]any{"bool": map[string]any{"should": alts, "minimum_should_match": 1}}, nil
}

// facets reads the facet aggregations back.
func (st *state) facets(res *searchResponse) *search.Facets {
	f := &search.Facets{Sides: map[corpus.Lang]uint64{}, Docs: []search.FacetCount{}, Sections: []search.FacetCount{}}
	var terms struct {
		Buckets []struct {
			Key   string `json:"key"`
			Count int    `json:"doc_count"`
		} `json:"buckets"`
	}
	if json.Unmarshal(res.Aggregations["docs"], &terms) == nil {
		for _, b := range terms.Buckets {
			f.Docs = append(f.Docs, search.FacetCount{Value: b.Key, Title: st.meta.Title(b.Key), Count: b.Count})
		}
	}
	terms.Buckets = nil
	if json.Unmarshal(res.Aggregations["sections"], &terms) == nil {
		for _, b := range terms.Buckets {
			f.Sections = append(f.Sections, search.FacetCount{Value: b.Key, Count: b.Count})
		}
	}
	var sides struct {
		Buckets map[string]struct {
			Count uint64 `json:"doc_count"`
		} `json:"buckets"`
	}
	if json.Unmarshal(res.Aggregations["sides"], &sides) == nil {
		for _, k := range sortedKeys(sides.Buckets) {
			f.Sides[corpus.Lang(k)] = sides.Buckets[k].Count
		}
	}
	var tr struct {
		Count uint64 `json:"doc_count"`
	}
	json.Unmarshal(res.Aggregations["translated"], &tr)
	total := uint64(res.Hits.Total.Value)
	f.Translated = map[string]uint64{"yes": tr.Count, "no": total - tr.Count}
	return f
}

// Count implements search.Backend.
func (st *state) Count(ctx context.Context, q *query.Query, r query.Request) (uint64, error) {
	built, err := st.build(q, r)
	if err != nil {
		return 0, err
	}
	return st.count(ctx, built)
}

func tooWide(t query.Term) error {
	return &query.Error{Code: query.CodeBadQuery, Message: fmt.Sprintf("%s* matches too many words; give more letters before the *", t.Text)}
}

// latinWithPrefix counts the corpus's words that start with p, up to limit.
func (st *state) latinWithPrefix(p string, limit int) int {
	n := 0
	for _, e := range st.meta.Vocabulary() {
		if strings.HasPrefix(e.Word, p) {
			if n++; n >= limit {
				break
			}
		}
	}
	return n
}

// clause is the query for one term on the sides allowed; nil when it can
// match nowhere. Chinese (and the Latin words among it) is a phrase over the
// folded text's characters and bigrams, with its gse words ranking it;
// English is a phrase through bisearch_en; a prefix is expanded over the
// corpus's own words.
func (st *state) clause(t query.Term, lang corpus.Lang) (map[string]any, error) {
	onZH, onEN := t.Sides(lang)
	var alts []any
	if onZH {
		switch {
		case t.Prefix:
			w := strings.ToLower(analysis.FoldString(t.Text))
			if st.latinWithPrefix(w, query.MaxExpansion+1) > query.MaxExpansion {
				return nil, tooWide(t)
			}
			alts = append(alts, map[string]any{"prefix": map[string]any{fieldZHGram: map[string]any{"value": w}}})
		default:
			if toks := phraseTokens(t.Text); len(toks) > 0 {
				q := map[string]any{"match_phrase": map[string]any{fieldZHGram: map[string]any{"query": strings.Join(toks, " "), "analyzer": "bisearch_words"}}}
				if t.Han {
					// a match on gse's words ranks above one inside a longer word
					words := gseWords(t.Text)
					q = map[string]any{"bool": map[string]any{
						"must":   []any{q},
						"should": []any{map[string]any{"match": map[string]any{fieldZHWords: map[string]any{"query": strings.Join(words, " "), "operator": "and", "boost": 2}}}},
					}}
				}
				alts = append(alts, q)
			}
		}
	}
	if onEN {
		switch {
		case t.Prefix:
			stems := st.meta.ExpandEN(t.Text)
			if len(stems) > query.MaxExpansion {
				return nil, tooWide(t)
			}
			if len(stems) > 0 {
				alts = append(alts, map[string]any{"terms": map[string]any{fieldEN: stems}})
			}
		case len(analysis.EnglishTokens(t.Text)) > 0:
			alts = append(alts, map[string]any{"match_phrase": map[string]any{fieldEN: map[string]any{"query": t.Text}}})
		}
	}
	switch len(alts) {
	case 0:
		return nil, nil
	case 1:
		return alts[0].(map[string]any), nil
	}
	return map[string]any{"dis_max": map[string]any{"queries": alts, "tie_breaker": 1.0}}, nil
}

var matchNone = map[string]any{"match_none": map[string]any{}}

// translated matches the units with both sides.
var translated = map[string]any{"bool": map[string]any{"filter": []any{
	map[string]any{"term": map[string]any{fieldSides: string(corpus.ZH)}},
	map[string]any{"term": map[string]any{fieldSides: string(corpus.EN)}},
}}}

// build turns a parsed query into the query DSL, the same query the bleve
// engine builds.
func (st *state) build(p *query.Query, r query.Request) (map[string]any, error) {
	var must, filter, not, should []any
	filter = append(filter, map[string]any{"term": map[string]any{fieldKind: "unit"}})
	for _, g := range p.Required() {
		var alts []any
		for _, t := range g.Terms {
			c, err := st.clause(t, r.Lang)
			if err != nil {
				return nil, err
			}
			if c != nil {
				alts = append(alts, c)
			}
		}
		switch len(alts) {
		case 0:
			must = append(must, matchNone)
		case 1:
			must = append(must, alts[0])
		default:
			must = append(must, map[string]any{"bool": map[string]any{"should": alts, "minimum_should_match": 1}})
		}
	}
	docs := append([]string(nil), p.Docs...)
	if r.Doc != "" {
		docs = append(docs, r.Doc)
	}
	if r.Section != "" {
		filter = append(filter, map[string]any{"term": map[string]any{fieldSectionK: r.Section}})
	}
	switch r.Translated {
	case "yes":
		filter = append(filter, translated)
	case "no":
		not = append(not, translated)
	}
	if len(docs) > 0 {
		if r.Doc != "" && len(p.Docs) > 0 {
			for _, d := range docs {
				filter = append(filter, map[string]any{"term": map[string]any{fieldDoc: d}})
			}
		} else {
			filter = append(filter, map[string]any{"terms": map[string]any{fieldDoc: docs}})
		}
	}
	for _, t := range p.Exclude {
		c, err := st.clause(t, r.Lang)
		if err != nil {
			return nil, err
		}
		if c != nil {
			not = append(not, c)
		}
		if t.Side != "" {
			filter = append(filter, map[string]any{"term": map[string]any{fieldSides: string(t.Side)}})
		}
	}
	for _, d := range p.NotDocs {
		not = append(not, map[string]any{"term": map[string]any{fieldDoc: d}})
	}
	if whole := p.Whole(); whole != nil {
		c, err := st.clause(*whole, r.Lang)
		if err != nil {
			return nil, err
		}
		if c != nil {
			should = append(should, map[string]any{"bool": map[string]any{"must": []any{c}, "boost": 3}})
		}
	}
	b := map[string]any{"must": must, "filter": filter}
	if len(not) > 0 {
		b["must_not"] = not
	}
	if len(should) > 0 {
		b["should"] = should
	}
	return map[string]any{"bool": b}, nil
}

package indexer

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"
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
)

// Query is a search request.
type Query struct {
	Text string // words (all required) and "quoted phrases"
	Lang string // "", "zh" or "en": the side the terms must match on
	Doc  string // restrict to one document
	From int
	Size int
}

// Side is one language of a hit.
type Side struct {
	Text      string `json:"text"`
	Highlight string `json:"highlight"`
	Spans     []Span `json:"spans,omitempty"`
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
	Query string
	Total uint64
	Took  time.Duration
	Hits  []Hit
}

// term is one thing the query requires: a word or a quoted phrase.
type term struct {
	text   string
	han    bool // holds Chinese characters
	latin  bool // holds Latin letters or digits
	phrase bool
}

// parseQuery splits the query text into terms: "quoted phrases" and words
// separated by white space. An unclosed quote runs to the end. Terms with
// nothing to search (only punctuation) are dropped.
func parseQuery(s string) ([]term, error) {
	var terms []term
	add := func(t string, phrase bool) {
		t = strings.TrimSpace(t)
		if t == "" {
			return
		}
		tm := term{text: t, phrase: phrase}
		for _, r := range t {
			if isHan(r) {
				tm.han = true
			} else if isWordRune(r) {
				tm.latin = true
			}
		}
		if tm.han || tm.latin {
			terms = append(terms, tm)
		}
	}
	for s != "" {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		if s == "" {
			break
		}
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				add(s[1:], true)
				break
			}
			add(s[1:1+end], true)
			s = s[2+end:]
			continue
		}
		end := strings.IndexFunc(s, unicode.IsSpace)
		if end < 0 {
			end = len(s)
		}
		add(s[:end], false)
		s = s[end:]
	}
	if len(terms) == 0 {
		return nil, fmt.Errorf("%w: nothing to search for: the query has no letters, digits or Chinese characters", ErrBadQuery)
	}
	if len(terms) > MaxTerms {
		return nil, fmt.Errorf("%w: too many words (%d, at most %d)", ErrBadQuery, len(terms), MaxTerms)
	}
	return terms, nil
}

// gramPhrase is the n-gram phrase for a term: by position, the bigram that
// starts there or else the character or word.
func gramPhrase(text string) [][]string {
	us := units(text)
	if len(us) == 0 {
		return nil
	}
	first := us[0].pos
	out := make([][]string, us[len(us)-1].pos-first+1)
	for _, u := range us {
		t := u.term
		if u.bigram != "" {
			t = u.bigram
		}
		out[u.pos-first] = []string{t}
	}
	return out
}

func (ix *Index) analyze(analyzer, text string) analysis.TokenStream {
	a := ix.idx.Mapping().AnalyzerNamed(analyzer)
	if a == nil {
		return nil
	}
	return a.Analyze([]byte(text))
}

// clauses builds the bleve query for one term on the sides allowed.
func (ix *Index) clause(t term, lang string) query.Query {
	var any []query.Query
	if lang != "en" {
		if ph := gramPhrase(t.text); ph != nil {
			var q query.Query
			if len(ph) == 1 && len(ph[0]) == 1 {
				tq := bleve.NewTermQuery(ph[0][0])
				tq.SetField(fieldZHGram)
				q = tq
			} else {
				q = query.NewMultiPhraseQuery(ph, fieldZHGram)
			}
			if t.han {
				// a match on gse's words ranks above one inside a longer word
				words := bleve.NewMatchPhraseQuery(t.text)
				words.SetField(fieldZH)
				words.Analyzer = AnalyzerZH
				words.SetBoost(2)
				q = bleve.NewDisjunctionQuery(q, words)
			}
			any = append(any, q)
		}
	}
	if lang != "zh" && t.latin && !t.han && len(ix.analyze(AnalyzerEN, t.text)) > 0 {
		mp := bleve.NewMatchPhraseQuery(t.text)
		mp.SetField(fieldEN)
		mp.Analyzer = AnalyzerEN
		any = append(any, mp)
	}
	switch len(any) {
	case 0:
		return bleve.NewMatchNoneQuery()
	case 1:
		return any[0]
	}
	return bleve.NewDisjunctionQuery(any...)
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
	terms, err := parseQuery(q.Text)
	if err != nil {
		return nil, err
	}
	var conj []query.Query
	for _, t := range terms {
		conj = append(conj, ix.clause(t, q.Lang))
	}
	if q.Doc != "" {
		dq := bleve.NewTermQuery(q.Doc)
		dq.SetField(fieldDoc)
		conj = append(conj, dq)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(conj...), q.Size, q.From, false)
	req.Fields = []string{fieldDoc, fieldSeq, fieldZH, fieldEN, fieldSection, fieldScore}
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	out := &Result{Query: q.Text, Total: res.Total}
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
		if zh := str(h.Fields[fieldZH]); zh != "" {
			hit.ZH = &Side{Text: zh}
			if q.Lang != "en" {
				hit.ZH.Spans = ix.SpansZH(zh, terms)
			}
			hit.ZH.Highlight = Highlight(zh, hit.ZH.Spans)
			if len(hit.ZH.Spans) > 0 {
				hit.Matched = append(hit.Matched, "zh")
			}
		}
		if en := str(h.Fields[fieldEN]); en != "" {
			hit.EN = &Side{Text: en}
			if q.Lang != "zh" {
				hit.EN.Spans = ix.SpansEN(en, terms)
			}
			hit.EN.Highlight = Highlight(en, hit.EN.Spans)
			if len(hit.EN.Spans) > 0 {
				hit.Matched = append(hit.Matched, "en")
			}
		}
		out.Hits = append(out.Hits, hit)
	}
	out.Took = time.Since(start)
	return out, nil
}

// SpansZH finds, in a Chinese paragraph, every occurrence of each term: the
// same characters and Latin/digit words at the same relative positions as in
// the term (so exactly the paragraphs the n-gram phrase matched).
func (ix *Index) SpansZH(text string, terms []term) []Span {
	tu := units(text)
	var spans []Span
	for _, t := range terms {
		qu := units(t.text)
		spans = append(spans, matchUnits(tu, qu)...)
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

// SpansEN finds, in an English paragraph, the words whose analysed form
// (lower-cased, stemmed) matches each term's, in the term's order.
func (ix *Index) SpansEN(text string, terms []term) []Span {
	tt := ix.analyze(AnalyzerEN, text)
	var spans []Span
	for _, t := range terms {
		if t.han || !t.latin {
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

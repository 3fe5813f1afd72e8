package server

import (
	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/search"
)

// SideJSON is one language of a hit.
type SideJSON struct {
	Text      string        `json:"text"`
	Highlight string        `json:"highlight"`
	Snippet   string        `json:"snippet"`
	Spans     []corpus.Span `json:"spans"`
	// HTML adds to the highlight the aligned sentences (<span class="al">)
	// and the words that translate the query (<mark class="tr">).
	HTML      string         `json:"html"`
	Sentences []SentenceJSON `json:"sentences"`
}

// SentenceJSON is a sentence of a side and the sentences of the other side
// it aligns with.
type SentenceJSON struct {
	Start   int   `json:"start"`
	End     int   `json:"end"`
	Aligned []int `json:"aligned"`
}

// DocRef names a hit's document.
type DocRef struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// HitJSON is one search hit.
type HitJSON struct {
	ID         string    `json:"id"`
	Doc        DocRef    `json:"doc"`
	Seq        int       `json:"seq"`
	Score      float64   `json:"score"`
	Matched    []string  `json:"matched"`
	ZH         *SideJSON `json:"zh"`
	EN         *SideJSON `json:"en"`
	Section    string    `json:"section,omitempty"`
	AlignScore float64   `json:"align_score"`
	// Pairs are the sentence pairs that hold a match, for the sentence
	// view (empty when the unit has no sentence alignment).
	Pairs []PairJSON `json:"pairs"`
}

// PairJSON is a sentence pair of a hit: the matched sentence(s) and the
// sentences aligned with them.
type PairJSON struct {
	ZH    PartJSON `json:"zh"`
	EN    PartJSON `json:"en"`
	Score float64  `json:"score"`
	// Low: the alignment is uncertain (score below 0.7).
	Low bool `json:"low"`
}

// PartJSON is a range of a side: where it is, its text, and its HTML with
// the matches and the translation equivalents marked.
type PartJSON struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	HTML  string `json:"html"`
}

// pairsJSON renders a hit's sentence pairs.
func pairsJSON(h *search.Hit) []PairJSON {
	out := make([]PairJSON, 0, len(h.Pairs))
	for _, p := range h.Pairs {
		zh, en := h.PairText(p)
		if zh == nil || en == nil {
			continue
		}
		out = append(out, PairJSON{ZH: PartJSON{p.ZH.Start, p.ZH.End, zh.Text, zh.HTML()}, EN: PartJSON{p.EN.Start, p.EN.End, en.Text, en.HTML()},
			Score: round3(p.Score), Low: p.Low()})
	}
	return out
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// FacetCountJSON is one value of a facet and how many hits have it.
type FacetCountJSON struct {
	Value string `json:"value"`
	Title string `json:"title,omitempty"`
	Count int    `json:"count"`
}

// FacetsJSON count the hits by side, document and section.
type FacetsJSON struct {
	Sides      map[string]uint64 `json:"sides"`
	Translated map[string]uint64 `json:"translated"`
	Docs       []FacetCountJSON  `json:"docs"`
	Sections   []FacetCountJSON  `json:"sections"`
}

// SearchJSON is the answer of /api/search.
type SearchJSON struct {
	Query  string    `json:"query"`
	Lang   string    `json:"lang,omitempty"`
	Doc    string    `json:"doc,omitempty"`
	Total  uint64    `json:"total"`
	From   int       `json:"from"`
	Size   int       `json:"size"`
	TookMS float64   `json:"took_ms"`
	Hits   []HitJSON `json:"hits"`
	// Suggestions are queries that find something, offered when this one found nothing.
	Suggestions []string `json:"suggestions"`
	// Notices say what a user should know about the query (a stop word alone).
	Notices []string `json:"notices"`
	// Facets count the hits by side, document and section (with facets=1).
	Facets *FacetsJSON `json:"facets,omitempty"`
	// Translations: how a one-term query is translated (with translations=1).
	Translations *TranslationsJSON `json:"translations,omitempty"`
}

// TranslationJSON is one translation of the query's term: in how many of
// the hits read it is the marked equivalent, in how many hits'
// translation it stands (what as= finds among them) and their share.
type TranslationJSON struct {
	Text   string  `json:"text"`
	Marked int     `json:"marked"`
	Hits   int     `json:"hits"`
	Share  float64 `json:"share"`
}

// TranslationsJSON is how the query's term is translated in its hits.
type TranslationsJSON struct {
	Side    string            `json:"side"`
	Read    int               `json:"read"`
	Of      uint64            `json:"of"`
	Sampled bool              `json:"sampled"`
	Terms   []TranslationJSON `json:"terms"`
	// Otherwise: hits read whose translation holds none of the terms.
	Otherwise int `json:"otherwise"`
}

func translationsJSON(t *search.Translations) *TranslationsJSON {
	if t == nil {
		return nil
	}
	out := &TranslationsJSON{Side: string(t.Side), Read: t.Read, Of: t.Of, Sampled: t.Sampled, Terms: []TranslationJSON{}, Otherwise: t.Otherwise}
	for _, tc := range t.Terms {
		out.Terms = append(out.Terms, TranslationJSON{tc.Text, tc.Marked, tc.Hits, round3(tc.Share)})
	}
	return out
}

// sideJSON renders one side of a hit: each of its HTML forms once.
func sideJSON(s *search.Side) *SideJSON {
	if s == nil {
		return nil
	}
	spans := s.Spans
	if spans == nil {
		spans = []corpus.Span{}
	}
	sents := make([]SentenceJSON, 0, len(s.Sentences))
	for _, st := range s.Sentences {
		al := st.Aligned
		if al == nil {
			al = []int{}
		}
		sents = append(sents, SentenceJSON{st.Start, st.End, al})
	}
	return &SideJSON{Text: s.Text, Highlight: s.Highlight(), Snippet: s.Snippet(), Spans: spans, HTML: s.HTML(), Sentences: sents}
}

func facetsJSON(f *search.Facets) *FacetsJSON {
	if f == nil {
		return nil
	}
	out := &FacetsJSON{Sides: map[string]uint64{}, Translated: map[string]uint64{"yes": f.Translated["yes"], "no": f.Translated["no"]},
		Docs: []FacetCountJSON{}, Sections: []FacetCountJSON{}}
	for k, v := range f.Sides {
		out.Sides[string(k)] = v
	}
	for _, d := range f.Docs {
		out.Docs = append(out.Docs, FacetCountJSON{d.Value, d.Title, d.Count})
	}
	for _, d := range f.Sections {
		out.Sections = append(out.Sections, FacetCountJSON{d.Value, d.Title, d.Count})
	}
	return out
}

// ResultJSON turns a search result into the API's JSON shape.
func ResultJSON(r *search.Result) SearchJSON {
	q := r.Request
	out := SearchJSON{Query: q.Text, Lang: string(q.Lang), Doc: q.Doc, Total: r.Total, From: q.From, Size: q.Size,
		TookMS: float64(r.Took.Microseconds()) / 1000, Hits: make([]HitJSON, 0, len(r.Hits)), Suggestions: r.Suggestions,
		Facets: facetsJSON(r.Facets), Translations: translationsJSON(r.Translations)}
	if out.Suggestions == nil {
		out.Suggestions = []string{}
	}
	out.Notices = r.Notices
	if out.Notices == nil {
		out.Notices = []string{}
	}
	for i := range r.Hits {
		h := &r.Hits[i]
		matched := make([]string, 0, len(h.Matched))
		for _, m := range h.Matched {
			matched = append(matched, string(m))
		}
		out.Hits = append(out.Hits, HitJSON{ID: h.ID, Doc: DocRef{h.DocID, h.DocTitle}, Seq: h.Seq, Score: h.Score,
			Matched: matched, ZH: sideJSON(h.ZH), EN: sideJSON(h.EN), Section: h.Section, AlignScore: h.Align, Pairs: pairsJSON(h)})
	}
	return out
}

// DocInfoJSON describes one indexed document.
type DocInfoJSON struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Source  string `json:"source,omitempty"`
	Units   int    `json:"units"`
	Aligned int    `json:"aligned"`
}

// UnitJSON is one unit of a document.
type UnitJSON struct {
	ID         string  `json:"id"`
	Seq        int     `json:"seq"`
	ZH         *string `json:"zh"`
	EN         *string `json:"en"`
	Section    string  `json:"section,omitempty"`
	Heading    bool    `json:"heading,omitempty"`
	AlignScore float64 `json:"align_score"`
}

// DocJSON is the answer of /api/docs/:id: a page of the document's units.
type DocJSON struct {
	ID      string     `json:"id"`
	Title   string     `json:"title"`
	Aligned int        `json:"aligned"`
	Total   int        `json:"total"` // units in the whole document
	From    int        `json:"from"`
	Units   []UnitJSON `json:"units"`
}

// AboutJSON is the answer of /api/about: what is indexed, and queries that
// find something in it.
type AboutJSON struct {
	Docs     int      `json:"docs"`
	Units    int      `json:"units"`
	Aligned  int      `json:"aligned"`
	Examples []string `json:"examples"`
}

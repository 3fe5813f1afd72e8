package search

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/highlight"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/reading"
)

// TranslationCount is one way a query's term is translated in the corpus:
// the words as found, in how many of the hits read they are the marked
// equivalent, in how many hits' translation they stand (what as= keeps),
// and which share of the hits read that is.
type TranslationCount struct {
	Text   string
	Marked int
	Hits   int
	Share  float64
}

// Translations is the answer to "how is this term translated?": the
// translations found in the aligned sentences of the term's hits, the most
// frequent first.
type Translations struct {
	Side    corpus.Lang // the side the translations are on
	Terms   []TranslationCount
	Read    int    // translated hits read
	Of      uint64 // translated hits in all
	Sampled bool   // Read < Of: the first hits by relevance were read
	// Otherwise counts the hits read whose translation holds none of the
	// translations listed (as=- keeps them).
	Otherwise int
}

// Limits of a translations count.
const (
	MaxTranslations     = 10  // translations listed
	MaxTranslationsRead = 500 // translated hits read at most
)

// TranslationsOfTerm counts how the query's term is translated in the
// aligned sentences of its hits: every translated hit up to
// MaxTranslationsRead (the most relevant first), within half of what is
// left of ctx's time. A query of more than one term has none (nil).
func TranslationsOfTerm(ctx context.Context, b Backend, req query.Request) (*Translations, error) {
	q, err := req.Validate()
	if err != nil {
		return nil, err
	}
	out, _, err := translationsOf(ctx, b, q, req)
	return out, err
}

// oneTerm is the query's one term, if it has just one.
func oneTerm(q *query.Query) (query.Term, bool) {
	if len(q.Groups) != 1 || len(q.Groups[0].Terms) != 1 || q.Groups[0].Terms[0].Prefix || len(q.Exclude) > 0 {
		return query.Term{}, false
	}
	return q.Groups[0].Terms[0], true
}

// translationsOf reads the translated hits of a one-term query twice: once
// to learn what its hits pair the term with (reading.Translations.Learn),
// once to count the marks that evidence makes, phrase by phrase; the most
// marked phrases are the translations. It also returns the evidence, for
// marking the hits shown.
func translationsOf(ctx context.Context, b Backend, q *query.Query, req query.Request) (*Translations, *reading.Translations, error) {
	t, ok := oneTerm(q)
	if !ok {
		return nil, nil, nil
	}
	out := &Translations{Side: corpus.ZH}
	if t.Han {
		out.Side = corpus.EN
	}
	if dl, ok := ctx.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, time.Until(dl)/2)
		defer cancel()
	}
	meta := b.Meta()
	terms := q.Positives()
	tr := reading.TranslationsOf(terms, meta.Assoc())
	units, of, err := readTranslated(ctx, b, q, req)
	if err != nil {
		return nil, nil, err
	}
	out.Of = of
	if t.Han {
		learn(ctx, tr, units, terms, req.Lang, meta)
	}
	marks, others := countMarks(ctx, units, meta, terms, req.Lang, tr, out.Side)
	out.Read = len(others)
	out.Terms, out.Otherwise = countTranslations(marks, others, out.Side)
	out.Sampled = uint64(out.Read) < out.Of
	return out, tr, nil
}

// readTranslated reads the first MaxTranslationsRead translated hits of q,
// the most relevant first, and how many there are; what was read in time
// when the time runs out.
func readTranslated(ctx context.Context, b Backend, q *query.Query, req query.Request) ([]Unit, uint64, error) {
	var units []Unit
	var of uint64
	r := req
	r.Translated, r.Facets, r.Sort, r.Size = "yes", false, "", query.MaxSize
	for r.From = 0; r.From < MaxTranslationsRead; r.From += r.Size {
		found, err := b.Find(ctx, q, r)
		if err != nil {
			if ctx.Err() != nil && len(units) > 0 {
				break // what was read in time
			}
			return nil, 0, err
		}
		of = found.Total
		units = append(units, found.Units...)
		if len(found.Units) < r.Size {
			break
		}
	}
	return units, of, nil
}

// learn teaches tr what the hits pair a Chinese term with.
func learn(ctx context.Context, tr *reading.Translations, units []Unit, terms []query.Term, lang corpus.Lang, meta *Meta) {
	inHits := map[string]int{}
	read := 0
	for _, u := range units {
		if ctx.Err() != nil {
			break
		}
		zh := reading.Side{Text: u.ZH, Spans: query.Spans(u.ZH, corpus.ZH, lang, terms)}
		en := reading.Side{Text: u.EN, Spans: query.Spans(u.EN, corpus.EN, lang, terms)}
		if len(zh.Spans) == 0 {
			continue
		}
		read++
		for _, st := range tr.Candidates(zh, en, u.Sentences) {
			inHits[st]++
		}
	}
	tr.Learn(inHits, read, meta.Aligned(), meta.StemCount)
}

// marked is a translation found by the marks: the form shown and in how
// many hits it is marked.
type marked struct {
	text  string
	count int
}

// countMarks counts, phrase by phrase, the words marked as the query's
// equivalents on side in the hits, and returns the most marked first (at
// most MaxTranslations) with the text of each hit's side read.
func countMarks(ctx context.Context, units []Unit, meta *Meta, terms []query.Term, lang corpus.Lang, tr *reading.Translations, side corpus.Lang) ([]marked, []string) {
	counts := map[string]int{}
	forms := map[string]map[string]int{}
	var others []string
	for _, u := range units {
		if ctx.Err() != nil {
			break
		}
		h := assemble(u, meta, terms, lang, tr)
		other := h.EN
		if side == corpus.ZH {
			other = h.ZH
		}
		if other == nil {
			continue
		}
		others = append(others, other.Text)
		seen := map[string]bool{}
		for _, sp := range highlight.Merge(other.Text, other.Equivalent) {
			text := other.Text[sp.Start:sp.End]
			key := translationKey(text)
			if seen[key] {
				continue
			}
			seen[key] = true
			counts[key]++
			if forms[key] == nil {
				forms[key] = map[string]int{}
			}
			forms[key][text]++
		}
	}
	var list []marked
	for key, n := range counts {
		list = append(list, marked{commonest(forms[key]), n})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].count != list[j].count {
			return list[i].count > list[j].count
		}
		return list[i].text < list[j].text
	})
	if len(list) > MaxTranslations {
		list = list[:MaxTranslations]
	}
	return list, others
}

// commonest is the form written most often (the first in order of equals).
func commonest(forms map[string]int) string {
	shown, best := "", 0
	for f, k := range forms {
		if k > best || k == best && f < shown {
			best, shown = k, f
		}
	}
	return shown
}

// countTranslations counts each translation as as= keeps hits: the hits
// read whose translation holds it; otherwise counts those holding none.
func countTranslations(list []marked, others []string, side corpus.Lang) (terms []TranslationCount, otherwise int) {
	holds := make([]bool, len(others))
	for _, f := range list {
		tc := TranslationCount{Text: f.text, Marked: f.count}
		term := asTerm(side, f.text)
		for i, o := range others {
			if len(query.Spans(o, side, "", []query.Term{term})) > 0 {
				tc.Hits++
				holds[i] = true
			}
		}
		if len(others) > 0 {
			tc.Share = float64(tc.Hits) / float64(len(others))
		}
		terms = append(terms, tc)
	}
	for _, h := range holds {
		if !h {
			otherwise++
		}
	}
	return terms, otherwise
}

// translationKey is what tells two translations apart: the words' stems
// (file and files are one), Chinese folded.
func translationKey(text string) string {
	if analysis.HasHan(text) {
		return analysis.FoldString(strings.Join(strings.Fields(text), ""))
	}
	var ks []string
	for _, w := range corpus.EnglishWordSpans(text) {
		ks = append(ks, corpus.Stem(w.Word))
	}
	if len(ks) == 0 {
		return strings.ToLower(strings.TrimSpace(text))
	}
	return strings.Join(ks, " ")
}

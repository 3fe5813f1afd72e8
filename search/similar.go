package search

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/fuzzy"
	"github.com/bisearch/bisearch/query"
)

// Limits and defaults of a fuzzy-match lookup.
const (
	MaxSimilarRunes   = 2000 // a segment longer than this is refused
	DefaultSimilar    = 5    // matches shown
	MaxSimilar        = 20
	DefaultSimilarMin = 50 // lowest match percentage shown
	// SimilarCandidates is how many units the index's ranking proposes
	// for re-scoring.
	SimilarCandidates = 100
	similarTerms      = query.MaxTerms
)

// SimilarRequest asks for the translated segments most like a sentence.
type SimilarRequest struct {
	Text string
	Lang corpus.Lang // the language of Text; "" tells it by script
	Doc  string      // only this document
	Size int         // 0: DefaultSimilar
	Min  int         // 0: DefaultSimilarMin
}

// Match is a segment of the memory like the one looked up.
type Match struct {
	ID       string // the unit's
	DocID    string
	DocTitle string
	Seq      int
	Section  string
	Percent  int
	Lang     corpus.Lang // the side the segment is on
	// Source is the segment (a sentence, or the whole paragraph), its
	// Spans marking what differs from the segment looked up.
	Source *Side
	// Target is its translation: the sentence(s) aligned with it, or the
	// whole other paragraph; nil when the sentence has none.
	Target *Side
	// Paragraph: the translation is the whole other paragraph, the pair
	// having no sentence alignment to narrow it to the segment's.
	Paragraph bool
	Score     float64 // the confidence of the pair shown
	// QueryDiff marks what of the segment looked up the match lacks or
	// has otherwise.
	QueryDiff []corpus.Span
}

// Similar is the answer to a fuzzy-match lookup.
type Similar struct {
	Request    SimilarRequest // defaults filled in
	Matches    []Match
	Candidates int // units re-scored
	Took       time.Duration
}

// Validate checks a fuzzy-match request and fills in its defaults.
func (r *SimilarRequest) Validate() error {
	bad := func(format string, args ...any) error {
		return &query.Error{Code: query.CodeBadParameter, Message: fmt.Sprintf(format, args...)}
	}
	if strings.TrimSpace(r.Text) == "" {
		return &query.Error{Code: query.CodeMissingQuery, Message: "give a sentence to find similar segments for"}
	}
	if !utf8.ValidString(r.Text) {
		return bad("the sentence is not valid UTF-8 text")
	}
	if n := utf8.RuneCountInString(r.Text); n > MaxSimilarRunes {
		return &query.Error{Code: query.CodeQueryTooLong, Message: fmt.Sprintf("the sentence is too long: %d characters, and at most %d are compared; look up one sentence at a time", n, MaxSimilarRunes)}
	}
	if len(fuzzy.Tokens(r.Text)) == 0 {
		return bad("the sentence has no word to compare (only punctuation)")
	}
	switch r.Lang {
	case "":
		r.Lang = corpus.EN
		if analysis.HasHan(r.Text) {
			r.Lang = corpus.ZH
		}
	case corpus.ZH, corpus.EN:
	default:
		return bad("lang must be zh or en, not %q", clip(string(r.Lang), 20))
	}
	if r.Size == 0 {
		r.Size = DefaultSimilar
	}
	if r.Size < 1 || r.Size > MaxSimilar {
		return bad("size must be between 1 and %d", MaxSimilar)
	}
	if r.Min == 0 {
		r.Min = DefaultSimilarMin
	}
	if r.Min < 1 || r.Min > 100 {
		return bad("min must be a percentage between 1 and 100")
	}
	if !utf8.ValidString(r.Doc) {
		return bad("doc must be valid UTF-8 text")
	}
	return nil
}

// SimilarTo finds the translated segments most like r.Text: the index
// proposes the SimilarCandidates units sharing most of its words, and each
// sentence of them (and each whole paragraph) is scored with
// fuzzy.Percent; the best segment of a unit stands for it.
func SimilarTo(ctx context.Context, b Backend, r SimilarRequest) (*Similar, error) {
	start := time.Now()
	if err := r.Validate(); err != nil {
		return nil, err
	}
	out := &Similar{Request: r}
	terms := similarTermsOf(r.Text, r.Lang)
	if len(terms) == 0 {
		out.Took = time.Since(start)
		return out, nil
	}
	q := &query.Query{Groups: []query.Group{{Terms: terms, Raw: r.Text}}}
	found, err := b.Find(ctx, q, query.Request{Text: r.Text, Lang: r.Lang, Doc: r.Doc, Translated: "yes", Size: SimilarCandidates})
	if err != nil {
		return nil, err
	}
	sc := NewScorer(r.Text, r.Lang)
	meta := b.Meta()
	for _, u := range found.Units {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out.Candidates++
		best := sc.Best(u)
		if best.Percent < r.Min {
			continue
		}
		m := best.match(u, r.Lang)
		m.DocTitle = meta.Title(u.Doc)
		out.Matches = append(out.Matches, m)
	}
	// the best first; among equals, the index's order (the most relevant)
	sort.SliceStable(out.Matches, func(i, j int) bool { return out.Matches[i].Percent > out.Matches[j].Percent })
	if len(out.Matches) > r.Size {
		out.Matches = out.Matches[:r.Size]
	}
	for i := range out.Matches {
		m := &out.Matches[i]
		d := fuzzy.Compare(sc.q, sc.d.NewSegment(m.Source.Text))
		m.QueryDiff, m.Source.Spans = d.A, d.B
	}
	out.Took = time.Since(start)
	return out, nil
}

// similarTermsOf are the words that find candidates for a segment: its
// Chinese words (or its English words but the commonest), the longest
// first when there are too many.
func similarTermsOf(text string, lang corpus.Lang) []query.Term {
	var words []string
	seen := map[string]bool{}
	add := func(w string) {
		if k := strings.ToLower(w); !seen[k] {
			seen[k] = true
			words = append(words, w)
		}
	}
	if lang == corpus.ZH {
		var short []string
		for _, w := range analysis.ChineseWords(text) {
			if utf8.RuneCountInString(w) > 1 {
				add(w)
			} else {
				short = append(short, w)
			}
		}
		if len(words) < 4 {
			for _, w := range short {
				add(w)
			}
		}
	}
	for _, w := range corpus.EnglishWordSpans(text) {
		add(w.Word) // the engine leaves out what it does not index
	}
	if len(words) > similarTerms {
		sort.SliceStable(words, func(i, j int) bool { return utf8.RuneCountInString(words[i]) > utf8.RuneCountInString(words[j]) })
		words = words[:similarTerms]
	}
	terms := make([]query.Term, 0, len(words))
	for _, w := range words {
		han := analysis.HasHan(w)
		terms = append(terms, query.Term{Text: w, Side: lang, Han: han, Latin: !han})
	}
	return terms
}

// Scorer scores the segments of units against one segment looked up.
type Scorer struct {
	d    fuzzy.Dict
	q    *fuzzy.Segment
	lang corpus.Lang
}

// NewScorer prepares the segment text, in language lang, for scoring.
func NewScorer(text string, lang corpus.Lang) *Scorer {
	d := fuzzy.Dict{}
	return &Scorer{d: d, q: d.NewSegment(text), lang: lang}
}

// Segment is the best segment of a unit for a scorer.
type Segment struct {
	Percent int
	Span    corpus.Span // of the unit's side
	Whole   bool
	sent    int // the sentence, when not Whole
	al      corpus.SentenceAlignment
	aligned bool
}

// sentencesOf is a unit's side, its sentences (as its stored alignment
// has them, else split afresh) and that alignment when it fits.
func sentencesOf(u Unit, lang corpus.Lang) (text string, sents []corpus.Span, al corpus.SentenceAlignment, aligned bool) {
	text = u.ZH
	if lang == corpus.EN {
		text = u.EN
	}
	if text == "" {
		return "", nil, al, false
	}
	al, aligned = corpus.DecodeSentenceAlignment(u.Sentences)
	sents = al.ZH
	if lang == corpus.EN {
		sents = al.EN
	}
	if !aligned || !fits(sents, text) {
		aligned = false
		sents = corpus.Sentences(text, lang)
	}
	return text, sents, al, aligned
}

// Segments are what a fuzzy lookup compares of a unit's side: each of its
// sentences, and the whole paragraph when it has more than one.
func Segments(u Unit, lang corpus.Lang) []string {
	text, sents, _, _ := sentencesOf(u, lang)
	var out []string
	for _, s := range sents {
		out = append(out, text[s.Start:s.End])
	}
	if len(sents) > 1 {
		out = append(out, text)
	}
	return out
}

// Best scores each of the unit's Segments and returns the best; a unit
// with nothing on that side scores 0.
func (sc *Scorer) Best(u Unit) Segment {
	var best Segment
	text, sents, al, ok := sentencesOf(u, sc.lang)
	if text == "" {
		return best
	}
	best.al, best.aligned = al, ok
	n := len(sc.q.Tokens)
	try := func(s corpus.Span, whole bool, i int) {
		seg := text[s.Start:s.End]
		// what length alone allows: no need to compare a segment that
		// cannot beat the best so far
		if fuzzy.Bound(n, fuzzy.Count(seg)) < best.Percent {
			return
		}
		if p := fuzzy.Percent(sc.q, sc.d.NewSegment(seg)); p > best.Percent {
			best.Percent, best.Span, best.Whole, best.sent = p, s, whole, i
		}
	}
	for i, s := range sents {
		try(s, len(sents) == 1, i)
	}
	if len(sents) != 1 {
		try(corpus.Span{Start: 0, End: len(text)}, true, -1)
	}
	return best
}

// match makes the match of a unit's best segment: the segment and its
// translation.
func (s Segment) match(u Unit, lang corpus.Lang) Match {
	side, other := u.ZH, u.EN
	if lang == corpus.EN {
		side, other = u.EN, u.ZH
	}
	m := Match{ID: u.ID, DocID: u.Doc, Seq: u.Seq, Section: u.Section, Percent: s.Percent, Lang: lang, Score: u.Unit.Score,
		Source: &Side{Text: side[s.Span.Start:s.Span.End]}}
	switch {
	case s.Whole:
		m.Target = &Side{Text: other}
		return m
	case !s.aligned:
		m.Target, m.Paragraph = &Side{Text: other}, true
		return m
	}
	for _, l := range s.al.Links {
		mine, theirs, sents := l.ZH, l.EN, s.al.EN
		if lang == corpus.EN {
			mine, theirs, sents = l.EN, l.ZH, s.al.ZH
		}
		for _, i := range mine {
			if i == s.sent {
				r := cover(sents, theirs)
				m.Target = &Side{Text: other[r.Start:r.End]}
				if l.Score > 0 && l.Score < m.Score {
					m.Score = l.Score
				}
				return m
			}
		}
	}
	return m
}

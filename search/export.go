package search

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/query"
)

// MaxExport is how many hits one export holds at most.
const MaxExport = 100_000

// ExportRequest asks for every hit of a search as a file.
type ExportRequest struct {
	query.Request
	Format string // one of corpus.ExportFormats
	// Sentences: a record per sentence pair holding a match (a hit without
	// a sentence alignment gives its paragraphs).
	Sentences bool
	Limit     int // hits at most; 0: MaxExport
}

// ExportInfo says what an export holds, before it is written.
type ExportInfo struct {
	Total  uint64 // hits of the search
	Limit  int
	Capped bool // Total > Limit: the first Limit hits in document order
}

// Validate checks an export request and fills in its defaults.
func (r *ExportRequest) Validate() error {
	ok := false
	for _, f := range corpus.ExportFormats {
		ok = ok || r.Format == f
	}
	if !ok {
		return &query.Error{Code: query.CodeBadParameter, Message: fmt.Sprintf("format must be one of %s, not %q", strings.Join(corpus.ExportFormats, ", "), clip(r.Format, 20))}
	}
	if r.Limit == 0 {
		r.Limit = MaxExport
	}
	if r.Limit < 1 || r.Limit > MaxExport {
		return &query.Error{Code: query.CodeBadParameter, Message: "limit must be between 1 and " + strconv.Itoa(MaxExport)}
	}
	r.From, r.Size, r.Sort, r.Facets, r.Translations = 0, 1, "", false, false
	return nil
}

// Export writes the hits of a search to w in document order, streamed:
// start is called with what the export will hold before the first byte
// is written (an error from it ends the export).
func Export(ctx context.Context, b Backend, r ExportRequest, w io.Writer, start func(ExportInfo) error) (ExportInfo, error) {
	if err := r.Validate(); err != nil {
		return ExportInfo{}, err
	}
	p, err := prepare(ctx, b, &r.Request)
	if err != nil {
		return ExportInfo{}, err
	}
	found, err := b.Find(ctx, p.find, r.Request)
	if err != nil {
		return ExportInfo{}, err
	}
	info := ExportInfo{Total: found.Total, Limit: r.Limit, Capped: found.Total > uint64(r.Limit)}
	if start != nil {
		if err := start(info); err != nil {
			return info, err
		}
	}
	segtype := "paragraph"
	if r.Sentences {
		segtype = "sentence"
	}
	out, err := corpus.NewRecordWriter(w, r.Format, segtype)
	if err != nil {
		return info, err
	}
	meta := b.Meta()
	terms := p.q.Positives()
	n := 0
	err = b.Scan(ctx, p.find, r.Request, func(units []Unit) error {
		for _, u := range units {
			if n >= r.Limit {
				return ErrStop
			}
			n++
			for _, rec := range records(u, meta.Title(u.Doc), terms, r.Lang, r.Sentences) {
				if err := out.Write(rec); err != nil {
					return err
				}
			}
		}
		return ctx.Err()
	})
	if err != nil && !errors.Is(err, ErrStop) {
		return info, err
	}
	return info, out.Close()
}

// records are what a hit exports as: its paragraphs, or its sentence
// pairs holding a match.
func records(u Unit, title string, terms []query.Term, lang corpus.Lang, sentences bool) []corpus.Record {
	rec := corpus.Record{ID: u.ID, Doc: u.Doc, Title: title, Seq: u.Seq, Section: u.Section, ZH: u.ZH, EN: u.EN, Score: u.Unit.Score}
	if !sentences || !u.Paired() {
		return []corpus.Record{rec}
	}
	zh := &Side{Text: u.ZH, Spans: query.Spans(u.ZH, corpus.ZH, lang, terms)}
	en := &Side{Text: u.EN, Spans: query.Spans(u.EN, corpus.EN, lang, terms)}
	pairs := pairsOf(u, zh, en)
	if len(pairs) == 0 {
		return []corpus.Record{rec}
	}
	out := make([]corpus.Record, 0, len(pairs))
	for i, p := range pairs {
		r := rec
		r.ID = u.ID + "#" + strconv.Itoa(i+1)
		r.ZH, r.EN, r.Score = u.ZH[p.ZH.Start:p.ZH.End], u.EN[p.EN.Start:p.EN.End], p.Score
		out = append(out, r)
	}
	return out
}

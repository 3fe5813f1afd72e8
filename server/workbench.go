package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/highlight"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
)

// The translator's workbench: the concordance, fuzzy matches and export.

// DefaultConcordanceSize is how many lines a concordance page holds unless
// asked.
const DefaultConcordanceSize = 50

// TranslationPartJSON is a text of the other side with the words that
// translate the query marked.
type TranslationPartJSON struct {
	Lang string `json:"lang"`
	Text string `json:"text"`
	HTML string `json:"html"`
}

// LineJSON is one concordance line.
type LineJSON struct {
	ID      string `json:"id"`
	Doc     DocRef `json:"doc"`
	Seq     int    `json:"seq"`
	Section string `json:"section,omitempty"`
	Lang    string `json:"lang"`
	Left    string `json:"left"`
	Match   string `json:"match"`
	Right   string `json:"right"`
	At      int    `json:"at"`
	// Translation is the matched sentence's translation (null when the
	// paragraph has none); Paragraph: it is the whole other paragraph.
	Translation *TranslationPartJSON `json:"translation"`
	Paragraph   bool                 `json:"paragraph"`
	Score       float64              `json:"score"`
	Low         bool                 `json:"low"`
}

// ConcordanceJSON is the answer of /api/concordance.
type ConcordanceJSON struct {
	Query  string      `json:"query"`
	Sort   string      `json:"sort"`
	Total  int         `json:"total"`  // lines
	Units  int         `json:"units"`  // matching units read
	Of     uint64      `json:"of"`     // matching units in all
	Capped bool        `json:"capped"` // units < of
	From   int         `json:"from"`
	Size   int         `json:"size"`
	TookMS float64     `json:"took_ms"`
	Lines  []LineJSON  `json:"lines"`
	Facets *FacetsJSON `json:"facets,omitempty"`
}

func other(l corpus.Lang) corpus.Lang {
	if l == corpus.ZH {
		return corpus.EN
	}
	return corpus.ZH
}

// ConcordanceToJSON turns a concordance into the API's JSON shape.
func ConcordanceToJSON(c *search.Concordance) ConcordanceJSON {
	out := ConcordanceJSON{Query: c.Request.Text, Sort: c.Order, Total: c.Total, Units: c.Units, Of: c.Of, Capped: c.Capped,
		From: c.Request.From, Size: c.Request.Size, TookMS: float64(c.Took.Microseconds()) / 1000, Lines: make([]LineJSON, 0, len(c.Lines)),
		Facets: facetsJSON(c.Facets)}
	for _, l := range c.Lines {
		lj := LineJSON{ID: l.ID, Doc: DocRef{l.DocID, l.DocTitle}, Seq: l.Seq, Section: l.Section, Lang: string(l.Lang),
			Left: l.Left, Match: l.Match, Right: l.Right, At: l.At, Paragraph: l.Paragraph, Score: round3(l.Score), Low: l.Translation != nil && l.Score < search.LowConfidence}
		if l.Translation != nil {
			lj.Translation = &TranslationPartJSON{Lang: string(other(l.Lang)), Text: l.Translation.Text, HTML: l.Translation.HTML()}
		}
		out.Lines = append(out.Lines, lj)
	}
	return out
}

func (srv *server) concordance(c *gin.Context) error {
	v, err := params(c)
	if err != nil {
		return err
	}
	order := v.Get("sort")
	v.Del("sort")
	if v.Get("size") == "" {
		v.Set("size", strconv.Itoa(DefaultConcordanceSize))
	}
	req, err := ParseRequest(v)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), srv.opts.SearchTimeout)
	defer cancel()
	var out *search.Concordance
	err = srv.e.Use(ctx, func(b search.Backend) (err error) {
		out, err = search.ConcordanceOf(ctx, b, req, order)
		return err
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, ConcordanceToJSON(out))
	return nil
}

// MatchJSON is one fuzzy match.
type MatchJSON struct {
	ID      string `json:"id"`
	Doc     DocRef `json:"doc"`
	Seq     int    `json:"seq"`
	Section string `json:"section,omitempty"`
	Percent int    `json:"percent"`
	Lang    string `json:"lang"`
	// Source is the memory's segment, what differs from the query in
	// <mark class="diff">.
	Source PartTextJSON `json:"source"`
	// Target is its translation (null when the sentence has none);
	// Paragraph: it is the whole other paragraph.
	Target    *PartTextJSON `json:"target"`
	Paragraph bool          `json:"paragraph"`
	Score     float64       `json:"score"`
	Low       bool          `json:"low"`
	// QueryHTML is the sentence looked up, what the match lacks or has
	// otherwise in <mark class="diff">.
	QueryHTML string `json:"query_html"`
}

// PartTextJSON is a text and its HTML.
type PartTextJSON struct {
	Text string `json:"text"`
	HTML string `json:"html"`
}

// SimilarJSON is the answer of /api/similar.
type SimilarJSON struct {
	Query      string      `json:"query"`
	Lang       string      `json:"lang"`
	Min        int         `json:"min"`
	Size       int         `json:"size"`
	TookMS     float64     `json:"took_ms"`
	Candidates int         `json:"candidates"`
	Matches    []MatchJSON `json:"matches"`
}

// diffHTML marks the differences of a text as <mark class="diff">.
func diffHTML(text string, spans []corpus.Span) string {
	return strings.ReplaceAll(highlight.Render(text, spans, nil, nil), "<mark>", `<mark class="diff">`)
}

// SimilarToJSON turns fuzzy matches into the API's JSON shape.
func SimilarToJSON(s *search.Similar) SimilarJSON {
	r := s.Request
	out := SimilarJSON{Query: r.Text, Lang: string(r.Lang), Min: r.Min, Size: r.Size, TookMS: float64(s.Took.Microseconds()) / 1000,
		Candidates: s.Candidates, Matches: make([]MatchJSON, 0, len(s.Matches))}
	for _, m := range s.Matches {
		mj := MatchJSON{ID: m.ID, Doc: DocRef{m.DocID, m.DocTitle}, Seq: m.Seq, Section: m.Section, Percent: m.Percent, Lang: string(m.Lang),
			Source: PartTextJSON{m.Source.Text, diffHTML(m.Source.Text, m.Source.Spans)}, Paragraph: m.Paragraph,
			Score: round3(m.Score), Low: m.Target != nil && m.Score < search.LowConfidence, QueryHTML: diffHTML(r.Text, m.QueryDiff)}
		if m.Target != nil {
			mj.Target = &PartTextJSON{m.Target.Text, highlight.Render(m.Target.Text, nil, nil, nil)}
		}
		out.Matches = append(out.Matches, mj)
	}
	return out
}

// ParseSimilar reads a fuzzy-match request; checking it is its Validate.
func ParseSimilar(v url.Values) (search.SimilarRequest, error) {
	r := search.SimilarRequest{Text: v.Get("q"), Lang: corpus.Lang(v.Get("lang")), Doc: v.Get("doc")}
	for _, p := range []struct {
		name string
		to   *int
	}{{"size", &r.Size}, {"min", &r.Min}} {
		s := v.Get(p.name)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n == 0 {
			return r, badRequest(query.CodeBadParameter, p.name+" must be a whole number, not "+strconv.Quote(clipText(s, 20)))
		}
		*p.to = n
	}
	return r, nil
}

func clipText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func (srv *server) similar(c *gin.Context) error {
	v, err := params(c)
	if err != nil {
		return err
	}
	req, err := ParseSimilar(v)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), srv.opts.SearchTimeout)
	defer cancel()
	var out *search.Similar
	err = srv.e.Use(ctx, func(b search.Backend) (err error) {
		out, err = search.SimilarTo(ctx, b, req)
		return err
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, SimilarToJSON(out))
	return nil
}

// ParseExport reads an export request: the search's parameters, format,
// pairs (sentence or paragraph) and limit.
func ParseExport(v url.Values) (search.ExportRequest, error) {
	req, err := ParseRequest(v)
	if err != nil {
		return search.ExportRequest{}, err
	}
	r := search.ExportRequest{Request: req, Format: v.Get("format")}
	if r.Format == "" {
		r.Format = corpus.ExportTSV
	}
	switch v.Get("pairs") {
	case "", "paragraph":
	case "sentence":
		r.Sentences = true
	default:
		return r, badRequest(query.CodeBadParameter, "pairs must be sentence or paragraph")
	}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n == 0 {
			return r, badRequest(query.CodeBadParameter, "limit must be a whole number between 1 and "+strconv.Itoa(search.MaxExport))
		}
		r.Limit = n
	}
	return r, nil
}

var unsafeName = regexp.MustCompile(`[^\p{L}\p{N}]+`)

// exportName is the file name of an export: bisearch-QUERY.EXT, the query
// reduced to letters and digits.
func exportName(q, format string) string {
	base := strings.Trim(unsafeName.ReplaceAllString(q, "-"), "-")
	if r := []rune(base); len(r) > 40 {
		base = string(r[:40])
	}
	if base == "" {
		base = "export"
	}
	return "bisearch-" + base + "." + format
}

func (srv *server) export(c *gin.Context) error {
	v, err := params(c)
	if err != nil {
		return err
	}
	req, err := ParseExport(v)
	if err != nil {
		return err
	}
	if err := req.Validate(); err != nil {
		return err
	}
	if _, err := req.Request.Validate(); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), 10*srv.opts.SearchTimeout)
	defer cancel()
	started := false
	err = srv.e.Use(ctx, func(b search.Backend) error {
		_, err := search.Export(ctx, b, req, c.Writer, func(info search.ExportInfo) error {
			if started {
				return errors.New("the index was replaced during the export; export again")
			}
			started = true
			h := c.Writer.Header()
			h.Set("Content-Type", corpus.ExportType(req.Format))
			name := exportName(req.Text, req.Format)
			h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, asciiName(name), pathEscape(name)))
			h.Set("X-Total-Count", strconv.FormatUint(info.Total, 10))
			h.Set("X-Export-Limit", strconv.Itoa(info.Limit))
			h.Set("X-Export-Capped", strconv.FormatBool(info.Capped))
			h.Set("Cache-Control", "no-store")
			c.Status(http.StatusOK)
			return nil
		})
		return err
	})
	if err != nil && started {
		// the answer has begun: it can only end short
		srv.log.Warn("export ended early", "err", err)
		return nil
	}
	return err
}

// asciiName is a file name for clients that read no filename*: its
// non-ASCII letters dropped.
func asciiName(name string) string {
	var b strings.Builder
	for _, r := range name {
		if r < 0x80 && r != '"' && r != '\\' {
			b.WriteRune(r)
		}
	}
	if s := b.String(); !strings.HasPrefix(s, "bisearch-.") {
		return s
	}
	return "bisearch-export" + name[strings.LastIndexByte(name, '.'):]
}

// pathEscape percent-encodes a file name for filename* (RFC 5987).
func pathEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0) {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

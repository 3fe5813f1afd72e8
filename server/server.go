// Package server owns bisearch's HTTP interface: the gin router, the JSON API
// (search, documents, health), the error-to-status table and the embedded
// search page. It talks to the index through the Searcher interface it
// declares, so handlers can be tested with a fake.
package server

import (
	"context"
	"crypto/subtle"
	_ "embed"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/bisearch/bisearch/indexer"
	"github.com/bisearch/bisearch/web"
)

// Searcher is what the server needs of an index.
type Searcher interface {
	Search(ctx context.Context, q indexer.Query) (*indexer.Result, error)
	Docs() []indexer.DocInfo
	Doc(ctx context.Context, id string) (indexer.DocInfo, []indexer.DocUnit, error)
	Counts() (docs, units int)
	Complete(prefix string, n int) []string
}

// Options tune the server.
type Options struct {
	Logger        *slog.Logger
	SearchTimeout time.Duration // per request; default 10 s
	// AdminToken guards the admin API (POST /api/admin/reload) as a bearer
	// token; without one the admin API is off.
	AdminToken string
	// Reload puts a newly built index in service; it reports whether the
	// index changed.
	Reload func() (bool, error)
	// IndexDir, when set, is measured for the index size metric.
	IndexDir string
	// RatePerSecond and Burst limit each client's API requests (token
	// bucket per address); 0 turns the limit off.
	RatePerSecond float64
	Burst         int
	// MaxSearches bounds the searches running at once; past it a search
	// gets 503 with Retry-After. 0: 4 × GOMAXPROCS.
	MaxSearches int
	// CORSOrigins may call the JSON API from a browser ("*" for any).
	CORSOrigins []string
}

// apiError is an error with a code and a message meant for the client.
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return e.message }

func badRequest(code, msg string) error {
	return &apiError{http.StatusBadRequest, code, msg}
}

// statusOf is the one table from error to HTTP status and client-facing code
// and message. Anything it does not know is an internal error whose detail
// is logged, never shown.
func statusOf(err error) (int, string, string) {
	var ae *apiError
	switch {
	case errors.As(err, &ae):
		return ae.status, ae.code, ae.message
	case errors.Is(err, indexer.ErrBadQuery):
		msg := strings.TrimPrefix(err.Error(), indexer.ErrBadQuery.Error()+": ")
		return http.StatusBadRequest, "bad_query", msg
	case errors.Is(err, indexer.ErrNotFound):
		return http.StatusNotFound, "not_found", err.Error()
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "timeout", "the search took too long; try a more specific query"
	case errors.Is(err, context.Canceled):
		return 499, "canceled", "request canceled"
	}
	return http.StatusInternalServerError, "internal", "internal error"
}

type server struct {
	s       Searcher
	log     *slog.Logger
	opts    Options
	metrics *metrics
	limit   *limiter
	slots   chan struct{}
}

// OpenAPI is the OpenAPI 3 description of the JSON API, served at
// /api/openapi.json.
//
//go:embed openapi.json
var OpenAPI []byte

// Handler serves the API and the page.
type Handler struct {
	http.Handler
	srv *server
}

// Reloaded records the outcome of an index reload made outside the admin
// API (a watch or SIGHUP) in the metrics.
func (h *Handler) Reloaded(changed bool, err error) {
	switch {
	case err != nil:
		h.srv.metrics.reloads.WithLabelValues("failed").Inc()
	case changed:
		h.srv.metrics.reloads.WithLabelValues("reloaded").Inc()
	default:
		h.srv.metrics.reloads.WithLabelValues("unchanged").Inc()
	}
}

// New returns the HTTP handler serving the API and the page.
func New(s Searcher, opts Options) *Handler {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.SearchTimeout <= 0 {
		opts.SearchTimeout = 10 * time.Second
	}
	if opts.MaxSearches == 0 {
		opts.MaxSearches = 4 * runtime.GOMAXPROCS(0)
	}
	gin.SetMode(gin.ReleaseMode)
	srv := &server{s: s, log: opts.Logger, opts: opts, metrics: newMetrics(s, opts.IndexDir)}
	if opts.RatePerSecond > 0 {
		srv.limit = newLimiter(opts.RatePerSecond, max(opts.Burst, 1))
	}
	if opts.MaxSearches > 0 {
		srv.slots = make(chan struct{}, opts.MaxSearches)
	}
	r := gin.New()
	r.Use(srv.recoverer, srv.logRequests, securityHeaders, limitBody, srv.cors, srv.rateLimit)
	r.HandleMethodNotAllowed = true
	r.GET("/api/search", srv.bounded(srv.handle(srv.search)))
	r.GET("/api/suggest", srv.handle(srv.suggest))
	r.GET("/api/docs", srv.handle(srv.docs))
	r.GET("/api/docs/:id", srv.handle(srv.doc))
	r.GET("/healthz", srv.handle(srv.health))
	r.GET("/readyz", srv.handle(srv.ready))
	r.GET("/metrics", srv.metrics.handler())
	r.GET("/api/openapi.json", func(c *gin.Context) { c.Data(http.StatusOK, "application/json", OpenAPI) })
	if opts.AdminToken != "" && opts.Reload != nil {
		r.POST("/api/admin/reload", srv.handle(srv.reload))
	}
	static, _ := fs.Sub(web.FS, "static")
	r.StaticFS("/static", http.FS(static))
	r.GET("/", srv.index)
	r.NoRoute(func(c *gin.Context) {
		writeError(c, &apiError{http.StatusNotFound, "not_found", "no such page: " + c.Request.URL.Path})
	})
	r.NoMethod(func(c *gin.Context) {
		writeError(c, &apiError{http.StatusMethodNotAllowed, "method_not_allowed", c.Request.Method + " is not allowed here"})
	})
	return &Handler{Handler: r, srv: srv}
}

// handle adapts a handler that returns an error.
func (srv *server) handle(h func(*gin.Context) error) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			status, _, _ := statusOf(err)
			if status >= 500 {
				srv.log.Error("request failed", "path", c.Request.URL.Path, "err", err)
			}
			writeError(c, err)
		}
	}
}

func writeError(c *gin.Context, err error) {
	status, code, msg := statusOf(err)
	c.AbortWithStatusJSON(status, gin.H{"error": gin.H{"code": code, "message": msg}})
}

func (srv *server) recoverer(c *gin.Context) {
	defer func() {
		if r := recover(); r != nil {
			srv.log.Error("panic", "path", c.Request.URL.Path, "panic", r)
			writeError(c, errors.New("panic"))
		}
	}()
	c.Next()
}

func (srv *server) logRequests(c *gin.Context) {
	start := time.Now()
	c.Next()
	took := time.Since(start)
	srv.metrics.observe(c, took)
	srv.log.Info("request", "method", c.Request.Method, "path", c.Request.URL.Path, "route", c.FullPath(),
		"status", c.Writer.Status(), "took_ms", float64(took.Microseconds())/1000, "client", clientAddr(c.Request))
}

func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'")
	h.Set("Referrer-Policy", "no-referrer")
	c.Next()
}

func (srv *server) index(c *gin.Context) {
	b, err := web.FS.ReadFile("index.html")
	if err != nil {
		writeError(c, err)
		return
	}
	c.Data(http.StatusOK, "text/html; charset=utf-8", b)
}

// SideJSON is one language of a hit.
type SideJSON struct {
	Text      string         `json:"text"`
	Highlight string         `json:"highlight"`
	Snippet   string         `json:"snippet"`
	Spans     []indexer.Span `json:"spans"`
	// HTML adds to the highlight the aligned sentences (<span class="al">)
	// and the words that translate the query (<mark class="tr">).
	HTML      string             `json:"html"`
	Sentences []indexer.Sentence `json:"sentences"`
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
	// Facets count the hits by side, document and section (with facets=1).
	Facets *indexer.Facets `json:"facets,omitempty"`
}

// ResultJSON turns an index result into the API's JSON shape.
func ResultJSON(q indexer.Query, r *indexer.Result) SearchJSON {
	out := SearchJSON{Query: q.Text, Lang: q.Lang, Doc: q.Doc, Total: r.Total, From: q.From, Size: q.Size,
		TookMS: float64(r.Took.Microseconds()) / 1000, Hits: make([]HitJSON, 0, len(r.Hits)), Suggestions: r.Suggestions,
		Facets: r.Facets}
	if out.Suggestions == nil {
		out.Suggestions = []string{}
	}
	side := func(s *indexer.Side) *SideJSON {
		if s == nil {
			return nil
		}
		spans := s.Spans
		if spans == nil {
			spans = []indexer.Span{}
		}
		sents := s.Sentences
		if sents == nil {
			sents = []indexer.Sentence{}
		}
		return &SideJSON{Text: s.Text, Highlight: s.Highlight, Snippet: s.Snippet, Spans: spans, HTML: s.HTML, Sentences: sents}
	}
	for _, h := range r.Hits {
		matched := h.Matched
		if matched == nil {
			matched = []string{}
		}
		out.Hits = append(out.Hits, HitJSON{ID: h.ID, Doc: DocRef{h.DocID, h.DocTitle}, Seq: h.Seq, Score: h.Score,
			Matched: matched, ZH: side(h.ZH), EN: side(h.EN), Section: h.Section, AlignScore: h.Align})
	}
	return out
}

// ParseQuery reads and checks the search parameters.
func ParseQuery(get func(string) (string, bool)) (indexer.Query, error) {
	var q indexer.Query
	text, ok := get("q")
	if !ok || strings.TrimSpace(text) == "" {
		return q, badRequest("missing_query", "the q parameter is missing or empty")
	}
	if !utf8.ValidString(text) {
		return q, badRequest("bad_parameter", "q is not valid UTF-8")
	}
	if n := utf8.RuneCountInString(text); n > indexer.MaxQueryRunes {
		return q, badRequest("query_too_long", "q is "+strconv.Itoa(n)+" characters long; at most "+strconv.Itoa(indexer.MaxQueryRunes))
	}
	q.Text = text
	q.Lang, _ = get("lang")
	switch q.Lang {
	case "", "zh", "en":
	default:
		return q, badRequest("bad_parameter", "lang must be zh or en")
	}
	q.Doc, _ = get("doc")
	q.Section, _ = get("section")
	q.Sort, _ = get("sort")
	switch q.Sort {
	case "", "relevance", "doc":
	default:
		return q, badRequest("bad_parameter", "sort must be relevance or doc")
	}
	if f, _ := get("facets"); f == "1" || f == "true" {
		q.Facets = true
	}
	intParam := func(name string, def, lo, hi int) (int, error) {
		v, ok := get(name)
		if !ok || v == "" {
			return def, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return 0, badRequest("bad_parameter", name+" must be a whole number")
		}
		if n < lo || n > hi {
			return 0, badRequest("bad_parameter", name+" must be between "+strconv.Itoa(lo)+" and "+strconv.Itoa(hi))
		}
		return n, nil
	}
	var err error
	if q.Size, err = intParam("size", indexer.DefaultSize, 1, indexer.MaxSize); err != nil {
		return q, err
	}
	if q.From, err = intParam("from", 0, 0, indexer.MaxWindow-q.Size); err != nil {
		return q, err
	}
	return q, nil
}

func (srv *server) search(c *gin.Context) error {
	q, err := ParseQuery(c.GetQuery)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), srv.opts.SearchTimeout)
	defer cancel()
	res, err := srv.s.Search(ctx, q)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, ResultJSON(q, res))
	return nil
}

func (srv *server) docs(c *gin.Context) error {
	docs := srv.s.Docs()
	if docs == nil {
		docs = []indexer.DocInfo{}
	}
	c.JSON(http.StatusOK, docs)
	return nil
}

// UnitJSON is one unit of a document.
type UnitJSON struct {
	ID         string  `json:"id"`
	Seq        int     `json:"seq"`
	ZH         *string `json:"zh"`
	EN         *string `json:"en"`
	Section    string  `json:"section,omitempty"`
	AlignScore float64 `json:"align_score"`
}

// DocJSON is the answer of /api/docs/:id.
type DocJSON struct {
	ID      string     `json:"id"`
	Title   string     `json:"title"`
	Aligned int        `json:"aligned"`
	Units   []UnitJSON `json:"units"`
}

func (srv *server) doc(c *gin.Context) error {
	info, units, err := srv.s.Doc(c.Request.Context(), c.Param("id"))
	if err != nil {
		if errors.Is(err, indexer.ErrNotFound) {
			return &apiError{http.StatusNotFound, "not_found", "no document with id " + strconv.Quote(c.Param("id"))}
		}
		return err
	}
	out := DocJSON{ID: info.ID, Title: info.Title, Aligned: info.Aligned, Units: make([]UnitJSON, 0, len(units))}
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	for _, u := range units {
		out.Units = append(out.Units, UnitJSON{ID: u.ID, Seq: u.Seq, ZH: opt(u.ZH), EN: opt(u.EN), Section: u.Section, AlignScore: u.Score})
	}
	c.JSON(http.StatusOK, out)
	return nil
}

func (srv *server) health(c *gin.Context) error {
	docs, units := srv.s.Counts()
	c.JSON(http.StatusOK, gin.H{"status": "ok", "docs": docs, "units": units})
	return nil
}

func (srv *server) reload(c *gin.Context) error {
	auth := c.GetHeader("Authorization")
	token, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(token), []byte(srv.opts.AdminToken)) != 1 {
		c.Header("WWW-Authenticate", `Bearer realm="bisearch admin"`)
		return &apiError{http.StatusUnauthorized, "unauthorized", "a valid bearer token is needed"}
	}
	changed, err := srv.opts.Reload()
	(&Handler{srv: srv}).Reloaded(changed, err)
	if err != nil {
		return err
	}
	docs, units := srv.s.Counts()
	srv.log.Info("reload", "changed", changed, "docs", docs, "units", units)
	c.JSON(http.StatusOK, gin.H{"reloaded": changed, "docs": docs, "units": units})
	return nil
}

func (srv *server) suggest(c *gin.Context) error {
	prefix := c.Query("q")
	if !utf8.ValidString(prefix) || utf8.RuneCountInString(prefix) > 100 {
		return badRequest("bad_parameter", "q must be valid UTF-8 and at most 100 characters")
	}
	n := 8
	if v := c.Query("n"); v != "" {
		k, err := strconv.Atoi(v)
		if err != nil || k < 1 || k > indexer.MaxCompletions {
			return badRequest("bad_parameter", "n must be between 1 and "+strconv.Itoa(indexer.MaxCompletions))
		}
		n = k
	}
	c.JSON(http.StatusOK, gin.H{"query": prefix, "suggestions": srv.s.Complete(prefix, n)})
	return nil
}

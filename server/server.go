// Package server owns bisearch's HTTP interface: the gin router, the JSON
// API (search, documents, completions, health), the one table from error to
// status, the limits and metrics that protect and describe the service, and
// the embedded search page. It talks to an index only through the Engine
// interface it declares, so either engine — or a fake in tests — serves it.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"runtime"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
)

// Engine is what the server needs of an index.
type Engine interface {
	Search(ctx context.Context, req query.Request) (*search.Result, error)
	Docs() []search.DocInfo
	Doc(ctx context.Context, id string, from, size int) (search.DocInfo, []search.Unit, error)
	Counts() (docs, units int)
	Complete(ctx context.Context, prefix string, n int) ([]string, error)
	Ready(ctx context.Context) error
	// Use runs f with the index in service, held for as long as f runs
	// (the concordance, fuzzy matches and export work on it directly).
	Use(ctx context.Context, f func(search.Backend) error) error
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
	// IndexSize, when set, measures the index on disk for the size metric.
	IndexSize func() int64
	// RatePerSecond and Burst limit each client's API requests (token
	// bucket per address); 0 turns the limit off.
	RatePerSecond float64
	Burst         int
	// MaxSearches bounds the searches (and document pages) running at
	// once; past it a request gets 503 with Retry-After. 0: 4 × GOMAXPROCS.
	MaxSearches int
	// CORSOrigins may call the JSON API from a browser ("*" for any).
	CORSOrigins []string
	// NoMetrics leaves /metrics out (it is served on a listener of its own,
	// see MetricsHandler).
	NoMetrics bool
}

type server struct {
	e       Engine
	log     *slog.Logger
	opts    Options
	metrics *metrics
	limit   *limiter
	slots   chan struct{}
}

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

// MetricsHandler serves the Prometheus metrics alone, for a listener of
// their own.
func (h *Handler) MetricsHandler() http.Handler { return outer(h.srv.metrics.plain()) }

// MaxHeaderBytes is what an http.Server for this handler should let
// through: more than the handler takes, so that its 431 says why.
const MaxHeaderBytes = 1 << 20

// New returns the HTTP handler serving the API and the page.
func New(e Engine, opts Options) *Handler {
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
	srv := &server{e: e, log: opts.Logger, opts: opts, metrics: newMetrics(e, opts.IndexSize)}
	if opts.RatePerSecond > 0 {
		srv.limit = newLimiter(opts.RatePerSecond, max(opts.Burst, 1))
	}
	if opts.MaxSearches > 0 {
		srv.slots = make(chan struct{}, opts.MaxSearches)
	}
	return &Handler{Handler: outer(srv.router()), srv: srv}
}

package server

import (
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"golang.org/x/time/rate"

	"github.com/bisearch/bisearch/search"
)

// metrics are the server's Prometheus metrics, in a registry of its own.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	reloads  *prometheus.CounterVec
}

// builder is what an Engine may tell about the build of its index.
type builder interface {
	Manifest() search.Manifest
}

func newMetrics(s Engine, indexSize func() int64) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "bisearch_http_requests_total", Help: "HTTP requests by route and status.",
	}, []string{"route", "status"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "bisearch_http_request_duration_seconds",
		Help:    "HTTP request latency by route.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
	}, []string{"route"})
	m.reloads = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "bisearch_index_reloads_total", Help: "Index reloads by result (reloaded, unchanged, failed).",
	}, []string{"result"})
	m.reg.MustRegister(m.requests, m.latency, m.reloads,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "bisearch_index_units", Help: "Units in the index in service."},
			func() float64 { _, u := s.Counts(); return float64(u) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "bisearch_index_documents", Help: "Documents in the index in service."},
			func() float64 { d, _ := s.Counts(); return float64(d) }),
	)
	if b, ok := s.(builder); ok {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "bisearch_index_built_timestamp_seconds", Help: "When the index in service was built (Unix time).",
		}, func() float64 { return float64(b.Manifest().Built.Unix()) }),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{
				Name: "bisearch_index_text_bytes", Help: "Bytes of text the index in service was built from.",
			}, func() float64 { return float64(b.Manifest().Bytes) }))
	}
	if indexSize != nil {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "bisearch_index_size_bytes", Help: "Size of the index on disk.",
		}, func() float64 { return float64(indexSize()) }))
	}
	return m
}

// observe records a finished request.
func (m *metrics) observe(c *gin.Context, took time.Duration) {
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	m.requests.WithLabelValues(route, strconv.Itoa(c.Writer.Status())).Inc()
	m.latency.WithLabelValues(route).Observe(took.Seconds())
}

func (m *metrics) handler() gin.HandlerFunc {
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	return func(c *gin.Context) { h.ServeHTTP(c.Writer, c.Request) }
}

// limiter hands out a token bucket per client address.
type limiter struct {
	mu      sync.Mutex
	rate    rate.Limit
	burst   int
	clients map[string]*client
}

type client struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiter(perSecond float64, burst int) *limiter {
	return &limiter{rate: rate.Limit(perSecond), burst: burst, clients: map[string]*client{}}
}

func (l *limiter) allow(addr string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	c, ok := l.clients[addr]
	if !ok {
		if len(l.clients) > 10_000 { // forget clients idle for a minute
			for a, old := range l.clients {
				if now.Sub(old.seen) > time.Minute {
					delete(l.clients, a)
				}
			}
		}
		c = &client{lim: rate.NewLimiter(l.rate, l.burst)}
		l.clients[addr] = c
	}
	c.seen = now
	return c.lim.Allow()
}

func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// rateLimit answers 429 with Retry-After to a client over its rate.
func (srv *server) rateLimit(c *gin.Context) {
	if srv.limit != nil && strings.HasPrefix(c.Request.URL.Path, "/api/") && !srv.limit.allow(clientAddr(c.Request)) {
		c.Header("Retry-After", "1")
		writeError(c, &apiError{http.StatusTooManyRequests, "rate_limited", "too many requests; slow down"})
		return
	}
	c.Next()
}

// bounded lets at most the configured number of searches run at once; when
// all places are taken it answers 503 with Retry-After at once rather than
// letting a queue grow.
func (srv *server) bounded(h gin.HandlerFunc) gin.HandlerFunc {
	if srv.slots == nil {
		return h
	}
	return func(c *gin.Context) {
		select {
		case srv.slots <- struct{}{}:
			defer func() { <-srv.slots }()
			h(c)
		default:
			c.Header("Retry-After", "1")
			writeError(c, &apiError{http.StatusServiceUnavailable, "busy", "the server is busy; try again in a moment"})
		}
	}
}

// cors lets the configured origins use the JSON API from a browser.
func (srv *server) cors(c *gin.Context) {
	origin := c.GetHeader("Origin")
	if origin == "" || len(srv.opts.CORSOrigins) == 0 || !strings.HasPrefix(c.Request.URL.Path, "/api/") {
		c.Next()
		return
	}
	allowed := false
	for _, o := range srv.opts.CORSOrigins {
		allowed = allowed || o == "*" || o == origin
	}
	if allowed {
		h := c.Writer.Header()
		h.Set("Access-Control-Allow-Origin", origin)
		h.Add("Vary", "Origin")
		h.Set("Access-Control-Allow-Methods", "GET, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "Content-Type")
		h.Set("Access-Control-Max-Age", "600")
	}
	if c.Request.Method == http.MethodOptions {
		c.AbortWithStatus(http.StatusNoContent)
		return
	}
	c.Next()
}

// limitBody caps request bodies (the API takes none but the admin POST).
func limitBody(c *gin.Context) {
	if c.Request.Body != nil {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, 1<<10)
	}
	c.Next()
}

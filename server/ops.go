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
	h := m.plain()
	return func(c *gin.Context) { h.ServeHTTP(c.Writer, c.Request) }
}

func (m *metrics) plain() http.Handler { return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}) }

// limiter hands out a token bucket per client address. It holds two
// generations of clients: a client seen in the older one moves to the
// newer; when the newer is full, or a minute has passed, the older is
// dropped and the newer becomes it. Memory is bounded by twice maxClients,
// an idle client is forgotten within two minutes, and each request costs two
// map lookups, however many clients there are.
type limiter struct {
	mu        sync.Mutex
	rate      rate.Limit
	burst     int
	cur, prev map[string]*rate.Limiter
	rotated   time.Time
	now       func() time.Time
}

// maxClients is how many client addresses a generation holds.
const maxClients = 50_000

func newLimiter(perSecond float64, burst int) *limiter {
	return &limiter{rate: rate.Limit(perSecond), burst: burst, cur: map[string]*rate.Limiter{}, prev: map[string]*rate.Limiter{},
		rotated: time.Now(), now: time.Now}
}

func (l *limiter) allow(addr string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.cur) >= maxClients || now.Sub(l.rotated) > time.Minute {
		l.prev, l.cur, l.rotated = l.cur, make(map[string]*rate.Limiter, len(l.cur)/2), now
	}
	lim, ok := l.cur[addr]
	if !ok {
		if lim, ok = l.prev[addr]; ok {
			delete(l.prev, addr)
		} else {
			lim = rate.NewLimiter(l.rate, l.burst)
		}
		l.cur[addr] = lim
	}
	return lim.AllowN(now, 1)
}

// clients is how many addresses the limiter remembers.
func (l *limiter) clients() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.cur) + len(l.prev)
}

func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// rateLimit answers 429 with Retry-After to a client over its rate (the
// API and the metrics; the page and its assets are not limited).
func (srv *server) rateLimit(c *gin.Context) {
	p := c.Request.URL.Path
	if srv.limit != nil && (strings.HasPrefix(p, "/api/") || p == "/metrics") && !srv.limit.allow(clientAddr(c.Request)) {
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
	if len(srv.opts.CORSOrigins) == 0 || !strings.HasPrefix(c.Request.URL.Path, "/api/") {
		c.Next()
		return
	}
	// with CORS on, every answer depends on the Origin, sent or not
	c.Writer.Header().Add("Vary", "Origin")
	origin := c.GetHeader("Origin")
	if origin == "" {
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

package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
)

func TestMetricsAndReady(t *testing.T) {
	h, _ := sampleHandler(t)
	for _, p := range []string{"/api/search?q=海关", "/api/search?q=", "/no/such"} {
		get(t, h, p)
	}
	rec, _ := get(t, h, "/metrics")
	body := rec.Body.String()
	for _, want := range []string{
		`bisearch_http_requests_total{route="/api/search",status="200"} 1`,
		`bisearch_http_requests_total{route="/api/search",status="400"} 1`,
		`bisearch_http_requests_total{route="unmatched",status="404"} 1`,
		`bisearch_http_request_duration_seconds_bucket{route="/api/search"`,
		"bisearch_index_units 36",
		"bisearch_index_documents 1",
		"process_resident_memory_bytes",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if rec, body := get(t, h, "/readyz"); rec.Code != 200 || body["status"] != "ready" {
		t.Errorf("/readyz = %d %v", rec.Code, body)
	}
	broken := New(&fake{err: context.DeadlineExceeded}, Options{})
	if rec, _ := get(t, broken, "/readyz"); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("/readyz on a failing index = %d, want 503", rec.Code)
	}
}

func TestRateLimit(t *testing.T) {
	h := New(&fake{res: &search.Result{}}, Options{RatePerSecond: 1, Burst: 2})
	do := func(addr string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/api/search?q=x", nil)
		req.RemoteAddr = addr
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	for i := 0; i < 2; i++ {
		if rec := do("10.0.0.1:1234"); rec.Code != 200 {
			t.Fatalf("request %d within the burst: %d", i, rec.Code)
		}
	}
	rec := do("10.0.0.1:1234")
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" {
		t.Errorf("over the rate: %d, Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
	}
	if rec := do("10.0.0.2:1234"); rec.Code != 200 {
		t.Errorf("another client was limited too: %d", rec.Code)
	}
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.RemoteAddr = "10.0.0.1:1234"
	page := httptest.NewRecorder()
	h.ServeHTTP(page, req)
	if page.Code != 200 {
		t.Errorf("the page is rate limited: %d", page.Code)
	}
}

func TestCORS(t *testing.T) {
	h := New(&fake{res: &search.Result{}}, Options{CORSOrigins: []string{"https://tm.example"}})
	do := func(method, origin string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, "/api/search?q=x", nil)
		req.Header.Set("Origin", origin)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	if rec := do(http.MethodGet, "https://tm.example"); rec.Header().Get("Access-Control-Allow-Origin") != "https://tm.example" {
		t.Errorf("allowed origin: headers %v", rec.Header())
	}
	if rec := do(http.MethodGet, "https://evil.example"); rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("other origin allowed: %v", rec.Header())
	}
	if rec := do(http.MethodOptions, "https://tm.example"); rec.Code != http.StatusNoContent || rec.Header().Get("Access-Control-Allow-Methods") == "" {
		t.Errorf("preflight: %d %v", rec.Code, rec.Header())
	}
	plain := New(&fake{res: &search.Result{}}, Options{})
	req := httptest.NewRequest(http.MethodGet, "/api/search?q=x", nil)
	req.Header.Set("Origin", "https://tm.example")
	rec := httptest.NewRecorder()
	plain.ServeHTTP(rec, req)
	if rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Error("CORS on without configured origins")
	}
}

// blocking is an Engine whose searches wait until released.
type blocking struct {
	fake
	started chan struct{}
	release chan struct{}
}

func (b *blocking) Search(ctx context.Context, req query.Request) (*search.Result, error) {
	b.started <- struct{}{}
	<-b.release
	return &search.Result{Request: req}, nil
}

func TestBoundedSearches(t *testing.T) {
	b := &blocking{started: make(chan struct{}, 1), release: make(chan struct{})}
	h := New(b, Options{MaxSearches: 1})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		get(t, h, "/api/search?q=a")
	}()
	select {
	case <-b.started:
	case <-time.After(5 * time.Second):
		t.Fatal("the first search did not start")
	}
	rec, body := get(t, h, "/api/search?q=b")
	e, _ := body["error"].(map[string]any)
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" || e["code"] != "busy" {
		t.Errorf("saturated: %d %v %v", rec.Code, rec.Header(), body)
	}
	close(b.release)
	wg.Wait()
}

func TestSecurity(t *testing.T) {
	h, _ := sampleHandler(t)
	rec, _ := get(t, h, "/")
	hd := rec.Header()
	csp := hd.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP allows inline code: %q", csp)
	}
	if hd.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no nosniff")
	}
	// the page itself has no inline script or style attribute to need it
	page := rec.Body.String()
	if strings.Contains(page, "<script>") || strings.Contains(page, " onclick=") || strings.Contains(page, "style=") {
		t.Error("the page carries inline script or style")
	}
	for _, p := range []string{"/static/../../go.mod", "/static/%2e%2e/%2e%2e/go.mod", "/api/docs/..%2F..%2Fgo.mod", "/api/docs/%2e%2e"} {
		rec, _ := get(t, h, p)
		if rec.Code == 200 && strings.Contains(rec.Body.String(), "module ") {
			t.Errorf("%s served a file outside the site", p)
		}
	}
	// the admin API stays off without a token
	req := httptest.NewRequest(http.MethodPost, "/api/admin/reload", strings.NewReader(strings.Repeat("x", 1<<20)))
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotFound {
		t.Errorf("admin API without a token: %d", rec.Code)
	}
	// metrics tell when the index was built
	rec, _ = get(t, h, "/metrics")
	if !strings.Contains(rec.Body.String(), "bisearch_index_built_timestamp_seconds") {
		t.Error("no build timestamp metric")
	}
}

package server

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestEveryAnswerHasTheHeaders: redirects, 431s, 404s and HEAD answers
// carry the security headers too.
func TestEveryAnswerHasTheHeaders(t *testing.T) {
	h, _ := sampleHandler(t)
	ts := httptest.NewServer(h)
	defer ts.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	check := func(name string, resp *http.Response, status int) {
		t.Helper()
		defer resp.Body.Close()
		if resp.StatusCode != status {
			t.Errorf("%s: %d, want %d", name, resp.StatusCode, status)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("%s: %d without the security headers: %v", name, resp.StatusCode, resp.Header)
		}
	}
	resp, err := client.Get(ts.URL + "/api/docs/")
	if err != nil {
		t.Fatal(err)
	}
	check("a trailing slash", resp, http.StatusMovedPermanently)
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/api/docs", nil)
	req.Header.Set("X-Big", strings.Repeat("x", 70<<10))
	resp, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	check("headers over 64 KB", resp, http.StatusRequestHeaderFieldsTooLarge)
	for path, status := range map[string]int{"/api/search?q=customs": 200, "/": 200, "/healthz": 200, "/nope": 404} {
		resp, err := client.Head(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		check("HEAD "+path, resp, status)
		if len(body) != 0 {
			t.Errorf("HEAD %s: a body of %d bytes", path, len(body))
		}
	}
	resp, err = client.Get(ts.URL + "/static/")
	if err != nil {
		t.Fatal(err)
	}
	if body, _ := io.ReadAll(resp.Body); resp.StatusCode != 404 || strings.Contains(string(body), "app.js") {
		t.Errorf("/static/ answered %d: %.80s", resp.StatusCode, body)
	}
	resp.Body.Close()
}

func TestCORSVaryAlways(t *testing.T) {
	h := New(&fake{res: emptyResult()}, Options{CORSOrigins: []string{"https://tm.example"}})
	for _, origin := range []string{"", "https://tm.example", "https://evil.example"} {
		req := httptest.NewRequest(http.MethodGet, "/api/search?q=x", nil)
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Header().Get("Vary") != "Origin" {
			t.Errorf("origin %q: Vary %q", origin, rec.Header().Get("Vary"))
		}
	}
}

func TestBadURLEncoding(t *testing.T) {
	h := New(&fake{res: emptyResult()}, Options{})
	rec, body := get(t, h, "/api/search?q=%zz")
	e, _ := body["error"].(map[string]any)
	if rec.Code != 400 || !strings.Contains(fmt.Sprint(e["message"]), "not valid URL encoding") {
		t.Errorf("q=%%zz: %d %v", rec.Code, body)
	}
}

func TestMetricsApart(t *testing.T) {
	h := New(&fake{res: emptyResult()}, Options{NoMetrics: true, RatePerSecond: 1, Burst: 1})
	if rec, _ := get(t, h, "/metrics"); rec.Code != 404 {
		t.Errorf("/metrics beside the API with NoMetrics: %d", rec.Code)
	}
	rec := httptest.NewRecorder()
	h.MetricsHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "bisearch_http_requests_total") {
		t.Errorf("the metrics listener: %d", rec.Code)
	}
	// beside the API, /metrics is rate-limited like it
	h2 := New(&fake{res: emptyResult()}, Options{RatePerSecond: 1, Burst: 1})
	get(t, h2, "/metrics")
	if rec, _ := get(t, h2, "/metrics"); rec.Code != http.StatusTooManyRequests {
		t.Errorf("a second /metrics at once: %d, want 429", rec.Code)
	}
}

// TestLimiterBounded: however many addresses call, the limiter remembers a
// bounded number, forgets idle ones, and keeps limiting a busy one.
func TestLimiterBounded(t *testing.T) {
	l := newLimiter(1, 1)
	now := time.Unix(0, 0)
	l.now = func() time.Time { return now }
	for i := 0; i < 3*maxClients; i++ {
		l.allow(fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255))
	}
	if n := l.clients(); n > 2*maxClients {
		t.Errorf("%d clients remembered, at most %d", n, 2*maxClients)
	}
	if !l.allow("192.0.2.1") || l.allow("192.0.2.1") {
		t.Error("a new client is not limited to its burst")
	}
	now = now.Add(3 * time.Minute)
	l.allow("192.0.2.2")
	now = now.Add(2 * time.Minute)
	l.allow("192.0.2.3")
	if n := l.clients(); n > 2 {
		t.Errorf("%d clients remembered after five idle minutes", n)
	}
}

func TestDocPaging(t *testing.T) {
	h, doc := sampleHandler(t)
	rec, _ := get(t, h, "/api/docs/"+doc.ID+"?from=10&size=5")
	var d DocJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &d); err != nil || rec.Code != 200 {
		t.Fatalf("%d %v", rec.Code, err)
	}
	if d.Total != len(doc.Units) || d.From != 10 || len(d.Units) != 5 || d.Units[0].Seq != 10 {
		t.Errorf("page: total %d from %d, %d units from %d", d.Total, d.From, len(d.Units), d.Units[0].Seq)
	}
	for _, q := range []string{"size=1001", "size=0", "from=-1", "from=x"} {
		if rec, _ := get(t, h, "/api/docs/"+doc.ID+"?"+q); rec.Code != 400 {
			t.Errorf("%s: %d", q, rec.Code)
		}
	}
	rec, _ = get(t, h, "/api/docs")
	if strings.Contains(rec.Body.String(), "/tmp") || strings.Contains(rec.Body.String(), `"source":"/`) {
		t.Errorf("/api/docs shows a server path: %s", rec.Body)
	}
}

// TestDeadlineCoversTheSearch: a search past its deadline answers 503 with
// Retry-After (never a late 200), and the metrics count the 503.
func TestDeadlineCoversTheSearch(t *testing.T) {
	h, _ := sampleHandler(t)
	srv := New(h.(*Handler).srv.e, Options{SearchTimeout: time.Nanosecond})
	rec, body := get(t, srv, "/api/search?q="+url.QueryEscape("知识产权")+"&translations=1&facets=1")
	e, _ := body["error"].(map[string]any)
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" || e["code"] != "timeout" {
		t.Errorf("past the deadline: %d %v", rec.Code, body)
	}
	rec, _ = get(t, srv, "/metrics")
	if !strings.Contains(rec.Body.String(), `bisearch_http_requests_total{route="/api/search",status="503"} 1`) {
		t.Errorf("the metrics do not count the 503")
	}
}

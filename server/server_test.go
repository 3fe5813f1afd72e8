package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
)

func TestSearchBadRequests(t *testing.T) {
	f := &fake{res: &search.Result{}}
	h := New(f, Options{})
	tests := []struct {
		name, query, code string
	}{
		{"missing q", "", "missing_query"},
		{"empty q", "q=", "missing_query"},
		{"blank q", "q=%20%20", "missing_query"},
		{"size too big", "q=a&size=1000", "bad_parameter"},
		{"size zero", "q=a&size=0", "bad_parameter"},
		{"size not a number", "q=a&size=x", "bad_parameter"},
		{"negative from", "q=a&from=-1", "bad_parameter"},
		{"huge from", "q=a&from=99999999999999999999", "bad_parameter"},
		{"bad lang", "q=a&lang=fr", "bad_parameter"},
		{"too long", "q=" + strings.Repeat("x", 1200), "query_too_long"},
		{"too long in characters", "q=" + url.QueryEscape(strings.Repeat("字", 1001)), "query_too_long"},
		{"invalid utf-8", "q=%ff%fe", "bad_parameter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, body := get(t, h, "/api/search?"+tt.query)
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("status %d, want 400: %s", rec.Code, rec.Body)
			}
			e, _ := body["error"].(map[string]any)
			if e["code"] != tt.code || e["message"] == "" || e["message"] == nil {
				t.Errorf("error = %v, want code %q and a message", e, tt.code)
			}
		})
	}
}

func TestSearchErrorsFromTheIndex(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		code   string
		msg    string
	}{
		{"bad query", fmt.Errorf("search: %w", &query.Error{Code: query.CodeBadQuery, Message: "nothing to search for"}), 400, "bad_query", "nothing to search for"},
		{"cluster down", fmt.Errorf("search: %w", search.ErrUnavailable), 503, "unavailable", "not available"},
		{"timeout", context.DeadlineExceeded, 503, "timeout", "took too long"},
		{"unexpected", errors.New("disk on fire at /var/secret"), 500, "internal", "internal error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := New(&fake{err: tt.err, res: &search.Result{}}, Options{})
			rec, body := get(t, h, "/api/search?q=x")
			e, _ := body["error"].(map[string]any)
			msg, _ := e["message"].(string)
			if rec.Code != tt.status || e["code"] != tt.code || !strings.Contains(msg, tt.msg) {
				t.Errorf("got %d %v, want %d %s %q", rec.Code, e, tt.status, tt.code, tt.msg)
			}
			if strings.Contains(rec.Body.String(), "secret") {
				t.Errorf("internal detail leaked: %s", rec.Body)
			}
		})
	}
}

func TestSearchPassesParameters(t *testing.T) {
	f := &fake{res: &search.Result{}}
	h := New(f, Options{})
	rec, body := get(t, h, "/api/search?q=%E6%B5%B7%E5%85%B3&lang=zh&doc=d1&from=20&size=5")
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	want := query.Request{Text: "海关", Lang: corpus.ZH, Doc: "d1", From: 20, Size: 5}
	if diff := cmp.Diff(want, f.got); diff != "" {
		t.Errorf("query (-want +got):\n%s", diff)
	}
	if hits, ok := body["hits"].([]any); !ok || len(hits) != 0 {
		t.Errorf("hits = %v, want an empty list (not null)", body["hits"])
	}
}

func TestDocsAndHealth(t *testing.T) {
	f := &fake{docs: []search.DocInfo{{ID: "d1", Title: "T", Units: 1, Aligned: 0}}}
	h := New(f, Options{})
	rec, body := get(t, h, "/healthz")
	if rec.Code != 200 || body["status"] != "ok" || body["docs"] != 1.0 || body["units"] != 1.0 {
		t.Errorf("/healthz = %d %v", rec.Code, body)
	}
	rec, body = get(t, h, "/api/docs/d1")
	if rec.Code != 200 || body["id"] != "d1" {
		t.Fatalf("/api/docs/d1 = %d %v", rec.Code, body)
	}
	u := body["units"].([]any)[0].(map[string]any)
	if u["zh"] != "海关" || u["en"] != nil {
		t.Errorf("unit = %v, want zh text and en null", u)
	}
	for _, p := range []string{"/api/docs/nope", "/api/docs/..%2f..%2fetc%2fpasswd", "/no/such/page"} {
		if rec, body := get(t, h, p); rec.Code != 404 || body["error"] == nil {
			t.Errorf("%s = %d %v, want a 404 with an error", p, rec.Code, body)
		}
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/api/search?q=x", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/search = %d, want 405", rec.Code)
	}
}

func TestPage(t *testing.T) {
	h := New(&fake{}, Options{})
	rec, _ := get(t, h, "/")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `<input id="q"`) {
		t.Fatalf("/ = %d, want the page with the search box", rec.Code)
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("CSP = %q", csp)
	}
	for _, p := range []string{"/static/app.js", "/static/style.css"} {
		if rec, _ := get(t, h, p); rec.Code != 200 || rec.Body.Len() == 0 {
			t.Errorf("%s = %d", p, rec.Code)
		}
	}
}

// TestAPIOnSample runs the real index of the sample corpus behind the API
// and checks the contract's shapes.
func TestAPIOnSample(t *testing.T) {
	h, doc := sampleHandler(t)
	rec, body := get(t, h, "/api/search?q="+url.QueryEscape("惩罚性赔偿"))
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var res SearchJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"query", "total", "took_ms", "hits"} {
		if _, ok := body[k]; !ok {
			t.Errorf("response lacks %q", k)
		}
	}
	if res.Total != 1 || len(res.Hits) != 1 {
		t.Fatalf("total %d, hits %d", res.Total, len(res.Hits))
	}
	hit := res.Hits[0]
	if hit.Doc.ID != doc.ID || hit.Doc.Title != doc.Title || hit.ID != corpus.UnitID(doc.ID, hit.Seq) {
		t.Errorf("hit ids = %+v", hit)
	}
	if !strings.Contains(hit.ZH.Highlight, "<mark>惩罚性赔偿</mark>") || !strings.Contains(hit.EN.Text, "punitive damages") {
		t.Errorf("hit sides = %+v / %+v", hit.ZH, hit.EN)
	}
	// a unit with no English carries "en": null
	rec, _ = get(t, h, "/api/search?q="+url.QueryEscape("乡村振兴"))
	var raw struct {
		Hits []map[string]json.RawMessage `json:"hits"`
	}
	json.Unmarshal(rec.Body.Bytes(), &raw)
	if len(raw.Hits) != 1 || string(raw.Hits[0]["en"]) != "null" {
		t.Errorf("乡村振兴 hit en = %s, want null", raw.Hits[0]["en"])
	}
	// hostile query text is escaped in highlights
	rec, _ = get(t, h, "/api/search?q="+url.QueryEscape(`<script>alert(1)</script>`))
	if rec.Code != 200 || strings.Contains(rec.Body.String(), "<script>") {
		t.Errorf("script query = %d %s", rec.Code, rec.Body)
	}
	rec, docs := get(t, h, "/api/docs")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"aligned":13`) {
		t.Errorf("/api/docs = %d %s %v", rec.Code, rec.Body, docs)
	}
}

func TestAdminReload(t *testing.T) {
	calls := 0
	reload := func() (bool, error) { calls++; return true, nil }
	do := func(h http.Handler, auth string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/api/admin/reload", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	off := New(&fake{}, Options{Reload: reload})
	if rec := do(off, "Bearer x"); rec.Code != http.StatusNotFound {
		t.Errorf("without a token the admin API answered %d, want 404", rec.Code)
	}
	on := New(&fake{}, Options{Reload: reload, AdminToken: "s3cret"})
	for _, auth := range []string{"", "Bearer wrong", "s3cret", "Basic s3cret"} {
		if rec := do(on, auth); rec.Code != http.StatusUnauthorized {
			t.Errorf("Authorization %q answered %d, want 401", auth, rec.Code)
		}
	}
	if calls != 0 {
		t.Fatalf("reload ran %d times without the token", calls)
	}
	rec := do(on, "Bearer s3cret")
	if rec.Code != 200 || calls != 1 || !strings.Contains(rec.Body.String(), `"reloaded":true`) {
		t.Errorf("with the token: %d %s, %d calls", rec.Code, rec.Body, calls)
	}
}

// TestAboutAndNotices: the home page's counts and examples, each of which
// finds something; a stop word alone says why it finds nothing.
func TestAboutAndNotices(t *testing.T) {
	h, doc := sampleHandler(t)
	rec, _ := get(t, h, "/api/about")
	var about AboutJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &about); err != nil {
		t.Fatal(err)
	}
	if about.Docs != 1 || about.Units != len(doc.Units) || about.Aligned != doc.Aligned() || len(about.Examples) < 4 {
		t.Fatalf("about = %+v", about)
	}
	for _, q := range about.Examples {
		_, body := get(t, h, "/api/search?q="+url.QueryEscape(q))
		if body["total"] == 0.0 {
			t.Errorf("example %q finds nothing", q)
		}
	}
	_, body := get(t, h, "/api/search?q=the")
	notices, _ := body["notices"].([]any)
	if body["total"] != 0.0 || len(notices) != 1 || !strings.Contains(notices[0].(string), "not indexed") {
		t.Errorf("the: %v", body)
	}
	_, body = get(t, h, "/api/search?q=customs")
	if notices, _ := body["notices"].([]any); len(notices) != 0 {
		t.Errorf("customs: notices %v", notices)
	}
}

func emptyResult() *search.Result { return &search.Result{} }

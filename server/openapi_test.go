package server

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// TestOpenAPI checks the OpenAPI document and every kind of real response
// of the API against it.
func TestOpenAPI(t *testing.T) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	doc.Servers = openapi3.Servers{{URL: "http://example.test"}}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the OpenAPI document is invalid: %v", err)
	}
	// the export's files are checked as text (their own tests read them)
	for _, ct := range []string{"text/tab-separated-values", "text/csv", "application/jsonl", "application/x-tmx+xml"} {
		openapi3filter.RegisterBodyDecoder(ct, openapi3filter.FileBodyDecoder)
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	h, _ := sampleHandler(t)
	token := New(&fake{}, Options{AdminToken: "t", Reload: func() (bool, error) { return true, nil }})
	tests := []struct {
		handler      http.Handler
		method, path string
		auth         string
		status       int
	}{
		{h, "GET", "/api/search?q=" + url.QueryEscape("惩罚性赔偿"), "", 200},
		{h, "GET", "/api/search?q=" + url.QueryEscape("乡村振兴"), "", 200}, // en: null
		{h, "GET", "/api/search?q=protectoin", "", 200},                 // suggestions
		{h, "GET", "/api/search?q=" + url.QueryEscape(`"unclosed`), "", 400},
		{h, "GET", "/api/search?q=x&size=1000", "", 400},
		{h, "GET", "/api/search?q=" + url.QueryEscape("知识产权") + "&facets=1&sort=doc", "", 200},
		{h, "GET", "/api/suggest?q=" + url.QueryEscape("知识"), "", 200},
		{h, "GET", "/api/suggest?q=prot&n=5", "", 200},
		{h, "GET", "/api/docs", "", 200},
		{h, "GET", "/api/about", "", 200},
		{h, "GET", "/api/search?q=the", "", 200}, // notices
		{h, "GET", "/api/search?q=" + url.QueryEscape("知识产权") + "&translations=1", "", 200},
		{h, "GET", "/api/search?q=" + url.QueryEscape("知识产权") + "&translations=1&as=-", "", 200},
		{h, "GET", "/api/search?q=" + url.QueryEscape("知识产权") + "&facets=1&translated=no", "", 200},
		{h, "GET", "/api/concordance?q=" + url.QueryEscape("知识产权") + "&sort=left&facets=1", "", 200},
		{h, "GET", "/api/concordance?q=" + url.QueryEscape("知识产权") + "&sort=sideways", "", 400},
		{h, "GET", "/api/similar?q=" + url.QueryEscape("全省共有62件知识产权案件适用惩罚性赔偿严惩侵权"), "", 200},
		{h, "GET", "/api/similar?q=" + url.QueryEscape("Customs protection of IPR in Guangdong"), "", 200},
		{h, "GET", "/api/similar?q=", "", 400},
		{h, "GET", "/api/similar?q=x&min=101", "", 400},
		{h, "GET", "/api/export?q=" + url.QueryEscape("知识产权") + "&format=jsonl", "", 200},
		{h, "GET", "/api/export?q=" + url.QueryEscape("知识产权") + "&format=tsv&pairs=sentence&limit=3", "", 200},
		{h, "GET", "/api/export?q=x&format=xls", "", 400},
		{h, "GET", "/api/export?q=" + url.QueryEscape("知识产权") + "&format=csv", "", 200},
		{h, "GET", "/api/export?q=" + url.QueryEscape("知识产权") + "&format=tmx", "", 200},
		{h, "GET", "/api/docs/guangdong-ipr-2023", "", 200},
		{h, "GET", "/api/docs/nope", "", 404},
		{h, "GET", "/healthz", "", 200},
		{h, "GET", "/readyz", "", 200},
		{h, "GET", "/metrics", "", 200},
		{h, "GET", "/api/openapi.json", "", 200},
		{token, "POST", "/api/admin/reload", "Bearer t", 200},
		{token, "POST", "/api/admin/reload", "Bearer wrong", 401},
	}
	// the check can fail: a body without hits does not pass
	vreq := httptest.NewRequest("GET", "http://example.test/api/search?q=x", nil)
	route, params, _ := router.FindRoute(vreq)
	bad := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route},
		Status:                 200,
		Header:                 http.Header{"Content-Type": {"application/json"}},
		Body:                   io.NopCloser(bytes.NewReader([]byte(`{"query":"x","total":0}`))),
	}
	if err := openapi3filter.ValidateResponse(context.Background(), bad); err == nil {
		t.Fatal("a response without hits passed the check")
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			rec := httptest.NewRecorder()
			tt.handler.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			vreq := httptest.NewRequest(tt.method, "http://example.test"+tt.path, nil)
			route, params, err := router.FindRoute(vreq)
			if err != nil {
				t.Fatalf("no route in the OpenAPI document: %v", err)
			}
			in := &openapi3filter.ResponseValidationInput{
				RequestValidationInput: &openapi3filter.RequestValidationInput{
					Request: vreq, PathParams: params, Route: route,
					Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
				},
				Status:  rec.Code,
				Header:  rec.Header(),
				Body:    io.NopCloser(bytes.NewReader(rec.Body.Bytes())),
				Options: &openapi3filter.Options{IncludeResponseStatus: true},
			}
			if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
				t.Errorf("the response does not match the document: %v", err)
			}
		})
	}
}

package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// FuzzSearchAPI sends arbitrary parameters to /api/search over the real
// sample index: the answer is always 200 or 400 with a JSON body, never a
// 5xx or a panic.
func FuzzSearchAPI(f *testing.F) {
	for _, s := range []string{`惩罚性赔偿`, `"unclosed`, `zh:保护 -en:protection`, `a OR`, `*`, `ab*`, "\x00\xff", `-`, `doc:`, "知識產權 ＷＩＰＯ"} {
		f.Add(s, "", "0", "10")
	}
	f.Add("x", "fr", "-1", "1000")
	f.Add("x", "zh", "99999999999999999999", "")
	fuzzHandler, _ := sampleHandler(f)
	f.Fuzz(func(t *testing.T, q, lang, from, size string) {
		v := url.Values{"q": {q}, "lang": {lang}, "from": {from}, "size": {size}}
		rec := httptest.NewRecorder()
		fuzzHandler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/search?"+v.Encode(), nil))
		if rec.Code != 200 && rec.Code != 400 {
			t.Fatalf("q=%q lang=%q from=%q size=%q: status %d: %s", q, lang, from, size, rec.Code, rec.Body)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("invalid JSON: %s", rec.Body)
		}
	})
}

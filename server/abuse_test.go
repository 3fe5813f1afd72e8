package server

import (
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// hostile returns a random request target of the kind abusers and broken
// clients send: huge, binary and oddly encoded queries, unbalanced quotes,
// lone operators, wild parameters, unknown paths.
func hostile(rng *rand.Rand) (method, target string) {
	pieces := []string{`"`, `*`, `-`, `OR`, `zh:`, `en:`, `doc:`, `知识产权`, `customs`, `(`, `)`, `\`, `%`, `\x00`, `ab*`,
		`"punitive damages`, `知識產權`, `ＷＩＰＯ`, `1,926`, `<script>alert(1)</script>`, `' OR 1=1 --`, `../../etc/passwd`, "\u202e", "\ufeff"}
	var q strings.Builder
	switch rng.Intn(6) {
	case 0: // huge
		n := 900 + rng.Intn(3000)
		for q.Len() < n {
			q.WriteString(pieces[rng.Intn(len(pieces))])
		}
	case 1: // binary
		b := make([]byte, rng.Intn(200))
		rng.Read(b)
		q.Write(b)
	default:
		for i := rng.Intn(8); i >= 0; i-- {
			q.WriteString(pieces[rng.Intn(len(pieces))])
			if rng.Intn(2) == 0 {
				q.WriteByte(' ')
			}
		}
	}
	v := url.Values{"q": {q.String()}}
	nums := []string{"", "0", "-1", "5", "100", "101", "99999999999999999999", "1e3", "x", "10000", "9990"}
	if rng.Intn(2) == 0 {
		v.Set("from", nums[rng.Intn(len(nums))])
	}
	if rng.Intn(2) == 0 {
		v.Set("size", nums[rng.Intn(len(nums))])
	}
	if rng.Intn(3) == 0 {
		v.Set("lang", []string{"zh", "en", "fr", "", "ZH", "\xff"}[rng.Intn(6)])
	}
	if rng.Intn(4) == 0 {
		v.Set("doc", []string{"guangdong-ipr-2023", "../x", "", "%00"}[rng.Intn(4)])
	}
	if rng.Intn(3) == 0 {
		v.Set("sort", []string{"left", "right", "match", "doc", "relevance", "x", ""}[rng.Intn(7)])
	}
	if rng.Intn(4) == 0 {
		v.Set("format", []string{"tsv", "csv", "jsonl", "tmx", "xls", ""}[rng.Intn(6)])
		v.Set("limit", nums[rng.Intn(len(nums))])
	}
	if rng.Intn(4) == 0 {
		v.Set("min", nums[rng.Intn(len(nums))])
	}
	if rng.Intn(5) == 0 {
		v.Set("as", q.String())
	}
	enc := v.Encode()
	if rng.Intn(10) == 0 {
		enc = "q=%ff%fe%" + fmt.Sprint(rng.Intn(100)) // broken percent-encoding
	}
	switch rng.Intn(20) {
	case 4:
		return http.MethodGet, "/api/concordance?" + enc
	case 5:
		return http.MethodGet, "/api/similar?" + enc
	case 6:
		return http.MethodGet, "/api/export?" + enc
	case 0:
		return http.MethodGet, "/api/docs/" + url.PathEscape(q.String())
	case 1:
		return http.MethodPost, "/api/search?" + enc
	case 2:
		return http.MethodGet, "/static/../../" + url.PathEscape(q.String())
	case 3:
		return http.MethodGet, "/api/docs"
	}
	return http.MethodGet, "/api/search?" + enc
}

// TestAbuse sends random and hostile requests to the API over the real
// sample index — 100,000 with BISEARCH_LONG_TESTS=1 (CI sets it), 5,000
// otherwise: none may get a 5xx or panic the server.
func TestAbuse(t *testing.T) {
	n := 5_000
	if longTests() {
		n = 100_000
	}
	h, _ := sampleHandler(t)
	workers := runtime.GOMAXPROCS(0)
	var mu sync.Mutex
	statuses := map[int]int{}
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(seed int64) {
			defer wg.Done()
			rng := rand.New(rand.NewSource(seed))
			local := map[int]int{}
			for i := 0; i < n/workers; i++ {
				method, target := hostile(rng)
				req := httptest.NewRequest(method, "/", nil)
				if u, err := url.ParseRequestURI(target); err == nil {
					req.URL = u
					req.RequestURI = target
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				local[rec.Code]++
				if rec.Code >= 500 && rec.Code != http.StatusServiceUnavailable {
					t.Errorf("%s %q: %d %s", method, target, rec.Code, rec.Body)
					return
				}
			}
			mu.Lock()
			for k, v := range local {
				statuses[k] += v
			}
			mu.Unlock()
		}(int64(w + 1))
	}
	wg.Wait()
	t.Logf("%d hostile requests in %v: statuses %v", n, time.Since(start).Round(time.Millisecond), statuses)
	if statuses[http.StatusServiceUnavailable] > 0 {
		t.Errorf("%d requests got 503 (busy or timeout) with only %d clients", statuses[http.StatusServiceUnavailable], workers)
	}
}

package server

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"sort"
	"sync"
	"testing"
	"time"
)

// TestLoad holds a steady request rate against the server on loopback with
// a mix of real queries: no request may fail, and the heap must stay flat.
// A search turned away with 503 "busy" and Retry-After is the server
// shedding load on a machine shared with other work (the test packages run
// side by side): counted apart, it fails the test only past a quarter of
// the requests.
// It runs 60 s with BISEARCH_LONG_TESTS=1 (CI sets it), 3 s otherwise;
// BISEARCH_LOAD_SECONDS sets another length.
func TestLoad(t *testing.T) {
	seconds := 3
	if longTests() {
		seconds = 60
	}
	if s := os.Getenv("BISEARCH_LOAD_SECONDS"); s != "" {
		d, err := time.ParseDuration(s + "s")
		if err != nil {
			t.Fatal(err)
		}
		seconds = int(d.Seconds())
	}
	const rate = 200 // requests per second
	h, _ := sampleHandler(t)
	ts := httptest.NewServer(h)
	defer ts.Close()
	queries := []string{"知识产权", "惩罚性赔偿", "customs", `"Greater Bay Area"`, "海关 2023", "protect*", "知識產權", "zh:保护 -en:IPR", "湾区", "WIPO 仲裁"}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var (
		mu        sync.Mutex
		latencies []time.Duration
		failures  int
		shed      int
		lastErr   string
		early     uint64
	)
	tick := time.NewTicker(time.Second / rate)
	defer tick.Stop()
	end := time.Now().Add(time.Duration(seconds) * time.Second)
	earlyAt := time.Now().Add(time.Duration(seconds) * time.Second / 6)
	var wg sync.WaitGroup
	sent := 0
	for now := range tick.C {
		if now.After(end) {
			break
		}
		if early == 0 && now.After(earlyAt) {
			early = heap()
		}
		q := queries[sent%len(queries)]
		sent++
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			resp, err := client.Get(ts.URL + "/api/search?q=" + url.QueryEscape(q))
			took := time.Since(start)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				failures++
				lastErr = err.Error()
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") != "" {
				shed++
				return
			}
			if resp.StatusCode != 200 {
				failures++
				lastErr = resp.Status
				return
			}
			latencies = append(latencies, took)
		}()
	}
	wg.Wait()
	late := heap()
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	pct := func(p float64) time.Duration {
		if len(latencies) == 0 {
			return 0
		}
		return latencies[int(p*float64(len(latencies)-1))]
	}
	t.Logf("%d requests in %d s at %d/s: %d failed, %d turned away busy; latency p50 %v p99 %v max %v; heap %.1f MB after %d s, %.1f MB at the end",
		sent, seconds, rate, failures, shed, pct(0.5), pct(0.99), pct(1), float64(early)/1e6, seconds/6, float64(late)/1e6)
	if failures > 0 {
		t.Errorf("%d requests failed (last: %s)", failures, lastErr)
	}
	if shed*4 > sent {
		t.Errorf("%d of %d requests turned away busy", shed, sent)
	}
	if early > 0 && late > early*3/2+10<<20 {
		t.Errorf("heap grew from %.1f MB to %.1f MB under a steady load", float64(early)/1e6, float64(late)/1e6)
	}
}

package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestServeBuildsSampleAndShutsDown(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-index", dir}, &out, io.Discard) }()
	addr := regexp.MustCompile(`http://(127\.0\.0\.1:[0-9]+)`)
	var base string
	for deadline := time.Now().Add(60 * time.Second); base == ""; {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			base = "http://" + m[1]
			break
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v", err)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("serve printed no address")
		}
	}
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	var h struct {
		Status      string
		Docs, Units int
	}
	json.NewDecoder(resp.Body).Decode(&h)
	resp.Body.Close()
	if h.Status != "ok" || h.Docs != 1 || h.Units != 36 {
		t.Errorf("/healthz = %+v", h)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v on shutdown", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not shut down")
	}
}

// TestReloadWithoutDowntime runs queries continuously while `bisearch index`
// builds another corpus into the served directory: the server picks the new
// index up by itself and no request fails.
func TestReloadWithoutDowntime(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if _, _, err := runCmd(t, "index", "-index", dir); err != nil {
		t.Fatal(err)
	}
	base, stop := startServe(t, "-index", dir, "-watch", "100ms", "-rate", "0")
	defer stop()
	if n := healthUnits(t, base); n != 36 {
		t.Fatalf("serving %d units, want the sample's 36", n)
	}
	var (
		mu       sync.Mutex
		ok, fail int
		lastErr  string
	)
	quit := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-quit:
					return
				default:
				}
				resp, err := http.Get(base + "/api/search?q=" + url.QueryEscape("海关"))
				mu.Lock()
				if err != nil || resp.StatusCode != 200 {
					fail++
					if err != nil {
						lastErr = err.Error()
					} else {
						lastErr = resp.Status
					}
				} else {
					ok++
				}
				mu.Unlock()
				if resp != nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}
		}()
	}
	time.Sleep(200 * time.Millisecond)
	src := filepath.Join(t.TempDir(), "terms.tsv")
	os.WriteFile(src, []byte("海关\tcustoms\n知识产权\tintellectual property\n"), 0o644)
	if _, _, err := runCmd(t, "index", "-index", dir, "-corpus", src); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for healthUnits(t, base) != 2 {
		if time.Now().After(deadline) {
			t.Fatal("the server did not pick up the new index")
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	close(quit)
	wg.Wait()
	if fail > 0 || ok == 0 {
		t.Errorf("%d queries failed (last: %s), %d succeeded", fail, lastErr, ok)
	}
	t.Logf("%d queries across the swap, none failed", ok)
}

// TestReloadOnRequest: with -watch 0 a new index goes into service on SIGHUP
// or on POST /api/admin/reload with the admin token.
func TestReloadOnRequest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if _, _, err := runCmd(t, "index", "-index", dir); err != nil {
		t.Fatal(err)
	}
	t.Setenv("BISEARCH_ADMIN_TOKEN", "test-token")
	base, stop := startServe(t, "-index", dir, "-watch", "0")
	defer stop()
	build := func(content string) {
		src := filepath.Join(t.TempDir(), "c.tsv")
		os.WriteFile(src, []byte(content), 0o644)
		if _, _, err := runCmd(t, "index", "-index", dir, "-corpus", src); err != nil {
			t.Fatal(err)
		}
	}
	build("海关\tcustoms\n")
	time.Sleep(300 * time.Millisecond)
	if n := healthUnits(t, base); n != 36 {
		t.Fatalf("with -watch 0 the index changed by itself (%d units)", n)
	}
	req, _ := http.NewRequest(http.MethodPost, base+"/api/admin/reload", nil)
	req.Header.Set("Authorization", "Bearer test-token")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || healthUnits(t, base) != 1 {
		t.Fatalf("admin reload: %s, %d units", resp.Status, healthUnits(t, base))
	}
	build("海关\tcustoms\n专利\tpatent\n乡村\tvillage\n")
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for healthUnits(t, base) != 3 {
		if time.Now().After(deadline) {
			t.Fatal("SIGHUP did not reload the index")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

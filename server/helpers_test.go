package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/indexer"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
)

// The server tests' helpers: a fake engine, the sample served, requests,
// a headless browser.

// longTests reports whether the long runs are asked for
// (BISEARCH_LONG_TESTS=1; CI sets it): the 60 s load test and the 100,000
// hostile requests.
func longTests() bool { return os.Getenv("BISEARCH_LONG_TESTS") == "1" }

// fake is an Engine that records the request, checks it as every engine
// does, and answers what it is told.
type fake struct {
	mu   sync.Mutex
	got  query.Request
	res  *search.Result
	err  error
	docs []search.DocInfo
}

func (f *fake) Search(_ context.Context, req query.Request) (*search.Result, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, err := req.Validate(); err != nil {
		return nil, err
	}
	f.got = req
	if f.err != nil {
		return nil, f.err
	}
	res := *f.res
	res.Request = req
	return &res, nil
}

func (f *fake) Docs() []search.DocInfo { return f.docs }

func (f *fake) Doc(_ context.Context, id string, from, size int) (search.DocInfo, []search.Unit, error) {
	for _, d := range f.docs {
		if d.ID == id {
			return d, []search.Unit{{ID: id + "/0", Doc: id, Unit: corpus.Unit{Seq: 0, ZH: "海关"}}}, nil
		}
	}
	return search.DocInfo{}, nil, search.ErrNotFound
}

func (f *fake) Counts() (int, int) { return len(f.docs), 1 }

func (f *fake) Complete(_ context.Context, prefix string, n int) ([]string, error) {
	return []string{prefix + "x"}, nil
}

func (f *fake) Ready(context.Context) error { return f.err }

func (f *fake) Use(context.Context, func(search.Backend) error) error {
	if f.err != nil {
		return f.err
	}
	return errors.New("the fake engine has no index")
}

func get(t *testing.T, h http.Handler, target string) (*httptest.ResponseRecorder, map[string]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	var body map[string]any
	if strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		var v any
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
			t.Fatalf("%s: invalid JSON %q: %v", target, rec.Body.String(), err)
		}
		body, _ = v.(map[string]any)
	}
	return rec, body
}

func sampleHandler(tb testing.TB) (http.Handler, *corpus.Doc) {
	tb.Helper()
	doc, err := corpus.Sample()
	if err != nil {
		tb.Fatal(err)
	}
	dir := filepath.Join(tb.TempDir(), "index")
	if _, err := indexer.Build(context.Background(), dir, []*corpus.Doc{doc}, nil); err != nil {
		tb.Fatal(err)
	}
	ix, err := indexer.Open(dir)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	return New(ix, Options{}), doc
}

// chromium finds a Chromium binary, or "" when there is none.
func chromium() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// screenshotDir is where the browser test saves what it saw.
func screenshotDir(tb testing.TB) string {
	dir := os.Getenv("BISEARCH_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("..", "testdata", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// saveShot saves a screenshot of the browser's page under name in the
// screenshots folder.
func saveShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(screenshotDir(t), name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// newBrowser starts headless Chromium for a test.
func newBrowser(t *testing.T, bin string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel3)
	return ctx
}

// page is a test's browser tab with what every browser test does in it.
type page struct {
	t   *testing.T
	ctx context.Context
}

// openPage starts headless Chromium for a test.
func openPage(t *testing.T, bin string) *page { return &page{t, newBrowser(t, bin)} }

// save saves a screenshot of the tab under name.
func (p *page) save(name string) { p.t.Helper(); saveShot(p.t, p.ctx, name) }

// do runs actions in the tab, failing the test on an error.
func (p *page) do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, steps...); err != nil {
		p.t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression of string value in the tab.
func (p *page) eval(js string) string {
	p.t.Helper()
	s, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		p.t.Fatalf("%s: %v", js, err)
	}
	return s
}

// waitFor polls the tab until a JavaScript expression is true.
func (p *page) waitFor(js string) {
	p.t.Helper()
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool](js)); err != nil {
		p.t.Fatalf("waiting for %s: %v", js, err)
	}
}

// needChromium returns the Chromium binary or skips (fails under CI=true).
func needChromium(t *testing.T) string {
	t.Helper()
	bin := chromium()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("Chromium is not installed; CI must run the browser test (apt-get install chromium)")
		}
		t.Skip("Chromium not found: install it (apt-get install chromium) to run the browser test")
	}
	return bin
}

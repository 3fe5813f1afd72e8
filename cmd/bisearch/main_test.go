package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/indexer"
)

// runCmd runs the command line in-process and returns its output.
func runCmd(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	err = run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), err
}

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}

func samplePath(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), corpus.SampleName)
	if err := os.WriteFile(p, corpus.SampleText(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestIndexAndSearch(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	out, _, err := runCmd(t, "index", "-index", dir)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^indexed 1 document, 36 units \(13 aligned pairs\), 0\.03 MB of text in [0-9.]+s into `).MatchString(out) {
		t.Errorf("summary = %q", out)
	}
	out, _, err = runCmd(t, "search", "-index", dir, "-json", "惩罚性赔偿")
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			ZH struct{ Highlight string } `json:"zh"`
			EN struct{ Text string }      `json:"en"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search -json printed %q: %v", out, err)
	}
	if res.Total != 1 || !strings.Contains(res.Hits[0].ZH.Highlight, "<mark>惩罚性赔偿</mark>") || !strings.Contains(res.Hits[0].EN.Text, "punitive damages") {
		t.Errorf("search -json = %+v", res)
	}
	out, _, err = runCmd(t, "search", "-index", dir, "-lang", "en", "customs")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "[customs]") && !strings.Contains(out, "[Customs]") {
		t.Errorf("plain search output lacks the bracketed match:\n%s", out)
	}
	// re-indexing over an existing index swaps it
	p := filepath.Join(t.TempDir(), "terms.tsv")
	os.WriteFile(p, []byte("海关\tcustoms\n"), 0o644)
	if _, _, err := runCmd(t, "index", "-index", dir, "-corpus", p); err != nil {
		t.Fatal(err)
	}
	out, _, _ = runCmd(t, "search", "-index", dir, "-json", "惩罚性赔偿")
	if !strings.Contains(out, `"total": 0`) {
		t.Errorf("after re-indexing another corpus the old text is still found: %s", out)
	}
}

func TestIndexReportsBadFiles(t *testing.T) {
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "good.tsv"), []byte("海关\tcustoms\n"), 0o644)
	os.WriteFile(filepath.Join(src, "bad.tsv"), []byte("海关\tcustoms\n没有制表符\n"), 0o644)
	dir := filepath.Join(t.TempDir(), "index")
	out, errOut, err := runCmd(t, "index", "-index", dir, "-corpus", src)
	if exitCode(err) != 3 {
		t.Errorf("exit %d (%v), want 3", exitCode(err), err)
	}
	if !strings.Contains(errOut, "bad.tsv:2: no tab") || !strings.Contains(out, "1 document,") {
		t.Errorf("stdout %q stderr %q", out, errOut)
	}
	// only bad files: nothing is built and an existing index is untouched
	only := t.TempDir()
	os.WriteFile(filepath.Join(only, "bad.jsonl"), []byte("{"), 0o644)
	if _, _, err := runCmd(t, "index", "-index", dir, "-corpus", only); err == nil {
		t.Error("indexing only bad files succeeded")
	}
	out, _, _ = runCmd(t, "search", "-index", dir, "-json", "海关")
	if !strings.Contains(out, `"total": 1`) {
		t.Errorf("the index was damaged by a failed build: %s", out)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"nope"}, {"search", "-index", t.TempDir()}, {"align"}, {"align", "-format", "xml", "x"}, {"index", "-bogus"}} {
		if _, _, err := runCmd(t, args...); exitCode(err) != 2 {
			t.Errorf("%v: exit %d (%v), want 2", args, exitCode(err), err)
		}
	}
	_, _, err := runCmd(t, "search", "-index", filepath.Join(t.TempDir(), "none"), "x")
	if err == nil || !strings.Contains(err.Error(), "bisearch index") {
		t.Errorf("search without an index: %v", err)
	}
}

func TestAlign(t *testing.T) {
	p := samplePath(t)
	out, _, err := runCmd(t, "align", "-format", "json", p)
	if err != nil {
		t.Fatal(err)
	}
	var units []corpus.AlignedRecord
	if err := json.Unmarshal([]byte(out), &units); err != nil {
		t.Fatal(err)
	}
	paired := 0
	for _, u := range units {
		if u.Doc != "guangdong-ipr-2023" {
			t.Fatalf("doc = %q", u.Doc)
		}
		if u.ZH != nil && u.EN != nil {
			paired++
		}
	}
	if len(units) != 36 || paired != 13 {
		t.Errorf("%d units, %d paired; want 36 and 13", len(units), paired)
	}
	out, _, err = runCmd(t, "align", p)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out, "\n"); n != 36 {
		t.Errorf("tsv has %d lines, want 36", n)
	}
	out, _, err = runCmd(t, "align", "-format", "tmx", p)
	if err != nil {
		t.Fatal(err)
	}
	var tmx struct {
		TUs []struct {
			TUVs []struct {
				Lang string `xml:"lang,attr"`
				Seg  string `xml:"seg"`
			} `xml:"tuv"`
		} `xml:"body>tu"`
	}
	if err := xml.Unmarshal([]byte(out), &tmx); err != nil {
		t.Fatalf("tmx does not parse: %v", err)
	}
	if len(tmx.TUs) != 36 || len(tmx.TUs[1].TUVs) != 2 || !strings.HasPrefix(tmx.TUs[1].TUVs[1].Seg, "In 2023, Guangdong") {
		t.Errorf("tmx = %d units, second %+v", len(tmx.TUs), tmx.TUs[1])
	}
}

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

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

// TestAlignRoundTrip exports the sample's alignment, reads the export back
// and exports it again: JSON and TMX come back unchanged, and so does TSV
// (the sample has no multi-paragraph units); the export indexes and searches.
func TestAlignRoundTrip(t *testing.T) {
	p := samplePath(t)
	for _, format := range []string{"json", "tmx", "tsv"} {
		t.Run(format, func(t *testing.T) {
			first, _, err := runCmd(t, "align", "-format", format, p)
			if err != nil {
				t.Fatal(err)
			}
			export := filepath.Join(t.TempDir(), "guangdong-ipr-2023."+format)
			if err := os.WriteFile(export, []byte(first), 0o644); err != nil {
				t.Fatal(err)
			}
			second, _, err := runCmd(t, "align", "-format", format, export)
			if err != nil {
				t.Fatal(err)
			}
			if first != second {
				t.Errorf("the export changed on the way back:\n%s", firstDiff(first, second))
			}
			dir := filepath.Join(t.TempDir(), "index")
			if _, _, err := runCmd(t, "index", "-index", dir, "-corpus", export); err != nil {
				t.Fatal(err)
			}
			out, _, err := runCmd(t, "search", "-index", dir, "-json", "惩罚性赔偿")
			if err != nil || !strings.Contains(out, `"total": 1`) || !strings.Contains(out, "punitive damages") {
				t.Errorf("searching the re-indexed export: %v %s", err, out)
			}
		})
	}
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return "line " + strconv.Itoa(i+1) + ":\n  " + la[i] + "\n  " + lb[i]
		}
	}
	return "lengths differ"
}

// startServe runs `bisearch serve` in-process and returns its base URL and a
// stop function that waits for it to end.
func startServe(t *testing.T, args ...string) (string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, append([]string{"serve", "-addr", "127.0.0.1:0"}, args...), &out, io.Discard) }()
	addr := regexp.MustCompile(`http://(127\.0\.0\.1:[0-9]+)`)
	deadline := time.Now().Add(60 * time.Second)
	for {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			return "http://" + m[1], func() {
				cancel()
				select {
				case err := <-done:
					if err != nil {
						t.Errorf("serve: %v", err)
					}
				case <-time.After(20 * time.Second):
					t.Error("serve did not stop")
				}
			}
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v", err)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("serve printed no address")
		}
	}
}

func healthUnits(t *testing.T, base string) int {
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var h struct{ Units int }
	json.NewDecoder(resp.Body).Decode(&h)
	return h.Units
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

func TestIndexStrict(t *testing.T) {
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "a-good.tsv"), []byte("海关\tcustoms\n"), 0o644)
	os.WriteFile(filepath.Join(src, "b-bad.tsv"), []byte("没有制表符\n"), 0o644)
	dir := filepath.Join(t.TempDir(), "index")
	_, _, err := runCmd(t, "index", "-index", dir, "-strict", "-corpus", src)
	if exitCode(err) != 3 || !strings.Contains(err.Error(), "b-bad.tsv:1: no tab") {
		t.Errorf("-strict: exit %d, %v", exitCode(err), err)
	}
	if indexer.Exists(dir) {
		t.Error("-strict indexed something despite the bad file")
	}
}

func TestIncrementalIndex(t *testing.T) {
	src := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(src, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.tsv", "苹果\tapple\n")
	write("b.tsv", "香蕉\tbanana\n")
	write("c.zh.txt", "海关执法。\n")
	write("c.en.txt", "Customs enforcement.\n")
	dir := filepath.Join(t.TempDir(), "index")
	out, _, err := runCmd(t, "index", "-index", dir, "-corpus", src)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "3 files added, 0 updated, 0 unchanged, 0 removed") {
		t.Errorf("first run: %s", out)
	}
	write("b.tsv", "香蕉\tbanana\n樱桃\tcherry\n")
	os.Remove(filepath.Join(src, "a.tsv"))
	write("d.tsv", "葡萄\tgrape\n")
	out, _, err = runCmd(t, "index", "-index", dir, "-corpus", src)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "1 files added, 1 updated, 1 unchanged, 1 removed") {
		t.Errorf("second run: %s", out)
	}
	ix, err := indexer.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range ix.Docs() {
		ids = append(ids, d.ID)
	}
	ix.Close()
	if strings.Join(ids, ",") != "b,c,d" {
		t.Errorf("documents %v, want b,c,d", ids)
	}
	for q, want := range map[string]string{"cherry": `"total": 1`, "apple": `"total": 0`, "customs": `"total": 1`, "grape": `"total": 1`} {
		out, _, err := runCmd(t, "search", "-index", dir, "-json", q)
		if err != nil || !strings.Contains(out, want) {
			t.Errorf("%s: %v, want %s", q, err, want)
		}
	}
	// the unchanged pair kept its sentence alignment and reading aids
	out, _, _ = runCmd(t, "search", "-index", dir, "-json", "海关")
	if !strings.Contains(out, `class=\"al\"`) {
		t.Errorf("the unchanged document lost its sentence alignment: %s", out)
	}
	out, _, err = runCmd(t, "index", "-index", dir, "-full", "-corpus", src)
	if err != nil || !strings.Contains(out, "3 files added") {
		t.Errorf("-full: %v %s", err, out)
	}
}

// TestNamedFilesPaired: NAME.zh.txt and NAME.en.txt make one aligned
// document however they reach the program; a lone half gets a note naming
// the missing file.
func TestNamedFilesPaired(t *testing.T) {
	dir := t.TempDir()
	zh := filepath.Join(dir, "law.zh.txt")
	en := filepath.Join(dir, "law.en.txt")
	os.WriteFile(zh, []byte("第一条 为了保护知识产权，制定本法。\n第二条 本法适用于全国。\n"), 0o644)
	os.WriteFile(en, []byte("Article 1 This Law is enacted to protect intellectual property.\nArticle 2 This Law applies nationwide.\n"), 0o644)
	for _, args := range [][]string{{"align", zh, en}, {"align", en, zh}, {"align", dir}, {"align", zh}} {
		out, stderr, err := runCmd(t, args...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 2 || strings.HasPrefix(lines[0], "\t") || strings.HasSuffix(lines[0], "\t") {
			t.Errorf("%v: %q, want two aligned pairs", args[1:], out)
		}
		if stderr != "" {
			t.Errorf("%v: %s", args[1:], stderr)
		}
	}
	idx := filepath.Join(t.TempDir(), "index")
	out, _, err := runCmd(t, "index", "-index", idx, "-corpus", zh, "-corpus", en)
	if err != nil || !strings.Contains(out, "1 document, 2 units (2 aligned pairs)") {
		t.Errorf("index of the two named files: %v %s", err, out)
	}
	lone := filepath.Join(t.TempDir(), "memo.zh.txt")
	os.WriteFile(lone, []byte("海关执法。\n"), 0o644)
	out, stderr, err := runCmd(t, "align", lone)
	if err != nil || !strings.Contains(stderr, "note: "+lone+": no memo.en.txt beside it") || !strings.Contains(out, "海关执法") {
		t.Errorf("a lone half: %v %q %q", err, out, stderr)
	}
}

// TestIndexLocked: while a build holds the index directory, another index
// run exits 1 naming the process (the index stays what the first makes);
// with -wait it waits for it.
func TestIndexLocked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	unlock, err := indexer.Lock(context.Background(), dir, false)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = runCmd(t, "index", "-index", dir)
	if exitCode(err) != 1 || err == nil || !strings.Contains(err.Error(), "process "+strconv.Itoa(os.Getpid())) {
		t.Errorf("index while locked: exit %d, %v", exitCode(err), err)
	}
	if indexer.Exists(dir) {
		t.Error("the refused run built an index")
	}
	done := make(chan error, 1)
	go func() { _, _, err := runCmd(t, "index", "-index", dir, "-wait"); done <- err }()
	time.Sleep(300 * time.Millisecond)
	select {
	case err := <-done:
		t.Fatalf("-wait returned while the lock was held: %v", err)
	default:
	}
	unlock()
	select {
	case err := <-done:
		if err != nil || !indexer.Exists(dir) {
			t.Errorf("-wait after the lock was freed: %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("-wait did not build once the lock was free")
	}
}

// TestCommandLineDetails: the small things a newcomer meets on the command
// line.
func TestCommandLineDetails(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if _, _, err := runCmd(t, "index", "-index", dir); err != nil {
		t.Fatal(err)
	}
	// a misspelt word gets the corpus's spelling, as on the page
	out, _, err := runCmd(t, "search", "-index", dir, "protectoin")
	if err != nil || !strings.Contains(out, "No paragraph contains \"protectoin\"") || !strings.Contains(out, "Try: protection") {
		t.Errorf("search protectoin: %v %q", err, out)
	}
	// a bad value is a usage error (2), said once, without a stray line
	_, stderr, err := runCmd(t, "search", "-index", dir, "-lang", "fr", "x")
	if exitCode(err) != 2 || !strings.Contains(stderr, "lang must be zh or en") || !errors.Is(err, errUsageShown) {
		t.Errorf("-lang fr: exit %d %v %q", exitCode(err), err, stderr)
	}
	// too long a query says the limit in words
	_, _, err = runCmd(t, "search", "-index", dir, strings.Repeat("字", 1001))
	if err == nil || !strings.Contains(err.Error(), "the query is too long: 1001 characters, and a query may have at most 1000") {
		t.Errorf("too long: %v", err)
	}
	// logs: JSON when not on a terminal, -log wins
	c, err := parseServe(nil, io.Discard)
	if err != nil || c.logFormat != "json" {
		t.Errorf("log format off a terminal: %v %q", err, c.logFormat)
	}
	if c, err := parseServe([]string{"-log", "text"}, io.Discard); err != nil || c.logFormat != "text" {
		t.Errorf("-log text: %v", err)
	}
	// a long first build logs its progress
	var buf bytes.Buffer
	p := progressLog(slog.New(slog.NewTextHandler(&buf, nil)), 0)
	p(5000, 0)
	p(10000, 40000)
	if !strings.Contains(buf.String(), "units=5000") || !strings.Contains(buf.String(), "of=40000") {
		t.Errorf("progress log: %q", buf.String())
	}
}

// TestPrintable: what a file name or a corpus holds cannot forge lines or
// drive the terminal.
func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"plain 中文":              "plain 中文",
		"a\nskipped b.tsv":      `a\nskipped b.tsv`,
		"\x1b[2J\x1b[31mred":    `\x1b[2J\x1b[31mred`,
		"tab\there\u202eevil":   `tab\there\u202eevil`,
		"bell\x07 and \x7f del": `bell\x07 and \x7f del`,
	} {
		if got := printable(in); got != want {
			t.Errorf("printable(%q) = %q, want %q", in, got, want)
		}
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "evil\nskipped forged.tsv")
	if err := os.WriteFile(bad, []byte("no tab here\n"), 0o644); err != nil {
		t.Skip("the file system takes no line break in a name")
	}
	_, stderr, _ := runCmd(t, "index", "-index", filepath.Join(t.TempDir(), "index"), "-corpus", dir)
	if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, `evil\nskipped forged.tsv`) {
		t.Errorf("the skipped line: %q", stderr)
	}
}

// TestInterrupted: a signal while a big file is read and aligned stops the
// run at once; the index in place stays.
func TestInterrupted(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if _, _, err := runCmd(t, "index", "-index", dir); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "big.txt")
	var b strings.Builder
	for i := 0; b.Len() < 3<<20; i++ {
		fmt.Fprintf(&b, "第%d条 为了保护知识产权，促进创新，制定本法。\nArticle %d This Law is enacted to protect intellectual property and promote innovation.\n", i, i)
	}
	os.WriteFile(src, []byte(b.String()), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(500*time.Millisecond, cancel)
	start := time.Now()
	err := run(ctx, []string{"index", "-index", dir, "-corpus", src}, io.Discard, io.Discard)
	took := time.Since(start)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("interrupted run: %v", err)
	}
	if took > 10*time.Second {
		t.Errorf("the run took %v to stop after the signal", took)
	}
	out, _, _ := runCmd(t, "search", "-index", dir, "-json", "惩罚性赔偿")
	if !strings.Contains(out, `"total": 1`) {
		t.Errorf("the index in place changed: %.200s", out)
	}
}

// TestDamagedIndexMessage: a damaged index gives one clear message, not
// the libraries' own log lines before it.
func TestDamagedIndexMessage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if _, _, err := runCmd(t, "index", "-index", dir); err != nil {
		t.Fatal(err)
	}
	segs, _ := filepath.Glob(filepath.Join(dir, "shard-0", "store", "*.zap"))
	if len(segs) == 0 {
		t.Fatal("no segment to damage")
	}
	os.Truncate(segs[0], 100)
	// bleve logs what it finds to the standard logger…
	var logged bytes.Buffer
	log.SetOutput(&logged)
	defer log.SetOutput(os.Stderr)
	if ix, err := indexer.Open(dir); err == nil {
		ix.Close()
	}
	if logged.Len() == 0 {
		t.Log("bleve logged nothing for this damage")
	}
	// …which the commands silence, saying only what is wrong
	_, stderr, err := runCmd(t, "search", "-index", dir, "海关")
	if err == nil || !strings.Contains(err.Error(), "bisearch index") || stderr != "" {
		t.Errorf("search on a damaged index: %v %q", err, stderr)
	}
	if log.Writer() != io.Discard {
		t.Error("the standard logger still prints after a command")
	}
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bisearch/bisearch/indexer"
)

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
		// nothing but the summary of the one document
		if !strings.HasPrefix(stderr, "law: lines read as paragraphs") || strings.Count(stderr, "\n") != 1 {
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

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/indexer"
)

// TestIndexSurvivesKill kills `bisearch index` with SIGKILL at several
// moments of a rebuild: every time, the index in the directory opens and is
// whole (the old one or the new one, never a mix or nothing), and a last run
// succeeds and leaves no half-built directories behind.
func TestIndexSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and a larger corpus")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "bisearch")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// a corpus that takes a while: the sample's pairs, numbered, many times
	doc, err := corpus.Sample()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	lines := 0
	for k := 0; lines < 1500; k++ {
		for _, u := range doc.Units {
			if u.Paired() {
				fmt.Fprintf(&b, "%s（%d）\t%s (%d)\n", u.ZH, k, u.EN, k)
				lines++
			}
		}
	}
	src := filepath.Join(tmp, "big.tsv")
	os.WriteFile(src, []byte(b.String()), 0o644)
	dir := filepath.Join(tmp, "index")
	if out, err := exec.Command(bin, "index", "-index", dir).CombinedOutput(); err != nil {
		t.Fatalf("first index: %v\n%s", err, out)
	}
	check := func(when string) int {
		t.Helper()
		ix, err := indexer.Open(dir)
		if err != nil {
			t.Fatalf("after a kill %s the index does not open: %v", when, err)
		}
		defer ix.Close()
		_, units := ix.Counts()
		if units != 36 && units != lines {
			t.Fatalf("after a kill %s the index has %d units, want 36 or %d", when, units, lines)
		}
		return units
	}
	// how long a whole run takes, then kills spread over that time, the
	// last ones close to the swap at its end
	start := time.Now()
	if out, err := exec.Command(bin, "index", "-index", dir, "-corpus", src).CombinedOutput(); err != nil {
		t.Fatalf("timing run: %v\n%s", err, out)
	}
	full := time.Since(start)
	check("(none: a whole run)")
	if out, err := exec.Command(bin, "index", "-index", dir).CombinedOutput(); err != nil {
		t.Fatalf("back to the sample: %v\n%s", err, out)
	}
	t.Logf("a whole run takes %v", full)
	for _, f := range []float64{0.05, 0.3, 0.6, 0.85, 0.95, 0.98, 1.0, 1.05} {
		d := time.Duration(float64(full) * f)
		cmd := exec.Command(bin, "index", "-index", dir, "-corpus", src)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(d)
		cmd.Process.Kill() // SIGKILL
		cmd.Wait()
		units := check(d.String())
		t.Logf("killed after %v: the index holds %d units", d, units)
	}
	if out, err := exec.Command(bin, "index", "-index", dir, "-corpus", src).CombinedOutput(); err != nil {
		t.Fatalf("the run after the kills failed: %v\n%s", err, out)
	}
	if units := check("and a full run"); units != lines {
		t.Errorf("after a full run the index has %d units, want %d", units, lines)
	}
	left, _ := filepath.Glob(dir + ".*")
	if len(left) == 1 && left[0] == dir+".lock" {
		left = nil // the build lock's file stays; the lock went with the process
	}
	if len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

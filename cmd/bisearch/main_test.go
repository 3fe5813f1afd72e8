package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bisearch/bisearch/ingest"
)

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

// TestProgressLines checks the progress a build writes to a log or a pipe:
// a line every so often, with the total when it is known, none for a short
// build.
func TestProgressLines(t *testing.T) {
	var b strings.Builder
	p := progressLines(&b, 0)
	p(500, 2000)
	p(1500, 0)
	p(2000, ingest.Finishing)
	want := []string{"indexing: 500 of 2000 units (", "indexing: 1500 units ("}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != len(want)+1 {
		t.Fatalf("progress:\n%s", b.String())
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) || !strings.HasSuffix(lines[i], " a second)") {
			t.Errorf("line %d: %q, want %q… a second)", i, lines[i], w)
		}
	}
	// the last, when every unit is in: the merge that follows writes nothing
	if last := lines[len(want)]; !strings.HasPrefix(last, "indexing: all 2000 units in after ") || !strings.Contains(last, "finishing the index") {
		t.Errorf("the line when every unit is in: %q", last)
	}
	b.Reset()
	p = progressLines(&b, time.Hour)
	p(10, 20)
	p(20, ingest.Finishing)
	if b.Len() != 0 {
		t.Errorf("a short build wrote progress: %q", b.String())
	}
}

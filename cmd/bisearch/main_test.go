package main

import (
	"path/filepath"
	"strings"
	"testing"
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

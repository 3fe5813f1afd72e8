package main

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

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

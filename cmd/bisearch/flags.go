package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/bisearch/bisearch/corpus"
)

// multi is a flag that may be given several times.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("bisearch "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// linesFlag is -lines: what the lines of a document hold, for the aligner
// (corpus.SetLines).
type linesFlag struct{}

func (linesFlag) String() string {
	if g := corpus.Lines(); g != corpus.LinesAuto {
		return string(g)
	}
	return "auto"
}

func (linesFlag) Set(v string) error {
	switch g := corpus.Granularity(v); g {
	case "auto":
		corpus.SetLines(corpus.LinesAuto)
	case corpus.LinesParagraphs, corpus.LinesSentences:
		corpus.SetLines(g)
	default:
		return fmt.Errorf("want auto, paragraph or sentence")
	}
	return nil
}

// addLines adds -lines to a command that reads documents (auto unless the
// command line says otherwise).
func addLines(fs *flag.FlagSet) {
	corpus.SetLines(corpus.LinesAuto)
	fs.Var(linesFlag{}, "lines", "what a line of a plain-text document holds, for alignment: paragraph, sentence (one sentence a line: 1–3, 3–1, 2–2, 1–4 and 4–1 pairs) or auto (told from the lines, each side on its own: one side's sentences may pair with the other's paragraphs)")
}

var errHelp = errors.New("help")

// parse parses flags; -h is errHelp (the command then does nothing), a bad
// flag is a usage error.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return usageError()
	}
	return nil
}

// badUsage prints a usage message and returns the usage exit status.
func badUsage(stderr io.Writer, cmd, format string, args ...any) error {
	fmt.Fprintf(stderr, "bisearch %s: %s\n", cmd, fmt.Sprintf(format, args...))
	return usageError()
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// plural is "1 unit", "2 units".
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// printable escapes the control characters of s (line breaks, escape
// sequences, …) as \n, \x1b, …, so text from a file name or a corpus cannot
// forge lines or drive the terminal.
func printable(s string) string {
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !isControl(r) {
			b.WriteRune(r)
			continue
		}
		switch r {
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x100 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		}
	}
	return b.String()
}

func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}

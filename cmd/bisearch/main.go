// Command bisearch is the bilingual (Chinese–English) search service:
//
//	bisearch serve   runs the web page and JSON API over an index
//	bisearch index   builds an index from files and folders (batch re-index)
//	bisearch search  queries an index from the terminal (hits, a concordance, an export)
//	bisearch similar finds the translated segments most like a sentence
//	bisearch align   prints the aligned units of documents without indexing
//
// It only wires the corpus, ingest, engine and server packages together:
// flags and environment, logging, signals, one file per command.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"syscall"
)

const usage = `bisearch — bilingual Chinese–English search

Usage:
  bisearch serve  [-addr 127.0.0.1:8080] [-index DIR] [-corpus PATH]...
  bisearch index  [-index DIR] [-corpus PATH]...
  bisearch search [-index DIR] [-json] [-lang zh|en] [-doc ID] [-n 10] QUERY
  bisearch search -kwic [-sort doc|left|right|match] QUERY     a concordance
  bisearch search -format tsv|csv|jsonl|tmx [-pairs sentence] QUERY > FILE
  bisearch similar [-n 5] [-min 50] SENTENCE                    fuzzy matches
  bisearch align  [-format tsv|json|tmx] FILE|FOLDER...

Without -corpus the embedded sample corpus is used. Environment:
  BISEARCH_INDEX  default for -index (else ./data/index)
  BISEARCH_ADDR   default for -addr  (else 127.0.0.1:8080)

Run 'bisearch COMMAND -h' for a command's flags.
`

// exitError carries an exit status other than 1.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// errUsageShown ends a command whose usage message has been printed already.
var errUsageShown = errors.New("usage shown")

// usageError is exit status 2 after a message already printed.
func usageError() error { return &exitError{2, errUsageShown} }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		switch {
		case errors.Is(err, errUsageShown):
		case errors.Is(err, context.Canceled):
			fmt.Fprintln(os.Stderr, "bisearch: interrupted; the index in place is unchanged")
		default:
			fmt.Fprintln(os.Stderr, "bisearch:", err)
		}
		var ee *exitError
		if errors.As(err, &ee) {
			os.Exit(ee.code)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	// the libraries' own log lines (bleve on a damaged segment) would come
	// before the clear message a command prints; serve logs them
	log.SetOutput(io.Discard)
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usageError()
	}
	switch args[0] {
	case "serve":
		return cmdServe(ctx, args[1:], stdout, stderr)
	case "index":
		return cmdIndex(ctx, args[1:], stdout, stderr)
	case "search":
		return cmdSearch(ctx, args[1:], stdout, stderr)
	case "similar":
		return cmdSimilar(ctx, args[1:], stdout, stderr)
	case "align":
		return cmdAlign(ctx, args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "bisearch: unknown command %q\n\n%s", args[0], usage)
	return usageError()
}

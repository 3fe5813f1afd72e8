package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/ingest"
	"github.com/bisearch/bisearch/search"
)

// problemLine is how a file problem is shown: skipped, or a note.
func problemLine(p corpus.Problem) string {
	if p.Warn {
		return "note: " + printable(p.Err.Error())
	}
	return "skipped " + printable(p.Err.Error())
}

// sampleSource is the embedded sample corpus as a build's source.
func sampleSource() (ingest.Source, error) {
	d, err := corpus.Sample()
	if err != nil {
		return ingest.Source{}, fmt.Errorf("read sample corpus: %w", err)
	}
	return ingest.Docs([]*corpus.Doc{d}), nil
}

// progressBar draws a bar on a terminal, and nothing elsewhere.
func progressBar(w io.Writer) ingest.Progress {
	if !isTerminal(w) {
		return progressLines(w, progressEvery)
	}
	start := time.Now()
	return func(done, total int) {
		if total == ingest.Finishing {
			fmt.Fprintf(w, "\n%s\n", finishing(done, time.Since(start)))
			return
		}
		if total == 0 {
			fmt.Fprintf(w, "\rindexing: %d units", done)
			return
		}
		const width = 30
		filled := min(width, done*width/total)
		fmt.Fprintf(w, "\rindexing [%s%s] %d/%d units", strings.Repeat("#", filled), strings.Repeat(".", width-filled), done, total)
		if done == total {
			fmt.Fprintln(w)
		}
	}
}

// progressEvery is how often a long build says how far it is when its
// output is not a terminal.
const progressEvery = 10 * time.Second

// progressLines writes a line on the progress of a build every so often
// (a log or a pipe has no progress bar); a short build writes none.
func progressLines(w io.Writer, every time.Duration) ingest.Progress {
	start := time.Now()
	last := start
	return func(done, total int) {
		if total == ingest.Finishing {
			if time.Since(start) >= every {
				fmt.Fprintln(w, finishing(done, time.Since(start)))
			}
			return
		}
		if time.Since(last) < every {
			return
		}
		last = time.Now()
		rate := float64(done) / time.Since(start).Seconds()
		if total > 0 {
			fmt.Fprintf(w, "indexing: %d of %d units (%.0f a second)\n", done, total, rate)
			return
		}
		fmt.Fprintf(w, "indexing: %d units (%.0f a second)\n", done, rate)
	}
}

// finishing says that every unit is in and the index is being finished.
func finishing(done int, took time.Duration) string {
	return fmt.Sprintf("indexing: all %d units in after %.0fs; finishing the index (on the embedded engine bleve merges each shard's segments into one: about a quarter of a large build)", done, took.Seconds())
}

// progressLog logs the progress of a build every few seconds.
func progressLog(log *slog.Logger, every time.Duration) ingest.Progress {
	last := time.Now()
	return func(done, total int) {
		if total == ingest.Finishing {
			log.Info("indexing: all units in; finishing the index", "units", done)
			return
		}
		if time.Since(last) < every {
			return
		}
		last = time.Now()
		if total > 0 {
			log.Info("indexing", "units", done, "of", total)
		} else {
			log.Info("indexing", "units", done)
		}
	}
}

func summary(st ingest.Stats, dir string, skipped int) string {
	s := fmt.Sprintf("indexed %s, %s (%s), %.2f MB of text in %.1fs into %s",
		plural(st.Docs, "document", "documents"), plural(st.Units, "unit", "units"), plural(st.Aligned, "aligned pair", "aligned pairs"),
		float64(st.Bytes)/1e6, st.Took.Seconds(), dir)
	if skipped > 0 {
		s += "; " + plural(skipped, "file", "files") + " skipped"
	}
	return s
}

// buildRun is one build of an index from files (or the sample).
type buildRun struct {
	eng      *engineFlags
	paths    []string
	full     bool // read every file, even unchanged ones
	strict   bool // stop at the first file that cannot be read
	wait     bool // wait for another build of the same directory
	progress ingest.Progress
	problem  func(corpus.Problem)
}

// run builds the index and returns its statistics, the files skipped and
// what changed against the index it replaced (nil for the sample).
func (b buildRun) run(ctx context.Context) (ingest.Stats, int, *ingest.Changes, error) {
	unlock, err := b.eng.lock(ctx, b.wait)
	if err != nil {
		return ingest.Stats{}, 0, nil, err
	}
	defer unlock()
	where := b.eng.where()
	if len(b.paths) == 0 {
		src, err := sampleSource()
		if err != nil {
			return ingest.Stats{}, 0, nil, err
		}
		st, err := b.eng.build(ctx, src, b.progress)
		if err != nil {
			return st, 0, nil, fmt.Errorf("build index %s: %w", where, err)
		}
		return st, 0, nil, nil
	}
	var stored ingest.Stored
	if !b.full {
		old, closeOld, err := b.eng.openOld(ctx)
		switch {
		case err == nil:
			stored = old
			defer closeOld()
		case errors.Is(err, search.ErrNoIndex):
		case b.eng.onCluster() && !errors.Is(err, search.ErrIncompatible):
			return ingest.Stats{}, 0, nil, err
		default:
			b.problem(corpus.Problem{Path: where, Err: fmt.Errorf("the index at %s cannot be reused (%v): reading every file", where, err), Warn: true})
		}
	}
	skipped := 0
	src, ch, err := ingest.Files(ctx, b.paths, stored, b.strict, func(p corpus.Problem) {
		if !p.Warn {
			skipped++
		}
		b.problem(p)
	})
	if err != nil {
		return ingest.Stats{}, 0, ch, err
	}
	st, err := b.eng.build(ctx, src, b.progress)
	if err != nil {
		var p corpus.Problem
		switch {
		case errors.As(err, &p):
			return st, skipped, ch, &exitError{3, fmt.Errorf("-strict: %v (nothing was indexed)", p.Err)}
		case errors.Is(err, ingest.ErrNoDocuments):
			return st, skipped, ch, fmt.Errorf("no documents found in %s (readable: %s); the index at %s is unchanged", strings.Join(b.paths, ", "), corpus.Extensions, where)
		}
		return st, skipped, ch, fmt.Errorf("build index %s: %w", where, err)
	}
	return st, skipped, ch, nil
}

// indexConfig is what `bisearch index` is told.
type indexConfig struct {
	eng                engineFlags
	paths              []string
	strict, full, wait bool
}

func parseIndex(args []string, stderr io.Writer) (*indexConfig, error) {
	fs := newFlags("index", stderr)
	c := &indexConfig{}
	c.eng.register(fs, true)
	var paths multi
	fs.Var(&paths, "corpus", "file or folder to index (repeatable; default: the embedded sample)")
	fs.BoolVar(&c.strict, "strict", false, "stop at the first file that cannot be read, indexing nothing (exit status 3)")
	fs.BoolVar(&c.full, "full", false, "read every file again, even those unchanged since the index was built")
	addLines(fs)
	fs.BoolVar(&c.wait, "wait", false, "when another build is writing the same index, wait for it rather than exit")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	c.paths = append(paths, fs.Args()...)
	return c, nil
}

// buildMemory has the garbage collector keep a build's heap within half
// again its live data (Go's default lets it grow to twice): the live data of a
// build is bounded (dictionaries, counters, chunks in flight), and so is its
// resident memory, lower, for a few percent more collection work. GOGC in the
// environment decides instead.
func buildMemory() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
}

func cmdIndex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseIndex(args, stderr)
	if err != nil {
		if err == errHelp {
			return nil
		}
		return err
	}
	b := buildRun{eng: &c.eng, paths: c.paths, full: c.full, strict: c.strict, wait: c.wait, progress: progressBar(stderr),
		problem: func(p corpus.Problem) { fmt.Fprintln(stderr, problemLine(p)) }}
	buildMemory()
	st, skipped, ch, err := b.run(ctx)
	if err != nil {
		return err
	}
	line := summary(st, c.eng.where(), skipped)
	if ch != nil {
		line += "; " + ch.String()
	}
	fmt.Fprintln(stdout, line)
	if skipped > 0 {
		return &exitError{3, fmt.Errorf("%s could not be read (listed above); the rest were indexed", plural(skipped, "file", "files"))}
	}
	return nil
}

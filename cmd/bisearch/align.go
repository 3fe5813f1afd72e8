package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/bisearch/bisearch/corpus"
)

func cmdAlign(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("align", stderr)
	addLines(fs)
	format := fs.String("format", "tsv", "output format: tsv, json or tmx")
	if err := parse(fs, args); err != nil {
		if err == errHelp {
			return nil
		}
		return err
	}
	switch *format {
	case "tsv", "json", "tmx":
	default:
		return badUsage(stderr, "align", "-format must be tsv, json or tmx, not %q", *format)
	}
	if fs.NArg() == 0 {
		return badUsage(stderr, "align", "name the files or folders to align")
	}
	docs, problems, err := corpus.Load(ctx, fs.Args()...)
	if err != nil {
		return err
	}
	skipped := 0
	for _, p := range problems {
		fmt.Fprintln(stderr, problemLine(p))
		if !p.Warn {
			skipped++
		}
	}
	if len(docs) == 0 {
		return fmt.Errorf("no documents found in %s (readable: %s)", strings.Join(fs.Args(), ", "), corpus.Extensions)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	switch *format {
	case "json":
		err = corpus.WriteAlignedJSON(stdout, docs)
	case "tmx":
		err = corpus.WriteTMX(stdout, docs)
	default:
		if isTerminal(stdout) {
			for _, d := range docs {
				for i := range d.Units {
					d.Units[i].ZH, d.Units[i].EN = printable(d.Units[i].ZH), printable(d.Units[i].EN)
				}
			}
		}
		err = corpus.WriteTSV(stdout, docs)
	}
	if err != nil {
		return err
	}
	if skipped > 0 {
		return &exitError{3, fmt.Errorf("%s could not be read (listed above)", plural(skipped, "file", "files"))}
	}
	return nil
}

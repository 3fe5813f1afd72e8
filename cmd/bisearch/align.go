package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/search"
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
	printSummaries(stderr, docs)
	if skipped > 0 {
		return &exitError{3, fmt.Errorf("%s could not be read (listed above)", plural(skipped, "file", "files"))}
	}
	return nil
}

// printSummaries writes the summary of each document the aligner aligned.
func printSummaries(w io.Writer, docs []*corpus.Doc) {
	for _, d := range docs {
		if line := alignSummary(d); line != "" {
			fmt.Fprintln(w, line)
		}
	}
}

// alignSummary says how a document the aligner aligned came out: how it
// read the lines (and the flag that reads them the other way), its pairs,
// how many of them are uncertain, and the paragraphs left unpaired. A
// document that came aligned (TMX, TSV …) has none.
func alignSummary(d *corpus.Doc) string {
	if d.Lines == "" {
		return ""
	}
	pairs, low, zh, en := 0, 0, 0, 0
	for _, u := range d.Units {
		switch {
		case u.Paired():
			pairs++
			if u.Score < search.LowConfidence {
				low++
			}
		case u.ZH != "":
			zh++
		default:
			en++
		}
	}
	var read string
	switch d.Lines {
	case corpus.LinesSentences:
		read = "lines read as sentences (-lines paragraph reads them as paragraphs)"
	case corpus.LinesSentencesZH:
		read = "Chinese lines read as sentences, English as paragraphs (-lines reads both alike)"
	case corpus.LinesSentencesEN:
		read = "English lines read as sentences, Chinese as paragraphs (-lines reads both alike)"
	default:
		read = "lines read as paragraphs (-lines sentence reads them as sentences)"
	}
	return fmt.Sprintf("%s: %s: %s, %d uncertain (confidence below %.1f); %d Chinese and %d English lines unpaired",
		d.ID, read, plural(pairs, "pair", "pairs"), low, search.LowConfidence, zh, en)
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
	"github.com/bisearch/bisearch/server"
)

// cmdSimilar looks a sentence up in the memory: the translated segments
// most like it, with their match percentage and what differs.
func cmdSimilar(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("similar", stderr)
	var eng engineFlags
	eng.register(fs, false)
	asJSON := fs.Bool("json", false, "print the API's JSON")
	lang := fs.String("lang", "", "the sentence's language, zh or en (default: told by its script)")
	doc := fs.String("doc", "", "look in one document only")
	n := fs.Int("n", search.DefaultSimilar, "number of matches")
	minPct := fs.Int("min", search.DefaultSimilarMin, "the lowest match percentage shown")
	if err := parse(fs, args); err != nil {
		if err == errHelp {
			return nil
		}
		return err
	}
	text := strings.Join(fs.Args(), " ")
	req := search.SimilarRequest{Text: text, Lang: corpus.Lang(*lang), Doc: *doc, Size: *n, Min: *minPct}
	if err := req.Validate(); err != nil {
		var qe *query.Error
		if errors.As(err, &qe) && qe.Code != query.CodeQueryTooLong {
			msg := strings.NewReplacer("size must", "-n must", "min must", "-min must", "lang must", "-lang must").Replace(qe.Message)
			return badUsage(stderr, "similar", "%s", msg)
		}
		return err
	}
	ix, err := eng.openSearcher(ctx)
	if err != nil {
		return err
	}
	defer ix.Close()
	var res *search.Similar
	err = ix.Use(ctx, func(b search.Backend) (err error) {
		res, err = search.SimilarTo(ctx, b, req)
		return err
	})
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(stdout, server.SimilarToJSON(res))
	}
	printSimilar(stdout, res, isTerminal(stdout) && os.Getenv("NO_COLOR") == "")
	return nil
}

// printSimilar shows fuzzy matches, the best first: the percentage, the
// segment with what differs from the sentence marked, its translation.
func printSimilar(w io.Writer, s *search.Similar, color bool) {
	took := float64(s.Took.Microseconds()) / 1000
	if len(s.Matches) == 0 {
		fmt.Fprintf(w, "No translated segment is %d %% or more like it (%d compared, %.1f ms).\n", s.Request.Min, s.Candidates, took)
		return
	}
	fmt.Fprintf(w, "%s at %d %% or more (%d compared, %.1f ms)\n", plural(len(s.Matches), "match", "matches"), s.Request.Min, s.Candidates, took)
	for _, m := range s.Matches {
		fmt.Fprintf(w, "\n%3d%%  %s  %s\n", m.Percent, m.ID, printable(m.DocTitle))
		fmt.Fprintf(w, "  %s: %s\n", m.Lang, marked(m.Source.Text, m.Source.Spans, color))
		other := corpus.EN
		if m.Lang == corpus.EN {
			other = corpus.ZH
		}
		switch {
		case m.Target == nil:
			fmt.Fprintf(w, "  %s: (no translation of this sentence)\n", other)
		default:
			note := ""
			if m.Paragraph {
				note = " (the whole paragraph)"
			}
			if m.Score < search.LowConfidence {
				note += fmt.Sprintf(" (alignment uncertain: %.2f)", m.Score)
			}
			fmt.Fprintf(w, "  %s: %s%s\n", other, printable(m.Target.Text), note)
		}
	}
}

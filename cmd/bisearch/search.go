package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/highlight"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
	"github.com/bisearch/bisearch/server"
)

func cmdSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("search", stderr)
	var eng engineFlags
	eng.register(fs, false)
	asJSON := fs.Bool("json", false, "print the API's JSON")
	lang := fs.String("lang", "", "match on one side only: zh or en")
	doc := fs.String("doc", "", "search one document")
	n := fs.Int("n", 10, "number of results")
	from := fs.Int("from", 0, "skip this many results")
	as := fs.String("as", "", `for a query of one term: only the hits where it is translated by these words ("-": translated otherwise)`)
	if err := parse(fs, args); err != nil {
		if err == errHelp {
			return nil
		}
		return err
	}
	text := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(text) == "" {
		return badUsage(stderr, "search", "give a query, e.g. bisearch search 知识产权")
	}
	req := query.Request{Text: text, Lang: corpus.Lang(*lang), Doc: *doc, Size: *n, From: *from, Translations: true, As: *as}
	if _, err := req.Validate(); err != nil {
		var qe *query.Error
		if errors.As(err, &qe) && qe.Code == query.CodeBadParameter {
			return badUsage(stderr, "search", "%s", qe.Message)
		}
		return err
	}
	ix, err := eng.openSearcher(ctx)
	if err != nil {
		if errors.Is(err, search.ErrNoIndex) && !eng.onCluster() {
			return fmt.Errorf("%w: build one first with `bisearch index -index %s`", err, eng.dir)
		}
		return err
	}
	defer ix.Close()
	res, err := ix.Search(ctx, req)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(server.ResultJSON(res))
	}
	printResult(stdout, res, isTerminal(stdout) && os.Getenv("NO_COLOR") == "")
	return nil
}

// printResult shows a result for people: the count, then each hit with its
// matches marked, or what to try instead when nothing matched.
func printResult(w io.Writer, res *search.Result, color bool) {
	text := res.Request.Text
	took := float64(res.Took.Microseconds()) / 1000
	if res.Total == 0 {
		fmt.Fprintf(w, "No paragraph contains %q (%.1f ms).\n", text, took)
		if len(res.Suggestions) > 0 {
			fmt.Fprintf(w, "Try: %s\n", strings.Join(res.Suggestions, " · "))
		}
		return
	}
	fmt.Fprintf(w, "%s %s %q (%.1f ms)\n", plural(int(res.Total), "paragraph", "paragraphs"), map[bool]string{true: "matches", false: "match"}[res.Total == 1], text, took)
	if t := res.Translations; t != nil && len(t.Terms) > 0 {
		var parts []string
		for _, tc := range t.Terms {
			parts = append(parts, fmt.Sprintf("%s (%d, %.0f%%)", printable(tc.Text), tc.Hits, 100*tc.Share))
		}
		of := ""
		if t.Sampled {
			of = fmt.Sprintf("; the first %d of %d translated hits read", t.Read, t.Of)
		}
		fmt.Fprintf(w, "translated as: %s%s\n", strings.Join(parts, " · "), of)
	}
	for _, h := range res.Hits {
		fmt.Fprintf(w, "\n%s  %s  score %.3f\n", h.ID, printable(h.DocTitle), h.Score)
		for _, s := range []struct {
			tag  string
			side *search.Side
		}{{"zh", h.ZH}, {"en", h.EN}} {
			if s.side == nil {
				fmt.Fprintf(w, "  %s: —\n", s.tag)
				continue
			}
			fmt.Fprintf(w, "  %s: %s\n", s.tag, marked(s.side.Text, s.side.Spans, color))
		}
	}
}

// marked shows the spans of text in bold yellow on a terminal, in [brackets]
// elsewhere; control characters in the text are escaped.
func marked(text string, spans []corpus.Span, color bool) string {
	open, closeTag := "[", "]"
	if color {
		open, closeTag = "\x1b[1;33m", "\x1b[0m"
	}
	var b strings.Builder
	at := 0
	for _, s := range highlight.Merge(text, spans) {
		b.WriteString(printable(text[at:s.Start]))
		b.WriteString(open + printable(text[s.Start:s.End]) + closeTag)
		at = s.End
	}
	b.WriteString(printable(text[at:]))
	return b.String()
}

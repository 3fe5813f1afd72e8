package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/text/width"

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
	n := fs.Int("n", 10, "number of results (of concordance lines with -kwic)")
	from := fs.Int("from", 0, "skip this many results")
	as := fs.String("as", "", `for a query of one term: only the hits where it is translated by these words ("-": translated otherwise)`)
	paragraphs := fs.Bool("paragraphs", false, "show whole paragraphs, not the matched sentence pairs")
	kwic := fs.Bool("kwic", false, "show a concordance: a line per match, its context left and right and the matched sentence's translation")
	order := fs.String("sort", "doc", "with -kwic: order the lines by doc (document order), left or right (the words left or right of the match) or match")
	format := fs.String("format", "", "write every hit to standard output as tsv, csv, jsonl or tmx (an export) instead of showing them")
	limit := fs.Int("limit", search.MaxExport, "with -format: export at most this many hits")
	pairs := fs.String("pairs", "paragraph", "with -format: export paragraph pairs or sentence pairs (sentence)")
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
	size := *n
	if *kwic && size > query.MaxSize {
		return badUsage(stderr, "search", "-n must be at most %d", query.MaxSize)
	}
	req := query.Request{Text: text, Lang: corpus.Lang(*lang), Doc: *doc, Size: size, From: *from, Translations: !*kwic && *format == "", As: *as}
	exp := search.ExportRequest{Request: req, Format: *format, Limit: *limit, Sentences: *pairs == "sentence"}
	if *pairs != "sentence" && *pairs != "paragraph" {
		return badUsage(stderr, "search", "-pairs must be sentence or paragraph")
	}
	if *limit < 1 || *limit > search.MaxExport {
		return badUsage(stderr, "search", "-limit must be between 1 and %d", search.MaxExport)
	}
	check := func() error {
		if *format != "" {
			return exp.Validate()
		}
		_, err := req.Validate()
		return err
	}
	if err := check(); err != nil {
		var qe *query.Error
		if errors.As(err, &qe) && qe.Code == query.CodeBadParameter {
			return badUsage(stderr, "search", "%s", strings.NewReplacer("limit must", "-limit must", "format must", "-format must").Replace(qe.Message))
		}
		return err
	}
	ix, err := eng.openSearcher(ctx)
	if err != nil {
		return err
	}
	defer ix.Close()
	switch {
	case *format != "":
		return exportHits(ctx, ix, exp, stdout, stderr)
	case *kwic:
		var c *search.Concordance
		err := ix.Use(ctx, func(b search.Backend) (err error) {
			c, err = search.ConcordanceOf(ctx, b, req, *order)
			return err
		})
		if err != nil {
			var qe *query.Error
			if errors.As(err, &qe) && qe.Code == query.CodeBadParameter {
				return badUsage(stderr, "search", "-%s", qe.Message)
			}
			return err
		}
		if *asJSON {
			return printJSON(stdout, server.ConcordanceToJSON(c))
		}
		printConcordance(stdout, c, isTerminal(stdout) && os.Getenv("NO_COLOR") == "")
		return nil
	}
	res, err := ix.Search(ctx, req)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(stdout, server.ResultJSON(res))
	}
	printResult(stdout, res, isTerminal(stdout) && os.Getenv("NO_COLOR") == "", !*paragraphs)
	return nil
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// exportHits writes every hit of a search to stdout in a file format and
// says on stderr what was written.
func exportHits(ctx context.Context, ix searcher, r search.ExportRequest, stdout, stderr io.Writer) error {
	var info search.ExportInfo
	err := ix.Use(ctx, func(b search.Backend) (err error) {
		info, err = search.Export(ctx, b, r, stdout, nil)
		return err
	})
	if err != nil {
		return err
	}
	pairs := ""
	if r.Sentences {
		pairs = " (their matched sentence pairs)"
	}
	if info.Capped {
		fmt.Fprintf(stderr, "exported the first %d of %d hits%s as %s: the limit; raise -limit (at most %d) or narrow the search\n", info.Limit, info.Total, pairs, r.Format, search.MaxExport)
	} else {
		fmt.Fprintf(stderr, "exported %s%s as %s\n", plural(int(info.Total), "hit", "hits"), pairs, r.Format)
	}
	return nil
}

// printResult shows a result for people: the count, then each hit with its
// matches marked (its matched sentence pairs, or its paragraphs), or what
// to try instead when nothing matched.
func printResult(w io.Writer, res *search.Result, color, sentences bool) {
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
	for i := range res.Hits {
		h := &res.Hits[i]
		fmt.Fprintf(w, "\n%s  %s  score %.3f\n", h.ID, printable(h.DocTitle), h.Score)
		if sentences && len(h.Pairs) > 0 {
			for k, p := range h.Pairs {
				zh, en := h.PairText(p)
				if zh == nil || en == nil {
					continue
				}
				if k > 0 {
					fmt.Fprintln(w, "  ·")
				}
				fmt.Fprintf(w, "  zh: %s\n  en: %s\n", marked(zh.Text, zh.Spans, color), marked(en.Text, en.Spans, color))
				if p.Low() {
					fmt.Fprintf(w, "  (alignment uncertain: %.2f)\n", p.Score)
				}
			}
			continue
		}
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

// printConcordance shows a concordance: a line per match, the left context
// right-aligned so the matches stand in one column, the translation under
// it.
func printConcordance(w io.Writer, c *search.Concordance, color bool) {
	if c.Total == 0 {
		fmt.Fprintf(w, "No paragraph contains %q.\n", c.Request.Text)
		return
	}
	of := ""
	if c.Capped {
		of = fmt.Sprintf(" (from the first %d of %d matching paragraphs)", c.Units, c.Of)
	}
	last := c.Request.From + len(c.Lines)
	fmt.Fprintf(w, "%s of %q%s, sorted by %s; %d–%d shown\n", plural(c.Total, "match", "matches"), c.Request.Text, of, c.Order, min(c.Request.From+1, last), last)
	open, closeTag := "[", "]"
	if color {
		open, closeTag = "\x1b[1;33m", "\x1b[0m"
	}
	for _, l := range c.Lines {
		left, right := l.Left, l.Right
		if l.Lang == corpus.ZH {
			left, right = fitLeft(left, 40), fitRight(right, 40)
		} else {
			left, right = fitLeft(left, 50), fitRight(right, 50)
		}
		fmt.Fprintf(w, "%-22s %s %s%s%s %s\n", printable(l.ID), left, open, printable(l.Match), closeTag, printable(right))
		switch {
		case l.Translation != nil:
			tr := fitRight(flatText(l.Translation.Text), 160)
			note := ""
			if l.Translation != nil && l.Score < search.LowConfidence {
				note = fmt.Sprintf(" (alignment uncertain: %.2f)", l.Score)
			}
			fmt.Fprintf(w, "%-22s → %s%s\n", "", printable(tr), note)
		default:
			fmt.Fprintf(w, "%-22s → (no translation)\n", "")
		}
	}
}

func flatText(s string) string { return strings.Join(strings.Fields(s), " ") }

// displayWidth is how many terminal columns s takes (wide characters two).
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// fitLeft is s padded on the left to cols columns, or its end when longer.
func fitLeft(s string, cols int) string {
	s = printable(s)
	if w := displayWidth(s); w <= cols {
		return strings.Repeat(" ", cols-w) + s
	}
	r := []rune(s)
	w, i := 1, len(r) // "…"
	for i > 0 && w+runeWidth(r[i-1]) <= cols {
		i--
		w += runeWidth(r[i])
	}
	return strings.Repeat(" ", cols-w) + "…" + string(r[i:])
}

// fitRight is s cut to cols columns.
func fitRight(s string, cols int) string {
	if displayWidth(s) <= cols {
		return s
	}
	var b strings.Builder
	w := 1
	for _, r := range s {
		if w+runeWidth(r) > cols {
			break
		}
		w += runeWidth(r)
		b.WriteRune(r)
	}
	return b.String() + "…"
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

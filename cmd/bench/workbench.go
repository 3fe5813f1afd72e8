package main

import (
	"context"
	"fmt"
	"io"
	"math/rand"
	"sort"
	"time"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/fuzzy"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
)

// user is an engine as the workbench uses it.
type user interface {
	Use(ctx context.Context, f func(search.Backend) error) error
}

// workbenchFigures are the latencies of the translator's tools.
type workbenchFigures struct {
	similar, kwic lat
	exportUnits   int
	export        time.Duration
	exportQuery   string
}

// similarQueries are n sentences of the corpus, each with one word left
// out, half Chinese, half English (of five words or characters and more).
func similarQueries(units []pair, n int) []search.SimilarRequest {
	rng := rand.New(rand.NewSource(7))
	var out []search.SimilarRequest
	for tries := 0; len(out) < n && tries < 50*n; tries++ {
		u := units[rng.Intn(len(units))]
		lang, text := corpus.ZH, u.zh
		if len(out)%2 == 1 {
			lang, text = corpus.EN, u.en
		}
		if text == "" {
			continue
		}
		s := corpus.Sentences(text, lang)[0]
		sent := text[s.Start:s.End]
		toks := fuzzy.Tokens(sent)
		if len(toks) < 5 || len(toks) > 80 {
			continue
		}
		k := rng.Intn(len(toks))
		out = append(out, search.SimilarRequest{Text: sent[:toks[k].Start] + sent[toks[k].End:], Lang: lang})
	}
	return out
}

// timed runs f over the items and returns the p50 and p99 of its times.
func timed[T any](items []T, f func(T) error) (lat, error) {
	ds := make([]time.Duration, 0, len(items))
	for _, it := range items {
		start := time.Now()
		if err := f(it); err != nil {
			return lat{}, err
		}
		ds = append(ds, time.Since(start))
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	r := func(d time.Duration) time.Duration { return d.Round(10 * time.Microsecond) }
	return lat{r(ds[len(ds)/2]), r(ds[len(ds)*99/100])}, nil
}

// benchWorkbench measures fuzzy matches (*flagQ sentences, one word left
// out), the concordance's first page sorted by left context (the query
// mix) and an export of every hit of one query as TSV.
func benchWorkbench(e user, units []pair) (workbenchFigures, error) {
	var f workbenchFigures
	ctx := context.Background()
	sims := similarQueries(units, *flagQ)
	var err error
	f.similar, err = timed(sims, func(r search.SimilarRequest) error {
		return e.Use(ctx, func(b search.Backend) error {
			_, err := search.SimilarTo(ctx, b, r)
			return err
		})
	})
	if err != nil {
		return f, fmt.Errorf("similar: %w", err)
	}
	var kw []string
	for i := 0; i < *flagQ/3; i++ {
		kw = append(kw, queries[i%len(queries)])
	}
	f.kwic, err = timed(kw, func(q string) error {
		return e.Use(ctx, func(b search.Backend) error {
			_, err := search.ConcordanceOf(ctx, b, query.Request{Text: q, Size: 50}, search.OrderLeft)
			return err
		})
	})
	if err != nil {
		return f, fmt.Errorf("concordance: %w", err)
	}
	// the export: the query of the mix with the most hits
	most := uint64(0)
	for _, q := range queries {
		e.Use(ctx, func(b search.Backend) error {
			r, err := search.Run(ctx, b, query.Request{Text: q, Size: 1})
			if err == nil && r.Total > most {
				most, f.exportQuery = r.Total, q
			}
			return err
		})
	}
	start := time.Now()
	err = e.Use(ctx, func(b search.Backend) error {
		info, err := search.Export(ctx, b, search.ExportRequest{Request: query.Request{Text: f.exportQuery}, Format: corpus.ExportTSV}, io.Discard, nil)
		f.exportUnits = int(min(info.Total, uint64(info.Limit)))
		return err
	})
	f.export = time.Since(start)
	if err != nil {
		return f, fmt.Errorf("export: %w", err)
	}
	return f, nil
}

func printWorkbench(name string, f workbenchFigures) {
	fmt.Printf("| %s | %v | %v | %v | %v | %d hits in %v (%.0f hits/s) |\n", name, f.similar.p50, f.similar.p99, f.kwic.p50, f.kwic.p99,
		f.exportUnits, f.export.Round(time.Millisecond), float64(f.exportUnits)/f.export.Seconds())
}

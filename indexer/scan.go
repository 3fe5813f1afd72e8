package indexer

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"

	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
)

// scanBatch is how many units the first step of a scan reads; each step
// after reads twice as many as the one before, up to scanBatchMax.
const (
	scanBatch    = 500
	scanBatchMax = 8000
)

// Scan implements search.Backend: every unit q matches, in document order,
// a batch at a time, each batch read after the last one's sort key. Each
// batch runs the query again over all its matches (bleve keeps no cursor),
// so the batches grow: the first comes soon, and a scan of 100,000 hits
// runs the query 16 times rather than 200.
func (ix *Index) Scan(ctx context.Context, q *query.Query, r query.Request, fn func([]search.Unit) error) error {
	built, err := ix.build(q, r)
	if err != nil {
		return err
	}
	var after []string
	for size := scanBatch; ; size = min(2*size, scanBatchMax) {
		req := bleve.NewSearchRequestOptions(built, size, 0, false)
		req.Fields = storedFields
		req.SortBy([]string{fieldDocOrder, fieldSeq, "_id"})
		req.SearchAfter = after
		res, err := ix.idx.SearchInContext(ctx, req)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("scan %q: %w", r.Text, err)
		}
		if len(res.Hits) == 0 {
			return nil
		}
		units := make([]search.Unit, 0, len(res.Hits))
		for _, h := range res.Hits {
			units = append(units, unitOf(h.ID, h.Fields, h.Score))
		}
		if err := fn(units); err != nil {
			return err
		}
		if len(res.Hits) < size {
			return nil
		}
		after = res.Hits[len(res.Hits)-1].Sort
	}
}

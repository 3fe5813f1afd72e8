package indexer

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"

	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
)

// scanBatch is how many units one step of a scan reads.
const scanBatch = 500

// Scan implements search.Backend: every unit q matches, in document order,
// a batch at a time, each batch read after the last one's sort key (so a
// scan of any length costs no more per batch than the first).
func (ix *Index) Scan(ctx context.Context, q *query.Query, r query.Request, fn func([]search.Unit) error) error {
	built, err := ix.build(q, r)
	if err != nil {
		return err
	}
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(built, scanBatch, 0, false)
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
		if len(res.Hits) < scanBatch {
			return nil
		}
		after = res.Hits[len(res.Hits)-1].Sort
	}
}

package opensearch

import (
	"context"

	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
)

// scanBatch is how many units one step of a scan reads.
const scanBatch = 500

// Scan implements search.Backend: every unit q matches, in document order,
// a batch at a time with search_after (so it is not bounded by the
// index's result window and each batch costs the same).
func (st *state) Scan(ctx context.Context, q *query.Query, r query.Request, fn func([]search.Unit) error) error {
	built, err := st.build(q, r)
	if err != nil {
		return err
	}
	var after []any
	for {
		body := map[string]any{"query": built, "size": scanBatch, "track_total_hits": false,
			"sort": []any{map[string]any{fieldDocOrder: "asc"}, map[string]any{fieldSeq: "asc"}, map[string]any{fieldDoc: "asc"}}}
		if after != nil {
			body["search_after"] = after
		}
		res, err := st.search(ctx, body, false)
		if err != nil {
			return err
		}
		hits := res.Hits.Hits
		if len(hits) == 0 {
			return nil
		}
		if err := fn(res.units()); err != nil {
			return err
		}
		if len(hits) < scanBatch {
			return nil
		}
		last := hits[len(hits)-1].Sort
		after = make([]any, len(last))
		for i, v := range last {
			after[i] = v
		}
	}
}

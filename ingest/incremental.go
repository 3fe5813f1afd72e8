package ingest

import (
	"context"
	"errors"
	"fmt"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/search"
)

// Changes counts what an index run found against the index it replaces.
type Changes struct {
	Added, Updated, Unchanged, Removed int
}

func (c Changes) String() string {
	return fmt.Sprintf("%d files added, %d updated, %d unchanged, %d removed", c.Added, c.Updated, c.Unchanged, c.Removed)
}

// Stored is an index a run may take documents from: what it lists and a
// document's units.
type Stored interface {
	Docs() []search.DocInfo
	Doc(ctx context.Context, id string, from, size int) (search.DocInfo, []search.Unit, error)
}

// Files plans an index run over the named files and folders and returns its
// documents as a Source read one file at a time. Files whose content is the
// same as when old (may be nil) was built are not read again: their
// documents (units, alignments, sentence alignments) come from old. Changed
// files keep their document ids; new ones get fresh ids by the collision
// rule. A file that cannot be read is told to problem and skipped (with
// strict, it ends the run instead); a warning about a file that is read
// (a Problem with Warn) is told to problem too. The counts of ch are complete once the
// source has been read to its end.
func Files(ctx context.Context, paths []string, old Stored, strict bool, problem func(corpus.Problem)) (Source, *Changes, error) {
	ch := &Changes{}
	jobs, err := corpus.Plan(paths...)
	if err != nil {
		return Source{}, ch, err
	}
	prev := map[string][]search.DocInfo{} // key → its documents
	if old != nil {
		for _, d := range old.Docs() {
			if d.Key != "" {
				prev[d.Key] = append(prev[d.Key], d)
			}
		}
	}
	used := map[string]bool{}
	seen := map[string]bool{}
	for _, j := range jobs {
		seen[j.Key()] = true
		for _, d := range prev[j.Key()] {
			used[d.ID] = true
		}
	}
	for key := range prev {
		if !seen[key] {
			ch.Removed++
		}
	}
	docs := func(yield func(*corpus.Doc, error) bool) {
		for _, j := range jobs {
			if j.Warning != "" {
				problem(corpus.Problem{Path: j.Path(), Err: errors.New(j.Warning), Warn: true})
			}
			key := j.Key()
			before := prev[key]
			if len(before) > 0 && j.Hash != "" && before[0].Hash == j.Hash {
				ch.Unchanged++
				for _, info := range before {
					if err := docFromIndex(ctx, old, info, yield); err != nil {
						if err != errStop {
							yield(nil, err)
						}
						return
					}
				}
				continue
			}
			// a changed file keeps its ids, in the order its documents come
			ids := map[string]string{}
			counted := false
			err := j.Stream(ctx, func(d *corpus.Doc) error {
				if !counted {
					counted = true
					if len(before) > 0 {
						ch.Updated++
					} else {
						ch.Added++
					}
				}
				id, ok := ids[d.ID]
				if !ok {
					if k := len(ids); k < len(before) {
						id = before[k].ID
					} else {
						id = corpus.UniqueID(d.ID, used)
					}
					ids[d.ID] = id
				}
				d.ID = id
				d.Key, d.Hash = key, j.Hash
				if !yield(d, nil) {
					return errStop
				}
				return nil
			})
			switch {
			case err == errStop:
				return
			case err != nil && ctx.Err() != nil:
				yield(nil, ctx.Err())
				return
			case err != nil:
				p := corpus.Problem{Path: j.Path(), Err: err}
				if strict {
					yield(nil, p)
					return
				}
				problem(p)
			}
		}
	}
	var size int64
	for _, j := range jobs {
		size += j.Size
	}
	return Source{Docs: docs, Bytes: size}, ch, nil
}

// errStop ends a stream whose consumer wants no more.
var errStop = errors.New("stop")

// docFromIndex hands a document back from the index it was stored in, a
// page of units at a time (the later pages as parts, Cont set).
func docFromIndex(ctx context.Context, old Stored, info search.DocInfo, yield func(*corpus.Doc, error) bool) error {
	const page = 1000
	n := 0
	for from := 0; from < info.Units; from += page {
		_, units, err := old.Doc(ctx, info.ID, from, page)
		if err != nil {
			return fmt.Errorf("take document %q from the old index: %w", info.ID, err)
		}
		if len(units) == 0 {
			break
		}
		d := &corpus.Doc{ID: info.ID, Title: info.Title, Source: info.Source, Key: info.Key, Hash: info.Hash, Cont: from > 0}
		for _, u := range units {
			d.Units = append(d.Units, u.Unit)
		}
		n += len(units)
		if !yield(d, nil) {
			return errStop
		}
	}
	if n != info.Units {
		return fmt.Errorf("take document %q from the old index: %d of its %d units found", info.ID, n, info.Units)
	}
	return nil
}

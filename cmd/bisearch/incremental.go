package main

import (
	"context"
	"fmt"
	"io"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/indexer"
)

// changes counts what an index run found against the index it replaces.
type changes struct {
	added, updated, unchanged, removed int
}

func (c changes) String() string {
	return fmt.Sprintf("%d files added, %d updated, %d unchanged, %d removed", c.added, c.updated, c.unchanged, c.removed)
}

// loadIncremental reads the documents for an index run. Files whose
// content is the same as when the index at dir was built are not read again:
// their documents (units, alignments, sentence alignments) come from that
// index. Changed files keep their document ids; new ones get fresh ids by
// the collision rule. Without a usable old index (or with full) every file
// is read.
func loadIncremental(ctx context.Context, dir string, paths []string, full bool, stderr io.Writer) ([]*corpus.Doc, []corpus.Problem, changes, error) {
	var ch changes
	jobs, err := corpus.Plan(paths...)
	if err != nil {
		return nil, nil, ch, err
	}
	old := map[string][]indexer.DocInfo{} // key → its documents
	var ix *indexer.Index
	if !full && indexer.Exists(dir) {
		if ix, err = indexer.Open(dir); err == nil {
			defer ix.Close()
			for _, d := range ix.Docs() {
				if d.Key != "" {
					old[d.Key] = append(old[d.Key], d)
				}
			}
		} else {
			fmt.Fprintf(stderr, "the index at %s cannot be reused (%v): reading every file\n", dir, err)
		}
	}
	used := map[string]bool{}
	for _, j := range jobs {
		for _, d := range old[j.Key()] {
			used[d.ID] = true
		}
	}
	var docs []*corpus.Doc
	var problems []corpus.Problem
	seen := map[string]bool{}
	for _, j := range jobs {
		key := j.Key()
		seen[key] = true
		prev := old[key]
		if len(prev) > 0 && j.Hash != "" && prev[0].Hash == j.Hash {
			ch.unchanged++
			for _, info := range prev {
				d, err := docFromIndex(ctx, ix, info)
				if err != nil {
					return nil, nil, ch, err
				}
				docs = append(docs, d)
			}
			continue
		}
		ds, err := j.Read()
		if err != nil {
			problems = append(problems, corpus.Problem{Path: j.Path(), Err: err})
			fmt.Fprintf(stderr, "skipped %v\n", err)
			continue
		}
		if len(prev) > 0 {
			ch.updated++
		} else {
			ch.added++
		}
		for k, d := range ds {
			if k < len(prev) {
				d.ID = prev[k].ID // a changed file keeps its ids
			} else {
				d.ID = corpus.UniqueID(d.ID, used)
			}
			d.Key, d.Hash = key, j.Hash
			docs = append(docs, d)
		}
	}
	for key := range old {
		if !seen[key] {
			ch.removed++
		}
	}
	return docs, problems, ch, nil
}

// docFromIndex rebuilds a document from the index it was stored in.
func docFromIndex(ctx context.Context, ix *indexer.Index, info indexer.DocInfo) (*corpus.Doc, error) {
	_, units, err := ix.Doc(ctx, info.ID)
	if err != nil {
		return nil, err
	}
	d := &corpus.Doc{ID: info.ID, Title: info.Title, Source: info.Source, Key: info.Key, Hash: info.Hash}
	for _, u := range units {
		d.Units = append(d.Units, corpus.Unit{Seq: u.Seq, ZH: u.ZH, EN: u.EN, Section: u.Section, Score: u.Score, Sentences: u.Sentences,
			Heading: u.Section != "" && (u.Section == u.ZH || u.Section == u.EN)})
	}
	return d, nil
}

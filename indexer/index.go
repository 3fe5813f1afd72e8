// Package indexer is bisearch's embedded engine, on bleve: the mapping and
// the analysers bisearch registers with bleve (gse words that rank, the
// character n-grams that guarantee every Chinese substring is found, English
// through analysis.English), building an index into shards in a fresh
// directory and swapping it into place, opening it, and finding and
// counting the units a query matches. What a hit shows is assembled by the
// search package from the stored text.
package indexer

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/searcher"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/reading"
	"github.com/bisearch/bisearch/search"
)

// Index is an open bisearch index.
type Index struct {
	dir     string
	idx     bleve.Index   // the shards behind one alias
	shards  []bleve.Index // shards[0] holds the manifest
	mapping mapping.IndexMapping
	meta    *search.Meta

	zhWordsOnce sync.Once
	zhWords     []search.VocabEntry // the most frequent Chinese words, for examples
}

// Exists reports whether dir holds an index (or one recoverable after an
// interrupted swap).
func Exists(dir string) bool {
	recoverSwap(filepath.Clean(dir))
	for _, f := range []string{layoutFile, "index_meta.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			return true
		}
	}
	return false
}

// Open opens the index at dir for searching. A missing index is
// search.ErrNoIndex; a damaged one is an error that says so and how to
// rebuild it.
func Open(dir string) (*Index, error) {
	dir = filepath.Clean(dir)
	recoverSwap(dir)
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("open index %q: %w", dir, search.ErrNoIndex)
	}
	if _, err := analysis.Segmenter(); err != nil {
		return nil, fmt.Errorf("load gse dictionary: %w", err)
	}
	rebuild := fmt.Sprintf("rebuild it with `bisearch index -index %s`", dir)
	shards, err := openShards(dir)
	if err != nil {
		return nil, fmt.Errorf("open index %q: damaged or incomplete (%v); %s", dir, err, rebuild)
	}
	closeAll := func() {
		for _, s := range shards {
			s.Close()
		}
	}
	raw, err := shards[0].GetInternal([]byte(manifestKey))
	if err != nil || len(raw) == 0 {
		closeAll()
		return nil, fmt.Errorf("open index %q: no bisearch manifest (not a bisearch index); %s", dir, rebuild)
	}
	var man search.Manifest
	if err := json.Unmarshal(raw, &man); err != nil {
		closeAll()
		return nil, fmt.Errorf("open index %q: damaged manifest (%v); %s", dir, err, rebuild)
	}
	if man.Version != search.Version {
		closeAll()
		return nil, fmt.Errorf("open index %q: %w (layout %d, this bisearch reads %d); %s", dir, search.ErrIncompatible, man.Version, search.Version, rebuild)
	}
	first := shards[0]
	meta := search.NewMeta(man, func() []search.VocabEntry {
		var v []search.VocabEntry
		if raw, err := first.GetInternal([]byte(vocabKey)); err == nil && len(raw) > 0 {
			json.Unmarshal(raw, &v)
		}
		return v
	}, func() reading.Assoc {
		var a reading.Assoc
		if raw, err := first.GetInternal([]byte(assocKey)); err == nil && len(raw) > 0 {
			json.Unmarshal(raw, &a)
		}
		return a
	})
	// The alias is given no mapping, so bleve skips its BM25 pre-search:
	// that would pair the total document count with each shard's own term
	// counts and inflate every term's weight. Units go to shards in turn, so
	// each shard's own statistics stand for the whole index's.
	ix := &Index{dir: dir, idx: bleve.NewIndexAlias(shards...), shards: shards, mapping: first.Mapping(), meta: meta}
	// a segment lost to damage leaves fewer documents than were indexed
	_, units := meta.Counts()
	if n, err := ix.idx.DocCount(); err != nil || n != uint64(units) {
		closeAll()
		return nil, fmt.Errorf("open index %q: damaged: it holds %d of the %d units it was built with (%v); %s", dir, n, units, err, rebuild)
	}
	return ix, nil
}

// openBleve opens a bleve index read-only, turning a panic inside bleve on
// damaged files into an error.
func openBleve(dir string) (idx bleve.Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			idx, err = nil, fmt.Errorf("%v", r)
		}
	}()
	return bleve.OpenUsing(dir, map[string]interface{}{"read_only": true})
}

// openShards opens the shards of the index at dir: those its layout file
// lists, or dir itself for an index of one bleve index.
func openShards(dir string) ([]bleve.Index, error) {
	paths := []string{dir}
	if raw, err := os.ReadFile(filepath.Join(dir, layoutFile)); err == nil {
		var l layout
		if err := json.Unmarshal(raw, &l); err != nil || l.Shards < 1 || l.Shards > 1024 {
			return nil, fmt.Errorf("bad %s", layoutFile)
		}
		paths = paths[:0]
		for k := 0; k < l.Shards; k++ {
			paths = append(paths, shardDir(dir, k))
		}
	}
	var out []bleve.Index
	for _, p := range paths {
		idx, err := openBleve(p)
		if err != nil {
			for _, o := range out {
				o.Close()
			}
			if len(paths) > 1 {
				err = fmt.Errorf("shard %s: %v", filepath.Base(p), err)
			}
			return nil, err
		}
		out = append(out, idx)
	}
	return out, nil
}

// Close closes the index.
func (ix *Index) Close() error {
	var first error
	for _, s := range ix.shards {
		if err := s.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Dir is where the index lives.
func (ix *Index) Dir() string { return ix.dir }

// Meta implements search.Backend: what the index knows of its documents and
// words.
func (ix *Index) Meta() *search.Meta { return ix.meta }

// Docs lists the indexed documents in build order.
func (ix *Index) Docs() []search.DocInfo { return ix.meta.Docs() }

// Counts returns the number of documents and units.
func (ix *Index) Counts() (docs, units int) { return ix.meta.Counts() }

// Manifest returns what the index knows about its build.
func (ix *Index) Manifest() search.Manifest { return ix.meta.Manifest() }

// Ready reports whether the index answers a search.
func (ix *Index) Ready(ctx context.Context) error {
	q := bleve.NewMatchNoneQuery()
	_, err := ix.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 0, 0, false))
	return err
}

// Search runs a request: the matching units found here, assembled into
// hits by the search package.
func (ix *Index) Search(ctx context.Context, req query.Request) (*search.Result, error) {
	return search.Run(ctx, ix, req)
}

// Translations counts how a one-term query is translated in its hits.
func (ix *Index) Translations(ctx context.Context, req query.Request) (*search.Translations, error) {
	return search.TranslationsOfTerm(ctx, ix, req)
}

// MaxDocPage is how many units one page of a document holds at most.
const MaxDocPage = 1000

// Doc returns the units of a document in order, from the unit at place
// from, at most size of them (0: MaxDocPage), with the document's
// information; search.ErrNotFound for an unknown id.
func (ix *Index) Doc(ctx context.Context, id string, from, size int) (search.DocInfo, []search.Unit, error) {
	info, ok := ix.meta.Doc(id)
	if !ok {
		return search.DocInfo{}, nil, fmt.Errorf("document %q: %w", id, search.ErrNotFound)
	}
	if size <= 0 || size > MaxDocPage {
		size = MaxDocPage
	}
	if from < 0 || from >= info.Units {
		return info, []search.Unit{}, nil
	}
	q := bleve.NewTermQuery(id)
	q.SetField(fieldDoc)
	req := bleve.NewSearchRequestOptions(q, size, from, false)
	req.Fields = storedFields
	req.SortBy([]string{fieldSeq})
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return info, nil, fmt.Errorf("read document %q: %w", id, err)
	}
	units := make([]search.Unit, 0, len(res.Hits))
	for _, h := range res.Hits {
		units = append(units, unitOf(h.ID, h.Fields, 0))
	}
	return info, units, nil
}

// DirSize is the size in bytes of the files under dir (an index's size on
// disk).
func DirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

func init() {
	// bound the expansion of prefix queries: bleve's default is unlimited
	searcher.DisjunctionMaxClauseCount = query.MaxExpansion
}

// Use runs f with the index as a search.Backend.
func (ix *Index) Use(_ context.Context, f func(search.Backend) error) error { return f(ix) }

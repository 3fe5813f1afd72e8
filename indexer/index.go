// Package indexer owns bisearch's bleve index: the mapping and analysers
// (Chinese through gse plus a character n-gram field that guarantees every
// substring is found, English through bleve's "en" analyser), building an
// index into a fresh directory and swapping it into place, opening it,
// querying it and computing the exact match spans that highlighting marks.
package indexer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/bisearch/bisearch/corpus"
)

// Field names in the bleve documents, one document per unit.
const (
	fieldDoc       = "doc"
	fieldSeq       = "seq"
	fieldZH        = "zh"  // gse words
	fieldZHGram    = "zhg" // n-grams of the same text, not stored
	fieldZHChar    = "zhc" // its characters, without positions, not stored
	fieldEN        = "en"
	fieldSection   = "section"
	fieldScore     = "align"
	fieldSides     = "sides"    // "zh", "en": the languages the unit has
	fieldSents     = "sents"    // the sentence alignment of a pair (corpus.SentenceAlignment.Encode)
	fieldSectionKW = "sectionk" // the section, as a keyword for filters and facets
	fieldDocOrder  = "docorder" // the document's place in the build, for sorting in document order
)

const manifestKey = "bisearch:manifest"

// batchSize is how many units go into bleve at once: larger batches make
// fewer segments to merge.
var batchSize = 5000

// Sentinel errors.
var (
	ErrNotFound = errors.New("not found")
	ErrBadQuery = errors.New("bad query")
	ErrNoIndex  = errors.New("no index")
)

// DocInfo describes one indexed document.
type DocInfo struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Source  string `json:"source,omitempty"`
	Units   int    `json:"units"`
	Aligned int    `json:"aligned"`
	Key     string `json:"-"` // the source files, for incremental runs
	Hash    string `json:"-"` // their content hash
}

// docInfoStored is DocInfo as the manifest stores it, with the fields the
// API does not show.
type docInfoStored struct {
	DocInfo
	Key  string `json:"key,omitempty"`
	Hash string `json:"hash,omitempty"`
}

// Manifest is what an index knows about its documents, stored inside it.
type Manifest struct {
	Docs  []DocInfo       `json:"-"`
	Store []docInfoStored `json:"docs"`
	Built time.Time       `json:"built"`
	Bytes int64           `json:"bytes"` // text indexed
}

// Stats sums up a build.
type Stats struct {
	Docs, Units, Aligned int
	Bytes                int64
	Took                 time.Duration
}

func newMapping() (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	if err := im.AddCustomAnalyzer(AnalyzerZH, map[string]interface{}{
		"type": custom.Name, "tokenizer": TokenizerZH,
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(AnalyzerZHGram, map[string]interface{}{
		"type": custom.Name, "tokenizer": TokenizerZHGram,
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(AnalyzerZHChar, map[string]interface{}{
		"type": custom.Name, "tokenizer": TokenizerZHChar,
	}); err != nil {
		return nil, err
	}
	// bleve's "en" analyser (possessives, lower case, stop words, Porter
	// stemming) with full-width forms folded and 1,926 read as 1926
	if err := im.AddCustomAnalyzer(AnalyzerEN, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{cjk.WidthName, en.PossessiveName, lowercase.Name, FilterNumber, en.StopName, porter.Name},
	}); err != nil {
		return nil, err
	}
	im.ScoringModel = index.BM25Scoring
	text := func(analyzer string, store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeInAll = false
		f.IncludeTermVectors = true // phrase queries need positions
		f.DocValues = false
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	kw := bleve.NewKeywordFieldMapping()
	kw.IncludeInAll, kw.IncludeTermVectors, kw.DocValues, kw.Store = false, false, true, true
	doc.AddFieldMappingsAt(fieldDoc, kw)
	secKW := bleve.NewKeywordFieldMapping()
	secKW.IncludeInAll, secKW.IncludeTermVectors, secKW.Store = false, false, false
	secKW.DocValues = true
	doc.AddFieldMappingsAt(fieldSectionKW, secKW)
	order := bleve.NewNumericFieldMapping()
	order.IncludeInAll, order.Store, order.DocValues = false, false, true
	doc.AddFieldMappingsAt(fieldDocOrder, order)
	sidesKW := bleve.NewKeywordFieldMapping()
	sidesKW.IncludeInAll, sidesKW.IncludeTermVectors, sidesKW.DocValues, sidesKW.Store = false, false, false, false
	doc.AddFieldMappingsAt(fieldSides, sidesKW)
	seq := bleve.NewNumericFieldMapping()
	seq.IncludeInAll, seq.Store, seq.DocValues = false, true, true
	doc.AddFieldMappingsAt(fieldSeq, seq)
	// the gse words only rank (the n-grams find): no positions needed
	zhWords := text(AnalyzerZH, true)
	zhWords.IncludeTermVectors = false
	doc.AddFieldMappingsAt(fieldZH, zhWords)
	doc.AddFieldMappingsAt(fieldZHGram, text(AnalyzerZHGram, false))
	chars := text(AnalyzerZHChar, false)
	chars.IncludeTermVectors = false
	doc.AddFieldMappingsAt(fieldZHChar, chars)
	doc.AddFieldMappingsAt(fieldEN, text(AnalyzerEN, true))
	stored := func(f *mapping.FieldMapping) *mapping.FieldMapping {
		f.Index, f.Store, f.IncludeInAll, f.IncludeTermVectors, f.DocValues = false, true, false, false, false
		return f
	}
	doc.AddFieldMappingsAt(fieldSection, stored(bleve.NewTextFieldMapping()))
	doc.AddFieldMappingsAt(fieldScore, stored(bleve.NewNumericFieldMapping()))
	doc.AddFieldMappingsAt(fieldSents, stored(bleve.NewTextFieldMapping()))
	im.DefaultMapping = doc
	im.DefaultAnalyzer = AnalyzerEN
	return im, nil
}

// Progress is told how many units of the total have been indexed.
type Progress func(done, total int)

// ShardUnits is how many units a shard holds before the index is split into
// more shards (at most one per core), built and searched in parallel.
var ShardUnits = 250000

// Options tune a build.
type Options struct {
	Progress Progress
	Shards   int // 0: one per ShardUnits units, at most one per core
}

// layoutFile marks a sharded bisearch index and says how many shards it has.
const layoutFile = "bisearch.json"

type layout struct {
	Shards int `json:"shards"`
}

func shardDir(dir string, k int) string { return filepath.Join(dir, fmt.Sprintf("shard-%d", k)) }

// Build indexes docs into a new directory beside dir and, once the index is
// complete and closed, swaps it into place at dir. A build that fails or is
// interrupted leaves whatever was at dir untouched.
func Build(ctx context.Context, dir string, docs []*corpus.Doc, progress Progress) (Stats, error) {
	return BuildWith(ctx, dir, docs, Options{Progress: progress})
}

// BuildWith is Build with options. The units are split between shards (unit
// i goes to shard i mod n), each written by bleve's offline builder into one
// merged segment, all shards at once.
func BuildWith(ctx context.Context, dir string, docs []*corpus.Doc, opt Options) (Stats, error) {
	start := time.Now()
	var st Stats
	dir = filepath.Clean(dir)
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return st, fmt.Errorf("build index %q: %w", dir, err)
	}
	if _, err := segmenter(); err != nil {
		return st, fmt.Errorf("load gse dictionary: %w", err)
	}
	cleanStale(dir)
	tmp := fmt.Sprintf("%s.building-%d-%d", dir, os.Getpid(), time.Now().UnixNano())
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return st, fmt.Errorf("build index %q: %w", dir, err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	m, err := newMapping()
	if err != nil {
		return st, fmt.Errorf("index mapping: %w", err)
	}
	total := 0
	for _, d := range docs {
		total += len(d.Units)
	}
	shards := opt.Shards
	if shards <= 0 {
		shards = min(max(1, (total+ShardUnits-1)/ShardUnits), runtime.GOMAXPROCS(0))
	}
	man := Manifest{Built: time.Now().UTC()}
	for _, d := range docs {
		info := DocInfo{ID: d.ID, Title: d.Title, Source: d.Source, Units: len(d.Units), Aligned: d.Aligned(), Key: d.Key, Hash: d.Hash}
		man.Docs = append(man.Docs, info)
		st.Docs++
		st.Aligned += info.Aligned
	}

	// one writer per shard; each runs bleve's analysis and segment building
	// for its units while the others and the preparation run on other cores
	feeds := make([]chan prepared, shards)
	results := make(chan error, shards)
	for k := range feeds {
		b, err := bleve.NewBuilder(shardDir(tmp, k), m, map[string]interface{}{
			"batchSize":       builderBatch,
			"buildPathPrefix": tmp,
		})
		if err != nil {
			return st, fmt.Errorf("create index shard %d in %q: %w", k, tmp, err)
		}
		feeds[k] = make(chan prepared, 256)
		go func(b bleve.Builder, in <-chan prepared) {
			var err error
			for p := range in {
				if err == nil {
					if e := b.Index(p.id, p.fields); e != nil {
						err = fmt.Errorf("index unit %s: %w", p.id, e)
					}
				}
			}
			if err == nil && ctx.Err() != nil {
				err = ctx.Err() // the segments written so far go with tmp
			}
			if err == nil {
				if e := b.Close(); e != nil {
					err = fmt.Errorf("write index shard: %w", e)
				}
			}
			results <- err
		}(b, feeds[k])
	}
	words := vocabCounter{}
	assocs := newAssocCounter()
	done := 0
	// Units are prepared (sentence alignment, association words) by all
	// cores, a chunk at a time, while the chunk before goes into bleve.
	var assocFull atomic.Bool // past the pairs counted, prepare skips the word lists
	chunks := prepare(ctx, docs, batchSize, &assocFull)
	for ch := range chunks {
		for _, p := range ch {
			feeds[done%shards] <- p
			for _, w := range p.assoc {
				assocs.addWords(w[0], w[1])
			}
			st.Units++
			st.Bytes += int64(len(p.unit.ZH) + len(p.unit.EN))
			words.add(p.unit.EN)
			words.add(p.unit.ZH)
			done++
		}
		assocFull.Store(assocs.full())
		if opt.Progress != nil {
			opt.Progress(done, total)
		}
	}
	for _, f := range feeds {
		close(f)
	}
	var firstErr error
	for range feeds {
		if err := <-results; err != nil && firstErr == nil {
			firstErr = err
		}
	}
	if firstErr != nil {
		return st, firstErr
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	if opt.Progress != nil {
		opt.Progress(done, total)
	}
	man.Bytes = st.Bytes
	for _, d := range man.Docs {
		man.Store = append(man.Store, docInfoStored{DocInfo: d, Key: d.Key, Hash: d.Hash})
	}
	if err := writeInternal(shardDir(tmp, 0), man, words, assocs); err != nil {
		return st, err
	}
	lb, _ := json.Marshal(layout{Shards: shards})
	if err := os.WriteFile(filepath.Join(tmp, layoutFile), lb, 0o644); err != nil {
		return st, fmt.Errorf("write index layout: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	ok = true
	if err := swap(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		return st, err
	}
	st.Took = time.Since(start)
	return st, nil
}

// builderBatch is how many units bleve's offline builder turns into one
// segment before merging them all at the end.
const builderBatch = 2500

// writeInternal stores the manifest, the vocabulary and the word
// associations in the first shard.
func writeInternal(path string, man Manifest, words vocabCounter, assocs *assocCounter) (err error) {
	idx, err := bleve.Open(path)
	if err != nil {
		return fmt.Errorf("open new index shard %q: %w", path, err)
	}
	defer func() {
		if e := idx.Close(); e != nil && err == nil {
			err = fmt.Errorf("close new index shard: %w", e)
		}
	}()
	for _, kv := range []struct {
		key, what string
		val       any
	}{{manifestKey, "manifest", man}, {vocabKey, "vocabulary", words.top(vocabSize)}, {assocKey, "word associations", assocs.result()}} {
		b, err := json.Marshal(kv.val)
		if err != nil {
			return fmt.Errorf("write %s: %w", kv.what, err)
		}
		if err := idx.SetInternal([]byte(kv.key), b); err != nil {
			return fmt.Errorf("write %s: %w", kv.what, err)
		}
	}
	return nil
}

// prepared is a unit made ready for bleve.
type prepared struct {
	id     string
	unit   *corpus.Unit
	fields map[string]interface{}
	assoc  [][2][]string // per aligned sentence pair: its Chinese words and English stems
}

// prepare turns the units of docs into bleve documents on every core and
// sends them in order, size units at a time; the channel closes at the end
// or when ctx is done.
func prepare(ctx context.Context, docs []*corpus.Doc, size int, assocFull *atomic.Bool) <-chan []prepared {
	type item struct {
		doc   int
		docID string
		unit  *corpus.Unit
	}
	var items []item
	for di, d := range docs {
		for ui := range d.Units {
			items = append(items, item{di, d.ID, &d.Units[ui]})
		}
	}
	out := make(chan []prepared, 1)
	go func() {
		defer close(out)
		workers := runtime.GOMAXPROCS(0)
		for start := 0; start < len(items); start += size {
			if ctx.Err() != nil {
				return
			}
			chunk := items[start:min(len(items), start+size)]
			withAssoc := !assocFull.Load()
			res := make([]prepared, len(chunk))
			var wg sync.WaitGroup
			for w := 0; w < workers; w++ {
				wg.Add(1)
				go func(w int) {
					defer wg.Done()
					for k := w; k < len(chunk); k += workers {
						it := chunk[k]
						res[k] = prepareUnit(it.docID, it.doc, it.unit, withAssoc)
					}
				}(w)
			}
			wg.Wait()
			select {
			case out <- res:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// prepareUnit makes the bleve document of one unit.
func prepareUnit(docID string, docIndex int, u *corpus.Unit, withAssoc bool) prepared {
	fields := map[string]interface{}{
		fieldDoc:      docID,
		fieldSeq:      float64(u.Seq),
		fieldDocOrder: float64(docIndex),
	}
	var has []string
	if u.ZH != "" {
		fields[fieldZH] = u.ZH
		fields[fieldZHGram] = u.ZH
		fields[fieldZHChar] = u.ZH
		has = append(has, "zh")
	}
	if u.EN != "" {
		fields[fieldEN] = u.EN
		has = append(has, "en")
	}
	fields[fieldSides] = has
	if u.Section != "" {
		fields[fieldSection] = u.Section
		fields[fieldSectionKW] = u.Section
	}
	p := prepared{id: corpus.UnitID(docID, u.Seq), unit: u, fields: fields}
	if u.Paired() {
		fields[fieldScore] = u.Score
		al, ok := corpus.DecodeSentenceAlignment(u.Sentences)
		if !ok || u.Sentences == "" {
			al = corpus.AlignSentences(u.ZH, u.EN)
		}
		fields[fieldSents] = al.Encode()
		for _, l := range al.Links {
			if withAssoc {
				zw, ew := pairWords(joinSpans(u.ZH, al.ZH, l.ZH), joinSpans(u.EN, al.EN, l.EN))
				p.assoc = append(p.assoc, [2][]string{zw, ew})
			}
		}
	}
	return p
}

// swap moves the finished index at tmp to dir. An existing index is first
// moved aside, then removed; should the process die between the two renames,
// Open finds the one moved aside and puts it back.
func swap(tmp, dir string) error {
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = fmt.Sprintf("%s.old-%d", dir, time.Now().UnixNano())
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("move old index aside: %w", err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return fmt.Errorf("move new index into place: %w", err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

// recoverSwap puts back an index moved aside by a swap that never finished.
func recoverSwap(dir string) {
	if _, err := os.Stat(dir); err == nil {
		return
	}
	olds, _ := filepath.Glob(dir + ".old-*")
	if len(olds) == 0 {
		return
	}
	os.Rename(olds[len(olds)-1], dir)
}

// cleanStale removes half-built indexes left by builds whose process is gone.
func cleanStale(dir string) {
	recoverSwap(dir)
	tmps, _ := filepath.Glob(dir + ".building-*")
	for _, t := range tmps {
		rest := strings.TrimPrefix(t, dir+".building-")
		pid, err := strconv.Atoi(strings.SplitN(rest, "-", 2)[0])
		if err != nil || !alive(pid) {
			os.RemoveAll(t)
		}
	}
	if _, err := os.Stat(dir); err == nil {
		olds, _ := filepath.Glob(dir + ".old-*")
		for _, o := range olds {
			os.RemoveAll(o)
		}
	}
}

func alive(pid int) bool {
	if pid == os.Getpid() {
		return true
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	return p.Signal(syscall.Signal(0)) == nil
}

// Index is an open bisearch index.
type Index struct {
	dir      string
	idx      bleve.Index   // the shards behind one alias
	shards   []bleve.Index // shards[0] holds the manifest
	mapping  mapping.IndexMapping
	manifest Manifest
	byID     map[string]int
	units    int
	vocab    vocab
	assoc    assocCache
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

// Open opens the index at dir for searching. A missing index is ErrNoIndex; a
// damaged one is an error that says so and how to rebuild it.
func Open(dir string) (*Index, error) {
	dir = filepath.Clean(dir)
	recoverSwap(dir)
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("open index %q: %w", dir, ErrNoIndex)
	}
	if _, err := segmenter(); err != nil {
		return nil, fmt.Errorf("load gse dictionary: %w", err)
	}
	shards, err := openShards(dir)
	if err != nil {
		return nil, fmt.Errorf("open index %q: damaged or incomplete (%v); rebuild it with `bisearch index -index %s`", dir, err, dir)
	}
	closeAll := func() {
		for _, s := range shards {
			s.Close()
		}
	}
	raw, err := shards[0].GetInternal([]byte(manifestKey))
	if err != nil || len(raw) == 0 {
		closeAll()
		return nil, fmt.Errorf("open index %q: no bisearch manifest (not a bisearch index, or built by an older version); rebuild it with `bisearch index -index %s`", dir, dir)
	}
	// The alias is given no mapping, so bleve skips its BM25 pre-search:
	// that would pair the total document count with each shard's own term
	// counts and inflate every term's weight. Units go to shards in turn, so
	// each shard's own statistics stand for the whole index's.
	m := shards[0].Mapping()
	idx := bleve.NewIndexAlias(shards...)
	ix := &Index{dir: dir, idx: idx, shards: shards, mapping: m, byID: map[string]int{}}
	if err := json.Unmarshal(raw, &ix.manifest); err != nil {
		closeAll()
		return nil, fmt.Errorf("open index %q: damaged manifest: %v", dir, err)
	}
	for _, d := range ix.manifest.Store {
		info := d.DocInfo
		info.Key, info.Hash = d.Key, d.Hash
		ix.manifest.Docs = append(ix.manifest.Docs, info)
	}
	for i, d := range ix.manifest.Docs {
		ix.byID[d.ID] = i
		ix.units += d.Units
	}
	// a segment lost to damage leaves fewer documents than were indexed
	if n, err := idx.DocCount(); err != nil || n != uint64(ix.units) {
		closeAll()
		return nil, fmt.Errorf("open index %q: damaged: it holds %d of the %d units it was built with (%v); rebuild it with `bisearch index -index %s`", dir, n, ix.units, err, dir)
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

// Docs lists the indexed documents in build order.
func (ix *Index) Docs() []DocInfo { return append([]DocInfo(nil), ix.manifest.Docs...) }

// Counts returns the number of documents and units.
func (ix *Index) Counts() (docs, units int) { return len(ix.manifest.Docs), ix.units }

// Manifest returns what the index knows about its build.
func (ix *Index) Manifest() Manifest { return ix.manifest }

// DocUnit is one unit of a document as stored.
type DocUnit struct {
	ID        string
	Seq       int
	ZH, EN    string
	Section   string
	Score     float64
	Sentences string // the pair's sentence alignment, encoded
}

// Doc returns a document's units in order, or ErrNotFound.
func (ix *Index) Doc(ctx context.Context, id string) (DocInfo, []DocUnit, error) {
	i, ok := ix.byID[id]
	if !ok {
		return DocInfo{}, nil, fmt.Errorf("document %q: %w", id, ErrNotFound)
	}
	info := ix.manifest.Docs[i]
	q := bleve.NewTermQuery(id)
	q.SetField(fieldDoc)
	req := bleve.NewSearchRequestOptions(q, max(info.Units, 1), 0, false)
	req.Fields = []string{fieldSeq, fieldZH, fieldEN, fieldSection, fieldScore, fieldSents}
	req.SortBy([]string{fieldSeq})
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return info, nil, fmt.Errorf("read document %q: %w", id, err)
	}
	units := make([]DocUnit, 0, len(res.Hits))
	for _, h := range res.Hits {
		units = append(units, DocUnit{
			ID:        h.ID,
			Seq:       int(num(h.Fields[fieldSeq])),
			ZH:        str(h.Fields[fieldZH]),
			EN:        str(h.Fields[fieldEN]),
			Section:   str(h.Fields[fieldSection]),
			Score:     num(h.Fields[fieldScore]),
			Sentences: str(h.Fields[fieldSents]),
		})
	}
	return info, units, nil
}

// joinSpans joins the text of the sentences idx of text.
func joinSpans(text string, spans []corpus.Span, idx []int) string {
	var b strings.Builder
	for _, i := range idx {
		b.WriteString(text[spans[i].Start:spans[i].End])
		b.WriteByte(' ')
	}
	return b.String()
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

func str(v interface{}) string {
	s, _ := v.(string)
	return s
}

func num(v interface{}) float64 {
	f, _ := v.(float64)
	return f
}

func init() {
	// bound the expansion of prefix queries: bleve's default is unlimited
	searcher.DisjunctionMaxClauseCount = MaxExpansion
}

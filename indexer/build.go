package indexer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/ingest"
)

// Keys of what a build stores beside the units, in the first shard.
const (
	manifestKey = "bisearch:manifest"
	vocabKey    = "bisearch:vocab"
	assocKey    = "bisearch:assoc"
)

// ShardUnits is how many units a shard holds before the index is split into
// more shards (at most one per core), built and searched in parallel.
var ShardUnits = 250000

// Options tune a build.
type Options struct {
	Progress ingest.Progress
	Shards   int // 0: one per ShardUnits units (when the source tells its size), at most one per core
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
func Build(ctx context.Context, dir string, docs []*corpus.Doc, progress ingest.Progress) (ingest.Stats, error) {
	return BuildFrom(ctx, dir, ingest.Docs(docs), Options{Progress: progress})
}

// BuildFrom indexes the documents of src into a new directory beside dir and
// swaps it into place at dir once complete. The units are split between
// shards (unit i goes to shard i mod n), each written by bleve's offline
// builder into one merged segment, all shards at once.
func BuildFrom(ctx context.Context, dir string, src ingest.Source, opt Options) (ingest.Stats, error) {
	dir = filepath.Clean(dir)
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return ingest.Stats{}, fmt.Errorf("build index %q: %w", dir, err)
	}
	cleanStale(dir)
	tmp := fmt.Sprintf("%s.building-%d-%d", dir, os.Getpid(), time.Now().UnixNano())
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return ingest.Stats{}, fmt.Errorf("build index %q: %w", dir, err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	shards := opt.Shards
	if shards <= 0 {
		units := src.Units
		if units == 0 {
			units = int(src.Bytes / fileBytesPerUnit)
		}
		shards = min(max(1, (units+ShardUnits-1)/ShardUnits), runtime.GOMAXPROCS(0))
	}
	w, err := newWriter(ctx, tmp, shards)
	if err != nil {
		return ingest.Stats{}, err
	}
	st, err := ingest.Build(ctx, src, w, opt.Progress)
	if err != nil {
		w.abort()
		return st, err
	}
	ok = true
	if err := swap(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		return st, err
	}
	return st, nil
}

// fileBytesPerUnit estimates the units of a build whose count is not known
// ahead from the size of its files (a pair of a translation memory takes
// about this much in TSV, less than in TMX).
const fileBytesPerUnit = 300

// writer writes units into the shards of a new index.
type writer struct {
	dir     string
	n       int
	feeds   []chan *ingest.Unit
	results chan error
	closed  bool
	aborted bool // the build failed: the shards are dropped, not closed
}

var errAborted = errors.New("build aborted")

func newWriter(ctx context.Context, dir string, shards int) (*writer, error) {
	m, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	w := &writer{dir: dir, feeds: make([]chan *ingest.Unit, shards), results: make(chan error, shards)}
	// one builder per shard; each runs bleve's analysis and segment
	// building for its units while the others and the preparation run on
	// other cores
	for k := range w.feeds {
		b, err := bleve.NewBuilder(shardDir(dir, k), m, map[string]interface{}{
			"batchSize":       builderBatch,
			"mergeMax":        builderMerge,
			"buildPathPrefix": dir,
		})
		if err != nil {
			w.abort()
			return nil, fmt.Errorf("create index shard %d in %q: %w", k, dir, err)
		}
		w.feeds[k] = make(chan *ingest.Unit, 256)
		go func(k int, b bleve.Builder, in <-chan *ingest.Unit) {
			var err error
			n := 0
			for u := range in {
				if err == nil {
					if e := b.Index(u.ID, fieldsOf(u)); e != nil {
						err = fmt.Errorf("index unit %s: %w", u.ID, e)
					}
					n++
				}
			}
			switch {
			case err != nil:
			case ctx.Err() != nil || w.aborted:
				err = errAborted // the segments written so far go with the directory
			case n == 0:
				// bleve's builder cannot close empty: an empty shard is a new index
				var idx bleve.Index
				if idx, err = bleve.New(shardDir(dir, k)+".empty", m); err == nil {
					idx.Close()
					os.RemoveAll(shardDir(dir, k))
					err = os.Rename(shardDir(dir, k)+".empty", shardDir(dir, k))
				}
			default:
				if e := b.Close(); e != nil {
					err = fmt.Errorf("write index shard: %w", e)
				}
			}
			w.results <- err
		}(k, b, w.feeds[k])
	}
	return w, nil
}

// builderBatch is how many units bleve's offline builder analyses at once
// into one segment (they are merged into one at the end, builderMerge at a
// time). The builder holds a batch's analysis in memory, so the batch is
// small enough that units at their largest (corpus.MaxParagraph a side) stay
// within a few hundred megabytes.
const (
	builderBatch = 256
	builderMerge = 50
)

// fieldsOf is the bleve document of a unit.
func fieldsOf(u *ingest.Unit) map[string]interface{} {
	fields := map[string]interface{}{
		fieldDoc:      u.Doc,
		fieldSeq:      float64(u.Seq),
		fieldDocOrder: float64(u.DocOrder),
	}
	var has []string
	if u.ZH != "" {
		fields[fieldZH] = u.ZH
		fields[fieldZHGram] = u.ZH
		fields[fieldZHChar] = u.ZH
		has = append(has, string(corpus.ZH))
	}
	if u.EN != "" {
		fields[fieldEN] = u.EN
		has = append(has, string(corpus.EN))
	}
	fields[fieldSides] = has
	if u.Section != "" {
		fields[fieldSection] = u.Section
		fields[fieldSectionKW] = u.Section
	}
	if u.Heading {
		fields[fieldHeading] = 1.0
	}
	if u.Paired() {
		fields[fieldScore] = u.Score
		fields[fieldSents] = u.Sentences
		if !u.Heading {
			fields[fieldRank] = "pair"
		}
	}
	return fields
}

// Add implements ingest.Writer.
func (w *writer) Add(u *ingest.Unit) error {
	w.feeds[w.n%len(w.feeds)] <- u
	w.n++
	return nil
}

// close ends the feeds and waits for every shard.
func (w *writer) close() error {
	if w.closed {
		return nil
	}
	w.closed = true
	for _, f := range w.feeds {
		if f != nil {
			close(f)
		}
	}
	var first error
	for _, f := range w.feeds {
		if f == nil {
			continue
		}
		if err := <-w.results; err != nil && first == nil {
			first = err
		}
	}
	return first
}

func (w *writer) abort() {
	w.aborted = true
	w.close()
}

// Finish implements ingest.Writer: the shards are closed, then the meta
// data goes into the first and the layout beside them.
func (w *writer) Finish(ctx context.Context, m ingest.Meta) error {
	if err := w.close(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := writeInternal(shardDir(w.dir, 0), m); err != nil {
		return err
	}
	lb, _ := json.Marshal(layout{Shards: len(w.feeds)})
	if err := os.WriteFile(filepath.Join(w.dir, layoutFile), lb, 0o644); err != nil {
		return fmt.Errorf("write index layout: %w", err)
	}
	return ctx.Err()
}

// writeInternal stores the manifest, the vocabulary and the word
// associations in the first shard.
func writeInternal(path string, m ingest.Meta) (err error) {
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
	}{{manifestKey, "manifest", m.Manifest}, {vocabKey, "vocabulary", m.Vocab}, {assocKey, "word associations", m.Assoc}} {
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

package opensearch

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/ingest"
	"github.com/bisearch/bisearch/search"
)

// Meta documents stored beside the units of an index.
const (
	metaManifest = "_bisearch_manifest"
	metaVocab    = "_bisearch_vocab"
	metaAssoc    = "_bisearch_assoc"
	metaWords    = "_bisearch_zh_words" // the most frequent gse words, for completions
)

// Bulk loading: units per bulk request and requests in flight.
const (
	bulkUnits   = 1000
	bulkWorkers = 2
)

// BuildOptions tune a build.
type BuildOptions struct {
	Progress ingest.Progress
	// Keep is how many older indexes behind the alias to keep after the
	// swap (0: delete them all).
	Keep int
}

// Build bulk-loads the documents of src into a new index, then moves the
// alias to it in one atomic step and deletes the index it replaced:
// searches see the old index or the new one, never a half-built one. On
// failure the new index is deleted and the alias stays where it was.
func Build(ctx context.Context, cfg Config, src ingest.Source, opt BuildOptions) (ingest.Stats, error) {
	c, err := newClient(cfg)
	if err != nil {
		return ingest.Stats{}, err
	}
	defer c.os.Close()
	if err := c.reachable(ctx); err != nil {
		return ingest.Stats{}, err
	}
	name, err := c.createIndex(ctx)
	if err != nil {
		return ingest.Stats{}, err
	}
	w := newBulkWriter(ctx, c, name)
	st, err := ingest.Build(ctx, src, w, opt.Progress)
	if err != nil {
		w.abort()
		c.deleteIndexes(context.WithoutCancel(ctx), name)
		return st, err
	}
	if err := c.swapAlias(ctx, name, opt.Keep); err != nil {
		c.deleteIndexes(context.WithoutCancel(ctx), name)
		return st, err
	}
	return st, nil
}

// reachable checks that the cluster answers, naming it when it does not.
func (c *client) reachable(ctx context.Context) error {
	var h struct {
		Status string `json:"status"`
	}
	if err := c.do(ctx, "GET", request{path: "/_cluster/health"}, &h); err != nil {
		return err
	}
	if h.Status == "red" {
		return fmt.Errorf("%w: the OpenSearch cluster at %s is red (some data is not available)", search.ErrUnavailable, c.cfg.Redacted())
	}
	return nil
}

// createIndex makes a new, empty versioned index.
func (c *client) createIndex(ctx context.Context) (string, error) {
	var rnd [3]byte
	rand.Read(rnd[:])
	name := fmt.Sprintf("%s-v%d-%s-%s", c.cfg.Index, search.Version, time.Now().UTC().Format("20060102-150405"), hex.EncodeToString(rnd[:]))
	body := marshal(map[string]any{"settings": settings(c.cfg.Shards, c.cfg.Replicas), "mappings": mapping()})
	if err := c.do(ctx, "PUT", request{path: "/" + name, body: body}, nil); err != nil {
		return "", fmt.Errorf("create index %s: %w", name, err)
	}
	return name, nil
}

// deleteIndexes deletes indexes, best effort.
func (c *client) deleteIndexes(ctx context.Context, names ...string) {
	for _, n := range names {
		ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		c.do(ctx, "DELETE", request{path: "/" + url.PathEscape(n)}, nil)
		cancel()
	}
}

// aliasTargets lists the indexes the alias points at.
func (c *client) aliasTargets(ctx context.Context) ([]string, error) {
	var out map[string]json.RawMessage
	err := c.do(ctx, "GET", request{path: "/_alias/" + url.PathEscape(c.cfg.Index)}, &out)
	var ae *apiError
	if errors.As(err, &ae) && ae.Status == 404 {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for n := range out {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}

// swapAlias makes the new index searchable, waits until every shard has its
// copies, then moves the alias to it in one step and deletes what it
// replaced.
func (c *client) swapAlias(ctx context.Context, name string, keep int) error {
	body := marshal(map[string]any{"index": map[string]any{"refresh_interval": "1s"}})
	if err := c.do(ctx, "PUT", request{path: "/" + name + "/_settings", body: body}, nil); err != nil {
		return fmt.Errorf("open index %s for searching: %w", name, err)
	}
	if err := c.do(ctx, "POST", request{path: "/" + name + "/_refresh"}, nil); err != nil {
		return fmt.Errorf("refresh index %s: %w", name, err)
	}
	var h struct {
		Status   string `json:"status"`
		TimedOut bool   `json:"timed_out"`
	}
	params := url.Values{"wait_for_status": {"green"}, "timeout": {"120s"}}
	if err := c.do(ctx, "GET", request{path: "/_cluster/health/" + name, params: params}, &h); err != nil {
		return fmt.Errorf("wait for index %s: %w", name, err)
	}
	if h.TimedOut || h.Status == "red" {
		return fmt.Errorf("index %s is %s after two minutes: not every shard has its copies; the alias stays where it was", name, h.Status)
	}
	old, err := c.aliasTargets(ctx)
	if err != nil {
		return fmt.Errorf("read alias %s: %w", c.cfg.Index, err)
	}
	// an index (not an alias) under the alias's name would stop the alias
	var exists map[string]json.RawMessage
	if err := c.do(ctx, "GET", request{path: "/" + url.PathEscape(c.cfg.Index)}, &exists); err == nil {
		if _, isIndex := exists[c.cfg.Index]; isIndex && len(old) == 0 {
			return fmt.Errorf("the cluster has an index named %s, which bisearch needs as an alias: rename it or give bisearch another -opensearch-index", c.cfg.Index)
		}
	}
	actions := []any{map[string]any{"add": map[string]any{"index": name, "alias": c.cfg.Index}}}
	for _, o := range old {
		actions = append(actions, map[string]any{"remove": map[string]any{"index": o, "alias": c.cfg.Index}})
	}
	if err := c.do(ctx, "POST", request{path: "/_aliases", body: marshal(map[string]any{"actions": actions})}, nil); err != nil {
		return fmt.Errorf("move alias %s to %s: %w", c.cfg.Index, name, err)
	}
	if len(old) > keep {
		c.deleteIndexes(context.WithoutCancel(ctx), old[:len(old)-keep]...)
	}
	return nil
}

// bulkWriter implements ingest.Writer: units go in batches to the _bulk
// API, a few requests in flight; items the cluster refuses for load (429)
// or failure (5xx) are sent again after a pause that grows.
type bulkWriter struct {
	ctx   context.Context
	c     *client
	index string
	batch []*ingest.Unit
	jobs  chan []*ingest.Unit
	wg    sync.WaitGroup

	mu     sync.Mutex
	err    error
	words  map[string]int // gse words of two or more characters, for completions
	closed bool
}

func newBulkWriter(ctx context.Context, c *client, index string) *bulkWriter {
	w := &bulkWriter{ctx: ctx, c: c, index: index, jobs: make(chan []*ingest.Unit, bulkWorkers), words: map[string]int{}}
	for i := 0; i < bulkWorkers; i++ {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			for b := range w.jobs {
				if w.failed() != nil {
					continue
				}
				if err := w.send(b); err != nil {
					w.fail(err)
				}
			}
		}()
	}
	return w
}

func (w *bulkWriter) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

func (w *bulkWriter) fail(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = err
	}
}

// Add implements ingest.Writer.
func (w *bulkWriter) Add(u *ingest.Unit) error {
	if err := w.failed(); err != nil {
		return err
	}
	w.batch = append(w.batch, u)
	if len(w.batch) >= bulkUnits {
		w.jobs <- w.batch
		w.batch = nil
	}
	return nil
}

func (w *bulkWriter) flush() error {
	if len(w.batch) > 0 && w.failed() == nil {
		w.jobs <- w.batch
	}
	w.batch = nil
	if !w.closed {
		w.closed = true
		close(w.jobs)
	}
	w.wg.Wait()
	return w.failed()
}

func (w *bulkWriter) abort() {
	w.fail(errors.New("build aborted"))
	w.flush()
}

// unitDoc is the document of a unit.
func unitDoc(u *ingest.Unit, words []string) map[string]any {
	d := map[string]any{
		fieldKind: "unit", fieldDoc: u.Doc, fieldSeq: u.Seq, fieldDocOrder: u.DocOrder,
	}
	var sides []string
	if u.ZH != "" {
		d[fieldZH] = u.ZH
		d[fieldZHGram] = searchForm(u.ZH)
		d[fieldZHWords] = strings.Join(words, " ")
		sides = append(sides, string(corpus.ZH))
	}
	if u.EN != "" {
		d[fieldEN] = u.EN
		sides = append(sides, string(corpus.EN))
	}
	d[fieldSides] = sides
	if u.Section != "" {
		d[fieldSection] = u.Section
		d[fieldSectionK] = u.Section
	}
	if u.Heading {
		d[fieldHeading] = true
	}
	if u.Paired() {
		d[fieldAlign] = u.Score
		d[fieldSents] = u.Sentences
		if !u.Heading {
			d[fieldRank] = "pair"
		}
	}
	return d
}

// gseWords are the gse words of a Chinese paragraph (folded), as the
// ranking field holds them.
func gseWords(text string) []string {
	s, err := analysis.Segmenter()
	if err != nil {
		return nil
	}
	ts := analysis.Words(s, text)
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Term
	}
	return out
}

// send encodes a batch (on every core) and sends it, again for the items
// refused for load, until all are in.
func (w *bulkWriter) send(batch []*ingest.Unit) error {
	lines := make([][]byte, len(batch))
	counts := make([]map[string]int, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for k := range counts {
		counts[k] = map[string]int{}
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			for i := k; i < len(batch); i += len(counts) {
				u := batch[i]
				var words []string
				if u.ZH != "" {
					words = gseWords(u.ZH)
					for _, wd := range words {
						if utf8.RuneCountInString(wd) >= 2 && analysis.HasHan(wd) {
							counts[k][wd]++
						}
					}
				}
				var b bytes.Buffer
				b.Write(marshal(map[string]any{"index": map[string]any{"_index": w.index, "_id": u.ID}}))
				b.WriteByte('\n')
				b.Write(marshal(unitDoc(u, words)))
				b.WriteByte('\n')
				lines[i] = b.Bytes()
			}
		}(k)
	}
	wg.Wait()
	w.mu.Lock()
	for _, m := range counts {
		for wd, n := range m {
			w.words[wd] += n
		}
	}
	w.mu.Unlock()
	pending := lines
	wait := 200 * time.Millisecond
	for attempt := 0; ; attempt++ {
		var again [][]byte
		err := retry(w.ctx, func() error {
			var err error
			again, err = w.bulk(pending)
			return err
		})
		if err != nil {
			return fmt.Errorf("bulk load into %s: %w", w.index, err)
		}
		if len(again) == 0 {
			return nil
		}
		if attempt == 20 {
			return fmt.Errorf("bulk load into %s: the cluster kept refusing %d units for load", w.index, len(again))
		}
		select {
		case <-w.ctx.Done():
			return w.ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 10*time.Second)
		pending = again
	}
}

// bulk sends items once; it returns the items to send again (refused for
// load) or the first error a retry will not mend.
func (w *bulkWriter) bulk(items [][]byte) ([][]byte, error) {
	var body bytes.Buffer
	for _, it := range items {
		body.Write(it)
	}
	var resp struct {
		Errors bool `json:"errors"`
		Items  []map[string]struct {
			ID     string          `json:"_id"`
			Status int             `json:"status"`
			Error  json.RawMessage `json:"error"`
		} `json:"items"`
	}
	if err := w.c.do(w.ctx, "POST", request{path: "/_bulk", body: body.Bytes(), ndjson: true}, &resp); err != nil {
		return nil, err
	}
	if !resp.Errors {
		return nil, nil
	}
	var again [][]byte
	for i, it := range resp.Items {
		for _, r := range it {
			switch {
			case r.Status < 300:
			case r.Status == 429 || r.Status >= 500:
				if i < len(items) {
					again = append(again, items[i])
				}
			default:
				return nil, fmt.Errorf("unit %s refused (%d): %s", r.ID, r.Status, w.c.scrub(string(r.Error)))
			}
		}
	}
	return again, nil
}

// Finish implements ingest.Writer: the last units go in, then the meta
// documents.
func (w *bulkWriter) Finish(ctx context.Context, m ingest.Meta) error {
	if err := w.flush(); err != nil {
		return err
	}
	words := make([]search.VocabEntry, 0, len(w.words))
	for wd, n := range w.words {
		words = append(words, search.VocabEntry{Word: wd, Count: n})
	}
	sort.Slice(words, func(i, j int) bool {
		if words[i].Count != words[j].Count {
			return words[i].Count > words[j].Count
		}
		return words[i].Word < words[j].Word
	})
	if len(words) > search.VocabSize {
		words = words[:search.VocabSize]
	}
	for _, md := range []struct {
		id  string
		val any
	}{{metaManifest, m.Manifest}, {metaVocab, m.Vocab}, {metaAssoc, m.Assoc}, {metaWords, words}} {
		body := marshal(map[string]any{fieldKind: "meta", fieldMeta: map[string]any{"value": md.val}})
		err := retry(ctx, func() error {
			return w.c.do(ctx, "PUT", request{path: "/" + w.index + "/_doc/" + md.id, body: body}, nil)
		})
		if err != nil {
			return fmt.Errorf("store %s in %s: %w", strings.TrimPrefix(md.id, "_bisearch_"), w.index, err)
		}
	}
	return nil
}

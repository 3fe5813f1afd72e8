package opensearch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/reading"
	"github.com/bisearch/bisearch/search"
)

// Engine serves searches from the index the alias points at. It keeps no
// state but what it read from the cluster, so any number of them can serve
// the same index behind a load balancer.
type Engine struct {
	c      *client
	cur    atomic.Pointer[state]
	reload sync.Mutex
}

// state is one index and what bisearch knows of it.
type state struct {
	e     *Engine
	index string // the concrete index the alias pointed at when loaded
	meta  *search.Meta
	words []search.VocabEntry // the most frequent gse words, for completions
}

// Open connects to the cluster and loads the index behind the alias. A
// cluster that cannot be reached is an error naming its addresses (never
// a credential); an alias that points nowhere is search.ErrNoIndex; an
// index written by another version of bisearch is search.ErrIncompatible.
func Open(ctx context.Context, cfg Config) (*Engine, error) {
	c, err := newClient(cfg)
	if err != nil {
		return nil, err
	}
	e := &Engine{c: c}
	if err := c.reachable(ctx); err != nil {
		c.os.Close()
		return nil, err
	}
	st, err := e.load(ctx)
	if err != nil {
		c.os.Close()
		return nil, err
	}
	e.cur.Store(st)
	return e, nil
}

// load reads the index the alias points at now.
func (e *Engine) load(ctx context.Context) (*state, error) {
	targets, err := e.c.aliasTargets(ctx)
	if err != nil {
		return nil, fmt.Errorf("read alias %s on %s: %w", e.c.cfg.Index, e.c.cfg.Redacted(), err)
	}
	if len(targets) == 0 {
		return nil, fmt.Errorf("OpenSearch at %s: no index behind alias %s: %w; build one with `bisearch index -opensearch URL`", e.c.cfg.Redacted(), e.c.cfg.Index, search.ErrNoIndex)
	}
	return e.loadIndex(ctx, targets[len(targets)-1])
}

func (e *Engine) loadIndex(ctx context.Context, index string) (*state, error) {
	rebuild := "rebuild it with `bisearch index -opensearch URL`"
	var m map[string]struct {
		Mappings struct {
			Meta struct {
				Bisearch struct {
					Version int `json:"version"`
				} `json:"bisearch"`
			} `json:"_meta"`
		} `json:"mappings"`
	}
	if err := e.c.do(ctx, "GET", request{path: "/" + url.PathEscape(index) + "/_mapping"}, &m); err != nil {
		return nil, fmt.Errorf("read index %s: %w", index, err)
	}
	if v := m[index].Mappings.Meta.Bisearch.Version; v != search.Version {
		return nil, fmt.Errorf("index %s on %s: %w (layout %d, this bisearch reads %d); %s", index, e.c.cfg.Redacted(), search.ErrIncompatible, v, search.Version, rebuild)
	}
	var man search.Manifest
	if err := e.c.metaDoc(ctx, index, metaManifest, &man); err != nil {
		return nil, fmt.Errorf("index %s: no bisearch manifest (%v); %s", index, err, rebuild)
	}
	if man.Version != search.Version {
		return nil, fmt.Errorf("index %s: %w; %s", index, search.ErrIncompatible, rebuild)
	}
	st := &state{e: e, index: index}
	bg := context.WithoutCancel(ctx)
	st.meta = search.NewMeta(man, func() []search.VocabEntry {
		var v []search.VocabEntry
		e.c.metaDoc(bg, index, metaVocab, &v)
		return v
	}, func() reading.Assoc {
		var a reading.Assoc
		e.c.metaDoc(bg, index, metaAssoc, &a)
		return a
	})
	if err := e.c.metaDoc(ctx, index, metaWords, &st.words); err != nil {
		return nil, fmt.Errorf("index %s: %v; %s", index, err, rebuild)
	}
	return st, nil
}

// metaDoc reads a meta document's value into out.
func (c *client) metaDoc(ctx context.Context, index, id string, out any) error {
	var doc struct {
		Found  bool `json:"found"`
		Source struct {
			Meta struct {
				Value json.RawMessage `json:"value"`
			} `json:"meta"`
		} `json:"_source"`
	}
	err := retry(ctx, func() error {
		return c.do(ctx, "GET", request{path: "/" + url.PathEscape(index) + "/_doc/" + id}, &doc)
	})
	if err != nil {
		return err
	}
	if !doc.Found || len(doc.Source.Meta.Value) == 0 {
		return fmt.Errorf("%s not found", strings.TrimPrefix(id, "_bisearch_"))
	}
	return json.Unmarshal(doc.Source.Meta.Value, out)
}

// Reload loads the index the alias points at now, if it changed; it reports
// whether it did. On error the index in service stays.
func (e *Engine) Reload(ctx context.Context) (bool, error) {
	e.reload.Lock()
	defer e.reload.Unlock()
	targets, err := e.c.aliasTargets(ctx)
	if err != nil {
		return false, fmt.Errorf("read alias %s: %w", e.c.cfg.Index, err)
	}
	if len(targets) == 0 {
		return false, fmt.Errorf("alias %s points at no index", e.c.cfg.Index)
	}
	if cur := e.cur.Load(); cur != nil && cur.index == targets[len(targets)-1] {
		return false, nil
	}
	st, err := e.loadIndex(ctx, targets[len(targets)-1])
	if err != nil {
		return false, err
	}
	e.cur.Store(st)
	return true, nil
}

// Watch reloads whenever the alias moves, checking every interval, until
// ctx is done; each reload is told to report.
func (e *Engine) Watch(ctx context.Context, interval time.Duration, report func(reloaded bool, err error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			rctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			ok, err := e.Reload(rctx)
			cancel()
			if ok || err != nil {
				report(ok, err)
			}
		}
	}
}

// Close lets go of the cluster.
func (e *Engine) Close() error { return e.c.os.Close() }

// Index is the concrete index in service.
func (e *Engine) Index() string { return e.cur.Load().index }

// Docs lists the documents of the index in service.
func (e *Engine) Docs() []search.DocInfo { return e.cur.Load().meta.Docs() }

// Counts returns the documents and units of the index in service.
func (e *Engine) Counts() (docs, units int) { return e.cur.Load().meta.Counts() }

// Manifest returns the build information of the index in service.
func (e *Engine) Manifest() search.Manifest { return e.cur.Load().meta.Manifest() }

// Meta is what the index in service knows of its documents and words.
func (e *Engine) Meta() *search.Meta { return e.cur.Load().meta }

// withState runs f on the index in service; when that index is gone (a
// build replaced it and deleted it), the new one is loaded and f runs again.
func withState[T any](ctx context.Context, e *Engine, f func(*state) (T, error)) (T, error) {
	st := e.cur.Load()
	v, err := f(st)
	var ae *apiError
	if errors.As(err, &ae) && ae.Type == "index_not_found_exception" {
		e.Reload(ctx) // here, or by another search meanwhile
		if now := e.cur.Load(); now.index != st.index {
			return f(now)
		}
	}
	return v, err
}

// Search runs a request on the index in service.
func (e *Engine) Search(ctx context.Context, req query.Request) (*search.Result, error) {
	return withState(ctx, e, func(st *state) (*search.Result, error) { return search.Run(ctx, st, req) })
}

// Ready reports whether the cluster is not red and a real search answers.
func (e *Engine) Ready(ctx context.Context) error {
	var h struct {
		Status string `json:"status"`
	}
	if err := e.c.do(ctx, "GET", request{path: "/_cluster/health"}, &h); err != nil {
		return err
	}
	if h.Status == "red" {
		return fmt.Errorf("%w: the cluster is red", search.ErrUnavailable)
	}
	_, err := withState(ctx, e, func(st *state) (uint64, error) {
		return st.count(ctx, map[string]any{"term": map[string]any{fieldKind: "unit"}})
	})
	return err
}

// Doc returns a page of a document's units in order.
func (e *Engine) Doc(ctx context.Context, id string, from, size int) (search.DocInfo, []search.Unit, error) {
	type page struct {
		info  search.DocInfo
		units []search.Unit
	}
	p, err := withState(ctx, e, func(st *state) (page, error) {
		info, units, err := st.doc(ctx, id, from, size)
		return page{info, units}, err
	})
	return p.info, p.units, err
}

// MaxDocPage is how many units one page of a document holds at most.
const MaxDocPage = 1000

func (st *state) doc(ctx context.Context, id string, from, size int) (search.DocInfo, []search.Unit, error) {
	info, ok := st.meta.Doc(id)
	if !ok {
		return search.DocInfo{}, nil, fmt.Errorf("document %q: %w", id, search.ErrNotFound)
	}
	if size <= 0 || size > MaxDocPage {
		size = MaxDocPage
	}
	if from < 0 || from >= info.Units {
		return info, []search.Unit{}, nil
	}
	// seq counts the units of a document from 0: a range, not a deep page
	body := map[string]any{
		"size": size,
		"sort": []any{map[string]any{fieldSeq: "asc"}},
		"query": map[string]any{"bool": map[string]any{"filter": []any{
			map[string]any{"term": map[string]any{fieldDoc: id}},
			map[string]any{"term": map[string]any{fieldKind: "unit"}},
			map[string]any{"range": map[string]any{fieldSeq: map[string]any{"gte": from}}},
		}}},
	}
	res, err := st.search(ctx, body, false)
	if err != nil {
		return info, nil, fmt.Errorf("read document %q: %w", id, err)
	}
	return info, res.units(), nil
}

// Complete lists completions of a prefix: Latin words from the corpus
// vocabulary, or gse words of the Chinese side, the most frequent first.
func (e *Engine) Complete(ctx context.Context, prefix string, n int) ([]string, error) {
	st := e.cur.Load()
	p := strings.TrimSpace(analysis.FoldString(prefix))
	n = max(1, min(n, search.MaxCompletions))
	if p == "" {
		return []string{}, nil
	}
	if !analysis.HasHan(p) {
		return st.meta.CompleteLatin(p, n), nil
	}
	out := []string{}
	for _, w := range st.words {
		if strings.HasPrefix(w.Word, p) && w.Word != p {
			out = append(out, w.Word)
			if len(out) == n {
				break
			}
		}
	}
	return out, nil
}

// hit is a hit as the cluster returns it.
type hit struct {
	ID     string            `json:"_id"`
	Score  float64           `json:"_score"`
	Sort   []json.RawMessage `json:"sort"` // for search_after
	Source struct {
		Doc     string  `json:"doc"`
		Seq     int     `json:"seq"`
		ZH      string  `json:"zh"`
		EN      string  `json:"en"`
		Section string  `json:"section"`
		Heading bool    `json:"heading"`
		Align   float64 `json:"align"`
		Sents   string  `json:"sents"`
	} `json:"_source"`
}

// searchResponse is the part of a search's answer bisearch reads.
type searchResponse struct {
	TimedOut bool `json:"timed_out"`
	Shards   struct {
		Total, Successful, Failed int
	} `json:"_shards"`
	Hits struct {
		Total struct {
			Value int `json:"value"`
		} `json:"total"`
		Hits []hit `json:"hits"`
	} `json:"hits"`
	Aggregations map[string]json.RawMessage `json:"aggregations"`
}

func (r *searchResponse) units() []search.Unit {
	out := make([]search.Unit, 0, len(r.Hits.Hits))
	for _, h := range r.Hits.Hits {
		s := h.Source
		out = append(out, search.Unit{ID: h.ID, Doc: s.Doc, Score: h.Score, Unit: corpus.Unit{
			Seq: s.Seq, ZH: s.ZH, EN: s.EN, Section: s.Section, Heading: s.Heading, Score: s.Align, Sentences: s.Sents,
		}})
	}
	return out
}

// search runs a search body on the index, retried while the cluster cannot
// answer (a node gone, shards moving) and the request's time lasts. Every
// shard must answer: a partial count is never shown as the total.
func (st *state) search(ctx context.Context, body map[string]any, dfs bool) (*searchResponse, error) {
	params := url.Values{"allow_partial_search_results": {"false"}}
	if dfs {
		// every shard scores with the whole index's term statistics
		params.Set("search_type", "dfs_query_then_fetch")
	}
	if dl, ok := ctx.Deadline(); ok {
		if left := time.Until(dl); left > 0 {
			params.Set("timeout", fmt.Sprintf("%dms", left.Milliseconds()))
		}
	}
	b := marshal(body)
	var res searchResponse
	err := retry(ctx, func() error {
		res = searchResponse{}
		if err := st.e.c.do(ctx, "POST", request{path: "/" + url.PathEscape(st.index) + "/_search", params: params, body: b}, &res); err != nil {
			return err
		}
		if res.Shards.Failed > 0 || res.TimedOut {
			return fmt.Errorf("%w: %d of %d shards did not answer", search.ErrUnavailable, res.Shards.Failed, res.Shards.Total)
		}
		return nil
	})
	if err != nil {
		if ctx.Err() != nil && !unavailable(err) {
			return nil, ctx.Err()
		}
		if unavailable(err) && !errors.Is(err, search.ErrUnavailable) {
			err = fmt.Errorf("%w: %v", search.ErrUnavailable, err)
		}
		return nil, err
	}
	return &res, nil
}

// count counts the units a query matches.
func (st *state) count(ctx context.Context, q map[string]any) (uint64, error) {
	res, err := st.search(ctx, map[string]any{"size": 0, "track_total_hits": true, "query": q}, false)
	if err != nil {
		return 0, err
	}
	return uint64(res.Hits.Total.Value), nil
}

// sortedKeys lists a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Exists reports whether the alias points at an index; an error when the
// cluster cannot be reached.
func Exists(ctx context.Context, cfg Config) (bool, error) {
	c, err := newClient(cfg)
	if err != nil {
		return false, err
	}
	defer c.os.Close()
	if err := c.reachable(ctx); err != nil {
		return false, err
	}
	targets, err := c.aliasTargets(ctx)
	return len(targets) > 0, err
}

// Examples lists queries that find something in the index in service.
func (e *Engine) Examples(_ context.Context, n int) ([]string, error) {
	st := e.cur.Load()
	return st.meta.Examples(st.words, n), nil
}

// Translations counts how a one-term query is translated in the index in
// service.
func (e *Engine) Translations(ctx context.Context, req query.Request) (*search.Translations, error) {
	return withState(ctx, e, func(st *state) (*search.Translations, error) { return search.TranslationsOfTerm(ctx, st, req) })
}

// Use runs f with the index in service as a search.Backend (again on the
// new index when a build replaced it meanwhile).
func (e *Engine) Use(ctx context.Context, f func(search.Backend) error) error {
	_, err := withState(ctx, e, func(st *state) (struct{}, error) { return struct{}{}, f(st) })
	return err
}

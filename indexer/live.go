package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
)

// Live is an index that can be replaced while it serves: searches in flight
// finish on the index they started on, new ones go to the new one at once,
// and the old one is closed when its last search returns. A reload never
// waits for searches. A server keeps one Live for its whole life and reloads
// it when `bisearch index` has swapped a new index into the same directory.
type Live struct {
	dir    string
	cur    atomic.Pointer[handle]
	reload sync.Mutex // one reload at a time
}

// handle is an open index and how many hold it: one for being in service,
// one per search using it.
type handle struct {
	ix   *Index
	ino  uint64 // the directory's inode when it was opened
	refs atomic.Int64
}

func (h *handle) release() {
	if h.refs.Add(-1) == 0 {
		h.ix.Close()
	}
}

// ErrClosed is what a closed Live answers.
var ErrClosed = errors.New("index closed")

func inode(dir string) uint64 {
	if st, err := os.Stat(dir); err == nil {
		if sys, ok := st.Sys().(*syscall.Stat_t); ok {
			return sys.Ino
		}
	}
	return 0
}

// OpenLive opens the index at dir for serving.
func OpenLive(dir string) (*Live, error) {
	ino := inode(dir)
	ix, err := Open(dir)
	if err != nil {
		return nil, err
	}
	l := &Live{dir: dir}
	h := &handle{ix: ix, ino: ino}
	h.refs.Store(1)
	l.cur.Store(h)
	return l, nil
}

// acquire takes the index in service for one use; release it after.
func (l *Live) acquire() (*handle, error) {
	for {
		h := l.cur.Load()
		if h == nil {
			return nil, ErrClosed
		}
		n := h.refs.Load()
		if n <= 0 {
			continue // being retired: the new one is in cur already
		}
		if h.refs.CompareAndSwap(n, n+1) {
			return h, nil
		}
	}
}

// Reload opens the index now at the directory and puts it in service; it
// reports whether anything changed. On error the index in service stays.
func (l *Live) Reload() (bool, error) {
	l.reload.Lock()
	defer l.reload.Unlock()
	if !l.Changed() {
		return false, nil
	}
	ino := inode(l.dir)
	ix, err := Open(l.dir)
	if err != nil {
		return false, fmt.Errorf("reload: %w", err)
	}
	h := &handle{ix: ix, ino: ino}
	h.refs.Store(1)
	old := l.cur.Swap(h)
	if old != nil {
		old.release() // closed now, or when its last search returns
	}
	return true, nil
}

// Changed reports whether the directory holds another index than the one in
// service.
func (l *Live) Changed() bool {
	ino := inode(l.dir)
	h := l.cur.Load()
	return ino != 0 && h != nil && ino != h.ino
}

// Watch reloads the index whenever the directory changes, checking every
// interval, until ctx is done; each reload is told to report.
func (l *Live) Watch(ctx context.Context, interval time.Duration, report func(reloaded bool, err error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if l.Changed() {
				ok, err := l.Reload()
				report(ok, err)
			}
		}
	}
}

// Close takes the index out of service; it is closed once the searches
// using it have returned.
func (l *Live) Close() error {
	if h := l.cur.Swap(nil); h != nil {
		h.release()
	}
	return nil
}

// with runs f on the index in service.
func with[T any](l *Live, f func(*Index) (T, error)) (T, error) {
	h, err := l.acquire()
	if err != nil {
		var zero T
		return zero, err
	}
	defer h.release()
	return f(h.ix)
}

// Search runs a request on the index in service.
func (l *Live) Search(ctx context.Context, req query.Request) (*search.Result, error) {
	return with(l, func(ix *Index) (*search.Result, error) { return ix.Search(ctx, req) })
}

// Docs lists the documents of the index in service.
func (l *Live) Docs() []search.DocInfo {
	d, _ := with(l, func(ix *Index) ([]search.DocInfo, error) { return ix.Docs(), nil })
	return d
}

// Doc returns a page of a document of the index in service.
func (l *Live) Doc(ctx context.Context, id string, from, size int) (search.DocInfo, []search.Unit, error) {
	type page struct {
		info  search.DocInfo
		units []search.Unit
	}
	p, err := with(l, func(ix *Index) (page, error) {
		info, units, err := ix.Doc(ctx, id, from, size)
		return page{info, units}, err
	})
	return p.info, p.units, err
}

// Counts returns the documents and units of the index in service.
func (l *Live) Counts() (docs, units int) {
	c, _ := with(l, func(ix *Index) ([2]int, error) { d, u := ix.Counts(); return [2]int{d, u}, nil })
	return c[0], c[1]
}

// Manifest returns the build information of the index in service.
func (l *Live) Manifest() search.Manifest {
	m, _ := with(l, func(ix *Index) (search.Manifest, error) { return ix.Manifest(), nil })
	return m
}

// Complete lists completions from the index in service.
func (l *Live) Complete(ctx context.Context, prefix string, n int) ([]string, error) {
	return with(l, func(ix *Index) ([]string, error) { return ix.Complete(ctx, prefix, n) })
}

// Ready reports whether the index in service answers a search.
func (l *Live) Ready(ctx context.Context) error {
	_, err := with(l, func(ix *Index) (struct{}, error) { return struct{}{}, ix.Ready(ctx) })
	return err
}

// Examples lists queries that find something in the index in service.
func (l *Live) Examples(ctx context.Context, n int) ([]string, error) {
	return with(l, func(ix *Index) ([]string, error) { return ix.Examples(ctx, n) })
}

// Translations counts how a one-term query is translated in the index in
// service.
func (l *Live) Translations(ctx context.Context, req query.Request) (*search.Translations, error) {
	return with(l, func(ix *Index) (*search.Translations, error) { return ix.Translations(ctx, req) })
}

// Use runs f with the index in service, held (not closed by a reload) for
// as long as f runs.
func (l *Live) Use(ctx context.Context, f func(search.Backend) error) error {
	_, err := with(l, func(ix *Index) (struct{}, error) { return struct{}{}, ix.Use(ctx, f) })
	return err
}

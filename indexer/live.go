package indexer

import (
	"context"
	"fmt"
	"os"
	"sync"
	"syscall"
	"time"
)

// Live is an index that can be replaced while it serves: searches in flight
// finish on the index they started on, new ones go to the new one, and the
// old one is closed once nobody uses it. A server keeps one Live for its
// whole life and reloads it when `bisearch index` has swapped a new index
// into the same directory.
type Live struct {
	dir string
	mu  sync.RWMutex
	cur *Index
	id  dirID
}

// dirID tells one built index directory from the next at the same path.
type dirID struct {
	ino   uint64
	built time.Time
}

func idOf(dir string, ix *Index) dirID {
	id := dirID{built: ix.manifest.Built}
	if st, err := os.Stat(dir); err == nil {
		if sys, ok := st.Sys().(*syscall.Stat_t); ok {
			id.ino = sys.Ino
		}
	}
	return id
}

// OpenLive opens the index at dir for serving.
func OpenLive(dir string) (*Live, error) {
	ix, err := Open(dir)
	if err != nil {
		return nil, err
	}
	return &Live{dir: dir, cur: ix, id: idOf(dir, ix)}, nil
}

// Reload opens the index now at the directory and puts it in service; it
// reports whether anything changed. On error the index in service stays.
func (l *Live) Reload() (bool, error) {
	if !l.Changed() {
		return false, nil
	}
	ix, err := Open(l.dir)
	if err != nil {
		return false, fmt.Errorf("reload: %w", err)
	}
	l.mu.Lock()
	old := l.cur
	l.cur, l.id = ix, idOf(l.dir, ix)
	l.mu.Unlock() // searches on the old index have all returned
	old.Close()
	return true, nil
}

// Changed reports whether the directory holds another index than the one in
// service.
func (l *Live) Changed() bool {
	st, err := os.Stat(l.dir)
	if err != nil {
		return false // mid-swap, or gone: keep serving what we have
	}
	l.mu.RLock()
	id := l.id
	l.mu.RUnlock()
	if sys, ok := st.Sys().(*syscall.Stat_t); ok && sys.Ino != id.ino {
		return true
	}
	return false
}

// Watch reloads the index whenever the directory changes, checking every
// interval, until ctx is done; errors go to report.
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

// Close closes the index in service.
func (l *Live) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.cur.Close()
}

// Search runs a query on the index in service.
func (l *Live) Search(ctx context.Context, q Query) (*Result, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.cur.Search(ctx, q)
}

// Docs lists the documents of the index in service.
func (l *Live) Docs() []DocInfo {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.cur.Docs()
}

// Doc returns a document of the index in service.
func (l *Live) Doc(ctx context.Context, id string) (DocInfo, []DocUnit, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.cur.Doc(ctx, id)
}

// Counts returns the documents and units of the index in service.
func (l *Live) Counts() (docs, units int) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.cur.Counts()
}

// Manifest returns the build information of the index in service.
func (l *Live) Manifest() Manifest {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.cur.Manifest()
}

// Complete lists completions from the index in service.
func (l *Live) Complete(prefix string, n int) []string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.cur.Complete(prefix, n)
}

package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ErrLocked is returned by Lock when another process builds into the same
// index directory.
var ErrLocked = errors.New("another build holds the index")

// Lock takes the build lock of the index directory dir: an OS lock on
// dir.lock, so that two builds into one directory cannot replace each
// other's index. The lock goes with the process, so a build that was killed
// leaves nothing to clean up. With wait, Lock waits until the lock is free
// (or ctx is done); without, it fails at once with ErrLocked, naming the
// process that holds it.
func Lock(ctx context.Context, dir string, wait bool) (unlock func(), err error) {
	dir = filepath.Clean(dir)
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, fmt.Errorf("lock index %q: %w", dir, err)
	}
	path := dir + ".lock"
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock index %q: %w", dir, err)
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("lock index %q: %w", dir, err)
		}
		if !wait {
			holder := "another process"
			if b, err := os.ReadFile(path); err == nil {
				if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
					holder = fmt.Sprintf("process %d", pid)
				}
			}
			f.Close()
			return nil, fmt.Errorf("%w: %s is building into %s (wait for it, or pass -wait)", ErrLocked, holder, dir)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return func() {
		f.Truncate(0)
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

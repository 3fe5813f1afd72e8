package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLock: a second build of the same directory is refused, naming the
// process that holds it, or waits; a lock held by a process that was
// killed is free again.
func TestLock(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	unlock, err := Lock(context.Background(), dir, false)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Lock(context.Background(), dir, false)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), fmt.Sprintf("process %d", os.Getpid())) || !strings.Contains(err.Error(), "-wait") {
		t.Errorf("second lock: %v", err)
	}
	got := make(chan error, 1)
	go func() {
		u, err := Lock(context.Background(), dir, true)
		if err == nil {
			u()
		}
		got <- err
	}()
	select {
	case err := <-got:
		t.Fatalf("the waiting lock returned %v while the first was held", err)
	case <-time.After(300 * time.Millisecond):
	}
	unlock()
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the waiting lock did not get the lock once it was free")
	}

	// a process that holds the lock and is killed leaves it free
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHelper$")
	cmd.Env = append(os.Environ(), "BISEARCH_LOCK_HELPER="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 6)
	if _, err := out.Read(buf); err != nil || string(buf) != "locked" {
		t.Fatalf("helper: %q %v", buf, err)
	}
	if _, err := Lock(context.Background(), dir, false); !errors.Is(err, ErrLocked) {
		t.Fatalf("while the helper holds it: %v", err)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	u, err := Lock(context.Background(), dir, false)
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	u()
}

// TestLockHelper holds the lock of the directory named in
// BISEARCH_LOCK_HELPER until killed (a child of TestLock).
func TestLockHelper(t *testing.T) {
	dir := os.Getenv("BISEARCH_LOCK_HELPER")
	if dir == "" {
		t.Skip("a helper process of TestLock")
	}
	if _, err := Lock(context.Background(), dir, false); err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("locked")
	time.Sleep(time.Minute)
}

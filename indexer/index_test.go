package indexer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/query"
)

// TestDamagedIndex damages a built index in the ways a crash or a disk can,
// and checks that opening (and searching) it gives a clear error, never a
// panic.
func TestDamagedIndex(t *testing.T) {
	damage := map[string]func(t *testing.T, dir string){
		"no meta file": func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "shard-0", "index_meta.json"))
		},
		"garbage meta file": func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "shard-0", "index_meta.json"), []byte("{not json"), 0o644)
		},
		"no store": func(t *testing.T, dir string) {
			os.RemoveAll(filepath.Join(dir, "shard-0", "store"))
		},
		"garbage root": func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "shard-0", "store", "root.bolt"), []byte(strings.Repeat("x", 4096)), 0o600)
		},
		"truncated segment": func(t *testing.T, dir string) {
			segs, _ := filepath.Glob(filepath.Join(dir, "shard-0", "store", "*.zap"))
			if len(segs) == 0 {
				t.Fatal("no segment to damage")
			}
			os.Truncate(segs[0], 100)
		},
		"garbage segment": func(t *testing.T, dir string) {
			segs, _ := filepath.Glob(filepath.Join(dir, "shard-0", "store", "*.zap"))
			b, _ := os.ReadFile(segs[0])
			for i := len(b) / 3; i < len(b)/3+4096 && i < len(b); i++ {
				b[i] ^= 0x5a
			}
			os.WriteFile(segs[0], b, 0o600)
		},
		"garbage layout file": func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "bisearch.json"), []byte(`{"shards": -1}`), 0o644)
		},
		"shard missing": func(t *testing.T, dir string) {
			os.RemoveAll(filepath.Join(dir, "shard-0"))
		},
		"empty directory": func(t *testing.T, dir string) {
			os.RemoveAll(dir)
			os.MkdirAll(dir, 0o755)
		},
	}
	doc := mustSample(t)
	for name, fn := range damage {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "index")
			if _, err := Build(context.Background(), dir, []*corpus.Doc{doc}, nil); err != nil {
				t.Fatal(err)
			}
			fn(t, dir)
			ix, err := Open(dir)
			if err != nil {
				if !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "bisearch index") {
					t.Errorf("unclear error: %v", err)
				}
				return
			}
			defer ix.Close()
			// opened: searching must still not panic, and fail clearly if at all
			for _, q := range []string{"海关", "customs", "知识产权"} {
				if _, err := ix.Search(context.Background(), query.Request{Text: q}); err != nil && strings.Contains(err.Error(), "panic") {
					t.Errorf("search %s: %v", q, err)
				}
			}
			t.Logf("%s: opened; damage found only when read", name)
		})
	}
}

package indexer

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/query"
)

// The benchmarks below measure building and searching the sample corpus;
// compare runs with benchstat.

func BenchmarkBuild(b *testing.B) {
	d := mustSample(b)
	var bytes int64
	for _, u := range d.Units {
		bytes += int64(len(u.ZH) + len(u.EN))
	}
	b.SetBytes(bytes)
	for i := 0; i < b.N; i++ {
		dir := filepath.Join(b.TempDir(), fmt.Sprint(i))
		if _, err := Build(context.Background(), dir, []*corpus.Doc{d}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	ix := mustBuild(b, mustSample(b))
	for _, q := range []string{"知识产权", "惩罚性赔偿", "customs", `"Greater Bay Area"`, "海关 2023"} {
		b.Run(q, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := ix.Search(context.Background(), query.Request{Text: q}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

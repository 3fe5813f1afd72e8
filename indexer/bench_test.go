package indexer

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/bisearch/bisearch/corpus"
)

// The benchmarks below measure the three hot paths on the sample corpus;
// compare runs with benchstat.

func BenchmarkTokenizeZH(b *testing.B) {
	d := mustSample(b)
	var text []byte
	for _, u := range d.Units {
		text = append(text, u.ZH...)
	}
	s, err := segmenter()
	if err != nil {
		b.Fatal(err)
	}
	tok := gseTokenizer{s}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tok.Tokenize(text)
	}
}

func BenchmarkNgrams(b *testing.B) {
	d := mustSample(b)
	var text []byte
	for _, u := range d.Units {
		text = append(text, u.ZH...)
	}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ngramTokenizer{}.Tokenize(text)
	}
}

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
				if _, err := ix.Search(context.Background(), Query{Text: q}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

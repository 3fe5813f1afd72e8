package analysis

import (
	"testing"

	"github.com/bisearch/bisearch/corpus"
)

func sampleChinese(b *testing.B) string {
	d, err := corpus.Sample()
	if err != nil {
		b.Fatal(err)
	}
	var text []byte
	for _, u := range d.Units {
		text = append(text, u.ZH...)
	}
	return string(text)
}

func BenchmarkWords(b *testing.B) {
	text := sampleChinese(b)
	s, err := Segmenter()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Words(s, text)
	}
}

func BenchmarkGrams(b *testing.B) {
	text := sampleChinese(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Grams(text)
	}
}

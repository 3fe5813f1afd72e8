package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func BenchmarkAlignSample(b *testing.B) {
	text, err := Decode(SampleName, SampleText())
	if err != nil {
		b.Fatal(err)
	}
	var zh, en []Paragraph
	for _, p := range Paragraphs(text) {
		if p.Lang == ZH {
			zh = append(zh, p)
		} else {
			en = append(en, p)
		}
	}
	CEDICT()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Align(zh, en)
	}
}

func BenchmarkAlignSentences(b *testing.B) {
	d, err := Sample()
	if err != nil {
		b.Fatal(err)
	}
	u := d.Units[8]
	b.SetBytes(int64(len(u.ZH) + len(u.EN)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		AlignSentences(u.ZH, u.EN)
	}
}

// BenchmarkAlignBook aligns a book of 5,000 Chinese and about 7,000
// English sentence lines (WMT news sentences, three English sentences in
// five cut in two at a comma), one sentence a line: the target is
// 10 s on two cores.
func BenchmarkAlignBook(b *testing.B) {
	var zh, en []Paragraph
	for _, name := range []string{"newstest2017-zhen", "newstest2018-zhen", "newstest2019-zhen"} {
		read := func(ext string) []string {
			data, err := os.ReadFile(filepath.Join(sharedData, "wmt-sentences", name+ext))
			if err != nil {
				b.Skipf("%s not found: the shared data sits beside the checkout", name+ext)
			}
			return strings.Split(strings.TrimRight(string(data), "\n"), "\n")
		}
		zs, es := read(".zh"), read(".en")
		for k := 0; k < len(zs) && k < len(es) && len(zh) < 5000; k++ {
			zh = append(zh, para(zs[k], ZH))
			if parts := splitClauses(es[k], EN, 2); parts != nil && k%5 < 3 {
				en = append(en, para(parts[0], EN), para(parts[1], EN))
				continue
			}
			en = append(en, para(es[k], EN))
		}
	}
	CEDICT()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		alignSteps(zh, en)
	}
	b.ReportMetric(float64(len(zh)), "zh-lines")
	b.ReportMetric(float64(len(en)), "en-lines")
}

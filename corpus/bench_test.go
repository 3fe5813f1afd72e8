package corpus

import "testing"

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

package corpus

import (
	"slices"
	"testing"
)

func TestSpeltNumbers(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		text string
		lang Lang
		want []string
	}{
		{"I owe you ten dollars.", EN, []string{"10"}},
		{"I have only five thousand yen.", EN, []string{"5000"}},
		{"A thousand dollars is a large sum.", EN, []string{"1000"}},
		{"a hundred and eight heroes, twenty-five years", EN, []string{"108", "25"}},
		{"one of the ten thousand", EN, []string{"10000"}},
		{"ten twenty thirty", EN, []string{"10", "20", "30"}},
		{"twenty one guns", EN, []string{"21"}},
		{"no one knows; three men", EN, nil}, // below ten: too common to tell anything
		{"他三十岁那年", ZH, []string{"30"}},
		{"一百零八将，两千元", ZH, []string{"108", "2000"}},
		{"一万两千，三千零五", ZH, []string{"12000", "3005"}},
		{"三个人", ZH, nil},
	} {
		got := speltEnglish(tt.text)
		if tt.lang == ZH {
			got = speltChinese(tt.text)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestSpeltNumbersNotMissed: a translation that spells out a number (10美元
// ↔ ten dollars, 30岁 ↔ thirty) pays nothing for it, while one that leaves
// the number out still does.
func TestSpeltNumbersNotMissed(t *testing.T) {
	t.Parallel()
	d := CEDICT()
	cost := func(zh, en string) float64 {
		fz, fe := []features{featuresOf(para(zh, ZH), ZH, d)}, []features{featuresOf(para(en, EN), EN, d)}
		internAnchors(fz, fe)
		a := aligner{fz: fz, fe: fe}
		a.setRatio(1)
		return a.pairCost(&fz[0], &fe[0])
	}
	for _, tt := range []struct{ zh, spelt, digits, without string }{
		{"我欠你10美元。", "I owe you ten dollars.", "I owe you 10 dollars.", "I owe you some dollars."},
		{"他30岁那年去了北京。", "He went to Beijing the year he turned thirty.", "He went to Beijing the year he turned 30.", "He went to Beijing that year."},
	} {
		spelt, digits, without := cost(tt.zh, tt.spelt), cost(tt.zh, tt.digits), cost(tt.zh, tt.without)
		if spelt >= without || digits >= spelt {
			t.Errorf("%s: cost %.2f against the number spelt, %.2f in digits, %.2f left out; want digits < spelt < left out", tt.zh, spelt, digits, without)
		}
	}
}

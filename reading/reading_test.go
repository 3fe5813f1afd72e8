package reading

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/query"
)

func TestAssocCounter(t *testing.T) {
	t.Parallel()
	c := NewCounter()
	for i := 0; i < 5; i++ {
		c.Add("我喜欢图书馆。", "I like the library.")
		c.Add("他去学校。", "He goes to school.")
	}
	c.Add("我喜欢学校。", "I like school.")
	a := c.Result()
	for zh, want := range map[string]string{"图书馆": "librar", "学校": "school"} {
		if got := a.ZH[zh]; len(got) == 0 || got[0].W != want {
			t.Errorf("%s → %v, want %s first", zh, got, want)
		}
	}
	if got := a.EN["librar"]; len(got) == 0 || got[0].W != "图书馆" {
		t.Errorf("librar → %v", got)
	}
	if got := a.ZH["喜欢"]; len(got) > 0 && got[0].W == "librar" {
		t.Errorf("喜欢 → %v: a word seen with everything is not a translation", got)
	}
	if s := a.Score("图书馆", "librar"); s < 0.5 {
		t.Errorf("score 图书馆–librar %.2f", s)
	}
}

// TestDocumentCommonWords: a word that fills most sentence pairs of a
// document learns no association from it.
func TestDocumentCommonWords(t *testing.T) {
	t.Parallel()
	c := NewCounter()
	var doc [][2][]string
	for i := 0; i < 12; i++ {
		zw, ew := PairWords("广东加强知识产权保护。", "Guangdong strengthened IPR protection.")
		doc = append(doc, [2][]string{zw, ew})
	}
	c.AddDoc(doc)
	if got := c.Result().ZH["知识产权"]; len(got) != 0 {
		t.Errorf("知识产权 learned %v from one document that says it everywhere", got)
	}
	if MinCount(0) != 5 || MinCount(100000) != 15 {
		t.Errorf("min counts %d %d", MinCount(0), MinCount(100000))
	}
}

// TestEquivalents marks, in a pair's aligned sentence, what translates the
// query and nothing that translates its neighbours.
func TestEquivalents(t *testing.T) {
	t.Parallel()
	tests := []struct {
		query, zh, en string
		want          []string // the marked texts on the other side
	}{
		{"知识产权", "广东加强知识产权保护。", "Guangdong strengthened the protection of intellectual property rights.", []string{"intellectual property rights"}},
		{"惩罚性赔偿", "全省共有62件知识产权案件适用惩罚性赔偿严惩侵权。", "62 intellectual property cases in the province were subject to punitive damages.", []string{"punitive damages"}},
		{"2023年", "2023年，广东新收案件9.1万件。", "In 2023, Guangdong accepted 91,000 cases.", []string{"2023"}},
		{"9.1万件", "2023年，广东新收案件9.1万件。", "In 2023, Guangdong accepted 91,000 cases.", []string{"91,000"}},
		{"法治", "坚持法治原则。", "Uphold the rule of law.", []string{"rule of law"}},
		{"customs", "省内海关开展执法行动。", "Customs in the province carried out enforcement.", []string{"海关"}},
		{"protection", "广东加强知识产权保护工作。", "Guangdong strengthened IPR protection work.", []string{"保护"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q, err := query.Parse(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			terms := q.Positives()
			tr := TranslationsOf(terms, &Assoc{})
			al := corpus.SentenceAlignment{ZH: []corpus.Span{{Start: 0, End: len(tt.zh)}}, EN: []corpus.Span{{Start: 0, End: len(tt.en)}},
				Links: []corpus.SentenceLink{{ZH: []int{0}, EN: []int{0}}}}
			zh := Side{Text: tt.zh, Spans: query.Spans(tt.zh, corpus.ZH, "", terms)}
			en := Side{Text: tt.en, Spans: query.Spans(tt.en, corpus.EN, "", terms)}
			az, ae, ok := tr.Of(zh, en, al.Encode())
			if !ok {
				t.Fatal("no reading aids")
			}
			marks, other := ae.Equivalent, tt.en
			if len(zh.Spans) == 0 {
				marks, other = az.Equivalent, tt.zh
			}
			var got []string
			for _, sp := range mergeForTest(other, marks) {
				got = append(got, other[sp.Start:sp.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("marked %q, want %q", got, tt.want)
			}
		})
	}
}

// mergeForTest merges marks as the page shows them.
func mergeForTest(text string, spans []corpus.Span) []corpus.Span {
	return highlightMerge(text, spans)
}

// TestAssocCounterBounded feeds the counter word pairs that keep company
// once each, far more than it holds, beside two that keep company often:
// it never holds more than its bound, and it still learns the two.
func TestAssocCounterBounded(t *testing.T) {
	defer func(n int) { assocMaxBoth = n }(assocMaxBoth)
	assocMaxBoth = 2000
	c := NewCounter()
	most := 0
	for i := 0; i < 3000; i++ {
		zh := []string{fmt.Sprintf("词%d", i), fmt.Sprintf("字%d", i%997)}
		en := []string{fmt.Sprintf("word%d", i), fmt.Sprintf("char%d", i%991)}
		if i%3 == 0 {
			zh, en = append(zh, "图书馆"), append(en, "librar")
		}
		if i%5 == 0 {
			zh, en = append(zh, "学校"), append(en, "school")
		}
		c.AddWords(zh, en)
		most = max(most, len(c.both))
	}
	if most > assocMaxBoth {
		t.Errorf("the counter held %d co-occurrences, over its bound of %d", most, assocMaxBoth)
	}
	a := c.Result()
	for zh, want := range map[string]string{"图书馆": "librar", "学校": "school"} {
		if got := a.ZH[zh]; len(got) == 0 || got[0].W != want {
			t.Errorf("%s → %v, want %s first", zh, got, want)
		}
	}
}

package indexer

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/longbridgeapp/opencc"

	"github.com/bisearch/bisearch/corpus"
)

// marked lists the texts a side's spans cover.
func marked(s *Side) []string {
	if s == nil {
		return nil
	}
	var out []string
	for _, sp := range s.Spans {
		out = append(out, s.Text[sp.Start:sp.End])
	}
	return out
}

func ids(r *Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	sort.Strings(out)
	return out
}

// unitsWhere lists the ids of the sample's units for which keep holds.
func unitsWhere(doc *corpus.Doc, keep func(u corpus.Unit) bool) []string {
	var out []string
	for _, u := range doc.Units {
		if keep(u) {
			out = append(out, corpus.UnitID(doc.ID, u.Seq))
		}
	}
	sort.Strings(out)
	return out
}

func TestNormalisation(t *testing.T) {
	doc := mustSample(t)
	// the same document in Traditional characters
	s2t, err := opencc.New("s2t")
	if err != nil {
		t.Fatal(err)
	}
	trad := &corpus.Doc{ID: "traditional", Title: "traditional"}
	for _, u := range doc.Units {
		zh, err := s2t.Convert(u.ZH)
		if err != nil {
			t.Fatal(err)
		}
		u.ZH = zh
		trad.Units = append(trad.Units, u)
	}
	if trad.Units[8].ZH == doc.Units[8].ZH {
		t.Fatal("the conversion to Traditional changed nothing; the test is wrong")
	}
	ix := mustBuild(t, doc, trad)
	for _, tc := range []struct{ simplified, traditional string }{
		{"知识产权", "知識產權"},
		{"惩罚性赔偿", "懲罰性賠償"},
		{"海关", "海關"},
	} {
		t.Run(tc.simplified, func(t *testing.T) {
			a := mustSearch(t, ix, Query{Text: tc.simplified, Size: 100})
			b := mustSearch(t, ix, Query{Text: tc.traditional, Size: 100})
			if a.Total == 0 || !cmp.Equal(ids(a), ids(b)) {
				t.Fatalf("%s found %v, %s found %v", tc.simplified, ids(a), tc.traditional, ids(b))
			}
			for _, h := range a.Hits {
				for _, m := range marked(h.ZH) {
					if FoldString(m) != tc.simplified {
						t.Errorf("%s: mark %q in %s", tc.simplified, m, h.ID)
					}
				}
				if h.DocID == "traditional" && !strings.Contains(h.ZH.Highlight, "<mark>"+tc.traditional+"</mark>") {
					t.Errorf("the Traditional paragraph is not marked on its own characters: %s", h.ZH.Highlight)
				}
			}
			if a.Total%2 != 0 {
				t.Errorf("%d hits: each paragraph should be found in both scripts", a.Total)
			}
		})
	}
	for q, want := range map[string]string{"ＷＩＰＯ": "WIPO", "２０２３年": "2023年", "wipo": "WIPO"} {
		r := mustSearch(t, ix, Query{Text: q})
		if r.Total == 0 || !cmp.Equal(marked(r.Hits[0].ZH)[:1], []string{want}) {
			t.Errorf("%s: %d hits, first marks %v, want %q", q, r.Total, marked(r.Hits[0].ZH), want)
		}
	}
}

func TestEnglishAndNumbers(t *testing.T) {
	doc := mustSample(t)
	ix := mustBuild(t, doc)
	tests := []struct {
		q         string
		wantEN    []string // every hit's English marks are among these (folded to lower case)
		wantTotal int      // -1: at least one
	}{
		{"protections", []string{"protection"}, -1},
		{"PROTECTION", []string{"protection"}, -1},
		{`"Greater Bay Area"`, []string{"greater bay area"}, 3},
		{`"Area Bay Greater"`, nil, 0},
		{"Law-based", []string{"law-based"}, 2},
		{"People's Court", []string{"people’s court", "people’s", "courts", "court"}, -1},
		{`"Supreme People’s Court"`, []string{"supreme people’s court"}, 1},
		{`"protection of IPR"`, []string{"protection of ipr", "protection for ipr", "protection on ipr"}, -1}, // any stop word between
		{"1926", []string{"1,926"}, 1},
		{"1,926", []string{"1,926"}, 1},
		{"57.4%", []string{"57.4"}, 1},
		{"3.17", nil, 1}, // 3.17亿 in Chinese only: not 3 and 17 apart
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			r := mustSearch(t, ix, Query{Text: tt.q, Size: 100})
			if tt.wantTotal >= 0 && int(r.Total) != tt.wantTotal || tt.wantTotal < 0 && r.Total == 0 {
				t.Fatalf("total %d, want %d", r.Total, tt.wantTotal)
			}
			for _, h := range r.Hits {
				for _, m := range marked(h.EN) {
					ok := false
					for _, w := range tt.wantEN {
						ok = ok || strings.ToLower(m) == w
					}
					if !ok {
						t.Errorf("%s: marked %q, want one of %q", h.ID, m, tt.wantEN)
					}
				}
			}
		})
	}
	// 2023 finds 2023年 and marks only the digits
	r := mustSearch(t, ix, Query{Text: "2023", Lang: "zh"})
	for _, h := range r.Hits {
		for _, m := range marked(h.ZH) {
			if m != "2023" {
				t.Errorf("2023 marked %q", m)
			}
		}
	}
}

func TestMixedScript(t *testing.T) {
	doc := &corpus.Doc{ID: "mixed", Title: "mixed", Units: []corpus.Unit{
		{Seq: 0, ZH: "WIPO仲裁与调解中心在深圳设立5G专利调解点。", EN: "The WIPO Arbitration and Mediation Center set up a 5G patent mediation point in Shenzhen.", Score: 1},
		{Seq: 1, ZH: "仲裁机构受理案件。", EN: "Arbitration bodies accepted cases; the term 仲裁 means arbitration.", Score: 1},
		{Seq: 2, ZH: "世界知识产权组织（WIPO）总部在日内瓦。", EN: "WIPO is based in Geneva.", Score: 1},
		{Seq: 3, ZH: "A股市场今天上涨。", Score: 1},
		{Seq: 4, ZH: "他持有A股", Score: 1},
		{Seq: 5, ZH: "他持有A，股市上涨", Score: 1},
	}}
	ix := mustBuild(t, doc)
	tests := []struct {
		q    string
		want []string
	}{
		{"WIPO 仲裁", []string{"mixed/0"}},
		{"5G", []string{"mixed/0"}},
		{"5g 专利", []string{"mixed/0"}},
		{"仲裁", []string{"mixed/0", "mixed/1"}},
		{"en:仲裁", nil}, // Chinese words are looked up on the Chinese side
		{"WIPO", []string{"mixed/0", "mixed/2"}},
		// a character after a Latin word, alone at the end of the query:
		// in a paragraph it may start a bigram (股市) or end the text (股)
		{"A股", []string{"mixed/3", "mixed/4"}},
		{"5G专", []string{"mixed/0"}},
		{"WIPO仲裁", []string{"mixed/0"}},
		{"股", []string{"mixed/3", "mixed/4", "mixed/5"}},
		{"股市", []string{"mixed/3", "mixed/5"}},
		// after punctuation the character may begin any bigram: all of them stand in its place
		{"A，股", []string{"mixed/5"}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			if got := ids(mustSearch(t, ix, Query{Text: tt.q})); !cmp.Equal(tt.want, got) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestQueryLanguage(t *testing.T) {
	doc := mustSample(t)
	ix := mustBuild(t, doc, &corpus.Doc{ID: "other", Title: "other", Units: []corpus.Unit{{ZH: "海关执法。", EN: "Customs enforcement.", Score: 1}}})
	lower := strings.ToLower
	tests := []struct {
		q    string
		want []string
	}{
		{"zh:保护 -en:IPR", unitsWhere(doc, func(u corpus.Unit) bool {
			return strings.Contains(u.ZH, "保护") && u.EN != "" && !strings.Contains(lower(u.EN), "ipr")
		})},
		{"海关 -doc:other", unitsWhere(doc, func(u corpus.Unit) bool { return strings.Contains(u.ZH, "海关") })},
		{"海关 doc:other", []string{"other/0"}},
		{"乡村振兴 OR 海关 -doc:other", unitsWhere(doc, func(u corpus.Unit) bool {
			return strings.Contains(u.ZH, "乡村振兴") || strings.Contains(u.ZH, "海关")
		})},
		{"en:customs", append(unitsWhere(doc, func(u corpus.Unit) bool { return strings.Contains(lower(u.EN), "customs") }), "other/0")},
		{"zh:customs", nil},
		{"知识产权 -保护", unitsWhere(doc, func(u corpus.Unit) bool {
			return strings.Contains(u.ZH, "知识产权") && !strings.Contains(u.ZH, "保护")
		})},
		{"adjudicat* doc:guangdong-ipr-2023", unitsWhere(doc, func(u corpus.Unit) bool { return strings.Contains(lower(u.EN), "adjudicat") })},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			if len(tt.want) == 0 && !strings.HasPrefix(tt.q, "zh:customs") {
				t.Fatal("the brute force found nothing; the test is wrong")
			}
			r := mustSearch(t, ix, Query{Text: tt.q, Size: 100})
			if got := ids(r); !cmp.Equal(tt.want, got) {
				t.Errorf("(-want +got):\n%s", cmp.Diff(tt.want, got))
			}
		})
	}
	// negated and side-restricted words are not marked where they may not match
	r := mustSearch(t, ix, Query{Text: "zh:保护 -en:IPR"})
	for _, h := range r.Hits {
		if len(marked(h.EN)) != 0 || len(marked(h.ZH)) == 0 {
			t.Errorf("%s: marks zh %v en %v", h.ID, marked(h.ZH), marked(h.EN))
		}
	}
}

func TestExpansionIsBounded(t *testing.T) {
	d := &corpus.Doc{ID: "many", Title: "many"}
	var b strings.Builder
	for i := 0; i < MaxExpansion+100; i++ {
		fmt.Fprintf(&b, "ab%05d ", i)
		if i%200 == 199 {
			d.Units = append(d.Units, corpus.Unit{Seq: len(d.Units), EN: b.String()})
			b.Reset()
		}
	}
	d.Units = append(d.Units, corpus.Unit{Seq: len(d.Units), EN: b.String()})
	ix := mustBuild(t, d)
	_, err := ix.Search(context.Background(), Query{Text: "ab*"})
	if !errors.Is(err, ErrBadQuery) || !strings.Contains(err.Error(), "too many words") {
		t.Errorf("ab* = %v, want ErrBadQuery about too many words", err)
	}
	if r := mustSearch(t, ix, Query{Text: "ab0001*"}); r.Total == 0 {
		t.Error("ab0001* found nothing")
	}
}

func TestHighlightEscapesDocuments(t *testing.T) {
	ix := mustBuild(t, &corpus.Doc{ID: "x", Title: "x", Units: []corpus.Unit{{ZH: "<script>alert(1)</script>海关", EN: "Customs <b>bold</b> & more", Score: 1}}})
	r := mustSearch(t, ix, Query{Text: "海关 customs"})
	if r.Total != 1 {
		t.Fatalf("total %d", r.Total)
	}
	h := r.Hits[0]
	if h.ZH.Highlight != "&lt;script&gt;alert(1)&lt;/script&gt;<mark>海关</mark>" {
		t.Errorf("zh highlight = %s", h.ZH.Highlight)
	}
	if h.EN.Highlight != "<mark>Customs</mark> &lt;b&gt;bold&lt;/b&gt; &amp; more" {
		t.Errorf("en highlight = %s", h.EN.Highlight)
	}
}

func TestSuggestions(t *testing.T) {
	ix := mustBuild(t, mustSample(t))
	tests := []struct {
		q    string
		want []string
	}{
		{"protectoin", []string{"protection"}},
		{"Guangdnog customs", []string{"guangdong customs", "customs"}},
		{"customs 乡村振兴", []string{"customs", "乡村振兴"}},
		{"海关 qqqqzzzz", []string{"海关"}},
		{"qqqqzzzz", nil},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			r := mustSearch(t, ix, Query{Text: tt.q})
			if r.Total != 0 {
				t.Fatalf("total %d; the test needs a query that finds nothing", r.Total)
			}
			if !cmp.Equal(tt.want, r.Suggestions) {
				t.Errorf("suggestions %q, want %q", r.Suggestions, tt.want)
			}
			for _, s := range r.Suggestions {
				if mustSearch(t, ix, Query{Text: s}).Total == 0 {
					t.Errorf("suggestion %q finds nothing", s)
				}
			}
		})
	}
}

func TestRankingRules(t *testing.T) {
	pad := strings.Repeat("其他内容。", 6)
	doc := &corpus.Doc{ID: "r", Title: "r", Units: []corpus.Unit{
		{Seq: 0, ZH: "知识产权的保护在于制度" + pad},                                      // both words, apart
		{Seq: 1, ZH: "加强知识产权保护工作" + pad},                                       // the words run together
		{Seq: 2, ZH: "他们在审计工作规定中写明了要求" + pad},                                  // 审计 inside a longer word
		{Seq: 3, ZH: "审计是一项工作，规定了程序" + pad},                                    // 审计 as a word
		{Seq: 4, EN: "The protection of rights matters in many ways for all."}, // words apart
		{Seq: 5, EN: "Rights protection matters in many ways for all."},        // together
	}}
	ix := mustBuild(t, doc)
	tests := []struct {
		q            string
		above, below string
	}{
		{"知识产权 保护", "r/1", "r/0"},
		{"rights protection", "r/5", "r/4"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			r := mustSearch(t, ix, Query{Text: tt.q})
			rank := map[string]int{}
			for i, h := range r.Hits {
				rank[h.ID] = i + 1
			}
			if rank[tt.above] == 0 || rank[tt.below] == 0 || rank[tt.above] > rank[tt.below] {
				t.Errorf("ranks %v: want %s above %s", rank, tt.above, tt.below)
			}
		})
	}
	// a whole gse word ranks above the same characters inside a longer word,
	// when gse cuts them so
	s, _ := segmenter()
	words := cutWords(s, "审计是一项工作")
	if words[0] != "审计" {
		t.Skipf("gse cuts 审计是一项工作 as %v", words)
	}
	r := mustSearch(t, ix, Query{Text: "审计"})
	if r.Total != 2 || r.Hits[0].ID != "r/3" {
		t.Errorf("审计: %v, want r/3 first of 2", ids(r))
	}
}

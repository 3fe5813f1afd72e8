package searchtest

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/longbridgeapp/opencc"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
)

func (s *suite) seedEndToEnd(t *testing.T) {
	doc := MustSample(t)
	ix := s.sampleEngine(t)
	for _, c := range []struct {
		name string
		f    func(*testing.T, Engine, *corpus.Doc)
	}{
		{"惩罚性赔偿 finds its paragraph and the translation", seedPunitive},
		{"punitive damages matches the English side, stemmed", seedEnglishStemmed},
		{"乡村振兴 has no translation", seedUntranslated},
		{"lang restricts the side", seedLang},
		{"words are all required", seedAllRequired},
		{"doc restricts the document", seedDoc},
	} {
		t.Run(c.name, func(t *testing.T) { c.f(t, ix, doc) })
	}

	for _, q := range []string{"湾区", "产权", "知识产权", "保护", "海关", "2023"} {
		t.Run(q+" returns every paragraph containing it", func(t *testing.T) { seedEveryParagraph(t, ix, doc, q) })
	}
}

// seedPunitive: 惩罚性赔偿 finds its paragraph and the translation.
func seedPunitive(t *testing.T, ix Engine, doc *corpus.Doc) {
	r := MustSearch(t, ix, query.Request{Text: "惩罚性赔偿"})
	if r.Total != 1 || len(r.Hits) != 1 {
		t.Fatalf("total %d, %d hits; want 1", r.Total, len(r.Hits))
	}
	h := r.Hits[0]
	if !strings.Contains(h.ZH.Highlight(), "<mark>惩罚性赔偿</mark>") {
		t.Errorf("zh highlight lacks the mark: %s", h.ZH.Highlight())
	}
	if h.EN == nil || !strings.Contains(h.EN.Text, "punitive damages") {
		t.Errorf("translation = %+v, want one with punitive damages", h.EN)
	}
	if diff := cmp.Diff([]corpus.Lang{corpus.ZH}, h.Matched); diff != "" {
		t.Errorf("matched (-want +got):\n%s", diff)
	}
	if strings.Contains(h.EN.Highlight(), "<mark>") {
		t.Errorf("the translation side is marked although the query did not match it: %s", h.EN.Highlight())
	}
}

// seedEnglishStemmed: punitive damages matches the English side, stemmed.
func seedEnglishStemmed(t *testing.T, ix Engine, doc *corpus.Doc) {
	for _, q := range []string{"punitive damages", `"punitive damages"`, "Punitive DAMAGE"} {
		r := MustSearch(t, ix, query.Request{Text: q})
		if r.Total != 1 {
			t.Fatalf("%s: total %d, want 1", q, r.Total)
		}
		h := r.Hits[0]
		if !strings.Contains(h.EN.Highlight(), "<mark>punitive damages</mark>") {
			t.Errorf("%s: en highlight = %s", q, h.EN.Highlight())
		}
		if h.ZH == nil || !strings.Contains(h.ZH.Text, "惩罚性赔偿") {
			t.Errorf("%s: the Chinese side is not the source paragraph", q)
		}
	}
}

// seedEveryParagraph: a query returns every paragraph containing it.
func seedEveryParagraph(t *testing.T, ix Engine, doc *corpus.Doc, q string) {
	got, total := AllIDs(t, ix, q)
	var want []string
	for _, u := range doc.Units {
		if strings.Contains(u.ZH, q) || (q == "2023" && strings.Contains(u.EN, q)) {
			want = append(want, corpus.UnitID(doc.ID, u.Seq))
		}
	}
	sort.Strings(want)
	if len(want) == 0 {
		t.Fatal("the sample has no such paragraph; the test is wrong")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if total != uint64(len(want)) {
		t.Errorf("total %d, want %d", total, len(want))
	}
}

// seedUntranslated: 乡村振兴 has no translation.
func seedUntranslated(t *testing.T, ix Engine, doc *corpus.Doc) {
	r := MustSearch(t, ix, query.Request{Text: "乡村振兴"})
	if r.Total != 1 {
		t.Fatalf("total %d, want 1", r.Total)
	}
	if h := r.Hits[0]; h.EN != nil || !strings.Contains(h.ZH.Highlight(), "<mark>乡村振兴</mark>") {
		t.Errorf("hit = zh %+v en %+v; want a marked zh and no en", h.ZH, h.EN)
	}
}

// seedLang: lang restricts the side.
func seedLang(t *testing.T, ix Engine, doc *corpus.Doc) {
	zh := MustSearch(t, ix, query.Request{Text: "2023", Lang: corpus.ZH, Size: 100})
	en := MustSearch(t, ix, query.Request{Text: "2023", Lang: corpus.EN, Size: 100})
	for _, h := range zh.Hits {
		if !strings.Contains(h.ZH.Text, "2023") || len(h.Matched) != 1 || h.Matched[0] != corpus.ZH {
			t.Errorf("lang=zh hit %s matched %v", h.ID, h.Matched)
		}
	}
	for _, h := range en.Hits {
		if !strings.Contains(h.EN.Text, "2023") || len(h.Matched) != 1 || h.Matched[0] != corpus.EN {
			t.Errorf("lang=en hit %s matched %v", h.ID, h.Matched)
		}
	}
	if zh.Total == 0 || en.Total == 0 || zh.Total == en.Total {
		t.Errorf("zh %d, en %d hits: want both, and different", zh.Total, en.Total)
	}
}

// seedAllRequired: words are all required.
func seedAllRequired(t *testing.T, ix Engine, doc *corpus.Doc) {
	both := MustSearch(t, ix, query.Request{Text: "海关 2023"})
	if both.Total == 0 {
		t.Fatal("海关 2023 found nothing")
	}
	for _, h := range both.Hits {
		if !strings.Contains(h.ZH.Text, "海关") {
			t.Errorf("%s lacks 海关", h.ID)
		}
	}
	if r := MustSearch(t, ix, query.Request{Text: "海关 乡村振兴"}); r.Total != 0 {
		t.Errorf("海关 乡村振兴 found %d, want 0", r.Total)
	}
}

// seedDoc: doc restricts the document.
func seedDoc(t *testing.T, ix Engine, doc *corpus.Doc) {
	if r := MustSearch(t, ix, query.Request{Text: "海关", Doc: doc.ID}); r.Total == 0 {
		t.Error("doc filter with the right id found nothing")
	}
	if r := MustSearch(t, ix, query.Request{Text: "海关", Doc: "other"}); r.Total != 0 {
		t.Errorf("doc filter with another id found %d", r.Total)
	}
}

// recallProperty draws Chinese strings of 1–10 characters from real
// paragraphs and checks that the engine returns exactly the units a scan
// finds.
func (s *suite) recallProperty(t *testing.T) {
	docs := []*corpus.Doc{MustSample(t)}
	if extra := SharedDocs(t, 1500); extra != nil {
		docs = append(docs, extra...)
	}
	ix := s.build(t, docs...)
	paras := ChineseParagraphs(docs)
	rng := rand.New(rand.NewSource(2026))
	n := 300
	if testing.Short() {
		n = 60
	}
	for i := 0; i < n; i++ {
		q := RandomHanString(rng, paras[rng.Intn(len(paras))], 1+rng.Intn(10))
		if q == "" {
			continue
		}
		want := BruteZH(docs, q)
		if len(want) > query.MaxWindow {
			continue
		}
		got, total := AllIDs(t, ix, q)
		if total != uint64(len(want)) || !cmp.Equal(want, got) {
			t.Errorf("%q: total %d, %d ids; brute force %d\n%s", q, total, len(got), len(want), cmp.Diff(want, got))
		}
	}
}

func (s *suite) sharedData(t *testing.T) {
	doc := Tatoeba(t)
	ix := s.build(t, doc)
	for _, q := range []string{"图书馆", "library", "\"the library\"", "简单", "Tom 图书馆"} {
		r := MustSearch(t, ix, query.Request{Text: q, Size: 5})
		if r.Total == 0 {
			t.Errorf("%s found nothing", q)
			continue
		}
		for _, h := range r.Hits {
			if len(h.Matched) == 0 || h.ZH == nil || h.EN == nil {
				t.Errorf("%s: hit %s matched %v with sides zh=%v en=%v", q, h.ID, h.Matched, h.ZH != nil, h.EN != nil)
			}
		}
	}
	// 简单 inside 安装简单-like compounds: every sentence containing it
	got, total := AllIDs(t, ix, "简单")
	want := BruteZH([]*corpus.Doc{doc}, "简单")
	if total != uint64(len(want)) || !cmp.Equal(want, got) {
		t.Errorf("简单: %d found, %d contain it", total, len(want))
	}
}

func (s *suite) normalisation(t *testing.T) {
	doc := MustSample(t)
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
	ix := s.build(t, doc, trad)
	for _, tc := range []struct{ simplified, traditional string }{
		{"知识产权", "知識產權"},
		{"惩罚性赔偿", "懲罰性賠償"},
		{"海关", "海關"},
	} {
		t.Run(tc.simplified, func(t *testing.T) {
			a := MustSearch(t, ix, query.Request{Text: tc.simplified, Size: 100})
			b := MustSearch(t, ix, query.Request{Text: tc.traditional, Size: 100})
			if a.Total == 0 || !cmp.Equal(IDs(a), IDs(b)) {
				t.Fatalf("%s found %v, %s found %v", tc.simplified, IDs(a), tc.traditional, IDs(b))
			}
			for _, h := range a.Hits {
				for _, m := range Marked(h.ZH) {
					if analysis.FoldString(m) != tc.simplified {
						t.Errorf("%s: mark %q in %s", tc.simplified, m, h.ID)
					}
				}
				if h.DocID == "traditional" && !strings.Contains(h.ZH.Highlight(), "<mark>"+tc.traditional+"</mark>") {
					t.Errorf("the Traditional paragraph is not marked on its own characters: %s", h.ZH.Highlight())
				}
			}
			if a.Total%2 != 0 {
				t.Errorf("%d hits: each paragraph should be found in both scripts", a.Total)
			}
		})
	}
	for q, want := range map[string]string{"ＷＩＰＯ": "WIPO", "２０２３年": "2023年", "wipo": "WIPO"} {
		r := MustSearch(t, ix, query.Request{Text: q})
		if r.Total == 0 || !cmp.Equal(Marked(r.Hits[0].ZH)[:1], []string{want}) {
			t.Errorf("%s: %d hits, first marks %v, want %q", q, r.Total, Marked(r.Hits[0].ZH), want)
		}
	}
}

func (s *suite) englishAndNumbers(t *testing.T) {
	ix := s.sampleEngine(t)
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
			r := MustSearch(t, ix, query.Request{Text: tt.q, Size: 100})
			if tt.wantTotal >= 0 && int(r.Total) != tt.wantTotal || tt.wantTotal < 0 && r.Total == 0 {
				t.Fatalf("total %d, want %d", r.Total, tt.wantTotal)
			}
			for _, h := range r.Hits {
				for _, m := range Marked(h.EN) {
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
	r := MustSearch(t, ix, query.Request{Text: "2023", Lang: corpus.ZH})
	for _, h := range r.Hits {
		for _, m := range Marked(h.ZH) {
			if m != "2023" {
				t.Errorf("2023 marked %q", m)
			}
		}
	}
}

func (s *suite) mixedScript(t *testing.T) {
	doc := &corpus.Doc{ID: "mixed", Title: "mixed", Units: []corpus.Unit{
		{Seq: 0, ZH: "WIPO仲裁与调解中心在深圳设立5G专利调解点。", EN: "The WIPO Arbitration and Mediation Center set up a 5G patent mediation point in Shenzhen.", Score: 1},
		{Seq: 1, ZH: "仲裁机构受理案件。", EN: "Arbitration bodies accepted cases; the term 仲裁 means arbitration.", Score: 1},
		{Seq: 2, ZH: "世界知识产权组织（WIPO）总部在日内瓦。", EN: "WIPO is based in Geneva.", Score: 1},
		{Seq: 3, ZH: "A股市场今天上涨。", Score: 1},
		{Seq: 4, ZH: "他持有A股", Score: 1},
		{Seq: 5, ZH: "他持有A，股市上涨", Score: 1},
	}}
	ix := s.build(t, doc)
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
			if got := IDs(MustSearch(t, ix, query.Request{Text: tt.q})); !cmp.Equal(tt.want, got) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func (s *suite) queryLanguage(t *testing.T) {
	doc := MustSample(t)
	ix := s.build(t, doc, &corpus.Doc{ID: "other", Title: "other", Units: []corpus.Unit{{ZH: "海关执法。", EN: "Customs enforcement.", Score: 1}}})
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
			r := MustSearch(t, ix, query.Request{Text: tt.q, Size: 100})
			if got := IDs(r); !cmp.Equal(tt.want, got) {
				t.Errorf("(-want +got):\n%s", cmp.Diff(tt.want, got))
			}
		})
	}
	// negated and side-restricted words are not marked where they may not match
	r := MustSearch(t, ix, query.Request{Text: "zh:保护 -en:IPR"})
	for _, h := range r.Hits {
		if len(Marked(h.EN)) != 0 || len(Marked(h.ZH)) == 0 {
			t.Errorf("%s: marks zh %v en %v", h.ID, Marked(h.ZH), Marked(h.EN))
		}
	}
}

func (s *suite) expansionIsBounded(t *testing.T) {
	d := &corpus.Doc{ID: "many", Title: "many"}
	var b strings.Builder
	for i := 0; i < query.MaxExpansion+100; i++ {
		fmt.Fprintf(&b, "ab%05d ", i)
		if i%200 == 199 {
			d.Units = append(d.Units, corpus.Unit{Seq: len(d.Units), EN: b.String()})
			b.Reset()
		}
	}
	d.Units = append(d.Units, corpus.Unit{Seq: len(d.Units), EN: b.String()})
	ix := s.build(t, d)
	_, err := ix.Search(context.Background(), query.Request{Text: "ab*"})
	var qe *query.Error
	if !errors.As(err, &qe) || qe.Code != query.CodeBadQuery || !strings.Contains(err.Error(), "too many words") {
		t.Errorf("ab* = %v, want a bad_query error about too many words", err)
	}
	if r := MustSearch(t, ix, query.Request{Text: "ab0001*"}); r.Total == 0 {
		t.Error("ab0001* found nothing")
	}
}

func (s *suite) highlightEscapes(t *testing.T) {
	ix := s.build(t, &corpus.Doc{ID: "x", Title: "x", Units: []corpus.Unit{{ZH: "<script>alert(1)</script>海关", EN: "Customs <b>bold</b> & more", Score: 1}}})
	r := MustSearch(t, ix, query.Request{Text: "海关 customs"})
	if r.Total != 1 {
		t.Fatalf("total %d", r.Total)
	}
	h := r.Hits[0]
	if got := h.ZH.Highlight(); got != "&lt;script&gt;alert(1)&lt;/script&gt;<mark>海关</mark>" {
		t.Errorf("zh highlight = %s", got)
	}
	if got := h.EN.Highlight(); got != "<mark>Customs</mark> &lt;b&gt;bold&lt;/b&gt; &amp; more" {
		t.Errorf("en highlight = %s", got)
	}
}

func (s *suite) suggestions(t *testing.T) {
	ix := s.sampleEngine(t)
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
			r := MustSearch(t, ix, query.Request{Text: tt.q})
			if r.Total != 0 {
				t.Fatalf("total %d; the test needs a query that finds nothing", r.Total)
			}
			if !cmp.Equal(tt.want, r.Suggestions) {
				t.Errorf("suggestions %q, want %q", r.Suggestions, tt.want)
			}
			for _, sg := range r.Suggestions {
				if MustSearch(t, ix, query.Request{Text: sg}).Total == 0 {
					t.Errorf("suggestion %q finds nothing", sg)
				}
			}
		})
	}
}

func (s *suite) rankingRules(t *testing.T) {
	pad := strings.Repeat("其他内容。", 6)
	doc := &corpus.Doc{ID: "r", Title: "r", Units: []corpus.Unit{
		{Seq: 0, ZH: "知识产权的保护在于制度" + pad},                                      // both words, apart
		{Seq: 1, ZH: "加强知识产权保护工作" + pad},                                       // the words run together
		{Seq: 2, ZH: "他们在审计工作规定中写明了要求" + pad},                                  // 审计 inside a longer word
		{Seq: 3, ZH: "审计是一项工作，规定了程序" + pad},                                    // 审计 as a word
		{Seq: 4, EN: "The protection of rights matters in many ways for all."}, // words apart
		{Seq: 5, EN: "Rights protection matters in many ways for all."},        // together
	}}
	ix := s.build(t, doc)
	tests := []struct {
		q            string
		above, below string
	}{
		{"知识产权 保护", "r/1", "r/0"},
		{"rights protection", "r/5", "r/4"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			r := MustSearch(t, ix, query.Request{Text: tt.q})
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
	sg, err := analysis.Segmenter()
	if err != nil {
		t.Fatal(err)
	}
	if words := analysis.CutWords(sg, "审计是一项工作"); words[0] != "审计" {
		t.Skipf("gse cuts 审计是一项工作 as %v", words)
	}
	r := MustSearch(t, ix, query.Request{Text: "审计"})
	if r.Total != 2 || r.Hits[0].ID != "r/3" {
		t.Errorf("审计: %v, want r/3 first of 2", IDs(r))
	}
}

// pairsFirst: among hits that match alike, a unit with both sides ranks
// above an untranslated paragraph or a heading, so the first screen shows
// translations; the literal string as typed ranks above its parts apart.
func (s *suite) pairsFirst(t *testing.T) {
	ix := s.sampleEngine(t)
	for _, q := range []string{"知识产权", "protection", "保护", "海关", "Guangdong"} {
		r := MustSearch(t, ix, query.Request{Text: q, Size: 5})
		for i, h := range r.Hits {
			if h.ZH == nil || h.EN == nil {
				t.Errorf("%s: hit %d (%s) has one side only", q, i+1, h.ID)
			}
		}
	}
	pad := "，其他内容。"
	doc := &corpus.Doc{ID: "p", Title: "p", Units: []corpus.Unit{
		{Seq: 0, ZH: "海关执法" + pad},
		{Seq: 1, ZH: "海关执法", Heading: true},
		{Seq: 2, ZH: "海关执法" + pad, EN: "Customs enforcement, other content.", Score: 1},
		{Seq: 3, ZH: "2023—2025年海关工作" + pad, EN: "Customs work 2023-2025.", Score: 1},
		{Seq: 4, ZH: "2023年海关工作" + pad, EN: "Customs work in 2023.", Score: 1},
		{Seq: 5, ZH: "海关2023年工作" + pad, EN: "Customs work in 2023.", Score: 1},
	}}
	e := s.build(t, doc)
	for _, tt := range []struct {
		q     string
		first string
	}{{"海关执法", "p/2"}, {"2023 年海关", "p/4"}, {"海关 2023年", "p/5"}} {
		r := MustSearch(t, e, query.Request{Text: tt.q})
		if len(r.Hits) == 0 || r.Hits[0].ID != tt.first {
			var order []string
			for _, h := range r.Hits {
				order = append(order, h.ID)
			}
			t.Errorf("%s: order %v, want %s first", tt.q, order, tt.first)
		}
	}
}

// tiesInOrder: units that rank alike (a translation memory repeats a
// segment many times over) come in document order, by document and place,
// so the same query gives the same pages on every build of the index, and
// paging through them neither repeats nor skips a unit.
func (s *suite) tiesInOrder(t *testing.T) {
	doc := func(id string) *corpus.Doc {
		d := &corpus.Doc{ID: id, Title: id}
		for k := 0; k < 12; k++ {
			d.Units = append(d.Units, corpus.Unit{Seq: k, ZH: "打开翻译记忆库。", EN: "Open the translation memory.", Score: 1})
		}
		return d
	}
	// the later document in ID order is built first
	e := s.build(t, doc("tm-b"), doc("tm-a"))
	var want []string
	for _, id := range []string{"tm-a", "tm-b"} {
		for k := 0; k < 12; k++ {
			want = append(want, corpus.UnitID(id, k))
		}
	}
	for _, q := range []string{"翻译记忆", "translation memory"} {
		var got []string
		for from := 0; from < len(want); from += 5 {
			for _, h := range MustSearch(t, e, query.Request{Text: q, From: from, Size: 5}).Hits {
				got = append(got, h.ID)
			}
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: pages of five gave %v, want %v", q, got, want)
		}
	}
}

func (s *suite) readingAids(t *testing.T) {
	ix := s.sampleEngine(t)
	tests := []struct {
		q           string
		matched     corpus.Lang // side holding the match
		shadedOther string      // text inside the shaded sentence on the other side
		trOther     string      // a translation equivalent marked on the other side
	}{
		{"惩罚性赔偿", corpus.ZH, "subject to punitive damages", "punitive"},
		{"customs", corpus.EN, "省内海关开展", "海关"},
		{"海关", corpus.ZH, "customs in Guangdong seized", "customs"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			r := MustSearch(t, ix, query.Request{Text: tt.q, Size: 1})
			if len(r.Hits) == 0 {
				t.Fatal("no hit")
			}
			h := r.Hits[0]
			own, other := h.ZH, h.EN
			if tt.matched == corpus.EN {
				own, other = h.EN, h.ZH
			}
			if own == nil || other == nil {
				t.Fatalf("%s: first hit has one side only", h.ID)
			}
			for _, sd := range []*search.Side{own, other} {
				if len(sd.Sentences) == 0 {
					t.Fatalf("no sentences on a side of %s", h.ID)
				}
				last := 0
				for _, sent := range sd.Sentences {
					if sent.Start < last || sent.End > len(sd.Text) || sent.Start >= sent.End {
						t.Fatalf("bad sentence %+v", sent)
					}
					last = sent.End
				}
			}
			// the other side's aligned indexes point at its sentences
			for _, sent := range own.Sentences {
				for _, j := range sent.Aligned {
					if j < 0 || j >= len(other.Sentences) {
						t.Fatalf("aligned index %d out of %d", j, len(other.Sentences))
					}
				}
			}
			shaded := ""
			for _, sp := range other.Shaded {
				shaded += other.Text[sp.Start:sp.End] + " | "
			}
			if !strings.Contains(shaded, tt.shadedOther) {
				t.Errorf("shaded on the other side: %q, want it to hold %q", shaded, tt.shadedOther)
			}
			if !strings.Contains(other.HTML(), `<mark class="tr">`+tt.trOther) {
				t.Errorf("no translation mark %q in %s", tt.trOther, other.HTML())
			}
			if !strings.Contains(own.HTML(), `<span class="al">`) || !strings.Contains(own.HTML(), "<mark>") {
				t.Errorf("the matched side lacks its shaded sentence or mark: %s", own.HTML())
			}
			// every translation mark lies inside a shaded sentence
			for _, e := range other.Equivalent {
				inside := false
				for _, sp := range other.Shaded {
					inside = inside || sp.Start <= e.Start && e.End <= sp.End
				}
				if !inside {
					t.Errorf("translation mark %q outside the aligned sentences", other.Text[e.Start:e.End])
				}
			}
		})
	}
	// an unpaired unit keeps its plain highlight
	r := MustSearch(t, ix, query.Request{Text: "乡村振兴"})
	if h := r.Hits[0]; h.ZH.HTML() != h.ZH.Highlight() || len(h.ZH.Sentences) != 0 {
		t.Errorf("unpaired unit: html %q, %d sentences", h.ZH.HTML(), len(h.ZH.Sentences))
	}
}

func (s *suite) learnedEquivalents(t *testing.T) {
	ix := s.build(t, Tatoeba(t))
	r := MustSearch(t, ix, query.Request{Text: "图书馆", Size: 20})
	marked := 0
	for _, h := range r.Hits {
		if strings.Contains(strings.ToLower(h.EN.HTML()), `<mark class="tr">librar`) {
			marked++
		}
	}
	if marked < len(r.Hits)/2 {
		t.Errorf("only %d of %d hits mark library as the translation of 图书馆", marked, len(r.Hits))
	}
}

func (s *suite) facets(t *testing.T) {
	ix := s.facetEngine(t)
	facetCounts(t, ix)
	facetSides(t, ix)
	facetTranslated(t, ix)
	facetFilters(t, ix)
}

// facetOther is a small document with a section, beside the sample.
func facetOther() *corpus.Doc {
	return &corpus.Doc{ID: "other", Title: "Other document", Units: []corpus.Unit{
		{Seq: 0, ZH: "海关执法。", EN: "Customs enforcement.", Section: "执法", Score: 1},
		{Seq: 1, ZH: "海关监管。", Section: "执法"},
	}}
}

// facetEngine is the sample and facetOther.
func (s *suite) facetEngine(t *testing.T) Engine {
	return s.build(t, MustSample(t), facetOther())
}

// facetCounts checks the document, side and section counts against a
// brute force.
func facetCounts(t *testing.T, ix Engine) {
	doc, other := MustSample(t), facetOther()
	r := MustSearch(t, ix, query.Request{Text: "海关 OR customs", Facets: true, Size: 100})
	if r.Facets == nil {
		t.Fatal("no facets")
	}
	brute := map[string]int{}
	zh, en := 0, 0
	for _, d := range []*corpus.Doc{doc, other} {
		for _, u := range d.Units {
			hz, he := strings.Contains(u.ZH, "海关"), strings.Contains(strings.ToLower(u.EN), "customs")
			if hz || he {
				brute[d.ID]++
			}
			if hz {
				zh++
			}
			if he {
				en++
			}
		}
	}
	got := map[string]int{}
	for _, f := range r.Facets.Docs {
		got[f.Value] = f.Count
		if f.Value == "other" && f.Title != "Other document" {
			t.Errorf("facet title %q", f.Title)
		}
	}
	if !cmp.Equal(brute, got) {
		t.Errorf("document facet (-want +got):\n%s", cmp.Diff(brute, got))
	}
	if r.Facets.Sides[corpus.ZH] != uint64(zh) || r.Facets.Sides[corpus.EN] != uint64(en) {
		t.Errorf("sides %v, want zh %d en %d", r.Facets.Sides, zh, en)
	}
	sections := map[string]int{}
	for _, f := range r.Facets.Sections {
		sections[f.Value] = f.Count
	}
	if sections["执法"] != 2 {
		t.Errorf("section facet %v, want 执法: 2", sections)
	}
}

// facetSides checks that a hit counts for every side one of the words
// matched on.
func facetSides(t *testing.T, ix Engine) {
	// a hit counts for every side one of the words matched on: a pair
	// matched in Chinese by one word and in English by the other counts for
	// both (the counts are those of the hits' own matched sides)
	for _, q := range []string{"海关 customs", "zh:海关 en:customs", "zh:保护 -en:protection", "知识产权 OR intellectual"} {
		r := MustSearch(t, ix, query.Request{Text: q, Facets: true, Size: 100})
		if r.Total > 100 {
			t.Fatalf("%s: %d hits: the check needs them on one page", q, r.Total)
		}
		want := map[corpus.Lang]uint64{corpus.ZH: 0, corpus.EN: 0}
		for _, h := range r.Hits {
			for _, m := range h.Matched {
				want[m]++
			}
		}
		if !cmp.Equal(want, r.Facets.Sides) {
			t.Errorf("%s: side counts %v, the hits matched %v", q, r.Facets.Sides, want)
		}
		if q == "zh:海关 en:customs" && (want[corpus.ZH] == 0 || want[corpus.EN] == 0) {
			t.Errorf("%s: %v: want hits matched on both sides", q, want)
		}
	}
}

// facetTranslated checks the translation facet and its filter.
func facetTranslated(t *testing.T, ix Engine) {
	// translation: yes / no, counted and filtered
	for _, q := range []string{"知识产权", "海关 OR customs", "protection"} {
		r := MustSearch(t, ix, query.Request{Text: q, Facets: true, Size: 100})
		var yes, no uint64
		for _, h := range r.Hits {
			if h.ZH != nil && h.EN != nil {
				yes++
			} else {
				no++
			}
		}
		if r.Total > 100 || r.Facets.Translated["yes"] != yes || r.Facets.Translated["no"] != no {
			t.Errorf("%s: translated facet %v, the hits: yes %d no %d (of %d)", q, r.Facets.Translated, yes, no, r.Total)
		}
		for _, want := range []string{"yes", "no"} {
			f := MustSearch(t, ix, query.Request{Text: q, Translated: want, Size: 100})
			if f.Total != r.Facets.Translated[want] {
				t.Errorf("%s translated=%s: %d hits, the facet said %d", q, want, f.Total, r.Facets.Translated[want])
			}
			for _, h := range f.Hits {
				if (h.ZH != nil && h.EN != nil) != (want == "yes") {
					t.Errorf("%s translated=%s: hit %s", q, want, h.ID)
				}
			}
		}
	}
}

// facetFilters checks the section filter and document order.
func facetFilters(t *testing.T, ix Engine) {
	r := MustSearch(t, ix, query.Request{Text: "海关", Section: "执法", Size: 100})
	// a section filter keeps its units only
	if !cmp.Equal(IDs(r), []string{"other/0", "other/1"}) {
		t.Errorf("section filter: %v", IDs(r))
	}
	// document order
	r = MustSearch(t, ix, query.Request{Text: "海关", Sort: query.SortDoc, Size: 100})
	for i := 1; i < len(r.Hits); i++ {
		a, b := r.Hits[i-1], r.Hits[i]
		if a.DocID == b.DocID && a.Seq > b.Seq || a.DocID == "other" && b.DocID != "other" {
			t.Errorf("document order: %s before %s", a.ID, b.ID)
		}
	}
}

func (s *suite) documentView(t *testing.T) {
	doc := MustSample(t)
	ix := s.sampleEngine(t)
	ctx := context.Background()
	info, units, err := ix.Doc(ctx, doc.ID, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if info.Units != len(doc.Units) || len(units) != len(doc.Units) || info.Aligned != doc.Aligned() {
		t.Errorf("doc info %+v, %d units; want %d units, %d aligned", info, len(units), len(doc.Units), doc.Aligned())
	}
	for i, u := range units {
		w := doc.Units[i]
		if u.Seq != i || u.ZH != w.ZH || u.EN != w.EN || u.Section != w.Section || u.Heading != w.Heading {
			t.Fatalf("unit %d = %+v, want %+v", i, u.Unit, w)
		}
		if u.ID != corpus.UnitID(doc.ID, i) || u.Doc != doc.ID {
			t.Fatalf("unit %d id %q doc %q", i, u.ID, u.Doc)
		}
	}
	// pages
	_, page, err := ix.Doc(ctx, doc.ID, 10, 5)
	if err != nil || len(page) != 5 || page[0].Seq != 10 || page[4].Seq != 14 {
		t.Errorf("units 10–14: %d units from %v (%v)", len(page), page, err)
	}
	_, page, err = ix.Doc(ctx, doc.ID, len(doc.Units), 5)
	if err != nil || len(page) != 0 {
		t.Errorf("past the end: %d units (%v)", len(page), err)
	}
	if _, _, err := ix.Doc(ctx, "nope", 0, 0); !errors.Is(err, search.ErrNotFound) {
		t.Errorf("unknown document: %v, want ErrNotFound", err)
	}
	docs := ix.Docs()
	if len(docs) != 1 || docs[0].ID != doc.ID || docs[0].Title != doc.Title {
		t.Errorf("docs %+v", docs)
	}
	if d, u := ix.Counts(); d != 1 || u != len(doc.Units) {
		t.Errorf("counts %d docs %d units", d, u)
	}
}

func (s *suite) completions(t *testing.T) {
	ix := s.sampleEngine(t)
	ctx := context.Background()
	for _, tc := range []struct {
		prefix, want string
	}{{"protec", "protection"}, {"知识", "知识产权"}, {"知識", "知识产权"}, {"Guang", "guangdong"}} {
		got, err := ix.Complete(ctx, tc.prefix, 8)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, g := range got {
			found = found || g == tc.want
			if !strings.HasPrefix(g, analysis.FoldString(strings.ToLower(tc.prefix))) {
				t.Errorf("%s: completion %q does not start with it", tc.prefix, g)
			}
		}
		if !found {
			t.Errorf("%s: completions %v lack %q", tc.prefix, got, tc.want)
		}
	}
	if got, err := ix.Complete(ctx, "qqqzzz", 8); err != nil || len(got) != 0 {
		t.Errorf("qqqzzz: %v (%v)", got, err)
	}
}

func (s *suite) errors(t *testing.T) {
	ix := s.sampleEngine(t)
	for _, tc := range []struct {
		req  query.Request
		code string
	}{
		{query.Request{Text: "。。。"}, query.CodeBadQuery},
		{query.Request{Text: ""}, query.CodeMissingQuery},
		{query.Request{Text: "x", Lang: "fr"}, query.CodeBadParameter},
		{query.Request{Text: "x", Size: 101}, query.CodeBadParameter},
		{query.Request{Text: "x", From: -1}, query.CodeBadParameter},
		{query.Request{Text: "x", Sort: "date"}, query.CodeBadParameter},
		{query.Request{Text: "x", Translated: "maybe"}, query.CodeBadParameter},
		{query.Request{Text: strings.Repeat("字", 1001)}, query.CodeQueryTooLong},
		{query.Request{Text: `"punitive damages`}, query.CodeBadQuery},
		{query.Request{Text: "customs OR"}, query.CodeBadQuery},
		{query.Request{Text: "p*"}, query.CodeBadQuery},
		{query.Request{Text: "\xff\xfe"}, query.CodeBadParameter},
	} {
		_, err := ix.Search(context.Background(), tc.req)
		var qe *query.Error
		if !errors.As(err, &qe) || qe.Code != tc.code {
			t.Errorf("%+v: %v, want code %s", tc.req, err, tc.code)
		}
	}
}

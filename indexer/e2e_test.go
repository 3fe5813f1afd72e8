package indexer

import (
	"bufio"
	"context"
	"encoding/json"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/bisearch/bisearch/corpus"
)

// sharedData is where the real parallel corpora live beside the checkout.
const sharedData = "../../shared/data"

func mustSample(tb testing.TB) *corpus.Doc {
	tb.Helper()
	d, err := corpus.Sample()
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

func mustBuild(tb testing.TB, docs ...*corpus.Doc) *Index {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "index")
	if _, err := Build(context.Background(), dir, docs, nil); err != nil {
		tb.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	return ix
}

func mustSearch(tb testing.TB, ix *Index, q Query) *Result {
	tb.Helper()
	r, err := ix.Search(context.Background(), q)
	if err != nil {
		tb.Fatalf("search %+v: %v", q, err)
	}
	return r
}

// allIDs pages through every hit of a query.
func allIDs(tb testing.TB, ix *Index, text string) (ids []string, total uint64) {
	tb.Helper()
	for from := 0; ; from += MaxSize {
		r := mustSearch(tb, ix, Query{Text: text, From: from, Size: MaxSize})
		total = r.Total
		for _, h := range r.Hits {
			ids = append(ids, h.ID)
		}
		if len(r.Hits) < MaxSize || from+MaxSize >= MaxWindow {
			break
		}
	}
	sort.Strings(ids)
	return ids, total
}

// squeeze drops white space, which the index ignores between Chinese characters.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// bruteZH lists the units whose Chinese side contains s, both folded
// (Traditional to Simplified, full width to normal, lower case).
func bruteZH(docs []*corpus.Doc, s string) []string {
	var ids []string
	s = FoldString(s)
	for _, d := range docs {
		for _, u := range d.Units {
			if strings.Contains(FoldString(squeeze(u.ZH)), s) {
				ids = append(ids, corpus.UnitID(d.ID, u.Seq))
			}
		}
	}
	sort.Strings(ids)
	return ids
}

func TestSeedEndToEnd(t *testing.T) {
	doc := mustSample(t)
	ix := mustBuild(t, doc)

	t.Run("惩罚性赔偿 finds its paragraph and the translation", func(t *testing.T) {
		r := mustSearch(t, ix, Query{Text: "惩罚性赔偿"})
		if r.Total != 1 || len(r.Hits) != 1 {
			t.Fatalf("total %d, %d hits; want 1", r.Total, len(r.Hits))
		}
		h := r.Hits[0]
		if !strings.Contains(h.ZH.Highlight, "<mark>惩罚性赔偿</mark>") {
			t.Errorf("zh highlight lacks the mark: %s", h.ZH.Highlight)
		}
		if h.EN == nil || !strings.Contains(h.EN.Text, "punitive damages") {
			t.Errorf("translation = %+v, want one with punitive damages", h.EN)
		}
		if diff := cmp.Diff([]string{"zh"}, h.Matched); diff != "" {
			t.Errorf("matched (-want +got):\n%s", diff)
		}
		if strings.Contains(h.EN.Highlight, "<mark>") {
			t.Errorf("the translation side is marked although the query did not match it: %s", h.EN.Highlight)
		}
	})

	t.Run("punitive damages matches the English side, stemmed", func(t *testing.T) {
		for _, q := range []string{"punitive damages", `"punitive damages"`, "Punitive DAMAGE"} {
			r := mustSearch(t, ix, Query{Text: q})
			if r.Total != 1 {
				t.Fatalf("%s: total %d, want 1", q, r.Total)
			}
			h := r.Hits[0]
			if !strings.Contains(h.EN.Highlight, "<mark>punitive damages</mark>") {
				t.Errorf("%s: en highlight = %s", q, h.EN.Highlight)
			}
			if h.ZH == nil || !strings.Contains(h.ZH.Text, "惩罚性赔偿") {
				t.Errorf("%s: the Chinese side is not the source paragraph", q)
			}
		}
	})

	for _, q := range []string{"湾区", "产权", "知识产权", "保护", "海关", "2023"} {
		t.Run(q+" returns every paragraph containing it", func(t *testing.T) {
			got, total := allIDs(t, ix, q)
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
		})
	}

	t.Run("乡村振兴 has no translation", func(t *testing.T) {
		r := mustSearch(t, ix, Query{Text: "乡村振兴"})
		if r.Total != 1 {
			t.Fatalf("total %d, want 1", r.Total)
		}
		if h := r.Hits[0]; h.EN != nil || !strings.Contains(h.ZH.Highlight, "<mark>乡村振兴</mark>") {
			t.Errorf("hit = zh %+v en %+v; want a marked zh and no en", h.ZH, h.EN)
		}
	})

	t.Run("lang restricts the side", func(t *testing.T) {
		zh := mustSearch(t, ix, Query{Text: "2023", Lang: "zh", Size: 100})
		en := mustSearch(t, ix, Query{Text: "2023", Lang: "en", Size: 100})
		for _, h := range zh.Hits {
			if !strings.Contains(h.ZH.Text, "2023") || len(h.Matched) != 1 || h.Matched[0] != "zh" {
				t.Errorf("lang=zh hit %s matched %v", h.ID, h.Matched)
			}
		}
		for _, h := range en.Hits {
			if !strings.Contains(h.EN.Text, "2023") || len(h.Matched) != 1 || h.Matched[0] != "en" {
				t.Errorf("lang=en hit %s matched %v", h.ID, h.Matched)
			}
		}
		if zh.Total == 0 || en.Total == 0 || zh.Total == en.Total {
			t.Errorf("zh %d, en %d hits: want both, and different", zh.Total, en.Total)
		}
	})

	t.Run("words are all required", func(t *testing.T) {
		both := mustSearch(t, ix, Query{Text: "海关 2023"})
		if both.Total == 0 {
			t.Fatal("海关 2023 found nothing")
		}
		for _, h := range both.Hits {
			if !strings.Contains(h.ZH.Text, "海关") {
				t.Errorf("%s lacks 海关", h.ID)
			}
		}
		if r := mustSearch(t, ix, Query{Text: "海关 乡村振兴"}); r.Total != 0 {
			t.Errorf("海关 乡村振兴 found %d, want 0", r.Total)
		}
	})

	t.Run("doc restricts the document", func(t *testing.T) {
		if r := mustSearch(t, ix, Query{Text: "海关", Doc: doc.ID}); r.Total == 0 {
			t.Error("doc filter with the right id found nothing")
		}
		if r := mustSearch(t, ix, Query{Text: "海关", Doc: "other"}); r.Total != 0 {
			t.Errorf("doc filter with another id found %d", r.Total)
		}
	})

	t.Run("bad queries", func(t *testing.T) {
		for _, q := range []Query{{Text: "。。。"}, {Text: "x", Lang: "fr"}, {Text: "x", Size: 101}, {Text: "x", From: -1}, {Text: strings.Repeat("字", 1001)}} {
			if _, err := ix.Search(context.Background(), q); err == nil {
				t.Errorf("%+v: no error", q)
			}
		}
	})

	t.Run("documents", func(t *testing.T) {
		info, units, err := ix.Doc(context.Background(), doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if info.Units != len(doc.Units) || len(units) != len(doc.Units) || info.Aligned != doc.Aligned() {
			t.Errorf("doc info %+v, %d units; want %d units, %d aligned", info, len(units), len(doc.Units), doc.Aligned())
		}
		for i, u := range units {
			if u.Seq != i || u.ZH != doc.Units[i].ZH || u.EN != doc.Units[i].EN {
				t.Fatalf("unit %d = %+v, want %+v", i, u, doc.Units[i])
			}
		}
		if _, _, err := ix.Doc(context.Background(), "nope"); err == nil {
			t.Error("unknown document: no error")
		}
	})
}

// TestRecallProperty draws Chinese strings of 1–10 characters from real
// paragraphs and checks that the index returns exactly the units a scan finds.
func TestRecallProperty(t *testing.T) {
	docs := []*corpus.Doc{mustSample(t)}
	if extra := sharedDocs(t, 1500); extra != nil {
		docs = append(docs, extra...)
	}
	ix := mustBuild(t, docs...)
	paras := chineseParagraphs(docs)
	rng := rand.New(rand.NewSource(2026))
	n := 300
	if testing.Short() {
		n = 60
	}
	for i := 0; i < n; i++ {
		q := randomHanString(rng, paras[rng.Intn(len(paras))], 1+rng.Intn(10))
		if q == "" {
			continue
		}
		want := bruteZH(docs, q)
		if len(want) > MaxWindow {
			continue
		}
		got, total := allIDs(t, ix, q)
		if total != uint64(len(want)) || !cmp.Equal(want, got) {
			t.Errorf("%q: total %d, %d ids; brute force %d\n%s", q, total, len(got), len(want), cmp.Diff(want, got))
		}
	}
}

// chineseParagraphs lists the Chinese side of every unit that has one.
func chineseParagraphs(docs []*corpus.Doc) []string {
	var out []string
	for _, d := range docs {
		for _, u := range d.Units {
			if u.ZH != "" {
				out = append(out, u.ZH)
			}
		}
	}
	return out
}

// randomHanString picks a run of up to n Chinese characters from text.
func randomHanString(rng *rand.Rand, text string, n int) string {
	rs := []rune(squeeze(text))
	if len(rs) == 0 {
		return ""
	}
	start := rng.Intn(len(rs))
	var out []rune
	for _, r := range rs[start:] {
		if !unicode.Is(unicode.Han, r) || len(out) == n {
			break
		}
		out = append(out, r)
	}
	return string(out)
}

// sharedDocs reads up to limit documents' worth of paragraph pairs from the
// WMT24 documents in ../shared/data, or skips when they are absent.
func sharedDocs(t *testing.T, limit int) []*corpus.Doc {
	t.Helper()
	path := filepath.Join(sharedData, "wmt-docs", "wmt24-en-zh", "documents.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Logf("%s not found: using the sample corpus only (the shared data sits beside the checkout in CI)", path)
		return nil
	}
	defer f.Close()
	var docs []*corpus.Doc
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	units := 0
	for sc.Scan() && units < limit {
		var rec struct {
			DocID string   `json:"docid"`
			EN    []string `json:"en"`
			ZH    []string `json:"zh"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		d := &corpus.Doc{ID: corpus.IDFromName(rec.DocID), Title: rec.DocID}
		for i := range rec.ZH {
			d.Units = append(d.Units, corpus.Unit{Seq: i, ZH: rec.ZH[i], EN: rec.EN[i], Score: 1})
		}
		units += len(d.Units)
		docs = append(docs, d)
	}
	return docs
}

// tatoeba reads the Tatoeba sentence pairs of ../shared/data, or skips.
func tatoeba(t *testing.T) *corpus.Doc {
	t.Helper()
	path := filepath.Join(sharedData, "tatoeba-cmn", "cmn.txt")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("%s not found: the shared data sits beside the checkout in CI", path)
	}
	doc, err := corpus.ReadTSV(path, b)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Units) < 29000 {
		t.Fatalf("read %d units from %s, want the whole file", len(doc.Units), path)
	}
	return doc
}

func TestSharedData(t *testing.T) {
	doc := tatoeba(t)
	ix := mustBuild(t, doc)
	for _, q := range []string{"图书馆", "library", "\"the library\"", "简单", "Tom 图书馆"} {
		r := mustSearch(t, ix, Query{Text: q, Size: 5})
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
	got, total := allIDs(t, ix, "简单")
	want := bruteZH([]*corpus.Doc{doc}, "简单")
	if total != uint64(len(want)) || !cmp.Equal(want, got) {
		t.Errorf("简单: %d found, %d contain it", total, len(want))
	}
}

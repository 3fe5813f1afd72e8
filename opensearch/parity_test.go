package opensearch

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/indexer"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search/searchtest"
	"github.com/bisearch/bisearch/server"
)

type analyzed struct {
	Tokens []struct {
		Token    string `json:"token"`
		Position int    `json:"position"`
	} `json:"tokens"`
}

// analyze runs one of the index's analysers on text in the cluster.
func analyze(t *testing.T, e *Engine, analyzer, text string) analyzed {
	t.Helper()
	var out analyzed
	body := marshal(map[string]any{"analyzer": analyzer, "text": text})
	if err := e.c.do(context.Background(), "POST", request{path: "/" + e.Index() + "/_analyze", body: body}, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// parityDocs are the paragraphs the analysis parity is checked on: the
// sample and, when the shared data is there, WMT24 documents.
func parityDocs(t *testing.T) []*corpus.Doc {
	docs := []*corpus.Doc{searchtest.MustSample(t)}
	return append(docs, searchtest.SharedDocs(t, 600)...)
}

// TestEnglishParity checks that the cluster's bisearch_en analyser gives,
// paragraph for paragraph, the terms and relative positions of
// analysis.English, which the bleve engine indexes with and spans are found
// with.
func TestEnglishParity(t *testing.T) {
	e := mustBuild(t, searchtest.MustSample(t))
	n := 0
	for _, d := range parityDocs(t) {
		for _, u := range d.Units {
			if u.EN == "" {
				continue
			}
			n++
			var want, got []string
			toks := analysis.EnglishTokens(u.EN)
			for _, tk := range toks {
				want = append(want, fmt.Sprintf("%s@%d", tk.Term, tk.Pos-toks[0].Pos))
			}
			a := analyze(t, e, "bisearch_en", u.EN)
			for _, tk := range a.Tokens {
				got = append(got, fmt.Sprintf("%s@%d", tk.Token, tk.Position-a.Tokens[0].Position))
			}
			if !cmp.Equal(want, got) {
				t.Errorf("%s/%d analysed differently (-bisearch +cluster):\n%s", d.ID, u.Seq, cmp.Diff(want, got))
			}
		}
	}
	t.Logf("%d English paragraphs analysed alike", n)
}

// TestChineseTokens checks, on real paragraphs, what the Chinese phrase
// queries count on: at each position of the folded text the cluster indexes
// the token phraseTokens asks for there.
func TestChineseTokens(t *testing.T) {
	e := mustBuild(t, searchtest.MustSample(t))
	n := 0
	for _, d := range parityDocs(t) {
		for _, u := range d.Units {
			if u.ZH == "" {
				continue
			}
			n++
			a := analyze(t, e, "bisearch_zh_index", searchForm(u.ZH))
			at := map[int]map[string]bool{}
			first := -1
			for _, tk := range a.Tokens {
				if first < 0 {
					first = tk.Position
				}
				p := tk.Position - first
				if at[p] == nil {
					at[p] = map[string]bool{}
				}
				at[p][tk.Token] = true
			}
			for i, tk := range phraseTokens(u.ZH) {
				if !at[i][tk] {
					t.Fatalf("%s/%d: the query token %q of position %d is not indexed there (%v)\n%s", d.ID, u.Seq, tk, i, at[i], u.ZH)
				}
			}
		}
	}
	t.Logf("%d Chinese paragraphs indexed as the queries expect", n)
}

// TestSameHitsSameHighlights builds the same corpus with both engines and
// checks, query by query, that every hit both return is shown
// byte-identically: highlight, html, snippet, spans and sentences.
func TestSameHitsSameHighlights(t *testing.T) {
	docs := parityDocs(t)
	cluster := mustBuild(t, docs...)
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := indexer.Build(context.Background(), dir, docs, nil); err != nil {
		t.Fatal(err)
	}
	local, err := indexer.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer local.Close()
	queries := []string{"知识产权", "惩罚性赔偿", "海关 2023", "customs", `"Greater Bay Area"`, "protection", "zh:保护 -en:protection",
		"protect*", "知識產權", "ＷＩＰＯ", "1,926", "2023年", "customs OR 海关"}
	for _, c := range searchtest.RankCases(t, len(docs) > 1) {
		queries = append(queries, c[0])
	}
	compared := 0
	for _, q := range queries {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		req := query.Request{Text: q, Size: 100, Facets: true}
		a, err1 := local.Search(ctx, req)
		b, err2 := cluster.Search(ctx, req)
		cancel()
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v / %v", q, err1, err2)
		}
		if a.Total != b.Total {
			t.Errorf("%s: %d hits on bleve, %d on the cluster", q, a.Total, b.Total)
		}
		ja, jb := server.ResultJSON(a), server.ResultJSON(b)
		byID := map[string]server.HitJSON{}
		for _, h := range ja.Hits {
			byID[h.ID] = h
		}
		for _, hb := range jb.Hits {
			ha, ok := byID[hb.ID]
			if !ok {
				continue // ranked differently: past the page on bleve
			}
			ha.Score, hb.Score = 0, 0
			wa, _ := json.Marshal(ha)
			wb, _ := json.Marshal(hb)
			if string(wa) != string(wb) {
				t.Errorf("%s: hit %s shown differently (-bleve +cluster):\n%s", q, hb.ID, cmp.Diff(ha, hb))
			}
			compared++
		}
		if !cmp.Equal(ja.Facets, jb.Facets) {
			t.Errorf("%s: facets differ (-bleve +cluster):\n%s", q, cmp.Diff(ja.Facets, jb.Facets))
		}
	}
	if compared < 100 {
		t.Errorf("only %d hits compared", compared)
	}
	t.Logf("%d queries, %d hits shown byte for byte alike", len(queries), compared)
}

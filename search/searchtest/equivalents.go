package searchtest

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/highlight"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
)

// EquivFigures measure the translation marks and the translations of the
// query on the equivalents gold set.
type EquivFigures struct {
	Queries   int     `json:"queries"`
	Marks     int     `json:"marks"`     // marks on the first 100 translated hits of each query
	Precision float64 `json:"precision"` // of the marks: the share that are a gold translation
	Coverage  float64 `json:"coverage"`  // of the hits holding a gold translation: the share with it marked
	P1        float64 `json:"p@1"`       // the most frequent translation listed is a gold one
	R3        float64 `json:"r@3"`       // a gold translation is among the three listed first
}

type equivCase struct {
	set, query string
	want       []string
}

func loadEquivCases(tb testing.TB) []equivCase {
	f, err := os.Open(testdata("equivalents.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []equivCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := strings.Split(line, "\t")
		if len(p) != 3 {
			tb.Fatalf("equivalents.tsv:%d: want set, query and translations", n)
		}
		out = append(out, equivCase{p[0], p[1], strings.Split(p[2], "|")})
	}
	return out
}

// EquivCorpus is the corpus of one set of the equivalents gold set, or nil
// when its files are not there.
func EquivCorpus(tb testing.TB, set string) []*corpus.Doc {
	tb.Helper()
	data := SharedData()
	var paths []string
	switch set {
	case "sample":
		return []*corpus.Doc{MustSample(tb)}
	case "wmt24":
		if data == "" {
			return nil
		}
		return SharedDocs(tb, 1<<30)
	case "debian":
		paths = []string{filepath.Join(data, "debian-handbook")}
	case "tmx":
		for _, f := range []string{"omegat-l10n-zh_CN.project_save.tmx", "catalyst-utf16.omegat-tm-4.3.1.tmx", "catalyst-utf16.omegat-UI-tm-4.1.tmx"} {
			paths = append(paths, filepath.Join(data, "tmx", f))
		}
	}
	if data == "" {
		return nil
	}
	docs, _, err := corpus.Load(context.Background(), paths...)
	if err != nil {
		tb.Fatal(err)
	}
	return docs
}

// isGold tells whether a marked or listed text is one of the gold
// translations (or a part of one, or one with more words around it).
func isGold(text string, want []string) bool {
	t := strings.ToLower(analysis.FoldString(strings.Join(strings.Fields(text), " ")))
	for _, w := range want {
		w = strings.ToLower(analysis.FoldString(w))
		if len([]rune(t)) >= 2 && (strings.Contains(t, w) || strings.Contains(w, t)) {
			return true
		}
	}
	return false
}

// translationser is an engine that counts a term's translations.
type translationser interface {
	Translations(ctx context.Context, req query.Request) (*search.Translations, error)
}

// MeasureEquivalents runs the equivalents gold set on the engines build
// makes of each set's corpus and returns the figures of each set and of all.
func MeasureEquivalents(t *testing.T, build Factory) map[string]EquivFigures {
	cases := loadEquivCases(t)
	bySet := map[string][]equivCase{}
	for _, c := range cases {
		bySet[c.set] = append(bySet[c.set], c)
	}
	out := map[string]EquivFigures{}
	var all EquivFigures
	var allCorrect, allHeld, allCovered float64
	for _, set := range []string{"sample", "debian", "tmx", "wmt24"} {
		docs := EquivCorpus(t, set)
		if docs == nil {
			t.Logf("%s: the shared data is not here; its figures are not measured", set)
			continue
		}
		e := build(t, docs...)
		var f EquivFigures
		var correct, held, covered float64
		for _, c := range bySet[set] {
			f.Queries++
			r := MustSearch(t, e, query.Request{Text: c.query, Size: 100, Translated: "yes"})
			zhQuery := analysis.HasHan(c.query)
			for _, h := range r.Hits {
				own, other := h.ZH, h.EN
				if !zhQuery {
					own, other = h.EN, h.ZH
				}
				if own == nil || other == nil || len(own.Spans) == 0 {
					continue
				}
				hit := false
				for _, sp := range highlight.Merge(other.Text, other.Equivalent) {
					f.Marks++
					if isGold(other.Text[sp.Start:sp.End], c.want) {
						correct++
						hit = true
					}
				}
				if isGold(other.Text, c.want) {
					held++
					if hit {
						covered++
					}
				}
			}
			if ts, ok := e.(translationser); ok {
				tr, err := ts.Translations(context.Background(), query.Request{Text: c.query})
				if err != nil {
					t.Fatalf("%s: translations of %s: %v", set, c.query, err)
				}
				var listed []string
				for k, tc := range tr.Terms {
					if k == 3 {
						break
					}
					listed = append(listed, tc.Text)
					if isGold(tc.Text, c.want) {
						if k == 0 {
							f.P1++
						}
						f.R3++
						break
					}
				}
				if len(listed) == 0 || !isGold(listed[0], c.want) {
					t.Logf("%s: %s → %q (gold %q)", set, c.query, listed, c.want)
				}
			}
		}
		n := float64(f.Queries)
		f.Precision, f.Coverage, f.P1, f.R3 = ratio3(correct, float64(f.Marks)), ratio3(covered, held), ratio3(f.P1, n), ratio3(f.R3, n)
		out[set] = f
		t.Logf("%s: %d queries, %d marks, precision %.3f, coverage %.3f, translations p@1 %.3f r@3 %.3f", set, f.Queries, f.Marks, f.Precision, f.Coverage, f.P1, f.R3)
		all.Queries += f.Queries
		all.Marks += f.Marks
		allCorrect += correct
		allHeld += held
		allCovered += covered
		all.P1 += f.P1 * n
		all.R3 += f.R3 * n
	}
	n := float64(all.Queries)
	all.Precision, all.Coverage, all.P1, all.R3 = ratio3(allCorrect, float64(all.Marks)), ratio3(allCovered, allHeld), ratio3(all.P1, n), ratio3(all.R3, n)
	out["all"] = all
	return out
}

func ratio3(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return round3(a / b)
}

// CheckEquivFigures compares figures with those recorded in
// testdata/equivalents-figures.json and fails when one falls (with -update
// it rewrites them).
func CheckEquivFigures(t *testing.T, got map[string]EquivFigures) {
	recorded, updated := recordedFigures(t, "equivalents-figures.json", got)
	if updated {
		return
	}
	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		g, w := got[k], recorded[k]
		if k == "all" && len(got) < len(recorded) {
			continue // a set was not measured here
		}
		for _, m := range []struct {
			name      string
			got, want float64
		}{{"precision", g.Precision, w.Precision}, {"coverage", g.Coverage, w.Coverage}, {"p@1", g.P1, w.P1}, {"r@3", g.R3, w.R3}} {
			if m.got < m.want {
				t.Errorf("%s: %s fell from %.3f to %.3f", k, m.name, m.want, m.got)
			}
		}
	}

}

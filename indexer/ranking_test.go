package indexer

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bisearch/bisearch/corpus"
)

var update = flag.Bool("update", false, "rewrite golden files and recorded figures")

// rankFigures are the ranking measures of one query set.
type rankFigures struct {
	Queries  int     `json:"queries"`
	Recall1  float64 `json:"recall@1"`
	Recall5  float64 `json:"recall@5"`
	MRR      float64 `json:"mrr"`
	Recall10 float64 `json:"recall@10"`
}

type rankCase struct{ set, query, want string }

func loadRankCases(t *testing.T) []rankCase {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "ranking.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []rankCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 3 {
			t.Fatalf("ranking.tsv:%d: want set, query and unit id", n)
		}
		out = append(out, rankCase{parts[0], parts[1], parts[2]})
	}
	return out
}

// TestRanking measures, like zoekt's rank test, where the unit a query is
// after comes among the hits, and fails when a figure falls below the one
// recorded in testdata/ranking-figures.json (rewrite it with -update: the
// figures may only go up).
func TestRanking(t *testing.T) {
	cases := loadRankCases(t)
	indexes := map[string]*Index{"seed": mustBuild(t, mustSample(t))}
	if docs := sharedDocs(t, 1<<30); docs != nil {
		indexes["wmt24"] = mustBuild(t, append([]*corpus.Doc{mustSample(t)}, docs...)...)
	}
	figuresPath := filepath.Join("testdata", "ranking-figures.json")
	recorded := map[string]rankFigures{}
	if b, err := os.ReadFile(figuresPath); err == nil {
		if err := json.Unmarshal(b, &recorded); err != nil {
			t.Fatalf("%s: %v", figuresPath, err)
		}
	}
	got := map[string]rankFigures{}
	for set, ix := range indexes {
		var f rankFigures
		var rr float64
		for _, c := range cases {
			if c.set != set {
				continue
			}
			f.Queries++
			r := mustSearch(t, ix, Query{Text: c.query, Size: 10})
			rank := 0
			for i, h := range r.Hits {
				if h.ID == c.want {
					rank = i + 1
					break
				}
			}
			if rank == 0 {
				// past the first page: still found at all?
				all, _ := allIDs(t, ix, c.query)
				found := false
				for _, id := range all {
					found = found || id == c.want
				}
				if !found {
					t.Errorf("%s: %q does not find %s at all (a wrong golden entry, or lost recall)", set, c.query, c.want)
				}
				t.Logf("%s: %q: %s not in the first 10 of %d", set, c.query, c.want, r.Total)
				continue
			}
			if rank > 1 {
				t.Logf("%s: %q: %s at rank %d (first: %s)", set, c.query, c.want, rank, r.Hits[0].ID)
			}
			rr += 1 / float64(rank)
			if rank == 1 {
				f.Recall1++
			}
			if rank <= 5 {
				f.Recall5++
			}
			f.Recall10++
		}
		n := float64(f.Queries)
		f.Recall1, f.Recall5, f.Recall10, f.MRR = round3(f.Recall1/n), round3(f.Recall5/n), round3(f.Recall10/n), round3(rr/n)
		got[set] = f
		t.Logf("%s: %d queries: recall@1 %.3f, recall@5 %.3f, recall@10 %.3f, MRR %.3f", set, f.Queries, f.Recall1, f.Recall5, f.Recall10, f.MRR)
		if want, ok := recorded[set]; ok && !*update {
			if f.Queries != want.Queries {
				t.Errorf("%s: %d queries, %d recorded: run with -update after changing the set", set, f.Queries, want.Queries)
			}
			for _, m := range []struct {
				name      string
				got, want float64
			}{{"recall@1", f.Recall1, want.Recall1}, {"recall@5", f.Recall5, want.Recall5}, {"recall@10", f.Recall10, want.Recall10}, {"MRR", f.MRR, want.MRR}} {
				if m.got < m.want {
					t.Errorf("%s: %s fell from %.3f to %.3f", set, m.name, m.want, m.got)
				}
			}
		}
	}
	if *update {
		for set, f := range recorded {
			if _, ok := got[set]; !ok {
				got[set] = f // a set not run here keeps its figures
			}
		}
		b, _ := json.MarshalIndent(got, "", "  ")
		if err := os.WriteFile(figuresPath, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func round3(x float64) float64 {
	var r float64
	fmt.Sscanf(fmt.Sprintf("%.3f", x), "%g", &r)
	return r
}

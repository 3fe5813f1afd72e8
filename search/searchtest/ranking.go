package searchtest

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/query"
)

var update = flag.Bool("update", false, "rewrite the recorded figures of the conformance suite")

// testdata is this package's testdata folder, wherever the test runs.
func testdata(name string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "testdata", name)
}

// RankFigures are the ranking measures of one query set.
type RankFigures struct {
	Queries  int     `json:"queries"`
	Recall1  float64 `json:"recall@1"`
	Recall5  float64 `json:"recall@5"`
	MRR      float64 `json:"mrr"`
	Recall10 float64 `json:"recall@10"`
}

type rankCase struct{ set, query, want string }

func loadRankCases(t *testing.T) []rankCase {
	t.Helper()
	f, err := os.Open(testdata("ranking.tsv"))
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

// recordedFigures reads the figures recorded in testdata/name, keyed by
// engine or set. With -update it first writes got over them and reports
// that it did (the caller then compares nothing).
func recordedFigures[T any](t *testing.T, name string, got map[string]T) (map[string]T, bool) {
	t.Helper()
	path := testdata(name)
	recorded := map[string]T{}
	if b, err := os.ReadFile(path); err == nil {
		if err := json.Unmarshal(b, &recorded); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	if !*update {
		return recorded, false
	}
	for k, v := range got {
		recorded[k] = v
	}
	b, _ := json.MarshalIndent(recorded, "", "  ")
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	return recorded, true
}

// ranking measures, like zoekt's rank test, where the unit a query is after
// comes among the hits, and fails when a figure falls below the one recorded
// for this engine in testdata/ranking-figures.json (rewrite it with -update:
// the figures may only go up).
func (s *suite) ranking(t *testing.T) {
	cases := loadRankCases(t)
	indexes := map[string]Engine{"seed": s.sampleEngine(t)}
	if docs := SharedDocs(t, 1<<30); docs != nil {
		indexes["wmt24"] = s.build(t, append([]*corpus.Doc{MustSample(t)}, docs...)...)
	}
	got := map[string]RankFigures{}
	for set, ix := range indexes {
		f := measureRanking(t, ix, set, cases)
		key := s.name + "/" + set
		got[key] = f
		t.Logf("%s: %d queries: recall@1 %.3f, recall@5 %.3f, recall@10 %.3f, MRR %.3f", key, f.Queries, f.Recall1, f.Recall5, f.Recall10, f.MRR)
	}
	recorded, updated := recordedFigures(t, "ranking-figures.json", got)
	if updated {
		return
	}
	for key, f := range got {
		want, ok := recorded[key]
		if !ok {
			continue
		}
		if f.Queries != want.Queries {
			t.Errorf("%s: %d queries, %d recorded: run with -update after changing the set", key, f.Queries, want.Queries)
		}
		for _, m := range []struct {
			name      string
			got, want float64
		}{{"recall@1", f.Recall1, want.Recall1}, {"recall@5", f.Recall5, want.Recall5}, {"recall@10", f.Recall10, want.Recall10}, {"MRR", f.MRR, want.MRR}} {
			if m.got < m.want {
				t.Errorf("%s: %s fell from %.3f to %.3f", key, m.name, m.want, m.got)
			}
		}
	}
}

func measureRanking(t *testing.T, ix Engine, set string, cases []rankCase) RankFigures {
	var f RankFigures
	var rr float64
	for _, c := range cases {
		if c.set != set {
			continue
		}
		f.Queries++
		r := MustSearch(t, ix, query.Request{Text: c.query, Size: 10})
		rank := 0
		for i, h := range r.Hits {
			if h.ID == c.want {
				rank = i + 1
				break
			}
		}
		if rank == 0 {
			// past the first page: still found at all?
			all, _ := AllIDs(t, ix, c.query)
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
	return f
}

func round3(x float64) float64 {
	var r float64
	fmt.Sscanf(fmt.Sprintf("%.3f", x), "%g", &r)
	return r
}

// RankCases lists the golden ranking queries and the unit each is after:
// the seed set, and the WMT24 set too when withShared.
func RankCases(t *testing.T, withShared bool) [][2]string {
	var out [][2]string
	for _, c := range loadRankCases(t) {
		if c.set == "seed" || c.set == "wmt24" && withShared {
			out = append(out, [2]string{c.query, c.want})
		}
	}
	return out
}

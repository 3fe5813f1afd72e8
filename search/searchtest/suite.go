// Package searchtest is the conformance suite every engine passes: the same
// test functions, run once per engine (as Gitea runs one suite over its
// issue indexers). An engine's own tests call Run with a Factory that builds
// an index of the given documents; the suite checks recall against a brute
// force scan, the ranking golden set (figures recorded per engine), the
// query language, folding, highlights, reading aids, facets, the document
// view, completions and errors.
package searchtest

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

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
)

// Engine is what the suite needs of an engine.
type Engine interface {
	Search(ctx context.Context, req query.Request) (*search.Result, error)
	Doc(ctx context.Context, id string, from, size int) (search.DocInfo, []search.Unit, error)
	Docs() []search.DocInfo
	Counts() (docs, units int)
	Complete(ctx context.Context, prefix string, n int) ([]string, error)
	Use(ctx context.Context, f func(search.Backend) error) error
}

// Factory builds an index of docs and opens it; the index goes away when the
// test ends.
type Factory func(tb testing.TB, docs ...*corpus.Doc) Engine

// Run runs the whole suite against the engine named name.
func Run(t *testing.T, name string, build Factory) {
	s := &suite{name: name, build: build, top: t}
	for _, c := range []struct {
		name string
		f    func(*testing.T)
	}{
		{"SeedEndToEnd", s.seedEndToEnd},
		{"RecallProperty", s.recallProperty},
		{"SharedData", s.sharedData},
		{"Normalisation", s.normalisation},
		{"EnglishAndNumbers", s.englishAndNumbers},
		{"MixedScript", s.mixedScript},
		{"QueryLanguage", s.queryLanguage},
		{"ExpansionIsBounded", s.expansionIsBounded},
		{"HighlightEscapesDocuments", s.highlightEscapes},
		{"Suggestions", s.suggestions},
		{"RankingRules", s.rankingRules},
		{"Ranking", s.ranking},
		{"PairsFirst", s.pairsFirst},
		{"TiesInOrder", s.tiesInOrder},
		{"ReadingAids", s.readingAids},
		{"LearnedEquivalents", s.learnedEquivalents},
		{"Facets", s.facets},
		{"DocumentView", s.documentView},
		{"Completions", s.completions},
		{"Errors", s.errors},
		{"Scan", s.scan},
		{"SentencePairs", s.sentencePairs},
		{"TranslationFilter", s.translationFilter},
		{"Concordance", s.concordance},
		{"Similar", s.similar},
		{"Export", s.export},
	} {
		t.Run(c.name, c.f)
	}
}

type suite struct {
	name  string
	build Factory
	top   *testing.T // the indexes shared between tests live as long as it

	sample Engine // the sample corpus, built once
}

// sampleEngine is an index of the sample corpus, shared by the tests that
// only read it.
func (s *suite) sampleEngine(t *testing.T) Engine {
	t.Helper()
	if s.sample == nil {
		s.sample = s.build(s.top, MustSample(t))
	}
	return s.sample
}

// MustSample is the embedded sample corpus.
func MustSample(tb testing.TB) *corpus.Doc {
	tb.Helper()
	d, err := corpus.Sample()
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// MustSearch runs a request or fails the test.
func MustSearch(tb testing.TB, e Engine, req query.Request) *search.Result {
	tb.Helper()
	r, err := e.Search(context.Background(), req)
	if err != nil {
		tb.Fatalf("search %+v: %v", req, err)
	}
	return r
}

// AllIDs pages through every hit of a query.
func AllIDs(tb testing.TB, e Engine, text string) (ids []string, total uint64) {
	tb.Helper()
	for from := 0; ; from += query.MaxSize {
		r := MustSearch(tb, e, query.Request{Text: text, From: from, Size: query.MaxSize})
		total = r.Total
		for _, h := range r.Hits {
			ids = append(ids, h.ID)
		}
		if len(r.Hits) < query.MaxSize || from+query.MaxSize >= query.MaxWindow {
			break
		}
	}
	sort.Strings(ids)
	return ids, total
}

// IDs lists a result's hit ids, sorted.
func IDs(r *search.Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	sort.Strings(out)
	return out
}

// Marked lists the texts a side's spans cover.
func Marked(s *search.Side) []string {
	if s == nil {
		return nil
	}
	var out []string
	for _, sp := range s.Spans {
		out = append(out, s.Text[sp.Start:sp.End])
	}
	return out
}

// unitsWhere lists the ids of a document's units for which keep holds.
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

// squeeze drops white space, which the index ignores between Chinese characters.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// BruteZH lists the units whose Chinese side contains s, both folded
// (Traditional to Simplified, full width to normal, lower case).
func BruteZH(docs []*corpus.Doc, s string) []string {
	var ids []string
	s = analysis.FoldString(s)
	for _, d := range docs {
		for _, u := range d.Units {
			if strings.Contains(analysis.FoldString(squeeze(u.ZH)), s) {
				ids = append(ids, corpus.UnitID(d.ID, u.Seq))
			}
		}
	}
	sort.Strings(ids)
	return ids
}

// ChineseParagraphs lists the Chinese side of every unit that has one.
func ChineseParagraphs(docs []*corpus.Doc) []string {
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

// RandomHanString picks a run of up to n Chinese characters from text.
func RandomHanString(rng *rand.Rand, text string, n int) string {
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

// SharedData is where the real parallel corpora live: ../shared/data beside
// the checkout (found from the module root), "" when absent.
func SharedData() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			p := filepath.Join(dir, "..", "shared", "data")
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				return p
			}
			return ""
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

// SharedDocs reads up to limit units' worth of paragraph pairs from the
// WMT24 documents in ../shared/data, or nil (with a log line) when they are
// absent.
func SharedDocs(tb testing.TB, limit int) []*corpus.Doc {
	tb.Helper()
	path := filepath.Join(SharedData(), "wmt-docs", "wmt24-en-zh", "documents.jsonl")
	f, err := os.Open(path)
	if err != nil {
		tb.Logf("%s not found: using the sample corpus only (the shared data sits beside the checkout in CI)", path)
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
			tb.Fatalf("%s: %v", path, err)
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

// Tatoeba reads the Tatoeba sentence pairs of ../shared/data, or skips.
func Tatoeba(tb testing.TB) *corpus.Doc {
	tb.Helper()
	path := filepath.Join(SharedData(), "tatoeba-cmn", "cmn.txt")
	b, err := os.ReadFile(path)
	if err != nil {
		skipShared(tb, path)
	}
	doc, err := corpus.ReadTSV(path, b)
	if err != nil {
		tb.Fatal(err)
	}
	if len(doc.Units) < 29000 {
		tb.Fatalf("read %d units from %s, want the whole file", len(doc.Units), path)
	}
	return doc
}

// skipShared skips a test that needs ../shared/data, saying where it looked;
// under CI=true, where the data must be there, it fails instead.
func skipShared(tb testing.TB, path string) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatalf("%s not found: CI runs with ../shared beside the checkout", path)
	}
	tb.Skipf("%s not found: the shared data sits beside the checkout in CI", path)
}

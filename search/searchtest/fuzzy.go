package searchtest

import (
	"context"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/fuzzy"
	"github.com/bisearch/bisearch/search"
)

// FuzzyFile is the translation memory the fuzzy-match agreement is
// measured on.
const FuzzyFile = "omegat-l10n-zh_CN.project_save.tmx"

// FuzzyFigures are how often the lookup's first match is as good as the
// best a brute force finds.
type FuzzyFigures struct {
	Queries   int     `json:"queries"`
	Units     int     `json:"units"`
	Agreement float64 `json:"top1_agreement"`
	ZH        float64 `json:"top1_agreement_zh"`
	EN        float64 `json:"top1_agreement_en"`
}

// FuzzyQuery is a sentence of the memory altered, and the side it is on.
type FuzzyQuery struct {
	Text, From string
	Lang       corpus.Lang
	Change     string
}

// FuzzyQueries draws n sentences from the units (half Chinese, half
// English), each altered one way: a word dropped, a word changed for one
// of another sentence, two words swapped, or two of these.
func FuzzyQueries(units []search.Unit, n int) []FuzzyQuery {
	rng := rand.New(rand.NewSource(20261130))
	var out []FuzzyQuery
	var pool []search.Unit
	for _, u := range units {
		if u.Paired() {
			pool = append(pool, u)
		}
	}
	for tries := 0; len(out) < n && tries < 100*n; tries++ {
		u := pool[rng.Intn(len(pool))]
		lang := corpus.ZH
		if len(out)%2 == 1 {
			lang = corpus.EN
		}
		text := u.ZH
		if lang == corpus.EN {
			text = u.EN
		}
		sents := corpus.Sentences(text, lang)
		s := sents[rng.Intn(len(sents))]
		sent := text[s.Start:s.End]
		if analysis.HasHan(sent) != (lang == corpus.ZH) {
			continue // an untranslated segment: English on the Chinese side
		}
		words := alterable(sent, lang)
		if len(words) < 5 {
			continue
		}
		other := pool[rng.Intn(len(pool))]
		otherText := other.ZH
		if lang == corpus.EN {
			otherText = other.EN
		}
		donor := alterable(otherText, lang)
		if len(donor) == 0 {
			continue
		}
		change := []string{"drop", "change", "swap", "drop+change", "swap+change"}[rng.Intn(5)]
		altered := append([]string(nil), words...)
		for _, op := range strings.Split(change, "+") {
			i := rng.Intn(len(altered))
			switch op {
			case "drop":
				altered = append(altered[:i], altered[i+1:]...)
			case "change":
				altered[i] = donor[rng.Intn(len(donor))]
			case "swap":
				if i+1 < len(altered) {
					altered[i], altered[i+1] = altered[i+1], altered[i]
				}
			}
		}
		sep := " "
		if lang == corpus.ZH {
			sep = ""
		}
		out = append(out, FuzzyQuery{Text: strings.Join(altered, sep), From: u.ID, Lang: lang, Change: change})
	}
	return out
}

// alterable splits a sentence into what an alteration moves: English
// words, or Chinese two-character pieces (and any Latin words inside).
func alterable(s string, lang corpus.Lang) []string {
	var out []string
	toks := fuzzy.Tokens(s)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if lang == corpus.ZH && analysis.HasHan(t.Text) && i+1 < len(toks) && analysis.HasHan(toks[i+1].Text) {
			out = append(out, s[t.Start:toks[i+1].End])
			i++
			continue
		}
		out = append(out, s[t.Start:t.End])
	}
	return out
}

// MeasureFuzzy indexes the translation memory FuzzyFile with build, looks
// up 200 altered sentences of it and counts how often the first match
// scores what the brute force's best does (ties in the percentage are the
// same best). Nil when the shared data is not there.
func MeasureFuzzy(t *testing.T, build Factory) *FuzzyFigures {
	path := filepath.Join(SharedData(), "tmx", FuzzyFile)
	f, err := os.Open(path)
	if err != nil {
		skipShared(t, path)
	}
	defer f.Close()
	docs, err := corpus.ReadTMX(path, f)
	if err != nil {
		t.Fatal(err)
	}
	e := build(t, docs...)
	units := AllUnits(t, e)
	queries := FuzzyQueries(units, 200)
	mem := NewMemory(units)
	fig := &FuzzyFigures{Queries: len(queries), Units: len(units)}
	agree := map[corpus.Lang]int{}
	asked := map[corpus.Lang]int{}
	for _, q := range queries {
		var res *search.Similar
		err := e.Use(context.Background(), func(b search.Backend) (err error) {
			res, err = search.SimilarTo(context.Background(), b, search.SimilarRequest{Text: q.Text, Lang: q.Lang, Min: 1, Size: 1})
			return err
		})
		if err != nil {
			t.Fatalf("%q: %v", q.Text, err)
		}
		best, ids := mem.BruteSimilar(q.Text, q.Lang)
		asked[q.Lang]++
		if len(res.Matches) > 0 && res.Matches[0].Percent == best {
			agree[q.Lang]++
			continue
		}
		got := "nothing"
		if len(res.Matches) > 0 {
			got = res.Matches[0].ID + " at " + strconv.Itoa(res.Matches[0].Percent) + "%"
		}
		t.Logf("%s %q (from %s): first match %s, the best is %d%% (%s)", q.Change, q.Text, q.From, got, best, strings.Join(ids[:min(3, len(ids))], " "))
	}
	fig.ZH = ratio3(float64(agree[corpus.ZH]), float64(asked[corpus.ZH]))
	fig.EN = ratio3(float64(agree[corpus.EN]), float64(asked[corpus.EN]))
	fig.Agreement = ratio3(float64(agree[corpus.ZH]+agree[corpus.EN]), float64(len(queries)))
	return fig
}

// CheckFuzzyFigures fails when the agreement is under 95 % or under what
// testdata/fuzzy-figures.json records for engine (rewritten with -update).
func CheckFuzzyFigures(t *testing.T, engine string, got *FuzzyFigures) {
	t.Logf("%s: first match as good as the brute force's best on %.1f%% of %d altered sentences (zh %.3f, en %.3f), %d units",
		engine, 100*got.Agreement, got.Queries, got.ZH, got.EN, got.Units)
	if got.Agreement < 0.95 {
		t.Errorf("%s: top-1 agreement %.3f, under 0.95", engine, got.Agreement)
	}
	recorded, updated := recordedFigures(t, "fuzzy-figures.json", map[string]FuzzyFigures{engine: *got})
	if updated {
		return
	}
	if w, ok := recorded[engine]; ok && got.Agreement < w.Agreement {
		t.Errorf("%s: top-1 agreement fell from %.3f to %.3f", engine, w.Agreement, got.Agreement)
	}
}

package analysis

import (
	"bytes"
	"sort"
	"strings"

	bleveanalysis "github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

// English is bleve's English analysis (the "en" analyser: possessives, lower
// case, stop words, Porter stems) with full-width forms folded and the
// thousands separators of numbers dropped, so 1,926 and 1926 are one term.
// The bleve engine indexes the English side with it, match spans are found
// with it, and the cluster engine's analyser is checked against it.
var English bleveanalysis.Analyzer = newEnglish()

func newEnglish() *bleveanalysis.DefaultAnalyzer {
	stops := bleveanalysis.NewTokenMap()
	if err := stops.LoadBytes(en.EnglishStopWords); err != nil {
		panic(err)
	}
	return &bleveanalysis.DefaultAnalyzer{
		Tokenizer: unicode.NewUnicodeTokenizer(),
		TokenFilters: []bleveanalysis.TokenFilter{
			cjk.NewCJKWidthFilter(), en.NewPossessiveFilter(), lowercase.NewLowerCaseFilter(),
			NumberFilter{}, stop.NewStopTokensFilter(stops), porter.NewPorterStemmer(),
		},
	}
}

// EnglishTokens analyses English text: the stems with their offsets and
// positions (stop words leave gaps in the positions).
func EnglishTokens(text string) []Token {
	ts := English.Analyze([]byte(text))
	out := make([]Token, len(ts))
	for i, t := range ts {
		out[i] = Token{string(t.Term), t.Start, t.End, t.Position, KindWord}
	}
	return out
}

// EnglishStopWords lists the stop words English leaves out, sorted.
func EnglishStopWords() []string {
	stops := bleveanalysis.NewTokenMap()
	stops.LoadBytes(en.EnglishStopWords)
	out := make([]string, 0, len(stops))
	for w := range stops {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// NumberFilter is the token filter that drops the thousands separators of
// numbers, so that 1,926 and 1926 are one term.
type NumberFilter struct{}

// Filter implements bleve's analysis.TokenFilter.
func (NumberFilter) Filter(in bleveanalysis.TokenStream) bleveanalysis.TokenStream {
	for _, t := range in {
		if bytes.IndexByte(t.Term, ',') < 0 {
			continue
		}
		if IsNumber(string(t.Term)) {
			t.Term = bytes.ReplaceAll(t.Term, []byte{','}, nil)
		}
	}
	return in
}

// IsNumber reports whether s is digits with '.' and ',' between them.
func IsNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c != ',' && c != '.' && (c < '0' || c > '9') {
			return false
		}
	}
	return strings.ContainsAny(s, "0123456789")
}

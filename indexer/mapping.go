package indexer

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	index "github.com/blevesearch/bleve_index_api"

	bisanalysis "github.com/bisearch/bisearch/analysis"
)

// Field names in the bleve documents, one document per unit.
const (
	fieldDoc       = "doc"
	fieldSeq       = "seq"
	fieldZH        = "zh"  // gse words
	fieldZHGram    = "zhg" // n-grams of the same text, not stored
	fieldZHChar    = "zhc" // its characters, without positions, not stored
	fieldEN        = "en"
	fieldSection   = "section"
	fieldHeading   = "heading"  // 1 for a unit that is itself a heading
	fieldScore     = "align"    // alignment confidence
	fieldSides     = "sides"    // "zh", "en": the languages the unit has
	fieldSents     = "sents"    // the sentence alignment of a pair (corpus.SentenceAlignment.Encode)
	fieldSectionKW = "sectionk" // the section, as a keyword for filters and facets
	fieldDocOrder  = "docorder" // the document's place in the build, for sorting in document order
	fieldRank      = "rank"     // "pair" for a translated paragraph: it ranks above untranslated ones and headings
)

// Registry names of bisearch's analysis components in bleve.
const (
	TokenizerZH     = "bisearch_gse"      // gse words for Chinese, whole Latin/digit words
	TokenizerZHGram = "bisearch_zh_ngram" // Chinese bigrams (a run's last character alone), whole Latin/digit words
	TokenizerZHChar = "bisearch_zh_char"  // Chinese characters
	AnalyzerZH      = "bisearch_zh"
	AnalyzerZHGram  = "bisearch_zh_ngram"
	AnalyzerZHChar  = "bisearch_zh_char"
	AnalyzerEN      = "bisearch_en" // analysis.English: bleve's English analysis with width and number folding
)

// tokenizer adapts one of bisearch's analyses to bleve.
type tokenizer func(text string) []bisanalysis.Token

// Tokenize implements analysis.Tokenizer.
func (f tokenizer) Tokenize(input []byte) analysis.TokenStream {
	ts := f(string(input))
	out := make(analysis.TokenStream, len(ts))
	for i, t := range ts {
		typ := analysis.Ideographic
		switch t.Kind {
		case bisanalysis.KindWord:
			typ = analysis.AlphaNumeric
		case bisanalysis.KindBigram:
			typ = analysis.Double
		}
		out[i] = &analysis.Token{Term: []byte(t.Term), Start: t.Start, End: t.End, Position: t.Pos, Type: typ}
	}
	return out
}

func init() {
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	must(registry.RegisterTokenizer(TokenizerZH, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		s, err := bisanalysis.Segmenter()
		if err != nil {
			return nil, err
		}
		return tokenizer(func(text string) []bisanalysis.Token { return bisanalysis.Words(s, text) }), nil
	}))
	must(registry.RegisterTokenizer(TokenizerZHGram, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return tokenizer(bisanalysis.Grams), nil
	}))
	must(registry.RegisterTokenizer(TokenizerZHChar, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return tokenizer(bisanalysis.Chars), nil
	}))
	must(registry.RegisterAnalyzer(AnalyzerEN, func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
		return bisanalysis.English, nil
	}))
}

func newMapping() (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	for name, tok := range map[string]string{AnalyzerZH: TokenizerZH, AnalyzerZHGram: TokenizerZHGram, AnalyzerZHChar: TokenizerZHChar} {
		if err := im.AddCustomAnalyzer(name, map[string]interface{}{"type": custom.Name, "tokenizer": tok}); err != nil {
			return nil, err
		}
	}
	im.ScoringModel = index.BM25Scoring
	text := func(analyzer string, store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeInAll = false
		f.IncludeTermVectors = true // phrase queries need positions
		f.DocValues = false
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	kw := bleve.NewKeywordFieldMapping()
	kw.IncludeInAll, kw.IncludeTermVectors, kw.DocValues, kw.Store = false, false, true, true
	doc.AddFieldMappingsAt(fieldDoc, kw)
	secKW := bleve.NewKeywordFieldMapping()
	secKW.IncludeInAll, secKW.IncludeTermVectors, secKW.Store = false, false, false
	secKW.DocValues = true
	doc.AddFieldMappingsAt(fieldSectionKW, secKW)
	order := bleve.NewNumericFieldMapping()
	order.IncludeInAll, order.Store, order.DocValues = false, false, true
	doc.AddFieldMappingsAt(fieldDocOrder, order)
	sidesKW := bleve.NewKeywordFieldMapping()
	sidesKW.IncludeInAll, sidesKW.IncludeTermVectors, sidesKW.DocValues, sidesKW.Store = false, false, false, false
	doc.AddFieldMappingsAt(fieldSides, sidesKW)
	rankKW := bleve.NewKeywordFieldMapping()
	rankKW.IncludeInAll, rankKW.IncludeTermVectors, rankKW.DocValues, rankKW.Store = false, false, false, false
	doc.AddFieldMappingsAt(fieldRank, rankKW)
	seq := bleve.NewNumericFieldMapping()
	seq.IncludeInAll, seq.Store, seq.DocValues = false, true, true
	doc.AddFieldMappingsAt(fieldSeq, seq)
	// the gse words only rank (the n-grams find): no positions needed
	zhWords := text(AnalyzerZH, true)
	zhWords.IncludeTermVectors = false
	doc.AddFieldMappingsAt(fieldZH, zhWords)
	doc.AddFieldMappingsAt(fieldZHGram, text(AnalyzerZHGram, false))
	chars := text(AnalyzerZHChar, false)
	chars.IncludeTermVectors = false
	doc.AddFieldMappingsAt(fieldZHChar, chars)
	doc.AddFieldMappingsAt(fieldEN, text(AnalyzerEN, true))
	stored := func(f *mapping.FieldMapping) *mapping.FieldMapping {
		f.Index, f.Store, f.IncludeInAll, f.IncludeTermVectors, f.DocValues = false, true, false, false, false
		return f
	}
	doc.AddFieldMappingsAt(fieldSection, stored(bleve.NewTextFieldMapping()))
	doc.AddFieldMappingsAt(fieldScore, stored(bleve.NewNumericFieldMapping()))
	doc.AddFieldMappingsAt(fieldHeading, stored(bleve.NewNumericFieldMapping()))
	doc.AddFieldMappingsAt(fieldSents, stored(bleve.NewTextFieldMapping()))
	im.DefaultMapping = doc
	im.DefaultAnalyzer = AnalyzerEN
	return im, nil
}

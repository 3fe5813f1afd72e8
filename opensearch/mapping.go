package opensearch

import (
	"strings"
	"unicode"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
)

// Fields of a unit's document. zh, en, section, heading, align and sents are
// the unit as stored (in _source); zhg (the Chinese as bisearch folds it, for
// bigrams and characters), zhw (its gse words) and en (the English through
// bisearch_en) are what is searched; doc, seq, docorder, sides and sectionk
// filter, sort and count.
const (
	fieldKind     = "kind" // unit or meta
	fieldDoc      = "doc"
	fieldSeq      = "seq"
	fieldDocOrder = "docorder"
	fieldZH       = "zh"
	fieldEN       = "en"
	fieldZHGram   = "zhg"
	fieldZHWords  = "zhw"
	fieldSides    = "sides"
	fieldSection  = "section"
	fieldSectionK = "sectionk"
	fieldHeading  = "heading"
	fieldAlign    = "align"
	fieldSents    = "sents"
	fieldMeta     = "meta"
	fieldRank     = "rank" // "pair" for a translated paragraph
)

// pairWeight multiplies the score of a translated paragraph (not a
// heading), as the bleve engine weighs it, so the first screen shows
// translations.
const pairWeight = 4

// breakMark stands, in the folded Chinese text, where punctuation
// separates two pieces: a token of its own, so that, as in the bleve
// engine, no phrase spans punctuation unless the query has punctuation
// there too. It is a letter no corpus or query keeps (searchForm replaces it).
const breakMark = "ǂ"

// searchForm is the Chinese side as the cluster indexes it: every character
// folded (Traditional to Simplified, full width, case), Chinese characters
// apart by white space only joined (so a bigram spans the space, as in the
// bleve engine), Latin/digit words as bisearch reads them (1,926 is 1926),
// and a breakMark between pieces that punctuation separates. Lucene's
// standard tokenizer and cjk_bigram then see the same units bisearch does.
func searchForm(text string) string {
	var b strings.Builder
	b.Grow(len(text) + 8)
	prevHan := false
	for i, p := range analysis.Pieces(text) {
		if p.Break && i > 0 {
			b.WriteString(" " + breakMark + " ")
			prevHan = false
		}
		switch {
		case p.Han && prevHan:
			b.WriteString(p.Norm)
		case p.Han:
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(p.Norm)
		case !hasLetter(p.Norm):
			continue // marks alone (a variation selector): Lucene keeps no word there
		default:
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strings.ReplaceAll(p.Norm, breakMark, "ǁ"))
		}
		prevHan = p.Han
	}
	return b.String()
}

// phraseTokens are the terms a phrase query on the folded Chinese text
// looks for, one per position as the index has them: for each Chinese
// character the bigram it starts with the next one of the query, the last
// character of a run alone, each Latin/digit word, and breakMark where
// punctuation separates two pieces. The index holds every character and
// every bigram at the character's position, so this phrase matches exactly
// the texts holding the query's units in place.
func phraseTokens(text string) []string {
	var out []string
	var run []rune
	flush := func() {
		for i, r := range run {
			if i+1 < len(run) {
				out = append(out, string(run[i:i+2]))
			} else {
				out = append(out, string(r))
			}
		}
		run = run[:0]
	}
	for i, p := range analysis.Pieces(text) {
		if p.Break && i > 0 {
			flush()
			out = append(out, breakMark)
		}
		if p.Han {
			run = append(run, p.Runes...)
			continue
		}
		if !hasLetter(p.Norm) {
			continue
		}
		flush()
		out = append(out, strings.ReplaceAll(p.Norm, breakMark, "ǁ"))
	}
	flush()
	return out
}

// hasLetter reports whether a word holds a letter or digit (not marks only).
func hasLetter(w string) bool {
	return strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// settings is a new index's settings: shards, replicas and bisearch's
// analysers.
func settings(shards, replicas int) map[string]any {
	return map[string]any{
		"number_of_shards":   shards,
		"number_of_replicas": replicas,
		"refresh_interval":   "-1", // until the build is done
		"max_result_window":  query.MaxWindow,
		"analysis": map[string]any{
			"char_filter": map[string]any{
				// 1,926 is 1926, as analysis.NumberFilter reads it
				"bisearch_number": map[string]any{"type": "pattern_replace", "pattern": `(?<=\d),(?=\d)`, "replacement": ""},
				// Lucene's tokenizer keeps emoji as words, bleve's does not
				"bisearch_symbols": map[string]any{"type": "pattern_replace", "pattern": `[\p{So}\p{Sk}\x{200D}\x{FE0F}\x{20E3}]`, "replacement": " "},
				// bleve's keeps a lone underscore as a word, Lucene's does not:
				// a letter after it makes it one, so the positions stay alike
				"bisearch_underscore": map[string]any{"type": "pattern_replace", "pattern": `(?<![\p{L}\p{N}\p{M}_])(_+)(?![\p{L}\p{N}\p{M}_])`, "replacement": "$1x"},
			},
			"filter": map[string]any{
				"bisearch_bigrams_index":  map[string]any{"type": "cjk_bigram", "output_unigrams": true},
				"bisearch_bigrams_search": map[string]any{"type": "cjk_bigram", "output_unigrams": false},
				"bisearch_en_possessive":  map[string]any{"type": "stemmer", "language": "possessive_english"},
				"bisearch_en_stop":        map[string]any{"type": "stop", "stopwords": analysis.EnglishStopWords()},
				"bisearch_underscore":     map[string]any{"type": "pattern_replace", "pattern": `^(_+)x$`, "replacement": "$1"},
			},
			"analyzer": map[string]any{
				// every character and the bigram it starts, at its position
				"bisearch_zh_index": map[string]any{"type": "custom", "tokenizer": "standard", "filter": []string{"lowercase", "bisearch_bigrams_index"}},
				// the bigrams of a query (a lone character stays itself)
				"bisearch_zh_search": map[string]any{"type": "custom", "tokenizer": "standard", "filter": []string{"lowercase", "bisearch_bigrams_search"}},
				"bisearch_words":     map[string]any{"type": "custom", "tokenizer": "whitespace"},
				// analysis.English: bleve's "en" analyser with width and number folding
				"bisearch_en": map[string]any{"type": "custom", "tokenizer": "standard", "char_filter": []string{"bisearch_symbols", "bisearch_underscore", "bisearch_number"},
					"filter": []string{"bisearch_underscore", "cjk_width", "bisearch_en_possessive", "lowercase", "bisearch_en_stop", "porter_stem"}},
			},
		},
	}
}

// mapping is a new index's mapping.
func mapping() map[string]any {
	kw := map[string]any{"type": "keyword"}
	stored := func(t string) map[string]any { return map[string]any{"type": t, "index": false, "doc_values": false} }
	return map[string]any{
		"dynamic": "strict",
		"_meta":   map[string]any{"bisearch": map[string]any{"version": search.Version}},
		"_source": map[string]any{"excludes": []string{fieldZHGram, fieldZHWords}},
		"properties": map[string]any{
			fieldKind:     kw,
			fieldDoc:      kw,
			fieldSeq:      map[string]any{"type": "integer"},
			fieldDocOrder: map[string]any{"type": "integer"},
			fieldSides:    kw,
			fieldSectionK: kw,
			fieldRank:     kw,
			fieldZH:       map[string]any{"type": "text", "index": false},
			fieldZHGram:   map[string]any{"type": "text", "analyzer": "bisearch_zh_index", "search_analyzer": "bisearch_zh_search"},
			fieldZHWords:  map[string]any{"type": "text", "analyzer": "bisearch_words", "index_options": "freqs"},
			fieldEN:       map[string]any{"type": "text", "analyzer": "bisearch_en"},
			fieldSection:  map[string]any{"type": "text", "index": false},
			fieldHeading:  stored("boolean"),
			fieldAlign:    stored("float"),
			fieldSents:    map[string]any{"type": "text", "index": false},
			fieldMeta:     map[string]any{"type": "object", "enabled": false},
		},
	}
}

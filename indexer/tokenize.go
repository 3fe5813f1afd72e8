package indexer

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/go-ego/gse"
)

// Registry names of bisearch's analysis components.
const (
	TokenizerZH     = "bisearch_gse"      // gse words for Chinese, whole Latin/digit words
	TokenizerZHGram = "bisearch_zh_ngram" // Chinese unigrams and bigrams, whole Latin/digit words
	AnalyzerZH      = "bisearch_zh"
	AnalyzerZHGram  = "bisearch_zh_ngram"
	AnalyzerEN      = "en" // bleve's English analyzer: possessives, lower case, stop words, stemming
)

var (
	segOnce sync.Once
	seg     gse.Segmenter
	segErr  error
)

// segmenter returns the process-wide gse segmenter, loading the embedded
// Simplified Chinese dictionary on first use.
func segmenter() (*gse.Segmenter, error) {
	segOnce.Do(func() {
		seg.SkipLog = true
		segErr = seg.LoadDictEmbed("zh_s")
	})
	return &seg, segErr
}

// piece is a stretch of text the tokenizers look at: a run of Chinese
// characters or one Latin/digit word. Pieces separated by anything but white
// space (punctuation, symbols) have brk set on the later one.
type piece struct {
	start, end int // byte offsets
	han        bool
	brk        bool // not adjacent to the piece before it
}

// pieces splits text into Chinese runs and Latin/digit words. Digits joined
// by '.' or ',' (3.17, 1,926) and letters joined by an apostrophe stay whole.
func pieces(text string) []piece {
	var out []piece
	brk := false
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isHan(r):
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if !isHan(r2) {
					break
				}
				j += s2
			}
			out = append(out, piece{i, j, true, brk})
			brk, i = false, j
		case isWordRune(r):
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if isWordRune(r2) {
					j += s2
					continue
				}
				// inner . , ' between word characters
				if (r2 == '.' || r2 == ',' || r2 == '\'' || r2 == '’') && j+s2 < len(text) {
					r3, _ := utf8.DecodeRuneInString(text[j+s2:])
					prev, _ := utf8.DecodeLastRuneInString(text[:j])
					if r2 == '\'' || r2 == '’' {
						if unicode.IsLetter(prev) && unicode.IsLetter(r3) {
							j += s2
							continue
						}
					} else if unicode.IsDigit(prev) && unicode.IsDigit(r3) {
						j += s2
						continue
					}
				}
				break
			}
			out = append(out, piece{i, j, false, brk})
			brk, i = false, j
		case unicode.IsSpace(r):
			i += size
		default:
			brk = true
			i += size
		}
	}
	return out
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func isWordRune(r rune) bool {
	return !isHan(r) && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
}

// foldWord lower-cases a Latin/digit word and drops the thousands
// separators of numbers, so that 1,926 and 1926 are one term.
func foldWord(w string) string {
	w = strings.ToLower(w)
	if strings.IndexByte(w, ',') >= 0 {
		w = strings.ReplaceAll(w, ",", "")
	}
	return strings.ReplaceAll(w, "’", "'")
}

// gseTokenizer cuts Chinese runs into words with gse and keeps Latin/digit
// words whole (lower-cased). Byte offsets point into the original text.
type gseTokenizer struct{ seg *gse.Segmenter }

// Tokenize implements analysis.Tokenizer.
func (t gseTokenizer) Tokenize(input []byte) analysis.TokenStream {
	text := string(input)
	var ts analysis.TokenStream
	pos := 0
	for _, p := range pieces(text) {
		if p.brk {
			pos++ // no phrase across punctuation
		}
		if !p.han {
			pos++
			ts = append(ts, &analysis.Token{Term: []byte(foldWord(text[p.start:p.end])), Start: p.start, End: p.end, Position: pos, Type: analysis.AlphaNumeric})
			continue
		}
		off := p.start
		for _, w := range cutWords(t.seg, text[p.start:p.end]) {
			pos++
			ts = append(ts, &analysis.Token{Term: []byte(w), Start: off, End: off + len(w), Position: pos, Type: analysis.Ideographic})
			off += len(w)
		}
	}
	return ts
}

// cutWords segments a run of Chinese characters with gse (dictionary DAG
// plus HMM for unknown words). The words always cover the run exactly; should
// gse ever return pieces that do not, the run is cut into single characters.
func cutWords(s *gse.Segmenter, run string) []string {
	words := s.Cut(run, true)
	n := 0
	for _, w := range words {
		if w == "" || !strings.HasPrefix(run[n:], w) {
			words = nil
			break
		}
		n += len(w)
	}
	if words == nil || n != len(run) {
		words = words[:0]
		for _, r := range run {
			words = append(words, string(r))
		}
	}
	return words
}

// ngramTokenizer emits, for every Chinese character, its unigram and (when
// the next character follows in the same run or after white space only) the
// bigram it starts, both at the character's position; Latin/digit words are
// whole lower-cased tokens with a position each. A phrase of bigrams at
// consecutive positions then matches exactly the paragraphs that contain a
// Chinese string, whatever the word segmentation.
type ngramTokenizer struct{}

// Tokenize implements analysis.Tokenizer.
func (ngramTokenizer) Tokenize(input []byte) analysis.TokenStream {
	text := string(input)
	var ts analysis.TokenStream
	for _, g := range grams(text) {
		ts = append(ts, &analysis.Token{Term: []byte(g.term), Start: g.start, End: g.end, Position: g.pos, Type: g.typ})
	}
	return ts
}

// gram is one unit of the n-gram stream: a Chinese character (with the bigram
// it starts, if any) or a Latin/digit word.
type gram struct {
	term       string // the character or folded word
	bigram     string // the character and the next, "" when none
	start, end int    // bytes of the character or word
	bend       int    // end of the bigram
	pos        int
	typ        analysis.TokenType
}

// units returns the n-gram units of text: one per Chinese character and one
// per Latin/digit word, positions counting up by one and by two across
// punctuation, so no phrase spans it.
func units(text string) []gram {
	var out []gram
	pos := 0
	for _, p := range pieces(text) {
		if p.brk {
			pos++
		}
		if !p.han {
			pos++
			out = append(out, gram{term: foldWord(text[p.start:p.end]), start: p.start, end: p.end, pos: pos, typ: analysis.AlphaNumeric})
			continue
		}
		for i, r := range text[p.start:p.end] {
			pos++
			s := p.start + i
			out = append(out, gram{term: string(r), start: s, end: s + utf8.RuneLen(r), pos: pos, typ: analysis.Ideographic})
		}
	}
	// bigrams between adjacent characters
	for i := 0; i+1 < len(out); i++ {
		a, b := out[i], out[i+1]
		if a.typ == analysis.Ideographic && b.typ == analysis.Ideographic && b.pos == a.pos+1 {
			out[i].bigram = a.term + b.term
			out[i].bend = b.end
		}
	}
	return out
}

type token struct {
	term       string
	start, end int
	pos        int
	typ        analysis.TokenType
}

func grams(text string) []token {
	var ts []token
	for _, u := range units(text) {
		ts = append(ts, token{u.term, u.start, u.end, u.pos, u.typ})
		if u.bigram != "" {
			ts = append(ts, token{u.bigram, u.start, u.bend, u.pos, analysis.Double})
		}
	}
	return ts
}

func init() {
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	must(registry.RegisterTokenizer(TokenizerZH, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		s, err := segmenter()
		if err != nil {
			return nil, err
		}
		return gseTokenizer{s}, nil
	}))
	must(registry.RegisterTokenizer(TokenizerZHGram, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return ngramTokenizer{}, nil
	}))
}

package indexer

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
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
	TokenizerZHGram = "bisearch_zh_ngram" // Chinese bigrams (a run's last character alone), whole Latin/digit words
	TokenizerZHChar = "bisearch_zh_char"  // Chinese characters
	AnalyzerZH      = "bisearch_zh"
	AnalyzerZHGram  = "bisearch_zh_ngram"
	AnalyzerZHChar  = "bisearch_zh_char"
	AnalyzerEN      = "bisearch_en" // bleve's English analysis, plus full-width and number folding
)

var (
	segOnce sync.Once
	seg     gse.Segmenter
	segErr  error
)

// zhDict is gse's Simplified Chinese dictionary, the one
// gse.LoadDictEmbed("zh_s") loads, with its lines sorted by word: gse builds
// its trie from sorted words in about 60% of the time, and the trie, the
// word frequencies and so the segmentation are the same
// (TestSortedDictionarySegmentsAlike).
//
//go:generate sh -c "cd gsedict && go run gen.go"
//go:embed gsedict/zh_s.txt.gz
var zhDict []byte

// segmenter returns the process-wide gse segmenter, loading the embedded
// Simplified Chinese dictionary on first use.
func segmenter() (*gse.Segmenter, error) {
	segOnce.Do(func() {
		seg.SkipLog = true
		zr, err := gzip.NewReader(bytes.NewReader(zhDict))
		if err != nil {
			segErr = fmt.Errorf("embedded gse dictionary: %w", err)
			return
		}
		var text strings.Builder
		text.Grow(6 << 20)
		if _, err := io.Copy(&text, zr); err != nil {
			segErr = fmt.Errorf("embedded gse dictionary: %w", err)
			return
		}
		segErr = seg.LoadDictStr(text.String())
	})
	return &seg, segErr
}

// piece is a stretch of text the tokenizers look at: a run of Chinese
// characters or one Latin/digit word. Pieces separated by anything but white
// space (punctuation, symbols) have brk set on the later one.
type piece struct {
	start, end int // byte offsets in the original text
	han        bool
	brk        bool   // not adjacent to the piece before it
	norm       string // the folded text (see fold); a number also loses its thousands separators
	offs       []int  // for a Chinese run: the original offset of each character, then the end
	runes      []rune // for a Chinese run: the folded characters
}

// pieces splits text into Chinese runs and Latin/digit words, looking at
// each character's folded form. Digits joined by '.' or ',' (3.17, 1,926) and
// letters joined by an apostrophe stay one word.
func pieces(text string) []piece {
	var out []piece
	brk := false
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		f := fold(r)
		switch {
		case isHan(f):
			p := piece{start: i, han: true, brk: brk}
			j := i
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				f2 := fold(r2)
				if !isHan(f2) {
					break
				}
				p.offs = append(p.offs, j)
				p.runes = append(p.runes, f2)
				j += s2
			}
			p.end = j
			p.offs = append(p.offs, j)
			p.norm = string(p.runes)
			out = append(out, p)
			brk, i = false, j
		case isWordRune(f):
			var b strings.Builder
			b.WriteRune(f)
			prev := f
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				f2 := fold(r2)
				if isWordRune(f2) {
					b.WriteRune(f2)
					prev = f2
					j += s2
					continue
				}
				if (f2 == '.' || f2 == ',' || f2 == '\'' || f2 == '’') && j+s2 < len(text) {
					r3, _ := utf8.DecodeRuneInString(text[j+s2:])
					f3 := fold(r3)
					var joined bool
					if f2 == '.' || f2 == ',' {
						joined = unicode.IsDigit(prev) && unicode.IsDigit(f3)
					} else {
						joined = unicode.IsLetter(prev) && isWordRune(f3) && unicode.IsLetter(f3)
					}
					if joined {
						switch f2 {
						case ',': // 1,926 is 1926
						case '’':
							b.WriteByte('\'')
						default:
							b.WriteRune(f2)
						}
						j += s2
						continue
					}
				}
				break
			}
			out = append(out, piece{start: i, end: j, brk: brk, norm: b.String()})
			brk, i = false, j
		case unicode.IsSpace(f):
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
			ts = append(ts, &analysis.Token{Term: []byte(p.norm), Start: p.start, End: p.end, Position: pos, Type: analysis.AlphaNumeric})
			continue
		}
		at := 0 // characters into the run
		for _, w := range cutWords(t.seg, p.norm) {
			n := utf8.RuneCountInString(w)
			pos++
			ts = append(ts, &analysis.Token{Term: []byte(w), Start: p.offs[at], End: p.offs[at+n], Position: pos, Type: analysis.Ideographic})
			at += n
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

// ngramTokenizer emits, for every Chinese character, the bigram it starts
// (when the next character follows in the same run or after white space
// only), or else the character alone, at the character's position (a
// character right after a Latin/digit word keeps both); Latin/digit words are
// whole lower-cased tokens with a position each. A phrase of bigrams at
// consecutive positions then matches exactly the paragraphs that contain a
// Chinese string of two or more characters, whatever the word segmentation;
// single characters are found in the character field. About one token per
// character keeps the positions, the largest part of the index, to half of
// what unigrams and bigrams together would take.
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

// charTokenizer emits every Chinese character; its field keeps no positions
// and answers queries of one character.
type charTokenizer struct{}

// Tokenize implements analysis.Tokenizer.
func (charTokenizer) Tokenize(input []byte) analysis.TokenStream {
	var ts analysis.TokenStream
	for _, u := range units(string(input)) {
		if u.typ == analysis.Ideographic {
			ts = append(ts, &analysis.Token{Term: []byte(u.term), Start: u.start, End: u.end, Position: len(ts) + 1, Type: u.typ})
		}
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
			out = append(out, gram{term: p.norm, start: p.start, end: p.end, pos: pos, typ: analysis.AlphaNumeric})
			continue
		}
		for k, r := range p.runes {
			pos++
			out = append(out, gram{term: string(r), start: p.offs[k], end: p.offs[k+1], pos: pos, typ: analysis.Ideographic})
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

// afterWord reports whether us[i] is a Chinese character right after a
// Latin/digit word (2023年, 5G时代): such a character keeps its unigram too,
// so that a query ending with it (2023年) needs no bigram it starts.
func afterWord(us []gram, i int) bool {
	return i > 0 && us[i].typ == analysis.Ideographic && us[i-1].typ != analysis.Ideographic && us[i-1].pos == us[i].pos-1
}

type token struct {
	term       string
	start, end int
	pos        int
	typ        analysis.TokenType
}

func grams(text string) []token {
	var ts []token
	us := units(text)
	for i, u := range us {
		if u.bigram == "" || afterWord(us, i) {
			ts = append(ts, token{u.term, u.start, u.end, u.pos, u.typ})
		}
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
	must(registry.RegisterTokenizer(TokenizerZHChar, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return charTokenizer{}, nil
	}))
}

// FilterNumber is the token filter that drops the thousands separators of
// numbers in English text, so that 1,926 and 1926 are one term.
const FilterNumber = "bisearch_number"

type numberFilter struct{}

// Filter implements analysis.TokenFilter.
func (numberFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if bytes.IndexByte(t.Term, ',') < 0 {
			continue
		}
		digits := true
		for _, c := range t.Term {
			if c != ',' && c != '.' && (c < '0' || c > '9') {
				digits = false
				break
			}
		}
		if digits {
			t.Term = bytes.ReplaceAll(t.Term, []byte{','}, nil)
		}
	}
	return in
}

func init() {
	if err := registry.RegisterTokenFilter(FilterNumber, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return numberFilter{}, nil
	}); err != nil {
		panic(err)
	}
}

// SegmentOnly cuts text with gse the way the Chinese field does, for
// measuring segmentation alone; it returns the number of words.
func SegmentOnly(text string) int {
	s, err := segmenter()
	if err != nil {
		return 0
	}
	return len(gseTokenizer{s}.Tokenize([]byte(text)))
}

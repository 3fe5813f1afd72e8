package analysis

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/go-ego/gse"
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

// Segmenter returns the process-wide gse segmenter, loading the embedded
// Simplified Chinese dictionary on first use.
func Segmenter() (*gse.Segmenter, error) {
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
		loadDict(&seg, text.String())
	})
	return &seg, segErr
}

// loadDict loads a dictionary in gse's text form (word, frequency, part of
// speech a line) as gse's LoadDictStr does, but for the search-mode
// sub-segments and shortest-path distances it works out for every word
// (CalcToken, 40% of the load) that bisearch's one way of cutting, Cut with
// the HMM (a DAG of the words' frequencies), does not read. The words are
// cut into gse's tokens on every core; the trie is filled in order.
func loadDict(s *gse.Segmenter, dict string) {
	s.Dict = gse.NewDict()
	s.Init()
	lines := strings.Split(dict, "\n")
	tokens := make([]gse.Token, len(lines))
	ok := make([]bool, len(lines))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(lines); i += workers {
				f := strings.Split(lines[i], s.DictSep+" ")
				text := strings.TrimSpace(f[0])
				freqText := ""
				if len(f) > 1 {
					freqText = strings.TrimSpace(f[1])
				}
				freq := s.Size(len(f), text, freqText)
				if freq == 0 {
					continue
				}
				pos := ""
				if len(f) > 2 {
					pos = strings.TrimSpace(f[2])
				}
				tokens[i], ok[i] = s.ToToken(text, freq, pos), true
			}
		}(w)
	}
	wg.Wait()
	for i := range tokens {
		if ok[i] {
			s.Dict.AddToken(tokens[i])
		}
	}
}

// CutWords segments a run of Chinese characters with gse (dictionary DAG
// plus HMM for unknown words). The words always cover the run exactly; should
// gse ever return pieces that do not, the run is cut into single characters.
func CutWords(s *gse.Segmenter, run string) []string {
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

// Words is the word stream of a Chinese text: gse's words of its Chinese
// runs (folded) and its Latin/digit words whole, a position each and one
// more across punctuation. It ranks: a match on gse's words is a better
// match than one inside a longer word.
func Words(s *gse.Segmenter, text string) []Token {
	var ts []Token
	pos := 0
	for _, p := range Pieces(text) {
		if p.Break {
			pos++ // no phrase across punctuation
		}
		if !p.Han {
			pos++
			ts = append(ts, Token{p.Norm, p.Start, p.End, pos, KindWord})
			continue
		}
		at := 0 // characters into the run
		for _, w := range CutWords(s, p.Norm) {
			n := utf8.RuneCountInString(w)
			pos++
			ts = append(ts, Token{w, p.Offs[at], p.Offs[at+n], pos, KindHan})
			at += n
		}
	}
	return ts
}

// ChineseWords are the gse words of two or more characters in a text
// (folded); nil when the dictionary cannot be loaded.
func ChineseWords(text string) []string {
	s, err := Segmenter()
	if err != nil {
		return nil
	}
	var out []string
	for _, p := range Pieces(text) {
		if !p.Han {
			continue
		}
		for _, w := range CutWords(s, p.Norm) {
			if utf8.RuneCountInString(w) >= 2 {
				out = append(out, w)
			}
		}
	}
	return out
}

// SegmentOnly cuts text with gse the way the Chinese word field does, for
// measuring segmentation alone; it returns the number of words.
func SegmentOnly(text string) int {
	s, err := Segmenter()
	if err != nil {
		return 0
	}
	return len(Words(s, text))
}

package analysis

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/go-ego/gse/hmm"
)

var (
	segOnce sync.Once
	seg     *Cutter
	segErr  error
)

// zhWords is gse's Simplified Chinese dictionary (the one
// gse.LoadDictEmbed("zh_s") loads) as gse stores it: its words, their
// frequencies and the total, written by gsedict/gen.go from gse itself.
//
//go:generate sh -c "cd gsedict && go run gen.go"
//go:embed gsedict/zh_s.words.gz
var zhWords []byte

// Cutter cuts Chinese into words as gse's Cut with the HMM does — the
// dictionary's words in a DAG, the most probable route by their frequencies,
// runs of single characters no word covers cut by gse's HMM — over a word
// table of its own: loading gse's text dictionary into its double-array trie
// takes over a second at every start, this table a tenth of that, and the
// words come out the same (TestSegmenterCutsAsGse).
type Cutter struct {
	// freq is a word's frequency; a string that only begins words is
	// there with 0, as a trie has a node for it
	freq     map[string]float64
	logTotal float64
	recent   recentCuts
}

// Segmenter returns the process-wide word cutter, loading the embedded
// dictionary on first use.
func Segmenter() (*Cutter, error) {
	segOnce.Do(func() {
		seg, segErr = loadWords(zhWords)
		if segErr != nil {
			segErr = fmt.Errorf("embedded gse dictionary: %w", segErr)
		}
	})
	return seg, segErr
}

// loadWords reads a word table as gsedict/gen.go writes it.
func loadWords(gz []byte) (*Cutter, error) {
	hmm.LoadModel()
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.Grow(8 << 20)
	if _, err := io.Copy(&b, zr); err != nil {
		return nil, err
	}
	text := b.String()
	head, text, _ := strings.Cut(text, "\n")
	_, tv, _ := strings.Cut(head, "\t")
	total, err := strconv.ParseFloat(tv, 64)
	if err != nil || total <= 0 {
		return nil, fmt.Errorf("total frequency %q", head)
	}
	s := &Cutter{freq: make(map[string]float64, 600_000), logTotal: math.Log(total)}
	for len(text) > 0 {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		w, fv, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		f, err := strconv.ParseFloat(fv, 64)
		if err != nil {
			return nil, fmt.Errorf("word %q: frequency %q", w, fv)
		}
		s.freq[w] = f
		// the strings that begin it, as nodes of a trie
		for i := len(w) - 1; i > 0; i-- {
			if !utf8.RuneStart(w[i]) {
				continue
			}
			if _, ok := s.freq[w[:i]]; ok {
				break // and so all shorter ones
			}
			s.freq[w[:i]] = 0
		}
	}
	return s, nil
}

// Cut cuts a run of Chinese characters into words, as gse's Cut(run, true).
// The runs cut lately are remembered: a build cuts each paragraph's runs
// twice, for the word associations of its sentence pairs and for its word
// field, and the second time takes the first's words.
func (s *Cutter) Cut(run string) []string {
	if words, ok := s.recent.get(run); ok {
		return words
	}
	words := s.cut(run)
	s.recent.put(strings.Clone(run), words)
	return slices.Clone(words)
}

// recentCuts remembers the words of the runs cut lately: about cutsKept,
// in two generations, the older let go when the newer fills.
type recentCuts struct {
	mu       sync.Mutex
	cur, old map[string][]string
}

// cutsKept is how many runs a generation of recentCuts holds.
const cutsKept = 1 << 16

func (r *recentCuts) get(run string) ([]string, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	w, ok := r.cur[run]
	if !ok {
		if w, ok = r.old[run]; ok {
			r.putLocked(run, w)
		}
	}
	if !ok {
		return nil, false
	}
	return slices.Clone(w), true
}

func (r *recentCuts) put(run string, words []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.putLocked(run, words)
}

func (r *recentCuts) putLocked(run string, words []string) {
	if len(r.cur) >= cutsKept || r.cur == nil {
		r.old, r.cur = r.cur, make(map[string][]string, cutsKept)
	}
	r.cur[run] = words
}

// cut is Cut without the memory of recent runs.
func (s *Cutter) cut(run string) []string {
	runes := []rune(run)
	routes := s.routes(runes)
	var out []string
	var buf []rune
	flush := func() {
		switch {
		case len(buf) == 0:
		case len(buf) == 1:
			out = append(out, string(buf))
		default:
			b := string(buf)
			if f, ok := s.freq[b]; !ok || f == 0 {
				out = append(out, hmm.Cut(b)...)
			} else {
				for _, r := range buf {
					out = append(out, string(r))
				}
			}
		}
		buf = buf[:0]
	}
	for x := 0; x < len(runes); {
		y := routes[x].end + 1
		if y-x == 1 {
			buf = append(buf, runes[x])
		} else {
			flush()
			out = append(out, string(runes[x:y]))
		}
		x = y
	}
	flush()
	return out
}

// route is the best way on from a character: the last character of the
// word that starts there, and the log probability of the rest.
type route struct {
	logp float64
	end  int
}

// routes finds the most probable route from every character, from the
// last one back: the words of the dictionary that start at a character
// (or the character alone), each the word's log frequency over the total
// plus the best route after it; on a tie the longer word.
func (s *Cutter) routes(runes []rune) []route {
	n := len(runes)
	rs := make([]route, n+1)
	ends := make([]int, 0, 8)
	for k := n - 1; k >= 0; k-- {
		// the words that start at k: extend while the string begins a word
		ends = ends[:0]
		for i := k; i < n; i++ {
			f, ok := s.freq[string(runes[k:i+1])]
			if !ok {
				break
			}
			if f > 0 {
				ends = append(ends, i)
			}
		}
		if len(ends) == 0 {
			ends = append(ends, k)
		}
		first := true
		for _, i := range ends {
			f, ok := s.freq[string(runes[k:i+1])]
			if !ok {
				f = 1
			}
			// in gse's order of operations, so that ties come out alike
			lp := math.Log(f) - s.logTotal + rs[i+1].logp
			if first || rs[k].logp < lp || rs[k].logp == lp && rs[k].end < i {
				rs[k] = route{lp, i}
				first = false
			}
		}
	}
	return rs
}

// CutWords segments a run of Chinese characters with gse (dictionary DAG
// plus HMM for unknown words). The words always cover the run exactly; should
// gse ever return pieces that do not, the run is cut into single characters.
func CutWords(s *Cutter, run string) []string {
	words := s.Cut(run)
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
func Words(s *Cutter, text string) []Token {
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

package corpus

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The features the aligner compares paragraphs by: length, dictionary
// stems, words that stay alike in both languages, numbers, headings.

type features struct {
	length   float64 // letters: Chinese characters, or English letters and digits
	logLen   float64
	heading  bool
	numbered bool // a numbered section heading (I. …, 一、…)
	quote    int  // quotation marks opened and not closed (negative: closed and not opened; quoteCounts)
	speeches int  // quoted speeches (quoteCounts)
	asks     int  // question marks
	opener   int8 // the connective a line opens with (openerOf)
	anchors  anchors
	ids      anchorIDs // the anchors numbered across the document
	stems    []int32   // dictionary stems: of the glosses (Chinese) or of the words (English)
	// the same in the document's own English vocabulary, for speed: a bit
	// set over it (Chinese) or its indexes (English); nil when not built
	bits  []uint64
	local []int32
	// with a lexicon learnt from the document: the document's English words
	// a Chinese paragraph translates to (a bit set), an English paragraph's
	// words (their ids); nil without one
	lex   []uint64
	words []int32
	// a Chinese paragraph's dictionary words, each its glosses' stems
	// (revHits); nil when not built, and on merged features
	glossed [][]int32
}

// merge joins the features of two neighbouring paragraphs.
func merge(a, b features) features {
	m := features{quote: a.quote + b.quote, speeches: a.speeches + b.speeches, asks: a.asks + b.asks, opener: a.opener, length: a.length + b.length, logLen: math.Log(a.length + b.length), stems: mergeIDs(a.stems, b.stems), anchors: anchors{
		nums:    union(a.anchors.nums, b.anchors.nums),
		words:   union(a.anchors.words, b.anchors.words),
		names:   union(a.anchors.names, b.anchors.names),
		arts:    union(a.anchors.arts, b.anchors.arts),
		spelt:   union(a.anchors.spelt, b.anchors.spelt),
		section: a.anchors.section, // what the merged text begins with
	}, ids: anchorIDs{
		nums:  union(a.ids.nums, b.ids.nums),
		words: union(a.ids.words, b.ids.words),
		names: union(a.ids.names, b.ids.names),
		known: union(a.ids.known, b.ids.known),
	}}
	if a.bits != nil && b.bits != nil {
		m.bits = make([]uint64, len(a.bits))
		for k := range m.bits {
			m.bits[k] = a.bits[k] | b.bits[k]
		}
	}
	if a.local != nil || b.local != nil {
		m.local = mergeIDs(a.local, b.local)
	}
	if a.lex != nil && b.lex != nil {
		m.lex = make([]uint64, len(a.lex))
		for k := range m.lex {
			m.lex[k] = a.lex[k] | b.lex[k]
		}
	}
	if a.words != nil || b.words != nil {
		m.words = mergeIDs(a.words, b.words)
	}
	return m
}

// mergedLines is the features of the lines idx of one side (at least
// one) merged.
func mergedLines(fs []features, idx []int) features {
	f := fs[idx[0]]
	for _, k := range idx[1:] {
		f = merge(f, fs[k])
	}
	return f
}

// merged lists, for each paragraph after the first, it merged with the one
// before it.
func merged(fs []features) []features {
	out := make([]features, len(fs))
	for i := 1; i < len(fs); i++ {
		out[i] = merge(fs[i-1], fs[i])
	}
	return out
}

// merged3 lists, for each paragraph after the second, it merged with the two
// before it.
func merged3(fs, m2 []features) []features {
	out := make([]features, len(fs))
	for i := 2; i < len(fs); i++ {
		out[i] = merge(m2[i-1], fs[i])
	}
	return out
}

// merged4 lists, for each paragraph after the third, it merged with the
// three before it.
func merged4(fs, m3 []features) []features {
	out := make([]features, len(fs))
	for i := 3; i < len(fs); i++ {
		out[i] = merge(m3[i-1], fs[i])
	}
	return out
}

func featuresOf(p Paragraph, lang Lang, d *Dict) features {
	f := features{heading: p.Heading, numbered: p.Heading && numberedHeading(p.Text), anchors: anchorsOf(p.Text, lang)}
	for _, r := range p.Text {
		if isHan(r) || unicode.IsLetter(r) || unicode.IsDigit(r) {
			f.length++
		}
	}
	if f.length == 0 {
		// a line of emoji or marks alone (🤦‍♀️, ***) is no title: it
		// goes with the sentence it ends, or pairs with its like
		f.length = 1
		f.heading, f.numbered = false, false
	}
	f.logLen = math.Log(f.length)
	f.quote, f.speeches = quoteCounts(p.Text, lang)
	f.asks = strings.Count(p.Text, "?") + strings.Count(p.Text, "？")
	f.opener = openerOf(p.Text, lang)
	if lang == ZH {
		f.stems = d.ChineseStems(p.Text)
	} else {
		f.stems = d.EnglishStems(p.Text)
	}
	return f
}

func overallRatio(fz, fe []features) float64 {
	var sz, se float64
	for _, f := range fz {
		sz += f.length
	}
	for _, f := range fe {
		se += f.length
	}
	if sz == 0 || se == 0 {
		return 3
	}
	return se / sz
}

func medianRatio(path []step, fz, fe []features) (float64, bool) {
	var rs []float64
	for _, s := range path {
		if len(s.zh) == 1 && len(s.en) == 1 && s.score >= 0.8 && !fz[s.zh[0]].heading {
			rs = append(rs, fe[s.en[0]].length/fz[s.zh[0]].length)
		}
	}
	if len(rs) < 3 {
		return 0, false
	}
	sort.Float64s(rs)
	return rs[len(rs)/2], true
}

// maxLocal bounds the English vocabulary for which bit sets are built.
const maxLocal = 1 << 15

// localStems numbers the document's English stems densely and gives every
// Chinese paragraph a bit set of the ones its glosses hold, so that a pair's
// dictionary overlap is a few bit tests.
func localStems(fz, fe []features) {
	local := map[int32]int32{}
	for _, f := range fe {
		for _, id := range f.stems {
			if _, ok := local[id]; !ok {
				local[id] = int32(len(local))
			}
		}
	}
	if len(local) == 0 || len(local) > maxLocal {
		return
	}
	words := (len(local) + 63) / 64
	for i := range fz {
		bits := make([]uint64, words)
		for _, id := range fz[i].stems {
			if l, ok := local[id]; ok {
				bits[l>>6] |= 1 << (l & 63)
			}
		}
		fz[i].bits = bits
	}
	for j := range fe {
		ls := make([]int32, len(fe[j].stems))
		for k, id := range fe[j].stems {
			ls[k] = local[id]
		}
		fe[j].local = ls
	}
}

// revHits counts the dictionary words of x (Chinese) that have a gloss
// among y's English words that no word of other (Chinese) gives as well:
// the other way round from dictOverlap, how much of x the English
// translates that other does not account for. Given a need above 0, it
// stops counting there, and as soon as the words left cannot make it.
func revHits(x, other, y *features, need int) int {
	n := 0
	for k, ids := range x.glossed {
		if need > 0 && (n >= need || n+len(x.glossed)-k < need) {
			break
		}
		for _, id := range ids {
			if _, in := slices.BinarySearch(y.stems, id); !in {
				continue
			}
			if _, in := slices.BinarySearch(other.stems, id); !in {
				n++
				break
			}
		}
	}
	return n
}

// dictOverlap is the share of y's English stems among x's Chinese glosses.
func dictOverlap(x, y *features) float64 {
	if x.bits == nil || y.local == nil {
		return overlap(x.stems, y.stems)
	}
	if len(y.local) == 0 {
		return 0
	}
	n := 0
	for _, l := range y.local {
		n += int(x.bits[l>>6] >> (l & 63) & 1)
	}
	return float64(n) / float64(len(y.local))
}

// anchorIDs are a paragraph's anchors numbered across its document, so that
// a pair compares integers; known holds its numbers in any form, digits or
// words (nums and spelt).
type anchorIDs struct{ nums, words, names, known []int32 }

// internAnchors numbers the anchors of a document's paragraphs.
func internAnchors(sides ...[]features) {
	table := map[string]int32{}
	ids := func(ss []string) []int32 {
		out := make([]int32, len(ss))
		for k, s := range ss {
			id, ok := table[s]
			if !ok {
				id = int32(len(table))
				table[s] = id
			}
			out[k] = id
		}
		return union(out, nil)
	}
	for _, fs := range sides {
		for i := range fs {
			a := fs[i].anchors
			fs[i].ids = anchorIDs{nums: ids(a.nums), words: ids(a.words), names: ids(a.names), known: ids(union(a.nums, a.spelt))}
		}
	}
}

// quoteCounts counts the quotation marks a text opens and does not close,
// less those it closes without opening (balance): a line that begins a
// quoted speech its next line ends (“那是……) is +1, the line that ends it
// −1. Double and single marks count alike, since a translation may quote
// with either (‘…’ in British English against “…”). A straight double
// quote opens at the start of the text or when a word follows it and none
// comes before it; it closes at the end or in the reverse case, and
// otherwise (spaces on both sides, as in tokenised text: ‘them . " He’)
// closes the quote it opened before, if any. In English a ’ followed by a
// letter is an apostrophe (don’t); one after a word is one too (the dogs’
// bowls) unless it closes a ‘ of the same text, follows punctuation
// (going,’ he said) or ends the text.
//
// It counts too the speeches the text quotes: quotations it opens that are
// speechLike (“好的！回头见？”, "Okay, see you.") or that a speech mark
// follows (「你好」，她说), or that stay open at its end; a quoted term
// (“普通”眼镜, "fake news") is no speech, and a translation often drops its
// marks. A term a sentence ends with counts as a speech on both sides
// alike: 被称为“失足者”。 and, in American punctuation, called the "fallen."
func quoteCounts(text string, lang Lang) (balance, speeches int) {
	n, straight, single := 0, 0, 0
	var open []int // where the content of each open quotation starts
	prev := ' '
	closeOne := func(i int) {
		n--
		if len(open) == 0 {
			return
		}
		// a mark just after the quotation ends it as one inside would:
		// 「你好」，她说 against "Hello," she said
		_, size := utf8.DecodeRuneInString(text[i:])
		after, _ := utf8.DecodeRuneInString(text[i+size:])
		if speechLike(text[open[len(open)-1]:i]) || strings.ContainsRune(speechMarks, after) {
			speeches++
		}
		open = open[:len(open)-1]
	}
	for i, r := range text {
		switch r {
		case '“', '「', '『':
			n++
			open = append(open, i+utf8.RuneLen(r))
		case '”', '」', '』':
			closeOne(i)
		case '‘':
			n++
			open = append(open, i+utf8.RuneLen(r))
			single++
		case '’':
			if closesSingle(text, i, prev, lang, single > 0) {
				closeOne(i)
				single = max(0, single-1)
			}
		case '"':
			if opensStraight(text, i, prev, straight > 0) {
				n++
				open = append(open, i+1)
				straight++
			} else {
				closeOne(i)
				straight = max(0, straight-1)
			}
		}
		prev = r
	}
	return n, speeches + len(open)
}

// speechMarks end a quoted speech, inside its marks or just after them.
const speechMarks = ",.!?;:…，。！？；：、"

// speechLike tells a quoted speech from a quoted term: it holds a
// punctuation mark, or eight Chinese characters or five English words at
// least.
func speechLike(s string) bool {
	if strings.ContainsAny(s, speechMarks) {
		return true
	}
	han := 0
	for _, r := range s {
		if isHan(r) {
			han++
		}
	}
	return han >= 8 || len(strings.Fields(s)) >= 5
}

// closesSingle tells whether the ’ at i closes a quotation rather than
// being an apostrophe (see quoteCounts); open says a ‘ of the text is open.
func closesSingle(text string, i int, prev rune, lang Lang, open bool) bool {
	rest := text[i+len("’"):]
	next, _ := utf8.DecodeRuneInString(rest)
	switch {
	case lang == ZH:
		return true
	case unicode.IsLetter(next): // don’t
		return false
	}
	return open || unicode.IsPunct(prev) || strings.TrimSpace(rest) == "" // going,’ he said / … at 0500’
}

// opensStraight tells whether the straight double quote at i opens a
// quotation (see quoteCounts); open says one it opened is still open.
func opensStraight(text string, i int, prev rune, open bool) bool {
	switch {
	case i+1 == len(text): // last: closes
		return false
	case i == 0: // first: opens
		return true
	}
	next, _ := utf8.DecodeRuneInString(text[i+1:])
	before := unicode.IsSpace(prev) || strings.ContainsRune("([{（—–-:：", prev)
	after := unicode.IsSpace(next) || unicode.IsPunct(next) && next != '\'' && next != '‘'
	return before && !after || before == after && !open
}

// The connectives a sentence may open with, by class: contrast (1),
// cause (2), consequence (3), condition (4). A translation keeps most of
// them at the head of the sentence; the longer Chinese ones come first.
var zhOpeners = []struct {
	p string
	c int8
}{
	{"但是", 1}, {"但", 1}, {"可是", 1}, {"然而", 1}, {"不过", 1},
	{"因为", 2},
	{"所以", 3}, {"因此", 3}, {"于是", 3}, {"因而", 3},
	{"如果", 4}, {"若", 4}, {"倘若", 4}, {"假如", 4}, {"要是", 4},
}

var enOpeners = map[string]int8{"but": 1, "however": 1, "yet": 1, "because": 2, "for": 2, "so": 3, "therefore": 3, "thus": 3, "then": 3, "if": 4}

// openerOf is the class of the connective text opens with, 0 for none.
func openerOf(text string, lang Lang) int8 {
	t := strings.TrimLeft(text, " \t“”‘’\"'「『（(—-")
	if lang == ZH {
		for _, o := range zhOpeners {
			if strings.HasPrefix(t, o.p) {
				return o.c
			}
		}
		return 0
	}
	end := strings.IndexFunc(t, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(t)
	}
	return enOpeners[strings.ToLower(t[:end])]
}

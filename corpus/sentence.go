package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a stretch of a text: byte offsets [Start, End).
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// closers stay with the sentence they close.
const closers = "\"'”’)）」』】》]"

// abbreviations that do not end an English sentence (lower-cased, without the dot)
var abbreviations = map[string]bool{}

func init() {
	for _, a := range strings.Fields(`mr mrs ms dr prof st jr sr vs etc e.g i.e no nos fig figs vol ed eds
		jan feb mar apr jun jul aug sep sept oct nov dec gen col gov lt mt sen rep dept inc ltd co corp
		u.s u.k u.n p.m a.m approx est cf al`) {
		abbreviations[a] = true
	}
}

// Sentences splits a paragraph into sentences, as spans of the text without
// the white space between them. Chinese sentences end at 。！？；… (and the
// ASCII forms), with closing quotes and brackets kept; English ones at
// . ! ? … followed by white space and a capital, digit, quote or Chinese
// character — not after an abbreviation (Mr., U.S., Jan.) or an initial,
// and never inside a number (3.17). Line breaks always end a sentence.
func Sentences(text string, lang Lang) []Span {
	var out []Span
	start := 0
	add := func(end int) {
		s, e := start, end
		for s < e {
			r, n := utf8.DecodeRuneInString(text[s:])
			if !unicode.IsSpace(r) {
				break
			}
			s += n
		}
		for e > s {
			r, n := utf8.DecodeLastRuneInString(text[:e])
			if !unicode.IsSpace(r) {
				break
			}
			e -= n
		}
		if e > s {
			out = append(out, Span{s, e})
		}
		start = end
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		end := -1
		switch {
		case r == '\n':
			end = i + n
		case r == '…' && lang == EN:
			// as "...": a sentence goes on after it in lower case (“to
			// the… other city”, “busy…” she said)
			end = englishEnd(text, i)
		case strings.ContainsRune("。！？；…", r), lang == ZH && strings.ContainsRune("!?;", r) && !inWord(text, i+n):
			end = i + n
			// a run of enders (……, ！？) and closers
			for end < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[end:])
				if !strings.ContainsRune("。！？；…!?"+closers, r2) {
					break
				}
				end += n2
			}
			end = symbolsAfter(text, end)
		case strings.ContainsRune(".!?", r):
			end = englishEnd(text, i)
		}
		if end > 0 {
			add(end)
			i = end
			continue
		}
		i += n
	}
	add(len(text))
	return joinTails(text, out)
}

// inWord tells whether an ASCII mark in Chinese text is followed at once by
// a Latin letter, digit or URL character (watch?v=…, !important): part of a
// word or an address, not the end of a sentence.
func inWord(text string, at int) bool {
	if at >= len(text) {
		return false
	}
	c := text[at]
	return c < utf8.RuneSelf && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("=&/_%-#+~", c) >= 0)
}

// symbolsAfter extends a sentence's end over the emoji and symbols that
// follow it (。📺, ！😂 🙏), white space between them included.
func symbolsAfter(text string, end int) int {
	for at := end; at < len(text); {
		r, n := utf8.DecodeRuneInString(text[at:])
		switch {
		case unicode.IsSpace(r):
		case unicode.IsSymbol(r):
			// with the joiners, selectors and modifiers that follow it (➡️)
			for at+n < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[at+n:])
				if r2 != 0x200d && !unicode.Is(unicode.Variation_Selector, r2) && !unicode.Is(unicode.Sk, r2) && !unicode.Is(unicode.Mn, r2) {
					break
				}
				n += n2
			}
			if next, _ := utf8.DecodeRuneInString(text[at+n:]); unicode.IsLetter(next) || unicode.IsDigit(next) {
				return end // a sign that begins a word ($3.74, ➡️省略符号)
			}
			end = at + n
		default:
			return end
		}
		at += n
	}
	return end
}

// joinTails joins to the sentence before it a span that is no sentence of
// its own: emoji, symbols and punctuation without a word (… 😂, 。💭),
// emoticons (:D), or only hashtags, mentions and cashtags (。#DCU #MLS,
// $tslq), which close a post's sentence. A span that is only the number
// of a list item (2., (3), 一、) joins the sentence after it.
func joinTails(text string, spans []Span) []Span {
	out := spans[:0]
	lead := -1 // the start of an item number waiting for its sentence
	for _, s := range spans {
		t := text[s.Start:s.End]
		switch {
		case lead >= 0:
			s.Start, lead = lead, -1
		case len(out) > 0 && isTail(t):
			out[len(out)-1].End = s.End
			continue
		case len(t) <= 12 && itemNumber.MatchString(t):
			lead = s.Start
			continue
		}
		out = append(out, s)
	}
	if lead >= 0 {
		out = append(out, Span{lead, spans[len(spans)-1].End})
	}
	return out
}

// itemNumber is a list item's number standing alone.
var itemNumber = regexp.MustCompile(`^(?:[(（]?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5}|[一二三四五六七八九十]{1,3})[.)）、．]|[(（](?:\d{1,3}|[a-zA-Z]|[一二三四五六七八九十]{1,3})[)）])$`)

var (
	emoticon = regexp.MustCompile(`^[:;=8][-'^]?[()DPpOo3/\\|\[\]*]$|^[xX][D]$|^<3$`)
	cashtag  = regexp.MustCompile(`^\$[A-Za-z]{1,6}$`)
)

func isTail(s string) bool {
	// a sentence mostly begins with a word: no need to look further
	if r, _ := utf8.DecodeRuneInString(s); len(s) > 3 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return false
	}
	for _, f := range strings.Fields(s) {
		if f[0] == '#' || f[0] == '@' || emoticon.MatchString(f) || cashtag.MatchString(f) {
			continue
		}
		for _, r := range f {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return false
			}
		}
	}
	return true
}

// englishEnd tells where an English sentence ending with the mark at i
// ends (after closers), or -1 when the mark does not end one.
func englishEnd(text string, i int) int {
	end := i
	asks := false // the marks hold a ? or !
	for end < len(text) {
		r, n := utf8.DecodeRuneInString(text[end:])
		if !strings.ContainsRune(".!?…", r) {
			break
		}
		asks = asks || r == '?' || r == '!'
		end += n // ?! and ... (or …)
	}
	closed := false
	for end < len(text) {
		r, n := utf8.DecodeRuneInString(text[end:])
		if !strings.ContainsRune(closers, r) {
			break
		}
		closed = true
		end += n
	}
	if end == len(text) {
		return end
	}
	// white space, then something that can start a sentence
	r, n := utf8.DecodeRuneInString(text[end:])
	if !unicode.IsSpace(r) {
		return -1
	}
	next := end + n
	for next < len(text) {
		r2, n2 := utf8.DecodeRuneInString(text[next:])
		if !unicode.IsSpace(r2) {
			break
		}
		next += n2
	}
	if next < len(text) {
		r2, _ := utf8.DecodeRuneInString(text[next:])
		// after ? or ! a lower-case word starts a sentence too (the
		// web's "names? css and class names"), unless a quotation closed
		// (“What?” she said.)
		lower := asks && !closed && unicode.IsLower(r2)
		if !(lower || unicode.IsUpper(r2) || unicode.IsDigit(r2) || isHan(r2) || strings.ContainsRune("\"'“‘([", r2)) {
			return -1
		}
	}
	if text[i] == '.' && abbreviated(text, i) {
		return -1
	}
	return end
}

// abbreviated tells whether the dot at i closes an abbreviation (Mr.,
// U.S., Jan.) or an initial rather than a sentence.
func abbreviated(text string, i int) bool {
	// the word before the dot
	w := i
	for w > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:w])
		if unicode.IsSpace(r) || strings.ContainsRune("\"'“‘(", r) {
			break
		}
		w -= n
	}
	word := strings.ToLower(text[w:i])
	return abbreviations[word] || utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(text[w:i])[0])
}

// SentenceLink joins sentences of the two sides that translate each other:
// indexes into SentenceAlignment.ZH and .EN.
type SentenceLink struct {
	ZH, EN []int
	// Score is the aligner's confidence in the link, in (0,1]; 0 when not
	// known (a pair of one sentence each, or an index written before links
	// had scores): the pair's own confidence then stands for it.
	Score float64
}

// SentenceAlignment is the sentences of a paired unit and how they align.
type SentenceAlignment struct {
	ZH, EN []Span
	Links  []SentenceLink
}

// AlignSentences splits both sides of a pair into sentences and aligns them
// with the paragraph aligner (1–1, 2–1, 1–2, unpaired; pairs below MinScore
// undone).
func AlignSentences(zh, en string) SentenceAlignment {
	a := SentenceAlignment{ZH: Sentences(zh, ZH), EN: Sentences(en, EN)}
	if len(a.ZH) == 0 || len(a.EN) == 0 {
		return a
	}
	if len(a.ZH) == 1 && len(a.EN) == 1 {
		a.Links = []SentenceLink{{ZH: []int{0}, EN: []int{0}}}
		return a
	}
	zp := make([]Paragraph, len(a.ZH))
	for i, s := range a.ZH {
		zp[i] = Paragraph{Text: zh[s.Start:s.End], Lang: ZH}
	}
	zp = simplifiedParas(zp)
	ep := make([]Paragraph, len(a.EN))
	for i, s := range a.EN {
		ep[i] = Paragraph{Text: en[s.Start:s.End], Lang: EN}
	}
	for _, st := range alignWith(zp, ep, sentencePriors) {
		if len(st.zh) > 0 && len(st.en) > 0 && st.score >= MinScore {
			a.Links = append(a.Links, SentenceLink{ZH: st.zh, EN: st.en, Score: st.conf})
		}
	}
	return a
}

// Encode writes the alignment compactly, for storing beside a unit:
// "zhspans;enspans;links" with spans "start-end" and links "0+1:2", or
// "0+1:2@87" with the link's confidence in percent.
func (a SentenceAlignment) Encode() string {
	var b strings.Builder
	spans := func(ss []Span) {
		for i, s := range ss {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(itoa(s.Start))
			b.WriteByte('-')
			b.WriteString(itoa(s.End))
		}
	}
	ints := func(xs []int) {
		for i, x := range xs {
			if i > 0 {
				b.WriteByte('+')
			}
			b.WriteString(itoa(x))
		}
	}
	spans(a.ZH)
	b.WriteByte(';')
	spans(a.EN)
	b.WriteByte(';')
	for i, l := range a.Links {
		if i > 0 {
			b.WriteByte(',')
		}
		ints(l.ZH)
		b.WriteByte(':')
		ints(l.EN)
		if l.Score > 0 {
			b.WriteByte('@')
			b.WriteString(itoa(max(1, min(100, int(l.Score*100+0.5)))))
		}
	}
	return b.String()
}

func itoa(x int) string {
	if x == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for x > 0 {
		i--
		buf[i] = byte('0' + x%10)
		x /= 10
	}
	return string(buf[i:])
}

// DecodeSentenceAlignment reads what Encode wrote; ok is false for anything
// else (the caller then shows no sentence alignment).
func DecodeSentenceAlignment(s string) (a SentenceAlignment, ok bool) {
	parts := strings.Split(s, ";")
	if len(parts) != 3 {
		return a, false
	}
	atoi := func(s string) (int, bool) {
		if s == "" || len(s) > 9 {
			return 0, false
		}
		n := 0
		for _, c := range s {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	spans := func(s string) ([]Span, bool) {
		if s == "" {
			return nil, true
		}
		var out []Span
		for _, p := range strings.Split(s, ",") {
			x, y, found := strings.Cut(p, "-")
			a, ok1 := atoi(x)
			b, ok2 := atoi(y)
			if !found || !ok1 || !ok2 || b < a {
				return nil, false
			}
			out = append(out, Span{a, b})
		}
		return out, true
	}
	ints := func(s string, limit int) ([]int, bool) {
		var out []int
		for _, p := range strings.Split(s, "+") {
			n, ok := atoi(p)
			if !ok || n >= limit {
				return nil, false
			}
			out = append(out, n)
		}
		return out, true
	}
	var ok1, ok2 bool
	if a.ZH, ok1 = spans(parts[0]); !ok1 {
		return a, false
	}
	if a.EN, ok2 = spans(parts[1]); !ok2 {
		return a, false
	}
	if parts[2] != "" {
		for _, p := range strings.Split(parts[2], ",") {
			p, pct, scored := strings.Cut(p, "@")
			x, y, found := strings.Cut(p, ":")
			zi, okz := ints(x, len(a.ZH))
			ei, oke := ints(y, len(a.EN))
			if !found || !okz || !oke {
				return SentenceAlignment{}, false
			}
			l := SentenceLink{ZH: zi, EN: ei}
			if scored {
				n, ok := atoi(pct)
				if !ok || n < 1 || n > 100 {
					return SentenceAlignment{}, false
				}
				l.Score = float64(n) / 100
			}
			a.Links = append(a.Links, l)
		}
	}
	return a, true
}

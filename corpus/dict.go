package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// CC-CEDICT (CC BY-SA 4.0, MDBG), the 2020-09-27 release, embedded reduced
// to what bisearch reads of it (dictfile.go); the published file is kept in
// cedict/ as its source.
//
//go:embed cedict/cedict-reduced.gz
var cedictReduced []byte

// reducedCEDICT is the reduced form's path in the package.
const reducedCEDICT = "cedict/cedict-reduced.gz"

// Dict is a Chinese–English dictionary reduced to what alignment needs: for
// each Chinese headword (Simplified and Traditional), the stems of the
// English words of its glosses.
type Dict struct {
	words  map[string][]int32 // headword → gloss stem ids, sorted
	heads  map[string][]int32 // headword → the stems of each gloss's first clause, before any explanation
	stemID map[string]int32
	maxLen int // longest headword, in characters
	// longest headword starting with each character of the Basic
	// Multilingual Plane, in characters (0: none)
	startLen []uint8
	// the toneless pinyin readings of single characters (韦: wei), and
	// every syllable there is
	readings  map[rune][]string
	syllables map[string]bool
	// proper[id]: the stem is only ever written capitalised in the
	// glosses, a proper name (Jia, Xifeng, Beijing), not an English word
	proper map[int32]bool
}

var (
	dictOnce sync.Once
	dict     *Dict
)

// CEDICT returns the embedded CC-CEDICT dictionary, parsed on first use.
func CEDICT() *Dict {
	dictOnce.Do(func() {
		d, err := decodeDict(cedictReduced)
		if err != nil {
			d = &Dict{words: map[string][]int32{}, heads: map[string][]int32{}, stemID: map[string]int32{}}
		}
		d.indexStarts()
		dict = d
	})
	return dict
}

// glossSkip are gloss words that say nothing about a translation.
var glossSkip = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the to of and or in on at for with by from as is are be been was
		sb sth one's oneself etc used abbr variant see also surname old lit fig esp i.e e.g cl kind type
		something somebody person thing it its this that which who not no very more most`) {
		glossSkip[w] = true
	}
}

// indexStarts records the longest headword starting with each character,
// so that a lookup tries no longer ones.
func (d *Dict) indexStarts() {
	d.startLen = make([]uint8, 0x10000)
	for w := range d.words {
		r, _ := utf8.DecodeRuneInString(w)
		if int(r) < len(d.startLen) {
			d.startLen[r] = uint8(max(int(d.startLen[r]), min(utf8.RuneCountInString(w), 255)))
		}
	}
}

// stem is the crude English stem alignment compares, on the text and on
// the glosses alike: the word lower-cased, a possessive dropped, its
// regular or common irregular inflection undone (uninflected, irregular),
// spelt the American way, cut to six letters (protect, protection,
// protecting meet; so do case and cases, lifted and lift, said and say,
// colour and color).
func stem(w string) string {
	w = strings.ToLower(w)
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	if b, ok := irregular[w]; ok {
		w = b
	} else {
		w = underived(uninflected(w))
	}
	w = american(w)
	if len(w) > 6 {
		w = w[:6]
	}
	return w
}

// britishStems maps the start of a word spelt the British way to its
// American spelling: CC-CEDICT glosses mostly in American English, and
// published translations are often British (honour, centre, defence, grey).
// The -ise and -yse endings need none: the stem is cut before them.
var britishStems = map[string]string{
	"colour": "color", "honour": "honor", "favour": "favor", "labour": "labor", "behaviour": "behavior",
	"harbour": "harbor", "humour": "humor", "rumour": "rumor", "vapour": "vapor", "flavour": "flavor",
	"armour": "armor", "savour": "savor", "endeavour": "endeavor", "valour": "valor", "vigour": "vigor",
	"odour": "odor", "parlour": "parlor", "splendour": "splendor", "clamour": "clamor", "rigour": "rigor",
	"ardour": "ardor", "candour": "candor", "fervour": "fervor", "saviour": "savior", "tumour": "tumor",
	"rancour": "rancor", "succour": "succor", "demeanour": "demeanor", "neighbour": "neighbor",
	"centre": "center", "theatre": "theater", "metre": "meter", "litre": "liter", "fibre": "fiber",
	"sombre": "somber", "spectre": "specter", "calibre": "caliber", "sabre": "saber", "meagre": "meager",
	"lustre": "luster", "manoeuvr": "maneuver", "defence": "defense", "offence": "offense",
	"pretence": "pretense", "licence": "license", "grey": "gray", "tyre": "tire", "pyjama": "pajama",
	"plough": "plow", "mould": "mold", "smoulder": "smolder", "moustache": "mustache", "sceptic": "skeptic",
	"aeroplane": "airplane", "catalogue": "catalog", "kerb": "curb", "gaol": "jail", "aluminium": "aluminum",
	"jewellery": "jewelry", "draught": "draft", "woollen": "woolen", "paediatric": "pediatric",
	"encyclopaedia": "encyclopedia", "anaemi": "anemi", "anaesthe": "anesthe", "foetus": "fetus",
}

// britishMin and britishMax are the shortest and the longest key of
// britishStems.
const britishMin, britishMax = 4, 13

// american spells a lower-case word the American way, if britishStems
// knows its start.
func american(w string) string {
	for k := min(len(w), britishMax); k >= britishMin; k-- {
		if a, ok := britishStems[w[:k]]; ok {
			return a + w[k:]
		}
	}
	return w
}

// englishWords splits English text into lower-cased words of letters.
func englishWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(r < utf8.RuneSelf && unicode.IsLetter(r)) && r != '\''
	})
}

func (d *Dict) id(s string) int32 {
	if id, ok := d.stemID[s]; ok {
		return id
	}
	id := int32(len(d.stemID))
	d.stemID[s] = id
	return id
}

func parseCEDICT(gz []byte) (*Dict, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	d := &Dict{words: make(map[string][]int32, 200_000), heads: make(map[string][]int32, 200_000), stemID: make(map[string]int32, 60_000),
		readings: make(map[rune][]string, 20_000), syllables: make(map[string]bool, 500)}
	capital, lower := map[int32]bool{}, map[int32]bool{}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		// Traditional Simplified [pin yin] /gloss/gloss/
		sp1 := strings.IndexByte(line, ' ')
		if sp1 < 0 {
			continue
		}
		sp2 := strings.IndexByte(line[sp1+1:], ' ')
		slash := strings.IndexByte(line, '/')
		if sp2 < 0 || slash < 0 {
			continue
		}
		trad, simp := line[:sp1], line[sp1+1:sp1+1+sp2]
		d.addReading(trad, simp, line)
		var ids, heads []int32
		for _, g := range strings.Split(line[slash+1:], "/") {
			lg := strings.ToLower(g)
			if g == "" || strings.HasPrefix(lg, "variant of") || strings.HasPrefix(lg, "see ") || strings.HasPrefix(lg, "cl:") ||
				strings.HasPrefix(lg, "surname ") || strings.HasPrefix(lg, "old variant") || strings.HasPrefix(lg, "used in") {
				continue
			}
			// drop bracketed notes: (Tw), [pin1 yin1], (literary)
			g = stripBrackets(g)
			// the gloss proper ends where an explanation starts
			head := g
			if i := strings.IndexAny(head, ",;:"); i >= 0 {
				head = head[:i]
			}
			headWords := map[string]bool{}
			for _, w := range englishWords(head) {
				headWords[w] = true
			}
			for _, w := range englishWords(g) {
				if len(w) < 3 || glossSkip[strings.ToLower(w)] {
					continue
				}
				id := d.id(stem(w))
				ids = append(ids, id)
				if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
					capital[id] = true
				} else {
					lower[id] = true
				}
				if headWords[w] && !strings.HasPrefix(strings.ToLower(g), "abbr") {
					heads = append(heads, id)
				}
			}
		}
		if len(ids) == 0 {
			continue
		}
		if utf8.RuneCountInString(simp) == 1 && len(ids) > 6 {
			ids = ids[:6] // a single character's many senses: keep the first
		}
		for _, hw := range []string{simp, trad} {
			d.words[hw] = mergeIDs(d.words[hw], ids)
			d.heads[hw] = mergeIDs(d.heads[hw], heads)
			if n := utf8.RuneCountInString(hw); n > d.maxLen {
				d.maxLen = n
			}
		}
	}
	if d.maxLen > 8 {
		d.maxLen = 8
	}
	d.proper = map[int32]bool{}
	for id := range capital {
		if !lower[id] {
			d.proper[id] = true
		}
	}
	return d, sc.Err()
}

// addReading records the reading of a single-character entry
// ("韋 韦 [Wei2] /surname Wei/"): toneless, lower-case, ü as u.
func (d *Dict) addReading(trad, simp, line string) {
	if utf8.RuneCountInString(simp) != 1 {
		return
	}
	open, end := strings.IndexByte(line, '['), strings.IndexByte(line, ']')
	if open < 0 || end < open {
		return
	}
	py := strings.ToLower(strings.TrimRight(line[open+1:end], "012345"))
	py = strings.ReplaceAll(py, "u:", "u")
	if py == "" || strings.ContainsAny(py, " ,") {
		return
	}
	if strings.Trim(py, "abcdefghijklmnopqrstuvwxyz") != "" || len(py) == 1 && !strings.Contains("aeo", py) {
		return // not a plain syllable (erhua's r, a letter's name)
	}
	d.syllables[py] = true
	for _, hw := range []string{simp, trad} {
		r, _ := utf8.DecodeRuneInString(hw)
		if !slices.Contains(d.readings[r], py) {
			d.readings[r] = append(d.readings[r], py)
		}
	}
}

func stripBrackets(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			if depth > 0 {
				depth--
			}
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// mergeIDs returns the sorted union of two lists of ids.
func mergeIDs(a, b []int32) []int32 { return union(a, b) }

// ChineseStems lists the stems of the English glosses of the dictionary
// words found in a Chinese text (longest match first at each position).
func (d *Dict) ChineseStems(zh string) []int32 {
	rs := []rune(zh)
	var out []int32
	for i := 0; i < len(rs); {
		n, ids := d.longestAt(rs, i, 1)
		out = append(out, ids...)
		i += max(n, 1)
	}
	return mergeIDs(nil, out)
}

// chineseWords lists the glosses' stems of each dictionary word of a
// Chinese text that has any, word by word.
func (d *Dict) chineseWords(zh string) [][]int32 {
	rs := []rune(zh)
	var out [][]int32
	for i := 0; i < len(rs); {
		n, ids := d.longestAt(rs, i, 1)
		if len(ids) > 0 {
			out = append(out, ids)
		}
		i += max(n, 1)
	}
	return out
}

// longestAt is the length of the longest dictionary word of at least
// shortest characters that starts at rs[i], and its glosses' stems; 0 when
// there is none (or rs[i] is no Han character).
func (d *Dict) longestAt(rs []rune, i, shortest int) (int, []int32) {
	if !isHan(rs[i]) {
		return 0, nil
	}
	// the candidates as bytes on the stack: a map looked up with a
	// converted byte slice allocates nothing
	const most = 8
	var buf [most * utf8.UTFMax]byte
	var ends [most + 1]int
	top := min(d.maxLen, len(rs)-i, most)
	if r := rs[i]; int(r) < len(d.startLen) {
		top = min(top, int(d.startLen[r]))
	}
	b := buf[:0]
	for k := 0; k < top; k++ {
		b = utf8.AppendRune(b, rs[i+k])
		ends[k+1] = len(b)
	}
	for n := top; n >= shortest; n-- {
		if ids, ok := d.words[string(b[:ends[n]])]; ok {
			return n, ids
		}
	}
	return 0, nil
}

// EnglishStems lists the stems of an English text's words that occur in the
// dictionary's glosses.
func (d *Dict) EnglishStems(en string) []int32 {
	var out []int32
	for _, w := range englishWords(en) {
		if len(w) < 3 || glossSkip[strings.ToLower(w)] {
			continue
		}
		if id, ok := d.stemID[stem(w)]; ok {
			out = append(out, id)
		}
	}
	return mergeIDs(nil, out)
}

// overlap is the share of the English stems (sorted) found among the Chinese
// gloss stems (sorted); 0 when the English has none.
func overlap(zhStems, enStems []int32) float64 {
	if len(enStems) == 0 {
		return 0
	}
	n := 0
	if len(zhStems) > 4*len(enStems) {
		// few English words against many glosses: look each one up
		lo := 0
		for _, e := range enStems {
			i, j := lo, len(zhStems)
			for i < j {
				h := int(uint(i+j) >> 1)
				if zhStems[h] < e {
					i = h + 1
				} else {
					j = h
				}
			}
			if i < len(zhStems) && zhStems[i] == e {
				n++
			}
			lo = i // both lists are sorted
		}
		return float64(n) / float64(len(enStems))
	}
	n = common(zhStems, enStems)
	return float64(n) / float64(len(enStems))
}

// DictWord is a dictionary word found in a Chinese text.
type DictWord struct {
	Start, End int     // byte offsets
	Stems      []int32 // stems of its English glosses
	Heads      []int32 // stems of its glosses proper (each gloss's first clause)
}

// Words finds the dictionary words of two or more characters in a Chinese
// text, longest match first at each position (single characters carry too
// many senses to stand for a translation).
func (d *Dict) Words(zh string) []DictWord {
	var out []DictWord
	offs := make([]int, 0, len(zh)/3+1)
	var rs []rune
	for i, r := range zh {
		offs = append(offs, i)
		rs = append(rs, r)
	}
	offs = append(offs, len(zh))
	for i := 0; i < len(rs); {
		n, ids := d.longestAt(rs, i, 2)
		if n > 0 {
			out = append(out, DictWord{Start: offs[i], End: offs[i+n], Stems: ids, Heads: d.heads[zh[offs[i]:offs[i+n]]]})
		}
		i += max(n, 1)
	}
	return out
}

// TermStems lists the stems of the English glosses of a Chinese query term:
// of its words of two or more characters, or of the term itself when it is
// one character.
func (d *Dict) TermStems(zh string) []int32 {
	if utf8.RuneCountInString(zh) == 1 {
		return d.words[zh]
	}
	var out []int32
	for _, w := range d.Words(zh) {
		out = append(out, w.Stems...)
	}
	return mergeIDs(nil, out)
}

// TermHeads lists the stems of the glosses proper (each gloss's first
// clause: 大湾区 is "Greater Bay Area", not the Guangdong and Hong Kong its
// gloss goes on about) of a Chinese query term's words, or of the term
// itself when it is one character.
func (d *Dict) TermHeads(zh string) []int32 {
	if utf8.RuneCountInString(zh) == 1 {
		return d.heads[zh]
	}
	var out []int32
	for _, w := range d.Words(zh) {
		out = append(out, w.Heads...)
	}
	return mergeIDs(nil, out)
}

// StemID is the id of an English word's stem among the glosses, if any.
func (d *Dict) StemID(word string) (int32, bool) {
	if len(word) < 3 || glossSkip[strings.ToLower(word)] {
		return 0, false
	}
	id, ok := d.stemID[stem(word)]
	return id, ok
}

// EnglishWord is a word of an English text.
type EnglishWord struct {
	Start, End int
	Word       string
}

// EnglishWordSpans lists the words of an English text with their offsets.
func EnglishWordSpans(en string) []EnglishWord {
	var out []EnglishWord
	start := -1
	for i, r := range en + " " {
		letter := r < utf8.RuneSelf && (unicode.IsLetter(r) || r == '\'')
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			out = append(out, EnglishWord{start, i, en[start:i]})
			start = -1
		}
	}
	return out
}

// Stem is the crude English stem alignment and translation marks compare:
// lower case, inflections undone, American spelling, cut to six letters.
func Stem(w string) string { return stem(w) }

// IsStopWord reports whether an English word carries no translation.
func IsStopWord(w string) bool { return glossSkip[strings.ToLower(w)] || len(w) < 3 }

// irregular maps the past forms of common irregular verbs to the verb
// (said → say meets 说): fiction is told in the past. Forms that are words
// of their own as often (left, lay, rose, lead) are not in it.
var irregular = map[string]string{}

func init() {
	for _, f := range strings.Fields(`said:say told:tell went:go gone:go came:come saw:see seen:see took:take taken:take
		gave:give given:give knew:know known:know thought:think felt:feel found:find made:make got:get gotten:get
		stood:stand sat:sit ran:run held:hold brought:bring heard:hear began:begin begun:begin kept:keep spoke:speak
		spoken:speak wrote:write written:write fell:fall fallen:fall lost:lose met:meet paid:pay sent:send built:build
		bought:buy caught:catch taught:teach fought:fight sought:seek slept:sleep wept:weep woke:wake woken:wake
		drank:drink drunk:drink ate:eat eaten:eat drove:drive driven:drive rode:ride ridden:ride flew:fly flown:fly
		grew:grow grown:grow threw:throw thrown:throw drew:draw drawn:draw wore:wear worn:wear tore:tear torn:tear
		broke:break broken:break chose:choose chosen:choose froze:freeze frozen:freeze hid:hide hidden:hide
		shook:shake shaken:shake struck:strike swam:swim sang:sing sung:sing sank:sink won:win understood:understand
		forgot:forget forgotten:forget forgave:forgive forgiven:forgive became:become did:do done:do does:do goes:go
		stole:steal stolen:steal arose:arise awoke:awake bent:bend bit:bite bitten:bite bled:bleed blew:blow
		blown:blow bore:bear borne:bear born:bear bred:breed dealt:deal dug:dig fed:feed fled:flee forbade:forbid
		hung:hang hurt:hurt knelt:kneel laid:lay leapt:leap lent:lend lit:light meant:mean rang:ring rung:ring
		sold:sell shone:shine shot:shoot shut:shut slid:slide spent:spend spun:spin sprang:spring stuck:stick
		stung:sting strode:stride swore:swear sworn:swear swept:sweep swung:swing thrust:thrust trod:tread
		wound:wind wove:weave woven:weave withdrew:withdraw men:man women:woman children:child feet:foot teeth:tooth
		mice:mouse geese:goose news:news`) {
		w, b, _ := strings.Cut(f, ":")
		irregular[w] = b
	}
}

// uninflected takes the regular endings off a lower-case English word: the
// plural and third person -s and -es (boxes, watches), the past -ed and the
// -ing form (lifted, stopped, hoped, walking, making), with a doubled
// consonant made single and the e a one-syllable base dropped put back;
// words whose base would hold no vowel keep their ending (bring, shed).
func uninflected(w string) string {
	w, done := singular(w)
	if done {
		return w
	}
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ied"):
		return w[:n-3] + "y" // cried, carried
	case n == 4 && strings.HasSuffix(w, "ied"):
		return w[:2] + "e" // died, lied, tied
	case n >= 4 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed"):
		return base(w, w[:n-2])
	case n > 5 && strings.HasSuffix(w, "ing"):
		return base(w, w[:n-3])
	}
	return w
}

// underived takes an adverb's -ly (and -fully) off a word (quietly,
// hopefully, really: quiet, hope, real), which the glosses mostly give in
// another part of speech (希望 ↔ hope, 安静 ↔ quiet, 维修工 … 顺利完工 ↔
// "hopefully … he's finishing up"); a word that only looks so (family,
// early, reply, assembly) is left alone.
func underived(w string) string {
	if b, ok := adverbs[w]; ok {
		return b
	}
	n := len(w)
	switch {
	case n >= 7 && strings.HasSuffix(w, "fully"):
		return w[:n-5]
	case n >= 6 && strings.HasSuffix(w, "ily"):
		return w[:n-3] + "y"
	case n >= 6 && strings.HasSuffix(w, "ly") && !strings.HasSuffix(w, "bly") && !strings.HasSuffix(w, "ply"):
		return w[:n-2]
	}
	return w
}

// adverbs maps the words underived would take wrongly: those that end
// as an adverb does but are none (to themselves), and adverbs of words
// that end in -le or -ue.
var adverbs = map[string]string{
	"simply": "simple", "gently": "gentle", "subtly": "subtle", "idly": "idle", "wholly": "whole", "truly": "true", "duly": "due",
}

func init() {
	for _, w := range strings.Fields(`family homily sicily anomaly monopoly butterfly dragonfly firefly
		chilly woolly melancholy likely lively orderly`) {
		adverbs[w] = w
	}
}

// singular takes a plural or third-person ending off a word; done when
// what is left takes no further ending off (policies, boxes, passes), not
// when it may (settings goes on to set).
func singular(w string) (string, bool) {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y", true
	case n > 4 && (strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "ches") ||
		strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "zzes")):
		return w[:n-2], true
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return w[:n-1], false
	}
	return w, false
}

// base is the base of word w, which came as b with its ending taken off.
func base(w, b string) string {
	if !strings.ContainsAny(b, "aeiouy") {
		return w
	}
	n := len(b)
	switch {
	case n >= 3 && b[n-1] == b[n-2] && strings.IndexByte("bdgkmnprt", b[n-1]) >= 0:
		return b[:n-1] // stopped, running
	case oneSyllableCVC(b) || n == 2 && strings.IndexByte("aeiou", b[0]) >= 0:
		return b + "e" // hoped, making, used
	}
	return b
}

// oneSyllableCVC reports whether a word has one group of vowels and ends
// in consonant, vowel, consonant (hop, mak, liv), as the bases of verbs
// that drop their final e before -ed and -ing do.
func oneSyllableCVC(w string) bool {
	vowel := func(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
	n := len(w)
	if n < 3 || vowel(w[n-1]) || !vowel(w[n-2]) || vowel(w[n-3]) || strings.IndexByte("wxy", w[n-1]) >= 0 {
		return false
	}
	groups := 0
	for k := 0; k < n; k++ {
		if vowel(w[k]) && (k == 0 || !vowel(w[k-1])) {
			groups++
		}
	}
	return groups == 1
}

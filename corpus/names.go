package corpus

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Names across scripts: a Chinese name written in Latin letters in the
// English (贾雨村 → Jia Yu-cun, 韦小宝 → Wei Xiaobao, 毛泽东 → Mao Tse-tung)
// is strong evidence that two sentences translate each other. The English
// side's capitalised words are read as pinyin syllables (or Wade–Giles ones,
// turned into pinyin), tolerant of hyphens, apostrophes and missing tones;
// the Chinese side's characters are read by CC-CEDICT's readings; a name
// of two syllables or more found on both sides is an anchor.

const (
	wgMinConfirmed   = 2  // names in Wade–Giles by their own words the Chinese holds, for the whole text to be read so too
	nameMaxSyllables = 6  // longest name looked for, in syllables
	nameMaxReadings  = 16 // readings of one run of characters tried at most
)

// syllablesOf reads a lower-case Latin word as pinyin syllables, or as
// Wade–Giles ones turned into pinyin: every way of reading it, at most a
// few; nil when it is not one. The word's parts between hyphens and
// apostrophes are read separately.
func (d *Dict) syllablesOf(word string, wg bool) [][]string {
	out := [][]string{nil}
	for _, part := range strings.FieldsFunc(word, func(r rune) bool { return r == '-' || r == '\'' || r == '’' }) {
		reads := d.splitSyllables(part, wg)
		if len(reads) == 0 {
			return nil
		}
		var next [][]string
		for _, o := range out {
			for _, r := range reads {
				if len(next) < 4 {
					next = append(next, append(append([]string(nil), o...), r...))
				}
			}
		}
		out = next
	}
	if len(out) == 1 && out[0] == nil {
		return nil
	}
	return out
}

// splitSyllables splits a word with no hyphen into syllables, each pinyin
// or Wade–Giles: the readings with the fewest syllables (xian: xian, not
// xi an), at most four.
func (d *Dict) splitSyllables(w string, wg bool) [][]string {
	n := len(w)
	// best[k]: the fewest syllables w[:k] splits into, and the splits
	type cell struct {
		syl    int
		splits [][]string
	}
	best := make([]cell, n+1)
	for k := 1; k <= n; k++ {
		best[k].syl = -1
	}
	for k := 0; k < n; k++ {
		if k > 0 && best[k].syl < 0 {
			continue
		}
		for e := k + 1; e <= min(n, k+6); e++ {
			for _, py := range d.pinyinOf(w[k:e], wg) {
				if k > 0 && strings.ContainsRune("aeo", rune(py[0])) {
					continue // a syllable starting with a vowel starts a word or follows an apostrophe (xi'an)
				}
				syl := best[k].syl + 1
				if best[e].syl >= 0 && syl > best[e].syl {
					continue
				}
				if best[e].syl < 0 || syl < best[e].syl {
					best[e] = cell{syl: syl}
				}
				if k == 0 {
					best[e].splits = append(best[e].splits, []string{py})
					continue
				}
				for _, s := range best[k].splits {
					if len(best[e].splits) < 4 {
						best[e].splits = append(best[e].splits, append(append([]string(nil), s...), py))
					}
				}
			}
		}
	}
	return best[n].splits
}

// pinyinOf lists the pinyin syllables a Latin syllable may spell: itself
// when it is pinyin, and with wg what it is in Wade–Giles (apostrophes are
// often dropped, so ch is zh, j, ch or q).
func (d *Dict) pinyinOf(s string, wg bool) []string {
	var out []string
	add := func(p string) {
		if d.syllables[p] {
			for _, o := range out {
				if o == p {
					return
				}
			}
			out = append(out, p)
		}
	}
	add(s)
	if wg {
		for _, c := range wadeGiles(s) {
			add(c)
		}
	}
	return out
}

// wade-giles initials and what they are in pinyin, longest first
var wgInitials = []struct{ wg, py []string }{
	{[]string{"ts", "tz"}, []string{"z", "c"}},
	{[]string{"ch"}, []string{"zh", "j", "ch", "q"}},
	{[]string{"hs"}, []string{"x"}},
	{[]string{"sz", "ss"}, []string{"s"}},
	{[]string{"sh"}, []string{"sh"}},
	{[]string{"k"}, []string{"g", "k"}},
	{[]string{"p"}, []string{"b", "p"}},
	{[]string{"t"}, []string{"d", "t"}},
	{[]string{"j"}, []string{"r"}},
}

// wade-giles finals that differ from pinyin's
var wgFinals = map[string][]string{
	"ung": {"ong"}, "iung": {"iong"}, "ieh": {"ie"}, "ien": {"ian"}, "ih": {"i"}, "u": {"u", "i"},
	"erh": {"er"}, "o": {"o", "e", "uo"}, "uei": {"ui"}, "iu": {"iu", "ou"}, "e": {"e"}, "ui": {"ui"},
}

// wadeGiles lists the pinyin a Wade–Giles syllable may be (unchecked).
func wadeGiles(s string) []string {
	if s == "erh" {
		return []string{"er"}
	}
	init, rest := "", s
	var inits []string
	for _, wi := range wgInitials {
		for _, w := range wi.wg {
			if strings.HasPrefix(s, w) && init == "" {
				init, rest, inits = w, s[len(w):], wi.py
			}
		}
	}
	if init == "" {
		inits = []string{""}
	}
	finals := []string{rest}
	if f, ok := wgFinals[rest]; ok {
		finals = f
	} else {
		for wf, pf := range wgFinals {
			if len(wf) > 1 && strings.HasSuffix(rest, wf) && rest != wf {
				for _, p := range pf {
					finals = append(finals, strings.TrimSuffix(rest, wf)+p)
				}
			}
		}
	}
	var out []string
	for _, i := range inits {
		for _, f := range finals {
			out = append(out, i+f)
		}
	}
	return out
}

// englishNames lists the names an English text may hold in Latin letters:
// each run of capitalised words read as syllables (and each word of two
// syllables or more on its own), as keys "wei xiao bao". A run ends at a
// mark (a list of names is several names) and at a word that reads as no
// syllables. A word the dictionary's glosses use (Like, Make, Amen) is
// English, not a name, unless hyphenated, or unless it stands in a run
// that is a name: beside a word that is no English (Jia Zheng, Sun
// Wukong), or as one of two or three words of one syllable each (Zhang
// Fei, Cao Cao). Wade–Giles is read in a run with a hyphenated word (Mao
// Tse-tung), where it is the custom, or with a word that is no pinyin but
// is Wade–Giles (Lu Hsun), and, by englishNamesBy with wgAll, in every run
// of a text that spells its names so (Kuan Yü beside Lu Hsun).
func (d *Dict) englishNames(text string) []string {
	names, _ := d.englishNamesBy(text, false, nil)
	return names
}

// englishNamesBy is englishNames telling by, for each key, the words it is
// read from, and which keys a run read as Wade–Giles by its own words
// gave.
func (d *Dict) englishNamesBy(text string, wgAll bool, by func(key string, words []string)) (names, wgKeys []string) {
	var out []string
	type part struct {
		w       string
		english bool
		reads   [][]string // its plain pinyin readings, when read already (an English word)
	}
	var run []part
	flush := func() {
		defer func() { run = run[:0] }()
		if len(run) == 0 {
			return
		}
		wg, english, long := false, 0, false
		for _, p := range run {
			wg = wg || strings.ContainsAny(p.w, "-'’")
			if p.english {
				english++
			}
		}
		reads := make([][][]string, len(run))
		for k, p := range run {
			if reads[k] = p.reads; reads[k] == nil || wg {
				reads[k] = d.syllablesOf(foldLatin(p.w), wg)
			}
		}
		// a word that is no pinyin but Wade–Giles (Hsun, Tsao, Tse-tung)
		// makes the run Wade–Giles, and shows the text spells names so
		wadeGilesOnly := func(k int) bool {
			if wg { // read as Wade–Giles already
				return reads[k] != nil && d.syllablesOf(foldLatin(run[k].w), false) == nil
			}
			return reads[k] == nil && d.syllablesOf(foldLatin(run[k].w), true) != nil
		}
		own := false
		for k, p := range run {
			if !p.english && len(p.w) >= 3 && wadeGilesOnly(k) {
				own = true
				break
			}
		}
		if !wg && (own || wgAll && english < len(run)) {
			wg = true
			for k, p := range run {
				reads[k] = d.syllablesOf(foldLatin(p.w), true)
			}
		}
		for k := range run {
			for _, r := range reads[k] {
				long = long || len(r) > 1
			}
		}
		if english == len(run) && (len(run) == 1 || len(run) > 3 || long) {
			return // English words, not a name
		}
		add := func(key string, words []part) {
			out = append(out, key)
			if own {
				wgKeys = append(wgKeys, key)
			}
			if by != nil {
				ws := make([]string, len(words))
				for n, p := range words {
					ws[n] = p.w
				}
				by(key, ws)
			}
		}
		keys, from := [][]string{nil}, 0
		for k, p := range run {
			if reads[k] == nil {
				keys, from = [][]string{nil}, k+1 // a word that is no name ends the name before it
				continue
			}
			var next [][]string
			for _, key := range keys {
				for _, r := range reads[k] {
					if len(next) < 8 && len(key)+len(r) <= nameMaxSyllables {
						next = append(next, append(append([]string(nil), key...), r...))
					}
				}
			}
			keys = next
			if !p.english {
				for _, r := range reads[k] {
					if len(r) >= 2 {
						add(strings.Join(r, " "), run[k:k+1])
					}
				}
			}
			for _, key := range keys {
				if len(key) >= 2 {
					add(strings.Join(key, " "), run[from:k+1])
				}
			}
		}
	}
	for _, tok := range strings.Fields(text) {
		// a mark before or after a word ends the run: "Liu Bei, Guan Yu"
		// are two names
		words := strings.FieldsFunc(tok, func(r rune) bool {
			return !(unicode.IsLetter(r) || r == '-' || r == '\'' || r == '’')
		})
		if len(words) == 0 {
			flush()
			continue
		}
		lead, _ := utf8.DecodeRuneInString(tok)
		if !unicode.IsLetter(lead) {
			flush()
		}
		for k, w := range words {
			if k > 0 {
				flush()
			}
			w = strings.Trim(w, "-'’")
			first, _ := utf8.DecodeRuneInString(w)
			if w == "" || !unicode.IsUpper(first) || first >= utf8.RuneSelf || strings.ToUpper(w) == w && len(w) > 1 {
				flush()
				continue
			}
			// an English word joins a run only when it reads as pinyin
			var reads [][]string
			english := d.isEnglish(w)
			if english {
				if reads = d.syllablesOf(foldLatin(w), false); reads == nil {
					flush()
					continue
				}
			}
			run = append(run, part{w, english, reads})
		}
		last, _ := utf8.DecodeLastRuneInString(tok)
		if !unicode.IsLetter(last) {
			flush()
		}
	}
	flush()
	return union(out, nil), union(wgKeys, nil)
}

// isEnglish reports whether a word with no hyphen or apostrophe is one the
// dictionary's glosses use, in lower case somewhere: a word they only ever
// capitalise is a name (Jia and Xifeng of "Jia Baoyu" and "Xifeng county"),
// which a text may spell too.
func (d *Dict) isEnglish(w string) bool {
	if strings.ContainsAny(w, "-'’") || len(w) < 3 {
		return false
	}
	id, ok := d.stemID[stem(w)]
	return ok && !d.proper[id]
}

// foldLatin lower-cases a Latin word and drops its tone marks and umlauts
// (Lǚ → lu).
func foldLatin(w string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(w) {
		switch {
		case strings.ContainsRune("āáǎà", r):
			r = 'a'
		case strings.ContainsRune("ēéěè", r):
			r = 'e'
		case strings.ContainsRune("īíǐì", r):
			r = 'i'
		case strings.ContainsRune("ōóǒò", r):
			r = 'o'
		case strings.ContainsRune("ūúǔùüǖǘǚǜ", r):
			r = 'u'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// notInNames are characters of grammar, common everywhere, which a name
// seldom holds: a name spelt across one of them is chance (的编: de bian).
const notInNames = "的地得了是在和与及或这那们我你他她它不也都就而被把从对为以于之其所着过吗呢吧啊个"

// chineseNames lists which of the given name keys a Chinese text spells
// by its characters' readings. prefixes holds every key's leading
// syllables ("wei", "wei xiao"), so a reading that starts no key is
// dropped at once.
func (d *Dict) chineseNames(text string, keys, prefixes map[string]bool) []string {
	return d.chineseNamesBut(text, keys, prefixes, nil)
}

// chineseNamesBut is chineseNames leaving out the keys that skip says are
// no name where the characters span spells them.
func (d *Dict) chineseNamesBut(text string, keys, prefixes map[string]bool, skip func(key, span string) bool) []string {
	rs := []rune(text)
	var out []string
	for i := range rs {
		spelt := []string{""} // the readings of rs[i:i+n] that start a key
		for n := 1; i+n <= len(rs) && len(spelt) > 0; n++ {
			r := rs[i+n-1]
			if strings.ContainsRune(notInNames, r) {
				break
			}
			var next []string
			for _, c := range spelt {
				for _, py := range d.readings[r] {
					k := py
					if c != "" {
						k = c + " " + py
					}
					if prefixes[k] && len(next) < nameMaxReadings {
						next = append(next, k)
					}
					if n >= 2 && keys[k] && (skip == nil || !skip(k, string(rs[i:i+n]))) {
						out = append(out, k)
					}
				}
			}
			spelt = next
		}
	}
	return union(out, nil)
}

// namePrefixes lists the leading syllables of every key.
func namePrefixes(keys map[string]bool) map[string]bool {
	out := map[string]bool{}
	for k := range keys {
		for i, c := range k {
			if c == ' ' {
				out[k[:i]] = true
			}
		}
		out[k] = true
	}
	return out
}

// namesAcross gives each paragraph the names of the document's English
// found on its side, as anchors. A name the Chinese writes in Latin
// letters is an anchor already (a Latin word); a name whose syllables the
// Chinese spells in many more paragraphs than the English names it (de
// bian in 的编 and 的变 all over a text about Debian) is chance, and left
// out.
func namesAcross(zh, en []Paragraph, fz, fe []features, d *Dict) {
	if len(d.readings) == 0 {
		return
	}
	// a text that spells some names in Wade–Giles by their own words,
	// which the Chinese confirms (Lu Hsun ↔ 鲁迅, Mao Tse-tung ↔ 毛泽东),
	// spells the others so too (Kuan Yü ↔ 关羽)
	if confirmed := namesRead(zh, en, fz, fe, d, false); confirmed >= wgMinConfirmed {
		namesRead(zh, en, fz, fe, d, true)
	}
}

// namesRead is namesAcross with every name run read as Wade–Giles too
// (wgAll) or not; it tells how many of the names read as Wade–Giles by
// their own words the Chinese side holds.
func namesRead(zh, en []Paragraph, fz, fe []features, d *Dict, wgAll bool) (confirmed int) {
	latin := map[string]bool{} // Latin words of the Chinese side
	for _, f := range fz {
		for _, w := range f.anchors.words {
			latin[w] = true
		}
	}
	inEN := map[string]int{} // English paragraphs naming each key
	// the dictionary stems of the words each key is read from
	known := map[string][]int32{}
	by := func(key string, words []string) {
		for _, w := range words {
			if id, ok := d.stemID[stem(w)]; ok && len(w) >= 3 && !slices.Contains(known[key], id) {
				known[key] = append(known[key], id)
			}
		}
	}
	wgKeys := map[string]bool{}
	for j, p := range en {
		read, wk := d.englishNamesBy(p.Text, wgAll, by)
		for _, k := range wk {
			wgKeys[k] = true
		}
		var names []string
		for _, k := range read {
			if !latin[strings.ReplaceAll(k, " ", "")] {
				names = append(names, k)
			}
		}
		// one key for one name: "xing che" is part of "yang xing che"
		// (Yang Xingche), which a Chinese 羊行屮 matches both of
		names = slices.DeleteFunc(names, func(k string) bool {
			return slices.ContainsFunc(names, func(o string) bool {
				return len(o) > len(k) && strings.Contains(" "+o+" ", " "+k+" ")
			})
		})
		fe[j].anchors.names = names
		for _, k := range names {
			inEN[k]++
		}
	}
	if len(inEN) == 0 {
		return 0
	}
	keys := map[string]bool{}
	for k := range inEN {
		keys[k] = true
	}
	prefixes := namePrefixes(keys)
	// a name the dictionary has as a word, glossed by the English words
	// (青海 ↔ Qinghai, 习近平 ↔ Xi Jinping), is its evidence already
	translated := func(key, span string) bool {
		return slices.ContainsFunc(known[key], func(id int32) bool {
			_, in := slices.BinarySearch(d.words[span], id)
			return in
		})
	}
	inZH := map[string]int{}
	for i, p := range zh {
		fz[i].anchors.names = d.chineseNamesBut(p.Text, keys, prefixes, translated)
		for _, k := range fz[i].anchors.names {
			inZH[k]++
		}
	}
	// a name held on both sides, not spelt by chance far more often in the
	// Chinese than the English names it
	held := func(k string) bool { return inZH[k] > 0 && inZH[k] <= 2*inEN[k]+2 }
	kept := func(names []string) []string {
		var out []string
		for _, k := range names {
			if held(k) {
				out = append(out, k)
			}
		}
		return out
	}
	for i := range fz {
		fz[i].anchors.names = kept(fz[i].anchors.names)
	}
	for j := range fe {
		fe[j].anchors.names = kept(fe[j].anchors.names)
	}
	for k := range wgKeys {
		if held(k) {
			confirmed++
		}
	}
	return confirmed
}

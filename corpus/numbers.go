package corpus

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Anchors: the numbers, Latin words and section numbers a paragraph and
// its translation share.

var (
	zhNumber = regexp.MustCompile(`([0-9]+(?:[.,][0-9]+)*)\s*(万|萬|亿|億|%|％)?`)
	enNumber = regexp.MustCompile(`(?i)([0-9]+(?:[.,][0-9]+)*)\s*(%|percent|thousand|million|billion)?`)
	latin    = regexp.MustCompile(`[A-Za-z][A-Za-z0-9]+|[0-9]+[A-Za-z]+`)
)

var multiplier = map[string]float64{
	"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "thousand": 1e3, "million": 1e6, "billion": 1e9,
}

// anchors are what a paragraph and its translation share whatever the
// language, as sorted lists.
type anchors struct {
	nums  []string // numbers as values, so 9.1万 and 91,000 meet; below 10 they are too common
	words []string // Latin words, lower-cased: names, acronyms, handles, URLs
	names []string // Chinese names in Latin letters, as syllables ("wei xiao bao"): see namesAcross
	arts  []int    // the numbers of the statute articles it holds (第十五条 …, Article 15 …)
	spelt []string // numbers spelt in words or Chinese numerals (thirty, 三十), of 10 at least: no anchors, but not missed
	// the number it begins with (3. …, 三、…, III. …), 0 for none; a
	// numbered heading pairs with an item of this number
	section int
}

// anchorsOf collects a paragraph's anchors.
func anchorsOf(text string, lang Lang) anchors {
	var a anchors
	re := enNumber
	if lang == ZH {
		re = zhNumber
	}
	for _, m := range re.FindAllStringSubmatch(text, -1) {
		digits := strings.ReplaceAll(m[1], ",", "")
		v, err := strconv.ParseFloat(digits, 64)
		if err != nil {
			continue
		}
		unit := strings.ToLower(m[2])
		switch unit {
		case "%", "％", "percent":
			a.nums = append(a.nums, strconv.FormatFloat(v, 'g', 6, 64)+"%")
			continue
		}
		if f, ok := multiplier[unit]; ok {
			v *= f
		}
		if v >= 10 {
			a.nums = append(a.nums, strconv.FormatFloat(v, 'g', 6, 64))
		}
	}
	for _, w := range latin.FindAllString(text, -1) {
		a.words = append(a.words, strings.ToLower(w))
	}
	a.words = append(a.words, emojiOf(text)...)
	if n, ok := sectionNumber(text); ok {
		a.nums = append(a.nums, "§"+strconv.Itoa(n))
		a.section = n
	}
	if n, ok := articleNumber(text); ok {
		a.nums = append(a.nums, "art"+strconv.Itoa(n))
		a.arts = []int{n}
	}
	a.nums, a.words = union(nil, a.nums), union(nil, a.words)
	if lang == ZH {
		a.spelt = speltChinese(text)
	} else {
		a.spelt = speltEnglish(text)
	}
	return a
}

var sectionPrefix = regexp.MustCompile(`^\s*(?:第\s*)?([IVXLC]+|[0-9]{1,3}|[一二三四五六七八九十百零〇]+)\s*(?:[.．]\s|[.．]\p{Han}|[)、章节回卷篇]|部分)|^\s*[（(]([一二三四五六七八九十]+|[0-9]{1,3}|[a-z]|[ivx]{2,4})[)）]|^\s*第\s*([0-9]{1,3}|[一二三四五六七八九十百零〇]+)\s*部`)

// divisionPrefix is an English division's number: "Chapter III", "Part Two",
// "Section 4" (第三章, 第二部分, 第四节).
var divisionPrefix = regexp.MustCompile(`^\s*(?i:chapter|part|section|book|title|volume)\s+([IVXLC]+|[0-9]{1,3}|(?i:` + numberWordPattern + `))\b`)

// numberWordPattern matches an English number word from one to
// ninety-nine ("Chapter Twenty-One"), the longer words first.
var numberWordPattern = func() string {
	units := []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
	tens := "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
	return tens + "(?:[- ](?:" + strings.Join(units, "|") + "))?" +
		"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten|" + strings.Join(units, "|")
}()

// articlePrefix is an article's number: 第十五条 … / Article 15 ….
var articlePrefix = regexp.MustCompile(`^\s*(?:第\s*([一二三四五六七八九十百零〇]+|[0-9]{1,3})\s*条|(?i:article\s+|art\.\s*)([0-9]{1,3})\b)`)

// articleNumber reads the number of an article of a statute (第十五条 …,
// Article 15 …), so that an article and its translation meet as anchors.
func articleNumber(text string) (int, bool) {
	n, _ := articleAt(text)
	return n, n > 0
}

// articleAt reads an article's number and where it ends, or 0.
func articleAt(text string) (n, end int) {
	m := articlePrefix.FindStringSubmatchIndex(text)
	if m == nil {
		return 0, 0
	}
	var digits string
	if m[2] >= 0 {
		digits = text[m[2]:m[3]]
	} else {
		digits = text[m[4]:m[5]]
	}
	n, _ = number(digits)
	return n, m[1]
}

// sectionLabel is an English line that numbers its paragraph as a section
// ("Section 15", "Sec. 15", "§ 15"), and the number.
var sectionLabel = regexp.MustCompile(`^\s*(?:(?i:section|sec\.)\s*|§\s*)([0-9]{1,3})\b`)

// sectionsAsArticles is the English side with its sections read as
// articles ("Section 15" as "Article 15"), when the translation numbers
// the articles of the Chinese (第十五条, two at least) as sections and
// never as articles: Hong Kong's ordinances, and translations in the
// American manner, do. Where the English has articles too, a section is a
// division (第四节), as in most translations of the laws of the mainland.
// The paragraphs themselves when nothing is read anew.
func sectionsAsArticles(zh, en []Paragraph) []Paragraph {
	articles, sections := 0, 0
	for _, p := range zh {
		if articleStarts(p) {
			articles++
		}
	}
	for _, p := range en {
		if articleStarts(p) {
			return en
		}
		if sectionLabel.MatchString(p.Text) {
			sections++
		}
	}
	if articles < 2 || sections < 2 {
		return en
	}
	out := slices.Clone(en)
	for i, p := range out {
		if m := sectionLabel.FindStringSubmatchIndex(p.Text); m != nil {
			out[i].Text = "Article " + p.Text[m[2]:]
			out[i].Heading = IsHeading(out[i].Text, EN)
		}
	}
	return out
}

// articleLabel tells whether a line is only an article's number (第十五条,
// Article 15): the article's text follows on the next line.
func articleLabel(text string) bool {
	n, end := articleAt(text)
	return n > 0 && strings.Trim(text[end:], " \t\u3000.:：") == ""
}

// number reads a number written in digits, roman numerals, Chinese
// numerals or an English word up to ten.
func number(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n > 0
	}
	if n := roman(s); n > 0 {
		return n, true
	}
	if n := numberWord(strings.ToLower(s)); n > 0 {
		return n, true
	}
	n := chineseNumber(s)
	return n, n > 0
}

var numberWords = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

// numberWord reads an English number word up to ninety-nine (lower case;
// "twenty-one" or "twenty one"), or 0.
func numberWord(s string) int {
	if n, ok := numberWords[s]; ok {
		return n
	}
	tens, unit, ok := strings.Cut(strings.ReplaceAll(s, " ", "-"), "-")
	t, u := numberWords[tens], numberWords[unit]
	if !ok || t < 20 || t%10 != 0 || u == 0 || u > 9 {
		return 0
	}
	return t + u
}

// sectionNumber reads the number of a numbered heading (I., 3., 一、, 第三章,
// （三）), so that "一、…" and "I. …" meet as anchors.
func sectionNumber(text string) (int, bool) {
	m := sectionPrefix.FindStringSubmatch(text)
	if m == nil {
		// an English division: "Chapter III", "CHAPTER TWENTY-ONE"
		if d := divisionPrefix.FindStringSubmatch(text); d != nil {
			return number(d[1])
		}
		return 0, false
	}
	return number(itemLetter(m[1] + m[2] + m[3]))
}

// itemLetter reads an item's letter as its number in digits — (a) is the
// first item, (i), (v) and (x) and the like are roman numerals, which
// number sub-items — and gives back any other text as it is.
func itemLetter(s string) string {
	switch {
	case s == "":
		return s
	case strings.Trim(s, "ivx") == "":
		return strconv.Itoa(roman(strings.ToUpper(s)))
	case len(s) == 1 && s[0] >= 'a' && s[0] <= 'z':
		return strconv.Itoa(int(s[0]-'a') + 1)
	}
	return s
}

func roman(s string) int {
	val := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100}
	n := 0
	for i := 0; i < len(s); i++ {
		v, ok := val[s[i]]
		if !ok {
			return 0
		}
		if i+1 < len(s) && val[s[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	return n
}

func chineseNumber(s string) int {
	digits := map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	n, cur := 0, 0
	for _, r := range s {
		switch r {
		case '十':
			if cur == 0 {
				cur = 1
			}
			n += cur * 10
			cur = 0
		case '百':
			if cur == 0 {
				cur = 1
			}
			n += cur * 100
			cur = 0
		default:
			d, ok := digits[r]
			if !ok {
				return 0
			}
			cur = d
		}
	}
	return n + cur
}

// union is the sorted, duplicate-free union of two lists.
func union[T cmp.Ordered](a, b []T) []T {
	out := append(append([]T(nil), a...), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// common counts the items two sorted, duplicate-free lists share.
func common[T cmp.Ordered](a, b []T) int {
	i, j, n := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// Number is a number found in a text: where it stands and its value, with
// 万/亿 and thousand/million/billion resolved and percentages marked, so
// that 9.1万 and 91,000, 57.4% and 57.4 percent, 2023年 and 2023 meet.
type Number struct {
	Start, End int
	Value      string
}

// Numbers lists the numbers of a text in the given language.
func Numbers(text string, lang Lang) []Number {
	re := enNumber
	if lang == ZH {
		re = zhNumber
	}
	var out []Number
	for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
		digits := strings.ReplaceAll(text[m[2]:m[3]], ",", "")
		v, err := strconv.ParseFloat(digits, 64)
		if err != nil {
			continue
		}
		val := strconv.FormatFloat(v, 'g', 8, 64)
		end := m[3]
		if m[4] >= 0 {
			unit := strings.ToLower(text[m[4]:m[5]])
			switch unit {
			case "%", "％", "percent":
				val += "%"
			default:
				if f, ok := multiplier[unit]; ok {
					val = strconv.FormatFloat(v*f, 'g', 8, 64)
				}
			}
			end = m[5]
		}
		out = append(out, Number{Start: m[2], End: end, Value: val})
	}
	return out
}

// emojiOf lists the emoji of a text: a translation keeps them as they are
// (a post's 😂, a chat's 🙏), so they are anchors as Latin words are. Skin
// tones, joiners and variation selectors are left out (🤦‍♀️ is 🤦 and ♀).
func emojiOf(text string) []string {
	var out []string
	for _, r := range text {
		if isEmoji(r) {
			out = append(out, string(r))
		}
	}
	return out
}

// isEmoji reports whether r is a pictograph of the emoji blocks.
func isEmoji(r rune) bool {
	switch {
	case r >= 0x1F3FB && r <= 0x1F3FF: // skin tones
		return false
	case r >= 0x1F000 && r <= 0x1FAFF, r >= 0x2600 && r <= 0x27BF:
		return true
	}
	return false
}

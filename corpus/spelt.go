package corpus

import (
	"strconv"
	"strings"
	"unicode"
)

// Numbers spelt in words: a translation writes 30岁 as "thirty", "ten
// dollars" as 10美元, 三年 as "3 years". Such a number is no anchor (三 and
// "one" are everywhere), but a pair whose other side spells a number does
// not miss it.

// speltEnglish lists the numbers an English text spells in words ("ten",
// "twenty-five", "a hundred and eight", "five thousand"), of at least 10,
// as anchorsOf writes numbers.
func speltEnglish(text string) []string {
	var r wordNumbers
	prev := ""
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
		r.word(w, prev)
		prev = w
	}
	r.flush()
	return union(nil, r.out)
}

// wordNumbers reads numbers spelt in English words, a word at a time.
type wordNumbers struct {
	total, cur int // the value read so far: what the scales above a hundred took, and the rest
	in         bool
	out        []string
}

// word reads the next word; prev is the word before it.
func (r *wordNumbers) word(w, prev string) {
	switch n, scale := numberWord(w), scaleOf(w); {
	case n > 0:
		if r.in && r.cur%100 != 0 && (n >= 10 || r.cur%10 != 0) {
			r.flush() // "ten twenty", "three four": two numbers ("twenty one" is one)
		}
		r.cur += n
		r.in = true
	case scale > 0 && (r.in || prev == "a" || prev == "one"):
		r.cur = max(r.cur, 1)
		if scale == 100 {
			r.cur *= 100
		} else {
			r.total += r.cur * scale
			r.cur = 0
		}
		r.in = true
	case w == "and" && r.in:
	default:
		r.flush()
	}
}

// flush ends the number being read, keeping it when it is 10 or more.
func (r *wordNumbers) flush() {
	if v := r.total + r.cur; r.in && v >= 10 {
		r.out = append(r.out, strconv.Itoa(v))
	}
	r.total, r.cur, r.in = 0, 0, false
}

// speltChinese lists the numbers a Chinese text writes in numerals
// (三十, 一百零八, 两千), of at least 10, as anchorsOf writes numbers.
func speltChinese(text string) []string {
	var out []string
	rs := []rune(text)
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && strings.ContainsRune("零〇一二两三四五六七八九十百千万", rs[j]) {
			j++
		}
		if j == i {
			i++
			continue
		}
		if v := chineseValue(string(rs[i:j])); v >= 10 {
			out = append(out, strconv.Itoa(v))
		}
		i = j
	}
	return union(nil, out)
}

// chineseValue reads Chinese numerals up to the ten thousands (两 is 2), or
// 0.
func chineseValue(s string) int {
	s = strings.ReplaceAll(s, "两", "二")
	total := 0
	if a, b, ok := strings.Cut(s, "万"); ok {
		hi := chineseThousands(a)
		if a != "" && hi == 0 {
			return 0
		}
		total, s = max(hi, 1)*10_000, b
	}
	return total + chineseThousands(s)
}

// chineseThousands reads Chinese numerals below ten thousand (一千零八), or 0.
func chineseThousands(s string) int {
	if a, b, ok := strings.Cut(s, "千"); ok {
		hi := chineseNumber(a)
		if a != "" && hi == 0 {
			return 0
		}
		return max(hi, 1)*1_000 + chineseNumber(strings.TrimLeft(b, "零〇"))
	}
	return chineseNumber(strings.TrimLeft(s, "零〇"))
}

// scaleOf is what an English word multiplies the number before it by
// (hundred, and the thousand, million and billion anchorsOf reads after
// digits), or 0.
func scaleOf(w string) int {
	if w == "hundred" {
		return 100
	}
	if w == "万" || w == "萬" || w == "亿" || w == "億" { // multiplier's Chinese units, not English words
		return 0
	}
	return int(multiplier[w])
}

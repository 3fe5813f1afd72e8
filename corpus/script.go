package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// isHan reports whether r is a Chinese character (CJK ideograph).
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// IsHan reports whether r is a Chinese character (CJK ideograph).
func IsHan(r rune) bool { return isHan(r) }

// DetectLang tells the language of a paragraph from its script: Chinese when
// Chinese characters make up at least a fifth of its letters (Chinese text
// often carries Latin names, acronyms and numbers), English when it has
// letters and no more Chinese than that, and ok=false when it has no letters at
// all (a line of numbers or punctuation).
func DetectLang(s string) (lang Lang, ok bool) {
	han, latin := 0, 0
	for _, r := range s {
		switch {
		case isHan(r):
			han++
		case unicode.IsLetter(r):
			latin++
		}
	}
	switch {
	case han == 0 && latin == 0:
		return "", false
	case han*5 >= han+latin || han >= 4 && han*2 >= latin/4:
		return ZH, true
	default:
		return EN, true
	}
}

var (
	romanHeading   = regexp.MustCompile(`^(?:[IVXLC]+|[0-9]{1,2}|[A-Z])\s*[.)、]\s*\S`)
	chineseHeading = regexp.MustCompile(`^(?:第?[一二三四五六七八九十百零〇]+[、.．章节回卷篇部分]|第[0-9０-９]{1,4}[章节回卷篇部]|[（(][一二三四五六七八九十]+[)）])`)
)

// sentence-final punctuation in either language
const finalPunct = "。！？；.!?;:：…\"”'’)）」』"

// what ends an item of a numbered list (or a sentence), not a heading
const itemFinal = "。；;，,：:！？!?."

// numberedHeading reports whether s starts like a numbered section heading.
func numberedHeading(s string) bool {
	s = strings.TrimSpace(s)
	// "Chapter III …", "Part Two …", "Section 4 …": the divisions 第三章,
	// 第二部分, 第四节 translate to (an article, 第五条 / Article 5, is text)
	return romanHeading.MatchString(s) || chineseHeading.MatchString(s) || divisionPrefix.MatchString(s)
}

// IsHeading reports whether a paragraph reads as a heading or title: a
// numbered section line ("I. …", "一、…", "（三）…") that is not a long
// sentence, or a short line that does not end like a sentence.
func IsHeading(s string, lang Lang) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	n := utf8.RuneCountInString(s)
	limit := 30 // runes; Chinese headings are short
	if lang == EN {
		limit = 120
	}
	if n > limit {
		return false
	}
	if lang == ZH {
		// Traditional characters read as Simplified (第十五條, 第二節 總則)
		s = strings.Map(Simplified, s)
	}
	if articleLabel(s) {
		// "Article 15" on a line of its own begins the article's text, as
		// 第十五条 … does on one line: part of it, not a heading
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if numberedHeading(s) {
		// a numbered line ending like an item or a sentence （一）…；
		// (1) …; 1. ….  is an item of a list, not a heading
		return !strings.ContainsRune(itemFinal, last)
	}
	if strings.ContainsRune(finalPunct, last) {
		return false
	}
	// a short English line without final punctuation is a heading only when it
	// is short enough not to be a clipped sentence
	if lang == EN && n > 80 {
		return false
	}
	return !strings.ContainsAny(s, "。，,")
}

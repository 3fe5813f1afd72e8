package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lists inside one paragraph against lists a line an item. A statute's
// article may hold its items in its own paragraph on one side
// (…下列权利：（一）商标专用权；（二）著作权；（三）专利权。) and give each item
// a line of its own on the other ((1) exclusive rights to use trademarks;
// …). The paragraph settings have no bead for an article and all its
// items, so before aligning, the side with the items on lines of their
// own has each run of them joined to the line before it, and the path is
// given back in the document's own lines.

// itemMark is a list item's number: （一）, (1), (a), (iv).
var itemMark = regexp.MustCompile(`[（(](?:[一二三四五六七八九十]{1,3}|[0-9]{1,2}|[a-z]|[ivx]{2,4})[)）]`)

// itemLine tells whether a paragraph is an item of a list: it begins with
// an item's number and is not a heading.
func itemLine(p Paragraph) bool {
	loc := itemMark.FindStringIndex(strings.TrimSpace(p.Text))
	return loc != nil && loc[0] == 0 && !p.Heading
}

// inlineItems counts the paragraphs that hold at least two items of a list
// after their start, and the paragraphs that are items.
func inlineItems(ps []Paragraph) (inline, lines int) {
	for _, p := range ps {
		if itemLine(p) {
			lines++
			continue
		}
		if !strings.ContainsAny(p.Text, "(（") {
			continue // most paragraphs: no need to run the pattern
		}
		n := 0
		for _, loc := range itemMark.FindAllStringIndex(p.Text, -1) {
			// an item's number, not a reference (Article 5(1)) or a
			// word's plural (file(s))
			if r, _ := utf8.DecodeLastRuneInString(p.Text[:loc[0]]); loc[0] > 0 && !unicode.IsLetter(r) && !unicode.IsDigit(r) || isHan(r) {
				n++
			}
		}
		if n >= 2 {
			inline++
		}
	}
	return inline, lines
}

// joinRuns joins, on one side, runs of lines the other side holds in one
// (joinsOf says which): item lines to the line before them, a division's
// title to its bare number (第一章, then 总则), an article's further
// paragraphs to its first and, one sentence a line, a speech tag to its
// quotation. It returns the lines to align and, for each side joined,
// which of the document's lines each holds (nil when nothing was joined).
func joinRuns(zh, en []Paragraph, sentences bool) (zj, ej []Paragraph, zmap, emap [][]int) {
	zJoins, eJoins := joinsOf(zh, en, ZH, EN, sentences), joinsOf(en, zh, EN, ZH, sentences)
	zj, ej = zh, en
	if zJoins.any() {
		zj, zmap = joinLines(zh, "", zJoins, ZH)
	}
	if eJoins.any() {
		ej, emap = joinLines(en, " ", eJoins, EN)
	}
	return zj, ej, zmap, emap
}

// joinsOf tells what to join on the side ps (in language lang), the other
// side being other (in otherLang): item lines when the other side holds
// its lists inside paragraphs, titles to bare division numbers when the
// other side has none, an article's further paragraphs when the other
// side runs each article into one, and, one sentence a line, speech tags
// on lines of their own (three at least) when the other side keeps its
// tags inline.
func joinsOf(ps, other []Paragraph, lang, otherLang Lang, sentences bool) joins {
	_, lines := inlineItems(ps)
	otherIn, otherLines := inlineItems(other)
	further, _ := articleParagraphs(ps)
	otherFurther, otherArticles := articleParagraphs(other)
	j := joins{
		items:     otherIn >= 1 && otherLines == 0 && lines >= 2,
		divisions: bareDivisions(ps) > 0 && bareDivisions(other) == 0,
		articles:  further >= 2 && otherFurther == 0 && otherArticles >= 2,
	}
	if sentences {
		tagLines, _ := countSpeechTags(ps, lang)
		otherLines, otherInline := countSpeechTags(other, otherLang)
		j.tags = tagLines >= 3 && otherInline*2 >= tagLines && otherLines*2 < tagLines
	}
	return j
}

func (j joins) any() bool { return j.items || j.divisions || j.articles || j.tags }

// articleParagraphs counts a statute's articles (第十五条 …, Article 15 …)
// and the further paragraphs of its articles (an article's second and
// third 款, its items): the lines after an article's first, up to the next
// article or heading. One translation gives each of an article's
// paragraphs a line, another runs them into one.
func articleParagraphs(ps []Paragraph) (further, articles int) {
	in := false
	for _, p := range ps {
		switch {
		case articleStarts(p):
			articles++
			in = true
		case p.Heading:
			in = false
		case in:
			further++
		}
	}
	return further, articles
}

// articleStarts tells whether a paragraph begins an article.
func articleStarts(p Paragraph) bool {
	n, _ := articleAt(p.Text)
	return n > 0
}

// maxTitleLines is the most lines a division's title is joined from: a
// novel's chapter title is often a couplet (CHAPTER 1 / Zhen Shi-yin makes
// … / And Jia Yu-cun finds …).
const maxTitleLines = 2

// joins says what joinLines joins.
type joins struct {
	items     bool // item lines to the line before them
	divisions bool // a division's title to its bare number
	articles  bool // an article's further paragraphs to its first
	tags      bool // a speech tag on a line of its own to its quotation (tagLine)
}

// bareDivision tells whether a paragraph is only a division's number
// (第一章, Chapter I, Part Two), its title on the next line.
func bareDivision(p Paragraph) bool {
	t := strings.TrimSpace(p.Text)
	for _, re := range []*regexp.Regexp{chineseHeading, divisionPrefix} {
		if loc := re.FindStringIndex(t); loc != nil && loc[0] == 0 && strings.TrimSpace(t[loc[1]:]) == "" {
			return true
		}
	}
	return false
}

func bareDivisions(ps []Paragraph) int {
	n := 0
	for _, p := range ps {
		if bareDivision(p) {
			n++
		}
	}
	return n
}

// joinLines joins item lines to the line before them, a division's title
// to its bare number, an article's further paragraphs to its first and a
// speech tag to its quotation, as j says.
func joinLines(ps []Paragraph, sep string, j joins, lang Lang) ([]Paragraph, [][]int) {
	var out []Paragraph
	var of [][]int
	for k, p := range ps {
		last := len(out) - 1
		switch {
		case last >= 0 && j.items && itemLine(p):
			out[last].Text += sep + p.Text
			out[last].Heading = false
		case last >= 0 && j.articles && !p.Heading && !articleStarts(p) && articleStarts(ps[of[last][0]]):
			out[last].Text += sep + p.Text
		case last >= 0 && j.tags && len(of[last]) == 1 && tagLine(ps[k-1], p, lang):
			out[last].Text += sep + p.Text
		case last >= 0 && j.divisions && bareDivision(ps[of[last][0]]) && len(of[last]) <= maxTitleLines && of[last][len(of[last])-1] == k-1 && p.Heading && !numberedHeading(p.Text):
			out[last].Text += " " + p.Text
			out[last].Heading = IsHeading(out[last].Text, lang)
		default:
			out = append(out, p)
			of = append(of, []int{k})
			continue
		}
		of[last] = append(of[last], k)
	}
	return out, of
}

// expandSteps gives a path over joined paragraphs in the document's own
// lines.
func expandSteps(path []step, zmap, emap [][]int) []step {
	expand := func(idx []int, m [][]int) []int {
		if m == nil {
			return idx
		}
		var out []int
		for _, i := range idx {
			out = append(out, m[i]...)
		}
		return out
	}
	for k := range path {
		path[k].zh = expand(path[k].zh, zmap)
		path[k].en = expand(path[k].en, emap)
	}
	return path
}

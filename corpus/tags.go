package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Speech tags cut by one splitter and not the other. A novel's two sides
// are often cut into sentences by different splitters: one keeps a speech
// tag with its quotation (“你好。”他说。, "Where?" she asked.), the other
// gives it a line of its own (“你好。” / 他说。). Aligned as they are, the
// tag line needs a bead shape of its own (3–2), or goes with the wrong
// neighbour. So, one sentence a line, when one side has tag lines and the
// other keeps its tags inline, the tag lines are joined to their
// quotations for the alignment, and the path is given back in the
// document's own lines (as joinItemLists does for lists).

// closingQuotes end a quotation.
const closingQuotes = "”」』\"’"

// tagLine tells whether p is a speech tag on a line of its own: a short
// line of narration right after a line that ends with a closing quote.
func tagLine(prev, p Paragraph, lang Lang) bool {
	if p.Heading || prev.Heading {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(prev.Text))
	first, _ := utf8.DecodeRuneInString(p.Text)
	if !strings.ContainsRune(closingQuotes, last) || strings.ContainsRune("“「『\"‘'", first) {
		return false
	}
	return isTag(p.Text, lang)
}

// isTag tells whether a short text of narration says who speaks: a few
// words holding a verb of speech (他说。, 尼西忍不住问道。, Tenuk stuttered.).
func isTag(t string, lang Lang) bool {
	if lang == ZH {
		return utf8.RuneCountInString(t) <= 12 && strings.ContainsAny(t, "说道问答喊叫嚷")
	}
	words := strings.FieldsFunc(strings.ToLower(t), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
	if len(words) > 6 {
		return false
	}
	for _, w := range words {
		if speechVerbs[w] {
			return true
		}
	}
	return false
}

// speechVerbs are the English verbs of a speech tag.
var speechVerbs = map[string]bool{}

func init() {
	for _, v := range strings.Fields(`say said says ask asked asks reply replied replies answer answered answers
		shout shouted shouts cry cried cries whisper whispered whispers mutter muttered mutters murmur murmured
		stutter stuttered stammer stammered exclaim exclaimed call called add added continue continued laugh
		laughed sigh sighed yell yelled scream screamed snap snapped groan groaned growl growled hiss hissed
		insist insisted demand demanded protest protested explain explained tell told suggest suggested
		retort retorted chuckle chuckled sneer sneered gasp gasped pleaded plead begged beg repeated repeat
		whimpered sobbed spat barked roared interrupted agreed admitted declared announced`) {
		speechVerbs[v] = true
	}
}

// inlineTag tells whether a line holds a quotation followed by a short
// tag of narration (“你好。”他说。, "Where?" she asked.).
func inlineTag(p Paragraph, lang Lang) bool {
	t := strings.TrimSpace(p.Text)
	k := strings.LastIndexAny(t, closingQuotes)
	if k <= 0 || k == len(t)-1 {
		return false
	}
	_, size := utf8.DecodeRuneInString(t[k:])
	tail := strings.TrimSpace(t[k+size:])
	if tail == "" || strings.ContainsAny(tail, "“「『\"‘") {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(tail); !unicode.IsLetter(r) {
		return false // …” (3) or a closing bracket: no tag
	}
	return isTag(tail, lang)
}

// joinSpeechTags joins, on a side with speech tags on lines of their own
// while the other side keeps its tags inline, each tag line to the line
// before it. It returns the lines to align and which of the given lines
// each holds (nil when nothing was joined).
func joinSpeechTags(zh, en []Paragraph) (zj, ej []Paragraph, zmap, emap [][]int) {
	count := func(ps []Paragraph, lang Lang) (lines, inline int) {
		for k, p := range ps {
			if k > 0 && tagLine(ps[k-1], p, lang) {
				lines++
			} else if inlineTag(p, lang) {
				inline++
			}
		}
		return lines, inline
	}
	zLines, zInline := count(zh, ZH)
	eLines, eInline := count(en, EN)
	zj, ej = zh, en
	if zLines >= 3 && eInline*2 >= zLines && eLines*2 < zLines {
		zj, zmap = joinTags(zh, "", ZH)
	}
	if eLines >= 3 && zInline*2 >= eLines && zLines*2 < eLines {
		ej, emap = joinTags(en, " ", EN)
	}
	return zj, ej, zmap, emap
}

// joinTags joins each speech tag line to the line before it.
func joinTags(ps []Paragraph, sep string, lang Lang) ([]Paragraph, [][]int) {
	var out []Paragraph
	var of [][]int
	for k, p := range ps {
		if last := len(out) - 1; last >= 0 && len(of[last]) == 1 && tagLine(ps[k-1], p, lang) {
			out[last].Text += sep + p.Text
			of[last] = append(of[last], k)
			continue
		}
		out = append(out, p)
		of = append(of, []int{k})
	}
	return out, of
}

// composeMaps gives, for each line joined by a second pass (second), the
// document's lines it holds, through the first pass's map (nil: no join).
func composeMaps(first, second [][]int) [][]int {
	if second == nil {
		return first
	}
	if first == nil {
		return second
	}
	out := make([][]int, len(second))
	for k, idx := range second {
		for _, i := range idx {
			out[k] = append(out[k], first[i]...)
		}
	}
	return out
}

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
// document's own lines (joinRuns, as for lists).

// closingQuotes end a quotation, openingQuotes begin one.
const (
	closingQuotes = "”」』\"’"
	openingQuotes = "“「『\"‘"
)

// tagLine tells whether p is a speech tag on a line of its own: a short
// line of narration right after a line that ends with a closing quote.
func tagLine(prev, p Paragraph, lang Lang) bool {
	if p.Heading || prev.Heading {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(prev.Text))
	first, _ := utf8.DecodeRuneInString(p.Text)
	if !strings.ContainsRune(closingQuotes, last) || strings.ContainsRune(openingQuotes+"'", first) {
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
	if tail == "" || strings.ContainsAny(tail, openingQuotes) {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(tail); !unicode.IsLetter(r) {
		return false // …” (3) or a closing bracket: no tag
	}
	return isTag(tail, lang)
}

// countSpeechTags counts a side's speech tags on lines of their own and its
// lines that hold a quotation with its tag.
func countSpeechTags(ps []Paragraph, lang Lang) (lines, inline int) {
	for k, p := range ps {
		if k > 0 && tagLine(ps[k-1], p, lang) {
			lines++
		} else if inlineTag(p, lang) {
			inline++
		}
	}
	return lines, inline
}

package corpus

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxParagraph is the most a unit's side may hold, in bytes: a longer
// paragraph (a whole book on one line, say) is split at sentence
// boundaries into units of at most this size, so that the time and memory
// one paragraph costs stay bounded whatever a file holds.
const MaxParagraph = 8 << 10

// MaxLine is the longest line the line-based readers take (TSV, CSV,
// JSONL, text): a longer one is refused with its file and line.
const MaxLine = 64 << 20

// SplitLong splits the units with a side longer than MaxParagraph. An
// unpaired paragraph is cut at sentence boundaries; a pair is cut on both
// sides at the sentence boundaries nearest to the same share of each, so
// each part pairs what translates it as far as the sentence lengths tell.
// The parts keep the unit's section and confidence; units are renumbered.
func SplitLong(units []Unit) []Unit {
	long := false
	for _, u := range units {
		long = long || len(u.ZH) > MaxParagraph || len(u.EN) > MaxParagraph
	}
	if !long {
		return units
	}
	var out []Unit
	for _, u := range units {
		if len(u.ZH) <= MaxParagraph && len(u.EN) <= MaxParagraph {
			out = append(out, u)
			continue
		}
		k := max((len(u.ZH)+MaxParagraph-1)/MaxParagraph, (len(u.EN)+MaxParagraph-1)/MaxParagraph)
		zh, en := cutInto(u.ZH, ZH, k), cutInto(u.EN, EN, k)
		for i := 0; i < k; i++ {
			p := Unit{Section: u.Section, Score: u.Score}
			if i < len(zh) {
				p.ZH = zh[i]
			}
			if i < len(en) {
				p.EN = en[i]
			}
			if p.ZH == "" && p.EN == "" {
				continue
			}
			if !p.Paired() {
				p.Score = 0
			}
			out = append(out, p)
		}
	}
	for i := range out {
		out[i].Seq = i
	}
	return out
}

// cutInto cuts text into k parts of about equal length at sentence
// boundaries (or, for a sentence longer than MaxParagraph, at a space or a
// character boundary), none longer than MaxParagraph.
func cutInto(text string, lang Lang, k int) []string {
	if text == "" {
		return nil
	}
	if k <= 1 && len(text) <= MaxParagraph {
		return []string{text}
	}
	// the sentence ends are where a cut may go
	var ends []int
	for _, s := range Sentences(text, lang) {
		ends = append(ends, s.End)
	}
	var out []string
	start := 0
	for i := 1; i <= k && start < len(text); i++ {
		target := len(text) * i / k
		if i == k {
			target = len(text)
		}
		end := target
		// the sentence end nearest the target that keeps the part short enough
		best := -1
		for _, e := range ends {
			if e <= start || e-start > MaxParagraph {
				continue
			}
			if best < 0 || absInt(e-target) < absInt(best-target) {
				best = e
			}
		}
		switch {
		case i == k && len(text)-start <= MaxParagraph:
			end = len(text)
		case best > 0:
			end = best
		default:
			end = hardCut(text, start, min(len(text), start+MaxParagraph))
		}
		if part := strings.TrimSpace(text[start:end]); part != "" {
			out = append(out, part)
		}
		start = end
	}
	// whatever is left (the parts came out shorter than planned)
	for start < len(text) {
		end := hardCut(text, start, min(len(text), start+MaxParagraph))
		if part := strings.TrimSpace(text[start:end]); part != "" {
			out = append(out, part)
		}
		start = end
	}
	return out
}

// hardCut is where to cut text[start:limit] when no sentence ends in it: the
// last space, else the last character boundary.
func hardCut(text string, start, limit int) int {
	if limit >= len(text) {
		return len(text)
	}
	if i := strings.LastIndexAny(text[start:limit], " \t\n"); i > 0 {
		return start + i + 1
	}
	for limit > start && !utf8.RuneStart(text[limit]) {
		limit--
	}
	if limit == start {
		return start + 1
	}
	return limit
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// checkLines refuses a text with a line longer than MaxLine, naming it.
func checkLines(name, text string) error {
	line, start := 1, 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == '\n' {
			if i-start > MaxLine {
				return fmt.Errorf("%s:%d: the line is %d MB long, over the %d MB a line may have; split it into paragraphs", name, line, (i-start)>>20, MaxLine>>20)
			}
			line, start = line+1, i+1
		}
	}
	return nil
}

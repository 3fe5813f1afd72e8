package reading

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/corpus"
)

// The words that translate a query are found in the sentences aligned with
// a matched sentence, by evidence: CC-CEDICT glosses, the corpus's learned
// associations, numbers of the same value. A word is marked only when the
// query explains it at least as well as any other word of the matched
// sentences does ("Guangdong" beside 知识产权 is the translation of the 广东
// next to it, not of the query); words that run together, or apart by one
// small word (rule of law), are one mark; and a Chinese term whose last (or
// first) word found no translation takes the English word right after (or
// before) its mark, when nothing else claims it (惩罚性赔偿 → "punitive
// damages" when the dictionary knows only "punitive").

// dictScore is the evidence a dictionary gives: a gloss stem in common.
const dictScore = 1.0

// connectors may stand inside a marked English phrase.
var connectors = map[string]bool{"of": true, "and": true, "for": true, "the": true, "on": true, "in": true, "to": true}

// zhWord is a word of a Chinese sentence and what it may translate to.
type zhWord struct {
	start, end int
	text       string  // folded
	stems      []int32 // dictionary gloss stems
	heads      []int32 // of the glosses proper
}

// chineseWords lists the dictionary words and gse words of two or more
// characters in text[lo:hi], outside the spans skip.
func (tr *Translations) chineseWords(text string, lo, hi int, skip []corpus.Span) []zhWord {
	part := text[lo:hi]
	var out []zhWord
	seen := map[[2]int]bool{}
	for _, w := range tr.d.Words(part) {
		s, e := lo+w.Start, lo+w.End
		if overlapsAny(s, e, skip) {
			continue
		}
		seen[[2]int{s, e}] = true
		out = append(out, zhWord{s, e, analysis.FoldString(text[s:e]), w.Stems, w.Heads})
	}
	if seg, err := analysis.Segmenter(); err == nil {
		for _, t := range analysis.Words(seg, part) {
			s, e := lo+t.Start, lo+t.End
			if t.Kind != analysis.KindHan || utf8.RuneCountInString(t.Term) < 2 || seen[[2]int{s, e}] || overlapsAny(s, e, skip) {
				continue
			}
			out = append(out, zhWord{s, e, t.Term, nil, nil})
		}
	}
	return out
}

func overlapsAny(s, e int, spans []corpus.Span) bool {
	for _, sp := range spans {
		if s < sp.End && sp.Start < e {
			return true
		}
	}
	return false
}

func hasID(ids []int32, set map[int32]bool) bool {
	for _, id := range ids {
		if set[id] {
			return true
		}
	}
	return false
}

// wordScore is how well a Chinese word explains an English word.
func (tr *Translations) wordScore(c zhWord, w corpus.EnglishWord) float64 {
	if id, ok := tr.d.StemID(w.Word); ok {
		for _, s := range c.stems {
			if s == id {
				return dictScore
			}
		}
	}
	return tr.as.Score(c.text, corpus.Stem(w.Word))
}

// termScore is how well a Chinese query term explains an English word.
func (tr *Translations) termScore(t zhTerm, w corpus.EnglishWord) float64 {
	if id, ok := tr.d.StemID(w.Word); ok && t.stems[id] {
		return dictScore
	}
	best := 0.0
	st := corpus.Stem(w.Word)
	for _, z := range t.words {
		best = max(best, tr.as.Score(z, st))
	}
	return max(best, tr.hits[st])
}

// Candidates lists the English stems a translated hit offers as the
// translation of the Chinese query terms: the content words of the
// sentences aligned with the matched ones that no other word of the
// matched sentences explains. Learn counts them over many hits.
func (tr *Translations) Candidates(zh, en Side, encoded string) []string {
	al, ok := corpus.DecodeSentenceAlignment(encoded)
	if !ok || len(tr.zh) == 0 || !spansFit(al.ZH, zh.Text) || !spansFit(al.EN, en.Text) {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, l := range al.Links {
		matched := false
		for _, i := range l.ZH {
			matched = matched || hasSpanIn(zh.Spans, al.ZH[i])
		}
		if !matched {
			continue
		}
		var rivals []zhWord
		for _, i := range l.ZH {
			rivals = append(rivals, tr.chineseWords(zh.Text, al.ZH[i].Start, al.ZH[i].End, zh.Spans)...)
		}
		for _, j := range l.EN {
			for _, w := range corpus.EnglishWordSpans(en.Text[al.EN[j].Start:al.EN[j].End]) {
				st := corpus.Stem(w.Word)
				if corpus.IsStopWord(w.Word) || seen[st] || len(analysis.EnglishTokens(w.Word)) == 0 {
					continue // a stop word says nothing
				}
				explained := false
				for _, c := range rivals {
					if tr.wordScore(c, w) >= dictScore {
						explained = true
						break
					}
				}
				if !explained {
					seen[st] = true
					out = append(out, st)
				}
			}
		}
	}
	return out
}

// Learn takes, from the hits of the query, the English stems that keep
// company with its Chinese term: found unexplained in a good share of the
// hits read (inHits of read) and rare elsewhere (corpus counts how often the
// stem occurs in the whole corpus), by Dice. The marks then use them too, so
// that a term the dictionary and the build-time associations miss (术语表 in
// a translation memory, where it is "glossary") is still found.
//
// pairs is how many translated units the corpus holds: the hits must be a
// small part of it for "rare elsewhere" to mean anything.
func (tr *Translations) Learn(inHits map[string]int, read, pairs int, corpus func(stem string) int) {
	if read < learnMinHits || read*learnMaxPart > pairs {
		return
	}
	tr.hits = map[string]float64{}
	for st, a := range inHits {
		if a < learnMinHits || float64(a) < learnMinShare*float64(read) {
			continue
		}
		d := 2 * float64(a) / float64(read+max(a, corpus(st)))
		if d >= learnMinDice {
			tr.hits[st] = d
		}
	}
}

// How much evidence the hits of a query must give.
const (
	learnMinHits  = 3
	learnMinShare = 0.2
	learnMinDice  = 0.15
	learnMaxPart  = 5 // the hits read are at most a fifth of the corpus's pairs
)

// englishFor marks, in the English sentences of link l, the words that
// translate the Chinese query terms matched in its Chinese sentences.
func (tr *Translations) englishFor(zh, en Side, al corpus.SentenceAlignment, l corpus.SentenceLink) []corpus.Span {
	m := &enMarker{tr: tr, text: en.Text}
	for _, i := range l.ZH {
		m.rivals = append(m.rivals, tr.chineseWords(zh.Text, al.ZH[i].Start, al.ZH[i].End, zh.Spans)...)
	}
	for _, j := range l.EN {
		for _, w := range corpus.EnglishWordSpans(en.Text[al.EN[j].Start:al.EN[j].End]) {
			w.Start += al.EN[j].Start
			w.End += al.EN[j].Start
			m.words = append(m.words, w)
		}
	}
	m.marked = make([]bool, len(m.words))
	var out []corpus.Span
	for _, t := range tr.zh {
		m.markTerm(t)
		out = append(out, numbersOf(t, en.Text, al, l)...)
	}
	return append(out, m.spans()...)
}

// enMarker marks the English words of a pair's sentences that translate
// the query's Chinese terms, against the other Chinese words of the
// sentences (the rivals).
type enMarker struct {
	tr     *Translations
	text   string
	words  []corpus.EnglishWord
	marked []bool
	rivals []zhWord
}

// claimed is how well the best rival explains w.
func (m *enMarker) claimed(w corpus.EnglishWord) float64 {
	best := 0.0
	for _, c := range m.rivals {
		best = max(best, m.tr.wordScore(c, w))
	}
	return best
}

// markTerm marks the words that t explains at least as well as any rival
// does; a last (first) dictionary word of the term with no translation
// found takes the word after (before) the mark, unclaimed.
func (m *enMarker) markTerm(t zhTerm) {
	var mine []int
	linked := make([]bool, len(t.parts))
	for k, w := range m.words {
		if corpus.IsStopWord(w.Word) {
			continue
		}
		q := m.tr.termScore(t, w)
		if q == 0 || m.claimed(w) > q {
			continue
		}
		m.marked[k] = true
		mine = append(mine, k)
		if id, ok := m.tr.d.StemID(w.Word); ok {
			for p, stems := range t.parts {
				linked[p] = linked[p] || slices.Contains(stems, id)
			}
		}
	}
	if len(mine) == 0 || len(t.parts) <= 1 && !t.bareHead && !t.bareTail {
		return
	}
	if !linked[len(t.parts)-1] || t.bareTail {
		m.extend(mine[len(mine)-1]+1, mine[len(mine)-1])
	}
	if !linked[0] || t.bareHead {
		m.extend(mine[0]-1, mine[0])
	}
}

// extend marks word k, next to the marked word from, when it is free: not
// marked, right beside it, no stop word, explained by no rival.
func (m *enMarker) extend(k, from int) {
	if k < 0 || k >= len(m.words) || m.marked[k] {
		return
	}
	a, b := min(k, from), max(k, from)
	if adjacent(m.text, m.words[a], m.words[b]) && !corpus.IsStopWord(m.words[k].Word) && m.claimed(m.words[k]) == 0 {
		m.marked[k] = true
	}
}

// spans are the marked words; one small word between two marks joins
// them (rule of law).
func (m *enMarker) spans() []corpus.Span {
	var out []corpus.Span
	words := m.words
	for k, w := range words {
		if !m.marked[k] {
			continue
		}
		out = append(out, corpus.Span{Start: w.Start, End: w.End})
		if k+2 < len(words) && m.marked[k+2] && !m.marked[k+1] && connectors[strings.ToLower(words[k+1].Word)] &&
			adjacent(m.text, w, words[k+1]) && adjacent(m.text, words[k+1], words[k+2]) {
			out = append(out, corpus.Span{Start: words[k+1].Start, End: words[k+1].End})
		}
	}
	return out
}

// numbersOf are the numbers of the link's English sentences with a value
// the term holds.
func numbersOf(t zhTerm, text string, al corpus.SentenceAlignment, l corpus.SentenceLink) []corpus.Span {
	var out []corpus.Span
	if len(t.nums) == 0 {
		return nil
	}
	for _, j := range l.EN {
		s := al.EN[j]
		for _, n := range corpus.Numbers(text[s.Start:s.End], corpus.EN) {
			if t.nums[n.Value] {
				out = append(out, corpus.Span{Start: s.Start + n.Start, End: s.Start + n.End})
			}
		}
	}
	return out
}

// adjacent reports whether two words of text stand apart by white space, a
// hyphen or an apostrophe only (one phrase).
func adjacent(text string, a, b corpus.EnglishWord) bool {
	if a.End > b.Start {
		return false
	}
	return strings.Trim(text[a.End:b.Start], " -’'\u00a0") == ""
}

// chineseFor marks, in the Chinese sentences of link l, the words that
// translate the English query terms matched in its English sentences.
func (tr *Translations) chineseFor(zh, en Side, al corpus.SentenceAlignment, l corpus.SentenceLink) []corpus.Span {
	var rivals []corpus.EnglishWord
	for _, j := range l.EN {
		for _, w := range corpus.EnglishWordSpans(en.Text[al.EN[j].Start:al.EN[j].End]) {
			w.Start += al.EN[j].Start
			w.End += al.EN[j].Start
			if !corpus.IsStopWord(w.Word) && !overlapsAny(w.Start, w.End, en.Spans) {
				rivals = append(rivals, w)
			}
		}
	}
	var out []corpus.Span
	for _, i := range l.ZH {
		s := al.ZH[i]
		cands := tr.chineseWords(zh.Text, s.Start, s.End, nil)
		for _, c := range cands {
			q := 0.0
			for _, t := range tr.en {
				if hasID(c.heads, t.ids) {
					q = dictScore
					break
				}
				for _, st := range t.stems {
					q = max(q, tr.as.Score(c.text, st))
				}
			}
			if q == 0 {
				continue
			}
			claimed := 0.0
			for _, r := range rivals {
				claimed = max(claimed, tr.wordScore(c, r))
			}
			if claimed > q {
				continue
			}
			out = append(out, corpus.Span{Start: c.start, End: c.end})
		}
		for _, t := range tr.en {
			if len(t.nums) == 0 {
				continue
			}
			for _, n := range corpus.Numbers(zh.Text[s.Start:s.End], corpus.ZH) {
				if t.nums[n.Value] {
					out = append(out, corpus.Span{Start: s.Start + n.Start, End: s.Start + n.End})
				}
			}
		}
	}
	return out
}

package corpus

import (
	"math"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"unicode/utf8"
)

// Alignment parameters. A pair is made only when its cost is lower than
// leaving both paragraphs unpaired, and kept only when its confidence reaches
// MinScore: a wrong translation is worse than none.
const (
	MinScore     = 0.6  // fit (a pair's score from its cost) below which a pair is undone
	lenSigma     = 0.40 // spread of log(length ratio) between true translations
	maxCells     = 1_000_000
	bandMin      = 100
	bandMax      = 1000 // a band wider than this …
	maxWiden     = 2    // … or widened more often costs time that grows faster than the text
	refineBand   = 40   // the band of a second pass (another length ratio, the learnt lexicon) around the first pass's path
	mergeCost    = 1.0  // extra cost of a 2–1 or 1–2 pair over a 1–1 pair
	gainWeight   = 12.0 // weight of the English a 2–1 pair's second paragraph leaves unexplained
	minGain      = 0.2  // share of the English a merged paragraph should explain
	revShare     = 0.4  // … unless this share of its own dictionary words has a gloss in the English that the other paragraph's do not give …
	revHitsMin   = 2    // … and this many at least (brings)
	dictWeight   = 12.0 // weight of the dictionary evidence
	dictMid      = 0.2  // dictionary evidence that neither favours nor disfavours a pair …
	midShare     = 0.3  // … or this share of the evidence of a document's confident pairs, when less (freeMid)
	midMin       = 0.05 // … but no less than this
	headingCost  = 1.5  // a line taken for a heading paired with one that is not
	articleCost  = 6.0  // a pair whose sides hold articles of different numbers
	openerBonus  = 1.0  // what a pair of sentence lines that open with the same connective saves
	askCost      = 1.0  // for each question mark one side of a pair of sentence lines holds more than the other
	orphanCost   = 1.0  // for each line of a merge of sentence lines that shares hardly a word with the other side (orphans), …
	orphanMax    = 3    // … and up to this many times that for a long one
	orphanZH     = 8    // … counted for a Chinese line of at least this many characters
	orphanEN     = 4    // … or an English line of at least this many dictionary words
	chanceZH     = 12   // a line must share a word more with the other side for each this many Chinese characters …
	chanceEN     = 5    // … and English dictionary words the two sides hold …
	chanceMax    = 2    // … up to this many more (unrelated)
	quoteCost    = 0.75 // for each quotation the two sides of a pair leave open differently
	speechCost   = 1.25 // for each quoted speech one side of a pair holds more, when both leave as many open (quoteCounts)
	crossCost    = 2.0  // for each paragraph a pair opens after its first line, on a side cut into sentences (alignMixed)
	runOnCost    = 2.0  // a pair whose English line runs on into the next (it ends with a comma) while its Chinese ends a sentence, or such a line left unpaired (runsOn)
	refineMargin = 3    // words a line must share more with the neighbouring pair to move there (refine)
	refineMin    = 3    // … and at least this many
)

// Align pairs a sequence of Chinese paragraphs with a sequence of English
// paragraphs (each in document order) into units: 1–1 pairs, 2–1 and 1–2
// merges, and paragraphs with no counterpart. It is a monotone dynamic
// programme over the cost of a pair — how far its length ratio lies from the
// document's own, less the evidence the two share: anchors (numbers, with
// 万/亿 and million/billion resolved; Latin words and acronyms) and the share
// of the English words that CC-CEDICT gives as translations of the Chinese
// words, above what unrelated paragraphs of the same document share —
// against the cost of leaving a paragraph unpaired. Headings pair only with
// headings. The length ratio is estimated from the document: a first pass
// with the overall ratio, a second with the median ratio of the confident
// pairs of the first.
func Align(zh, en []Paragraph) []Unit {
	units, _ := AlignLines(zh, en)
	return units
}

// AlignLines is Align, and tells how it read the lines: as sentences or as
// paragraphs.
func AlignLines(zh, en []Paragraph) ([]Unit, Granularity) {
	path, g := alignLines(zh, en)
	return unitsOf(path, zh, en), g
}

// alignSteps runs the aligner and returns its path: each step holds the
// indexes of the paragraphs it joins. Lines that are sentences (told from
// the lines, or as SetLines says) are aligned with the sentence priors. A
// list an item a line against lists inside paragraphs is aligned with the
// item lines joined to their lead line, and the like (joinRuns).
func alignSteps(zh, en []Paragraph) []step {
	path, _ := alignLines(zh, en)
	return path
}

// alignLines is alignSteps, and tells the granularity it read: the
// Chinese read as Simplified, an English that numbers articles as sections
// read as articles, then the granularity told from the lines.
func alignLines(zh, en []Paragraph) ([]step, Granularity) {
	zh = simplifiedParas(zh)
	en = sectionsAsArticles(zh, en)
	g := granularityOf(zh, en)
	return alignGranular(zh, en, g), g
}

// simplifiedParas is paragraphs with their Traditional characters read as
// Simplified (Simplified), for the dictionary, the lexicon and the
// patterns of structure to read them alike; the paragraphs themselves when
// none changes.
func simplifiedParas(ps []Paragraph) []Paragraph {
	var out []Paragraph
	for i, p := range ps {
		if s := strings.Map(Simplified, p.Text); s != p.Text {
			if out == nil {
				out = slices.Clone(ps)
			}
			out[i].Text = s
		}
	}
	if out == nil {
		return ps
	}
	return out
}

// alignGranular aligns lines of the granularity g.
func alignGranular(zh, en []Paragraph, g Granularity) []step {
	switch g {
	case LinesSentencesZH:
		return alignMixed(zh, en, false)
	case LinesSentencesEN:
		return alignMixed(zh, en, true)
	}
	return alignAs(zh, en, priorsFor(g))
}

// priorsFor gives the priors for lines of a granularity.
func priorsFor(g Granularity) priors {
	if g == LinesSentences {
		return sentencePriors
	}
	return paragraphPriors
}

// alignAs aligns with the given priors, the runs of lines joinRuns joins
// aligned joined and given back as the document's own lines.
func alignAs(zh, en []Paragraph, pr priors) []step {
	zj, ej, zmap, emap := joinRuns(zh, en, pr.tags)
	if zmap == nil && emap == nil {
		return alignWith(zh, en, pr)
	}
	return expandSteps(alignWith(zj, ej, pr), zmap, emap)
}

// Granularity is what the lines of a document hold, for the aligner.
type Granularity string

// The granularities of SetLines.
const (
	LinesAuto       Granularity = ""          // told from the lines themselves (the default)
	LinesParagraphs Granularity = "paragraph" // a line is a paragraph
	LinesSentences  Granularity = "sentence"  // a line is a sentence: 1–3, 3–1, 2–2, 1–4 and 4–1 beads, few lines left out
	// told from the lines only: one side a sentence a line, the other a
	// paragraph (alignMixed)
	LinesSentencesZH Granularity = "sentence-zh" // the Chinese sentences, the English paragraphs
	LinesSentencesEN Granularity = "sentence-en" // the English sentences, the Chinese paragraphs
)

var lines atomic.Value // Granularity

// SetLines makes the aligner take the lines of every document as
// paragraphs or as sentences, or tell them apart (LinesAuto, the default).
// The command line's -lines flag sets it.
func SetLines(g Granularity) { lines.Store(g) }

// Lines is the granularity SetLines set.
func Lines() Granularity {
	g, _ := lines.Load().(Granularity)
	return g
}

// fullSentences counts the sentences of a text as most splitters cut
// them: not after a semicolon, a closing quote (“……。”他说着，…; “Al!” I
// whispered) or an ellipsis, where ours cuts and others go on.
func fullSentences(text string, lang Lang) int {
	spans := Sentences(text, lang)
	n := len(spans)
	for _, sp := range spans[:max(0, n-1)] {
		t := strings.TrimRight(text[sp.Start:sp.End], " \t")
		bare := strings.TrimRight(t, closingQuotes)
		if bare != t || strings.HasSuffix(bare, "；") || strings.HasSuffix(bare, ";") || strings.HasSuffix(bare, "…") {
			n--
		}
	}
	return n
}

// granularityOf tells whether a document's lines are sentences: on each
// side at least 85% of the lines that are not headings hold one sentence
// (a paragraph of several sentences is rare in such files, and a file of
// paragraphs has many). When one side's are and the other's are not, and
// the sentence side has a fifth more lines at least, one side holds
// sentences and the other paragraphs (alignMixed).
func granularityOf(zh, en []Paragraph) Granularity {
	if g := Lines(); g != LinesAuto {
		return g
	}
	sz, se := oneSentenceALine(zh, ZH), oneSentenceALine(en, EN)
	switch {
	case sz && se:
		return LinesSentences
	// one side a sentence a line, the other a paragraph: the sentence side
	// has more lines (a fifth more at least; a file of sentences with a
	// few run together has about as many as the other side)
	case sz && 5*len(zh) >= 6*len(en) && len(en) >= 2:
		return LinesSentencesZH
	case se && 5*len(en) >= 6*len(zh) && len(zh) >= 2:
		return LinesSentencesEN
	}
	return LinesParagraphs
}

// oneSentenceALine reports whether at least 85 % of a side's lines (5 or
// more, headings aside) hold one sentence; it stops at the first line that
// settles it no, so a file of paragraphs costs a few lines.
func oneSentenceALine(ps []Paragraph, lang Lang) bool {
	n := 0
	for _, p := range ps {
		if !p.Heading {
			n++
		}
	}
	several := 0
	for _, p := range ps {
		// a quotation and its speech tag (“你好。”他说。) count as one,
		// and so do clauses a ； parts (a splitter that cuts at 。！？
		// alone leaves them on one line)
		if k := fullSentences(p.Text, lang); p.Heading || k <= 1 || k == 2 && inlineTag(p, lang) {
			continue
		}
		if several++; float64(several) > 0.15*float64(n) {
			return false
		}
	}
	return n >= 5
}

// priors are what the aligner expects of the text it aligns.
type priors struct {
	skip   float64 // cost of leaving one paragraph (or sentence) unpaired
	merge3 float64 // extra cost of a 3–1, 1–3 or 2–2 pair (4–1 and 1–4 pay mergeCost more); +Inf: none
	gain   bool    // a 2–1 pair's second paragraph must explain more of the English
	quotes bool    // a pair should open and close the same quotations on both sides
	weak   float64 // cost of a merge taking in a line taken for a heading without a number; +Inf: none
	asks   bool    // a pair should ask as many questions on both sides
	opener bool    // a pair opening with the same connective on both sides fits better
	orphan float64 // cost of each line of a merge that shares hardly a word with the other side
	tags   bool    // join speech tags on lines of their own when the other side keeps them inline (joinRuns)
	refine bool    // move a line between neighbouring pairs to the one whose other side holds more of its words
}

// Paragraphs of a translation are often left out and rarely come three to
// one; sentences inside a pair of translated paragraphs are seldom left out
// and often do (a long English sentence, three Chinese ones).
var (
	paragraphPriors = priors{skip: 1.75, merge3: math.Inf(1), gain: true, weak: 2.0}
	sentencePriors  = priors{skip: 2.5, merge3: 2.0, quotes: true, weak: 2.0, asks: true, opener: true, refine: true, orphan: orphanCost, tags: true}
)

// alignWith aligns with the given priors.
func alignWith(zh, en []Paragraph, pr priors) []step {
	merge3 := pr.merge3
	d := CEDICT()
	fz := make([]features, len(zh))
	fe := make([]features, len(en))
	for i, p := range zh {
		fz[i] = featuresOf(p, ZH, d)
		if pr.gain {
			fz[i].glossed = d.chineseWords(p.Text)
		}
	}
	for j, p := range en {
		fe[j] = featuresOf(p, EN, d)
	}
	namesAcross(zh, en, fz, fe, d)
	internAnchors(fz, fe)
	localStems(fz, fe)
	alike := quotesAlike(zh, en)
	a := aligner{fz: fz, fe: fe, merge3: merge3, skip: pr.skip, gain: pr.gain, quotes: pr.quotes && alike, speeches: alike, asks: pr.asks && asksAlike(fz, fe), openers: pr.opener, weak: pr.weak, orphan: pr.orphan}
	a.wz, a.we = headingsBefore(fz, true), headingsBefore(fe, true)
	a.oz, a.oe = opensBefore(zh), opensBefore(en)
	a.setRatio(overallRatio(fz, fe))
	a.mz, a.me = merged(fz), merged(fe)
	if !math.IsInf(merge3, 1) {
		a.mz3, a.me3 = merged3(fz, a.mz), merged3(fe, a.me)
		a.mz4, a.me4 = merged4(fz, a.mz3), merged4(fe, a.me3)
	}
	a.base = a.dictBaseline()
	path := a.path()
	again := false
	// again with the length ratio of the confident pairs, when it differs
	if r, ok := medianRatio(path, fz, fe); ok && math.Abs(math.Log(r/a.ratio)) > 0.1 {
		a.setRatio(r)
		again = true
	}
	// again keeping pair boundaries off English sentences cut at a comma,
	// when the document's pairs mostly hold such a sentence whole
	if runs := runsOn(en); cutsInside(path, runs) {
		a.ends, a.runs = sentenceEnds(zh), runs
		again = true
	}
	if again {
		path = a.path()
	}
	// again with a lexicon learnt from the confident pairs, when there are
	// enough of them
	if enoughPairs(path) {
		v := vocabOf(en)
		if learnt := learnLexicon(zh, v, path, d); learnt != nil && useLexicon(fz, fe, v, learnt, d) {
			a.lexOn = true
			a.rel = nil
			a.mz, a.me = merged(fz), merged(fe)
			if !math.IsInf(merge3, 1) {
				a.mz3, a.me3 = merged3(fz, a.mz), merged3(fe, a.me)
				a.mz4, a.me4 = merged4(fz, a.mz3), merged4(fe, a.me3)
			}
			a.base = a.dictBaseline()
			path = a.path()
		}
	}
	// again with a lower midpoint, when the translation is free
	if mid, ok := a.freeMid(path); ok {
		a.mid = mid
		path = a.path()
	}
	a.calibrate(path)
	if pr.refine {
		a.refine(path)
	}
	a.doubt(path)
	a.partial(path)
	return path
}

// refine moves a line across the boundary of two neighbouring pairs when
// the other pair's other side holds clearly more of its words: the
// dynamic programme weighs a short line by the little it adds to a pair's
// coverage, so where it goes is often a toss-up the line's own words
// settle (看哪！ belongs with "And, behold, …", not with the verse before).
// A pair keeps at least one line on each side. A moved pair's confidence
// is its new fit weighed by the lesser margin of the two pairs before.
func (a *aligner) refine(path []step) {
	hits := func(x, y features) int {
		ov, n := a.overlap(&x, &y)
		return int(math.Round(ov * float64(n)))
	}
	for k := 0; k+1 < len(path); k++ {
		s, t := &path[k], &path[k+1]
		if len(s.zh) == 0 || len(s.en) == 0 || len(t.zh) == 0 || len(t.en) == 0 || s.score == 0 || t.score == 0 ||
			a.numberedIn(*s) || a.numberedIn(*t) {
			continue // a numbered heading pairs one to one
		}
		margin := min(s.conf/s.score, t.conf/t.score)
		es, et := mergedLines(a.fe, s.en), mergedLines(a.fe, t.en)
		zs, zt := mergedLines(a.fz, s.zh), mergedLines(a.fz, t.zh)
		lastZ, firstZ := a.fz[s.zh[len(s.zh)-1]], a.fz[t.zh[0]]
		switch {
		case len(s.zh) >= 2 && shifts(hits(lastZ, et), hits(lastZ, es)):
			t.zh = append([]int{s.zh[len(s.zh)-1]}, t.zh...)
			s.zh = s.zh[:len(s.zh)-1]
		case len(t.zh) >= 2 && shifts(hits(firstZ, es), hits(firstZ, et)):
			s.zh = append(slices.Clone(s.zh), t.zh[0])
			t.zh = t.zh[1:]
		case len(s.en) >= 2 && shifts(hits(zt, a.fe[s.en[len(s.en)-1]]), hits(zs, a.fe[s.en[len(s.en)-1]])):
			t.en = append([]int{s.en[len(s.en)-1]}, t.en...)
			s.en = s.en[:len(s.en)-1]
		case len(t.en) >= 2 && shifts(hits(zs, a.fe[t.en[0]]), hits(zt, a.fe[t.en[0]])):
			s.en = append(slices.Clone(s.en), t.en[0])
			t.en = t.en[1:]
		default:
			continue
		}
		for _, u := range []*step{s, t} {
			z, e := mergedLines(a.fz, u.zh), mergedLines(a.fe, u.en)
			c := a.pairCost(&z, &e) + mergeCost*float64(len(u.zh)+len(u.en)-2)
			u.score = a.scoreOf(c)
			u.conf = max(0.01, u.score*margin)
		}
	}
}

// numberedIn tells whether a step holds a numbered heading.
func (a *aligner) numberedIn(s step) bool {
	for _, i := range s.zh {
		if a.fz[i].numbered {
			return true
		}
	}
	for _, j := range s.en {
		if a.fe[j].numbered {
			return true
		}
	}
	return false
}

// shifts tells whether a line whose words the other pair holds there times
// and its own pair here times should move: at least refineMin of them, and
// refineMargin more than here (a margin of one or two moves as many lines
// wrongly as rightly on the Bible by sentence).
func shifts(there, here int) bool { return there >= here+refineMargin && there >= refineMin }

// doubt undoes a 1–1 pair when a neighbouring paragraph the path left
// unpaired shares more dictionary words with the pair's other side: the
// pair is then as likely a shift as a translation (a paragraph cut short
// by the source, say), and a wrong translation is worse than none. A pair
// whose sides share more numbers, Latin words and names than the
// neighbour does with the pair's other side stands.
func (a *aligner) doubt(path []step) {
	pairedZH := make([]bool, len(a.fz))
	pairedEN := make([]bool, len(a.fe))
	for _, s := range path {
		if len(s.zh) > 0 && len(s.en) > 0 {
			for _, i := range s.zh {
				pairedZH[i] = true
			}
			for _, j := range s.en {
				pairedEN[j] = true
			}
		}
	}
	for k, s := range path {
		if len(s.zh) != 1 || len(s.en) != 1 {
			continue
		}
		i, j := s.zh[0], s.en[0]
		own, _ := a.overlap(&a.fz[i], &a.fe[j])
		anchors := sharedAnchors(&a.fz[i], &a.fe[j])
		for _, ni := range []int{i - 1, i + 1} {
			if ni >= 0 && ni < len(a.fz) && !pairedZH[ni] && a.fz[ni].heading == a.fz[i].heading &&
				share(a.overlap(&a.fz[ni], &a.fe[j])) > own && sharedAnchors(&a.fz[ni], &a.fe[j]) >= anchors {
				path[k].score, path[k].conf = 0, 0
			}
		}
		for _, nj := range []int{j - 1, j + 1} {
			if nj >= 0 && nj < len(a.fe) && !pairedEN[nj] && a.fe[nj].heading == a.fe[j].heading &&
				len(a.fe[nj].stems) >= 3 && share(a.overlap(&a.fz[i], &a.fe[nj])) > own && sharedAnchors(&a.fz[i], &a.fe[nj]) >= anchors {
				path[k].score, path[k].conf = 0, 0
			}
		}
	}
}

// partial lowers the confidence of a pair beside a line the path left
// unpaired that the pair's other side translates as well as its own lines
// are translated: the pair is then likely part of a larger one (a
// sentence cut into three English lines, one of them left out of its
// pair), right in its lines but not in its bounds. So is a pair beside an
// unpaired line too short to tell.
func (a *aligner) partial(path []step) {
	const (
		partialMin    = 3   // English dictionary words the evidence rests on at least …
		partialShare  = 0.8 // … and the share of the pair's own evidence it has, or a name it shares
		partialFactor = 0.5 // what the pair's confidence is then weighed by
	)
	lone := func(k int) (int, int, bool) {
		if k < 0 || k >= len(path) || len(path[k].zh)+len(path[k].en) != 1 {
			return 0, 0, false
		}
		if len(path[k].zh) == 1 {
			return path[k].zh[0], -1, true
		}
		return -1, path[k].en[0], true
	}
	for k := range path {
		s := &path[k]
		if len(s.zh) == 0 || len(s.en) == 0 || s.conf == 0 {
			continue
		}
		var x, y *features
		var own float64 // the pair's own evidence
		for _, nk := range []int{k - 1, k + 1} {
			i, j, ok := lone(nk)
			if !ok {
				continue
			}
			if x == nil {
				xf, yf := mergedLines(a.fz, s.zh), mergedLines(a.fe, s.en)
				x, y = &xf, &yf
				own, _ = a.evidence(x, y)
			}
			var ev float64
			var n, anchors int
			if i >= 0 {
				ev, n = a.evidence(&a.fz[i], y)
				anchors = common(a.fz[i].ids.names, y.ids.names)
			} else {
				ev, n = a.evidence(x, &a.fe[j])
				n = len(a.fe[j].stems)
				anchors = common(x.ids.names, a.fe[j].ids.names)
			}
			// a line too short to count as an orphan (orphans) is too
			// short for its words to show it has no place in the pair
			// (很麻烦。 beside 按太阳能电池板的安装位置来看… ↔ "Great.
			// According to the proper solar panels…")
			short := i >= 0 && a.fz[i].length < orphanZH && !a.fz[i].heading ||
				j >= 0 && len(a.fe[j].stems) < orphanEN && !a.fe[j].heading
			if short || n >= partialMin && ev > a.midpoint() && (ev >= partialShare*own || anchors > 0) {
				s.conf *= partialFactor
			}
		}
	}
}

// step is one move of the alignment path: the paragraphs it joins (none on
// one side for an unpaired paragraph) and, for a pair, its confidence.
type step struct {
	zh, en []int
	score  float64 // how well the pair fits, from its cost: kept when at least MinScore
	conf   float64 // its confidence, the score weighed by the margin (calibrate)
}

type aligner struct {
	fz, fe   []features
	center   []int      // the column to centre each row's band on; nil for the diagonal
	mz, me   []features // mz[i]: paragraphs i-1 and i merged (likewise me)
	mz3, me3 []features // mz3[i]: paragraphs i-2, i-1 and i merged
	mz4, me4 []features // mz4[i]: paragraphs i-3 … i merged
	merge3   float64    // extra cost of a 3–1, 1–3 or 2–2 pair; +Inf: none
	skip     float64    // cost of leaving one paragraph unpaired
	gain     bool       // charge gainCost on 2–1 pairs
	ratio    float64
	logRatio float64
	base     float64  // dictionary overlap of unrelated paragraphs of this document
	lexOn    bool     // the evidence is the learnt lexicon's (lexOverlap), not the dictionary's alone
	asks     bool     // both sides of the document ask alike (asksAlike): pairs pay askCost
	openers  bool     // pairs that open with the same connective save openerBonus
	quotes   bool     // both sides of the document quote alike (quotesAlike): pairs pay quoteCost
	speeches bool     // … and pay speechCost for each quoted speech one side holds more
	wz, we   []int    // the lines taken for headings without a number before each paragraph
	oz, oe   []int    // on a side cut into sentences (alignMixed), the lines before each that open a paragraph; nil on another
	orphan   float64  // what a merge pays for each line of it that shares hardly a word with the other side
	rel      []relRow // unrelatedAt's answers, for the evidence in use (reset with the lexicon)
	weak     float64  // what a merge pays for each of them it takes in
	ends     []bool   // ends[i]: Chinese line i ends a sentence (sentenceEnds)
	runs     []bool   // runs[j]: English line j runs on into the next (runsOn)
	mid      float64  // the dictionary evidence that neither favours nor disfavours a pair (freeMid); 0: dictMid
}

// midpoint is the dictionary evidence that neither favours nor disfavours a
// pair in this document.
func (a *aligner) midpoint() float64 {
	if a.mid > 0 {
		return a.mid
	}
	return dictMid
}

// freeMid is the midpoint for a free translation: a translator who renders
// the sense rather than the words leaves translations sharing fewer
// dictionary words than dictMid assumes (a median evidence of about 0.5 in
// news and close literary translation, 0.2 when most words differ), and
// weighed against dictMid its true pairs would cost as much as unrelated
// lines and be left unpaired. So the midpoint is midShare of the median
// evidence of the confident one-to-one pairs (ten at least, of four English
// words or more), when that is lower, and never below midMin; ok is false
// when it does not change.
func (a *aligner) freeMid(path []step) (float64, bool) {
	var evs []float64
	for _, s := range path {
		if len(s.zh) != 1 || len(s.en) != 1 || s.score < 0.8 || a.fz[s.zh[0]].heading {
			continue
		}
		if ev, n := a.evidence(&a.fz[s.zh[0]], &a.fe[s.en[0]]); n >= 4 {
			evs = append(evs, ev)
		}
	}
	if len(evs) < 10 {
		return 0, false
	}
	sort.Float64s(evs)
	mid := max(midMin, midShare*evs[len(evs)/2])
	return mid, mid < a.midpoint()
}

// evidence is the share of y's English words that x translates to above
// what an unrelated paragraph of the document covers (a.base), scaled so
// that all of them is 1, and how many words it rests on.
func (a *aligner) evidence(x, y *features) (float64, int) {
	ov, n := a.overlap(x, y)
	return (ov - a.base) / (1 - a.base), n
}

func (a *aligner) setRatio(r float64) {
	a.ratio, a.logRatio = r, math.Log(r)
}

// dictBaseline estimates how much of an English paragraph's vocabulary the
// glosses of an unrelated Chinese paragraph of the same document cover, by
// pairing paragraphs well off the diagonal.
func (a *aligner) dictBaseline() float64 {
	n, m := len(a.fz), len(a.fe)
	const fallback = 0.12
	if n < 6 || m < 6 {
		return fallback
	}
	var sum float64
	cnt := 0
	step := max(1, n/200)
	for i := 0; i < n; i += step {
		j := (i*m/n + m/2) % m
		ov, words := a.overlap(&a.fz[i], &a.fe[j])
		if words < 3 {
			continue
		}
		sum += ov
		cnt++
	}
	if cnt < 3 {
		return fallback
	}
	return min(0.6, sum/float64(cnt))
}

// pairCost is the cost of pairing zh features a with en features b.
func (a *aligner) pairCost(x, y *features) float64 {
	// a numbered heading pairs only with a heading, or with an item of a
	// list of the same number (3.第1、2、3节等的HTML ↔ 3. HTML for section
	// 1, 2, 3, etc.: the translation ends it with a full stop); a short
	// unnumbered line taken for a heading may still be an ordinary paragraph
	if (x.numbered && !y.heading || y.numbered && !x.heading) && (x.anchors.section == 0 || x.anchors.section != y.anchors.section) {
		return math.Inf(1)
	}
	var c float64
	if x.heading != y.heading {
		c += headingCost
	}
	// articles of a statute keep their numbers in translation: a pair whose
	// sides hold different articles (one merged with the next, or one
	// shifted against a translation that left an article out) is wrong
	if len(x.anchors.arts) > 0 && len(y.anchors.arts) > 0 && !slices.Equal(x.anchors.arts, y.anchors.arts) {
		c += articleCost
	}
	c += a.cueCost(x, y)
	d := y.logLen - x.logLen - a.logRatio
	// short paragraphs vary more in length ratio
	sigma := lenSigma + 2/math.Sqrt(math.Min(x.length*a.ratio, y.length)+1)
	c += d * d / (2 * sigma * sigma)
	// Numbers on either side and Latin words of the Chinese should reappear in
	// a translation; English acronyms often have no Latin form in Chinese, so
	// they count when shared and are not missed when absent.
	sharedN := common(x.ids.nums, y.ids.nums)
	sharedW := common(x.ids.words, y.ids.words)
	// a name in Latin letters that the Chinese spells: evidence when shared,
	// nothing when not (a name may be translated rather than spelt)
	shared := sharedN + sharedW + common(x.ids.names, y.ids.names)
	// a number the other side spells in words (30岁 ↔ thirty) is not missed
	missing := len(x.ids.nums) - common(x.ids.nums, y.ids.known) + len(y.ids.nums) - common(y.ids.nums, x.ids.known) + len(x.ids.words) - sharedW
	c -= 1.2 * math.Min(float64(shared), 4)
	// names shared do not make a number missed matter less: a name is no
	// number, and a line about the same people may hold other figures
	if sharedN+sharedW+missing > 0 {
		c += 3 * float64(missing) / float64(sharedN+sharedW+missing)
	}
	// dictionary evidence, weighed by how many English words it rests on
	// (the share of English words the Chinese glosses cover, above what an
	// unrelated paragraph covers: translations mostly score above the
	// midpoint, unrelated paragraphs below it)
	if ev, n := a.evidence(x, y); n >= 2 {
		weight := dictWeight * math.Min(1, float64(n)/8)
		c += weight * (a.midpoint() - ev)
	}
	return c
}

// cueCost is what a pair pays, or saves, for the marks that mostly survive
// translation: quotations and quoted speeches, questions and opening
// connectives (all but the speeches on sentence lines only).
func (a *aligner) cueCost(x, y *features) float64 {
	var c float64
	// a quoted speech that runs over several lines opens and closes on the
	// same lines in both languages: a pair that leaves a quotation open on
	// one side only has its boundary a line off
	if a.quotes && x.quote != y.quote {
		c += quoteCost * float64(min(absInt(x.quote-y.quote), 2))
	}
	// a quoted speech stays quoted in translation, lines or paragraphs:
	// “好的！回头见？” on a line of its own before 艾弗里问道，… belongs
	// with the English that quotes "Okay! See ya later?" Ivory asked, not
	// beside it (a pair that leaves a quotation open differently pays the
	// cost above instead)
	if a.speeches && x.quote == y.quote && x.speeches != y.speeches {
		c += speechCost * float64(min(absInt(x.speeches-y.speeches), 2))
	}
	// a connective that opens a sentence opens its translation too (但是 ↔
	// But, 因为 ↔ Because, 如果 ↔ If)
	if a.openers && x.opener != 0 && x.opener == y.opener {
		c -= openerBonus
	}
	// a question stays a question in translation
	if a.asks && x.asks != y.asks {
		c += askCost * float64(min(absInt(x.asks-y.asks), 2))
	}
	return c
}

// scoreOf maps a pair's cost to a confidence in [0,1]: 0.5 where pairing
// costs as much as leaving both paragraphs unpaired.
func (a *aligner) scoreOf(cost float64) float64 {
	return 1 / (1 + math.Exp(cost-2*a.skip))
}

// moves of the dynamic programme
const (
	mPair = iota + 1
	mZH
	mEN
	m21 // two Chinese paragraphs, one English
	m12 // one Chinese, two English
	m31 // three Chinese, one English
	m13 // one Chinese, three English
	m22 // two and two
	m41 // four Chinese, one English
	m14 // one Chinese, four English (a long sentence a literary translator cut up)
)

// moves lists each move's paragraphs taken from each side.
var moves = [...]struct{ zh, en int }{
	mPair: {1, 1}, mZH: {1, 0}, mEN: {0, 1}, m21: {2, 1}, m12: {1, 2}, m31: {3, 1}, m13: {1, 3}, m22: {2, 2},
	m41: {4, 1}, m14: {1, 4},
}

// path runs the dynamic programme and returns the steps in order. Documents
// too large for the full matrix are aligned inside a band: first around the
// diagonal given by cumulative length (or the previous pass's path), then,
// wherever the best path ran along the band's edge, around that path with a
// wider band, so time and memory stay near-linear in the document's length.
func (a *aligner) path() []step {
	n, m := len(a.fz), len(a.fe)
	center := a.center
	if center == nil {
		center = diagonal(a.fz, a.fe)
	}
	// a band of 2% of the document either side (at least bandMin, at most
	// bandMax) holds the drift of most translations; it widens where the
	// path runs along its edge, a few times at most, so time and memory stay
	// linear in the length
	w := min(bandMax, max(bandMin, max(n, m)/50))
	if a.center != nil {
		w = refineBand // a later pass, near the path the one before found
	}
	for widen := 0; ; widen++ {
		lo, hi := band(center, n, m, w)
		p := a.pathIn(lo, hi)
		full := true
		for i := range lo {
			full = full && lo[i] == 0 && hi[i] == m
		}
		if full || widen == maxWiden || !touchesEdge(p, lo, hi, n, m) {
			a.center = columns(p, n)
			return p
		}
		center = columns(p, n)
		w *= 2
	}
}

// columns gives, for each row, the column at which the path enters it.
func columns(path []step, n int) []int {
	c := make([]int, n+1)
	i, j := 0, 0
	for _, s := range path {
		for k := 0; k < len(s.zh); k++ {
			i++
			c[i] = j + len(s.en)
		}
		j += len(s.en)
	}
	return c
}

// overlap is the share of y's English words that x's Chinese translates
// to — by the dictionary, or by dictionary and lexicon once one is learnt —
// and how many English words that share is of.
func (a *aligner) overlap(x, y *features) (float64, int) {
	if a.lexOn {
		return lexOverlap(x, y), len(y.words)
	}
	return dictOverlap(x, y), len(y.stems)
}

func share(x float64, _ int) float64 { return x }

// gainCost is what a 2–1 pair pays when either Chinese paragraph explains
// little of the English beyond the other: glosses only add up, so without
// it a neighbouring paragraph with no translation of its own would ride
// along with one that has. Each is asked, not only the one that alone
// explains less: the true translation may be the line whose numbers and
// Latin words, not its dictionary words, show it.
func (a *aligner) gainCost(z1, z2, merged, e *features) float64 {
	ov, n := a.overlap(merged, e)
	if !a.gain || n < 2 {
		return 0
	}
	ov1, ov2 := share(a.overlap(z1, e)), share(a.overlap(z2, e))
	// each paragraph explains something the other does not, or brings
	// what the other lacks
	var c float64
	for _, k := range [2]struct {
		x, other *features
		gain     float64
	}{{z1, z2, ov - ov2}, {z2, z1, ov - ov1}} {
		if k.gain >= minGain || a.brings(k.x, k.other, merged, e) {
			continue
		}
		c = math.Max(c, gainWeight*math.Min(1, float64(n)/8)*(minGain-k.gain))
	}
	return c
}

// brings tells whether x, merged with other, brings what e holds and other
// lacks: a number (a value, a section's or an article's number: 第十五条 on
// a line of its own before its article holds only its number), or a
// quoted speech (“好的！回头见？” before 艾弗里问道，…, when the document's
// sides quote alike), or words of its own: revShare of its dictionary words
// at least (and revHitsMin) have a gloss in e that no word of other gives.
// A short line adds only a word or two to a long English paragraph's
// coverage, however well it is translated (我不喜欢这样 before a tweet
// against "i do not like this @user… oh god, people…"; a title run into its
// paragraph); counted on its own words, an untranslated line riding along
// shows what it is (我将在周末安装第二台设备… has 2 of 13).
func (a *aligner) brings(x, other, merged, e *features) bool {
	if a.speeches && x.speeches > 0 && other.speeches < e.speeches && merged.speeches <= e.speeches {
		return true
	}
	for _, id := range x.ids.nums {
		if _, in := slices.BinarySearch(e.ids.nums, id); in {
			if _, had := slices.BinarySearch(other.ids.nums, id); !had {
				return true
			}
		}
	}
	need := max(revHitsMin, int(math.Ceil(revShare*float64(len(x.glossed)))))
	return revHits(x, other, e, need) >= need
}

// moveCost is the cost of the pairing move mv ending at row i, column j.
func (a *aligner) moveCost(mv byte, i, j int) float64 {
	return a.moveCostBelow(mv, i, j, math.Inf(1))
}

// moveCostBelow is moveCost where a cost of at least limit only tells that
// the move loses: a 2–1 pair that loses without its gainCost is not asked
// for it.
func (a *aligner) moveCostBelow(mv byte, i, j int, limit float64) float64 {
	switch mv {
	case m21:
		c := a.pairCost(&a.mz[i-1], &a.fe[j-1]) + mergeCost
		if c >= limit {
			return c
		}
		return c + a.gainCost(&a.fz[i-2], &a.fz[i-1], &a.mz[i-1], &a.fe[j-1])
	case m12:
		return a.pairCost(&a.fz[i-1], &a.me[j-1]) + mergeCost
	case m31:
		return a.pairCost(&a.mz3[i-1], &a.fe[j-1]) + a.merge3
	case m13:
		return a.pairCost(&a.fz[i-1], &a.me3[j-1]) + a.merge3
	case m22:
		return a.pairCost(&a.mz[i-1], &a.me[j-1]) + a.merge3
	case m41:
		return a.pairCost(&a.mz4[i-1], &a.fe[j-1]) + a.merge3 + mergeCost
	case m14:
		return a.pairCost(&a.fz[i-1], &a.me4[j-1]) + a.merge3 + mergeCost
	}
	return a.pairCost(&a.fz[i-1], &a.fe[j-1])
}

// touchesEdge reports whether a path runs along the edge of its band.
func touchesEdge(path []step, lo, hi []int, n, m int) bool {
	i, j := 0, 0
	for _, s := range path {
		i += len(s.zh)
		j += len(s.en)
		if (j == lo[i] && lo[i] > 0) || (j == hi[i] && hi[i] < m) {
			return true
		}
	}
	return false
}

// allowed reports whether move mv may end at row i, column j: it fits in
// the matrix and a merge takes in no numbered heading (one pairs one to one
// or not at all). hz and he count the numbered headings before each
// paragraph.
func allowed(mv byte, i, j int, hz, he []int) bool {
	dz, de := moves[mv].zh, moves[mv].en
	if i < dz || j < de {
		return false
	}
	return dz+de <= 2 || hz[i] == hz[i-dz] && he[j] == he[j-de]
}

// headingsBefore counts, for each place k, the numbered headings among
// fs[:k] (weak false) or the other lines taken for headings (weak true).
func headingsBefore(fs []features, weak bool) []int {
	out := make([]int, len(fs)+1)
	for k, f := range fs {
		out[k+1] = out[k]
		if f.heading && f.numbered != weak {
			out[k+1]++
		}
	}
	return out
}

// weakIn counts the lines taken for headings, without a number, that the
// merge mv ending at row i, column j takes in: a short line without a full
// stop is often a title the translation ran into its first paragraph, or a
// line of a chat, not a heading.
func (a *aligner) weakIn(mv byte, i, j int) int {
	dz, de := moves[mv].zh, moves[mv].en
	if dz+de <= 2 || a.wz == nil {
		return 0
	}
	return a.wz[i] - a.wz[i-dz] + a.we[j] - a.we[j-de]
}

// opensBefore counts, for each place k of a side cut into sentences, the
// lines among ps[:k] that open a paragraph; nil for a side not cut.
func opensBefore(ps []Paragraph) []int {
	cut := false
	for _, p := range ps {
		cut = cut || p.cont
	}
	if !cut {
		return nil
	}
	out := make([]int, len(ps)+1)
	for k, p := range ps {
		out[k+1] = out[k]
		if !p.cont {
			out[k+1]++
		}
	}
	return out
}

// crossIn counts the paragraphs of a side cut into sentences that the
// merge mv ending at row i, column j opens after its first line: a pair
// that runs across a paragraph's end would join two paragraphs.
func (a *aligner) crossIn(mv byte, i, j int) int {
	dz, de := moves[mv].zh, moves[mv].en
	n := 0
	if a.oz != nil && dz >= 2 {
		n += a.oz[i] - a.oz[i-dz+1]
	}
	if a.oe != nil && de >= 2 {
		n += a.oe[j] - a.oe[j-de+1]
	}
	return n
}

// stepCost is what move mv ending at row i, column j adds to the path. A
// cost of at least limit only tells that the move loses there: the
// orphans, which only add, are counted below it alone.
func (a *aligner) stepCost(mv byte, i, j int, limit float64) float64 {
	if mv == mZH || mv == mEN {
		// an English line whose sentence runs on into the next belongs
		// with the rest of it, not unpaired ("In May of this year," before
		// "China's … Telescope … installed the world's first receiver.")
		if mv == mEN && a.runs != nil && j < len(a.fe) && a.runs[j-1] {
			return a.skip + runOnCost
		}
		return a.skip
	}
	c := a.moveCostBelow(mv, i, j, limit)
	if a.runs != nil && i < len(a.fz) && j < len(a.fe) && a.ends[i-1] && a.runs[j-1] {
		c += runOnCost
	}
	if n := a.weakIn(mv, i, j); n > 0 {
		c += a.weak * float64(n)
	}
	if n := a.crossIn(mv, i, j); n > 0 {
		c += crossCost * float64(n)
	}
	if a.orphan > 0 && c < limit {
		c += a.orphan * a.orphans(mv, i, j)
	}
	return c
}

// pathIn runs the dynamic programme inside the band lo..hi: each cell
// takes the cheapest of the moves that may end there (the first of equals,
// in the order of the moves table).
func (a *aligner) pathIn(lo, hi []int) []step {
	n, m := len(a.fz), len(a.fe)
	inf := math.Inf(1)
	// cost rows i-4 … i over the whole width (only the band is filled)
	var rows [5][]float64
	for k := range rows {
		rows[k] = make([]float64, m+1)
	}
	back := make([][]byte, n+1)
	hz, he := headingsBefore(a.fz, false), headingsBefore(a.fe, false)
	last := byte(m14) // the three- and four-paragraph moves only when they are on
	if a.mz3 == nil {
		last = m12
	}
	at := func(i, j int) float64 {
		if i < 0 || j < lo[i] || j > hi[i] {
			return inf
		}
		return rows[i%5][j]
	}
	for i := 0; i <= n; i++ {
		back[i] = make([]byte, hi[i]-lo[i]+1)
		cur := rows[i%5]
		for j := range cur {
			cur[j] = inf
		}
		for j := lo[i]; j <= hi[i]; j++ {
			if i == 0 && j == 0 {
				cur[0] = 0
				continue
			}
			best, move := inf, byte(0)
			for mv := byte(mPair); mv <= last; mv++ {
				if !allowed(mv, i, j, hz, he) {
					continue
				}
				p := at(i-moves[mv].zh, j-moves[mv].en)
				if p == inf {
					continue
				}
				if c := p + a.stepCost(mv, i, j, best-p); c < best {
					best, move = c, mv
				}
			}
			cur[j] = best
			back[i][j-lo[i]] = move
		}
	}
	return a.backtrack(back, lo, n, m)
}

// backtrack follows the moves back from the last cell and returns the
// steps in order, each pair with its confidence.
func (a *aligner) backtrack(back [][]byte, lo []int, n, m int) []step {
	var path []step
	for i, j := n, m; i > 0 || j > 0; {
		mv := back[i][j-lo[i]]
		if mv == 0 {
			mv = mEN
			if j == 0 {
				mv = mZH
			}
		}
		dz, de := moves[mv].zh, moves[mv].en
		st := step{}
		for k := i - dz; k < i; k++ {
			st.zh = append(st.zh, k)
		}
		for k := j - de; k < j; k++ {
			st.en = append(st.en, k)
		}
		if dz > 0 && de > 0 {
			st.score = a.scoreOf(a.moveCost(mv, i, j))
		}
		path = append(path, st)
		i, j = i-dz, j-de
	}
	slices.Reverse(path)
	return path
}

// diagonal is, for each row, where the English reaches the same share of
// its total length as the Chinese has of its own.
func diagonal(fz, fe []features) []int {
	n, m := len(fz), len(fe)
	cz := make([]float64, n+1)
	for i, f := range fz {
		cz[i+1] = cz[i] + f.length
	}
	ce := make([]float64, m+1)
	for j, f := range fe {
		ce[j+1] = ce[j] + f.length
	}
	c := make([]int, n+1)
	for i := 0; i <= n; i++ {
		if cz[n] > 0 {
			c[i] = min(m, sort.SearchFloat64s(ce, cz[i]/cz[n]*ce[m]))
		}
	}
	return c
}

// band returns, for each row i of the matrix, the range of columns searched:
// w either side of center[i]. Small documents get the whole matrix.
func band(center []int, n, m, w int) (lo, hi []int) {
	lo, hi = make([]int, n+1), make([]int, n+1)
	if (n+1)*(m+1) <= maxCells || w >= m {
		for i := range hi {
			hi[i] = m
		}
		return lo, hi
	}
	for i := 0; i <= n; i++ {
		lo[i] = max(0, center[i]-w)
		hi[i] = min(m, center[i]+w)
	}
	lo[0], hi[n] = 0, m
	// keep the band connected: every row must reach the previous row's range
	for i := 1; i <= n; i++ {
		if lo[i] > hi[i-1] {
			lo[i] = hi[i-1]
		}
		if lo[i] < lo[i-1] {
			lo[i] = lo[i-1]
		}
	}
	for i := n - 1; i >= 0; i-- {
		if hi[i] < lo[i+1] {
			hi[i] = lo[i+1]
		}
		if hi[i] > hi[i+1] {
			hi[i] = hi[i+1]
		}
	}
	return lo, hi
}

// unitsOf turns an alignment path into units, undoing pairs whose confidence
// is below MinScore, and sets each unit's section: the heading it stands
// under, not counting a side's first paragraph (the document's title).
// Paragraphs joined in one unit are separated by a line break.
func unitsOf(path []step, zh, en []Paragraph) []Unit {
	var units []Unit
	var secZH, secEN string
	add := func(u Unit) {
		u.Seq = len(units)
		units = append(units, u)
	}
	join := func(ps []Paragraph, idx []int) string {
		parts := make([]string, len(idx))
		for k, i := range idx {
			parts[k] = ps[i].Text
		}
		return strings.Join(parts, "\n")
	}
	for _, s := range path {
		for _, i := range s.zh {
			if zh[i].Heading && i > 0 {
				secZH = zh[i].Text
			}
		}
		for _, j := range s.en {
			if en[j].Heading && j > 0 {
				secEN = en[j].Text
			}
		}
		section := secEN
		if section == "" {
			section = secZH
		}
		if len(s.zh) > 0 && len(s.en) > 0 && s.score >= MinScore {
			// a unit is a heading when all it holds is (a title a
			// translation ran into its first paragraph is not)
			heading := true
			for _, i := range s.zh {
				heading = heading && zh[i].Heading
			}
			add(Unit{ZH: join(zh, s.zh), EN: join(en, s.en), Heading: heading, Section: section, Score: s.conf})
			continue
		}
		for _, i := range s.zh {
			add(Unit{ZH: zh[i].Text, Heading: zh[i].Heading, Section: section})
		}
		for _, j := range s.en {
			add(Unit{EN: en[j].Text, Heading: en[j].Heading, Section: section})
		}
	}
	return units
}

// quotesAlike tells whether both sides of a document open quotations
// about as often (double or single marks: ‘…’ in British English meets
// “…”): a translation that quotes with dashes, or not at all, leaves the
// other side's quotations unmatched.
func quotesAlike(zh, en []Paragraph) bool {
	count := func(ps []Paragraph) int {
		opening, straight := 0, 0
		for _, p := range ps {
			opening += strings.Count(p.Text, "“") + strings.Count(p.Text, "「") + strings.Count(p.Text, "『") + strings.Count(p.Text, "‘")
			straight += strings.Count(p.Text, `"`)
		}
		return opening + straight/2
	}
	z, e := count(zh), count(en)
	return aboutAsOften(z, e)
}

// asksAlike tells whether both sides of a document ask questions in
// about the same number (a translation that turns questions into
// statements, or a side without question marks, is left alone).
func asksAlike(fz, fe []features) bool {
	z, e := 0, 0
	for _, f := range fz {
		z += f.asks
	}
	for _, f := range fe {
		e += f.asks
	}
	return aboutAsOften(z, e)
}

// orphans weighs the lines of the merge mv ending at row i, column j that
// share no number, Latin word or name with the other side, and no more
// dictionary words than chance (unrelated): the dictionary evidence is the
// share of the English that the Chinese covers, which a merged line only
// adds to, so without a cost a sentence the translation left out (or
// added) rides along with its neighbour's pair. Short lines are not
// counted: they hold too few words to miss. A long line weighs more
// (orphanWeight): the more words a line holds, the less likely that it is
// translated and shares no more than chance.
func (a *aligner) orphans(mv byte, i, j int) float64 {
	dz, de := moves[mv].zh, moves[mv].en
	n := 0.0
	switch {
	case dz >= 2 && de == 1:
		for k := i - dz; k < i; k++ {
			if a.fz[k].length >= orphanZH && a.unrelatedAt(k, j-1) {
				n += orphanWeight(a.fz[k].length / chanceZH)
			}
		}
	case de >= 2 && dz == 1:
		for k := j - de; k < j; k++ {
			if len(a.fe[k].stems) >= orphanEN && a.unrelatedAt(i-1, k) {
				n += orphanWeight(float64(len(a.fe[k].stems)) / chanceEN)
			}
		}
	}
	return n
}

// orphanWeight is what an orphan line of the given size weighs: its
// Chinese characters counted in chanceZH, or its English dictionary words in
// chanceEN, at least 1 and at most orphanMax.
func orphanWeight(units float64) float64 {
	return math.Max(1, math.Min(orphanMax, units))
}

// unrelatedAt is unrelated for Chinese line k and English line l, each
// pair worked out once: the dynamic programme asks about the same pairs
// for every merge that holds them. Each row keeps the columns asked about
// so far (the band around the path), grown as needed.
func (a *aligner) unrelatedAt(k, l int) bool {
	if a.rel == nil {
		a.rel = make([]relRow, len(a.fz))
	}
	r := &a.rel[k]
	if l < r.lo || l >= r.lo+len(r.v) {
		lo, hi := l-16, l+16
		if len(r.v) > 0 {
			lo, hi = min(lo, r.lo), max(hi, r.lo+len(r.v))
		}
		lo, hi = max(0, lo), min(len(a.fe), hi)
		v := make([]int8, hi-lo)
		if len(r.v) > 0 {
			copy(v[r.lo-lo:], r.v)
		}
		r.lo, r.v = lo, v
	}
	c := &r.v[l-r.lo]
	if *c == 0 {
		*c = 1
		if a.unrelated(&a.fz[k], &a.fe[l]) {
			*c = 2
		}
	}
	return *c == 2
}

// relRow holds, for one Chinese line, whether it is unrelated to each
// English line from lo on: 0 not yet known, 1 related, 2 unrelated.
type relRow struct {
	lo int
	v  []int8
}

// unrelated tells whether x and y share no anchor and no more dictionary
// words than unrelated lines of their size do: none for short lines, one
// more for each chanceZH characters and chanceEN English words both lines
// hold, up to chanceMax more (a long Chinese line that left only "some"
// behind in its translation was left out of it: 在一些非洲农村社区… against
// "In some of the 130 countries…").
func (a *aligner) unrelated(x, y *features) bool {
	ov, w := a.overlap(x, y)
	chance := min(int(x.length)/chanceZH, len(y.stems)/chanceEN, chanceMax)
	return ov*float64(w) < float64(chance)+0.5 && sharedAnchors(x, y) == 0
}

// sharedAnchors counts the numbers, Latin words and names two paragraphs
// share.
func sharedAnchors(x, y *features) int {
	return common(x.ids.nums, y.ids.nums) + common(x.ids.words, y.ids.words) + common(x.ids.names, y.ids.names)
}

// aboutAsOften tells whether two counts of a mark, one on each side, are
// both above none and within a third of each other.
func aboutAsOften(z, e int) bool {
	return z > 0 && e > 0 && min(z, e)*3 >= max(z, e)*2
}

// sentenceEnds tells for each Chinese line whether it ends a sentence: its
// last mark is a full stop, a question or an exclamation mark, not one
// inside a closing quotation or bracket (而不是“躲起来！” may go on in
// English as instead of "Take Shelter!",).
func sentenceEnds(ps []Paragraph) []bool {
	out := make([]bool, len(ps))
	for k, p := range ps {
		last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(p.Text, " \t"))
		out[k] = strings.ContainsRune("。！？!?.…", last)
	}
	return out
}

// cutsInside tells whether the English lines that run on into the next
// (runs) fall inside the path's pairs more often than at their ends: in a
// document whose lines are a translator's or a splitter's cuts, the rest of
// the sentence belongs to the same pair ("Shi Taifeng, …, Liu Jinguo," and
// "and Wang Xiaohong attended…" translate one Chinese sentence); in one
// whose cuts are imposed on both sides (verses, numbered segments), each
// line is a pair of its own, comma or not.
func cutsInside(path []step, runs []bool) bool {
	inside, ends := 0, 0
	for _, s := range path {
		if len(s.zh) == 0 {
			continue
		}
		for k, j := range s.en {
			switch {
			case !runs[j] || j == len(runs)-1:
			case k < len(s.en)-1:
				inside++
			default:
				ends++
			}
		}
	}
	return inside > ends
}

// runsOn tells for each English line whether its sentence runs on into the
// next line: it ends with a comma, before any closing quote ("Shi Taifeng,
// Li Ganjie, …, Liu Jinguo," before "and Wang Xiaohong attended…"). A pair
// boundary there, where the Chinese ends a sentence, is a line off: a
// translator who cuts a sentence in two cuts it in both languages. Chinese
// that goes on after a comma where the English stops (我们视残疾人如草芥，
// ↔ We treat the disabled like crap.) is common, so only the English counts.
func runsOn(ps []Paragraph) []bool {
	out := make([]bool, len(ps))
	for k, p := range ps {
		out[k] = strings.HasSuffix(strings.TrimRight(p.Text, " \t"+closingQuotes), ",")
	}
	return out
}

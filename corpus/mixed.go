package corpus

// One side a sentence a line, the other a paragraph a line (a novel's
// Chinese from a sentence-split corpus, its English from an e-book): the
// paragraph side is cut into its sentences, the two sides are aligned as
// sentences, and the pairs are joined back along the paragraphs, so that
// each pair holds whole paragraphs of its side and the sentence lines that
// go with them. Aligned as paragraphs, such a document cannot pair more
// than two sentence lines with a paragraph, and half its lines stay
// unpaired.

// alignMixed aligns zh and en, the side paragraphsZH names (the Chinese,
// or else the English) holding paragraphs and the other sentences.
func alignMixed(zh, en []Paragraph, paragraphsZH bool) []step {
	cut, lang := en, EN
	if paragraphsZH {
		cut, lang = zh, ZH
	}
	parts, owner := sentenceLines(cut, lang)
	var path []step
	if paragraphsZH {
		path = alignAs(parts, en, sentencePriors)
	} else {
		path = alignAs(zh, parts, sentencePriors)
	}
	return joinParagraphs(path, owner, paragraphsZH)
}

// sentenceLines cuts each paragraph into its sentences, as lines of their
// own (a heading stays whole); owner gives each line's paragraph.
func sentenceLines(ps []Paragraph, lang Lang) (lines []Paragraph, owner []int) {
	for k, p := range ps {
		spans := Sentences(p.Text, lang)
		if p.Heading || len(spans) < 2 {
			lines = append(lines, p)
			owner = append(owner, k)
			continue
		}
		for n, sp := range spans {
			lines = append(lines, Paragraph{Text: p.Text[sp.Start:sp.End], Lang: p.Lang, Line: p.Line, cont: n > 0})
			owner = append(owner, k)
		}
	}
	return lines, owner
}

// joinParagraphs joins the steps of a path over sentence lines so that
// each holds whole paragraphs of the side that was cut (the Chinese when
// cutZH): steps are gathered until the cut side's lines end a paragraph.
// A gathered pair's score and confidence are those of its pairs, averaged
// by the lines each holds; a line of the other side left unpaired inside
// a paragraph goes with it (it stands between two of its sentences).
func joinParagraphs(path []step, owner []int, cutZH bool) []step {
	var out []step
	var cur step
	var weight, score, conf float64
	taken := 0 // lines of the cut side taken so far
	atBoundary := func() bool { return taken == 0 || taken == len(owner) || owner[taken-1] != owner[taken] }
	for _, s := range path {
		cutSide, other := s.en, s.zh
		if cutZH {
			cutSide, other = s.zh, s.en
		}
		if len(cutSide) == 0 && atBoundary() {
			out = append(out, s) // a line of the other side alone, between paragraphs
			continue
		}
		if len(s.zh) > 0 && len(s.en) > 0 && s.score >= MinScore {
			w := float64(len(s.zh) + len(s.en))
			weight += w
			score += w * s.score
			conf += w * s.conf
		}
		if cutZH {
			cur.zh = appendOwners(cur.zh, cutSide, owner)
			cur.en = append(cur.en, other...)
		} else {
			cur.zh = append(cur.zh, other...)
			cur.en = appendOwners(cur.en, cutSide, owner)
		}
		taken += len(cutSide)
		if len(cutSide) > 0 && atBoundary() {
			if weight > 0 && len(cur.zh) > 0 && len(cur.en) > 0 {
				cur.score, cur.conf = score/weight, conf/weight
			}
			out = append(out, cur)
			cur, weight, score, conf = step{}, 0, 0, 0
		}
	}
	return out
}

// appendOwners appends the paragraphs of lines idx to ps, each once.
func appendOwners(ps, idx []int, owner []int) []int {
	for _, k := range idx {
		if p := owner[k]; len(ps) == 0 || ps[len(ps)-1] != p {
			ps = append(ps, p)
		}
	}
	return ps
}

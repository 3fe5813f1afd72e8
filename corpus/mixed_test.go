package corpus

import (
	"math"
	"slices"
	"testing"
)

// A short story, each paragraph of several sentences in both languages.
var storyZH = []string{
	"第一章",
	"那年冬天特别冷。河面结了厚厚的冰，孩子们每天放学后都去冰上玩。老渔夫坐在岸边，看着他们笑。",
	"一天傍晚，天色突然暗了下来。风从北边吹来，带着细细的雪。孩子们一个接一个地回家了。",
	"只有小明还留在冰上。他在找早上丢的那只手套。“找到了！”他喊道。",
	"就在这时，冰面发出一声巨响。一道裂缝从他脚下伸向远处。小明吓得一动也不敢动。",
	"老渔夫站了起来。他拿起一根长竹竿，慢慢地走上冰面。“别怕，抓住竹竿。”他说。",
	"小明抓住了竹竿。老渔夫一点一点地把他拉回岸边。两个人都出了一身冷汗。",
	"第二天，全村的人都知道了这件事。小明的母亲带着一篮鸡蛋去感谢老渔夫。老渔夫只是摆摆手，说那是应该的。",
}

var storyEN = []string{
	"Chapter One",
	"That winter was especially cold. The river froze over with thick ice, and every day after school the children went to play on it. The old fisherman sat on the bank and watched them, smiling.",
	"One evening the sky suddenly darkened. A wind came from the north, carrying fine snow. One by one the children went home.",
	"Only Xiaoming stayed on the ice. He was looking for the glove he had lost that morning. \"Found it!\" he shouted.",
	"At that moment the ice gave a loud crack. A fissure ran from under his feet into the distance. Xiaoming was too frightened to move.",
	"The old fisherman stood up. He picked up a long bamboo pole and walked slowly onto the ice. \"Don't be afraid, take hold of the pole,\" he said.",
	"Xiaoming grabbed the pole. Bit by bit the old fisherman pulled him back to the bank. Both of them were drenched in cold sweat.",
	"The next day the whole village knew what had happened. Xiaoming's mother took a basket of eggs to thank the old fisherman. He only waved his hand and said it was what anyone would have done.",
}

// TestMixedLines aligns a story with one side cut a sentence a line and the
// other a paragraph a line: the lines are told apart so, and every
// paragraph pairs with exactly its own sentences. As paragraphs, no more
// than two sentence lines could pair with a paragraph, and most stayed
// unpaired.
func TestMixedLines(t *testing.T) {
	t.Parallel()
	zh, en := paras(ZH, storyZH...), paras(EN, storyEN...)
	for _, cutZH := range []bool{true, false} {
		cut, whole, lang, want := zh, en, ZH, LinesSentencesZH
		if !cutZH {
			cut, whole, lang, want = en, zh, EN, LinesSentencesEN
		}
		// the cut side a sentence a line; gold: each whole paragraph with
		// the sentences of its counterpart
		var lines []Paragraph
		var of []int // the paragraph each sentence line comes from
		for k, p := range cut {
			for _, sp := range Sentences(p.Text, lang) {
				lines = append(lines, para(p.Text[sp.Start:sp.End], lang))
				of = append(of, k)
			}
		}
		z, e := lines, whole
		if !cutZH {
			z, e = whole, lines
		}
		if g := granularityOf(z, e); g != want {
			t.Fatalf("%d sentence lines against %d paragraphs: %q, want %q", len(lines), len(whole), g, want)
		}
		paired, sentences := 0, 0
		for _, s := range alignSteps(z, e) {
			sent, got := s.zh, s.en
			if !cutZH {
				sent, got = s.en, s.zh
			}
			if len(sent) == 0 || len(got) == 0 || s.score < MinScore {
				continue
			}
			var from []int
			for _, k := range sent {
				if len(from) == 0 || from[len(from)-1] != of[k] {
					from = append(from, of[k])
				}
			}
			if !slices.Equal(from, got) {
				t.Errorf("cut Chinese %v: sentences of paragraphs %v paired with paragraphs %v", cutZH, from, got)
			}
			paired += len(got)
			sentences += len(sent)
		}
		if paired != len(whole) || sentences != len(lines) {
			t.Errorf("cut Chinese %v: %d of %d paragraphs and %d of %d sentences paired", cutZH, paired, len(whole), sentences, len(lines))
		}
	}
}

// TestCrossIn: on a side cut into sentences, a merge that takes in the
// first sentence of a paragraph after its own first line runs across a
// paragraph's end; one that starts a paragraph, or a side not cut, does not.
func TestCrossIn(t *testing.T) {
	t.Parallel()
	// Chinese cut: paragraph 0 is lines 0–1, paragraph 1 lines 2–4
	zh := []Paragraph{{Text: "甲。"}, {Text: "乙。", cont: true}, {Text: "丙。"}, {Text: "丁。", cont: true}, {Text: "戊。", cont: true}}
	en := []Paragraph{{Text: "A."}, {Text: "B."}, {Text: "C."}}
	a := aligner{oz: opensBefore(zh), oe: opensBefore(en)}
	if a.oe != nil {
		t.Fatalf("a side not cut has paragraph openings %v", a.oe)
	}
	for _, tt := range []struct {
		mv   byte
		i, j int
		want int
	}{
		{m21, 2, 1, 0}, // lines 0–1: one paragraph
		{m21, 3, 1, 1}, // lines 1–2: 2 opens a paragraph
		{m31, 5, 1, 0}, // lines 2–4
		{m41, 4, 1, 1}, // lines 0–3
		{m12, 3, 2, 0}, // one Chinese line
		{m22, 4, 2, 0}, // lines 2–3
	} {
		if got := a.crossIn(tt.mv, tt.i, tt.j); got != tt.want {
			t.Errorf("move %d ending at %d, %d: %d paragraphs crossed, want %d", tt.mv, tt.i, tt.j, got, tt.want)
		}
	}
}

// TestJoinParagraphs: the steps of a path over sentence lines are gathered
// into whole paragraphs of the side that was cut, a line of the other side
// left unpaired inside a paragraph going with it, one between paragraphs
// staying alone; a gathered pair scores its pairs' average.
func TestJoinParagraphs(t *testing.T) {
	t.Parallel()
	// the English cut: paragraph 0 is lines 0–2, paragraph 1 is line 3,
	// paragraph 2 is lines 4–5
	owner := []int{0, 0, 0, 1, 2, 2}
	path := []step{
		{zh: []int{0}, en: []int{0, 1}, score: 1, conf: 0.9},
		{zh: []int{1}},
		{zh: []int{2}, en: []int{2}, score: 0.8, conf: 0.6},
		{zh: []int{3}},
		{zh: []int{4}, en: []int{3}, score: 1, conf: 1},
		{en: []int{4}},
		{zh: []int{5}, en: []int{5}, score: 1, conf: 1},
	}
	got := joinParagraphs(path, owner, false)
	want := []step{
		{zh: []int{0, 1, 2}, en: []int{0}, score: (3*1 + 2*0.8) / 5, conf: (3*0.9 + 2*0.6) / 5},
		{zh: []int{3}},
		{zh: []int{4}, en: []int{1}, score: 1, conf: 1},
		{zh: []int{5}, en: []int{2}, score: 1, conf: 1},
	}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k := range want {
		g, w := got[k], want[k]
		if !slices.Equal(g.zh, w.zh) || !slices.Equal(g.en, w.en) || math.Abs(g.score-w.score) > 1e-9 || math.Abs(g.conf-w.conf) > 1e-9 {
			t.Errorf("step %d: %+v, want %+v", k, g, w)
		}
	}
}

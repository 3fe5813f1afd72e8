package corpus

import (
	"fmt"
	"slices"
	"testing"
)

// TestLearnLexicon: over enough confident pairs, a sense CC-CEDICT lacks
// (天下 → empire) and a name it does not hold (韦小宝 → Xiaobao) are
// learnt, and words that merely recur everywhere are not.
func TestLearnLexicon(t *testing.T) {
	t.Parallel()
	things := []struct{ zh, en string }{
		{"苹果", "apples"}, {"马", "horses"}, {"书", "books"}, {"船", "ships"}, {"剑", "swords"},
		{"茶", "tea"}, {"米", "rice"}, {"布", "cloth"}, {"盐", "salt"}, {"铁", "iron"},
	}
	var zh, en []Paragraph
	var path []step
	for k := 0; k < 150; k++ {
		th := things[k%len(things)]
		z, e := fmt.Sprintf("他买了%s。", th.zh), fmt.Sprintf("He bought %s.", th.en)
		switch k % 3 {
		case 0:
			z, e = fmt.Sprintf("天下的%s都在这里。", th.zh), fmt.Sprintf("All the %s of the empire are here.", th.en)
		case 1:
			z, e = fmt.Sprintf("韦小宝卖了%s。", th.zh), fmt.Sprintf("Xiaobao sold %s.", th.en)
		}
		zh = append(zh, para(z, ZH))
		en = append(en, para(e, EN))
		path = append(path, step{zh: []int{k}, en: []int{k}, score: 1})
	}
	d := CEDICT()
	v := vocabOf(en)
	learnt := learnLexicon(zh, v, path, d)
	if learnt == nil {
		t.Fatal("nothing learnt from 150 confident pairs")
	}
	has := func(i int, word string) bool {
		id, ok := v.ids[stem(word)]
		return ok && slices.Contains(learnt[i], id)
	}
	for _, tt := range []struct {
		i    int
		word string
		want bool
	}{
		{0, "empire", true},   // 天下 in pair 0
		{1, "xiaobao", true},  // 韦小宝 in pair 1
		{2, "empire", false},  // pair 2 has neither
		{2, "xiaobao", false}, // …
		{0, "xiaobao", false},
	} {
		if got := has(tt.i, tt.word); got != tt.want {
			t.Errorf("pair %d (%s) → %s: %v, want %v", tt.i, zh[tt.i].Text, tt.word, got, tt.want)
		}
	}
	// too few confident pairs: nothing learnt
	if l := learnLexicon(zh[:50], vocabOf(en[:50]), path[:50], d); l != nil {
		t.Error("learnt from 50 pairs")
	}
}

func TestGranularity(t *testing.T) {
	t.Parallel()
	sentZH := paras(ZH, "我们去了市场。", "市场很大。", "我们买了苹果。", "然后回家。", "晚上看了电影。", "第二天下雨了。")
	sentEN := paras(EN, "We went to the market.", "It was big.", "We bought apples.", "Then we went home.", "We watched a film.", "It rained the next day.")
	paraZH := paras(ZH, "我们去了市场。市场很大。", "我们买了苹果。然后回家。", "晚上看了电影。第二天下雨了。", "他来了。他走了。", "天晴了。我们出去了。")
	paraEN := paras(EN, "We went to the market. It was big.", "We bought apples. Then we went home.", "We watched a film. It rained the next day.", "He came. He left.", "It cleared. We went out.")
	for _, tt := range []struct {
		name   string
		zh, en []Paragraph
		want   Granularity
	}{
		{"sentence lines", sentZH, sentEN, LinesSentences},
		{"paragraph lines", paraZH, paraEN, LinesParagraphs},
		{"sentences against paragraphs", sentZH, paraEN, LinesSentencesZH},
		{"paragraphs against sentences", paraZH, sentEN, LinesSentencesEN},
		// a file of sentences with a few run together has about as many
		// lines as the other side's: not paragraphs
		{"sentences against sentences run together", sentZH, paras(EN, "We went to the market. It was big.", "We bought apples.", "Then we went home.", "We watched a film.", "It rained the next day.", "It was cold."), LinesParagraphs},
		{"too few lines", sentZH[:3], sentEN[:3], LinesParagraphs},
		// clauses a semicolon parts make one sentence
		{"clauses parted by semicolons", paras(ZH, "他走进屋里；屋里很暗。", "她点了灯；灯光很亮。", "他们坐下来；谁也不说话。", "窗外下着雨。", "夜深了；他站起来。", "她没有动。"),
			paras(EN, "He went into the room; it was dark.", "She lit the lamp; the light was bright.", "They sat down; neither spoke.", "It was raining outside.", "It was late; he stood up.", "She did not move."), LinesSentences},
		// a quotation and its speech tag on one line are one sentence
		{"dialogue with speech tags", paras(ZH, "“你去哪儿？”她问道。", "“去市场。”他说。", "“早点回来。”她说。", "他点点头。", "门关上了。", "“再见！”他喊道。"),
			paras(EN, `"Where are you going?" she asked.`, `"To the market," he said.`, `"Come back early," she said.`, "He nodded.", "The door closed.", `"Bye!" he called.`), LinesSentences},
		// a plain splitter cuts at 。！？ not followed by a closing quote
		// and at . ! ? before white space: a quotation and what follows it,
		// and a thought trailing off, stay on one line
		{"lines cut by a plain splitter", paras(ZH, "“我很快回来，爸爸。”回应我的只有无边的寂静。", "“天啊，别那样……”他的声音很轻，显然是累了。", "我怀疑他们没有采取任何措施……或许我不该这么做。", "他点点头。", "门关上了。", "雨下个不停。"),
			paras(EN, "they referred to me as “WRAITH.” Which was a pretty catchy name.", "“Al!” I whispered, giving a soft yell at his lack of response.", "Were they moving him to the… other city?", "He nodded.", "The door closed.", "It kept raining."), LinesSentences},
		// paragraphs of dialogue hold more than a quotation and its sequel
		{"paragraphs of dialogue", paras(ZH, "“你好。”他笑了笑。我们走吧。", "“去哪儿？”她问。他没有回答。", "天黑了。“回家吧。”他说。", "门开了。他走了进来。", "雨停了。我们出发了。"),
			paras(EN, "“Hello.” He smiled. Let's go.", "“Where to?” she asked. He did not answer.", "It grew dark. “Home,” he said.", "The door opened. He came in.", "The rain stopped. We set off."), LinesParagraphs},
	} {
		if got := granularityOf(tt.zh, tt.en); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestConfidenceMargin: a pair whose boundary could as well be drawn
// otherwise (one that took in a line with no translation, which its other
// neighbour might as well have taken) is shown as uncertain, the pairs with
// nothing to doubt are not; every kept pair has a confidence in (0, 1].
func TestConfidenceMargin(t *testing.T) {
	t.Parallel()
	zh := paras(ZH, "今天早上我们去了市场。", "是的。", "然后我们回家做午饭。", "下午我们在公园散步。", "晚上我们看了一部电影。", "第二天我们去了海边。")
	en := paras(EN, "This morning we went to the market.", "Then we went home to cook lunch.", "In the afternoon we walked in the park.", "In the evening we watched a film.", "The next day we went to the seaside.")
	path := alignWith(zh, en, sentencePriors)
	for _, s := range path {
		if len(s.zh) == 0 || len(s.en) == 0 || s.score < MinScore {
			continue
		}
		if s.conf <= 0 || s.conf > 1 {
			t.Errorf("pair %v–%v: confidence %v", s.zh, s.en, s.conf)
		}
		doubtful := slices.Contains(s.zh, 1) // 是的 has no translation of its own
		if doubtful && s.conf >= 0.7 || !doubtful && s.conf < 0.9 {
			t.Errorf("pair %v–%v: confidence %.3f (score %.3f); holding 是的: %v", s.zh, s.en, s.conf, s.score, doubtful)
		}
	}
}

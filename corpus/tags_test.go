package corpus

import (
	"slices"
	"testing"
)

// TestSpeechTagLines tells speech tags from other short narration.
func TestSpeechTagLines(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		prev, line string
		lang       Lang
		tag        bool
	}{
		{"“你好。”", "他说。", ZH, true},
		{"“你去哪里？”", "尼西忍不住问道。", ZH, true},
		{"“你去哪里？”", "地面上，尼西挣扎着爬了起来。", ZH, false}, // narration, no speech
		{"你去哪里？", "他说。", ZH, false},              // no quotation before it
		{`"You mean... we helped kill?"`, "Tenuk stuttered.", EN, true},
		{`"You alright?"`, "Nyssi couldn't help but ask.", EN, true},
		{`"Kayel, where are you?"`, "Below, Nyssi scrambled to her feet.", EN, false},
		{`"Fine."`, "She said it again, louder this time, to the whole room.", EN, false}, // too long
		{`"Fine."`, `"Really?" he asked.`, EN, false},                                     // a quotation of its own
	} {
		got := tagLine(para(c.prev, c.lang), para(c.line, c.lang), c.lang)
		if got != c.tag {
			t.Errorf("tagLine(%q, %q) = %v, want %v", c.prev, c.line, got, c.tag)
		}
	}
	for _, c := range []struct {
		line string
		lang Lang
		want bool
	}{
		{"“你好。”他说。", ZH, true},
		{"“你好。”", ZH, false},
		{"他说：“你好。”", ZH, false},
		{`"Where are you going?" she asked.`, EN, true},
		{`"Where are you going?"`, EN, false},
		{`He said "yes" and left the room without a word to anyone at all.`, EN, false},
	} {
		if got := inlineTag(para(c.line, c.lang), c.lang); got != c.want {
			t.Errorf("inlineTag(%q) = %v, want %v", c.line, got, c.want)
		}
	}
}

// TestJoinSpeechTags aligns dialogue whose English gives each speech tag a
// line of its own while the Chinese keeps them with their quotations: the
// tags are joined for the alignment, so each pair holds a quotation and
// its tag on both sides, and the path comes back in the document's lines.
func TestJoinSpeechTags(t *testing.T) {
	t.Parallel()
	zh := []string{"“你到底去哪儿了？”妈妈问道。", "“我在图书馆看书。”汤姆回答说。", "天已经黑了。", "“下次早点回来。”妈妈说。",
		"“好的，我保证。”汤姆说。", "他上楼回到自己的房间。"}
	en := []string{`"Where on earth have you been?"`, "Mom asked.", `"I was reading at the library."`, "Tom answered.",
		"It was already dark.", `"Come home earlier next time."`, "Mom said.", `"Okay, I promise."`, "Tom said.",
		"He went upstairs to his room."}
	pz, pe := paras(ZH, zh...), paras(EN, en...)
	zj, ej, zmap, emap := joinRuns(pz, pe, true)
	if zmap != nil || emap == nil || len(zj) != len(zh) || len(ej) != 6 {
		t.Fatalf("joined %d Chinese and %d English lines (maps %v, %v), want the English tags joined to 6 lines", len(zj), len(ej), zmap, emap)
	}
	want := [][2][]int{{{0}, {0, 1}}, {{1}, {2, 3}}, {{2}, {4}}, {{3}, {5, 6}}, {{4}, {7, 8}}, {{5}, {9}}}
	path := alignSteps(pz, pe)
	if len(path) != len(want) {
		t.Fatalf("path %v, want %v", path, want)
	}
	for k, s := range path {
		if !slices.Equal(s.zh, want[k][0]) || !slices.Equal(s.en, want[k][1]) {
			t.Errorf("step %d: %v ↔ %v, want %v ↔ %v", k, s.zh, s.en, want[k][0], want[k][1])
		}
	}
}

package corpus

import (
	"slices"
	"strings"
	"testing"

	"github.com/longbridgeapp/opencc"
)

// TestSimplified reads Traditional characters as Simplified, one for one,
// and aligns a Traditional text as its Simplified form.
func TestSimplified(t *testing.T) {
	t.Parallel()
	for in, want := range map[rune]rune{'說': '说', '條': '条', '萬': '万', '说': '说', 'a': 'a', '。': '。'} {
		if got := Simplified(in); got != want {
			t.Errorf("Simplified(%q) = %q, want %q", in, got, want)
		}
	}
	// what the aligner reads of structure, numbers, connectives and
	// speech tags, it reads of Traditional text folded to these
	for trad, want := range map[string]string{"第十五條": "第十五条", "第二節 總則": "第二节 总则", "一萬兩千": "一万两千",
		"因為下雨": "因为下雨", "於是他走了": "于是他走了", "他說。": "他说。"} {
		if got := strings.Map(Simplified, trad); got != want {
			t.Errorf("%q read as %q, want %q", trad, got, want)
		}
	}
	// headings are told when the text is read, before any alignment
	for _, c := range []struct {
		text    string
		heading bool
	}{{"第二節 總則", true}, {"第十五條", false}, {"第一章 總則", true}} {
		if IsHeading(c.text, ZH) != c.heading {
			t.Errorf("IsHeading(%q) = %v", c.text, !c.heading)
		}
	}
	simp := paras(ZH, "第十五条 海关应当及时通知。", "他说：“你好。”")
	if got := simplifiedParas(simp); &got[0] != &simp[0] {
		t.Error("Simplified paragraphs were copied")
	}
	cc, err := opencc.New("s2t")
	if err != nil {
		t.Fatal(err)
	}
	zh := []string{"你为什么来这里？", "真爱永远不会老。", "这个星期我一直在工作。", "我得写一封信。你有纸吗？",
		"警察小心地把箱子抬了起来。", "我们前面那座高楼是什么？", "我一点也不累。"}
	en := []string{"Why did you come here?", "True love never grows old.", "I worked all this week.",
		"The policeman carefully lifted the box.", "What is that tall building in front of us?", "I'm not tired at all."}
	trad := make([]string, len(zh))
	for i, s := range zh {
		if trad[i], err = cc.Convert(s); err != nil {
			t.Fatal(err)
		}
	}
	if trad[0] == zh[0] {
		t.Fatalf("%q has no Traditional form", zh[0])
	}
	if got := simplifiedParas(paras(ZH, trad...)); got[0].Text != zh[0] {
		t.Errorf("simplifiedParas(%q) = %q, want %q", trad[0], got[0].Text, zh[0])
	}
	want, got := alignSteps(paras(ZH, zh...), paras(EN, en...)), alignSteps(paras(ZH, trad...), paras(EN, en...))
	if !slices.EqualFunc(want, got, func(a, b step) bool {
		return slices.Equal(a.zh, b.zh) && slices.Equal(a.en, b.en) && a.score == b.score
	}) {
		t.Errorf("Traditional aligned as %v, Simplified as %v", got, want)
	}
}

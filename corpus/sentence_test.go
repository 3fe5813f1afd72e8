package corpus

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func sentenceTexts(text string, lang Lang) []string {
	var out []string
	for _, s := range Sentences(text, lang) {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		lang Lang
		in   string
		want []string
	}{
		{"chinese", ZH, "地是空虚混沌。渊面黑暗。神的灵运行在水面上。", []string{"地是空虚混沌。", "渊面黑暗。", "神的灵运行在水面上。"}},
		{"chinese quotes stay", ZH, "他说：“不要把她送走！她只是个孩子！”冰王皱起了眉头。", []string{"他说：“不要把她送走！", "她只是个孩子！”", "冰王皱起了眉头。"}},
		{"chinese ellipsis and semicolon", ZH, "等等……好吧；我们走。", []string{"等等……", "好吧；", "我们走。"}},
		{"chinese without an end", ZH, "全年最高判赔数额达3.17亿元", []string{"全年最高判赔数额达3.17亿元"}},
		{"english", EN, "In 2023, 91,000 IP cases were accepted. 53,000 cases were withdrawn. Is that all?", []string{"In 2023, 91,000 IP cases were accepted.", "53,000 cases were withdrawn.", "Is that all?"}},
		{"abbreviations and initials", EN, "Mr. Smith met J. R. Tolkien in the U.S. in Jan. 1950. They talked.", []string{"Mr. Smith met J. R. Tolkien in the U.S. in Jan. 1950.", "They talked."}},
		{"numbers and lower case", EN, "The rate was 57.4 per cent. e.g. this stays. Yes.", []string{"The rate was 57.4 per cent. e.g. this stays.", "Yes."}},
		{"quotes close", EN, `"Please!" Queen Eirwen begged, "don't send her away!" The Ice King looked down.`, []string{`"Please!"`, `Queen Eirwen begged, "don't send her away!"`, "The Ice King looked down."}},
		{"line breaks", EN, "First paragraph\nSecond one.", []string{"First paragraph", "Second one."}},
		{"empty", EN, "  ", nil},
		{"chinese url", ZH, "看这个：https://www.youtube.com/watch?v=WxsYTK8l_Gk 好吧？", []string{"看这个：https://www.youtube.com/watch?v=WxsYTK8l_Gk 好吧？"}},
		{"chinese ascii marks end", ZH, "真的吗?是的!走吧", []string{"真的吗?", "是的!", "走吧"}},
		{"emoji stays with its sentence", ZH, "要懂得放松。📺 锻炼有益。💪", []string{"要懂得放松。📺", "锻炼有益。💪"}},
		{"hashtags close a post", ZH, "轰出一记重炮。#DCU #MLS @user36", []string{"轰出一记重炮。#DCU #MLS @user36"}},
		{"a hashtag with words after it is a sentence", ZH, "好球。#DCU 下一场见。", []string{"好球。", "#DCU 下一场见。"}},
		{"a cashtag closes a post", ZH, "没有什么比他亏钱更让我高兴的了。$tslq", []string{"没有什么比他亏钱更让我高兴的了。$tslq"}},
		{"an emoticon closes a post", ZH, "发现了几只死鸟。已被风干。:(", []string{"发现了几只死鸟。", "已被风干。:("}},
		{"an arrow with its selector begins a sentence", ZH, "正在查找和替换……➡️省略符号，共有54个😅", []string{"正在查找和替换……", "➡️省略符号，共有54个😅"}},
		{"a family emoji stays whole", ZH, "我们回家了！👨‍👩‍👧 明天见。", []string{"我们回家了！👨‍👩‍👧", "明天见。"}},
		{"a question before lower case", EN, "you know what has semantic class names? css and class names", []string{"you know what has semantic class names?", "css and class names"}},
		{"a closed question before its speech tag", EN, "“What did you plan on using this time?” he asked. “Nothing!” she said.", []string{"“What did you plan on using this time?” he asked.", "“Nothing!” she said."}},
		{"a price begins a sentence", ZH, "哈哈！$3.74 涨起来。", []string{"哈哈！", "$3.74 涨起来。"}},
		{"an item number joins its item", EN, "You've got a choice:\n1.\nUse CSS\n2. Use templates.", []string{"You've got a choice:", "1.\nUse CSS", "2. Use templates."}},
		{"a chinese item number joins its item", ZH, "（一）\n依法查处。\n二、\n加强保护。", []string{"（一）\n依法查处。", "二、\n加强保护。"}},
		{"a lone item number at the end stays", EN, "Steps:\n3.", []string{"Steps:", "3."}},
		{"an ellipsis before lower case goes on", EN, "Were they moving him to the… other city? “You seem busy…” he said. It was… Then he left…", []string{"Were they moving him to the… other city?", "“You seem busy…” he said.", "It was…", "Then he left…"}},
		{"english emoji after a line break", EN, "Use both sides of the brain.\n🧠", []string{"Use both sides of the brain.\n🧠"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, sentenceTexts(tt.in, tt.lang)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("地是空虚混沌。渊面黑暗。", "zh")
	f.Add(`Mr. Smith said "Hi." Then left... OK?`, "en")
	f.Fuzz(func(t *testing.T, text, lang string) {
		if !utf8.ValidString(text) {
			return
		}
		last := 0
		for _, s := range Sentences(text, Lang(lang)) {
			if s.Start < last || s.End <= s.Start || s.End > len(text) || !utf8.ValidString(text[s.Start:s.End]) {
				t.Fatalf("bad span %+v after %d in %q", s, last, text)
			}
			last = s.End
		}
	})
}

func TestAlignSentences(t *testing.T) {
	t.Parallel()
	d, err := Sample()
	if err != nil {
		t.Fatal(err)
	}
	u := d.Units[8] // the judicial paragraph: 惩罚性赔偿 ↔ punitive damages
	if !strings.Contains(u.ZH, "惩罚性赔偿") {
		t.Fatal("unit 8 is not the judicial paragraph; the test is wrong")
	}
	a := AlignSentences(u.ZH, u.EN)
	if len(a.Links) < 3 {
		t.Fatalf("%d links for %d zh and %d en sentences", len(a.Links), len(a.ZH), len(a.EN))
	}
	found := false
	for _, l := range a.Links {
		var zh, en string
		for _, i := range l.ZH {
			zh += u.ZH[a.ZH[i].Start:a.ZH[i].End]
		}
		for _, j := range l.EN {
			en += u.EN[a.EN[j].Start:a.EN[j].End]
		}
		if strings.Contains(zh, "惩罚性赔偿") {
			found = true
			if !strings.Contains(en, "punitive damages") {
				t.Errorf("the sentence with 惩罚性赔偿 is linked to %q", en)
			}
		}
	}
	if !found {
		t.Error("the sentence with 惩罚性赔偿 has no link")
	}
	// what Encode writes, Decode reads back (link scores in whole percent)
	b, ok := DecodeSentenceAlignment(a.Encode())
	if !ok {
		t.Fatalf("cannot decode %q", a.Encode())
	}
	scored := 0
	for i := range a.Links {
		if a.Links[i].Score > 0 {
			scored++
		}
		a.Links[i].Score = float64(int(a.Links[i].Score*100+0.5)) / 100
	}
	if scored == 0 {
		t.Error("no link of a many-sentence pair has a score")
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	// an alignment written without link scores still reads
	if old, ok := DecodeSentenceAlignment("0-3,3-6;0-4,4-9;0:0,1:1"); !ok || len(old.Links) != 2 || old.Links[1].Score != 0 {
		t.Errorf("the unscored form reads as %+v, %v", old, ok)
	}
	for _, bad := range []string{"", "1-2", "0-5;0-3;0:1", "5-1;;", "a-b;;", "0-1;0-1;0:0,", "0-1;0-1;0:0:0", "0-1;0-1;0:0@0", "0-1;0-1;0:0@101", "0-1;0-1;0:0@", "0-1;0-1;0:0@x"} {
		if _, ok := DecodeSentenceAlignment(bad); ok {
			t.Errorf("decoded %q", bad)
		}
	}
}

package corpus

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestIsHeading(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		lang Lang
		want bool
	}{
		{"I. High-Level Overall Planning and Promotion of IPR Protection", EN, true},
		{"IV. All-round Promotion of Coordinated IPR Protection", EN, true},
		{"一、加强统筹谋划", ZH, true},
		{"（三）强化版权执法监管", ZH, true},
		{"20 (略) 知识产权保护状况", ZH, true},
		{"加强统筹谋划。 (略) 委、省政府高度重视知识产权保护工作。", ZH, false},
		{"IP serves the development of the Greater Bay Area.", EN, false},
		{"In 2023, Guangdong consistently followed the guidance of Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era and implemented", EN, false},
		// items of a numbered list are no headings
		{"（一）商标专用权；", ZH, false},
		{"「好的！」", ZH, false}, // a line of dialogue in corner brackets, as Taiwan and Hong Kong print it
		{"『我不去。』", ZH, false},
		{"（三）专利权。", ZH, false},
		{"1. the application documents are incomplete;", EN, false},
		{"2. Scope of application", EN, true},
		{"第一章 总则", ZH, true},
		// a division's number makes a longer English line a heading too
		{"Chapter III Application for Detention of Suspected Infringing Goods and Its Handling", EN, true},
		{"PART TWO THE RIGHTS AND OBLIGATIONS OF THE PARTIES TO A CONTRACT OF SALE OF GOODS", EN, true},
		{"Section 3 of the Act provides that the customs shall detain the goods.", EN, false},
		{"Chapters of this book were written over ten years and revised once more for this new edition", EN, false},
		{"Part civil servants, part volunteers, the inspectors worked through the night at the border", EN, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := IsHeading(tt.in, tt.lang); got != tt.want {
				t.Errorf("IsHeading(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// seedParagraphs reads the sample's paragraphs as the reader sees them.
func seedParagraphs(t *testing.T) []Paragraph {
	t.Helper()
	text, err := Decode(SampleName, SampleText())
	if err != nil {
		t.Fatal(err)
	}
	return Paragraphs(text)
}

func TestSeedParagraphs(t *testing.T) {
	t.Parallel()
	ps := seedParagraphs(t)
	count := map[Lang]int{}
	var headings []string
	for _, p := range ps {
		count[p.Lang]++
		if p.Heading {
			headings = append(headings, p.Text)
		}
	}
	// 30 Chinese paragraphs plus the title; 14 English paragraphs plus 4 headings
	if diff := cmp.Diff(map[Lang]int{ZH: 31, EN: 18}, count); diff != "" {
		t.Errorf("paragraphs per language (-want +got):\n%s", diff)
	}
	wantHeadings := []string{
		"20 (略) 知识产权保护状况",
		"I. High-Level Overall Planning and Promotion of IPR Protection",
		"II. Strict Judicial Protection for IPR",
		"III. Enhancement of IPR Administrative Protection",
		"IV. All-round Promotion of Coordinated IPR Protection",
	}
	if diff := cmp.Diff(wantHeadings, headings); diff != "" {
		t.Errorf("headings (-want +got):\n%s", diff)
	}
}

// TestSeedAlignment checks the sample against its known structure: the
// English body paragraphs of sections I–III and the introduction pair with
// their Chinese sources (told by their opening words), the headings, the
// title and the Chinese paragraphs with no English stay unpaired, and the
// truncated last English paragraph pairs with its source or with nothing.
func TestSeedAlignment(t *testing.T) {
	t.Parallel()
	d, err := Sample()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{ // English opening → Chinese opening
		"In 2023, Guangdong consistently":              "2023年,广东坚持",
		"The overall planning for IP":                  "加强统筹谋划",
		"Legal support for IPR":                        "强化法治保障",
		"Exemplary demonstrations of IP":               "加强典型示范",
		"IP serves the development":                    "服务湾区发展",
		"Guangdong has fully leveraged":                "充分发挥知识产权审判职能作用",
		"Law-based procuratorial functions":            "持续加强知识产权检察工作",
		"IPR infringement crime":                       "严厉打击侵犯知识产权犯罪",
		"Administrative law enforcement for IPR":       "持续加强知识产权行政执法",
		"Administrative adjudication":                  "大力加强行政裁决工作",
		"Administrative law enforcement and":           "强化版权执法监管",
		"Cuhttp://** for IPR protection":               "强化知识产权海关执法",
		"IPR protection in key areas":                  "强化重点领域知识产权服务保障",
		"The coordinated IPR protection mechanism has": "健全知识产权协同保护体系", // truncated: may also stay unpaired
	}
	truncated := "The coordinated IPR protection mechanism has"
	paired := map[string]bool{}
	for _, u := range d.Units {
		if u.Seq != 0 && d.Units[u.Seq-1].Seq != u.Seq-1 {
			t.Fatalf("units not numbered in order at %d", u.Seq)
		}
		if !u.Paired() {
			if u.Score != 0 {
				t.Errorf("unpaired unit %d has score %v", u.Seq, u.Score)
			}
			continue
		}
		found := false
		for en, zh := range want {
			if strings.HasPrefix(u.EN, en) {
				found = true
				paired[en] = true
				if !strings.HasPrefix(u.ZH, zh) {
					t.Errorf("%q… paired with %q…, want %q…", en, first(u.ZH, 12), zh)
				}
			}
		}
		if !found {
			t.Errorf("unexpected pair %q… ↔ %q…", first(u.ZH, 12), first(u.EN, 30))
		}
		// the confidence: the pair's fit weighed by its margin
		if u.Score <= 0 || u.Score > 1 {
			t.Errorf("pair %d has confidence %v outside (0,1]", u.Seq, u.Score)
		}
	}
	for en := range want {
		if !paired[en] && en != truncated {
			t.Errorf("%q… was not paired", en)
		}
	}
	if d.Title != "20 (略) 知识产权保护状况" {
		t.Errorf("title = %q", d.Title)
	}
	// nothing lost: every paragraph of the source is in exactly one unit
	var got []string
	for _, u := range d.Units {
		for _, s := range []string{u.ZH, u.EN} {
			if s != "" {
				got = append(got, s)
			}
		}
	}
	var src []string
	for _, p := range seedParagraphs(t) {
		src = append(src, p.Text)
	}
	if diff := cmp.Diff(sorted(src), sorted(got)); diff != "" {
		t.Errorf("paragraphs lost or duplicated (-source +units):\n%s", diff)
	}
	// the Chinese paragraphs of the later sections have no English
	for _, u := range d.Units {
		if strings.HasPrefix(u.ZH, "运用地理标志助力乡村振兴") && u.EN != "" {
			t.Errorf("乡村振兴 paragraph paired with %q", first(u.EN, 40))
		}
	}
}

func first(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func TestAlignEdgeCases(t *testing.T) {
	t.Parallel()
	zh := []Paragraph{{Text: "我们在2023年处理了9,686件案件。", Lang: ZH}, {Text: "第二段文字比较长，讲的是另外一件事情，没有数字。", Lang: ZH}}
	en := []Paragraph{{Text: "In 2023 we handled 9,686 cases.", Lang: EN}, {Text: "The second paragraph is longer and talks about something else, with no numbers.", Lang: EN}}
	tests := []struct {
		name   string
		zh, en []Paragraph
		pairs  int
		units  int
	}{
		{"empty", nil, nil, 0, 0},
		{"chinese only", zh, nil, 0, 2},
		{"english only", nil, en, 0, 2},
		{"two pairs", zh, en, 2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			units := Align(tt.zh, tt.en)
			pairs := 0
			for _, u := range units {
				if u.Paired() {
					pairs++
				}
			}
			if pairs != tt.pairs || len(units) != tt.units {
				t.Errorf("got %d units, %d pairs; want %d units, %d pairs", len(units), pairs, tt.units, tt.pairs)
			}
		})
	}
}

func TestAnchors(t *testing.T) {
	t.Parallel()
	zh := anchorsOf("新收案件9.1万件，最高判赔3.17亿元，调撤率为57.4%，WIPO", ZH)
	en := anchorsOf("91,000 cases, 317 million yuan, a rate of 57.4%, WIPO", EN)
	if diff := cmp.Diff([]string{"3.17e+08", "57.4%", "91000"}, zh.nums); diff != "" {
		t.Errorf("zh numbers (-want +got):\n%s", diff)
	}
	if common(zh.nums, en.nums) != 3 || common(zh.words, en.words) != 1 {
		t.Errorf("shared: %d numbers, %d words (zh %+v, en %+v)", common(zh.nums, en.nums), common(zh.words, en.words), zh, en)
	}
	// the units in Traditional characters, as Taiwan and Hong Kong write them
	if tw := anchorsOf("新收案件9.1萬件，最高判賠3.17億元，調撤率為57.4%", ZH); !slices.Equal(tw.nums, zh.nums) {
		t.Errorf("Traditional numbers %v, want %v", tw.nums, zh.nums)
	}
}

func TestSectionNumber(t *testing.T) {
	t.Parallel()
	tests := map[string]int{
		"I. High-Level Overall Planning": 1,
		"IV. All-round Promotion":        4,
		"XII. Annex":                     12,
		"一、加强统筹谋划":                       1,
		"十二、附则":                          12,
		"二十三、其他":                         23,
		"（三）强化版权执法":                      3,
		"第四章 附则":                         4,
		"3. Results":                     3,
		"In 2023, Guangdong":             0,
		"加强统筹谋划。":                        0,
		"3.17亿元的赔偿":                      0,
		"3.第1、2、3节等的HTML":                3, // no space after the dot in Chinese
		"2．使用带插槽的模板":                     2,
		"2.5万件":                          0,
		"(a) exclusive rights":           1, // lettered items, as many statutes number them
		"(c) patents;":                   3,
		"(i) the holder's name;":         1, // a sub-item, in roman numerals
		"(iv) its nationality;":          4,
		"(x) other rights":               10,
		"(ab) no item":                   0,
		"(A) no item either":             0,
		"Chapter III General Provisions": 3, // an English division meets 第三章
		"CHAPTER TWENTY-ONE":             21,
		"Part Two":                       2,
		"Book forty five":                45,
		"第一回 甄士隐梦幻识通灵":                   1, // a novel's chapter
		"第三卷 风起":                         3,
		"Chapter and verse":              0,
		"Part of the plan failed.":       0,
		"第1章 风起":                         1, // a web novel's chapter, in digits
		"第123章 大结局":                      123,
		"第1部":                            1, // an ordinance's part
		"第二部":                            2,
		"三部门联合发布":                        0, // 部 without 第 is no division
	}
	for in, want := range tests {
		got, ok := sectionNumber(in)
		if got != want || ok != (want > 0) {
			t.Errorf("sectionNumber(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	zh, en := anchorsOf("一、加强统筹谋划", ZH), anchorsOf("I. High-Level Overall Planning", EN)
	if common(zh.nums, en.nums) != 1 {
		t.Errorf("一、 and I. share no anchor: %v %v", zh.nums, en.nums)
	}
	// an article meets its translation, and not the chapter of the same number
	for _, tt := range []struct {
		zh, en string
		shared int
	}{
		{"第十五条 海关应当及时通知。", "Article 15 The Customs shall promptly notify.", 1},
		{"第3条 本条例自公布之日起施行。", "Article 3 These Regulations come into force.", 1},
		{"第三条 国家禁止侵犯知识产权的货物进出口。", "Chapter III Application for Detention", 0},
		{"第十五条 海关应当及时通知。", "Article 16 The Customs shall notify.", 0},
	} {
		zh, en := anchorsOf(tt.zh, ZH), anchorsOf(tt.en, EN)
		if got := common(zh.nums, en.nums); got != tt.shared {
			t.Errorf("%q and %q share %d anchors, want %d (%v, %v)", tt.zh, tt.en, got, tt.shared, zh.nums, en.nums)
		}
	}
}

// TestTitleIsNotASection: the units under a document's title carry no
// section until the first heading after it.
func TestTitleIsNotASection(t *testing.T) {
	t.Parallel()
	d, err := Sample()
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string]bool{}
	for _, u := range d.Units {
		if u.Section == d.Title || u.Section != "" && (strings.Contains(d.Title, u.Section) || u.Section == d.Units[0].ZH || u.Section == d.Units[0].EN) {
			t.Errorf("unit %d has the title %q as its section", u.Seq, u.Section)
		}
		sections[u.Section] = true
	}
	if len(sections) < 4 {
		t.Errorf("sections %v: the sample's headings should still make sections", sections)
	}
}

// TestArticlesMeet drops, one at a time, each English article of the
// statute (a translation that left one out): no Chinese article may then
// pair with an English article of another number, and the Chinese article
// left without its translation stays unpaired.
func TestArticlesMeet(t *testing.T) {
	t.Parallel()
	zh, en := statute(t)
	for drop := range en {
		n, ok := articleNumber(en[drop].Text)
		if !ok {
			continue
		}
		cut := append(slices.Clone(en[:drop]), en[drop+1:]...)
		for _, u := range Align(zh, cut) {
			if u.ZH == "" || u.EN == "" {
				continue
			}
			a, aok := articleNumber(u.ZH)
			b, bok := articleNumber(u.EN)
			if aok && bok && a != b || aok && a == n {
				t.Errorf("without Article %d: %.30q paired with %.40q", n, u.ZH, u.EN)
			}
		}
	}
}

// TestQuoteCounts counts the quotation marks a line leaves open (or closes
// without opening) and the speeches it quotes.
func TestQuoteCounts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text              string
		lang              Lang
		balance, speeches int
	}{
		{"“那是……", ZH, 1, 1}, // open at the end: a speech the next line goes on with
		{"坦托·卡特奥隆……”", ZH, -1, 0},
		{"他说：“走吧。”", ZH, 0, 1},
		{"「你好」，她说。", ZH, 0, 1},           // a mark just after it ends it …
		{`"Hello," she said.`, EN, 0, 1}, // … as one inside does
		{`"That was... one of the weirder shadowjumps I've ever done...`, EN, 1, 1},
		{`Thanto kat'olon..."`, EN, -1, 0},
		{`"I suppose at least I got pictures?"`, EN, 0, 1},
		{`He warned: "The Russians might face challenges. "`, EN, 0, 1}, // tokenised: a space before the closing mark
		{`significance . "`, EN, -1, 0},
		{`Matheson spoke of how the "heightened winter pressure" was "not unique to Scotland."`, EN, 0, 1},
		{`Matheson spoke of the "heightened winter pressure" in his speech.`, EN, 0, 0}, // a quoted term
		{"这不是“普通”眼镜。", ZH, 0, 0},                                                        // likewise
		{"人们称他们为“失足者”。", ZH, 0, 1},                                                      // a term that ends a sentence counts on both sides alike …
		{`They are called the "fallen."`, EN, 0, 1},                                     // … as American punctuation puts the full stop inside
		{"No quotation at all.", EN, 0, 0},
		{"‘I’m going,’ he said. ‘Don’t wait.’", EN, 0, 2},
		{"‘That was... one of the weirder jumps I’ve ever done...", EN, 1, 1},
		{"Thanto kat’olon...’", EN, -1, 0},
		{"The dogs’ bowls were empty.", EN, 0, 0},
		{"We are heading out with the 1st Armored Platoon at 0500’", EN, -1, 0},
		{"这真是既‘方便’又不‘方便’。”", ZH, -1, 1}, // the second term ends a sentence
		{"“好的！回头见？”", ZH, 0, 1},
		{"艾弗里问道，边站起身来，穿过乱七八糟的纸张和笔记本。", ZH, 0, 0},
		{`"Okay! See ya later?" Ivory asked, standing up.`, EN, 0, 1},
		{"“嗯……谢谢……我想……” 卡耶尔耸耸肩。“那么，我们完成任务了吗？”", ZH, 0, 2},
		{"军士们，给你们15分钟时间。”", ZH, -1, 0}, // closes one opened before
	}
	for _, tt := range tests {
		if b, s := quoteCounts(tt.text, tt.lang); b != tt.balance || s != tt.speeches {
			t.Errorf("quoteCounts(%q) = %d, %d, want %d, %d", tt.text, b, s, tt.balance, tt.speeches)
		}
	}
}

// TestQuotesMeet aligns dialogue one sentence a line, where the Chinese
// cut a quoted speech after its first words (“那是……) and the English did
// not: the line that opens the speech belongs with the English line that
// opens it, not with the narration before it.
func TestQuotesMeet(t *testing.T) {
	t.Parallel()
	zh := []string{
		"突然传来一声枪响，怪物顿时陷入沉寂，倒在地上一动不动。",
		"周围的黑暗消散，重新遇见光明。",
		"卡耶尔站在这头怪物的前面，他手持步枪，喘着粗气。",
		"“那是……",
		"这是我做过的最奇怪的暗影跳跃之一……",
		"坦托·卡特奥隆……”",
		"卡耶尔喘着粗气。",
		"不知何故，他眼里闪烁着黑色的光芒，一股黑暗的能量在他体内涌动。",
	}
	en := []string{
		"A gunshot suddenly filled the air, and the monster fell silent, collapsing on the ground and remaining still.",
		"The darkness all around them dissipated, revealing what had happened.",
		"Standing on top of the creature was Kayel, holding his rifle and breathing heavily.",
		`"That was... one of the weirder shadowjumps I've ever done...`,
		`Thanto kat'olon..."`,
		"Kayel gasped for air.",
		"His eyes somehow were glowing black, and a dark energy drifted across his body.",
	}
	pz, pe := paras(ZH, zh...), paras(EN, en...)
	for _, s := range alignWith(pz, pe, sentencePriors) {
		if slices.Contains(s.zh, 3) && len(s.en) > 0 && !slices.Contains(s.en, 3) {
			t.Errorf("%q went with %v, not with the English line that opens the speech", zh[3], s.en)
		}
		if slices.Contains(s.en, 2) && slices.Contains(s.zh, 3) {
			t.Errorf("the narration %q took the opening of the speech", en[2])
		}
	}
}

// TestItemMeetsHeading pairs a Chinese list item the reader took for a
// numbered heading (no full stop at its end) with its English translation,
// an item of the same number that ends with one: a numbered heading pairs
// only with a heading, or with an item of its own number.
func TestItemMeetsHeading(t *testing.T) {
	t.Parallel()
	zh := []string{"你可以选择如何重新排列这些部分：", "1.使用CSS", "2.使用带插槽的模板", "然后，浏览器将确保在网页上第7节上方插入第1节到第6节。"}
	en := []string{"You've got a choice for reordering the parts:", "1. Use CSS.", "2. Use a template with slots.", "The browser would then make sure to insert the sections 1 to 6 above section 7 on the web page."}
	pz, pe := paras(ZH, zh...), paras(EN, en...)
	if !pz[1].Heading || pe[1].Heading {
		t.Fatalf("the test expects %q read as a heading and %q as an item", zh[1], en[1])
	}
	units := Align(pz, pe)
	for k := 1; k <= 2; k++ {
		found := false
		for _, u := range units {
			if u.ZH == zh[k] && u.EN == en[k] {
				found = true
			}
		}
		if !found {
			t.Errorf("%q did not pair with %q: %+v", zh[k], en[k], units)
		}
	}
	// a heading of another number still does not pair with the item
	x := featuresOf(pz[1], ZH, CEDICT())
	y := featuresOf(pe[2], EN, CEDICT())
	a := aligner{ratio: 3, logRatio: math.Log(3)}
	if c := a.pairCost(&x, &y); !math.IsInf(c, 1) {
		t.Errorf("heading 1. paired with item 2. at cost %v", c)
	}
}

// TestShortLineMerges: one sentence a line, a short line without a full
// stop (taken for a heading) may join its neighbour when the translation
// ran the two together; a numbered heading still may not.
func TestShortLineMerges(t *testing.T) {
	t.Parallel()
	zh := []string{
		"我喜欢为我的群友们烹饪烘焙。",
		"我不喜欢这样",
		"天哪，人们真的会在三角函数课外的场合用到它？？？",
		"当《办公室》还在播出时，每到周四，我都会叫上朋友，点份披萨，聚在一起观看。",
	}
	en := []string{
		"I loved cooking and baking for my posse.",
		"i do not like this, oh god, people actually use that outside of trigonometry class???",
		"When The Office was still on the air, my friends and i would order pizza and get together to watch it every thursday.",
	}
	pz, pe := paras(ZH, zh...), paras(EN, en...)
	if !pz[1].Heading {
		t.Fatalf("the test expects %q taken for a heading", zh[1])
	}
	got := alignWith(pz, pe, sentencePriors)
	want := bead{zh: []int{1, 2}, en: []int{1}}
	if !slices.ContainsFunc(got, func(s step) bool { return bead{s.zh, s.en}.key() == want.key() }) {
		t.Errorf("%q and the line after it did not pair with %q: %v", zh[1], en[1], got)
	}
	// a numbered heading does not merge
	pz[1] = para("三、我不喜欢这样", ZH)
	for _, s := range alignWith(pz, pe, sentencePriors) {
		if len(s.zh) > 1 && slices.Contains(s.zh, 1) {
			t.Errorf("the numbered heading %q merged: %v", pz[1].Text, s)
		}
	}
}

// TestRefine moves a line the path gave the wrong pair across the
// boundary to the pair whose other side holds its words, and leaves a
// line that has no better place where it is.
func TestRefine(t *testing.T) {
	t.Parallel()
	zh := []string{"我们今天去了市场买苹果和香蕉。", "晚上我们在家里看电影，吃晚饭，然后睡觉。", "我很累。"}
	en := []string{"Today we went to the market to buy apples and bananas.", "In the evening we watched a movie at home, ate dinner and then went to sleep. I am very tired."}
	fz, fe := featuresOfLines(zh, ZH), featuresOfLines(en, EN)
	a := aligner{fz: fz, fe: fe, skip: 2.5}
	a.setRatio(3)
	path := []step{{zh: []int{0, 1}, en: []int{0}, score: 0.9, conf: 0.8}, {zh: []int{2}, en: []int{1}, score: 0.9, conf: 0.8}}
	a.refine(path)
	want := []step{{zh: []int{0}, en: []int{0}}, {zh: []int{1, 2}, en: []int{1}}}
	for k := range want {
		if !slices.Equal(path[k].zh, want[k].zh) || !slices.Equal(path[k].en, want[k].en) {
			t.Fatalf("refined path %v, want %v", path, want)
		}
		if path[k].conf <= 0 || path[k].conf > path[k].score {
			t.Errorf("pair %v: confidence %v with score %v", path[k], path[k].conf, path[k].score)
		}
	}
	// refined again, nothing moves
	again := slices.Clone(path)
	a.refine(again)
	for k := range again {
		if !slices.Equal(again[k].zh, path[k].zh) || !slices.Equal(again[k].en, path[k].en) {
			t.Errorf("a second refine moved %v to %v", path[k], again[k])
		}
	}
}

// TestRefineKeepsHeadings: a line does not move into a pair that holds a
// numbered heading, which pairs one to one.
func TestRefineKeepsHeadings(t *testing.T) {
	t.Parallel()
	zh := []string{"我们今天去了市场买苹果和香蕉。", "晚上我们在家里看电影，吃晚饭，然后睡觉。", "二、晚上看电影吃晚饭睡觉"}
	en := []string{"Today we went to the market to buy apples and bananas.", "II. In the evening we watched a movie at home, ate dinner and then went to sleep"}
	fz, fe := featuresOfLines(zh, ZH), featuresOfLines(en, EN)
	if !fz[2].numbered || !fe[1].numbered {
		t.Fatalf("the test expects numbered headings: %q %q", zh[2], en[1])
	}
	a := aligner{fz: fz, fe: fe, skip: 2.5}
	a.setRatio(3)
	path := []step{{zh: []int{0, 1}, en: []int{0}, score: 0.9, conf: 0.8}, {zh: []int{2}, en: []int{1}, score: 0.9, conf: 0.8}}
	a.refine(path)
	if !slices.Equal(path[1].zh, []int{2}) || !slices.Equal(path[1].en, []int{1}) {
		t.Errorf("a line moved into the heading pair: %v", path)
	}
}

// TestArticleLabels aligns the statute with each article's number on a line
// of its own on one side or both ("Article 15", then the text), as
// paragraphs and as sentence lines: the number goes with its article's
// text. It was a heading that could not join a merge, and the English text
// of the article, or its number, was left unpaired.
func TestArticleLabels(t *testing.T) {
	t.Parallel()
	for _, sides := range []string{"en", "zh", "zh en"} {
		for _, pr := range []struct {
			name string
			p    priors
		}{{"paragraphs", paragraphPriors}, {"sentences", sentencePriors}} {
			g := statuteLabels(t, sides)
			found := alignWith(g.zh, g.en, pr.p)
			f := linkScore(g, found)
			if f.Precision < 1 || f.Recall < 1 {
				t.Errorf("labels on %q, as %s: links P %.3f R %.3f", sides, pr.name, f.Precision, f.Recall)
			}
		}
	}
	for s, lang := range map[string]Lang{"Article 15": EN, "第十五条": ZH, "Article 3.": EN, "第三条：": ZH, "Art. 7": EN} {
		if IsHeading(s, lang) || !articleLabel(s) {
			t.Errorf("%q: a heading %v, an article label %v", s, IsHeading(s, lang), articleLabel(s))
		}
	}
	if articleLabel("Article 15 The patentee shall") || articleLabel("第十五条 专利权人") {
		t.Error("an article with its text taken for a label alone")
	}
}

// TestItemListsInline aligns the statute with each article's items inside
// its paragraph on one side (…保护：（一）…；（二）…) and on lines of their own on
// the other: the article and all its items make one pair. Without joining
// the item lines the paragraph settings, which have no bead that large,
// left a third of the links out.
func TestItemListsInline(t *testing.T) {
	t.Parallel()
	zh, numbered := statute(t)
	// the English items numbered (1), (a) or (i), as statutes' translations do
	item := regexp.MustCompile(`^\((\d+)\)`)
	for _, style := range []string{"1", "a", "i"} {
		en := make([]Paragraph, len(numbered))
		for k, p := range numbered {
			en[k] = para(item.ReplaceAllStringFunc(p.Text, func(m string) string {
				n, _ := strconv.Atoi(m[1 : len(m)-1])
				switch style {
				case "a":
					return "(" + string(rune('a'+n-1)) + ")"
				case "i":
					return "(" + strings.ToLower(romanOf(n)) + ")"
				}
				return m
			}), EN)
		}
		itemListsInline(t, style, zh, en)
	}
	// references and plurals are no items
	if in, _ := inlineItems([]Paragraph{para("Under Article 5(1) and 5(a), the file(s) stay.", EN)}); in != 0 {
		t.Errorf("a reference read as a list: %d", in)
	}
	if in, _ := inlineItems([]Paragraph{para("下列权利：（一）商标专用权；（二）著作权。", ZH)}); in != 1 {
		t.Errorf("an inline list not found: %d", in)
	}
	if in, _ := inlineItems([]Paragraph{para("the following rights: (a) trademarks; (b) copyright.", EN)}); in != 1 {
		t.Errorf("a lettered inline list not found: %d", in)
	}
}

// romanOf writes n (1 to 39) in roman numerals.
func romanOf(n int) string {
	return strings.Repeat("X", n/10) + []string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"}[n%10]
}

// itemListsInline aligns the statute with the items of each article
// inside the article's paragraph on one side and a line each on the other.
func itemListsInline(t *testing.T, style string, zh, en []Paragraph) {
	for _, side := range []string{"zh", "en"} {
		g := joinedStatute(zh, en, side, func(Paragraph) bool { return true }, itemLine)
		found := alignSteps(g.zh, g.en)
		f := linkScore(g, found)
		if f.Precision < 1 || f.Recall < 1 {
			t.Errorf("items (%s) inline on the %s side: links P %.3f R %.3f", style, side, f.Precision, f.Recall)
		}
	}
}

// TestDivisionTitles aligns the statute with each chapter's number on a
// line of its own and its title on the next (第一章, 总则) on one side or
// both: the title goes with the other side's "Chapter I General
// Provisions". Left as it was, the title stayed unpaired.
func TestDivisionTitles(t *testing.T) {
	t.Parallel()
	zhDiv := regexp.MustCompile(`^第[一二三四五六七八九十]+章\s*`)
	enDiv := regexp.MustCompile(`^Chapter [IVX]+\s+`)
	for _, sides := range []string{"zh", "en", "zh en"} {
		g := statuteCut(t, sides, zhDiv, enDiv)
		f := linkScore(g, alignSteps(g.zh, g.en))
		if f.Precision < 1 || f.Recall < 1 {
			t.Errorf("chapter titles on their own lines on %q: links P %.3f R %.3f", sides, f.Precision, f.Recall)
		}
	}
}

// featuresOfLines is what the aligner compares lines by.
func featuresOfLines(lines []string, lang Lang) []features {
	var out []features
	for _, p := range paras(lang, lines...) {
		out = append(out, featuresOf(p, lang, CEDICT()))
	}
	return out
}

// linkScore scores a path's links against a gold set, the pairs found
// inside one gold bead joined first.
func linkScore(g goldSet, path []step) prf {
	found, _ := coarsen(g.beads, beadsOf(path))
	var f prf
	f.add(linksOf(g.beads), linksOf(found))
	f.finish()
	return f
}

// TestQuestionsMeet leaves a question without its translation unpaired,
// one sentence a line: without the question marks weighed, it rode along
// with the statement before it ("Tears ran down my face." + "Is anyone
// inside?" ↔ 眼泪从我脸上流下来。), whose evidence it did not weaken.
func TestQuestionsMeet(t *testing.T) {
	t.Parallel()
	zh := []string{"困了就告诉我。", "汤姆很小气。", "怎么了？", "汤姆出什么事了？", "眼泪从我的脸上流了下来。",
		"告诉我发生了什么事。", "天空变得越来越暗了。", "这件事是什么时候发生的？", "天下没有免费的午餐。"}
	en := []string{"Tell me when you get sleepy.", "Tom is stingy.", "What's wrong?", "What happened to Tom?",
		"Tears ran down my face.", "Is anyone inside?", "Tell me what happened.", "The sky became darker and darker.",
		"When did this happen?"}
	if with := pairedWith(zh, en, EN, 5); with != nil {
		t.Errorf("%q went with %v, though no Chinese line asks it", en[5], with)
	}
}

// pairedWith aligns sentence lines and tells what line k of side lang
// went with: nil when it stayed unpaired.
func pairedWith(zh, en []string, lang Lang, k int) []int {
	for _, s := range alignWith(paras(ZH, zh...), paras(EN, en...), sentencePriors) {
		if lang == ZH && slices.Contains(s.zh, k) {
			return s.en
		}
		if lang == EN && slices.Contains(s.en, k) {
			return s.zh
		}
	}
	return nil
}

// TestSectionsAsArticles reads a translation's sections as articles when it
// numbers the Chinese articles so and never writes "Article".
func TestSectionsAsArticles(t *testing.T) {
	t.Parallel()
	zh := paras(ZH, "第一章 总则", "第一条", "为了实施知识产权海关保护，制定本条例。", "第二条", "本条例所称知识产权海关保护，是指海关实施的保护。")
	for _, c := range []struct {
		name string
		en   []string
		want []string // the lines read anew, nil: none
	}{
		{"sections for articles", []string{"Chapter I General Provisions", "Section 1", "These Regulations are formulated.", "§ 2", "Protection means the protection by the Customs."},
			[]string{"Chapter I General Provisions", "Article 1", "These Regulations are formulated.", "Article 2", "Protection means the protection by the Customs."}},
		{"sections beside articles are divisions", []string{"Section 1 General Rules", "Article 1 These Regulations are formulated.", "Section 2 Protection", "Article 2 Protection means the protection by the Customs."}, nil},
		{"one section is no pattern", []string{"Section 1", "These Regulations are formulated.", "Protection means the protection by the Customs."}, nil},
	} {
		en := paras(EN, c.en...)
		got := sectionsAsArticles(zh, en)
		if c.want == nil {
			if &got[0] != &en[0] {
				t.Errorf("%s: read anew as %v", c.name, got)
			}
			continue
		}
		for i, p := range got {
			if p.Text != c.want[i] || p.Heading != IsHeading(c.want[i], EN) {
				t.Errorf("%s: line %d read as %q (heading %v), want %q", c.name, i, p.Text, p.Heading, c.want[i])
			}
		}
		if en[1].Text != c.en[1] {
			t.Errorf("%s: the paragraphs given were changed", c.name)
		}
	}
}

// TestTitleRunIn pairs a title the translation ran into its first
// paragraph with both, as paragraphs: a line taken for a heading, without a
// number, may join its neighbour's pair at a cost.
func TestTitleRunIn(t *testing.T) {
	t.Parallel()
	zh := []string{"政治体系的替罪羊", "在最近一起事件中，部长被指控挪用了资金。她否认了这些指控。", "另一段关于天气的话。今天下雨了。"}
	en := []string{"The scapegoat of a political system. In a recent incident, the minister was accused of misusing funds. She denied the accusations.",
		"Another paragraph about the weather. It rained today."}
	path := alignWith(paras(ZH, zh...), paras(EN, en...), paragraphPriors)
	if len(path) == 0 || !slices.Equal(path[0].zh, []int{0, 1}) || !slices.Equal(path[0].en, []int{0}) || path[0].score < MinScore {
		t.Errorf("the title and its paragraph did not pair with the English that runs them together: %v", path)
	}
}

// TestBringsOwnWords: a short paragraph joins its neighbour in a 2–1
// pair when most of its own words have a translation in the English that
// the neighbour's words do not give, though it adds only a word or two to
// the English paragraph's coverage; an untranslated one does not.
func TestBringsOwnWords(t *testing.T) {
	t.Parallel()
	d := CEDICT()
	feat := func(text string, lang Lang) features {
		f := featuresOf(para(text, lang), lang, d)
		if lang == ZH {
			f.glossed = d.chineseWords(text)
		}
		return f
	}
	tweet := "天哪，人们真的会在三角函数课外的场合用到它？？？"
	en := "i do not like this. oh god, people actually use that outside of trigonometry class???"
	for _, c := range []struct {
		name, line, other, en string
		min, max              int
	}{
		{"translated", "我不喜欢这样", tweet, en, 2, 2},
		{"a word the other gives too is not counted", "人们不喜欢", tweet, en, 1, 2},
		{"untranslated", "我将在周末安装第二台设备，届时会发布更多信息。", tweet, en, 0, 0},
		{"a title", "贝塔·埃杜为何变成功能失调的政治体系的替罪羊", "在最近一起事件中，部长被指控挪用了资金。",
			"How Betta Edu became a scapegoat of a dysfunctional political system. In a recent incident, the minister was accused of misusing funds.", 3, 6},
	} {
		x, o, e := feat(c.line, ZH), feat(c.other, ZH), feat(c.en, EN)
		if h := revHits(&x, &o, &e, 0); h < c.min || h > c.max {
			t.Errorf("%s: revHits(%q) = %d, want %d–%d", c.name, c.line, h, c.min, c.max)
		}
	}
	zh := []string{"我不喜欢这样", tweet, "另一段关于天气的话。今天下雨了。"}
	ens := []string{en, "Another paragraph about the weather. It rained today."}
	path := alignWith(paras(ZH, zh...), paras(EN, ens...), paragraphPriors)
	if len(path) == 0 || !slices.Equal(path[0].zh, []int{0, 1}) || !slices.Equal(path[0].en, []int{0}) || path[0].score < MinScore {
		t.Errorf("the short line and the tweet did not pair with the English that holds both: %v", path)
	}
	zh[0] = "我将在周末安装第二台设备，届时会发布更多信息。"
	path = alignWith(paras(ZH, zh...), paras(EN, ens...), paragraphPriors)
	for _, s := range path {
		if slices.Contains(s.zh, 0) && len(s.en) > 0 && s.score >= MinScore {
			t.Errorf("an untranslated line rode along: %v", path)
		}
	}
}

// TestEmojiAnchors reads emoji as anchors a translation keeps: an emoji a
// splitter left on a line of its own pairs with the sentence whose
// translation holds it, instead of staying unpaired.
func TestEmojiAnchors(t *testing.T) {
	t.Parallel()
	for text, want := range map[string][]string{
		"我太爱了😂🙏":        {"😂", "🙏"},
		"🤦‍♀️":          {"🤦", "♀"},
		"好的👍🏽":          {"👍"},
		"no emoji here": nil,
		"30°的天气，©2024":  nil,
	} {
		if got := emojiOf(text); !slices.Equal(got, want) {
			t.Errorf("emojiOf(%q) = %q, want %q", text, got, want)
		}
	}
	zh := []string{"学术界难见平衡，但离开书本的日子，就是奇思妙想涌现的时候。", "💭", "交替使用大脑的两侧。", "🧠",
		"我们要训练肌肉，而不仅仅是大脑。", "💪", "要懂得放松。", "📺", "放下手头工作，小憩片刻，会让工作变得更有效率。", "☕",
		"我发现这些方法都有效，当然还有很多其他的方法。", "🤔"}
	en := []string{"Balance in academia is rare, but time away from the page is when the best thoughts occur. 💭",
		"Use both sides of the brain. 🧠", "Training muscles, not just the mind. 💪", "Permission to relax. 📺",
		"Taking a short break from work makes the work more efficient. ☕",
		"These are tactics that I found help me feel recharged, but there are many others. 🤔"}
	path := alignSteps(paras(ZH, zh...), paras(EN, en...))
	for k := 1; k < len(zh); k += 2 {
		paired := false
		for _, s := range path {
			paired = paired || slices.Contains(s.zh, k) && slices.Equal(s.en, []int{k / 2}) && s.score >= MinScore
		}
		if !paired {
			t.Errorf("%s did not pair with %q: %v", zh[k], en[k/2], path)
		}
	}
}

// TestOrphanLines leaves a sentence the translation left out unpaired,
// one sentence a line, rather than merging it into its neighbour's pair:
// the dictionary evidence is the share of the English the Chinese covers,
// which an extra Chinese line only adds to.
func TestOrphanLines(t *testing.T) {
	t.Parallel()
	zh := []string{"你为什么来这里？", "真爱永远不会老。", "这个星期我一直在工作。", "我得写一封信。你有纸吗？",
		"警察小心地把箱子抬了起来。", "我们前面那座高楼是什么？", "我一点也不累。"}
	en := []string{"Why did you come here?", "True love never grows old.", "I worked all this week.",
		"The policeman carefully lifted the box.", "What is that tall building in front of us?", "I'm not tired at all."}
	if with := pairedWith(zh, en, ZH, 3); with != nil {
		t.Errorf("%q, which the translation left out, went with %v", zh[3], with)
	}
}

// TestOrphans weighs the lines of a merge that share nothing with the
// other side: no dictionary word, number, Latin word or name; short lines
// are not counted, long ones weigh more.
func TestOrphans(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		zh, en []string
		mv     byte
		want   float64
	}{
		{"a Chinese line with nothing of the English", []string{"警察小心地把箱子抬了起来。", "我得写一封信，可是家里一张纸都没有了。"},
			[]string{"The policeman carefully lifted the box."}, m21, 17.0 / chanceZH},
		{"both Chinese lines translated", []string{"警察小心地把箱子抬了起来。", "然后他把箱子放在桌子上。"},
			[]string{"The policeman carefully lifted the box and put it on the table."}, m21, 0},
		{"a short line is not counted", []string{"警察小心地把箱子抬了起来。", "好的。"},
			[]string{"The policeman carefully lifted the box."}, m21, 0},
		{"a shared number counts as shared", []string{"警察小心地把箱子抬了起来。", "那是1998年的冬天，天气非常寒冷。"},
			[]string{"In 1998 the policeman carefully lifted the box."}, m21, 0},
		{"a shared name counts as shared", []string{"警察小心地把箱子抬了起来。", "韦小宝站在门口一动不动地看着。"},
			[]string{"The policeman carefully lifted the box while Wei Xiaobao watched."}, m21, 0},
		{"an English line with nothing of the Chinese", []string{"警察小心地把箱子抬了起来。"},
			[]string{"The policeman carefully lifted the box.", "Nobody expected anything like that tonight."}, m12, 1},
		{"three lines, two of them orphans", []string{"我得写一封信，可是家里一张纸都没有了。", "他们在院子里唱歌跳舞直到深夜。", "警察小心地把箱子抬了起来。"},
			[]string{"The policeman carefully lifted the box."}, m31, 17.0/chanceZH + 14.0/chanceZH},
		{"a long line sharing one word by chance", []string{"全球范围内，在印度等规定女性在政府中最低代表人数的国家中，男性对女性参与政治的抵制有所缓解。", "在一些非洲农村社区，民间组织正开展健康教育，旨在取代有害的成年仪式。"},
			[]string{"In some of the countries with minimum quotas for female representation in government, such as India, male resistance to female political activism has eased."}, m21, 31.0 / chanceZH},
		{"a long line sharing words", []string{"全球范围内，在印度等规定女性在政府中最低代表人数的国家中，男性对女性参与政治的抵制有所缓解。", "在一些非洲农村社区，民间组织正开展健康教育。"},
			[]string{"In some of the countries with minimum quotas for female representation in government, such as India, male resistance to female political activism has eased; in some rural African communities, civil groups teach health."}, m21, 0},
		{"a line long enough weighs orphanMax", []string{"警察小心地把箱子抬了起来。", "在一些非洲农村社区，民间组织正开展健康教育，旨在取代有害的成年仪式；在另一些社区，长老们每年秋天聚在一起，讨论下一季的收成和雨水。"},
			[]string{"The policeman carefully lifted the box."}, m21, orphanMax},
		{"a pair is no merge", []string{"我得写一封信，可是家里一张纸都没有了。"},
			[]string{"The policeman carefully lifted the box."}, mPair, 0},
	} {
		fz, fe := featuresOfLines(c.zh, ZH), featuresOfLines(c.en, EN)
		namesAcross(paras(ZH, c.zh...), paras(EN, c.en...), fz, fe, CEDICT())
		internAnchors(fz, fe)
		a := aligner{fz: fz, fe: fe}
		if got := a.orphans(c.mv, len(fz), len(fe)); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%s: orphans weigh %.3f, want %.3f", c.name, got, c.want)
		}
	}
}

// TestAsksAlike weighs question marks only when both sides of a document
// ask about as often.
func TestAsksAlike(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		zh, en []string
		want   bool
	}{
		{[]string{"你去哪里？", "我去市场。"}, []string{"Where are you going?", "To the market."}, true},
		{[]string{"你去哪里？", "我去市场。"}, []string{"He asked where I was going.", "To the market."}, false},
		{[]string{"你去哪里？", "你买什么？", "多少钱？"}, []string{"Where are you going?", "What will you buy, and how much."}, false},
		{[]string{"我去市场。"}, []string{"To the market."}, false},
	} {
		if got := asksAlike(featuresOfLines(c.zh, ZH), featuresOfLines(c.en, EN)); got != c.want {
			t.Errorf("%q / %q: asks alike %v, want %v", c.zh, c.en, got, c.want)
		}
	}
}

// TestOpeners reads the connective a sentence opens with.
func TestOpeners(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		text string
		lang Lang
		want int8
	}{
		{"但是他没有来。", ZH, 1},
		{"“可是我不知道。”", ZH, 1},
		{"因为下雨，我们没去。", ZH, 2},
		{"因此我们没去。", ZH, 3},
		{"于是他走了。", ZH, 3},
		{"如果你来，我就走。", ZH, 4},
		{"他但是没有来。", ZH, 0},
		{"But he did not come.", EN, 1},
		{`"However, I don't know."`, EN, 1},
		{"For God so loved the world.", EN, 2},
		{"So he left.", EN, 3},
		{"If you come, I leave.", EN, 4},
		{"Butter is cheap.", EN, 0},
		{"Iffy, at best.", EN, 0},
		{"", EN, 0},
	} {
		if got := openerOf(c.text, c.lang); got != c.want {
			t.Errorf("openerOf(%q) = %d, want %d", c.text, got, c.want)
		}
	}
}

// TestNovelChapters pairs the chapter headings of a novel (第一回 …, 第二回 …)
// with the translation's (CHAPTER ONE, CHAPTER TWO) by their numbers, one
// sentence a line, and not with the sentences around them.
func TestNovelChapters(t *testing.T) {
	t.Parallel()
	zh := []string{"第一回　甄士隐梦幻识通灵", "列位看官：你道此书从何而来？", "说起根由，虽近荒唐，细按则深有趣味。",
		"第二回　贾夫人仙逝扬州城", "却说封肃因听见公差传唤，忙出来陪笑启问。", "那些人只嚷：“快请出甄爷来！”"}
	en := []string{"CHAPTER ONE", "Gentle reader, what, you may ask, was the origin of this book?",
		"Though the answer to this question may at first seem to border on the absurd, reflection will show that there is a good deal more in it than meets the eye.",
		"CHAPTER TWO", "Feng Su hurried out at the summons of the officers, smiling ingratiatingly.", `"Tell Mr Zhen to come out here!" they shouted.`}
	pz, pe := paras(ZH, zh...), paras(EN, en...)
	for _, k := range []int{0, 3} {
		if n, ok := sectionNumber(zh[k]); !ok || n != k/3+1 {
			t.Errorf("sectionNumber(%q) = %d, %v", zh[k], n, ok)
		}
	}
	got := map[int][]int{}
	for _, s := range alignWith(pz, pe, sentencePriors) {
		for _, i := range s.zh {
			got[i] = s.en
		}
	}
	for _, k := range []int{0, 3} {
		if !slices.Equal(got[k], []int{k}) {
			t.Errorf("%q went with %v, want [%d] (%q)", zh[k], got[k], k, en[k])
		}
	}
}

// TestChapterTitleCouplets: a novel's chapter title is often a couplet,
// which one side prints on the number's line (第一回　甄士隐…　贾雨村…) and
// the other on two lines of their own under a bare number (CHAPTER 1 / Zhen
// Shi-yin … / And Jia Yu-cun …): both title lines join the number. With
// one joined, the second was left unpaired, and the second chapter's
// number and title went unpaired for a title line with more names.
func TestChapterTitleCouplets(t *testing.T) {
	t.Parallel()
	zh := paras(ZH, "第一回　甄士隐梦幻识通灵　贾雨村风尘怀闺秀", "此开卷第一回也。", "作者自云：因曾历过一番梦幻之后，故将真事隐去，而借“通灵”之说，撰此《石头记》一书也。", "故曰“甄士隐”云云。", "但书中所记何事何人？", "自又云：今风尘碌碌，一事无成。",
		"第二回　贾夫人仙逝扬州城　冷子兴演说荣国府", "却说封肃因听见公差传唤，忙出来陪笑启问。", "那些人只嚷：“快请出甄爷来！”", "封肃忙陪笑道：“小人姓封，并不姓甄。”")
	en := paras(EN, "CHAPTER 1", "Zhen Shi-yin makes the Stone's acquaintance in a dream", "And Jia Yu-cun finds that poverty is not incompatible with romantic feelings", "This is the opening chapter.",
		"The author tells us that he has been through a dreamlike experience, after which he hid the real facts and wrote this Story of the Stone.", "Hence the name Zhen Shi-yin.", "But what does the book record, and of whom?", "He says: now I have achieved nothing in the dust of the world.",
		"CHAPTER 2", "A daughter of the Jias ends her days in Yangchow city", "And Leng Zi-xing discourses on the Jias of Rong-guo House", "Feng Su, hearing the summons, hurried out with a smile to ask what they wanted.", "The men only shouted: 'Ask Mr Zhen to come out at once!'", "Feng Su smiled: 'My name is Feng, not Zhen.'")
	got := map[int][]int{}
	for _, s := range alignSteps(zh, en) {
		for _, i := range s.zh {
			if s.score >= MinScore {
				got[i] = s.en
			}
		}
	}
	for i, want := range map[int][]int{0: {0, 1, 2}, 6: {8, 9, 10}, 7: {11}} {
		if !slices.Equal(got[i], want) {
			t.Errorf("%q went with %v, want %v", zh[i].Text, got[i], want)
		}
	}
}

// TestDivisionsInDigits: a division numbered in digits (第1部, a web
// novel's 第12章) is a numbered heading as 第一部 and 第十二章 are, a bare one
// joins no title when the other side's is bare too, and it pairs with its
// translation line for line. Before, 第1部 was taken for no division, the
// English "Part 1" was joined to its title, and 導言 was left unpaired.
func TestDivisionsInDigits(t *testing.T) {
	t.Parallel()
	zh := paras(ZH, "第1部", "導言", "1. 簡稱", "本條例可引稱為《版權條例》。", "2. 釋義", "(1) 在本條例中——",
		"“作品” (work) 指任何文學作品、戲劇作品、音樂作品或藝術作品；", "“作者” (author) 就某作品而言，指創作該作品的人。",
		"(2) 在本條例中，凡提述出版，即提述向公眾發放作品的複製品。", "3. 適用範圍", "本條例適用於香港特別行政區。",
		"第2部", "版權", "4. 版權的存在", "(1) 版權是依照本部而存在於下列作品的財產權——", "(a) 原創的文學作品、戲劇作品、音樂作品或藝術作品；",
		"(b) 聲音紀錄、影片、廣播或有線傳播節目；", "(c) 已發表版本的排印編排。", "(2) 除非本部關於取得版權保護的資格的規定已獲符合，否則版權不存在於作品中。")
	en := paras(EN, "Part 1", "Preliminary", "1. Short title", "This Ordinance may be cited as the Copyright Ordinance.", "2. Interpretation",
		"(1) In this Ordinance—", "work (作品) means any literary, dramatic, musical or artistic work;",
		"author (作者), in relation to a work, means the person who creates it.",
		"(2) In this Ordinance, references to publication are references to the issue of copies of the work to the public.",
		"3. Application", "This Ordinance applies to the Hong Kong Special Administrative Region.", "Part 2", "Copyright",
		"4. Subsistence of copyright", "(1) Copyright is a property right which subsists in accordance with this Part in the following descriptions of work—",
		"(a) original literary, dramatic, musical or artistic works;", "(b) sound recordings, films, broadcasts or cable programmes;",
		"(c) the typographical arrangement of published editions.",
		"(2) Copyright does not subsist in a work unless the requirements of this Part with respect to qualification for copyright protection are met.")
	for _, k := range []int{0, 11} {
		if !zh[k].Heading || !numberedHeading(zh[k].Text) || !bareDivision(zh[k]) {
			t.Errorf("%q: heading %v, numbered %v, bare %v", zh[k].Text, zh[k].Heading, numberedHeading(zh[k].Text), bareDivision(zh[k]))
		}
	}
	for _, s := range alignSteps(zh, en) {
		if len(s.zh) != 1 || len(s.en) != 1 || s.zh[0] != s.en[0] || s.score < MinScore {
			t.Errorf("%v went with %v (score %.2f), want line for line", s.zh, s.en, s.score)
		}
	}
}

// TestArticleParagraphs aligns the statute with each article's paragraphs
// and items run into one line on one side and a line each on the other:
// the further paragraphs are joined to the article's first for the
// alignment. Left as it was, an article of three paragraphs against one
// stayed partly unpaired (links recall 0.974 and 0.947).
func TestArticleParagraphs(t *testing.T) {
	t.Parallel()
	zh, en := statute(t)
	if further, articles := articleParagraphs(zh); further < 2 || articles < 2 {
		t.Fatalf("the statute has %d articles and %d further paragraphs", articles, further)
	}
	for _, side := range []string{"zh", "en"} {
		g := joinedStatute(zh, en, side, articleStarts, func(p Paragraph) bool { return !articleStarts(p) && !p.Heading })
		if further, _ := articleParagraphs(map[string][]Paragraph{"zh": g.zh, "en": g.en}[side]); further != 0 {
			t.Fatalf("articles run into one line on the %s side still have %d further paragraphs", side, further)
		}
		f := linkScore(g, alignSteps(g.zh, g.en))
		if f.Precision < 1 || f.Recall < 1 {
			t.Errorf("articles in one line on the %s side: links P %.3f R %.3f", side, f.Precision, f.Recall)
		}
	}
}

// joinedStatute is the statute (zh and en line by line) with, on the side
// named, each line that starts a run joined with the lines after it that
// continue it; the other side keeps its lines, and each run is a bead.
func joinedStatute(zh, en []Paragraph, side string, starts, continues func(Paragraph) bool) goldSet {
	var g goldSet
	for k := 0; k < len(zh); k++ {
		z, e := []string{zh[k].Text}, []string{en[k].Text}
		for run := starts(zh[k]); run && k+1 < len(zh) && continues(zh[k+1]); {
			k++
			if side == "zh" {
				z[0] += zh[k].Text
				e = append(e, en[k].Text)
			} else {
				e[0] += " " + en[k].Text
				z = append(z, zh[k].Text)
			}
		}
		g.add(z, e)
	}
	return g
}

// TestSpeechesMeet: the Chinese set a quoted speech on a line of its own
// before the narration that tags it, and the English ran the two into one
// paragraph. With no dictionary word shared, the speech would stay
// unpaired beside a 1–1 pair of the narration; the quotation it holds,
// which the narration alone lacks, joins it to its pair, as paragraphs
// and as sentence lines.
func TestSpeechesMeet(t *testing.T) {
	t.Parallel()
	zh := []string{
		"卡丽坐在床上，膝盖上摊着一本旧笔记本，窗外的雨一直下个不停。",
		"艾弗里推门进来，在她身边坐下，看了看她手里的笔记本。",
		"“好的！回头见？”",
		"艾弗里问道，边站起身来，穿过乱七八糟的纸张和笔记本。",
		"门在他身后关上了，房间里又只剩下雨声和翻动纸页的声音。",
		"第二天早上，卡丽很早就醒了，笔记本还放在枕头旁边。",
	}
	en := []string{
		"Kari sat on her bed with an old notebook open on her knees, and the rain outside the window kept falling.",
		"Ivory pushed the door open, sat down next to her and looked at the notebook in her hands.",
		"\u201cOkay! See ya later?\u201d Ivory asked, standing up and weaving through the mess of papers and notebooks.",
		"The door closed behind him, and the room was left with only the sound of the rain and of turning pages.",
		"The next morning Kari woke up early, the notebook still lying beside her pillow.",
	}
	pz, pe := paras(ZH, zh...), paras(EN, en...)
	for _, pr := range []struct {
		name string
		p    priors
	}{{"paragraphs", paragraphPriors}, {"sentences", sentencePriors}} {
		found := false
		for _, s := range alignWith(pz, pe, pr.p) {
			if slices.Equal(s.zh, []int{2, 3}) && slices.Equal(s.en, []int{2}) {
				found = true
			}
		}
		if !found {
			t.Errorf("as %s: the speech and its tag did not pair with the English that holds both: %v", pr.name, alignWith(pz, pe, pr.p))
		}
	}
}

// TestFreeMid lowers the midpoint of the dictionary evidence for a
// translation whose true pairs share few dictionary words, and leaves it
// for a close one.
func TestFreeMid(t *testing.T) {
	t.Parallel()
	zh := []string{
		"警察小心地把那个沉重的木箱子抬了起来。", "我们前面那座很高的白色大楼是什么地方？", "这个星期我每天都在办公室工作到很晚。", "真正的爱情永远不会变老，也不会消失。",
		"我每天早上在厨房里喝一杯热咖啡。", "他的哥哥是城里一家大医院的医生。", "这本关于历史的书非常有意思。", "天气预报说明天下午可能会下大雨。",
		"孩子们星期天在公园里玩得很开心。", "她用英语给她的老朋友写了一封长信。", "今天早上的火车晚了整整一个小时。", "我们需要更多的时间和钱来完成这个项目。",
	}
	close := []string{
		"The policeman carefully lifted the heavy wooden box.", "What is that tall white building in front of us?", "This week I worked late in the office every day.", "True love never grows old and never disappears.",
		"Every morning I drink a cup of hot coffee in the kitchen.", "His elder brother is a doctor at a big hospital in the city.", "This book about history is very interesting.", "The weather forecast says it may rain heavily tomorrow afternoon.",
		"The children played happily in the park on Sunday.", "She wrote a long letter in English to her old friend.", "The train this morning was a whole hour late.", "We need more time and money to finish this project.",
	}
	// the same, most of the words put otherwise, as a free translation
	// words them
	free := []string{
		"The officer gently raised that weighty timber crate.", "Which pale tower stands right ahead of us there?", "These seven days found me at my desk till midnight.", "Real affection stays young and lasts forever.",
		"Mornings start with a steaming mug of espresso by the stove.", "His sibling practises medicine at a large clinic downtown.", "This volume on bygone ages is a real delight.", "Showers are likely, the meteorologists warn, later on.",
		"The kids had a great time outdoors that weekend.", "She penned a lengthy note in English to an old pal.", "The express was sixty minutes behind schedule today.", "We should have a while longer and further funds to wrap up.",
	}
	for _, c := range []struct {
		name  string
		en    []string
		lower bool
	}{{"close", close, false}, {"free", free, true}} {
		fz, fe := featuresOfLines(zh, ZH), featuresOfLines(c.en, EN)
		a := aligner{fz: fz, fe: fe}
		var path []step
		for k := range zh {
			path = append(path, step{zh: []int{k}, en: []int{k}, score: 0.9})
		}
		mid, ok := a.freeMid(path)
		t.Logf("%s: midpoint %.3f, lowered %v", c.name, mid, ok)
		if ok != c.lower {
			t.Errorf("%s: midpoint lowered %v (to %.3f), want %v", c.name, ok, mid, c.lower)
		}
		if ok && (mid >= dictMid || mid < midMin) {
			t.Errorf("%s: midpoint %.3f, want between %.2f and %.2f", c.name, mid, midMin, dictMid)
		}
	}
}

// TestRunsOn keeps a pair boundary off a sentence the English cuts at a
// comma while the Chinese ends it: the English line that goes on belongs
// with the same Chinese sentence.
func TestRunsOn(t *testing.T) {
	t.Parallel()
	ends := map[string]bool{
		"我们会扛过去的。":       true,
		"你是谁？":           true,
		"我们视残疾人如草芥，":     false,
		"而不是“躲起来！”":      false, // the mark is the quotation's
		"他说：“好的。”":       false,
		"见附件（第三页）。":      true,
		"没有标点":           false,
		"It ends here. ": true,
	}
	for text, want := range ends {
		if got := sentenceEnds(paras(ZH, text))[0]; got != want {
			t.Errorf("sentenceEnds(%q) = %v, want %v", text, got, want)
		}
	}
	runs := map[string]bool{
		"Shi Taifeng, Li Ganjie, Liu Jinguo,":         true,
		`"I want folks in all these states to know,"`: true,
		`instead of "Take Shelter!",`:                 true,
		"We treat the disabled like crap.":            false,
		"and Wang Xiaohong attended":                  false,
		"":                                            false,
	}
	for text, want := range runs {
		if got := runsOn(paras(EN, text))[0]; got != want {
			t.Errorf("runsOn(%q) = %v, want %v", text, got, want)
		}
	}
	// the document tells whether its comma cuts are a translator's: inside
	// its pairs they are, at the ends of all its pairs (verses) they are not
	cut := []bool{false, true, false, true, false, false}
	for _, c := range []struct {
		name string
		path []step
		want bool
	}{
		{"cuts inside pairs", []step{{zh: []int{0}, en: []int{0}}, {zh: []int{1}, en: []int{1, 2}}, {zh: []int{2}, en: []int{3, 4}}, {zh: []int{3}, en: []int{5}}}, true},
		{"every line a pair", []step{{zh: []int{0}, en: []int{0}}, {zh: []int{1}, en: []int{1}}, {zh: []int{2}, en: []int{2}}, {zh: []int{3}, en: []int{3}}, {zh: []int{4}, en: []int{4}}, {zh: []int{5}, en: []int{5}}}, false},
		{"as often inside as at the end", []step{{zh: []int{0}, en: []int{0}}, {zh: []int{1}, en: []int{1, 2}}, {zh: []int{2}, en: []int{3}}, {zh: []int{3}, en: []int{4}}, {zh: []int{4}, en: []int{5}}}, false},
		{"unpaired lines do not count", []step{{zh: []int{0}, en: []int{0}}, {en: []int{1, 2}}, {zh: []int{1}, en: []int{3}}, {zh: []int{2}, en: []int{4, 5}}}, false},
	} {
		if got := cutsInside(c.path, cut); got != c.want {
			t.Errorf("%s: cutsInside = %v, want %v", c.name, got, c.want)
		}
	}
	zh := []string{"天气很好。", "这台机器的平台采用整块钢板，台面切割后没有焊接点，使箱体可以自由摆动，减少机械磨损。", "工人们下午回家了。"}
	en := []string{"The weather is nice.", "The platform of the machine is a single steel plate,",
		"with no welding points after the table is cut, so that the box can swing freely to reduce mechanical wear.",
		"The workers went home in the afternoon."}
	pz, pe := paras(ZH, zh...), paras(EN, en...)
	a := aligner{fz: featuresOfLines(zh, ZH), fe: featuresOfLines(en, EN), skip: 2.5, ends: sentenceEnds(pz), runs: runsOn(pe)}
	a.mz, a.me = merged(a.fz), merged(a.fe)
	a.setRatio(3)
	inf := math.Inf(1)
	// the sentence's first half alone pays; whole, or after the comma, not
	if extra := a.stepCost(mPair, 2, 2, inf) - a.moveCost(mPair, 2, 2); extra <= 0 {
		t.Errorf("a pair ending where the English runs on pays %v more, want more than 0", extra)
	}
	if extra := a.stepCost(m12, 2, 3, inf) - a.moveCost(m12, 2, 3); extra != 0 {
		t.Errorf("the pair of the whole sentence pays %v more, want 0", extra)
	}
	if extra := a.stepCost(mPair, 1, 1, inf) - a.moveCost(mPair, 1, 1); extra != 0 {
		t.Errorf("a pair of ended sentences pays %v more, want 0", extra)
	}
	// leaving the first half unpaired pays too; the second, or an ended line, not
	if c := a.stepCost(mEN, 1, 2, inf); c <= a.skip {
		t.Errorf("leaving the English line that runs on unpaired costs %v, want more than %v", c, a.skip)
	}
	for _, j := range []int{1, 3} {
		if c := a.stepCost(mEN, 1, j, inf); c != a.skip {
			t.Errorf("leaving English line %d unpaired costs %v, want %v", j-1, c, a.skip)
		}
	}
	path := alignWith(pz, pe, sentencePriors)
	if len(path) != 3 || !slices.Equal(path[1].zh, []int{1}) || !slices.Equal(path[1].en, []int{1, 2}) {
		t.Errorf("the sentence cut at a comma did not pair whole with its translation: %v", path)
	}
}

// TestPartial: a pair beside an unpaired line that its other side
// translates as well as its own (the rest of a sentence cut in three), or
// that names someone its other side names, is likely part of a larger
// pair: its confidence is lowered; beside an unrelated line it is not.
func TestPartial(t *testing.T) {
	t.Parallel()
	zh := []string{"这台机器的平台采用整块钢板，台面切割后没有焊接点，使箱体可以自由摆动，减少机械磨损。"}
	for _, c := range []struct {
		name    string
		lone    string
		lowered bool
	}{
		{"the rest of the sentence", "so that the box can swing freely to reduce mechanical wear.", true},
		{"an unrelated line", "The workers went home in the afternoon and ate dinner.", false},
	} {
		en := []string{"The platform of the machine is a single steel plate, with no welding points after the table is cut,", c.lone}
		a := aligner{fz: featuresOfLines(zh, ZH), fe: featuresOfLines(en, EN), skip: 2.5}
		a.base = 0.05
		path := []step{{zh: []int{0}, en: []int{0}, score: 0.9, conf: 0.9}, {en: []int{1}}}
		a.partial(path)
		if got := path[0].conf < 0.9; got != c.lowered {
			t.Errorf("%s: confidence %.2f, lowered %v, want %v", c.name, path[0].conf, got, c.lowered)
		}
	}
	// a name shared with the unpaired line counts where its words alone
	// would not
	zh = []string{"羊行屮，本名姜波，生于羊年羊月，羊行草上，适得其所。"}
	en := []string{"Yang Xingche, real name Jiang Bo, was born in the month of the sheep in the year of the sheep;",
		"a sheep walking on the grass, in its place: so he is Yang Xingche."}
	pz, pe := paras(ZH, zh...), paras(EN, en...)
	a := aligner{fz: featuresOfLines(zh, ZH), fe: featuresOfLines(en, EN), skip: 2.5}
	a.base = 0.05
	namesAcross(pz, pe, a.fz, a.fe, CEDICT())
	internAnchors(a.fz, a.fe)
	path := []step{{zh: []int{0}, en: []int{0}, score: 0.9, conf: 0.9}, {en: []int{1}}}
	a.partial(path)
	if path[0].conf >= 0.9 {
		t.Errorf("beside a line naming Yang Xingche: confidence %.2f, want lowered", path[0].conf)
	}
}

// TestNamesDoNotHideMissingNumbers: a number one side holds and the other
// lacks costs as much in a pair that shares a name as in one that does
// not; the name only adds its own evidence.
func TestNamesDoNotHideMissingNumbers(t *testing.T) {
	t.Parallel()
	a := aligner{skip: 2.5}
	a.setRatio(3)
	x := features{length: 20, logLen: math.Log(20), ids: anchorIDs{nums: []int32{1}}}
	y := features{length: 60, logLen: math.Log(60)}
	plain := a.pairCost(&x, &y)
	x.ids.names, y.ids.names = []int32{9}, []int32{9}
	if named := a.pairCost(&x, &y); math.Abs(named-(plain-1.2)) > 1e-9 {
		t.Errorf("a pair sharing a name and missing a number costs %.2f, want %.2f (the name's evidence only)", named, plain-1.2)
	}
}

// TestGainEachLine: a 2–1 pair pays gainCost when either of its Chinese
// lines explains too little of the English beyond the other and brings
// nothing of its own, not only the one that alone explains less: a line
// whose numbers (or Latin words) make it the true translation may share
// few dictionary words, and an untranslated neighbour that shares more by
// chance adds little once merged with it.
func TestGainEachLine(t *testing.T) {
	t.Parallel()
	ids := func(from, to int32) []int32 {
		var out []int32
		for k := from; k <= to; k++ {
			out = append(out, k)
		}
		return out
	}
	glossed := func(stems []int32) [][]int32 {
		var out [][]int32
		for _, s := range stems {
			out = append(out, []int32{s})
		}
		return out
	}
	e := features{stems: ids(1, 10), ids: anchorIDs{nums: []int32{7}}}
	for _, c := range []struct {
		name   string
		z1, z2 features
		paid   bool
	}{
		// the translation (its number, two words) after a neighbour that
		// shares three words by chance, two of them the translation's
		{"an untranslated line sharing more words by chance", features{stems: ids(1, 3), glossed: glossed(ids(20, 32))},
			features{stems: ids(1, 2), glossed: glossed(ids(1, 2)), ids: anchorIDs{nums: []int32{7}}}, true},
		{"two halves of the translation", features{stems: ids(1, 4), glossed: glossed(ids(1, 4))},
			features{stems: ids(5, 8), glossed: glossed(ids(5, 8))}, false},
		{"a line with nothing of its own", features{stems: ids(1, 6), glossed: glossed(ids(1, 6))},
			features{stems: ids(1, 2), glossed: glossed(ids(1, 2))}, true},
	} {
		a := aligner{gain: true}
		m := merge(c.z1, c.z2)
		if got := a.gainCost(&c.z1, &c.z2, &m, &e) > 0; got != c.paid {
			t.Errorf("%s: gainCost paid %v, want %v", c.name, got, c.paid)
		}
	}
}

// TestDoubtKeepsAnchors: a 1–1 pair whose sides share a number or a Latin
// word is not undone for an unpaired neighbour that shares more dictionary
// words with its other side but none of them; without the anchors it is.
func TestDoubtKeepsAnchors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		nums   []int32
		undone bool
	}{
		{"sharing a number", []int32{7}, false},
		{"sharing no anchor", nil, true},
	} {
		fz := []features{{stems: []int32{1, 2, 3}}, {stems: []int32{1}, ids: anchorIDs{nums: c.nums}}}
		fe := []features{{stems: []int32{1, 2, 3, 4}, ids: anchorIDs{nums: c.nums}}}
		a := aligner{fz: fz, fe: fe}
		path := []step{{zh: []int{0}}, {zh: []int{1}, en: []int{0}, score: 0.9, conf: 0.9}}
		a.doubt(path)
		if got := path[1].score == 0; got != c.undone {
			t.Errorf("%s: the pair undone %v, want %v", c.name, got, c.undone)
		}
	}
}

// TestPartialShortLine: a pair beside an unpaired line too short for its
// words to tell whether it belongs (很麻烦。 before the Chinese of "Great.
// According to the proper solar panels…") is less sure; beside a short
// line taken for a heading, which is often left out rightly, it is not.
func TestPartialShortLine(t *testing.T) {
	t.Parallel()
	zh := []string{"按太阳能电池板的安装位置来看，真正可以充电的时间只有大约90分钟。"}
	en := []string{"According to the proper solar panels on the house the sun is only really up for about 90 minutes."}
	for _, c := range []struct {
		name    string
		lone    string
		heading bool
		lowered bool
	}{
		{"a short sentence", "很麻烦。", false, true},
		{"a short heading", "很麻烦", true, false},
		{"a long unrelated sentence", "工人们下午回家吃了晚饭，然后又去看了一场足球比赛。", false, false},
	} {
		lines := []string{c.lone, zh[0]}
		a := aligner{fz: featuresOfLines(lines, ZH), fe: featuresOfLines(en, EN), skip: 1.75}
		a.fz[0].heading = c.heading
		a.base = 0.05
		path := []step{{zh: []int{0}}, {zh: []int{1}, en: []int{0}, score: 0.99, conf: 0.99}}
		a.partial(path)
		if got := path[1].conf < 0.99; got != c.lowered {
			t.Errorf("%s: confidence %.2f, lowered %v, want %v", c.name, path[1].conf, got, c.lowered)
		}
	}
}

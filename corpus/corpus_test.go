package corpus

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

func TestDetectLang(t *testing.T) {
	tests := []struct {
		name, in string
		want     Lang
		ok       bool
	}{
		{"chinese", "加强统筹谋划。", ZH, true},
		{"chinese with acronyms", "在世界知识产权组织(WIPO)总干事见证下,签署MOU", ZH, true},
		{"english", "IP serves the development of the Greater Bay Area.", EN, true},
		{"english with one chinese name", "The court of 广州 ruled in favour of the plaintiff in a long case.", EN, true},
		{"numbers only", "2023 — 57.4%", "", false},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := DetectLang(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("DetectLang(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestIsHeading(t *testing.T) {
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
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := IsHeading(tt.in, tt.lang); got != tt.want {
				t.Errorf("IsHeading(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestIDFromName(t *testing.T) {
	tests := map[string]string{
		"../shared/seed/guangdong-ipr-2023.txt": "guangdong-ipr-2023",
		"corpus/Report 2024.zh.txt":             "report-2024",
		"tm/Bundle_en_zh-CN.tsv":                "bundle_en_zh-cn",
		`C:\docs\法规.jsonl`:                      "法规",
		"...":                                   "doc",
	}
	for in, want := range tests {
		if got := IDFromName(in); got != want {
			t.Errorf("IDFromName(%q) = %q, want %q", in, got, want)
		}
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
		if u.Score < MinScore || u.Score > 1 {
			t.Errorf("pair %d has score %v outside [%v,1]", u.Seq, u.Score, MinScore)
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
	zh := anchorsOf("新收案件9.1万件，最高判赔3.17亿元，调撤率为57.4%，WIPO", ZH)
	en := anchorsOf("91,000 cases, 317 million yuan, a rate of 57.4%, WIPO", EN)
	if diff := cmp.Diff([]string{"3.17e+08", "57.4%", "91000"}, zh.nums); diff != "" {
		t.Errorf("zh numbers (-want +got):\n%s", diff)
	}
	if common(zh.nums, en.nums) != 3 || common(zh.words, en.words) != 1 {
		t.Errorf("shared: %d numbers, %d words (zh %+v, en %+v)", common(zh.nums, en.nums), common(zh.words, en.words), zh, en)
	}
}

func TestDecode(t *testing.T) {
	text := "知识产权\nIntellectual property\n"
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String(text)
	u16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	u16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(text)
	para := "全省共有62件知识产权案件适用惩罚性赔偿严惩侵权，全年最高判赔数额达3.17亿元。\n"
	tradPara := "全省共有62件知識產權案件適用懲罰性賠償嚴懲侵權，全年最高判賠數額達3.17億元。\n"
	gbPara, _ := simplifiedchinese.GBK.NewEncoder().String(para)
	big5Para, _ := traditionalchinese.Big5.NewEncoder().String(tradPara)
	tests := []struct {
		name    string
		in      []byte
		want    string
		wantErr string
	}{
		{"utf8", []byte(text), text, ""},
		{"utf8 bom", append([]byte{0xEF, 0xBB, 0xBF}, text...), text, ""},
		{"crlf", []byte("知识产权\r\nIP\r\n"), "知识产权\nIP\n", ""},
		{"utf16le", []byte(u16), text, ""},
		{"utf16be", []byte(u16be), text, ""},
		{"gb18030", []byte(gb), text, ""},
		{"gbk paragraph", []byte(gbPara), para, ""},
		{"big5 paragraph", []byte(big5Para), tradPara, ""},
		{"binary", []byte{'a', '\n', 0xff, 0xfe, 0xfd, 0x00, 0x81}, "", "f.txt:2:1: invalid UTF-8"},
		{"nul", []byte("abc\n\x00def"), "", "f.txt:2: binary data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode("f.txt", tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadTSV(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []Unit
		wantErr string
	}{
		{"zh first", "知识产权\tintellectual property\n海关\tcustoms\n", []Unit{
			{Seq: 0, ZH: "知识产权", EN: "intellectual property", Score: 1},
			{Seq: 1, ZH: "海关", EN: "customs", Score: 1},
		}, ""},
		{"en first with header and attribution", "en\tzh\tsource\nHi.\t你好。\t#1\n\n", []Unit{
			{Seq: 0, ZH: "你好。", EN: "Hi.", Score: 1},
		}, ""},
		{"one side empty", "知识产权\t\n", []Unit{{Seq: 0, ZH: "知识产权"}}, ""},
		{"no tab", "知识产权\tIP\n只有中文\n", nil, "x.tsv:2: no tab"},
		{"no chinese", "a\tb\n", nil, "no column holds Chinese"},
		{"empty", "\n\n", nil, "no text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ReadTSV("x.tsv", []byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, d.Units); diff != "" {
				t.Errorf("units (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadJSONL(t *testing.T) {
	d, err := ReadJSONL("x.jsonl", []byte(`{"zh": "海关", "en": "customs"}`+"\n\n"+`{"zh": "乡村振兴", "en": null}`+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Unit{{Seq: 0, ZH: "海关", EN: "customs", Score: 1}, {Seq: 1, ZH: "乡村振兴"}}
	if diff := cmp.Diff(want, d.Units); diff != "" {
		t.Errorf("units (-want +got):\n%s", diff)
	}
	for in, wantErr := range map[string]string{
		`{"zh": "海关"`:                     "x.jsonl:1: invalid",
		"{\"zh\":\"a\"}\n{\"zh\": 3}":     `x.jsonl:2: field "zh" is a JSON number, not a string`,
		`{"zh":"a"} {"zh":"b"}`:           "x.jsonl:1: more than one",
		"":                                "no records",
		`{"zh": "", "en": ""}`:            "no records",
		"\xff\xfe\x00\x00garbage\x00\x81": "x.jsonl",
	} {
		if _, err := ReadJSONL("x.jsonl", []byte(in)); err == nil || !strings.Contains(err.Error(), wantErr) {
			t.Errorf("ReadJSONL(%q) err = %v, want %q", in, err, wantErr)
		}
	}
}

func mustWrite(tb testing.TB, path, content string) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
}

func TestLoadFolder(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "report.zh.txt"), "海关执法。\n\n知识产权保护。\n")
	mustWrite(t, filepath.Join(dir, "report.en.txt"), "Customs enforcement.\n\nProtection of intellectual property.\n")
	mustWrite(t, filepath.Join(dir, "terms.tsv"), "海关\tcustoms\n")
	mustWrite(t, filepath.Join(dir, "sub", "terms.tsv"), "专利\tpatent\n")
	mustWrite(t, filepath.Join(dir, "broken.jsonl"), "{not json\n")
	mustWrite(t, filepath.Join(dir, "notes.pdf"), "ignored")
	mustWrite(t, filepath.Join(dir, ".hidden", "x.tsv"), "隐藏\thidden\n")
	docs, problems, err := Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	// name order: report.*, sub/terms.tsv, terms.tsv; the later "terms" gets -2
	if diff := cmp.Diff([]string{"report", "terms", "terms-2"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if docs[2].Units[0].EN != "customs" {
		t.Errorf("terms-2 is %q, want the top-level terms.tsv", docs[2].Source)
	}
	if len(problems) != 1 || !strings.Contains(problems[0].Error(), "broken.jsonl:1") {
		t.Errorf("problems = %v, want one naming broken.jsonl:1", problems)
	}
	if docs[0].Aligned() != 2 {
		t.Errorf("paired files aligned %d units, want 2: %+v", docs[0].Aligned(), docs[0].Units)
	}
	if _, _, err := Load(context.Background(), filepath.Join(dir, "missing")); err == nil {
		t.Error("Load of a missing path did not fail")
	}
}

func TestTSVEnglishOnlyFirstRow(t *testing.T) {
	d, err := ReadTSV("x.tsv", []byte("\tI. General Provisions\n知识产权\tintellectual property\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Units) != 2 || d.Units[0].EN != "I. General Provisions" {
		t.Errorf("units = %+v: an English-only first row is not a header", d.Units)
	}
}

func TestSectionNumber(t *testing.T) {
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
}

func TestReadCSV(t *testing.T) {
	in := "English,Chinese,Note\n\"Customs, enforcement\",海关执法,x\n\"He said \"\"hi\"\"\",他说“你好”,\n\"Two\nlines\",两行,\n"
	d, err := ReadCSV("x.csv", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Unit{
		{Seq: 0, ZH: "海关执法", EN: "Customs, enforcement", Score: 1},
		{Seq: 1, ZH: "他说“你好”", EN: `He said "hi"`, Score: 1},
		{Seq: 2, ZH: "两行", EN: "Two\nlines", Score: 1},
	}
	if diff := cmp.Diff(want, d.Units); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for in, want := range map[string]string{
		"海关,customs\n只有一列\n": "x.csv:2: only one column",
		"":                   "no text",
	} {
		if _, err := ReadCSV("x.csv", []byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadCSV(%q) = %v, want %q", in, err, want)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("海关,customs\n\"a,b\",乙\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if d, err := ReadCSV("f.csv", b); err == nil {
			checkDoc(t, d)
		}
	})
}

// TestJSONTypeErrors: a JSON file of the wrong shape is reported with the
// offending value's kind and what was wanted, never an empty word.
func TestJSONTypeErrors(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"garbage.json", `{"doc": "x"}`, "garbage.json:1: the file holds a JSON object (want an array of {doc, seq, zh, en, score}"},
		{"garbage.json", `[{"doc": "x", "zh": 5}]`, `garbage.json:1: field "zh" is a JSON number, not a string`},
		{"garbage.json", "[\n{\"doc\": \"x\", \"seq\": \"one\"}]", `garbage.json:2: field "seq" is a JSON string, not a whole number`},
		{"lines.jsonl", "{\"zh\": \"海关\", \"en\": \"customs\"}\n{\"zh\": [1], \"en\": \"x\"}\n", `lines.jsonl:2: field "zh" is a JSON array, not a string`},
	}
	for _, tt := range tests {
		format, _ := FormatOf(tt.name)
		_, err := ReadDocs(tt.name, format, []byte(tt.body))
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "  ") {
			t.Errorf("%s %q: %v, want %q", tt.name, tt.body, err, tt.want)
		}
	}
}

// TestTitleIsNotASection: the units under a document's title carry no
// section until the first heading after it.
func TestTitleIsNotASection(t *testing.T) {
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

// TestCSVUnclosedQuote: a quote never closed is reported where it opens,
// not read as one pair swallowing the rest of the file.
func TestCSVUnclosedQuote(t *testing.T) {
	var b strings.Builder
	b.WriteString("zh,en\n海关,\"customs\n")
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&b, "专利%d,patent %d\n", i, i)
	}
	_, err := ReadCSV("bad.csv", []byte(b.String()))
	if err == nil || !strings.Contains(err.Error(), "bad.csv:2: unclosed quote") {
		t.Errorf("unclosed quote: %v", err)
	}
	// a quoted field over a few lines is fine
	d, err := ReadCSV("ok.csv", []byte("海关,\"customs\nand excise\"\n专利,patent\n"))
	if err != nil || len(d.Units) != 2 {
		t.Errorf("a field over two lines: %v", err)
	}
	_, err = ReadCSV("one.csv", []byte("海关\n"))
	if err == nil || !strings.Contains(err.Error(), "only one column") {
		t.Errorf("one column: %v", err)
	}
}

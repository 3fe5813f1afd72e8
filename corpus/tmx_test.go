package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/unicode"
)

func TestReadTMX(t *testing.T) {
	t.Parallel()
	tmx11 := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" segtype="paragraph" srclang="EN-US"/>
  <body>
    <tu>
      <tuv lang="EN-US"><seg>Open the &lt;b&gt;project&lt;/b&gt;</seg></tuv>
      <tuv lang="ZH-CN"><seg>打开项目</seg></tuv>
    </tu>
    <tu>
      <tuv lang="en"><seg>Save <bpt i="1">&lt;b&gt;</bpt>now<ept i="1">&lt;/b&gt;</ept><ph>{0}</ph></seg></tuv>
      <tuv lang="zh-Hans"><seg>立即<hi>保存</hi><it pos="begin">&lt;i&gt;</it></seg></tuv>
    </tu>
    <tu><tuv lang="fr"><seg>Bonjour</seg></tuv></tu>
    <tu><tuv lang="en"><seg>Only English</seg></tuv></tu>
  </body>
</tmx>`
	tmx14 := "<?xml version='1.0' encoding='UTF-16' ?>\r\n<tmx version='1.4'><header srclang='en-US'/><body>\r\n" +
		"<tu tuid='1'><prop type='x-doc'>guide</prop><prop type='x-score'>0.9</prop><tuv xml:lang='en-US'><seg>Line one&#10;line two</seg></tuv><tuv xml:lang='zh-CN'><seg>第一行&#10;第二行</seg></tuv></tu>\r\n" +
		"<tu tuid='2'><tuv xml:lang='zh-TW'><seg>知識產權</seg></tuv><tuv xml:lang='en'><seg>IP</seg></tuv></tu>\r\n</body></tmx>\r\n"
	u16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(tmx14)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   string
		want map[string][]Unit
	}{
		{"tmx 1.1 utf-8", tmx11, map[string][]Unit{"x": {
			{Seq: 0, ZH: "打开项目", EN: "Open the <b>project</b>", Score: 1},
			{Seq: 1, ZH: "立即保存", EN: "Save now", Score: 1},
			{Seq: 2, EN: "Only English"},
		}}},
		{"tmx 1.4 utf-16 single quotes crlf", u16, map[string][]Unit{
			"guide": {{Seq: 0, ZH: "第一行\n第二行", EN: "Line one\nline two", Score: 0.9}},
			"x":     {{Seq: 0, ZH: "知識產權", EN: "IP", Score: 1}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := ReadTMX("x.tmx", strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][]Unit{}
			for _, d := range docs {
				got[d.ID] = d.Units
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	for in, want := range map[string]string{
		"<tmx><body><tu><tuv lang='en'><seg>a</seg></tuv>\n</tu>\n<tu>":      "x.tmx:3: invalid TMX",
		"<tmx><body><tu><tuv lang='en'><seg>a</tuv></tu></body></tmx>":       "x.tmx:1: invalid TMX",
		"<html><body>not a tm</body></html>":                                 "not a TMX file",
		"<tmx><body><tu><tuv lang='fr'><seg>a</seg></tuv></tu></body></tmx>": "no translation unit",
		"\x00\x01binary": "invalid TMX",
	} {
		if _, err := ReadTMX("x.tmx", strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadTMX(%q) = %v, want %q", in, err, want)
		}
	}
}

func FuzzReadTMX(f *testing.F) {
	f.Add(`<tmx><body><tu><tuv lang="en"><seg>a<ph>x</ph></seg></tuv><tuv xml:lang="zh"><seg>甲</seg></tuv></tu></body></tmx>`)
	f.Fuzz(func(t *testing.T, s string) {
		docs, err := ReadTMX("f.tmx", strings.NewReader(s))
		if err != nil {
			return
		}
		for _, d := range docs {
			checkDoc(t, d)
		}
	})
}

// TestSharedTMX imports every real TMX file of ../shared/data/tmx and checks
// the unit counts its README gives.
func TestSharedTMX(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(sharedData, "tmx")
	want := map[string]int{
		"omegat-l10n-zh_CN.project_save.tmx":  10915,
		"programming-in-d.project_save.tmx":   578,
		"catalyst-utf16.Bundle_en_zh-CN.tmx":  1715,
		"catalyst-utf16.omegat-UI-tm-4.1.tmx": 1545,
		"catalyst-utf16.omegat-tm-4.3.1.tmx":  4363,
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s not found: the shared data sits beside the checkout in CI", dir)
	}
	for name, n := range want {
		t.Run(name, func(t *testing.T) {
			docs, err := ReadFileDocs(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			got, paired := 0, 0
			for _, d := range docs {
				checkDoc(t, d)
				got += len(d.Units)
				paired += d.Aligned()
			}
			if got != n {
				t.Errorf("%d units, want %d", got, n)
			}
			t.Logf("%s: %d units, %d with both languages", name, got, paired)
		})
	}
}

func TestReadAlignedJSON(t *testing.T) {
	t.Parallel()
	in := `[{"doc":"a","seq":0,"zh":"海关","en":"customs","score":0.9},
	        {"doc":"a","seq":1,"zh":"乡村振兴","en":null,"score":0},
	        {"doc":"b","seq":0,"zh":null,"en":"Heading","score":0}]`
	docs, err := ReadAlignedJSON("x.json", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]Unit{}
	for _, d := range docs {
		got[d.ID] = d.Units
	}
	want := map[string][]Unit{
		"a": {{Seq: 0, ZH: "海关", EN: "customs", Score: 0.9}, {Seq: 1, ZH: "乡村振兴"}},
		"b": {{Seq: 0, EN: "Heading"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for in, want := range map[string]string{
		"[{\"doc\":\"a\",\n\"zh\": 3}]": `x.json:2: field "zh" is a JSON number, not a string`,
		"[{\"doc\":\"a\",\n\"zh\": }]":  "x.json:2: invalid JSON",
		`{"zh":"a"}`:                    "x.json",
		`[{"doc":"a","lang":"zh"}]`:     "invalid aligned JSON",
		`[]`:                            "no records",
	} {
		if _, err := ReadAlignedJSON("x.json", []byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadAlignedJSON(%q) = %v, want %q", in, err, want)
		}
	}
}

func FuzzReadAlignedJSON(f *testing.F) {
	f.Add([]byte(`[{"doc":"a","seq":0,"zh":"海关","en":"customs","score":0.9},{"doc":"b","zh":null,"en":"x"}]`))
	f.Add([]byte(`[{"doc":"../etc/passwd","zh":"甲","en":"a"}]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		docs, err := ReadAlignedJSON("f.json", b)
		if err != nil {
			return
		}
		for _, d := range docs {
			checkDoc(t, d)
		}
	})
}

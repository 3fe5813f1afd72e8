package corpus

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadXLIFF(t *testing.T) {
	t.Parallel()
	x12 := `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="en-US" target-language="zh-CN" datatype="plaintext" original="ui">
  <body>
   <group id="g">
    <trans-unit id="1"><source>Open the <g id="1">project</g><x id="2"/></source><target>打开<g id="1">项目</g><x id="2"/></target></trans-unit>
   </group>
   <trans-unit id="2"><source>Save <ph id="1">{0}</ph>now</source><target>立即保存<ph id="1">{0}</ph></target></trans-unit>
   <trans-unit id="3"><source>Untranslated</source></trans-unit>
  </body>
 </file>
</xliff>`
	x20 := `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-Hans" trgLang="en">
 <file id="f1"><unit id="u1">
  <segment><source>知识产权保护。</source><target>IP protection.</target></segment>
  <ignorable><source> </source></ignorable>
  <segment><source>海关<pc id="1">执法</pc><cp hex="3002"/></source><target>Customs <pc id="1">enforcement</pc>.</target></segment>
 </unit></file></xliff>`
	tests := []struct {
		name, in string
		want     []Unit
	}{
		{"1.2", x12, []Unit{
			{Seq: 0, ZH: "打开项目", EN: "Open the project", Score: 1},
			{Seq: 1, ZH: "立即保存", EN: "Save now", Score: 1},
			{Seq: 2, EN: "Untranslated"},
		}},
		{"2.0", x20, []Unit{{Seq: 0, ZH: "知识产权保护。海关执法。", EN: "IP protection. Customs enforcement.", Score: 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ReadXLIFF("x.xlf", strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, d.Units); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	for in, want := range map[string]string{
		`<xliff version="1.2"><file source-language="en" target-language="fr"><body><trans-unit id="1"><source>a</source></trans-unit></body></file></xliff>`: `x.xlf:1: the languages "en" and "fr"`,
		"<xliff version=\"1.2\">\n<file>\n<body><trans-unit>": "x.xlf:3: invalid XLIFF",
		`<tmx/>`: "not an XLIFF file",
	} {
		if _, err := ReadXLIFF("x.xlf", strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadXLIFF(%q) = %v, want %q", in, err, want)
		}
	}
}

func FuzzReadXLIFF(f *testing.F) {
	f.Add(`<xliff srcLang="en" trgLang="zh"><file><unit><segment><source>a<ph/></source><target>甲</target></segment></unit></file></xliff>`)
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := ReadXLIFF("f.xlf", strings.NewReader(s)); err == nil {
			checkDoc(t, d)
		}
	})
}

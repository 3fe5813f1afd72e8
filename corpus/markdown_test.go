package corpus

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMarkdownParagraphs(t *testing.T) {
	t.Parallel()
	in := "---\ntitle: x\n---\n# 知识产权保护\n\n加强**统筹**谋划，见[报告](http://x)。\n继续一行。\n\n- 第一项 `code`\n- Second item\n\n```\nnot text\n```\n\n> Quoted *English* line\n\n[ref]: http://example.com\n## IP Protection\n"
	ps, err := markdownParagraphs("x.md", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"#zh:知识产权保护", "zh:加强统筹谋划，见报告。 继续一行。", "zh:第一项 code", "en:Second item", "en:Quoted English line", "#en:IP Protection"}
	if diff := cmp.Diff(want, paraTexts(ps)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func FuzzReadMarkdown(f *testing.F) {
	f.Add([]byte("# 标题\n\n- a\n- 乙\n\n```\nx\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if d, err := ReadMarkdown("f.md", b); err == nil {
			checkDoc(t, d)
		}
	})
}

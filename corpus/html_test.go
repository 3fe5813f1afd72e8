package corpus

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHTMLParagraphs(t *testing.T) {
	t.Parallel()
	in := `<html><head><title>T</title><style>p{}</style></head><body><nav><ul><li>首页</li></ul></nav>
<h1>第一章 总则</h1><div class="para">加强<b>知识产权</b>保护。<br>继续。</div>
<div><p>Customs &amp; enforcement.</p><script>x()</script><table><tr><td>单元格</td></tr></table></div></body></html>`
	ps, err := htmlParagraphs("x.html", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"zh:首页", "#zh:第一章 总则", "zh:加强知识产权保护。 继续。", "en:Customs & enforcement.", "zh:单元格"}
	if diff := cmp.Diff(want, paraTexts(ps)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestLoadPagePairs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "site", "zh-CN", "guide", "apt.html"), "<h1>软件包</h1><p>使用 apt 安装软件包。</p><p>这一段没有译文。</p>")
	mustWrite(t, filepath.Join(dir, "site", "en-US", "guide", "apt.html"), "<h1>Packages</h1><p>Install packages with apt.</p>")
	mustWrite(t, filepath.Join(dir, "site", "en-US", "only-english.html"), "<p>No Chinese page.</p>")
	mustWrite(t, filepath.Join(dir, "notes.zh.md"), "# 说明\n\n海关执法。\n")
	mustWrite(t, filepath.Join(dir, "notes.en.md"), "# Notes\n\nCustoms enforcement.\n")
	docs, problems, err := Load(context.Background(), dir)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	byID := map[string]*Doc{}
	for _, d := range docs {
		byID[d.ID] = d
	}
	apt := byID["site-guide-apt"]
	if apt == nil {
		t.Fatalf("no site-guide-apt document among %v", keys(byID))
	}
	if apt.Aligned() != 2 {
		t.Errorf("apt page pair: %d aligned units, want 2: %+v", apt.Aligned(), apt.Units)
	}
	if n := byID["notes"]; n == nil || n.Aligned() != 2 {
		t.Errorf("notes.zh.md + notes.en.md: %+v", n)
	}
	if byID["only-english"] == nil {
		t.Error("a page without a partner was not read on its own")
	}
}

// TestSharedHandbook imports the Debian handbook as page pairs under its
// en-US and zh-CN trees.
func TestSharedHandbook(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(sharedData, "debian-handbook")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s not found: the shared data sits beside the checkout in CI", dir)
	}
	docs, problems, err := Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	units, aligned, pairs := 0, 0, 0
	for _, d := range docs {
		checkDoc(t, d)
		units += len(d.Units)
		aligned += d.Aligned()
		if strings.Contains(d.Source, " + ") {
			pairs++
		}
	}
	t.Logf("debian-handbook: %d documents (%d page pairs), %d units, %d aligned", len(docs), pairs, units, aligned)
	if pairs != 127 {
		t.Errorf("%d page pairs, want 127", pairs)
	}
	if aligned < 1900 {
		t.Errorf("%d aligned units, want about the 2,000 translated paragraphs", aligned)
	}
}

func FuzzReadHTML(f *testing.F) {
	f.Add([]byte("<p>知识产权</p><p>IP</p><div><ul><li>x"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if d, err := ReadHTML("f.html", b); err == nil {
			checkDoc(t, d)
		}
	})
}

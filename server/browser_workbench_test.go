package server

import (
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserWorkbench drives the translator's tools in headless Chromium:
// the box of the query's translations and choosing one, the sentence pairs
// a hit opens on, the concordance sorted by context, the fuzzy matches of
// a sentence and the download link. Screenshots of each go to
// testdata/screenshots/.
func TestBrowserWorkbench(t *testing.T) {
	bin := needChromium(t)
	h, _ := sampleHandler(t)
	ts := httptest.NewServer(h)
	defer ts.Close()
	p := openPage(t, bin)
	ctx := p.ctx
	save, do, eval, waitFor := p.save, p.do, p.eval, p.waitFor
	status := func() string { return eval(`document.getElementById("status").textContent`) }
	fetched := func(js string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return s
	}

	// the translations of a one-word query, on top; choosing one keeps its hits
	do(chromedp.Navigate(ts.URL + "/?q=" + url.QueryEscape("知识产权")))
	waitFor(`!document.getElementById("trbox").hidden && document.querySelectorAll("#trbox .trchip").length > 1 && document.querySelectorAll(".hit").length > 0`)
	save("translations.png")
	first := eval(`document.querySelector("#trbox .trchip .label").textContent`)
	count := eval(`document.querySelector("#trbox .trchip .count").textContent`)
	if !strings.EqualFold(first, "intellectual property") {
		t.Errorf("the first translation of 知识产权 is %q", first)
	}
	do(chromedp.Click(chromedp.CSS("#trbox .trchip")))
	waitFor(`location.search.includes("as=") && document.getElementById("status").textContent.startsWith("` + count + ` paragraph")`)
	if eval(`document.querySelector("#trbox .trchip").getAttribute("aria-pressed")`) != "true" {
		t.Error("the chosen translation is not shown pressed")
	}
	if eval(`[...document.querySelectorAll(".hit")].every(h => /intellectual property/i.test([...h.querySelectorAll(".side.en mark")].map(m => m.textContent).join(" "))) ? "y" : "n"`) != "y" {
		t.Error("a hit kept by the translation filter does not show it marked")
	}
	save("translation-chosen.png")
	otherwise := eval(`[...document.querySelectorAll("#trbox .trchip")].pop().querySelector(".count").textContent`)
	do(chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll("#trbox .trchip")].pop().click()`))
	waitFor(`location.search.includes("as=-")`)
	if otherwise == "0" {
		waitFor(`document.getElementById("status").textContent.startsWith("No paragraph")`)
	} else {
		waitFor(`document.getElementById("status").textContent.startsWith("` + otherwise + ` paragraph")`)
	}

	// a hit opens on its sentence pair; the paragraph on demand
	do(chromedp.Navigate(ts.URL + "/?q=" + url.QueryEscape("惩罚性赔偿")))
	waitFor(`document.querySelectorAll(".hit .pair.sentence").length === 1`)
	sent := eval(`document.querySelector(".hit .pair.sentence .side.en .text").textContent`)
	if !strings.Contains(sent, "punitive damages") || strings.Contains(sent, "91,000") {
		t.Errorf("the sentence pair's English = %q", sent)
	}
	if eval(`document.querySelector(".hit .side.en mark.tr").textContent`) != "punitive damages" {
		t.Error("the sentence pair does not mark the translation of the query")
	}
	save("sentence-pairs.png")
	do(chromedp.Click(chromedp.CSS(".hit .whole-toggle")))
	waitFor(`document.querySelector(".hit .en .al") !== null`)
	if para := eval(`document.querySelector(".hit .side.en .text").textContent`); !strings.Contains(para, "91,000") {
		t.Errorf("the paragraph shown on demand = %q", para)
	}
	// the download takes the sentence pairs of every hit
	href := eval(`document.getElementById("download").getAttribute("href")`)
	if !strings.Contains(href, "/api/export?") || !strings.Contains(href, "pairs=sentence") || !strings.Contains(href, "format=tsv") {
		t.Errorf("download link %q", href)
	}
	got := fetched(`fetch(document.getElementById("download").href).then(r => r.text())`)
	if lines := strings.Split(strings.TrimSpace(got), "\n"); len(lines) != 2 || !strings.HasPrefix(lines[0], "zh\ten") || !strings.Contains(lines[1], "punitive damages") || strings.Contains(lines[1], "91,000") {
		t.Errorf("the download holds %q", got)
	}
	do(chromedp.SetValue(chromedp.ID("dlformat"), "csv"), chromedp.Evaluate[chromedp.Void](`document.getElementById("dlformat").dispatchEvent(new Event("change"))`))
	if got := fetched(`fetch(document.getElementById("download").href).then(r => r.arrayBuffer()).then(b => new TextDecoder("utf-8", {ignoreBOM: true}).decode(b))`); !strings.HasPrefix(got, "\ufeffzh,en") {
		t.Errorf("the CSV download starts %q", got[:min(20, len(got))])
	}

	// the concordance, sorted by the words right of the match
	do(chromedp.Navigate(ts.URL + "/?q=" + url.QueryEscape("知识产权")))
	waitFor(`document.querySelectorAll(".hit").length > 0`)
	do(chromedp.SetValue(chromedp.ID("show"), "kwic"), chromedp.Evaluate[chromedp.Void](`document.getElementById("show").dispatchEvent(new Event("change"))`))
	waitFor(`!document.getElementById("kwic").hidden && document.querySelectorAll("#kwic tbody tr").length === 50 && document.getElementById("status").textContent.includes("ms)")`)
	if !strings.HasPrefix(status(), "165 matches in 26 paragraphs") {
		t.Errorf("concordance status %q", status())
	}
	do(chromedp.SetValue(chromedp.ID("ksort"), "right"), chromedp.Evaluate[chromedp.Void](`document.getElementById("ksort").dispatchEvent(new Event("change"))`))
	waitFor(`location.search.includes("ksort=right") && document.getElementById("status").textContent.includes("ms)")`)
	// sorted by the word right of the match: the lines that share it stand
	// together (the order of the words is the collation's)
	scattered := eval(`(() => { const seen = new Set(); let prev = null; for (const td of document.querySelectorAll("#kwic tbody tr.zh td.kr")) { const k = (td.textContent.match(/[\u4e00-\u9fff]/) || [""])[0]; if (k !== prev && seen.has(k)) return k; seen.add(k); prev = k; } return ""; })()`)
	if scattered != "" {
		t.Errorf("the lines followed by %s are not together in the concordance by right context", scattered)
	}
	if n := eval(`String(document.querySelectorAll("#kwic tbody td.kt mark.tr").length)`); n == "0" {
		t.Error("no translation in the concordance marks the query's equivalent")
	}
	save("concordance.png")
	do(chromedp.Click(chromedp.CSS("#next")))
	waitFor(`location.search.includes("from=50") && document.getElementById("status").textContent.includes("(51–100,")`)
	do(chromedp.Click(chromedp.CSS("#kwic tbody td.kw a")))
	waitFor(`!document.getElementById("docview").hidden && document.querySelector("#docunits .unit.at") !== null`)

	// fuzzy matches of a sentence with a word changed
	do(chromedp.Navigate(ts.URL + "/?mode=similar"))
	waitFor(`document.getElementById("mode").value === "similar"`)
	do(chromedp.SendKeys(chromedp.ID("q"), "全省共有62件知识产权案件适用惩罚性赔偿严惩侵权,全年最高判赔数额达3.17亿元。"), chromedp.Click(chromedp.CSS("#search button")))
	waitFor(`document.querySelectorAll(".match").length > 0`)
	if p := eval(`document.querySelector(".match .pct").textContent`); p != "100 %" {
		t.Errorf("the sentence itself matches at %q", p)
	}
	do(chromedp.Evaluate[chromedp.Void](`document.getElementById("q").value = ""`), chromedp.SendKeys(chromedp.ID("q"), "全省共有62件知识产权案件适用惩罚性赔偿严惩违法,全年最高判赔数额达3.17亿元。"), chromedp.Click(chromedp.CSS("#search button")))
	waitFor(`document.querySelectorAll(".match").length > 0 && document.querySelector(".match .pct").textContent !== "100 %"`)
	pct, _ := strconv.Atoi(strings.TrimSuffix(eval(`document.querySelector(".match .pct").textContent`), " %"))
	if pct < 90 || pct > 99 {
		t.Errorf("two characters changed of 33 match at %d %%", pct)
	}
	if d := eval(`document.querySelector(".match .source mark.diff").textContent`); d != "侵权" {
		t.Errorf("the difference marked in the memory = %q, want 侵权", d)
	}
	if d := eval(`document.querySelector(".match .query mark.diff").textContent`); d != "违法" {
		t.Errorf("the difference marked in the sentence = %q, want 违法", d)
	}
	if tr := eval(`document.querySelector(".match .target").textContent`); !strings.Contains(tr, "punitive damages") {
		t.Errorf("the match's translation = %q", tr)
	}
	save("similar.png")
}

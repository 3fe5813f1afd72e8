package server

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/indexer"
)

// TestBrowserNewcomer drives what a new user trips over first: search as
// you type that forgives typing, history entries for settled queries only,
// honest zero-result messages, facets, the first screen, the phone layout
// and the error text's contrast in dark mode.
func TestBrowserNewcomer(t *testing.T) {
	bin := needChromium(t)
	h, _ := sampleHandler(t)
	ts := httptest.NewServer(h)
	defer ts.Close()
	p := openPage(t, bin)
	ctx := p.ctx
	save, do, eval, waitFor := p.save, p.do, p.eval, p.waitFor
	// typeSlowly types text a character at a time, as a person does,
	// recording whether the status ever turned into an error and every
	// text the live region announced
	typeSlowly := func(text string, gap time.Duration) {
		t.Helper()
		do(chromedp.Evaluate[chromedp.Void](`window.__errors = 0; window.__announced = [];
			new MutationObserver(() => { if (document.getElementById("status").className === "error") window.__errors++; }).observe(document.getElementById("status"), {attributes: true, childList: true, characterData: true, subtree: true});
			new MutationObserver(() => { const t = document.getElementById("announce").textContent; if (t) window.__announced.push(t); }).observe(document.getElementById("announce"), {childList: true, characterData: true, subtree: true});`))
		for _, r := range text {
			do(chromedp.SendKeys(chromedp.ID("q"), string(r)))
			time.Sleep(gap)
		}
	}

	// the first screen says what is indexed and offers queries that find something
	do(chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("q")))
	waitFor(`document.getElementById("about").textContent.startsWith("Indexed: 1 document, 36 paragraphs, 13 aligned pairs")`)
	waitFor(`document.querySelectorAll("#examples a").length >= 4`)
	save("home.png")
	example := eval(`document.querySelector("#examples a").textContent`)
	do(chromedp.Click(chromedp.CSS("#examples a")))
	waitFor(`document.querySelectorAll(".hit").length > 0`)
	if eval(`document.title`) != example+" — bisearch" {
		t.Errorf("title %q after the example %q", eval(`document.title`), example)
	}

	// typing a phrase slowly: no error on the way, one announcement at the end
	do(chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("q")))
	typeSlowly(`"Greater Bay Area"`, 120*time.Millisecond)
	waitFor(`document.querySelectorAll(".hit").length === 3`)
	time.Sleep(2 * time.Second)
	if n := eval(`String(window.__errors)`); n != "0" {
		t.Errorf("typing the phrase showed an error %s times", n)
	}
	if got := eval(`JSON.stringify(window.__announced)`); !strings.HasPrefix(got, `["3 paragraphs (1–3, `) || strings.Count(got, `","`) != 0 {
		t.Errorf("announced while typing: %s, want the settled count once", got)
	}
	// an unfinished word is a prefix
	do(chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("q")))
	typeSlowly("prot", 80*time.Millisecond)
	waitFor(`document.querySelectorAll(".hit").length > 0`)
	if st := eval(`document.getElementById("status").textContent`); strings.HasPrefix(st, "No paragraph") {
		t.Errorf("prot: %q", st)
	}
	save("typing-prefix.png")
	// a syntax error waits for Enter, then says what is wrong
	do(chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("q")))
	typeSlowly("customs OR", 60*time.Millisecond)
	time.Sleep(800 * time.Millisecond)
	do(chromedp.SendKeys(chromedp.ID("q"), "\r"))
	waitFor(`document.getElementById("status").className === "error" && document.getElementById("status").textContent.includes("OR needs a word")`)

	// history: one entry per settled query, none for the keystrokes, no duplicate on Enter
	do(chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("q")))
	start, _ := strconv.Atoi(eval(`String(history.length)`))
	typeSlowly("海关", 100*time.Millisecond)
	waitFor(`document.querySelectorAll(".hit").length > 0`)
	time.Sleep(1800 * time.Millisecond) // settles
	do(chromedp.Evaluate[chromedp.Void](`document.getElementById("q").value = ""`))
	typeSlowly("customs", 100*time.Millisecond)
	waitFor(`location.search.includes("q=customs") && document.querySelectorAll(".hit").length > 0`)
	time.Sleep(1800 * time.Millisecond)
	do(chromedp.SendKeys(chromedp.ID("q"), "\r"))
	waitFor(`document.querySelectorAll(".hit").length > 0`)
	if n, _ := strconv.Atoi(eval(`String(history.length)`)); n != start+2 {
		t.Errorf("history grew by %d for two settled queries (and an Enter), want 2", n-start)
	}
	if eval(`document.title`) != "customs — bisearch" {
		t.Errorf("title %q", eval(`document.title`))
	}
	do(chromedp.Evaluate[chromedp.Void](`history.back()`))
	waitFor(`document.getElementById("q").value === "海关"`)
	do(chromedp.Evaluate[chromedp.Void](`history.back()`))
	waitFor(`document.getElementById("q").value === "" && !document.getElementById("intro").hidden`)

	// Escape from the document view returns to the opened result, focused
	do(chromedp.Navigate(ts.URL + "/?q=" + url.QueryEscape("知识产权")))
	waitFor(`document.querySelectorAll(".hit").length > 2`)
	opened := eval(`document.querySelectorAll(".hit")[2].dataset.unit`)
	do(chromedp.Click(chromedp.CSS(`.hit:nth-child(3) .open`)))
	waitFor(`!document.getElementById("docview").hidden`)
	do(chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`), chromedp.KeyEvent("\x1b"))
	waitFor(`document.getElementById("docview").hidden && document.activeElement && document.activeElement.dataset.unit === "` + opened + `"`)

	// honest zero results: a stop word says so; a filter is named
	do(chromedp.Navigate(ts.URL + "/?q=the"))
	waitFor(`document.querySelector(".notice") !== null`)
	if n := eval(`document.querySelector(".notice").textContent`); !strings.Contains(n, "not indexed") {
		t.Errorf("the: %q", n)
	}
	do(chromedp.Navigate(ts.URL + "/?q=" + url.QueryEscape("乡村振兴") + "&lang=en"))
	waitFor(`document.getElementById("status").textContent.startsWith("No paragraph")`)
	if st := eval(`document.getElementById("status").textContent`); !strings.Contains(st, "in English") {
		t.Errorf("zero results with a filter: %q", st)
	}
	save("zero-filtered.png")
	do(chromedp.Click(chromedp.CSS(".suggest button.link")))
	waitFor(`document.querySelectorAll(".hit").length === 1 && !location.search.includes("lang=")`)

	// facets: a hit matched on both sides counts on both; a chip with 0 cannot be chosen
	do(chromedp.Navigate(ts.URL + "/?q=" + url.QueryEscape("zh:海关 en:customs")))
	waitFor(`document.querySelectorAll(".hit").length > 0 && !document.getElementById("facets").hidden`)
	sides := eval(`[...document.querySelectorAll("#facets .facet")[0].querySelectorAll(".count")].map(c => c.textContent).join("/")`)
	if sides == "0/0" || strings.Contains(sides, "/0") || strings.HasPrefix(sides, "0/") {
		t.Errorf("side counts %s for hits matched on both sides", sides)
	}
	do(chromedp.Navigate(ts.URL + "/?q=" + url.QueryEscape("乡村振兴")))
	waitFor(`document.querySelectorAll(".hit").length === 1`)
	if eval(`[...document.querySelectorAll("#facets .chip")].filter(b => b.querySelector(".count").textContent === "0").every(b => b.disabled) ? "y" : "n"`) != "y" {
		t.Error("a chip counting 0 can be chosen")
	}
	if eval(`[...document.querySelectorAll("#facets .chip .count")].every(c => c.getClientRects().length === 1) ? "y" : "n"`) != "y" {
		t.Error("a count wraps over two lines")
	}

	// on a phone the filters fold behind a button and the first hit shows
	do(chromedp.EmulateViewport(390, 844))
	do(chromedp.Navigate(ts.URL + "/?q=" + url.QueryEscape("知识产权")))
	waitFor(`document.querySelectorAll(".hit").length > 0`)
	if eval(`getComputedStyle(document.getElementById("facets")).display`) != "none" {
		t.Error("on a phone the filters take the first screen")
	}
	if eval(`document.querySelector(".hit").getBoundingClientRect().top < innerHeight ? "y" : "n"`) != "y" {
		t.Error("on a phone the first hit is below the first screen")
	}
	save("phone-folded.png")
	do(chromedp.Click(chromedp.ID("filters")))
	waitFor(`getComputedStyle(document.getElementById("facets")).display !== "none"`)
	save("phone-filters.png")
	do(chromedp.EmulateViewport(1280, 900))

	// dark mode: the error text reaches 4.5:1
	dark := func(c context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(c, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
		})
		return chromedp.Void{}, err
	}
	do(chromedp.Navigate(ts.URL + "/?q=" + url.QueryEscape(`"unclosed`)))
	if err := chromedp.Do(ctx, dark); err != nil {
		t.Fatal(err)
	}
	waitFor(`document.getElementById("status").className === "error"`)
	ratio := eval(`(() => {
		const rgb = s => s.match(/\d+/g).slice(0, 3).map(Number);
		const lum = c => { const v = c.map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }); return 0.2126*v[0] + 0.7152*v[1] + 0.0722*v[2]; };
		const a = lum(rgb(getComputedStyle(document.getElementById("status")).color)), b = lum(rgb(getComputedStyle(document.body).backgroundColor));
		return ((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)).toFixed(2);
	})()`)
	if r, _ := strconv.ParseFloat(ratio, 64); r < 4.5 {
		t.Errorf("dark-mode error text contrast %s:1, want 4.5:1", ratio)
	}
	save("dark-error.png")
}

// TestBrowserDocumentPages: a long document opens on a page of units
// around the hit, with the units before and after a click away.
func TestBrowserDocumentPages(t *testing.T) {
	bin := needChromium(t)
	doc := &corpus.Doc{ID: "long", Title: "A long document"}
	for i := 0; i < 1000; i++ {
		doc.Units = append(doc.Units, corpus.Unit{Seq: i, ZH: fmt.Sprintf("第%d条规定。", i), EN: fmt.Sprintf("Article %d provides.", i), Score: 1})
	}
	doc.Units[800].ZH = "第800条规定海关执法。"
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := indexer.Build(context.Background(), dir, []*corpus.Doc{doc}, nil); err != nil {
		t.Fatal(err)
	}
	ix, err := indexer.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ts := httptest.NewServer(New(ix, Options{}))
	defer ts.Close()
	p := openPage(t, bin)
	ctx := p.ctx
	waitFor := p.waitFor
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/?q="+url.QueryEscape("海关")+"&doc=long&view=doc&at=800")); err != nil {
		t.Fatal(err)
	}
	waitFor(`document.querySelector("#docunits .unit.at") !== null`)
	first, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#docunits .unit").id + " " + document.querySelectorAll("#docunits .unit").length`))
	if first != "unit-700 300" {
		t.Errorf("the page shows %q, want 300 units from 700", first)
	}
	saveShot(t, ctx, "document-page.png")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#docunits .more-units button"))); err != nil {
		t.Fatal(err)
	}
	waitFor(`document.querySelector("#docunits .unit").id === "unit-400"`)
}

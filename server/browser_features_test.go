package server

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserFeatures drives the reading features of the page in headless
// Chromium: facets with counts, document-order sort, layout and language
// order, keyboard navigation into the document view and through its hits,
// copying a pair, completions from the index, search as you type, phone and
// dark layouts, labels and the live region. Screenshots of each state go to
// testdata/screenshots/.
func TestBrowserFeatures(t *testing.T) {
	bin := needChromium(t)
	h, _ := sampleHandler(t)
	ts := httptest.NewServer(h)
	defer ts.Close()
	p := openPage(t, bin)
	ctx := p.ctx
	save, do, eval, waitFor := p.save, p.do, p.eval, p.waitFor

	// facets with counts, and filtering by one
	do(chromedp.Navigate(ts.URL + "/?q=" + "知识产权"))
	waitFor(`document.querySelectorAll(".hit").length > 0 && !document.getElementById("facets").hidden`)
	save("facets.png")
	if got := eval(`document.querySelector("#facets .facet:nth-child(1) .count").textContent`); got != "26" {
		t.Errorf("Chinese-side count = %q, want 26", got)
	}
	// a section: the count on its chip is what the filter finds
	want := eval(`(() => { const f = [...document.querySelectorAll("#facets .facet")].find(f => f.querySelector("h2").textContent === "Section"); const b = f.querySelectorAll("button")[1]; b.click(); return b.querySelector(".count").textContent; })()`)
	waitFor(`location.search.includes("section=")`)
	waitFor(`document.getElementById("status").textContent.startsWith("` + want + ` paragraph")`)

	// document order
	do(chromedp.Navigate(ts.URL + "/?q=" + "知识产权" + "&sort=doc"))
	waitFor(`document.querySelectorAll(".hit").length > 0`)
	if got := eval(`document.querySelector(".hit .open").textContent`); !strings.HasSuffix(got, "¶0") {
		t.Errorf("first hit in document order is %q, want ¶0", got)
	}

	// layout: stacked, English on the left
	do(chromedp.Click(chromedp.ID("layout")), chromedp.Click(chromedp.ID("swap")))
	waitFor(`document.body.classList.contains("stacked") && document.querySelector(".hit .pair .side").classList.contains("en")`)
	save("stacked-english-left.png")
	do(chromedp.Click(chromedp.ID("layout")), chromedp.Click(chromedp.ID("swap")))
	waitFor(`!document.body.classList.contains("stacked") && document.querySelector(".hit .pair .side").classList.contains("zh")`)

	// keyboard: / to search, j to the first hit, Enter into the document, j/k through its hits
	do(chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("q")))
	do(chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`), chromedp.KeyEvent("/"))
	if got := eval(`document.activeElement ? document.activeElement.id : ""`); got != "q" {
		t.Fatalf("/ focused %q, want the search box", got)
	}
	do(chromedp.Evaluate[chromedp.Void](`document.getElementById("q").value = ""`), chromedp.SendKeys(chromedp.ID("q"), "海关\r"))
	waitFor(`document.querySelectorAll(".hit").length > 0`)
	do(chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`), chromedp.KeyEvent("j"))
	waitFor(`document.querySelector(".hit.current") !== null`)
	do(chromedp.KeyEvent("\r"))
	waitFor(`!document.getElementById("docview").hidden && document.querySelector("#docunits .unit.at") !== null`)
	save("document-view.png")
	first := eval(`document.querySelector("#docunits .unit.at").id`)
	hits := eval(`String(document.querySelectorAll("#docunits .unit.hashit").length)`)
	if hits == "0" {
		t.Fatal("the document view marks no hit")
	}
	if eval(`document.querySelector("#docunits .unit.at .side.zh mark") ? "y" : "n"`) != "y" {
		t.Error("the opened unit does not show its match")
	}
	do(chromedp.KeyEvent("j"))
	time.Sleep(300 * time.Millisecond)
	if next := eval(`document.querySelector("#docunits .unit.at").id`); next == first && hits != "1" {
		t.Errorf("j did not move to the next hit (still %s)", next)
	}
	do(chromedp.KeyEvent("\x1b")) // Escape: back to the results
	waitFor(`document.getElementById("docview").hidden && document.querySelectorAll(".hit").length > 0`)

	// copy a pair
	do(chromedp.Click(chromedp.CSS(".hit .copy")))
	waitFor(`document.querySelector(".hit .copy").textContent === "copied"`)

	// completions from the index, chosen by keyboard
	do(chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("q")))
	do(chromedp.SendKeys(chromedp.ID("q"), "知识"))
	waitFor(`!document.getElementById("suggest").hidden && document.querySelectorAll("#suggest li").length > 0`)
	save("suggestions.png")
	if got := eval(`document.querySelector("#suggest li").textContent`); got != "知识产权" {
		t.Errorf("first completion = %q, want 知识产权", got)
	}
	do(chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent("\r"))
	waitFor(`document.getElementById("q").value === "知识产权" && document.querySelectorAll(".hit").length > 0`)

	// search as you type, without Enter
	do(chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("q")))
	do(chromedp.SendKeys(chromedp.ID("q"), "乡村振兴"))
	waitFor(`document.querySelectorAll(".hit").length === 1 && location.search.includes("q=")`)

	// labels, live region
	if got := eval(`String([...document.querySelectorAll("input, select")].filter(e => !e.labels || e.labels.length === 0).length)`); got != "0" {
		t.Errorf("%s form controls have no label", got)
	}
	if eval(`document.getElementById("announce").getAttribute("aria-live") + "/" + document.getElementById("announce").getAttribute("role")`) != "polite/status" {
		t.Error("the result count is not announced in a live region")
	}

	// phone and dark mode
	do(chromedp.Navigate(ts.URL + "/?q=" + "海关"))
	waitFor(`document.querySelectorAll(".hit").length > 0`)
	do(chromedp.EmulateViewport(390, 844))
	save("phone.png")
	do(chromedp.EmulateViewport(1280, 900))
	dark := func(c context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(c, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
		})
		return chromedp.Void{}, err
	}
	if err := chromedp.Do(ctx, dark); err != nil {
		t.Logf("dark mode emulation: %v", err)
	} else {
		save("dark.png")
		if bg := eval(`getComputedStyle(document.body).backgroundColor`); bg == "rgb(255, 255, 255)" {
			t.Error("dark mode left a white background")
		}
	}
}

package server

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserSearch drives the page in headless Chromium: it types a query,
// submits it and reads the highlighted result and its translation; then it
// checks the URL holds the query and the back button restores the page.
func TestBrowserSearch(t *testing.T) {
	bin := needChromium(t)
	h, _ := sampleHandler(t)
	ts := httptest.NewServer(h)
	defer ts.Close()
	p := openPage(t, bin)
	ctx := p.ctx
	save, do := p.save, p.do

	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}

	do(chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("q")))
	empty := text("#intro")
	save("home.png")
	do(
		chromedp.SendKeys(chromedp.ID("q"), "惩罚性赔偿"),
		chromedp.Click(chromedp.CSS("#search button")),
		chromedp.WaitVisible(chromedp.CSS(".hit mark")),
	)
	mark := text(".hit .zh mark")
	// the hit opens on the matched sentence and its translation, with the
	// word that translates the query marked
	if tr := text(".hit .pair.sentence .en mark.tr"); tr != "punitive damages" {
		t.Errorf("translation mark = %q", tr)
	}
	translation := text(".hit .en .text")
	// the whole paragraph on demand: the matched sentence's translation shaded
	do(chromedp.Click(chromedp.CSS(".hit .whole-toggle")), chromedp.WaitVisible(chromedp.CSS(".hit .en .al")))
	if al := text(".hit .en .al"); !strings.Contains(al, "punitive damages") {
		t.Errorf("shaded translation = %q", al)
	}
	status := text("#status")
	url, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	save("results.png")
	do(chromedp.EmulateViewport(390, 844))
	save("results-phone.png")
	do(chromedp.EmulateViewport(1280, 900))
	// the page keeps its state in the URL with pushState: back stays in the
	// document, so there is no navigation to wait for
	do(chromedp.Evaluate[chromedp.Void]("history.back()"))
	do(chromedp.WaitVisible(chromedp.ID("intro")))
	afterBack, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("q")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(empty, "Chinese or English") {
		t.Errorf("empty state = %q", empty)
	}
	if mark != "惩罚性赔偿" {
		t.Errorf("marked text = %q, want 惩罚性赔偿", mark)
	}
	if !strings.Contains(translation, "punitive damages") {
		t.Errorf("translation = %q", translation)
	}
	if !strings.HasPrefix(status, "1 paragraph") {
		t.Errorf("status = %q", status)
	}
	if !strings.Contains(url, "q=%E6%83%A9%E7%BD%9A%E6%80%A7%E8%B5%94%E5%81%BF") {
		t.Errorf("URL %q does not hold the query", url)
	}
	if afterBack != "" {
		t.Errorf("after back the box holds %q, want it empty", afterBack)
	}

	// Enter in the box searches too, and forward comes back to the results
	do(
		chromedp.SendKeys(chromedp.ID("q"), "海关\r"),
		chromedp.WaitVisible(chromedp.CSS(".hit mark")),
	)
	if m := text(".hit .zh mark"); m != "海关" {
		t.Errorf("after Enter the mark is %q, want 海关", m)
	}
	// a shared URL opens straight onto its results; a query with no match says so
	do(chromedp.Navigate(ts.URL + "/?q=zzzzqqq"))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("status").textContent.startsWith("No paragraph")`)); err != nil {
		t.Fatal(err)
	}
	if noMatch := text("#status"); !strings.Contains(noMatch, "zzzzqqq") {
		t.Errorf("no-result state = %q", noMatch)
	}

	// a misspelt word offers the corpus's spelling, and the offer searches
	do(chromedp.Navigate(ts.URL+"/?q=protectoin"), chromedp.WaitVisible(chromedp.CSS(".suggest a")))
	save("suggestion.png")
	if s := text(".suggest a"); s != "protection" {
		t.Errorf("suggestion = %q, want protection", s)
	}
	do(chromedp.Click(chromedp.CSS(".suggest a")), chromedp.WaitVisible(chromedp.CSS(".hit mark")))
	if m := text(".hit .en mark"); strings.ToLower(m) != "protection" {
		t.Errorf("after the suggestion the mark is %q", m)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.ID("q"))); v != "protection" {
		t.Errorf("the box holds %q after the suggestion", v)
	}

	// the help panel explains the syntax
	do(chromedp.Click(chromedp.CSS("#help summary")), chromedp.WaitVisible(chromedp.CSS("#help table")))
	if h := text("#help table"); !strings.Contains(h, "zh:保护 -en:IPR") {
		t.Errorf("help = %q", h)
	}
	save("help.png")
}

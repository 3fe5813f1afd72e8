package corpus

import (
	"bufio"
	"encoding/json"
	"flag"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
)

var update = flag.Bool("update", false, "rewrite recorded figures")

const sharedData = "../../shared/data"

// link is one gold or found correspondence between a Chinese and an English
// paragraph (a 2–1 unit gives two links).
type link struct{ zh, en int }

// prf counts links against a gold set.
type prf struct {
	Gold, Found, Correct int
	Precision, Recall    float64
	F1                   float64
}

func (p *prf) add(gold, found map[link]bool) {
	p.Gold += len(gold)
	p.Found += len(found)
	for l := range found {
		if gold[l] {
			p.Correct++
		}
	}
}

func (p *prf) finish() {
	if p.Found > 0 {
		p.Precision = float64(p.Correct) / float64(p.Found)
	}
	if p.Gold > 0 {
		p.Recall = float64(p.Correct) / float64(p.Gold)
	}
	if p.Precision+p.Recall > 0 {
		p.F1 = 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
	}
	p.Precision, p.Recall, p.F1 = round3(p.Precision), round3(p.Recall), round3(p.F1)
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// foundLinks runs the paragraph aligner and lists the links of its
// confident pairs.
func foundLinks(zh, en []Paragraph) map[link]bool {
	return foundLinksWith(zh, en, paragraphPriors)
}

// foundLinksWith does the same with the given priors (the sentence
// aligner's are sentencePriors).
func foundLinksWith(zh, en []Paragraph, pr priors) map[link]bool {
	out := map[link]bool{}
	for _, s := range alignWith(zh, en, pr) {
		if len(s.zh) == 0 || len(s.en) == 0 || s.score < MinScore {
			continue
		}
		for _, i := range s.zh {
			for _, j := range s.en {
				out[link{i, j}] = true
			}
		}
	}
	return out
}

func para(text string, lang Lang) Paragraph {
	return Paragraph{Text: text, Lang: lang, Heading: IsHeading(text, lang)}
}

// splitSentence cuts a paragraph in two at a sentence end near its middle,
// or returns false.
func splitSentence(s string, lang Lang) (string, string, bool) {
	ends := "。！？"
	if lang == EN {
		ends = ".!?"
	}
	mid := len(s) / 2
	best := -1
	for i, r := range s {
		if strings.ContainsRune(ends, r) {
			// keep closing quotes and brackets with their sentence
			end := i + len(string(r))
			for end < len(s) && strings.ContainsRune("\"'”’)）」』", rune(s[end])) {
				end++
			}
			for end < len(s) && !utf8.RuneStart(s[end]) {
				end++
			}
			if end < len(s)-1 && (best < 0 || abs(end-mid) < abs(best-mid)) {
				best = end
			}
		}
	}
	if best <= 0 {
		return "", "", false
	}
	a, b := strings.TrimSpace(s[:best]), strings.TrimSpace(s[best:])
	return a, b, a != "" && b != ""
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// wmtBook rebuilds the WMT24 documents as one two-sided book and edits it
// the way real translations differ: about 4% of the pairs lose their Chinese
// paragraph, 4% their English one, 4% have two English paragraphs merged,
// 4% a Chinese paragraph split in two and 4% an English one split.
func wmtBook(t *testing.T) (zh, en []Paragraph, gold map[link]bool) {
	path := filepath.Join(sharedData, "wmt-docs", "wmt24-en-zh", "documents.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("%s not found: the shared data sits beside the checkout in CI", path)
	}
	defer f.Close()
	type pair struct{ zh, en string }
	var pairs []pair
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var rec struct{ EN, ZH []string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		for i := range rec.ZH {
			pairs = append(pairs, pair{rec.ZH[i], rec.EN[i]})
		}
	}
	rng := rand.New(rand.NewSource(24))
	gold = map[link]bool{}
	for k := 0; k < len(pairs); k++ {
		p := pairs[k]
		switch r := rng.Float64(); {
		case r < 0.04: // no Chinese
			en = append(en, para(p.en, EN))
		case r < 0.08: // no English
			zh = append(zh, para(p.zh, ZH))
		case r < 0.12 && k+1 < len(pairs): // two English paragraphs merged
			q := pairs[k+1]
			zh = append(zh, para(p.zh, ZH), para(q.zh, ZH))
			en = append(en, para(p.en+" "+q.en, EN))
			gold[link{len(zh) - 2, len(en) - 1}] = true
			gold[link{len(zh) - 1, len(en) - 1}] = true
			k++
		case r < 0.16: // a Chinese paragraph split
			if a, b, ok := splitSentence(p.zh, ZH); ok {
				zh = append(zh, para(a, ZH), para(b, ZH))
				en = append(en, para(p.en, EN))
				gold[link{len(zh) - 2, len(en) - 1}] = true
				gold[link{len(zh) - 1, len(en) - 1}] = true
				continue
			}
			fallthrough
		case r < 0.20: // an English paragraph split
			if a, b, ok := splitSentence(p.en, EN); ok {
				zh = append(zh, para(p.zh, ZH))
				en = append(en, para(a, EN), para(b, EN))
				gold[link{len(zh) - 1, len(en) - 2}] = true
				gold[link{len(zh) - 1, len(en) - 1}] = true
				continue
			}
			fallthrough
		default:
			zh = append(zh, para(p.zh, ZH))
			en = append(en, para(p.en, EN))
			gold[link{len(zh) - 1, len(en) - 1}] = true
		}
	}
	return zh, en, gold
}

// handbookPage reads the paragraphs (div.para) of a handbook page.
func handbookPage(t *testing.T, path string) []string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []string
	var text func(n *html.Node, b *strings.Builder)
	text = func(n *html.Node, b *strings.Builder) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			text(c, b)
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "div" {
			for _, a := range n.Attr {
				if a.Key == "class" && a.Val == "para" {
					var b strings.Builder
					text(n, &b)
					out = append(out, strings.Join(strings.Fields(b.String()), " "))
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// TestAlignmentQuality scores the aligner against gold alignments built from
// real parallel text and fails when precision or F1 fall below the figures
// recorded in testdata/alignment-figures.json (-update rewrites them: they
// may only go up).
func TestAlignmentQuality(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("long: aligns the WMT24 book and the Debian handbook")
	}
	got := map[string]*prf{}

	t.Run("wmt24-book", func(t *testing.T) {
		zh, en, gold := wmtBook(t)
		start := time.Now()
		found := foundLinks(zh, en)
		var p prf
		p.add(gold, found)
		p.finish()
		got["wmt24-book"] = &p
		t.Logf("wmt24 book: %d zh × %d en paragraphs in %v: P %.3f R %.3f F1 %.3f", len(zh), len(en), time.Since(start).Round(time.Millisecond), p.Precision, p.Recall, p.F1)
	})

	t.Run("debian-handbook", func(t *testing.T) {
		dir := filepath.Join(sharedData, "debian-handbook")
		pages, _ := filepath.Glob(filepath.Join(dir, "en-US", "*.html"))
		if len(pages) == 0 {
			t.Skipf("%s not found: the shared data sits beside the checkout in CI", dir)
		}
		sort.Strings(pages)
		var p prf
		for _, enPath := range pages {
			enParas := handbookPage(t, enPath)
			zhParas := handbookPage(t, filepath.Join(dir, "zh-CN", filepath.Base(enPath)))
			if len(enParas) != len(zhParas) {
				t.Fatalf("%s: %d en and %d zh paragraphs", filepath.Base(enPath), len(enParas), len(zhParas))
			}
			var zh, en []Paragraph
			gold := map[link]bool{}
			for i := range enParas {
				en = append(en, para(enParas[i], EN))
				// untranslated paragraphs of the zh-CN build are still English
				if lang, ok := DetectLang(zhParas[i]); ok && lang == ZH {
					zh = append(zh, para(zhParas[i], ZH))
					gold[link{len(zh) - 1, i}] = true
				}
			}
			p.add(gold, foundLinks(zh, en))
		}
		p.finish()
		got["debian-handbook"] = &p
		t.Logf("debian handbook: %d pages: P %.3f R %.3f F1 %.3f (%d gold links)", len(pages), p.Precision, p.Recall, p.F1, p.Gold)
	})

	t.Run("bible-sentences", func(t *testing.T) {
		dir := filepath.Join(sharedData, "bible-kjv-cuv")
		read := func(name string) []string {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Skipf("%s not found: the shared data sits beside the checkout in CI", dir)
			}
			return strings.Split(strings.TrimRight(string(b), "\n"), "\n")
		}
		enText, enVerse := read("bible.en"), read("bible.en.verse")
		zhText, zhVerse := read("bible.zh"), read("bible.zh.verse")
		if len(enText) != len(enVerse) || len(zhText) != len(zhVerse) {
			t.Fatal("sentences and verse ids differ in number")
		}
		var zh, en []Paragraph
		for _, s := range zhText {
			zh = append(zh, Paragraph{Text: s, Lang: ZH})
		}
		for _, s := range enText {
			en = append(en, Paragraph{Text: s, Lang: EN})
		}
		byVerse := map[string][]int{}
		for j, v := range enVerse {
			byVerse[v] = append(byVerse[v], j)
		}
		gold := map[link]bool{}
		for i, v := range zhVerse {
			for _, j := range byVerse[v] {
				gold[link{i, j}] = true
			}
		}
		start := time.Now()
		found := foundLinksWith(zh, en, sentencePriors)
		took := time.Since(start)
		var p prf
		p.add(gold, found)
		p.finish()
		got["bible-sentences"] = &p
		t.Logf("bible: %d zh × %d en sentences in %v: P %.3f R %.3f F1 %.3f (%d gold links)", len(zh), len(en), took.Round(time.Millisecond), p.Precision, p.Recall, p.F1, p.Gold)
	})

	path := filepath.Join("testdata", "alignment-figures.json")
	recorded := map[string]prf{}
	if b, err := os.ReadFile(path); err == nil {
		if err := json.Unmarshal(b, &recorded); err != nil {
			t.Fatal(err)
		}
	}
	if *update {
		for k, v := range got {
			recorded[k] = *v
		}
		b, _ := json.MarshalIndent(recorded, "", "  ")
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for k, p := range got {
		want, ok := recorded[k]
		if !ok {
			continue
		}
		// precision comes first: it and F1 may only go up (recall may give
		// way to precision, as long as F1 does not fall)
		if p.Precision < want.Precision || p.F1 < want.F1 {
			t.Errorf("%s: P/R/F1 %.3f/%.3f/%.3f fell below the recorded %.3f/%.3f/%.3f", k, p.Precision, p.Recall, p.F1, want.Precision, want.Recall, want.F1)
		}
	}
}

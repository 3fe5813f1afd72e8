package corpus

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
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

// bead is a group of Chinese and English paragraphs (or sentences) that
// translate each other; a paragraph with no counterpart is a bead with one
// side empty.
type bead struct{ zh, en []int }

func (b bead) paired() bool { return len(b.zh) > 0 && len(b.en) > 0 }

func (b bead) key() string { return fmt.Sprint(b.zh, b.en) }

// links are the (zh, en) pairs a bead joins.
func linksOf(beads []bead) map[link]bool {
	out := map[link]bool{}
	for _, b := range beads {
		for _, i := range b.zh {
			for _, j := range b.en {
				out[link{i, j}] = true
			}
		}
	}
	return out
}

// beadsOf turns an aligner's path into beads: each confident pair one bead,
// every other paragraph a bead of its own.
func beadsOf(path []step) []bead {
	var out []bead
	for _, s := range path {
		if len(s.zh) > 0 && len(s.en) > 0 && s.score >= MinScore {
			out = append(out, bead{s.zh, s.en})
			continue
		}
		for _, i := range s.zh {
			out = append(out, bead{zh: []int{i}})
		}
		for _, j := range s.en {
			out = append(out, bead{en: []int{j}})
		}
	}
	return out
}

// coarsen brings found beads to the gold's granularity: the pairs found
// inside one gold bead (a verse of two Chinese and two English sentences
// aligned as two pairs) are joined into one, since the gold cannot tell
// whether a split inside its bead is right. A found pair that crosses gold
// beads, and every unpaired paragraph, stays as it is.
// It also says, for each bead found, which bead of the output holds it.
func coarsen(gold, found []bead) ([]bead, []int) {
	goldOfZH, goldOfEN := map[int]int{}, map[int]int{}
	for k, b := range gold {
		for _, i := range b.zh {
			goldOfZH[i] = k
		}
		for _, j := range b.en {
			goldOfEN[j] = k
		}
	}
	inside := func(b bead) (int, bool) {
		k := -1
		for _, i := range b.zh {
			g, ok := goldOfZH[i]
			if !ok || k >= 0 && g != k {
				return 0, false
			}
			k = g
		}
		for _, j := range b.en {
			if g, ok := goldOfEN[j]; !ok || g != k {
				return 0, false
			}
		}
		return k, k >= 0
	}
	joined := map[int]int{} // gold bead → index in out of the pairs found inside it
	var out []bead
	into := make([]int, len(found))
	for n, b := range found {
		k, ok := inside(b)
		if !b.paired() || !ok {
			into[n] = len(out)
			out = append(out, b)
			continue
		}
		at, seen := joined[k]
		if !seen {
			joined[k] = len(out)
			into[n] = len(out)
			out = append(out, bead{zh: slices.Clone(b.zh), en: slices.Clone(b.en)})
			continue
		}
		into[n] = at
		out[at].zh = append(out[at].zh, b.zh...)
		out[at].en = append(out[at].en, b.en...)
		slices.Sort(out[at].zh)
		slices.Sort(out[at].en)
	}
	return out, into
}

// scoreBeads scores beads found against gold ones the way Vecalign and
// Bertalign do. Strict: a bead is right only when it is exactly a gold bead.
// Lax: a pair is right when it shares a paragraph on each side with one
// gold pair (an unpaired paragraph only when exactly so in the gold).
// Precision counts every bead found, unpaired ones included; recall counts
// the gold beads that pair something.
func scoreBeads(gold, found []bead) (strict, lax prf) {
	goldKeys := map[string]bool{}
	goldOfZH, goldOfEN := map[int]int{}, map[int]int{}
	for k, b := range gold {
		goldKeys[b.key()] = true
		for _, i := range b.zh {
			goldOfZH[i] = k
		}
		for _, j := range b.en {
			goldOfEN[j] = k
		}
	}
	overlaps := func(b bead, beadOfZH, beadOfEN map[int]int) bool {
		zs := map[int]bool{}
		for _, i := range b.zh {
			if k, ok := beadOfZH[i]; ok {
				zs[k] = true
			}
		}
		for _, j := range b.en {
			if k, ok := beadOfEN[j]; ok && zs[k] {
				return true
			}
		}
		return false
	}
	foundKeys := map[string]bool{}
	foundOfZH, foundOfEN := map[int]int{}, map[int]int{}
	for k, b := range found {
		foundKeys[b.key()] = true
		if b.paired() {
			for _, i := range b.zh {
				foundOfZH[i] = k
			}
			for _, j := range b.en {
				foundOfEN[j] = k
			}
		}
		strict.Found++
		lax.Found++
		if goldKeys[b.key()] {
			strict.Correct++
			lax.Correct++
		} else if b.paired() && overlaps(b, goldOfZH, goldOfEN) {
			lax.Correct++
		}
	}
	var sr, lr int // gold pairs found strictly, laxly
	for _, b := range gold {
		if !b.paired() {
			continue
		}
		strict.Gold++
		lax.Gold++
		if foundKeys[b.key()] {
			sr++
			lr++
		} else if overlaps(b, foundOfZH, foundOfEN) {
			lr++
		}
	}
	finish := func(p *prf, recalled int) {
		if p.Found > 0 {
			p.Precision = float64(p.Correct) / float64(p.Found)
		}
		if p.Gold > 0 {
			p.Recall = float64(recalled) / float64(p.Gold)
		}
		if p.Precision+p.Recall > 0 {
			p.F1 = 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
		}
		p.Precision, p.Recall, p.F1 = round3(p.Precision), round3(p.Recall), round3(p.F1)
	}
	finish(&strict, sr)
	finish(&lax, lr)
	return strict, lax
}

// uncertain is the confidence below which the reader is told a pair is
// uncertain (search.LowConfidence).
const uncertain = 0.7

// flagged says what the uncertain threshold does on a gold set: the share
// of the pairs found that fall below it, the share of those that are
// wrong, and the share of wrong pairs among those above it.
func flagged(gold []bead, path []step) (below, wrongBelow, wrongAbove float64) {
	var nb, wb, na, wa int
	for _, p := range keptPairs(gold, path) {
		if p.conf < uncertain {
			nb++
			if !p.right {
				wb++
			}
		} else {
			na++
			if !p.right {
				wa++
			}
		}
	}
	ratio := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	return ratio(nb, nb+na), ratio(wb, nb), ratio(wa, na)
}

// kept is a pair the path keeps, with its confidence and whether it is
// right: a gold bead once the pairs found inside one gold bead are joined
// (coarsen).
type kept struct {
	conf  float64
	right bool
}

// keptPairs lists the pairs a path keeps (those a reader sees).
func keptPairs(gold []bead, path []step) []kept {
	goldKeys := map[string]bool{}
	for _, b := range gold {
		goldKeys[b.key()] = true
	}
	var pairs []bead
	var conf []float64
	for _, st := range path {
		if len(st.zh) > 0 && len(st.en) > 0 && st.score >= MinScore {
			pairs = append(pairs, bead{st.zh, st.en})
			conf = append(conf, st.conf)
		}
	}
	joined, into := coarsen(gold, pairs)
	out := make([]kept, len(pairs))
	for n := range pairs {
		out[n] = kept{conf[n], goldKeys[joined[into[n]].key()]}
	}
	return out
}

// rocAUC is the area under the ROC curve of the confidence of the pairs
// found (those kept, which a reader sees with their confidence), right ones being
// those that are gold beads (at the gold's granularity, as coarsen joins
// them): the chance that a right pair scores above a wrong one.
func rocAUC(gold []bead, path []step) float64 {
	all := keptPairs(gold, path)
	pos, neg := 0, 0
	for _, p := range all {
		if p.right {
			pos++
		} else {
			neg++
		}
	}
	if pos == 0 || neg == 0 {
		return 0
	}
	sort.Slice(all, func(i, j int) bool { return all[i].conf < all[j].conf })
	// rank sum (Mann–Whitney), ties sharing their mean rank
	var rankSum float64
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && all[j].conf == all[i].conf {
			j++
		}
		mean := float64(i+j+1) / 2
		for k := i; k < j; k++ {
			if all[k].right {
				rankSum += mean
			}
		}
		i = j
	}
	return round3((rankSum - float64(pos)*float64(pos+1)/2) / (float64(pos) * float64(neg)))
}

// figure is what a gold set measures: links (every zh–en pair a bead
// joins), beads strictly and laxly, and the ROC AUC of the confidence.
type figure struct {
	prf
	Strict *prf    `json:"strict,omitempty"`
	Lax    *prf    `json:"lax,omitempty"`
	AUC    float64 `json:"auc,omitempty"`
	// what the uncertain threshold does (logged, not recorded)
	below, wrongBelow, wrongAbove float64
}

// measure aligns gold sets (documents) as the readers do, granularity told
// from the lines, and scores them together, the beads found brought to the
// gold's granularity first (coarsen).
func measure(sets ...goldSet) figure {
	var f figure
	var gold, found []bead
	var path []step
	zhOff, enOff := 0, 0
	shift := func(b bead) bead {
		out := bead{}
		for _, i := range b.zh {
			out.zh = append(out.zh, i+zhOff)
		}
		for _, j := range b.en {
			out.en = append(out.en, j+enOff)
		}
		return out
	}
	for _, g := range sets {
		p := alignSteps(g.zh, g.en)
		for _, b := range g.beads {
			gold = append(gold, shift(b))
		}
		for _, b := range beadsOf(p) {
			found = append(found, shift(b))
		}
		for _, st := range p {
			b := shift(bead{st.zh, st.en})
			path = append(path, step{zh: b.zh, en: b.en, score: st.score, conf: st.conf})
		}
		zhOff += len(g.zh)
		enOff += len(g.en)
	}
	found, _ = coarsen(gold, found)
	f.add(linksOf(gold), linksOf(found))
	f.finish()
	strict, lax := scoreBeads(gold, found)
	f.Strict, f.Lax = &strict, &lax
	f.AUC = rocAUC(gold, path)
	f.below, f.wrongBelow, f.wrongAbove = flagged(gold, path)
	return f
}

// goldSet is a gold alignment: each side's paragraphs (or sentences) and
// the beads that join them, every paragraph in exactly one.
type goldSet struct {
	zh, en []Paragraph
	beads  []bead
}

// add appends paragraphs as one bead.
func (g *goldSet) add(zh, en []string) {
	var b bead
	for _, s := range zh {
		g.zh = append(g.zh, para(s, ZH))
		b.zh = append(b.zh, len(g.zh)-1)
	}
	for _, s := range en {
		g.en = append(g.en, para(s, EN))
		b.en = append(b.en, len(g.en)-1)
	}
	// several paragraphs of one side alone are as many beads
	g.addBead(b)
}

func para(text string, lang Lang) Paragraph {
	return Paragraph{Text: text, Lang: lang, Heading: IsHeading(text, lang)}
}

// splitSentence cuts a paragraph in two at the sentence boundary nearest
// its middle, or returns false (a paragraph of one sentence).
func splitSentence(s string, lang Lang) (string, string, bool) {
	spans := Sentences(s, lang)
	if len(spans) < 2 {
		return "", "", false
	}
	mid, best := len(s)/2, spans[1].Start
	for _, sp := range spans[2:] {
		if abs(sp.Start-mid) < abs(best-mid) {
			best = sp.Start
		}
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
func wmtBook(t *testing.T) goldSet {
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
	var g goldSet
	for k := 0; k < len(pairs); k++ {
		p := pairs[k]
		switch r := rng.Float64(); {
		case r < 0.04: // no Chinese
			g.add(nil, []string{p.en})
		case r < 0.08: // no English
			g.add([]string{p.zh}, nil)
		case r < 0.12 && k+1 < len(pairs): // two English paragraphs merged
			q := pairs[k+1]
			g.add([]string{p.zh, q.zh}, []string{p.en + " " + q.en})
			k++
		case r < 0.16: // a Chinese paragraph split
			if a, b, ok := splitSentence(p.zh, ZH); ok {
				g.add([]string{a, b}, []string{p.en})
				continue
			}
			fallthrough
		case r < 0.20: // an English paragraph split
			if a, b, ok := splitSentence(p.en, EN); ok {
				g.add([]string{p.zh}, []string{a, b})
				continue
			}
			fallthrough
		default:
			g.add([]string{p.zh}, []string{p.en})
		}
	}
	return g
}

// wmtDocSentences rebuilds the WMT24 documents one sentence a line, as a
// novel is given (NAME.zh.txt + NAME.en.txt, a sentence a line): each
// document a gold set whose beads are its paragraph pairs. The translators
// cut, joined and reordered sentences freely inside a paragraph, so the
// beads are many-to-many (1–3, 3–2, …); pairs found inside one paragraph
// pair are joined before scoring. Only documents of at least minParas
// paragraphs are taken, domain "" meaning every domain.
func wmtDocSentences(t *testing.T, domain string, minParas int, edit func(string) string) []goldSet {
	return wmtDocLines(t, domain, minParas, edit, cutSentences)
}

// wmtDocLines is wmtDocSentences with the paragraphs cut into lines by cut.
func wmtDocLines(t *testing.T, domain string, minParas int, edit func(string) string, cut func(string, Lang) []string) []goldSet {
	path := filepath.Join(sharedData, "wmt-docs", "wmt24-en-zh", "documents.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("%s not found: the shared data sits beside the checkout in CI", path)
	}
	defer f.Close()
	var sets []goldSet
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var rec struct {
			Domain string
			EN, ZH []string
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		if (domain != "" && rec.Domain != domain) || len(rec.ZH) < minParas {
			continue
		}
		var g goldSet
		for i := range rec.ZH {
			en := rec.EN[i]
			if edit != nil {
				en = edit(en)
			}
			g.add(cut(rec.ZH[i], ZH), cut(en, EN))
		}
		sets = append(sets, g)
	}
	return sets
}

// wmt22Docs rebuilds the WMT22 English–Chinese test documents (chat turns,
// e-commerce pages, news, social posts), each a gold set whose beads are
// its segments, the English and the Chinese of the reference ref ("A" or
// "B", two translators) cut into sentences by our splitter. A segment is
// a sentence or two of the English, and the translators cut, joined and
// reordered inside it.
func wmt22Docs(t *testing.T, ref string) []goldSet {
	path := filepath.Join(sharedData, "wmt-docs", "wmt22-en-zh", "segments.tsv")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("%s not found: the shared data sits beside the checkout in CI", path)
	}
	rows := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	col := map[string]int{}
	for k, name := range strings.Split(rows[0], "\t") {
		col[name] = k
	}
	doc, en, zh := col["docid"], col["en"], col["zh_ref"+ref]
	if doc != 0 || en == 0 || zh == 0 {
		t.Fatalf("%s: want the columns docid, en and zh_ref%s", path, ref)
	}
	var sets []goldSet
	prev := ""
	for k, row := range rows[1:] {
		f := strings.Split(row, "\t")
		if len(f) != len(col) {
			t.Fatalf("%s:%d: %d columns, want %d", path, k+2, len(f), len(col))
		}
		if k == 0 || f[doc] != prev {
			sets = append(sets, goldSet{})
			prev = f[doc]
		}
		sets[len(sets)-1].add(cutSentences(f[zh], ZH), cutSentences(f[en], EN))
	}
	return sets
}

// cutSentences cuts a paragraph into its sentences by our splitter.
func cutSentences(text string, lang Lang) []string {
	var out []string
	for _, sp := range Sentences(text, lang) {
		out = append(out, text[sp.Start:sp.End])
	}
	return out
}

// plainCut cuts a paragraph into sentences as a plain splitter does, not
// ours: Chinese after 。！？ unless a closing quote follows (“……。”他说着，…
// stays one line), English after . ! ? and white space (“Al!” I whispered
// stays one; “Were they…” does not end), with a few titles (Mr. Dr.) kept.
func plainCut(text string, lang Lang) []string {
	var out []string
	rs := []rune(text)
	start := 0
	for k := 0; k < len(rs); k++ {
		end := -1
		if lang == ZH && strings.ContainsRune("。！？", rs[k]) && (k+1 == len(rs) || !strings.ContainsRune("。！？"+closingQuotes, rs[k+1])) {
			end = k + 1
		}
		if lang == EN && strings.ContainsRune(".!?", rs[k]) && k+1 < len(rs) && unicode.IsSpace(rs[k+1]) {
			word := strings.Fields(string(rs[start : k+1]))
			if w := word[len(word)-1]; !slices.Contains([]string{"Mr.", "Mrs.", "Ms.", "Dr.", "St."}, w) {
				end = k + 1
			}
		}
		if end > 0 {
			if s := strings.TrimSpace(string(rs[start:end])); s != "" {
				out = append(out, s)
			}
			start = end
		}
	}
	if s := strings.TrimSpace(string(rs[start:])); s != "" {
		out = append(out, s)
	}
	return out
}

// cutSide cuts the paragraphs of one side into sentences as plainCut does
// and leaves the other side's whole: a novel's Chinese from a corpus cut a
// sentence a line, its English from an e-book a paragraph a line.
func cutSide(lang Lang) func(string, Lang) []string {
	return func(text string, l Lang) []string {
		if l == lang {
			return plainCut(text, l)
		}
		return []string{text}
	}
}

// speechTags joins, on the Chinese side of each bead, a short line to the
// line before it when that one ends with a closing quote, as a splitter
// that keeps a speech tag with its quotation does (“你好。”他说。), while
// the English keeps its own lines ("Hello?" / Tenuk stuttered.): the two
// sides of a novel are often cut by different splitters.
func speechTags(g goldSet) goldSet {
	var out goldSet
	for _, b := range g.beads {
		var zs, es []string
		for _, i := range b.zh {
			t := g.zh[i].Text
			if n := len(zs); n > 0 && strings.ContainsAny(lastRune(zs[n-1]), "”」』") && utf8.RuneCountInString(t) <= 12 {
				zs[n-1] += t
				continue
			}
			zs = append(zs, t)
		}
		for _, j := range b.en {
			es = append(es, g.en[j].Text)
		}
		out.add(zs, es)
	}
	return out
}

// lastRune is the last character of s, as a string.
func lastRune(s string) string {
	r, _ := utf8.DecodeLastRuneInString(s)
	return string(r)
}

// cornerQuotes prints Chinese dialogue in corner brackets, as Taiwan and
// Hong Kong editions do (「好的！」).
var cornerQuotes = strings.NewReplacer("“", "「", "”", "」", "‘", "『", "’", "』")

// singleQuotes rewrites an English text's double quotation marks as
// single ones, as British publishers print dialogue (‘Okay,’ she said).
func singleQuotes(s string) string {
	var b strings.Builder
	prev := ' '
	for i, r := range s {
		switch r {
		case '“':
			r = '‘'
		case '”':
			r = '’'
		case '"':
			if i == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([—", prev) {
				r = '‘'
			} else {
				r = '’'
			}
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// wmtSentences rebuilds a WMT news test set (one sentence a line, each
// line the other's translation) as a book of sentence lines edited the way
// literary translators differ: 5% of the English sentences split in two and
// 3% in three (at commas or semicolons), 5% of the Chinese ones split in
// two, 4% of neighbouring pairs joined into one 2–2 bead, 2% of the lines
// of either side left without a translation.
func wmtSentences(t *testing.T, name string) goldSet {
	read := func(ext string) []string {
		b, err := os.ReadFile(filepath.Join(sharedData, "wmt-sentences", name+ext))
		if err != nil {
			t.Skipf("%s not found: the shared data sits beside the checkout in CI", name+ext)
		}
		return strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	}
	return editedSentences(read(".zh"), read(".en"))
}

// freely rewords each set's English as a free translation would: each word
// of four letters or more is, with probability p, replaced by one drawn
// from the English of all the sets (seeded), so translations share fewer
// dictionary words with their originals than the close translations of the
// WMT sets do (a median evidence of 0.2 at p 0.7, 0.5 untouched). The
// lines stay as they were cut.
func freely(sets []goldSet, p float64) []goldSet {
	word := regexp.MustCompile(`[A-Za-z]{4,}`)
	var pool []string
	for _, g := range sets {
		for _, e := range g.en {
			pool = append(pool, word.FindAllString(e.Text, -1)...)
		}
	}
	rng := rand.New(rand.NewSource(5))
	out := make([]goldSet, len(sets))
	for k, g := range sets {
		out[k] = g
		out[k].en = make([]Paragraph, len(g.en))
		for j, e := range g.en {
			e.Text = word.ReplaceAllStringFunc(e.Text, func(w string) string {
				if rng.Float64() < p {
					return pool[rng.Intn(len(pool))]
				}
				return w
			})
			out[k].en[j] = e
		}
	}
	return out
}

// omitted leaves out the English of every k-th bead and the Chinese of
// every k-th bead k/2 further on, as a free translation leaves out
// passages and adds its own: their lines become unpaired beads.
func omitted(g goldSet, k int) goldSet {
	var out goldSet
	for n, b := range g.beads {
		var nb bead
		if n%k != 0 {
			for _, i := range b.zh {
				out.zh = append(out.zh, g.zh[i])
				nb.zh = append(nb.zh, len(out.zh)-1)
			}
		}
		if (n+k/2)%k != 0 {
			for _, j := range b.en {
				out.en = append(out.en, g.en[j])
				nb.en = append(nb.en, len(out.en)-1)
			}
		}
		out.addBead(nb)
	}
	return out
}

// addBead appends a bead that pairs lines, or each line of one that does
// not as an unpaired bead of its own.
func (g *goldSet) addBead(b bead) {
	if b.paired() {
		g.beads = append(g.beads, b)
		return
	}
	for _, i := range b.zh {
		g.beads = append(g.beads, bead{zh: []int{i}})
	}
	for _, j := range b.en {
		g.beads = append(g.beads, bead{en: []int{j}})
	}
}

// tatoebaDialogue takes n of Tatoeba's everyday sentence pairs in a seeded
// random order (short turns of conversation, as a novel's dialogue is) and
// edits them as wmtSentences does.
func tatoebaDialogue(t *testing.T, n int) goldSet {
	path := filepath.Join(sharedData, "tatoeba-cmn", "cmn.txt")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("%s not found: the shared data sits beside the checkout in CI", path)
	}
	lines := strings.Split(strings.TrimRight(strings.TrimPrefix(string(b), "\ufeff"), "\n"), "\n")
	rng := rand.New(rand.NewSource(7))
	rng.Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
	var zhs, ens []string
	for _, l := range lines[:min(n, len(lines))] {
		f := strings.Split(l, "\t")
		if len(f) < 2 {
			continue
		}
		ens, zhs = append(ens, f[0]), append(zhs, f[1])
	}
	return editedSentences(zhs, ens)
}

// editedSentences edits sentence pairs (zhs[k] translates ens[k]) as
// wmtSentences says.
func editedSentences(zhs, ens []string) goldSet {
	rng := rand.New(rand.NewSource(13))
	var g goldSet
	for k := 0; k < len(zhs) && k < len(ens); k++ {
		z, e := strings.TrimSpace(zhs[k]), strings.TrimSpace(ens[k])
		switch r := rng.Float64(); {
		case r < 0.02:
			g.add(nil, []string{e})
		case r < 0.04:
			g.add([]string{z}, nil)
		case r < 0.09:
			if parts := splitClauses(e, EN, 2); parts != nil {
				g.add([]string{z}, parts)
				continue
			}
			g.add([]string{z}, []string{e})
		case r < 0.12:
			if parts := splitClauses(e, EN, 3); parts != nil {
				g.add([]string{z}, parts)
				continue
			}
			g.add([]string{z}, []string{e})
		case r < 0.17:
			if parts := splitClauses(z, ZH, 2); parts != nil {
				g.add(parts, []string{e})
				continue
			}
			g.add([]string{z}, []string{e})
		case r < 0.21 && k+1 < len(zhs) && k+1 < len(ens):
			g.add([]string{z, strings.TrimSpace(zhs[k+1])}, []string{e, strings.TrimSpace(ens[k+1])})
			// a 2–2 bead of two 1–1 pairs: the gold joins them, as a
			// translator who reordered their clauses would
			k++
		default:
			g.add([]string{z}, []string{e})
		}
	}
	return g
}

// splitClauses cuts a sentence into n parts at commas, semicolons or
// colons near even shares of its length, or returns nil.
func splitClauses(s string, lang Lang, n int) []string {
	marks := ",;:"
	if lang == ZH {
		marks = "，；："
	}
	var cuts []int
	for i, r := range s {
		if strings.ContainsRune(marks, r) {
			cuts = append(cuts, i+len(string(r)))
		}
	}
	if len(cuts) < n-1 {
		return nil
	}
	var out []string
	at := 0
	for k := 1; k < n; k++ {
		target := len(s) * k / n
		best := -1
		for _, c := range cuts {
			if c > at && c < len(s)-1 && (best < 0 || abs(c-target) < abs(best-target)) {
				best = c
			}
		}
		if best < 0 {
			return nil
		}
		part := strings.TrimSpace(s[at:best])
		if part == "" {
			return nil
		}
		out = append(out, part)
		at = best
	}
	last := strings.TrimSpace(s[at:])
	if last == "" {
		return nil
	}
	return append(out, last)
}

// bible reads the Bible's sentences and verse ids: by sentence (one
// sentence a line, the beads the verses) or by verse (one verse a line).
func bible(t *testing.T, byVerse bool) goldSet {
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
	// each side in its own order (one line a sentence, or consecutive
	// sentences of a verse joined into a line); a bead per verse
	var g goldSet
	zhOf, enOf := map[string][]int{}, map[string][]int{}
	var ids []string
	side := func(text, verse []string, lang Lang, sep string, into *[]Paragraph, of map[string][]int) {
		for k := 0; k < len(text); k++ {
			v, line := verse[k], text[k]
			if byVerse {
				for k+1 < len(text) && verse[k+1] == v {
					k++
					line += sep + text[k]
				}
			}
			if _, ok := zhOf[v]; !ok {
				if _, ok := enOf[v]; !ok {
					ids = append(ids, v)
				}
			}
			*into = append(*into, para(line, lang))
			of[v] = append(of[v], len(*into)-1)
		}
	}
	side(zhText, zhVerse, ZH, "", &g.zh, zhOf)
	side(enText, enVerse, EN, " ", &g.en, enOf)
	for _, v := range ids {
		g.addBead(bead{zh: zhOf[v], en: enOf[v]})
	}
	return g
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

// handbook reads the Debian handbook's page pairs as gold sets: paragraph
// i of a page in English is paragraph i of the same page in Chinese, except
// where the Chinese build left it untranslated.
func handbook(t *testing.T) []goldSet {
	dir := filepath.Join(sharedData, "debian-handbook")
	pages, _ := filepath.Glob(filepath.Join(dir, "en-US", "*.html"))
	if len(pages) == 0 {
		t.Skipf("%s not found: the shared data sits beside the checkout in CI", dir)
	}
	sort.Strings(pages)
	var out []goldSet
	for _, enPath := range pages {
		enParas := handbookPage(t, enPath)
		zhParas := handbookPage(t, filepath.Join(dir, "zh-CN", filepath.Base(enPath)))
		if len(enParas) != len(zhParas) {
			t.Fatalf("%s: %d en and %d zh paragraphs", filepath.Base(enPath), len(enParas), len(zhParas))
		}
		var g goldSet
		for i := range enParas {
			// untranslated paragraphs of the zh-CN build are still English
			if lang, ok := DetectLang(zhParas[i]); ok && lang == ZH {
				g.add([]string{zhParas[i]}, []string{enParas[i]})
			} else {
				g.add(nil, []string{enParas[i]})
			}
		}
		out = append(out, g)
	}
	return out
}

// numberedItems reads the statute written for this test: articles whose
// numbered items （一）…； are translated as (1) …; (an item is no heading),
// one paragraph a line, line k of one file the translation of line k of the
// other.
func numberedItems(t *testing.T) goldSet {
	zh, en := statute(t)
	if len(zh) != len(en) {
		t.Fatalf("the statute has %d Chinese and %d English lines", len(zh), len(en))
	}
	var g goldSet
	for k := range zh {
		g.add([]string{zh[k].Text}, []string{en[k].Text})
	}
	return g
}

// statute reads the paragraphs of the statute written for the tests
// (testdata/statute.zh.txt and statute.en.txt).
// statuteLabels is the statute with each article's number on a line of its
// own, as some translations print them ("Article 15", then the text; 第十五条,
// then the text), on the sides named ("zh", "en" or "zh en").
func statuteLabels(t *testing.T, sides string) goldSet {
	return statuteCut(t, sides, regexp.MustCompile(`^第[一二三四五六七八九十百零]+条\s*`), regexp.MustCompile(`^Article \d+\s`))
}

// statuteCut is the statute with each line that starts with zhAt or enAt,
// on the sides named, cut in two after the match: a gold bead of the two
// lines against the other side's one (or two).
func statuteCut(t *testing.T, sides string, zhAt, enAt *regexp.Regexp) goldSet {
	zh, en := statute(t)
	cut := func(s string, re *regexp.Regexp) []string {
		if m := re.FindStringIndex(s); m != nil && m[1] < len(s) {
			return []string{strings.TrimSpace(s[:m[1]]), strings.TrimSpace(s[m[1]:])}
		}
		return []string{s}
	}
	var g goldSet
	for k := range zh {
		z, e := []string{zh[k].Text}, []string{en[k].Text}
		if strings.Contains(sides, "zh") {
			z = cut(z[0], zhAt)
		}
		if strings.Contains(sides, "en") {
			e = cut(e[0], enAt)
		}
		g.add(z, e)
	}
	return g
}

func statute(t *testing.T) (zh, en []Paragraph) {
	read := func(name string) []Paragraph {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return Paragraphs(string(b))
	}
	return read("statute.zh.txt"), read("statute.en.txt")
}

// sectionsFor is a gold set with its English articles numbered as sections
// (label "Section " or "§ "), as Hong Kong's ordinances and translations in
// the American manner number them.
// statuteVariants lays the statute out as other editions and
// translations do, each a document of its own: the English items lettered
// ((a), (b) for （一）, （二）); the English items run into their article's
// paragraph; the Chinese articles numbered in Arabic figures (第1条); the
// Chinese items numbered 1．2．; the English chapters in capitals; a note
// of the editor's in the Chinese that the translation leaves out; an
// English article kept as "(Deleted)" that the Chinese drops; and both
// sides a sentence a line.
func statuteVariants(g goldSet) []goldSet {
	onEach := func(ps []Paragraph, lang Lang, edit func(string) string) []Paragraph {
		var out []Paragraph
		for _, p := range ps {
			out = append(out, para(edit(p.Text), lang))
		}
		return out
	}
	enItem := regexp.MustCompile(`^\(([0-9])\)`)
	zhArticle := regexp.MustCompile(`^第([一二三四五六七八九十]+)条`)
	zhItem := regexp.MustCompile(`^（([一二三四五六七八九十]+)）`)
	lettered, arabic, zhItems, capitals := g, g, g, g
	lettered.en = onEach(g.en, EN, func(s string) string {
		return enItem.ReplaceAllStringFunc(s, func(m string) string { return "(" + string(rune('a'+m[1]-'1')) + ")" })
	})
	arabic.zh = onEach(g.zh, ZH, func(s string) string {
		return zhArticle.ReplaceAllStringFunc(s, func(m string) string {
			return fmt.Sprintf("第%d条", chineseNumber(zhArticle.FindStringSubmatch(m)[1]))
		})
	})
	zhItems.zh = onEach(g.zh, ZH, func(s string) string {
		return zhItem.ReplaceAllStringFunc(s, func(m string) string {
			return fmt.Sprintf("%d．", chineseNumber(zhItem.FindStringSubmatch(m)[1]))
		})
	})
	capitals.en = onEach(g.en, EN, func(s string) string {
		if strings.HasPrefix(s, "Chapter ") {
			return strings.ToUpper(s)
		}
		return s
	})
	var inline, notes, deleted, sentences goldSet
	for k := 0; k < len(g.beads); k++ {
		b := g.beads[k]
		z, e := g.zh[b.zh[0]].Text, g.en[b.en[0]].Text
		zs := []string{z}
		for k+1 < len(g.beads) && itemLine(g.en[g.beads[k+1].en[0]]) {
			k++
			zs = append(zs, g.zh[g.beads[k].zh[0]].Text)
			e += " " + g.en[g.beads[k].en[0]].Text
		}
		inline.add(zs, []string{e})
	}
	for k, b := range g.beads {
		z, e := g.zh[b.zh[0]].Text, g.en[b.en[0]].Text
		notes.add([]string{z}, []string{e})
		deleted.add([]string{z}, []string{e})
		sentences.add(cutSentences(z, ZH), cutSentences(e, EN))
		if k == 10 || k == 25 {
			notes.add([]string{"（注：本条已于二〇一八年修订，修订后的条文见附件。）"}, nil)
		}
		if k == 15 {
			deleted.add(nil, []string{"Article 12 (Deleted)"})
		}
	}
	return []goldSet{lettered, inline, arabic, zhItems, capitals, notes, deleted, sentences}
}

func sectionsFor(g goldSet, label string) goldSet {
	for i, p := range g.en {
		if rest, ok := strings.CutPrefix(p.Text, "Article "); ok {
			g.en[i] = para(label+rest, EN)
		}
	}
	return g
}

// each applies edit to every gold set of sets.
func each(sets []goldSet, edit func(goldSet) goldSet) []goldSet {
	for k := range sets {
		sets[k] = edit(sets[k])
	}
	return sets
}

// cornered is a gold set with its Chinese quotation marks as corner
// brackets (「好的！」), as Taiwan and Hong Kong editions print dialogue.
func cornered(g goldSet) goldSet {
	for i, p := range g.zh {
		g.zh[i] = para(cornerQuotes.Replace(p.Text), ZH)
	}
	return g
}

// traditional is a gold set with its Chinese in Traditional characters
// (OpenCC's s2t), as Taiwan and Hong Kong print their statutes (第十五條,
// 第二節).
func traditional(t *testing.T, g goldSet) goldSet {
	cc, err := opencc.New("s2t")
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range g.zh {
		s, err := cc.Convert(p.Text)
		if err != nil {
			t.Fatal(err)
		}
		g.zh[i] = para(s, ZH)
	}
	return g
}

// longSet skips a gold set that takes minutes (the Bible) unless
// BISEARCH_LONG_TESTS=1, which CI sets.
func longSet(t *testing.T) {
	if os.Getenv("BISEARCH_LONG_TESTS") != "1" {
		t.Skip("the Bible takes about three minutes to align: BISEARCH_LONG_TESTS=1 runs it (CI sets it)")
	}
}

// TestAlignmentQuality scores the aligner, as the readers run it (the
// granularity told from the lines), against gold alignments built from
// real parallel text: links, beads strictly and laxly (as Vecalign and
// Bertalign score), and the ROC AUC of the confidence. It fails when a
// figure falls below those recorded in testdata/alignment-figures.json
// (-update rewrites them: they may only go up).
func TestAlignmentQuality(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("long: aligns the Bible, the WMT sets and the Debian handbook")
	}
	var mu sync.Mutex
	got := map[string]figure{}
	for _, set := range []struct {
		name string
		load func(*testing.T) []goldSet
	}{
		{"wmt24-book", func(t *testing.T) []goldSet { return []goldSet{wmtBook(t)} }},
		{"debian-handbook", handbook},
		{"bible-sentences", func(t *testing.T) []goldSet { longSet(t); return []goldSet{bible(t, false)} }},
		{"bible-verses", func(t *testing.T) []goldSet { longSet(t); return []goldSet{bible(t, true)} }},
		{"wmt-sentences", func(t *testing.T) []goldSet {
			return []goldSet{wmtSentences(t, "newstest2019-zhen"), wmtSentences(t, "newstest2021-zhen")}
		}},
		{"wmt-general", func(t *testing.T) []goldSet {
			return []goldSet{wmtSentences(t, "generaltest2022-zhen"), wmtSentences(t, "generaltest2023-zhen")}
		}},
		{"numbered-items", func(t *testing.T) []goldSet { return []goldSet{numberedItems(t)} }},
		{"wmt24-sentences", func(t *testing.T) []goldSet { return wmtDocSentences(t, "", 3, nil) }},
		{"wmt24-literary", func(t *testing.T) []goldSet { return wmtDocSentences(t, "literary", 3, nil) }},
		{"statute-article-lines", func(t *testing.T) []goldSet {
			return []goldSet{statuteLabels(t, "en"), statuteLabels(t, "zh"), statuteLabels(t, "zh en")}
		}},
		{"statute-traditional", func(t *testing.T) []goldSet {
			return []goldSet{traditional(t, numberedItems(t)), traditional(t, statuteLabels(t, "en")),
				traditional(t, statuteLabels(t, "zh")), traditional(t, statuteLabels(t, "zh en"))}
		}},
		{"statute-sections", func(t *testing.T) []goldSet {
			return []goldSet{sectionsFor(numberedItems(t), "Section "), sectionsFor(statuteLabels(t, "en"), "Section "),
				sectionsFor(statuteLabels(t, "zh en"), "§ ")}
		}},
		{"statute-variants", func(t *testing.T) []goldSet { return statuteVariants(numberedItems(t)) }},
		{"tatoeba-dialogue", func(t *testing.T) []goldSet { return []goldSet{tatoebaDialogue(t, 4000)} }},
		{"wmt24-literary-single-quotes", func(t *testing.T) []goldSet { return wmtDocSentences(t, "literary", 3, singleQuotes) }},
		{"wmt24-literary-corner-quotes", func(t *testing.T) []goldSet {
			return each(wmtDocSentences(t, "literary", 3, singleQuotes), cornered)
		}},
		{"wmt24-literary-traditional", func(t *testing.T) []goldSet {
			return each(wmtDocSentences(t, "literary", 3, nil), func(g goldSet) goldSet { return cornered(traditional(t, g)) })
		}},
		{"wmt24-literary-traditional-speech-tags", func(t *testing.T) []goldSet {
			return each(wmtDocSentences(t, "literary", 3, nil), func(g goldSet) goldSet { return speechTags(traditional(t, g)) })
		}},
		{"wmt24-literary-speech-tags", func(t *testing.T) []goldSet {
			return each(wmtDocSentences(t, "literary", 3, nil), speechTags)
		}},
		{"wmt24-free", func(t *testing.T) []goldSet { return freely(wmtDocSentences(t, "", 3, nil), 0.7) }},
		{"wmt24-literary-free", func(t *testing.T) []goldSet { return freely(wmtDocSentences(t, "literary", 3, nil), 0.7) }},
		{"wmt24-omissions", func(t *testing.T) []goldSet {
			return each(wmtDocSentences(t, "", 3, nil), func(g goldSet) goldSet { return omitted(g, 10) })
		}},
		{"wmt22-documents", func(t *testing.T) []goldSet { return wmt22Docs(t, "A") }},
		{"wmt22-documents-second-translator", func(t *testing.T) []goldSet { return wmt22Docs(t, "B") }},
		{"wmt24-plain-cut", func(t *testing.T) []goldSet { return wmtDocLines(t, "", 3, nil, plainCut) }},
		{"wmt24-literary-plain-cut", func(t *testing.T) []goldSet { return wmtDocLines(t, "literary", 3, nil, plainCut) }},
		{"wmt24-zh-sentences-en-paragraphs", func(t *testing.T) []goldSet { return wmtDocLines(t, "", 3, nil, cutSide(ZH)) }},
		{"wmt24-en-sentences-zh-paragraphs", func(t *testing.T) []goldSet { return wmtDocLines(t, "", 3, nil, cutSide(EN)) }},
		{"wmt24-literary-zh-sentences-en-paragraphs", func(t *testing.T) []goldSet { return wmtDocLines(t, "literary", 3, nil, cutSide(ZH)) }},
		{"wmt24-literary-en-sentences-zh-paragraphs", func(t *testing.T) []goldSet { return wmtDocLines(t, "literary", 3, nil, cutSide(EN)) }},
	} {
		t.Run(set.name, func(t *testing.T) {
			sets := set.load(t)
			start := time.Now()
			f := measure(sets...)
			n, m := 0, 0
			for _, g := range sets {
				n, m = n+len(g.zh), m+len(g.en)
			}
			t.Logf("%s: %d zh × %d en in %v: links P %.3f R %.3f F1 %.3f; beads strict P %.3f R %.3f F1 %.3f, lax F1 %.3f; AUC %.3f",
				set.name, n, m, time.Since(start).Round(time.Millisecond), f.Precision, f.Recall, f.F1,
				f.Strict.Precision, f.Strict.Recall, f.Strict.F1, f.Lax.F1, f.AUC)
			t.Logf("%s: below the uncertain threshold %.1f: %.1f %% of the pairs, %.0f %% of them wrong; %.1f %% wrong above it",
				set.name, uncertain, 100*f.below, 100*f.wrongBelow, 100*f.wrongAbove)
			mu.Lock()
			got[set.name] = f
			mu.Unlock()
		})
	}
	checkFigures(t, got)
}

// checkFigures compares figures with testdata/alignment-figures.json: link
// precision and F1, strict bead F1 and the AUC may only go up (recall may
// give way to precision, as long as F1 does not fall).
func checkFigures(t *testing.T, got map[string]figure) {
	path := filepath.Join("testdata", "alignment-figures.json")
	recorded := map[string]figure{}
	if b, err := os.ReadFile(path); err == nil {
		if err := json.Unmarshal(b, &recorded); err != nil {
			t.Fatal(err)
		}
	}
	if *update {
		for k, v := range got {
			recorded[k] = v
		}
		b, _ := json.MarshalIndent(recorded, "", "  ")
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for k, f := range got {
		want, ok := recorded[k]
		if !ok {
			t.Errorf("%s: no figures recorded; run with -update", k)
			continue
		}
		if f.Precision < want.Precision || f.F1 < want.F1 {
			t.Errorf("%s: links P/R/F1 %.3f/%.3f/%.3f fell below the recorded %.3f/%.3f/%.3f", k, f.Precision, f.Recall, f.F1, want.Precision, want.Recall, want.F1)
		}
		if want.Strict != nil && f.Strict.F1 < want.Strict.F1 {
			t.Errorf("%s: strict bead F1 %.3f fell below the recorded %.3f", k, f.Strict.F1, want.Strict.F1)
		}
		// a set with no wrong pair left has nothing for the confidence to
		// rank: its AUC is undefined (0), not fallen
		if f.AUC < want.AUC && !(f.AUC == 0 && f.wrongBelow == 0 && f.wrongAbove == 0) {
			t.Errorf("%s: the confidence's ROC AUC %.3f fell below the recorded %.3f", k, f.AUC, want.AUC)
		}
	}
}

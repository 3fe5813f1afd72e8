package corpus

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Alignment parameters. A pair is made only when its cost is lower than
// leaving both paragraphs unpaired, and kept only when its confidence reaches
// MinScore: a wrong translation is worse than none.
const (
	skipCost = 2.0  // cost of leaving one paragraph unpaired
	MinScore = 0.75 // confidence below which a pair is undone
	lenSigma = 0.40 // spread of log(length ratio) between true translations
	maxCells = 4_000_000
	bandMin  = 200
)

// Align pairs a sequence of Chinese paragraphs with a sequence of English
// paragraphs (each in document order) into units: 1–1 pairs and paragraphs
// with no counterpart. It is a monotone dynamic programme over the cost of a
// pair — how far its length ratio lies from the document's own, less the
// anchors the two share (numbers, with 万/亿 and million/billion resolved;
// Latin words and acronyms) — against the cost of leaving a paragraph
// unpaired. Headings pair only with headings. The length ratio is estimated
// from the document: a first pass with the overall ratio, a second with the
// median ratio of the confident pairs of the first.
func Align(zh, en []Paragraph) []Unit {
	fz := make([]features, len(zh))
	fe := make([]features, len(en))
	for i, p := range zh {
		fz[i] = featuresOf(p, ZH)
	}
	for j, p := range en {
		fe[j] = featuresOf(p, EN)
	}
	ratio := overallRatio(fz, fe)
	path := alignPath(fz, fe, ratio)
	if r, ok := medianRatio(path, fz, fe); ok {
		ratio = r
		path = alignPath(fz, fe, ratio)
	}
	return unitsOf(path, zh, en)
}

type features struct {
	length  float64 // letters: Chinese characters, or English letters and digits
	heading bool
	anchors map[string]bool
}

type step struct {
	zh, en int     // indexes, -1 for none
	score  float64 // confidence of a pair
}

func featuresOf(p Paragraph, lang Lang) features {
	f := features{heading: p.Heading, anchors: anchorsOf(p.Text, lang)}
	for _, r := range p.Text {
		if isHan(r) || unicode.IsLetter(r) || unicode.IsDigit(r) {
			f.length++
		}
	}
	if f.length == 0 {
		f.length = 1
	}
	return f
}

func overallRatio(fz, fe []features) float64 {
	var sz, se float64
	for _, f := range fz {
		sz += f.length
	}
	for _, f := range fe {
		se += f.length
	}
	if sz == 0 || se == 0 {
		return 3
	}
	return se / sz
}

func medianRatio(path []step, fz, fe []features) (float64, bool) {
	var rs []float64
	for _, s := range path {
		if s.zh >= 0 && s.en >= 0 && s.score >= 0.8 && !fz[s.zh].heading {
			rs = append(rs, fe[s.en].length/fz[s.zh].length)
		}
	}
	if len(rs) < 3 {
		return 0, false
	}
	sort.Float64s(rs)
	return rs[len(rs)/2], true
}

// pairCost is the cost of pairing zh paragraph a with en paragraph b.
func pairCost(a, b features, ratio float64) float64 {
	if a.heading != b.heading {
		return math.Inf(1)
	}
	d := math.Log(b.length / (ratio * a.length))
	// short paragraphs vary more in length ratio
	sigma := lenSigma + 2/math.Sqrt(math.Min(a.length*ratio, b.length)+1)
	c := d * d / (2 * sigma * sigma)
	// Numbers on either side and Latin words of the Chinese should reappear in
	// a translation; English acronyms often have no Latin form in Chinese, so
	// they count when shared and are not missed when absent.
	shared, missing := 0, 0
	for k := range a.anchors {
		if b.anchors[k] {
			shared++
		} else {
			missing++
		}
	}
	for k := range b.anchors {
		if !a.anchors[k] && strings.HasPrefix(k, "n:") {
			missing++
		}
	}
	c -= 1.2 * math.Min(float64(shared), 4)
	if shared+missing > 0 {
		c += 3 * float64(missing) / float64(shared+missing)
	}
	return c
}

// scoreOf maps a pair's cost to a confidence in [0,1]: 0.5 where pairing
// costs as much as leaving both paragraphs unpaired.
func scoreOf(cost float64) float64 {
	return 1 / (1 + math.Exp(cost-2*skipCost))
}

// alignPath runs the dynamic programme and returns the steps in order.
// Documents too large for the full matrix are aligned inside a band around
// the diagonal given by cumulative length.
func alignPath(fz, fe []features, ratio float64) []step {
	n, m := len(fz), len(fe)
	lo, hi := band(fz, fe, ratio)
	const (
		mPair = 1
		mZH   = 2
		mEN   = 3
	)
	prev := make([]float64, m+1)
	cur := make([]float64, m+1)
	back := make([][]byte, n+1)
	inf := math.Inf(1)
	for i := 0; i <= n; i++ {
		back[i] = make([]byte, hi[i]-lo[i]+1)
		for j := range cur {
			cur[j] = inf
		}
		for j := lo[i]; j <= hi[i]; j++ {
			if i == 0 && j == 0 {
				cur[0] = 0
				continue
			}
			best, move := inf, byte(0)
			if i > 0 && j > 0 && j-1 >= lo[i-1] && j-1 <= hi[i-1] {
				if c := prev[j-1] + pairCost(fz[i-1], fe[j-1], ratio); c < best {
					best, move = c, mPair
				}
			}
			if i > 0 && j >= lo[i-1] && j <= hi[i-1] {
				if c := prev[j] + skipCost; c < best {
					best, move = c, mZH
				}
			}
			if j > 0 && j-1 >= lo[i] {
				if c := cur[j-1] + skipCost; c < best {
					best, move = c, mEN
				}
			}
			cur[j] = best
			back[i][j-lo[i]] = move
		}
		prev, cur = cur, prev
	}
	var path []step
	for i, j := n, m; i > 0 || j > 0; {
		switch back[i][j-lo[i]] {
		case mPair:
			c := pairCost(fz[i-1], fe[j-1], ratio)
			path = append(path, step{i - 1, j - 1, scoreOf(c)})
			i, j = i-1, j-1
		case mZH:
			path = append(path, step{i - 1, -1, 0})
			i--
		default:
			path = append(path, step{-1, j - 1, 0})
			j--
		}
	}
	for a, b := 0, len(path)-1; a < b; a, b = a+1, b-1 {
		path[a], path[b] = path[b], path[a]
	}
	return path
}

// band returns, for each row i of the matrix, the range of columns searched.
// Small documents get the whole matrix.
func band(fz, fe []features, ratio float64) (lo, hi []int) {
	n, m := len(fz), len(fe)
	lo, hi = make([]int, n+1), make([]int, n+1)
	if (n+1)*(m+1) <= maxCells {
		for i := range hi {
			hi[i] = m
		}
		return lo, hi
	}
	// expected column for each row: where the English reaches the same share
	// of its total length as the Chinese has of its own
	cz := make([]float64, n+1)
	for i, f := range fz {
		cz[i+1] = cz[i] + f.length
	}
	ce := make([]float64, m+1)
	for j, f := range fe {
		ce[j+1] = ce[j] + f.length
	}
	w := bandMin
	if d := n - m; d > w || -d > w {
		w = max(d, -d)
	}
	for i := 0; i <= n; i++ {
		target := cz[i] / cz[n] * ce[m]
		j := sort.SearchFloat64s(ce, target)
		lo[i] = max(0, j-w)
		hi[i] = min(m, j+w)
	}
	lo[0], hi[n] = 0, m
	// keep the band connected: every row must reach the previous row's range
	for i := 1; i <= n; i++ {
		if lo[i] > hi[i-1] {
			lo[i] = hi[i-1]
		}
		if lo[i] < lo[i-1] {
			lo[i] = lo[i-1]
		}
	}
	for i := n - 1; i >= 0; i-- {
		if hi[i] < lo[i+1] {
			hi[i] = lo[i+1]
		}
		if hi[i] > hi[i+1] {
			hi[i] = hi[i+1]
		}
	}
	return lo, hi
}

// unitsOf turns an alignment path into units, undoing pairs whose confidence
// is below MinScore, and sets each unit's section.
func unitsOf(path []step, zh, en []Paragraph) []Unit {
	var units []Unit
	var secZH, secEN string
	add := func(u Unit) {
		u.Seq = len(units)
		units = append(units, u)
	}
	for _, s := range path {
		if s.zh >= 0 && zh[s.zh].Heading {
			secZH = zh[s.zh].Text
		}
		if s.en >= 0 && en[s.en].Heading {
			secEN = en[s.en].Text
		}
		section := secEN
		if section == "" {
			section = secZH
		}
		switch {
		case s.zh >= 0 && s.en >= 0 && s.score >= MinScore:
			add(Unit{ZH: zh[s.zh].Text, EN: en[s.en].Text, Heading: zh[s.zh].Heading, Section: section, Score: s.score})
		default:
			if s.zh >= 0 {
				add(Unit{ZH: zh[s.zh].Text, Heading: zh[s.zh].Heading, Section: section})
			}
			if s.en >= 0 {
				add(Unit{EN: en[s.en].Text, Heading: en[s.en].Heading, Section: section})
			}
		}
	}
	return units
}

var (
	zhNumber = regexp.MustCompile(`([0-9]+(?:[.,][0-9]+)*)\s*(万|亿|%|％)?`)
	enNumber = regexp.MustCompile(`(?i)([0-9]+(?:[.,][0-9]+)*)\s*(%|percent|thousand|million|billion)?`)
	latin    = regexp.MustCompile(`[A-Za-z][A-Za-z0-9]+|[0-9]+[A-Za-z]+`)
)

var multiplier = map[string]float64{
	"万": 1e4, "亿": 1e8, "thousand": 1e3, "million": 1e6, "billion": 1e9,
}

// anchorsOf collects what a paragraph and its translation share whatever the
// language: numbers (as values, so 9.1万 and 91,000 meet) and, for Chinese,
// the Latin words it carries (acronyms, names), compared with the English
// words lower-cased. Numbers below 10 are too common to tell pairs apart.
func anchorsOf(text string, lang Lang) map[string]bool {
	a := map[string]bool{}
	re := enNumber
	if lang == ZH {
		re = zhNumber
	}
	for _, m := range re.FindAllStringSubmatch(text, -1) {
		digits := strings.ReplaceAll(m[1], ",", "")
		v, err := strconv.ParseFloat(digits, 64)
		if err != nil {
			continue
		}
		unit := strings.ToLower(m[2])
		switch unit {
		case "%", "％", "percent":
			a["n:"+strconv.FormatFloat(v, 'g', 6, 64)+"%"] = true
			continue
		}
		if f, ok := multiplier[unit]; ok {
			v *= f
		}
		if v >= 10 {
			a["n:"+strconv.FormatFloat(v, 'g', 6, 64)] = true
		}
	}
	if lang == ZH {
		for _, w := range latin.FindAllString(text, -1) {
			a["w:"+strings.ToLower(w)] = true
		}
	} else {
		// English words enter only when a Chinese paragraph names them, so
		// keep only those that look like names: acronyms and mixed tokens
		for _, w := range latin.FindAllString(text, -1) {
			if isAcronym(w) {
				a["w:"+strings.ToLower(w)] = true
			}
		}
	}
	return a
}

func isAcronym(w string) bool {
	upper := 0
	for _, r := range w {
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			upper++
		}
	}
	return upper >= 2 && upper*2 >= utf8.RuneCountInString(w)
}

package searchtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/fuzzy"
	"github.com/bisearch/bisearch/highlight"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
)

// The translator's workbench on every engine: scans, sentence pairs, the
// concordance, fuzzy matches and export.

// ScanIDs reads every unit a request matches with the engine's Scan.
func ScanIDs(tb testing.TB, e Engine, req query.Request) []string {
	tb.Helper()
	q, err := req.Validate()
	if err != nil {
		tb.Fatal(err)
	}
	var ids []string
	err = e.Use(context.Background(), func(b search.Backend) error {
		return b.Scan(context.Background(), q, req, func(units []search.Unit) error {
			for _, u := range units {
				ids = append(ids, u.ID)
			}
			return nil
		})
	})
	if err != nil {
		tb.Fatalf("scan %q: %v", req.Text, err)
	}
	return ids
}

// docOrder pages through a request's hits in document order.
func docOrder(tb testing.TB, e Engine, req query.Request) []search.Hit {
	tb.Helper()
	var out []search.Hit
	req.Sort, req.Size = query.SortDoc, query.MaxSize
	for req.From = 0; ; req.From += req.Size {
		r := MustSearch(tb, e, req)
		out = append(out, r.Hits...)
		if len(r.Hits) < req.Size {
			return out
		}
	}
}

func (s *suite) scan(t *testing.T) {
	ix := s.sampleEngine(t)
	for _, req := range []query.Request{{Text: "知识产权"}, {Text: "customs OR 海关"}, {Text: "2023", Lang: corpus.EN}, {Text: "保护", Translated: "no"}, {Text: "nothingatall"}} {
		var want []string
		for _, h := range docOrder(t, ix, req) {
			want = append(want, h.ID)
		}
		if got := ScanIDs(t, ix, req); !cmp.Equal(want, got) {
			t.Errorf("%+v: scan (+) differs from the hits in document order (-):\n%s", req, cmp.Diff(want, got))
		}
	}
	// a scan over several batches (an engine's batches may grow), each
	// unit once and in document order, and one ended early
	big := s.build(t, manyUnits(2345))
	req := query.Request{Text: "海关"}
	got := ScanIDs(t, big, req)
	if len(got) != 2345 {
		t.Errorf("scan of 2345 matching units read %d", len(got))
	}
	for k, id := range got {
		if want := corpus.UnitID("many", k); id != want {
			t.Errorf("scan: unit %d is %s, want %s (each once, in document order)", k, id, want)
			break
		}
	}
	q, _ := req.Validate()
	n := 0
	err := big.Use(context.Background(), func(b search.Backend) error {
		return b.Scan(context.Background(), q, req, func(units []search.Unit) error {
			n += len(units)
			return search.ErrStop
		})
	})
	if !errors.Is(err, search.ErrStop) || n == 0 || n >= 2345 {
		t.Errorf("a scan stopped after its first batch: %d read, %v", n, err)
	}
}

// manyUnits is a document of n translated units that all hold 海关.
func manyUnits(n int) *corpus.Doc {
	d := &corpus.Doc{ID: "many", Title: "many"}
	for i := 0; i < n; i++ {
		d.Units = append(d.Units, corpus.Unit{Seq: i, ZH: fmt.Sprintf("第%d条：海关依法查验进出境货物。", i+1),
			EN: fmt.Sprintf("Article %d: customs inspects goods entering and leaving the country.", i+1), Score: 1})
	}
	return d
}

func (s *suite) sentencePairs(t *testing.T) {
	ix := s.sampleEngine(t)
	withPairs := 0
	for _, q := range []string{"惩罚性赔偿", "知识产权", "customs", "2023"} {
		for _, h := range docOrder(t, ix, query.Request{Text: q}) {
			if len(h.Pairs) > 0 {
				withPairs++
			}
			for _, p := range h.Pairs {
				zh, en := h.PairText(p)
				if zh == nil || en == nil {
					t.Errorf("%s: %s: pair %+v does not fit the sides", q, h.ID, p)
					continue
				}
				if len(zh.Spans) == 0 && len(en.Spans) == 0 {
					t.Errorf("%s: %s: pair %q / %q holds no match", q, h.ID, zh.Text, en.Text)
				}
				if p.Score <= 0 || p.Score > h.Align+1e-9 || p.Low() != (p.Score < search.LowConfidence) {
					t.Errorf("%s: %s: pair score %v (pair of paragraphs %v), low %v", q, h.ID, p.Score, h.Align, p.Low())
				}
			}
		}
	}
	if withPairs == 0 {
		t.Fatal("no hit has a sentence pair")
	}
	// the example of 惩罚性赔偿 is its sentence, and its translation's
	h := MustSearch(t, ix, query.Request{Text: "惩罚性赔偿"}).Hits[0]
	if len(h.Pairs) != 1 {
		t.Fatalf("惩罚性赔偿: %d pairs", len(h.Pairs))
	}
	zh, en := h.PairText(h.Pairs[0])
	if !strings.HasPrefix(zh.Text, "全省共有62件") || len(zh.Text) >= len(h.ZH.Text) || !strings.Contains(en.Text, "punitive damages") || len(en.Text) >= len(h.EN.Text) {
		t.Errorf("惩罚性赔偿: pair %q / %q", zh.Text, en.Text)
	}
	if !strings.Contains(en.HTML(), `<mark class="tr">punitive damages</mark>`) {
		t.Errorf("the pair's translation does not mark the equivalent: %s", en.HTML())
	}
}

// concordanceOf runs a concordance on an engine.
func concordanceOf(tb testing.TB, e Engine, req query.Request, order string) (*search.Concordance, error) {
	tb.Helper()
	var c *search.Concordance
	err := e.Use(context.Background(), func(b search.Backend) (err error) {
		c, err = search.ConcordanceOf(context.Background(), b, req, order)
		return err
	})
	return c, err
}

// allLines pages through a whole concordance.
func allLines(tb testing.TB, e Engine, req query.Request, order string, size int) []search.Line {
	tb.Helper()
	var out []search.Line
	req.Size = size
	for req.From = 0; ; req.From += size {
		c, err := concordanceOf(tb, e, req, order)
		if err != nil {
			tb.Fatalf("concordance %q: %v", req.Text, err)
		}
		out = append(out, c.Lines...)
		if req.From+size >= c.Total {
			if len(out) != c.Total {
				tb.Errorf("%q: pages hold %d lines of %d", req.Text, len(out), c.Total)
			}
			return out
		}
	}
}

func flatWS(s string) string { return strings.Join(strings.Fields(s), " ") }

func (s *suite) concordance(t *testing.T) {
	ix := s.sampleEngine(t)
	for _, req := range []query.Request{{Text: "知识产权"}, {Text: "protect*"}, {Text: "2023"}, {Text: "customs OR 海关", Lang: corpus.ZH}} {
		lines := concordanceLines(t, ix, req)
		concordancePages(t, ix, req, lines)
		concordanceSorted(t, ix, req, len(lines))
	}
	concordanceFilters(t, ix)
}

// concordanceLines checks that the concordance has a line per match of the
// hits, each its match in its context with the translation of its side.
func concordanceLines(t *testing.T, ix Engine, req query.Request) []search.Line {
	hits := docOrder(t, ix, req)
	byID := map[string]search.Hit{}
	want := 0
	for _, h := range hits {
		byID[h.ID] = h
		for _, side := range []*search.Side{h.ZH, h.EN} {
			if side != nil {
				want += len(highlight.Merge(side.Text, side.Spans))
			}
		}
	}
	lines := allLines(t, ix, req, search.OrderDoc, 100)
	if len(lines) != want || want == 0 {
		t.Errorf("%q: %d lines, the hits hold %d matches", req.Text, len(lines), want)
	}
	for _, l := range lines {
		h := byID[l.ID]
		side, other := h.ZH, h.EN
		if l.Lang == corpus.EN {
			side, other = h.EN, h.ZH
		}
		if req.Lang != "" && l.Lang != req.Lang {
			t.Errorf("%q lang %s: a line on %s", req.Text, req.Lang, l.Lang)
		}
		if side == nil {
			t.Errorf("%q: line on %s of %s, which has no such side", req.Text, l.Lang, l.ID)
			continue
		}
		// the context is the text around the match
		around := strings.TrimPrefix(l.Left, "…") + l.Match + strings.TrimSuffix(l.Right, "…")
		if !strings.Contains(flatWS(side.Text), flatWS(around)) || !strings.HasPrefix(side.Text[l.At:], l.Match) {
			t.Errorf("%q: line %q [%q] %q is not in %s", req.Text, l.Left, l.Match, l.Right, l.ID)
		}
		if l.Translation != nil && (other == nil || !strings.Contains(other.Text, l.Translation.Text)) {
			t.Errorf("%q: %s: the translation %q is not the other side's", req.Text, l.ID, l.Translation.Text)
		}
		if l.Translation != nil && !l.Paragraph && len(l.Translation.Text) == len(other.Text) && len(h.Pairs) == 0 {
			t.Errorf("%q: %s: a whole paragraph not said to be one", req.Text, l.ID)
		}
	}
	return lines
}

// concordancePages checks that pages of any size hold the same lines.
func concordancePages(t *testing.T, ix Engine, req query.Request, lines []search.Line) {
	if small := allLines(t, ix, req, search.OrderDoc, 7); len(small) != len(lines) {
		t.Errorf("%q: %d lines in pages of 7, %d in pages of 100", req.Text, len(small), len(lines))
	} else {
		for i := range small {
			if small[i].ID != lines[i].ID || small[i].At != lines[i].At || small[i].Lang != lines[i].Lang {
				t.Errorf("%q: line %d differs between page sizes", req.Text, i)
				break
			}
		}
	}
}

// concordanceSorted checks the orders by the word left and right of the
// match, in the Chinese collation.
func concordanceSorted(t *testing.T, ix Engine, req query.Request, n int) {
	col := collate.New(language.Chinese, collate.Loose)
	for _, order := range []string{search.OrderLeft, search.OrderRight} {
		sorted := allLines(t, ix, req, order, 100)
		if len(sorted) != n {
			t.Errorf("%q by %s: %d lines, %d in document order", req.Text, order, len(sorted), n)
		}
		next := func(l search.Line) string {
			if order == search.OrderLeft {
				if toks := fuzzy.Tokens(l.Left); len(toks) > 0 {
					return toks[len(toks)-1].Text
				}
				return ""
			}
			if toks := fuzzy.Tokens(l.Right); len(toks) > 0 {
				return toks[0].Text
			}
			return ""
		}
		for i := 1; i < len(sorted); i++ {
			a, b := sorted[i-1], sorted[i]
			if a.Lang == b.Lang && col.CompareString(next(a), next(b)) > 0 {
				t.Errorf("%q by %s: %q before %q", req.Text, order, next(a), next(b))
			}
			if a.Lang == corpus.EN && b.Lang == corpus.ZH {
				t.Errorf("%q by %s: an English line before a Chinese one", req.Text, order)
			}
		}
	}
}

// concordanceFilters checks facets, filters and errors.
func concordanceFilters(t *testing.T, ix Engine) {
	c, err := concordanceOf(t, ix, query.Request{Text: "知识产权", Facets: true, Translated: "yes", Size: 10}, "")
	if err != nil || c.Facets == nil || c.Facets.Translated["no"] != 0 || c.Order != search.OrderDoc {
		t.Errorf("facets of a concordance of translated hits: %+v, %v", c, err)
	}
	for _, l := range c.Lines {
		if l.Translation == nil && l.Lang == corpus.ZH {
			// a sentence with no translation in a translated pair is fine;
			// a missing paragraph is not
			if h := MustSearch(t, ix, query.Request{Text: "知识产权", Doc: l.DocID, Size: 100}); len(h.Hits) == 0 {
				t.Errorf("line %s has no hit", l.ID)
			}
		}
	}
	if _, err := concordanceOf(t, ix, query.Request{Text: "知识产权"}, "sideways"); !errors.Is(err, query.ErrInvalid) {
		t.Errorf("sort=sideways: %v, want a bad parameter", err)
	}
	if _, err := concordanceOf(t, ix, query.Request{Text: ""}, ""); !errors.Is(err, query.ErrInvalid) {
		t.Errorf("an empty query: %v", err)
	}
}

// similarTo runs a fuzzy-match lookup on an engine.
func similarTo(tb testing.TB, e Engine, r search.SimilarRequest) (*search.Similar, error) {
	tb.Helper()
	var out *search.Similar
	err := e.Use(context.Background(), func(b search.Backend) (err error) {
		out, err = search.SimilarTo(context.Background(), b, r)
		return err
	})
	return out, err
}

// AllUnits reads every unit of every document of an engine.
func AllUnits(tb testing.TB, e Engine) []search.Unit {
	tb.Helper()
	var out []search.Unit
	for _, d := range e.Docs() {
		for from := 0; from < d.Units; from += 1000 {
			_, units, err := e.Doc(context.Background(), d.ID, from, 1000)
			if err != nil {
				tb.Fatal(err)
			}
			out = append(out, units...)
		}
	}
	return out
}

// Memory is every translated unit's segments on each side, tokenised once,
// for a brute force over them.
type Memory struct {
	d    fuzzy.Dict
	ids  []string
	segs map[corpus.Lang][][]*fuzzy.Segment
}

// NewMemory prepares the translated units for BruteSimilar.
func NewMemory(units []search.Unit) *Memory {
	m := &Memory{d: fuzzy.Dict{}, segs: map[corpus.Lang][][]*fuzzy.Segment{}}
	for _, u := range units {
		if !u.Paired() {
			continue
		}
		m.ids = append(m.ids, u.ID)
		for _, lang := range []corpus.Lang{corpus.ZH, corpus.EN} {
			var ss []*fuzzy.Segment
			for _, text := range search.Segments(u, lang) {
				ss = append(ss, m.d.NewSegment(text))
			}
			m.segs[lang] = append(m.segs[lang], ss)
		}
	}
	return m
}

// BruteSimilar scores every segment of every translated unit and returns
// the best percentage and the units that reach it: what the lookup's
// first match must reach.
func (m *Memory) BruteSimilar(text string, lang corpus.Lang) (best int, ids []string) {
	q := m.d.NewSegment(text)
	for i, ss := range m.segs[lang] {
		top := 0
		for _, s := range ss {
			if fuzzy.Bound(len(q.Tokens), len(s.Tokens)) < max(best, top, 1) {
				continue // its length alone keeps it under the best
			}
			top = max(top, fuzzy.Percent(q, s))
		}
		switch {
		case top > best:
			best, ids = top, []string{m.ids[i]}
		case top == best && top > 0:
			ids = append(ids, m.ids[i])
		}
	}
	return best, ids
}

func (s *suite) similar(t *testing.T) {
	ix := s.sampleEngine(t)
	units := AllUnits(t, ix)
	mem := NewMemory(units)
	tried := 0
	for _, u := range units {
		if !u.Paired() || tried >= 12 {
			continue
		}
		al, ok := corpus.DecodeSentenceAlignment(u.Sentences)
		if !ok || len(al.Links) == 0 {
			continue
		}
		for _, side := range []struct {
			lang  corpus.Lang
			text  string
			spans []corpus.Span
		}{{corpus.ZH, u.ZH, al.ZH}, {corpus.EN, u.EN, al.EN}} {
			sent := side.text[side.spans[0].Start:side.spans[0].End]
			toks := fuzzy.Tokens(sent)
			if len(toks) < 8 {
				continue
			}
			tried++
			// the sentence itself, then with a word left out
			dropped := sent[:toks[2].Start] + sent[toks[2].End:]
			for _, text := range []string{sent, dropped} {
				res, err := similarTo(t, ix, search.SimilarRequest{Text: text})
				if err != nil {
					t.Fatal(err)
				}
				best, ids := mem.BruteSimilar(text, side.lang)
				if len(res.Matches) == 0 {
					t.Errorf("%q: no match; the best is %d%% (%v)", text, best, ids)
					continue
				}
				top := res.Matches[0]
				if top.Percent != best || top.Lang != side.lang {
					t.Errorf("%q: top match %s at %d%%, brute force %d%% (%v)", text, top.ID, top.Percent, best, ids)
				}
				if text == sent && top.Percent != 100 {
					t.Errorf("%q: the sentence itself scores %d%%", text, top.Percent)
				}
				if text == dropped && (top.Percent >= 100 || top.Percent < 100*(len(toks)-1)/len(toks) || len(top.QueryDiff) != 0 || len(top.Source.Spans) != 1) {
					t.Errorf("%q: one word less scores %d%%, marks %v / %v", text, top.Percent, top.QueryDiff, top.Source.Spans)
				}
				if top.Target == nil || top.Target.Text == "" {
					t.Errorf("%q: the match has no translation", text)
				}
				for i := 1; i < len(res.Matches); i++ {
					if res.Matches[i].Percent > res.Matches[i-1].Percent || res.Matches[i].Percent < res.Request.Min {
						t.Errorf("%q: matches out of order or under the minimum", text)
					}
				}
			}
		}
	}
	if tried < 6 {
		t.Fatalf("only %d sentences tried", tried)
	}
	for _, bad := range []search.SimilarRequest{{Text: ""}, {Text: "。，"}, {Text: strings.Repeat("字", search.MaxSimilarRunes+1)}, {Text: "x", Lang: "fr"}, {Text: "x", Size: 99}, {Text: "x", Min: 101}} {
		if _, err := similarTo(t, ix, bad); !errors.Is(err, query.ErrInvalid) {
			t.Errorf("%+v: %v, want an invalid request", bad, err)
		}
	}
}

// exportOf runs an export on an engine.
func exportOf(tb testing.TB, e Engine, r search.ExportRequest) ([]byte, search.ExportInfo) {
	tb.Helper()
	var buf bytes.Buffer
	var info search.ExportInfo
	err := e.Use(context.Background(), func(b search.Backend) (err error) {
		info, err = search.Export(context.Background(), b, r, &buf, nil)
		return err
	})
	if err != nil {
		tb.Fatalf("export %+v: %v", r, err)
	}
	return buf.Bytes(), info
}

// readBack reads an export with the corpus readers.
func readBack(tb testing.TB, format string, b []byte) *corpus.Doc {
	tb.Helper()
	var d *corpus.Doc
	var err error
	switch format {
	case corpus.ExportTSV:
		d, err = corpus.ReadTSV("export.tsv", b)
	case corpus.ExportCSV:
		d, err = corpus.ReadCSV("export.csv", b)
	case corpus.ExportJSONL:
		d, err = corpus.ReadJSONL("export.jsonl", b)
	case corpus.ExportTMX:
		var docs []*corpus.Doc
		docs, err = corpus.ReadTMX("export.tmx", bytes.NewReader(b))
		if err == nil {
			d = &corpus.Doc{ID: "export", Title: "export"}
			for _, x := range docs {
				d.Units = append(d.Units, x.Units...)
			}
		}
	}
	if err != nil {
		tb.Fatalf("reading back the %s export: %v", format, err)
	}
	return d
}

func (s *suite) export(t *testing.T) {
	ix := s.sampleEngine(t)
	req := query.Request{Text: "知识产权"}
	hits := docOrder(t, ix, req)
	var want [][2]string
	var wantSents [][2]string
	for _, h := range hits {
		pair := [2]string{"", ""}
		if h.ZH != nil {
			pair[0] = flatWS(h.ZH.Text)
		}
		if h.EN != nil {
			pair[1] = flatWS(h.EN.Text)
		}
		want = append(want, pair)
		if len(h.Pairs) == 0 {
			wantSents = append(wantSents, pair)
		}
		for _, p := range h.Pairs {
			zh, en := h.PairText(p)
			wantSents = append(wantSents, [2]string{flatWS(zh.Text), flatWS(en.Text)})
		}
	}
	pairs := func(d *corpus.Doc) [][2]string {
		var out [][2]string
		for _, u := range d.Units {
			out = append(out, [2]string{flatWS(u.ZH), flatWS(u.EN)})
		}
		return out
	}
	for _, format := range corpus.ExportFormats {
		for _, sentences := range []bool{false, true} {
			b, info := exportOf(t, ix, search.ExportRequest{Request: req, Format: format, Sentences: sentences})
			if info.Total != uint64(len(hits)) || info.Capped {
				t.Errorf("%s: info %+v for %d hits", format, info, len(hits))
			}
			w := want
			if sentences {
				w = wantSents
			}
			got := pairs(readBack(t, format, b))
			if format == corpus.ExportCSV {
				for i := range got {
					for k := range got[i] {
						got[i][k] = strings.TrimPrefix(got[i][k], "'") // a neutralised formula
					}
				}
			}
			if !cmp.Equal(w, got) {
				t.Errorf("%s (sentences %v) read back (+) differs from the hits (-):\n%s", format, sentences, cmp.Diff(w, got))
			}
		}
	}
	// an exported TMX indexes back to the same pairs
	b, _ := exportOf(t, ix, search.ExportRequest{Request: req, Format: corpus.ExportTMX})
	docs, err := corpus.ReadTMX("export.tmx", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	again := s.build(t, docs...)
	var back [][2]string
	for _, u := range AllUnits(t, again) {
		back = append(back, [2]string{flatWS(u.ZH), flatWS(u.EN)})
	}
	if !cmp.Equal(want, back) {
		t.Errorf("the exported TMX indexed (+) holds other pairs than the hits (-):\n%s", cmp.Diff(want, back))
	}
	// the limit
	b, info := exportOf(t, ix, search.ExportRequest{Request: req, Format: corpus.ExportJSONL, Limit: 3})
	if n := bytes.Count(b, []byte("\n")); n != 3 || !info.Capped || info.Total != uint64(len(hits)) {
		t.Errorf("limit 3: %d lines, %+v", n, info)
	}
	for _, bad := range []search.ExportRequest{{Request: req, Format: "xls"}, {Request: req, Format: "tsv", Limit: search.MaxExport + 1}, {Request: query.Request{Text: ""}, Format: "tsv"}} {
		err := ix.Use(context.Background(), func(b search.Backend) error {
			_, err := search.Export(context.Background(), b, bad, &bytes.Buffer{}, nil)
			return err
		})
		if !errors.Is(err, query.ErrInvalid) {
			t.Errorf("%+v: %v, want an invalid request", bad, err)
		}
	}
}

func (s *suite) translationFilter(t *testing.T) {
	ix := s.sampleEngine(t)
	for _, q := range []string{"知识产权", "保护", "customs", `"intellectual property"`} {
		r := MustSearch(t, ix, query.Request{Text: q, Translations: true, Size: 1})
		tr := r.Translations
		if tr == nil || len(tr.Terms) == 0 {
			t.Errorf("%s: no translations", q)
			continue
		}
		if tr.Sampled {
			t.Fatalf("%s: sampled on the sample corpus", q)
		}
		// what a chip says is what choosing it finds
		for _, tc := range tr.Terms {
			got := MustSearch(t, ix, query.Request{Text: q, As: tc.Text, Size: 1})
			if got.Total != uint64(tc.Hits) || tc.Hits < 1 || tc.Marked < 1 {
				t.Errorf("%s as %q: listed with %d hits (%d marked), the filter finds %d", q, tc.Text, tc.Hits, tc.Marked, got.Total)
			}
		}
		other := MustSearch(t, ix, query.Request{Text: q, As: query.AsOther, Size: query.MaxSize, Facets: true})
		if other.Total != uint64(tr.Otherwise) {
			t.Errorf("%s translated otherwise: listed %d, the filter finds %d", q, tr.Otherwise, other.Total)
		}
		for _, h := range other.Hits {
			if h.ZH == nil || h.EN == nil {
				t.Errorf("%s translated otherwise: %s has no translation", q, h.ID)
			}
		}
		for i := 1; i < len(tr.Terms); i++ {
			if tr.Terms[i].Marked > tr.Terms[i-1].Marked {
				t.Errorf("%s: translations not in order of evidence: %+v", q, tr.Terms)
			}
		}
	}
}

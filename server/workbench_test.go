package server

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/search"
)

func formatCount(f float64) string { return strconv.Itoa(int(f)) }

// TestWorkbenchAPI checks the concordance, fuzzy-match and export endpoints
// on the sample: their answers, their defaults, and a clear 400 for every
// bad parameter.
func TestWorkbenchAPI(t *testing.T) {
	h, _ := sampleHandler(t)
	q := url.QueryEscape("知识产权")

	// concordance: 50 lines a page unless asked, sorted as asked
	rec, body := get(t, h, "/api/concordance?q="+q)
	if rec.Code != 200 || body["size"].(float64) != DefaultConcordanceSize || len(body["lines"].([]any)) != DefaultConcordanceSize || body["sort"] != "doc" {
		t.Fatalf("concordance: %d size %v, %d lines, sort %v", rec.Code, body["size"], len(body["lines"].([]any)), body["sort"])
	}
	if body["total"].(float64) != 165 || body["units"].(float64) != 26 || body["capped"] != false {
		t.Errorf("concordance counts: total %v units %v capped %v", body["total"], body["units"], body["capped"])
	}
	line := body["lines"].([]any)[0].(map[string]any)
	if line["match"] != "知识产权" || line["lang"] != "zh" {
		t.Errorf("first line %+v", line)
	}
	_, right := get(t, h, "/api/concordance?q="+q+"&sort=right&size=5&from=5")
	if right["sort"] != "right" || right["from"].(float64) != 5 || len(right["lines"].([]any)) != 5 {
		t.Errorf("a page of the concordance by right context: %+v", right)
	}

	// fuzzy matches: the sentence itself at 100 %, one changed below
	rec, body = get(t, h, "/api/similar?q="+url.QueryEscape("全省共有62件知识产权案件适用惩罚性赔偿严惩侵权,全年最高判赔数额达3.17亿元。"))
	matches, _ := body["matches"].([]any)
	if rec.Code != 200 || len(matches) == 0 || matches[0].(map[string]any)["percent"].(float64) != 100 || body["lang"] != "zh" || body["min"].(float64) != search.DefaultSimilarMin {
		t.Fatalf("similar: %d %+v", rec.Code, body)
	}
	m := matches[0].(map[string]any)
	if tgt, _ := m["target"].(map[string]any); tgt == nil || !strings.Contains(tgt["text"].(string), "punitive damages") {
		t.Errorf("the match's translation: %+v", m["target"])
	}
	_, body = get(t, h, "/api/similar?q="+url.QueryEscape("62 intellectual property cases in the province were subject to punitive damages")+"&min=40&size=1")
	if ms := body["matches"].([]any); len(ms) != 1 || body["lang"] != "en" || !strings.Contains(ms[0].(map[string]any)["source"].(map[string]any)["html"].(string), `<mark class="diff">`) {
		t.Errorf("an English sentence, part of a longer one: %+v", body)
	}

	// export: a file to download, what it holds said in the headers
	rec, _ = get(t, h, "/api/export?q="+q+"&format=csv&limit=5")
	hd := rec.Header()
	if rec.Code != 200 || hd.Get("Content-Type") != corpus.ExportType(corpus.ExportCSV) || hd.Get("X-Total-Count") != "26" || hd.Get("X-Export-Capped") != "true" || hd.Get("X-Export-Limit") != "5" {
		t.Errorf("export headers: %d %v", rec.Code, hd)
	}
	if cd := hd.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="bisearch-export.csv"; filename*=UTF-8''bisearch-%E7%9F%A5%E8%AF%86%E4%BA%A7%E6%9D%83.csv`) {
		t.Errorf("Content-Disposition %q", cd)
	}
	if b := rec.Body.Bytes(); !bytes.HasPrefix(b, []byte("\ufeffzh,en,id,doc,section,score\n")) || bytes.Count(b, []byte("guangdong-ipr-2023/")) != 5 {
		t.Errorf("the CSV holds %q", b)
	}
	rec, _ = get(t, h, "/api/export?q=customs&format=tmx")
	if docs, err := corpus.ReadTMX("x.tmx", bytes.NewReader(rec.Body.Bytes())); err != nil || len(docs) != 1 || len(docs[0].Units) != 1 || rec.Header().Get("X-Export-Capped") != "false" {
		t.Errorf("the TMX export reads back as %+v, %v", docs, err)
	}
	// the export takes the filters of the search, the translation chosen too
	_, sr := get(t, h, "/api/search?q="+q+"&translations=1&size=1")
	first := sr["translations"].(map[string]any)["terms"].([]any)[0].(map[string]any)
	rec, _ = get(t, h, "/api/export?q="+q+"&as="+url.QueryEscape(first["text"].(string)))
	if got := rec.Header().Get("X-Total-Count"); got != formatCount(first["hits"].(float64)) {
		t.Errorf("export as %q: %s hits, the translations box says %v", first["text"], got, first["hits"])
	}
	rec, _ = get(t, h, "/api/export?q=customs")
	if rec.Header().Get("Content-Type") != corpus.ExportType(corpus.ExportTSV) || !strings.HasPrefix(rec.Body.String(), "zh\ten\t") {
		t.Errorf("the default export is not TSV: %q", rec.Body.String())
	}

	for _, tt := range []struct{ target, code string }{
		{"/api/concordance?q=" + q + "&sort=sideways", "bad_parameter"},
		{"/api/concordance?q=" + q + "&size=101", "bad_parameter"},
		{"/api/concordance?q=", "missing_query"},
		{"/api/similar?q=", "missing_query"},
		{"/api/similar?q=" + url.QueryEscape("。，！"), "bad_parameter"},
		{"/api/similar?q=x&size=21", "bad_parameter"},
		{"/api/similar?q=x&size=abc", "bad_parameter"},
		{"/api/similar?q=x&min=0", "bad_parameter"},
		{"/api/similar?q=x&lang=fr", "bad_parameter"},
		{"/api/similar?q=" + url.QueryEscape(strings.Repeat("字", search.MaxSimilarRunes+1)), "query_too_long"},
		{"/api/similar?q=%ff", "bad_parameter"},
		{"/api/export?q=x&format=xlsx", "bad_parameter"},
		{"/api/export?q=x&pairs=words", "bad_parameter"},
		{"/api/export?q=x&limit=0", "bad_parameter"},
		{"/api/export?q=x&limit=100001", "bad_parameter"},
		{"/api/export?q=", "missing_query"},
		{"/api/export?q=a+b&as=x", "bad_parameter"}, // as= needs a query of one term
	} {
		rec, body := get(t, h, tt.target)
		e, _ := body["error"].(map[string]any)
		if rec.Code != http.StatusBadRequest || e == nil || e["code"] != tt.code {
			t.Errorf("%s: %d %v, want 400 %s", tt.target, rec.Code, body, tt.code)
		}
	}
	// an engine that cannot answer: 503, never a 500
	f := &fake{err: search.ErrUnavailable}
	for _, target := range []string{"/api/concordance?q=x", "/api/similar?q=x", "/api/export?q=x"} {
		if rec, _ := get(t, New(f, Options{}), target); rec.Code != http.StatusServiceUnavailable {
			t.Errorf("%s on an unavailable engine: %d", target, rec.Code)
		}
	}
}

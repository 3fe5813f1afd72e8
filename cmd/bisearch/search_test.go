package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bisearch/bisearch/corpus"
)

// TestWorkbenchCommands runs the translator's tools from the command line on
// the sample: sentence pairs by default, a concordance, an export in each
// format, and fuzzy matches; bad values are usage errors.
func TestWorkbenchCommands(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if _, _, err := runCmd(t, "index", "-index", dir); err != nil {
		t.Fatal(err)
	}

	// a hit shows its matched sentence pair; -paragraphs the whole pair
	out, _, err := runCmd(t, "search", "-index", dir, "惩罚性赔偿")
	if err != nil || !strings.Contains(out, "  en: 62 intellectual property cases") || strings.Contains(out, "91,000") {
		t.Errorf("search shows %q (%v)", out, err)
	}
	out, _, _ = runCmd(t, "search", "-index", dir, "-paragraphs", "惩罚性赔偿")
	if !strings.Contains(out, "91,000") {
		t.Errorf("search -paragraphs shows %q", out)
	}

	// a concordance: a line per match, the match in one column
	out, _, err = runCmd(t, "search", "-index", dir, "-kwic", "-sort", "right", "-n", "5", "知识产权")
	if err != nil || !strings.HasPrefix(out, `165 matches of "知识产权", sorted by right; 1–5 shown`) {
		t.Fatalf("search -kwic: %v %q", err, out)
	}
	var cols []int
	for _, l := range strings.Split(out, "\n") {
		if i := strings.Index(l, "[知识产权]"); i >= 0 {
			cols = append(cols, displayWidth(l[:i]))
		}
	}
	if len(cols) != 5 {
		t.Errorf("%d concordance lines: %q", len(cols), out)
	}
	for _, c := range cols[1:] {
		if c != cols[0] {
			t.Errorf("the matches do not stand in one column: %v\n%s", cols, out)
			break
		}
	}
	out, _, _ = runCmd(t, "search", "-index", dir, "-kwic", "-json", "-n", "3", "customs")
	var kw struct {
		Total int
		Lines []struct{ Match string }
	}
	if err := json.Unmarshal([]byte(out), &kw); err != nil || kw.Total < 1 || !strings.EqualFold(kw.Lines[0].Match, "customs") {
		t.Errorf("search -kwic -json: %v %+v", err, kw)
	}

	// export: every hit, in each format, read back; the limit said on stderr
	for _, format := range corpus.ExportFormats {
		out, stderr, err := runCmd(t, "search", "-index", dir, "-format", format, "知识产权")
		if err != nil || stderr != "exported 26 hits as "+format+"\n" {
			t.Errorf("export %s: %v %q", format, err, stderr)
		}
		var n int
		switch format {
		case corpus.ExportTSV:
			d, err := corpus.ReadTSV("x.tsv", []byte(out))
			if err == nil {
				n = len(d.Units)
			}
		case corpus.ExportCSV:
			d, err := corpus.ReadCSV("x.csv", []byte(out))
			if err == nil {
				n = len(d.Units)
			}
		case corpus.ExportJSONL:
			d, err := corpus.ReadJSONL("x.jsonl", []byte(out))
			if err == nil {
				n = len(d.Units)
			}
		case corpus.ExportTMX:
			docs, err := corpus.ReadTMX("x.tmx", bytes.NewReader([]byte(out)))
			if err == nil {
				n = len(docs[0].Units)
			}
		}
		if n != 26 {
			t.Errorf("the %s export reads back as %d units", format, n)
		}
	}
	_, stderr, _ := runCmd(t, "search", "-index", dir, "-format", "tsv", "-limit", "4", "-pairs", "sentence", "知识产权")
	if !strings.Contains(stderr, "exported the first 4 of 26 hits (their matched sentence pairs) as tsv: the limit") {
		t.Errorf("a capped export says %q", stderr)
	}

	// fuzzy matches
	out, _, err = runCmd(t, "similar", "-index", dir, "全省共有62件知识产权案件适用惩罚性赔偿严惩违法,全年最高判赔数额达3.17亿元。")
	if err != nil || !regexp.MustCompile(`(?m)^ 9\d%  guangdong-ipr-2023/8 `).MatchString(out) || !strings.Contains(out, "[侵权]") || !strings.Contains(out, "en: 62 intellectual property cases") {
		t.Errorf("similar: %v\n%s", err, out)
	}
	out, _, _ = runCmd(t, "similar", "-index", dir, "-min", "100", "全省共有62件知识产权案件适用惩罚性赔偿严惩违法")
	if !strings.HasPrefix(out, "No translated segment is 100 % or more like it") {
		t.Errorf("similar with nothing at 100 %%: %q", out)
	}

	for _, args := range [][]string{
		{"search", "-index", dir, "-format", "xls", "x"},
		{"search", "-index", dir, "-format", "tsv", "-limit", "0", "x"},
		{"search", "-index", dir, "-format", "tsv", "-pairs", "words", "x"},
		{"search", "-index", dir, "-kwic", "-sort", "sideways", "x"},
		{"similar", "-index", dir, "-n", "99", "x"},
		{"similar", "-index", dir, "-min", "101", "x"},
		{"similar", "-index", dir, "-lang", "fr", "x"},
		{"similar", "-index", dir},
	} {
		_, stderr, err := runCmd(t, args...)
		if exitCode(err) != 2 || !strings.HasPrefix(stderr, "bisearch "+args[0]+": ") {
			t.Errorf("%v: exit %d, %q", args, exitCode(err), stderr)
		}
	}
}

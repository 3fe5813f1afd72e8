package corpus

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var exportRecords = []Record{
	{ID: "d/0", Doc: "d", Seq: 0, Section: "一、总则", ZH: "第一条\t为了保护知识产权，制定本法。", EN: "Article 1\nThis Law is formulated to protect IPR.", Score: 1},
	{ID: "d/1", Doc: "d", Seq: 1, ZH: "=HYPERLINK(\"http://x\")", EN: "-2+3 is a formula to a spreadsheet", Score: 0.75},
	{ID: "d/2#1", Doc: "d", Seq: 2, ZH: "@SUM(A1)", EN: "+1 plus", Score: 0.9},
}

func export(t *testing.T, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewRecordWriter(&buf, format, "paragraph")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range exportRecords {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSpreadsheetSafe(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"=1+2": "'=1+2", "+1": "'+1", "-1": "'-1", "@x": "'@x", "\tx": "'\tx", "\rx": "'\rx",
		"知识产权": "知识产权", "a=b": "a=b", "": "", "'=x": "'=x",
	} {
		if got := SpreadsheetSafe(in); got != want {
			t.Errorf("SpreadsheetSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExportFormats(t *testing.T) {
	t.Parallel()
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	pairs := func(d *Doc) [][2]string {
		var out [][2]string
		for _, u := range d.Units {
			out = append(out, [2]string{flat(u.ZH), flat(u.EN)})
		}
		return out
	}
	var want [][2]string
	for _, r := range exportRecords {
		want = append(want, [2]string{flat(r.ZH), flat(r.EN)})
	}

	tsv := export(t, ExportTSV)
	lines := strings.Split(strings.TrimSuffix(string(tsv), "\n"), "\n")
	if len(lines) != 4 || lines[0] != "zh\ten\tid\tdoc\tsection\tscore" || strings.Count(lines[1], "\t") != 5 {
		t.Errorf("TSV: %q", lines)
	}
	d, err := ReadTSV("x.tsv", tsv)
	if err != nil || !cmp.Equal(want, pairs(d)) {
		t.Errorf("TSV read back: %v\n%s", err, cmp.Diff(want, pairs(d)))
	}

	csvb := export(t, ExportCSV)
	if !bytes.HasPrefix(csvb, []byte("\ufeffzh,en,id,doc,section,score\n")) {
		t.Errorf("CSV starts %q", csvb[:40])
	}
	for _, bad := range []string{`"=HYPERLINK`, `,-2+3`, `"-2+3`, `,@SUM`, `,+1 plus`} {
		if bytes.Contains(csvb, []byte(bad)) {
			t.Errorf("CSV holds a formula a spreadsheet would run: %s", bad)
		}
	}
	for _, ok := range []string{`'=HYPERLINK`, `'-2+3`, `'@SUM(A1)`, `'+1 plus`} {
		if !bytes.Contains(csvb, []byte(ok)) {
			t.Errorf("CSV lacks the neutralised cell %s", ok)
		}
	}
	d, err = ReadCSV("x.csv", csvb)
	if err != nil || len(d.Units) != 3 || d.Units[0].ZH != exportRecords[0].ZH {
		t.Errorf("CSV read back: %v %+v", err, d)
	}

	jl := export(t, ExportJSONL)
	var first Record
	if err := json.Unmarshal(bytes.SplitN(jl, []byte("\n"), 2)[0], &first); err != nil || !cmp.Equal(first, exportRecords[0]) {
		t.Errorf("JSONL first record %+v: %v", first, err)
	}
	d, err = ReadJSONL("x.jsonl", jl)
	if err != nil || !cmp.Equal(want, pairs(d)) {
		t.Errorf("JSONL read back: %v\n%s", err, cmp.Diff(want, pairs(d)))
	}

	tmx := export(t, ExportTMX)
	docs, err := ReadTMX("x.tmx", bytes.NewReader(tmx))
	if err != nil || len(docs) != 1 || docs[0].ID != "d" {
		t.Fatalf("TMX read back: %v %+v", err, docs)
	}
	if !cmp.Equal(want, pairs(docs[0])) || docs[0].Units[0].Section != "一、总则" || docs[0].Units[1].Score != 0.75 {
		t.Errorf("TMX read back: %+v", docs[0].Units)
	}
	if !bytes.Contains(tmx, []byte(`segtype="paragraph"`)) || !bytes.Contains(tmx, []byte(`tuid="d/2#1"`)) {
		t.Errorf("TMX header or ids: %s", tmx[:300])
	}

	if _, err := NewRecordWriter(&bytes.Buffer{}, "xls", ""); err == nil || !strings.Contains(err.Error(), "tsv, csv, jsonl, tmx") {
		t.Errorf("unknown format: %v", err)
	}
}

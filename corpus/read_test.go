package corpus

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadTSV(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    []Unit
		wantErr string
	}{
		{"zh first", "知识产权\tintellectual property\n海关\tcustoms\n", []Unit{
			{Seq: 0, ZH: "知识产权", EN: "intellectual property", Score: 1},
			{Seq: 1, ZH: "海关", EN: "customs", Score: 1},
		}, ""},
		{"en first with header and attribution", "en\tzh\tsource\nHi.\t你好。\t#1\n\n", []Unit{
			{Seq: 0, ZH: "你好。", EN: "Hi.", Score: 1},
		}, ""},
		{"one side empty", "知识产权\t\n", []Unit{{Seq: 0, ZH: "知识产权"}}, ""},
		{"no tab", "知识产权\tIP\n只有中文\n", nil, "x.tsv:2: no tab"},
		{"no chinese", "a\tb\n", nil, "no column holds Chinese"},
		{"empty", "\n\n", nil, "no text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ReadTSV("x.tsv", []byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, d.Units); diff != "" {
				t.Errorf("units (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadJSONL(t *testing.T) {
	t.Parallel()
	d, err := ReadJSONL("x.jsonl", []byte(`{"zh": "海关", "en": "customs"}`+"\n\n"+`{"zh": "乡村振兴", "en": null}`+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Unit{{Seq: 0, ZH: "海关", EN: "customs", Score: 1}, {Seq: 1, ZH: "乡村振兴"}}
	if diff := cmp.Diff(want, d.Units); diff != "" {
		t.Errorf("units (-want +got):\n%s", diff)
	}
	for in, wantErr := range map[string]string{
		`{"zh": "海关"`:                     "x.jsonl:1: invalid",
		"{\"zh\":\"a\"}\n{\"zh\": 3}":     `x.jsonl:2: field "zh" is a JSON number, not a string`,
		`{"zh":"a"} {"zh":"b"}`:           "x.jsonl:1: more than one",
		"":                                "no records",
		`{"zh": "", "en": ""}`:            "no records",
		"\xff\xfe\x00\x00garbage\x00\x81": "x.jsonl",
	} {
		if _, err := ReadJSONL("x.jsonl", []byte(in)); err == nil || !strings.Contains(err.Error(), wantErr) {
			t.Errorf("ReadJSONL(%q) err = %v, want %q", in, err, wantErr)
		}
	}
}

func TestLoadFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "report.zh.txt"), "海关执法。\n\n知识产权保护。\n")
	mustWrite(t, filepath.Join(dir, "report.en.txt"), "Customs enforcement.\n\nProtection of intellectual property.\n")
	mustWrite(t, filepath.Join(dir, "terms.tsv"), "海关\tcustoms\n")
	mustWrite(t, filepath.Join(dir, "sub", "terms.tsv"), "专利\tpatent\n")
	mustWrite(t, filepath.Join(dir, "broken.jsonl"), "{not json\n")
	mustWrite(t, filepath.Join(dir, "notes.pdf"), "ignored")
	mustWrite(t, filepath.Join(dir, ".hidden", "x.tsv"), "隐藏\thidden\n")
	docs, problems, err := Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	// name order: report.*, sub/terms.tsv, terms.tsv; the later "terms" gets -2
	if diff := cmp.Diff([]string{"report", "terms", "terms-2"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if docs[2].Units[0].EN != "customs" {
		t.Errorf("terms-2 is %q, want the top-level terms.tsv", docs[2].Source)
	}
	if len(problems) != 1 || !strings.Contains(problems[0].Error(), "broken.jsonl:1") {
		t.Errorf("problems = %v, want one naming broken.jsonl:1", problems)
	}
	if docs[0].Aligned() != 2 {
		t.Errorf("paired files aligned %d units, want 2: %+v", docs[0].Aligned(), docs[0].Units)
	}
	if _, _, err := Load(context.Background(), filepath.Join(dir, "missing")); err == nil {
		t.Error("Load of a missing path did not fail")
	}
}

func TestTSVEnglishOnlyFirstRow(t *testing.T) {
	t.Parallel()
	d, err := ReadTSV("x.tsv", []byte("\tI. General Provisions\n知识产权\tintellectual property\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Units) != 2 || d.Units[0].EN != "I. General Provisions" {
		t.Errorf("units = %+v: an English-only first row is not a header", d.Units)
	}
}

func TestReadCSV(t *testing.T) {
	t.Parallel()
	in := "English,Chinese,Note\n\"Customs, enforcement\",海关执法,x\n\"He said \"\"hi\"\"\",他说“你好”,\n\"Two\nlines\",两行,\n"
	d, err := ReadCSV("x.csv", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Unit{
		{Seq: 0, ZH: "海关执法", EN: "Customs, enforcement", Score: 1},
		{Seq: 1, ZH: "他说“你好”", EN: `He said "hi"`, Score: 1},
		{Seq: 2, ZH: "两行", EN: "Two\nlines", Score: 1},
	}
	if diff := cmp.Diff(want, d.Units); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for in, want := range map[string]string{
		"海关,customs\n只有一列\n": "x.csv:2: only one column",
		"":                   "no text",
	} {
		if _, err := ReadCSV("x.csv", []byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadCSV(%q) = %v, want %q", in, err, want)
		}
	}
}

// TestJSONTypeErrors: a JSON file of the wrong shape is reported with the
// offending value's kind and what was wanted, never an empty word.
func TestJSONTypeErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body, want string
	}{
		{"garbage.json", `{"doc": "x"}`, "garbage.json:1: the file holds a JSON object (want an array of {doc, seq, zh, en, score}"},
		{"garbage.json", `[{"doc": "x", "zh": 5}]`, `garbage.json:1: field "zh" is a JSON number, not a string`},
		{"garbage.json", "[\n{\"doc\": \"x\", \"seq\": \"one\"}]", `garbage.json:2: field "seq" is a JSON string, not a whole number`},
		{"lines.jsonl", "{\"zh\": \"海关\", \"en\": \"customs\"}\n{\"zh\": [1], \"en\": \"x\"}\n", `lines.jsonl:2: field "zh" is a JSON array, not a string`},
	}
	for _, tt := range tests {
		format, _ := FormatOf(tt.name)
		_, err := ReadDocs(tt.name, format, []byte(tt.body))
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "  ") {
			t.Errorf("%s %q: %v, want %q", tt.name, tt.body, err, tt.want)
		}
	}
}

// TestCSVUnclosedQuote: a quote never closed is reported where it opens,
// not read as one pair swallowing the rest of the file.
func TestCSVUnclosedQuote(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("zh,en\n海关,\"customs\n")
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&b, "专利%d,patent %d\n", i, i)
	}
	_, err := ReadCSV("bad.csv", []byte(b.String()))
	if err == nil || !strings.Contains(err.Error(), "bad.csv:2: unclosed quote") {
		t.Errorf("unclosed quote: %v", err)
	}
	// a quoted field over a few lines is fine
	d, err := ReadCSV("ok.csv", []byte("海关,\"customs\nand excise\"\n专利,patent\n"))
	if err != nil || len(d.Units) != 2 {
		t.Errorf("a field over two lines: %v", err)
	}
	_, err = ReadCSV("one.csv", []byte("海关\n"))
	if err == nil || !strings.Contains(err.Error(), "only one column") {
		t.Errorf("one column: %v", err)
	}
}

func TestIDFromName(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"../shared/seed/guangdong-ipr-2023.txt": "guangdong-ipr-2023",
		"corpus/Report 2024.zh.txt":             "report-2024",
		"tm/Bundle_en_zh-CN.tsv":                "bundle_en_zh-cn",
		`C:\docs\法规.jsonl`:                      "法规",
		"...":                                   "doc",
	}
	for in, want := range tests {
		if got := IDFromName(in); got != want {
			t.Errorf("IDFromName(%q) = %q, want %q", in, got, want)
		}
	}
}

package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bisearch/bisearch/corpus"
)

// TestAlignLines: -lines sentence aligns one sentence a line with 1–3
// pairs, -lines paragraph cannot (a sentence is left over), and auto tells
// the lines are sentences; a bad value is a usage error.
func TestAlignLines(t *testing.T) {
	dir := t.TempDir()
	zh := "今天早上我们去了市场。\n市场上有很多新鲜的水果和蔬菜，价格也很便宜，我们买了苹果、香蕉和西红柿。\n然后我们回家做午饭。\n下午我们在公园散步。\n晚上我们看了一部电影。\n"
	en := "This morning we went to the market.\nThe market had a lot of fresh fruit and vegetables.\nThe prices were low.\nWe bought apples, bananas and tomatoes.\nThen we went home to cook lunch.\nIn the afternoon we walked in the park.\nIn the evening we watched a film.\n"
	for name, text := range map[string]string{"day.zh.txt": zh, "day.en.txt": en} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	three := "市场上有很多新鲜的水果和蔬菜，价格也很便宜，我们买了苹果、香蕉和西红柿。\tThe market had a lot of fresh fruit and vegetables. The prices were low. We bought apples, bananas and tomatoes.\n"
	for _, tt := range []struct {
		lines string
		want  bool // the 1–3 pair
		units int
	}{
		{"sentence", true, 5},
		{"auto", true, 5},
		{"paragraph", false, 6},
	} {
		out, _, err := runCmd(t, "align", "-lines", tt.lines, filepath.Join(dir, "day.zh.txt"), filepath.Join(dir, "day.en.txt"))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(out, three); got != tt.want || strings.Count(out, "\n") != tt.units {
			t.Errorf("-lines %s: 1–3 pair %v, want %v; %d units, want %d:\n%s", tt.lines, got, tt.want, strings.Count(out, "\n"), tt.units, out)
		}
	}
	// an incremental index reads the files again when -lines changes how
	// they are aligned, and not when it does not
	idx := filepath.Join(t.TempDir(), "index")
	for _, tt := range []struct{ lines, want string }{
		{"auto", "1 files added"},
		{"paragraph", "0 files added, 1 updated"},
		{"paragraph", "1 unchanged"},
		{"auto", "1 updated"},
	} {
		out, _, err := runCmd(t, "index", "-index", idx, "-lines", tt.lines, "-corpus", dir)
		if err != nil || !strings.Contains(out, tt.want) {
			t.Errorf("index -lines %s: %v, want %q in %s", tt.lines, err, tt.want, out)
		}
	}
	// standard error says how the lines were read, and what came out
	for _, tt := range []struct{ lines, want string }{
		{"auto", "day: lines read as sentences (-lines paragraph reads them as paragraphs): 5 pairs, 0 uncertain (confidence below 0.7); 0 Chinese and 0 English lines unpaired"},
		{"paragraph", "day: lines read as paragraphs (-lines sentence reads them as sentences): 5 pairs, "},
	} {
		_, stderr, err := runCmd(t, "align", "-lines", tt.lines, dir)
		if err != nil || !strings.Contains(stderr, tt.want) {
			t.Errorf("align -lines %s: %v, standard error %q, want %q", tt.lines, err, stderr, tt.want)
		}
	}
	// the Chinese a sentence a line, the English a paragraph: each
	// paragraph pairs with its sentences
	mixed := t.TempDir()
	os.WriteFile(filepath.Join(mixed, "day.zh.txt"), []byte(zh), 0o644)
	os.WriteFile(filepath.Join(mixed, "day.en.txt"), []byte("This morning we went to the market. The market had a lot of fresh fruit and vegetables. The prices were low. We bought apples, bananas and tomatoes.\nThen we went home to cook lunch. In the afternoon we walked in the park. In the evening we watched a film.\n"), 0o644)
	out, stderr, err := runCmd(t, "align", mixed)
	if err != nil || !strings.Contains(stderr, "day: Chinese lines read as sentences, English as paragraphs (-lines reads both alike): 2 pairs, 0 uncertain") || strings.Count(out, "\n") != 2 {
		t.Errorf("Chinese sentences against English paragraphs: %v, %q\n%s", err, stderr, out)
	}
	_, stderr, err = runCmd(t, "align", "-lines", "verse", filepath.Join(dir, "day.zh.txt"))
	if exitCode(err) != 2 || !strings.Contains(stderr, "want auto, paragraph or sentence") {
		t.Errorf("-lines verse: exit %d, %q", exitCode(err), stderr)
	}
}

func TestAlign(t *testing.T) {
	p := samplePath(t)
	out, _, err := runCmd(t, "align", "-format", "json", p)
	if err != nil {
		t.Fatal(err)
	}
	var units []corpus.AlignedRecord
	if err := json.Unmarshal([]byte(out), &units); err != nil {
		t.Fatal(err)
	}
	paired := 0
	for _, u := range units {
		if u.Doc != "guangdong-ipr-2023" {
			t.Fatalf("doc = %q", u.Doc)
		}
		if u.ZH != nil && u.EN != nil {
			paired++
		}
	}
	if len(units) != 36 || paired != 13 {
		t.Errorf("%d units, %d paired; want 36 and 13", len(units), paired)
	}
	out, _, err = runCmd(t, "align", p)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out, "\n"); n != 36 {
		t.Errorf("tsv has %d lines, want 36", n)
	}
	out, _, err = runCmd(t, "align", "-format", "tmx", p)
	if err != nil {
		t.Fatal(err)
	}
	var tmx struct {
		TUs []struct {
			TUVs []struct {
				Lang string `xml:"lang,attr"`
				Seg  string `xml:"seg"`
			} `xml:"tuv"`
		} `xml:"body>tu"`
	}
	if err := xml.Unmarshal([]byte(out), &tmx); err != nil {
		t.Fatalf("tmx does not parse: %v", err)
	}
	if len(tmx.TUs) != 36 || len(tmx.TUs[1].TUVs) != 2 || !strings.HasPrefix(tmx.TUs[1].TUVs[1].Seg, "In 2023, Guangdong") {
		t.Errorf("tmx = %d units, second %+v", len(tmx.TUs), tmx.TUs[1])
	}
}

// TestAlignRoundTrip exports the sample's alignment, reads the export back
// and exports it again: JSON and TMX come back unchanged, and so does TSV
// (the sample has no multi-paragraph units); the export indexes and searches.
func TestAlignRoundTrip(t *testing.T) {
	p := samplePath(t)
	for _, format := range []string{"json", "tmx", "tsv"} {
		t.Run(format, func(t *testing.T) {
			first, _, err := runCmd(t, "align", "-format", format, p)
			if err != nil {
				t.Fatal(err)
			}
			export := filepath.Join(t.TempDir(), "guangdong-ipr-2023."+format)
			if err := os.WriteFile(export, []byte(first), 0o644); err != nil {
				t.Fatal(err)
			}
			second, stderr, err := runCmd(t, "align", "-format", format, export)
			if err != nil {
				t.Fatal(err)
			}
			if stderr != "" {
				t.Errorf("an export that came aligned has nothing to say on standard error, got %q", stderr)
			}
			if first != second {
				t.Errorf("the export changed on the way back:\n%s", firstDiff(first, second))
			}
			dir := filepath.Join(t.TempDir(), "index")
			if _, _, err := runCmd(t, "index", "-index", dir, "-corpus", export); err != nil {
				t.Fatal(err)
			}
			out, _, err := runCmd(t, "search", "-index", dir, "-json", "惩罚性赔偿")
			if err != nil || !strings.Contains(out, `"total": 1`) || !strings.Contains(out, "punitive damages") {
				t.Errorf("searching the re-indexed export: %v %s", err, out)
			}
		})
	}
}

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
			second, _, err := runCmd(t, "align", "-format", format, export)
			if err != nil {
				t.Fatal(err)
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

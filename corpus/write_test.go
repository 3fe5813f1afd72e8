package corpus

import (
	"bytes"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestWriteRoundTrip writes the sample's alignment with each writer and
// reads it back with the matching reader: the same pairs (TSV), and the
// same documents, confidences and sections (aligned JSON, TMX).
func TestWriteRoundTrip(t *testing.T) {
	t.Parallel()
	doc, err := Sample()
	if err != nil {
		t.Fatal(err)
	}
	type pair struct {
		ZH, EN, Section string
		Score           float64
	}
	pairs := func(d *Doc, keepSection, keepScore bool) []pair {
		var out []pair
		for _, u := range d.Units {
			p := pair{ZH: u.ZH, EN: u.EN}
			if keepSection {
				p.Section = u.Section
			}
			if keepScore {
				p.Score = math.Round(u.Score*1000) / 1000
			}
			out = append(out, p)
		}
		return out
	}
	for _, tt := range []struct {
		name                 string
		write                func(*bytes.Buffer) error
		read                 func([]byte) ([]*Doc, error)
		keepSection, keepIDs bool
		keepScore            bool
	}{
		{"tsv", func(b *bytes.Buffer) error { return WriteTSV(b, []*Doc{doc}) },
			func(b []byte) ([]*Doc, error) { d, err := ReadTSV("sample.tsv", b); return []*Doc{d}, err }, false, false, false},
		{"json", func(b *bytes.Buffer) error { return WriteAlignedJSON(b, []*Doc{doc}) },
			func(b []byte) ([]*Doc, error) { return ReadAlignedJSON("sample.json", b) }, false, true, true},
		{"tmx", func(b *bytes.Buffer) error { return WriteTMX(b, []*Doc{doc}) },
			func(b []byte) ([]*Doc, error) { return ReadTMX("sample.tmx", bytes.NewReader(b)) }, true, true, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.write(&buf); err != nil {
				t.Fatal(err)
			}
			docs, err := tt.read(buf.Bytes())
			if err != nil {
				t.Fatalf("reading back: %v", err)
			}
			if len(docs) != 1 || tt.keepIDs && docs[0].ID != doc.ID {
				t.Fatalf("%d documents, the first %q", len(docs), docs[0].ID)
			}
			want := pairs(doc, tt.keepSection, tt.keepScore)
			if !tt.keepScore {
				// the pre-aligned readers give a pair confidence 1
				for i := range want {
					if want[i].ZH != "" && want[i].EN != "" {
						want[i].Score = 1
					}
				}
			}
			got := pairs(docs[0], tt.keepSection, true)
			if !tt.keepScore {
				for i := range got {
					if got[i].ZH == "" || got[i].EN == "" {
						got[i].Score = 0
					}
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("read back (-wrote +read):\n%s", diff)
			}
			// and written again, byte for byte the same
			var again bytes.Buffer
			switch tt.name {
			case "tsv":
				err = WriteTSV(&again, docs)
			case "json":
				err = WriteAlignedJSON(&again, docs)
			case "tmx":
				err = WriteTMX(&again, docs)
			}
			if err != nil || tt.keepScore && !bytes.Equal(again.Bytes(), buf.Bytes()) {
				t.Errorf("written again differs (%v)", err)
			}
		})
	}
}

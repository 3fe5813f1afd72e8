package indexer

import (
	"strings"
	"testing"
)

func TestReadingAids(t *testing.T) {
	ix := mustBuild(t, mustSample(t))
	tests := []struct {
		q           string
		matched     string // side holding the match
		shadedOther string // text inside the shaded sentence on the other side
		trOther     string // a translation equivalent marked on the other side
	}{
		{"惩罚性赔偿", "zh", "subject to punitive damages", "punitive"},
		{"customs", "en", "省内海关开展", "海关"},
		{"海关", "zh", "customs in Guangdong seized", "customs"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			r := mustSearch(t, ix, Query{Text: tt.q, Size: 1})
			if len(r.Hits) == 0 {
				t.Fatal("no hit")
			}
			h := r.Hits[0]
			own, other := h.ZH, h.EN
			if tt.matched == "en" {
				own, other = h.EN, h.ZH
			}
			for _, s := range []*Side{own, other} {
				if len(s.Sentences) == 0 {
					t.Fatalf("no sentences on a side of %s", h.ID)
				}
				last := 0
				for _, sent := range s.Sentences {
					if sent.Start < last || sent.End > len(s.Text) || sent.Start >= sent.End {
						t.Fatalf("bad sentence %+v", sent)
					}
					last = sent.End
				}
			}
			// the other side's aligned indexes point at its sentences
			for _, sent := range own.Sentences {
				for _, j := range sent.Aligned {
					if j < 0 || j >= len(other.Sentences) {
						t.Fatalf("aligned index %d out of %d", j, len(other.Sentences))
					}
				}
			}
			shaded := ""
			for _, sp := range other.Shaded {
				shaded += other.Text[sp.Start:sp.End] + " | "
			}
			if !strings.Contains(shaded, tt.shadedOther) {
				t.Errorf("shaded on the other side: %q, want it to hold %q", shaded, tt.shadedOther)
			}
			if !strings.Contains(other.HTML, `<mark class="tr">`+tt.trOther) {
				t.Errorf("no translation mark %q in %s", tt.trOther, other.HTML)
			}
			if !strings.Contains(own.HTML, `<span class="al">`) || !strings.Contains(own.HTML, "<mark>") {
				t.Errorf("the matched side lacks its shaded sentence or mark: %s", own.HTML)
			}
			// every translation mark lies inside a shaded sentence
			for _, e := range other.Equivalent {
				inside := false
				for _, sp := range other.Shaded {
					inside = inside || sp.Start <= e.Start && e.End <= sp.End
				}
				if !inside {
					t.Errorf("translation mark %q outside the aligned sentences", other.Text[e.Start:e.End])
				}
			}
			wellFormed(t, own.Text, own.HTML)
			wellFormed(t, other.Text, other.HTML)
		})
	}
	// an unpaired unit keeps its plain highlight
	r := mustSearch(t, ix, Query{Text: "乡村振兴"})
	if h := r.Hits[0]; h.ZH.HTML != h.ZH.Highlight || len(h.ZH.Sentences) != 0 {
		t.Errorf("unpaired unit: html %q, %d sentences", h.ZH.HTML, len(h.ZH.Sentences))
	}
}

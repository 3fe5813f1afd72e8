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

func TestAssocCounter(t *testing.T) {
	c := newAssocCounter()
	for i := 0; i < 5; i++ {
		c.add("我喜欢图书馆。", "I like the library.")
		c.add("他去学校。", "He goes to school.")
	}
	c.add("我喜欢学校。", "I like school.")
	a := c.result()
	for zh, want := range map[string]string{"图书馆": "librar", "学校": "school"} {
		if got := a.ZH[zh]; len(got) == 0 || got[0] != want {
			t.Errorf("%s → %v, want %s first", zh, got, want)
		}
	}
	if got := a.EN["librar"]; len(got) == 0 || got[0] != "图书馆" {
		t.Errorf("librar → %v", got)
	}
	if got := a.ZH["喜欢"]; len(got) > 0 && got[0] == "librar" {
		t.Errorf("喜欢 → %v: a word seen with everything is not a translation", got)
	}
}

func TestLearnedEquivalents(t *testing.T) {
	ix := mustBuild(t, tatoeba(t))
	a := ix.associations()
	for zh, want := range map[string]string{"图书馆": "librar", "医生": "doctor", "天气": "weathe"} {
		if got := a.ZH[zh]; len(got) == 0 || got[0] != want {
			t.Errorf("learned %s → %v, want %s", zh, got, want)
		}
	}
	r := mustSearch(t, ix, Query{Text: "图书馆", Size: 20})
	marked := 0
	for _, h := range r.Hits {
		if strings.Contains(strings.ToLower(h.EN.HTML), `<mark class="tr">librar`) {
			marked++
		}
	}
	if marked < len(r.Hits)/2 {
		t.Errorf("only %d of %d hits mark library as the translation of 图书馆", marked, len(r.Hits))
	}
}

package corpus

import (
	"testing"
)

func TestCEDICT(t *testing.T) {
	t.Parallel()
	d := CEDICT()
	if len(d.words) < 150_000 {
		t.Fatalf("%d headwords loaded, want the whole dictionary (simplified and traditional)", len(d.words))
	}
	tests := []struct {
		zh, en string
		min    float64
		max    float64
	}{
		{"强化知识产权海关执法", "Customs enforcement of intellectual property rights has been strengthened", 0.5, 1},
		{"惩罚性赔偿", "punitive damages", 0.5, 1},
		{"惩罚性赔偿", "the weather was sunny in Shenzhen", 0, 0.01},
		{"知識產權", "intellectual property", 0.5, 1},
	}
	for _, tt := range tests {
		got := overlap(d.ChineseStems(tt.zh), d.EnglishStems(tt.en))
		if got < tt.min || got > tt.max {
			t.Errorf("overlap(%s, %s) = %.2f, want in [%.2f, %.2f]", tt.zh, tt.en, got, tt.min, tt.max)
		}
	}
	for w, want := range map[string]string{"Protections": "protec", "cases": "case", "policies": "policy", "People's": "people", "class": "class"} {
		if got := stem(w); got != want {
			t.Errorf("stem(%q) = %q, want %q", w, got, want)
		}
	}
}

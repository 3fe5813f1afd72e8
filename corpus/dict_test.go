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
		// British spellings meet the glosses' American ones
		{"颜色", "colours", 0.99, 1},
		{"市中心的剧院", "the theatre in the city centre", 0.99, 1},
		{"荣誉", "honour", 0.99, 1},
		{"灰色", "grey", 0.99, 1},
		// a verb's past and -ing forms meet its gloss
		{"他说", "he said", 0.99, 1},
		{"举起", "lifted", 0.99, 1},
		{"微笑", "smiling", 0.99, 1},
		{"停止", "stopped", 0.99, 1},
		// an adverb meets the gloss of its adjective or verb
		{"希望", "hopefully", 0.99, 1},
		{"安静", "quietly", 0.99, 1},
		{"容易", "easily", 0.99, 1},
	}
	for _, tt := range tests {
		got := overlap(d.ChineseStems(tt.zh), d.EnglishStems(tt.en))
		if got < tt.min || got > tt.max {
			t.Errorf("overlap(%s, %s) = %.2f, want in [%.2f, %.2f]", tt.zh, tt.en, got, tt.min, tt.max)
		}
	}
	for w, want := range map[string]string{"Protections": "protec", "cases": "case", "policies": "policy", "People's": "people", "class": "class",
		"Colours": "color", "neighbourhood": "neighb", "defence": "defens", "grey": "gray", "greyhound": "grayho", "four": "four", "hour": "hour", "Tours": "tour",
		"lifted": "lift", "stopped": "stop", "hoped": "hope", "hopped": "hop", "walking": "walk", "making": "make", "running": "run",
		"watches": "watch", "boxes": "box", "passes": "pass", "cried": "cry", "died": "die", "used": "use", "said": "say", "went": "go",
		"setting": "set", "settings": "set", "buildings": "build", "bring": "bring", "thing": "thing", "shed": "shed", "news": "news", "agreed": "agreed", "bus": "bus", "menus": "menu",
		"quietly": "quiet", "hopefully": "hope", "happily": "happy", "really": "real", "finally": "final", "simply": "simple",
		"family": "family", "supply": "supply", "assembly": "assemb", "likely": "likely", "only": "only", "early": "early"} {
		if got := stem(w); got != want {
			t.Errorf("stem(%q) = %q, want %q", w, got, want)
		}
	}
}

package corpus

import (
	"slices"
	"testing"
)

// TestNames: Latin spellings of Chinese names (pinyin with or without
// hyphens and apostrophes, Wade–Giles) are read as the syllables the
// Chinese characters spell; English words that are no pinyin are not.
func TestNames(t *testing.T) {
	t.Parallel()
	d := CEDICT()
	for _, tt := range []struct {
		en, zh string
		want   bool // the name is found on both sides
	}{
		{"Wei Xiaobao drew his sword.", "韦小宝拔出剑来。", true},
		{"Jia Yu-cun was a scholar.", "贾雨村是个读书人。", true},
		{"Chairman Mao Tse-tung spoke.", "毛泽东主席讲话了。", true},
		{"Xi'an is an old city.", "西安是一座古城。", true},
		{"Lǚ Bu rode out.", "吕布骑马出去。", true},
		{"Hsu Chih-mo wrote poems.", "徐志摩写诗。", true},
		{"Xiaobao laughed.", "他笑了。", false},
		{"The Bible was printed.", "圣经印出来了。", false},
		{"We met in London.", "我们在伦敦见面。", false},
		{"Like…", "要命，哈哈", false},            // an English word is no name
		{"Make sure of it.", "马克来了。", false}, // …
		{"Take a look.", "塔科马到了。", false},
		{"Kenji Miyazawa wrote it.", "根基很深。", false}, // Wade–Giles only beside a hyphen
	} {
		names := d.englishNames(tt.en)
		keys := map[string]bool{}
		for _, k := range names {
			keys[k] = true
		}
		found := d.chineseNames(tt.zh, keys, namePrefixes(keys))
		if got := len(found) > 0; got != tt.want {
			t.Errorf("%q ↔ %q: English names %v, found in the Chinese %v; want found %v", tt.en, tt.zh, names, found, tt.want)
		}
	}
	if got := d.englishNames("the Greater Bay Area and WIPO"); len(got) != 0 {
		t.Errorf("names in plain English: %v", got)
	}
	if got := d.splitSyllables("xiaobao", false); !slices.ContainsFunc(got, func(s []string) bool { return slices.Equal(s, []string{"xiao", "bao"}) }) {
		t.Errorf("xiaobao splits as %v", got)
	}
}

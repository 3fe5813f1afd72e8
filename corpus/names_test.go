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
		{"Kenji Miyazawa wrote it.", "根基很深。", false}, // Wade–Giles only beside a hyphen …
		{"Lu Hsun wrote stories.", "鲁迅写小说。", true},   // … or a word that is no pinyin
		// surnames and given names the glosses write only capitalised
		// ("Jia Baoyu", "Xifeng county") are names, not English words
		{"Jia Zheng sent for him.", "贾政叫他来。", true},
		{"Wang Xifeng laughed.", "王熙凤笑了。", true},
		{"Xifeng laughed.", "王熙凤笑了。", true},
		// an English word in a run with a name (Sun), or in a run of
		// one-syllable words (Zhang Fei), is read as part of the name
		{"Sun Wukong flew off.", "孙悟空飞走了。", true},
		{"Zhang Fei roared.", "张飞大吼。", true},
		{"Old Mrs Jia smiled.", "贾母笑了。", false},    // one syllable alone is no key
		{"The Long March began.", "长征开始了。", false}, // an English word alone is no name
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

// TestNamesAcross: a run of capitalised words ends at a mark (a list of
// names is several names), one name gives one key on the English side,
// and a name the dictionary has as a word glossed by the English (青海 ↔
// Qinghai) is left to the dictionary, which counts it already.
func TestNamesAcross(t *testing.T) {
	t.Parallel()
	d := CEDICT()
	if got := d.englishNames("Liu Bei, Guan Yu"); slices.Contains(got, "bei guan") || slices.Contains(got, "liu bei guan yu") ||
		!slices.Contains(got, "liu bei") || !slices.Contains(got, "guan yu") {
		t.Errorf("a list of two names read as %v", got)
	}
	zh := paras(ZH, "羊行屮来到青海。", "羊行屮是他的笔名。")
	en := paras(EN, "Yang Xingche came to Qinghai.", "Yang Xingche is his pen name.")
	fz := []features{featuresOf(zh[0], ZH, d), featuresOf(zh[1], ZH, d)}
	fe := []features{featuresOf(en[0], EN, d), featuresOf(en[1], EN, d)}
	namesAcross(zh, en, fz, fe, d)
	if !slices.Equal(fe[0].anchors.names, []string{"yang xing che"}) {
		t.Errorf("English names %v, want the one name once", fe[0].anchors.names)
	}
	if !slices.Contains(fz[0].anchors.names, "yang xing che") || slices.Contains(fz[0].anchors.names, "qing hai") {
		t.Errorf("Chinese names %v, want yang xing che and not the dictionary's Qinghai", fz[0].anchors.names)
	}
	internAnchors(fz, fe)
	if n := common(fz[0].ids.names, fe[0].ids.names); n != 1 {
		t.Errorf("the pair shares %d names, want 1", n)
	}
}

// TestWadeGilesText: a text whose names are Wade–Giles by their own words,
// which the Chinese holds (Lu Hsun ↔ 鲁迅, Tsao Tsao ↔ 曹操), has the rest
// read so too (Kuan Yü, whose words are pinyin as well: kuan yu); a text
// without any has not, nor one whose only hyphens join pinyin
// (Guangdong-Hong Kong-Macao, Xi'an), nor one whose words that read only as
// Wade–Giles are Japanese names the Chinese does not hold (Tsuyoshi,
// Mitsubishi).
func TestWadeGilesText(t *testing.T) {
	t.Parallel()
	d := CEDICT()
	shared := func(zhs, ens []string) int {
		zh, en := paras(ZH, zhs...), paras(EN, ens...)
		var fz, fe []features
		for k := range zh {
			fz = append(fz, featuresOf(zh[k], ZH, d))
			fe = append(fe, featuresOf(en[k], EN, d))
		}
		namesAcross(zh, en, fz, fe, d)
		internAnchors(fz, fe)
		last := len(fz) - 1
		return common(fz[last].ids.names, fe[last].ids.names)
	}
	wg := shared([]string{"鲁迅写小说。", "曹操笑了。", "关羽骑马出去。"},
		[]string{"Lu Hsun wrote stories.", "Tsao Tsao laughed.", "Kuan Yü rode out."})
	if wg != 1 {
		t.Errorf("Kuan Yü in a Wade–Giles text shares %d names with 关羽, want 1", wg)
	}
	for _, ens := range [][]string{{"Confucius said.", "Mencius said.", "Kuan Yü rode out."},
		{"The Guangdong-Hong Kong-Macao Greater Bay Area grew.", "Xi'an is an old city.", "Kuan Yü rode out."},
		{"Tsuyoshi Hachimura spoke.", "Mitsubishi grew.", "Kuan Yü rode out."}} {
		if plain := shared([]string{"孔子说。", "孟子说。", "关羽骑马出去。"}, ens); plain != 0 {
			t.Errorf("Kuan Yü after %q shares %d names with 关羽, want 0", ens[:2], plain)
		}
	}
}

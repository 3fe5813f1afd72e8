package corpus

import (
	"testing"
)

func TestDetectLang(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		want     Lang
		ok       bool
	}{
		{"chinese", "加强统筹谋划。", ZH, true},
		{"chinese with acronyms", "在世界知识产权组织(WIPO)总干事见证下,签署MOU", ZH, true},
		{"english", "IP serves the development of the Greater Bay Area.", EN, true},
		{"english with one chinese name", "The court of 广州 ruled in favour of the plaintiff in a long case.", EN, true},
		{"numbers only", "2023 — 57.4%", "", false},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := DetectLang(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("DetectLang(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

package indexer

import (
	"context"
	"fmt"
	"testing"
)

func TestScratch(t *testing.T) {
	ix := mustBuild(t, mustSample(t))
	for _, q := range []string{"zh:保护 -en:protection", "zh:保护 -en:IPR", "customs OR 海关", "protect*", "知識產權 保護", "ＷＩＰＯ", "1,926", "57.4%", "\"Greater Bay Area\"", "Law-based", "People's Court", "WIPO 仲裁", "-海关", "a OR", "\"abc", "doc:guangdong-ipr-2023 海关", "p*", "知识产权 保护", "Supreme People’s Court"} {
		r, err := ix.Search(context.Background(), Query{Text: q, Size: 3})
		if err != nil {
			fmt.Println(q, "ERR", err)
			continue
		}
		fmt.Println(q, r.Total)
		for _, h := range r.Hits {
			s := ""
			if h.EN != nil && len(h.EN.Spans) > 0 {
				s = h.EN.Text[h.EN.Spans[0].Start:h.EN.Spans[0].End]
			}
			z := ""
			if h.ZH != nil && len(h.ZH.Spans) > 0 {
				z = h.ZH.Text[h.ZH.Spans[0].Start:h.ZH.Spans[0].End]
			}
			fmt.Printf("   %s %.3f %v zh=%q en=%q\n", h.ID, h.Score, h.Matched, z, s)
		}
	}
}

package corpus

import (
	"fmt"
	"strings"
)

// Paragraphs splits decoded text into paragraphs, one per non-empty line, and
// tells each one's language and whether it is a heading. A line without
// letters (only numbers or punctuation) takes the language of the paragraph
// before it (Chinese at the start), so nothing is dropped.
func Paragraphs(text string) []Paragraph {
	var out []Paragraph
	prev := ZH
	for i, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		lang, ok := DetectLang(t)
		if !ok {
			lang = prev
		}
		prev = lang
		out = append(out, Paragraph{Text: t, Lang: lang, Heading: IsHeading(t, lang), Line: i + 1})
	}
	return out
}

// ReadBilingual reads a bilingual plain-text document: one paragraph per
// non-empty line, Chinese and English paragraphs in any arrangement, and
// aligns its Chinese paragraphs with its English ones.
func ReadBilingual(name string, data []byte) (*Doc, error) {
	text, err := Decode(name, data)
	if err != nil {
		return nil, err
	}
	if err := checkLines(name, text); err != nil {
		return nil, err
	}
	return alignParagraphs(name, Paragraphs(text))
}

// ReadPair reads a document kept as two files, NAME.zh.txt and NAME.en.txt,
// one paragraph per non-empty line each, and aligns them.
func ReadPair(zhName string, zhData []byte, enName string, enData []byte) (*Doc, error) {
	zt, err := Decode(zhName, zhData)
	if err != nil {
		return nil, err
	}
	et, err := Decode(enName, enData)
	if err != nil {
		return nil, err
	}
	if err := checkLines(zhName, zt); err != nil {
		return nil, err
	}
	if err := checkLines(enName, et); err != nil {
		return nil, err
	}
	return pairDoc(IDFromName(zhName), zhName, Paragraphs(zt), enName, Paragraphs(et))
}

// pairDoc aligns the paragraphs of a Chinese and an English file: each
// file's paragraphs count as its language.
func pairDoc(id, zhName string, zh []Paragraph, enName string, en []Paragraph) (*Doc, error) {
	for i := range zh {
		zh[i].Lang = ZH
		zh[i].Heading = zh[i].Heading || IsHeading(zh[i].Text, ZH)
	}
	for i := range en {
		en[i].Lang = EN
		en[i].Heading = en[i].Heading || IsHeading(en[i].Text, EN)
	}
	if len(zh) == 0 && len(en) == 0 {
		return nil, fmt.Errorf("%s, %s: no text", zhName, enName)
	}
	doc := &Doc{ID: id, Source: zhName + " + " + enName}
	doc.Units, doc.Lines = AlignLines(zh, en)
	doc.Title = titleOf(append(zh[:len(zh):len(zh)], en...), doc.ID)
	return doc, nil
}

// titleOf is the document's first paragraph when that is a heading, else the id.
func titleOf(paras []Paragraph, id string) string {
	if len(paras) > 0 && paras[0].Heading {
		return paras[0].Text
	}
	return id
}

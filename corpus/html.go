package corpus

import (
	"fmt"
	"path/filepath"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// block elements whose text is a paragraph when they hold no other block
var htmlBlocks = map[atom.Atom]bool{
	atom.P: true, atom.Li: true, atom.Dd: true, atom.Dt: true, atom.Td: true, atom.Th: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Pre: true, atom.Div: true, atom.Figcaption: true, atom.Caption: true,
	atom.Title: true, atom.Section: true, atom.Article: true, atom.Table: true, atom.Tr: true,
	atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Body: true,
}

var htmlHeadings = map[atom.Atom]bool{atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true}

// htmlParagraphs extracts the paragraphs of an HTML page: the text of each
// block element that holds no other block (markup dropped, white space
// folded), headings marked. Scripts, styles and the head are passed over.
func htmlParagraphs(name string, b []byte) ([]Paragraph, error) {
	text, err := Decode(name, b)
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("%s: invalid HTML: %v", name, err)
	}
	var out []Paragraph
	var textOf func(n *html.Node, b *strings.Builder)
	textOf = func(n *html.Node, b *strings.Builder) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			return
		case n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style):
			return
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			textOf(c, b)
		}
	}
	// walk reports whether n holds a block element; a block that holds none
	// is a paragraph. Leaf blocks never nest, so emitting each after its
	// children keeps document order, in one pass over the tree.
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Head, atom.Script, atom.Style, atom.Noscript, atom.Template:
				return false
			}
		}
		inner := false
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				inner = true
			}
		}
		isBlock := n.Type == html.ElementNode && htmlBlocks[n.DataAtom]
		if isBlock && !inner {
			var sb strings.Builder
			textOf(n, &sb)
			if t := strings.Join(strings.Fields(sb.String()), " "); t != "" {
				lang, ok := DetectLang(t)
				if !ok {
					lang = ZH
					if len(out) > 0 {
						lang = out[len(out)-1].Lang
					}
				}
				out = append(out, Paragraph{Text: t, Lang: lang, Heading: htmlHeadings[n.DataAtom] || n.DataAtom == atom.Title})
			}
		}
		return inner || isBlock && n.DataAtom != atom.Title
	}
	walk(doc)
	return out, nil
}

// ReadHTMLPair reads the Chinese and the English version of a page and
// aligns their paragraphs. Paragraphs of the other language on either page
// (untranslated ones left in the Chinese build, say) are left out: the
// other page has them.
func ReadHTMLPair(id, zhName string, zhData []byte, enName string, enData []byte) (*Doc, error) {
	zp, err := htmlParagraphs(zhName, zhData)
	if err != nil {
		return nil, err
	}
	ep, err := htmlParagraphs(enName, enData)
	if err != nil {
		return nil, err
	}
	var zh, en []Paragraph
	for _, p := range zp {
		if p.Lang == ZH {
			zh = append(zh, p)
		}
	}
	for _, p := range ep {
		if p.Lang == EN {
			en = append(en, p)
		}
	}
	if len(zh)+len(en) == 0 {
		return nil, fmt.Errorf("%s, %s: no text", zhName, enName)
	}
	d := &Doc{ID: id, Source: zhName + " + " + enName}
	d.Units, d.Lines = AlignLines(zh, en)
	d.Title = titleOf(append(zh[:len(zh):len(zh)], en...), id)
	return d, nil
}

// ReadHTML reads one bilingual page: its paragraphs by script, aligned.
func ReadHTML(name string, b []byte) (*Doc, error) {
	ps, err := htmlParagraphs(name, b)
	if err != nil {
		return nil, err
	}
	return alignParagraphs(name, ps)
}

// alignParagraphs splits paragraphs by language and aligns them into a
// document named after the file.
func alignParagraphs(name string, ps []Paragraph) (*Doc, error) {
	if len(ps) == 0 {
		return nil, fmt.Errorf("%s: no text", name)
	}
	var zh, en []Paragraph
	for _, p := range ps {
		if p.Lang == ZH {
			zh = append(zh, p)
		} else {
			en = append(en, p)
		}
	}
	doc := &Doc{ID: IDFromName(name), Source: name}
	doc.Units, doc.Lines = AlignLines(zh, en)
	doc.Title = titleOf(ps, doc.ID)
	return doc, nil
}

// languageDir tells whether a folder name names a language tree (zh,
// zh-CN, zh_TW, zh-Hans, cn, chinese; en, en-US, english).
func languageDir(name string) (Lang, bool) {
	n := strings.ToLower(name)
	switch n {
	case "cn", "chinese", "zh", "中文", "简体", "繁體":
		return ZH, true
	case "en", "english", "英文":
		return EN, true
	}
	return langOf(n)
}

// pairKey removes the first language folder from a path relative to a
// walked folder: zh-CN/apt.html and en-US/apt.html share the key apt.html.
func pairKey(rel string) (key string, lang Lang, ok bool) {
	parts := strings.Split(filepath.ToSlash(rel), "/")
	for i, p := range parts[:len(parts)-1] {
		if l, isLang := languageDir(p); isLang {
			rest := append(append([]string(nil), parts[:i]...), parts[i+1:]...)
			return strings.Join(rest, "/"), l, true
		}
	}
	return "", "", false
}

// idFromKey makes a document id from a pair key (the path without the
// language folder), folders joined with '-'.
func idFromKey(key string) string {
	k := strings.TrimSuffix(strings.TrimSuffix(key, ".html"), ".htm")
	k = strings.TrimSuffix(k, ".md")
	return IDFromName(strings.ReplaceAll(k, "/", "-"))
}

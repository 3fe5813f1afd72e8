package corpus

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	mdImage    = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink     = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdRefLink  = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	mdEmphasis = regexp.MustCompile(`(\*\*|__|\*|_|~~)([^*_~]+?)(\*\*|__|\*|_|~~)`)
	mdCode     = regexp.MustCompile("`([^`]*)`")
	mdHTML     = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)
	mdListItem = regexp.MustCompile(`^\s*(?:[-*+]|\d+[.)])\s+`)
	mdHeading  = regexp.MustCompile(`^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$`)
	mdRefDef   = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s`)
)

// mdInline drops inline Markdown: links and images keep their text,
// emphasis and code marks go, inline HTML tags go.
func mdInline(s string) string {
	s = mdImage.ReplaceAllString(s, "$1")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdRefLink.ReplaceAllString(s, "$1")
	s = mdCode.ReplaceAllString(s, "$1")
	for i := 0; i < 3; i++ {
		s = mdEmphasis.ReplaceAllString(s, "$2")
	}
	s = mdHTML.ReplaceAllString(s, "")
	return strings.Join(strings.Fields(s), " ")
}

// markdownParagraphs reads Markdown into paragraphs: blocks separated by
// blank lines, each heading and each list item its own paragraph, code
// blocks, front matter and link definitions left out, inline markup dropped.
func markdownParagraphs(name string, b []byte) ([]Paragraph, error) {
	text, err := Decode(name, b)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(text, "\n")
	var out []Paragraph
	var cur []string
	curLine := 0
	flush := func(heading bool) {
		t := mdInline(strings.Join(cur, " "))
		cur = cur[:0]
		if t == "" {
			return
		}
		lang, ok := DetectLang(t)
		if !ok {
			lang = ZH
			if len(out) > 0 {
				lang = out[len(out)-1].Lang
			}
		}
		out = append(out, Paragraph{Text: t, Lang: lang, Heading: heading, Line: curLine})
	}
	inFence, fence := false, ""
	start := 0
	if len(lines) > 0 && strings.TrimSpace(lines[0]) == "---" { // front matter
		for i := 1; i < len(lines); i++ {
			if strings.TrimSpace(lines[i]) == "---" {
				start = i + 1
				break
			}
		}
	}
	for i := start; i < len(lines); i++ {
		line := lines[i]
		trim := strings.TrimSpace(line)
		if inFence {
			if strings.HasPrefix(trim, fence) {
				inFence = false
			}
			continue
		}
		switch {
		case strings.HasPrefix(trim, "```") || strings.HasPrefix(trim, "~~~"):
			flush(false)
			inFence, fence = true, trim[:3]
		case trim == "" || trim == "---" || trim == "***" || mdRefDef.MatchString(line):
			flush(false)
		case mdHeading.MatchString(line):
			flush(false)
			curLine = i + 1
			cur = append(cur, mdHeading.FindStringSubmatch(line)[2])
			flush(true)
		case mdListItem.MatchString(line):
			flush(false)
			curLine = i + 1
			cur = append(cur, mdListItem.ReplaceAllString(line, ""))
		case strings.HasPrefix(trim, ">"):
			if len(cur) == 0 {
				curLine = i + 1
			}
			cur = append(cur, strings.TrimLeft(trim, "> "))
		case strings.HasPrefix(line, "    ") && len(cur) == 0:
			// indented code
		default:
			if len(cur) == 0 {
				curLine = i + 1
			}
			cur = append(cur, trim)
		}
	}
	flush(false)
	return out, nil
}

// ReadMarkdown reads a bilingual Markdown document: its paragraphs by
// script, aligned.
func ReadMarkdown(name string, b []byte) (*Doc, error) {
	ps, err := markdownParagraphs(name, b)
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, fmt.Errorf("%s: no text", name)
	}
	return alignParagraphs(name, ps)
}

package corpus

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"encoding/xml"
)

// inline XLIFF elements whose content is original markup, not text
var xliffCode = map[string]bool{"bpt": true, "ept": true, "ph": true, "it": true, "ut": true, "x": true, "bx": true, "ex": true, "sc": true, "ec": true}

// ReadXLIFF reads an XLIFF 1.2 or 2.0 file as it streams: each trans-unit
// (1.2) or unit (2.0) with a source or target becomes a pre-aligned unit,
// the languages told by source-language/target-language (1.2, per file) or
// srcLang/trgLang (2.0). Inline codes are dropped, the text of <g>, <pc> and
// <mrk> kept, <cp hex="…"/> written as its character. Units of a 2.0 file
// with several segments join them. A syntax error names the file and line.
func ReadXLIFF(name string, r io.Reader) (*Doc, error) {
	dec := xmlDecoder(r)
	doc := &Doc{ID: IDFromName(name), Title: IDFromName(name), Source: name}
	var (
		seenXLIFF                bool
		srcLang, trgLang         string
		inUnit                   bool
		inText                   string // "source" or "target" while inside one
		textLang                 string // xml:lang of that element, if any
		codeDepth                int
		buf                      strings.Builder
		src, trg                 []string
		srcLangUnit, trgLangUnit string
	)
	attr := func(se xml.StartElement, local string) string {
		for _, a := range se.Attr {
			if a.Name.Local == local {
				return a.Value
			}
		}
		return ""
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, xmlError(name, "XLIFF", dec, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch l := t.Name.Local; {
			case l == "xliff":
				seenXLIFF = true
				srcLang, trgLang = attr(t, "srcLang"), attr(t, "trgLang")
			case l == "file":
				if v := attr(t, "source-language"); v != "" {
					srcLang = v
				}
				if v := attr(t, "target-language"); v != "" {
					trgLang = v
				}
			case l == "trans-unit" || l == "unit":
				inUnit, src, trg, srcLangUnit, trgLangUnit = true, nil, nil, "", ""
			case inUnit && inText == "" && (l == "source" || l == "target"):
				inText, textLang, codeDepth = l, attr(t, "lang"), 0
				buf.Reset()
			case inText != "" && xliffCode[l]:
				codeDepth++
			case inText != "" && l == "cp" && codeDepth == 0:
				if v, err := strconv.ParseUint(attr(t, "hex"), 16, 32); err == nil {
					buf.WriteRune(rune(v))
				}
			}
		case xml.EndElement:
			switch l := t.Name.Local; {
			case inText != "" && l == inText:
				text := strings.TrimSpace(buf.String())
				if inText == "source" {
					src = append(src, text)
					if textLang != "" {
						srcLangUnit = textLang
					}
				} else {
					trg = append(trg, text)
					if textLang != "" {
						trgLangUnit = textLang
					}
				}
				inText = ""
			case inText != "" && xliffCode[l]:
				codeDepth--
			case inUnit && (l == "trans-unit" || l == "unit"):
				inUnit = false
				sl, tl := srcLang, trgLang
				if srcLangUnit != "" {
					sl = srcLangUnit
				}
				if trgLangUnit != "" {
					tl = trgLangUnit
				}
				sLang, ok1 := langOf(sl)
				tLang, ok2 := langOf(tl)
				if !ok1 || !ok2 || sLang == tLang {
					line, _ := dec.InputPos()
					return nil, fmt.Errorf("%s:%d: the languages %q and %q are not Chinese and English", name, line, sl, tl)
				}
				u := Unit{Seq: len(doc.Units)}
				for _, side := range []struct {
					lang Lang
					segs []string
				}{{sLang, src}, {tLang, trg}} {
					sep := " "
					if side.lang == ZH {
						sep = ""
					}
					text := strings.TrimSpace(strings.Join(side.segs, sep))
					if side.lang == ZH {
						u.ZH = text
					} else {
						u.EN = text
					}
				}
				if u.ZH == "" && u.EN == "" {
					continue
				}
				if u.Paired() {
					u.Score = 1
				}
				doc.Units = append(doc.Units, u)
			}
		case xml.CharData:
			if inText != "" && codeDepth == 0 {
				buf.Write(t)
			}
		}
	}
	if !seenXLIFF {
		return nil, fmt.Errorf("%s: not an XLIFF file (no <xliff> element)", name)
	}
	if len(doc.Units) == 0 {
		return nil, fmt.Errorf("%s: no translation unit", name)
	}
	return doc, nil
}

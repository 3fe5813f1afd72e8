package corpus

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
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
	return oneDoc(collect(func(p *parts) error { return xliffParts(name, r, p) }))
}

// xliffParts reads an XLIFF file as it streams.
func xliffParts(name string, r io.Reader, p *parts) error {
	x := &xliffReader{name: name, p: p, doc: &Doc{ID: IDFromName(name), Title: IDFromName(name), Source: name}, seg: segment{codes: xliffCode}}
	if err := xmlWalk(name, "XLIFF", r, x); err != nil {
		return err
	}
	if !x.seenXLIFF {
		return fmt.Errorf("%s: not an XLIFF file (no <xliff> element)", name)
	}
	if p.units == 0 {
		return fmt.Errorf("%s: no translation unit", name)
	}
	return p.flush(x.doc)
}

// xliffReader is ReadXLIFF's state: the file's languages and the unit
// being read.
type xliffReader struct {
	name             string
	p                *parts
	doc              *Doc
	seenXLIFF        bool
	srcLang, trgLang string // the file's
	inUnit           bool
	inText           string // "source" or "target" while inside one
	textLang         string // xml:lang of that element, if any
	seg              segment
	src, trg         []string
	unitSrc, unitTrg string // languages the unit's elements name
}

func (x *xliffReader) start(e xml.StartElement) {
	switch l := e.Name.Local; {
	case x.seg.inner(l, true):
	case x.inText != "" && l == "cp" && x.seg.depth == 0:
		if v, err := strconv.ParseUint(attr(e, "hex"), 16, 32); err == nil {
			x.seg.buf.WriteRune(rune(v))
		}
	case l == "xliff":
		x.seenXLIFF = true
		x.srcLang, x.trgLang = attr(e, "srcLang"), attr(e, "trgLang")
	case l == "file":
		if v := attr(e, "source-language"); v != "" {
			x.srcLang = v
		}
		if v := attr(e, "target-language"); v != "" {
			x.trgLang = v
		}
	case l == "trans-unit" || l == "unit":
		x.inUnit, x.src, x.trg, x.unitSrc, x.unitTrg = true, nil, nil, "", ""
	case x.inUnit && x.inText == "" && (l == "source" || l == "target"):
		x.inText, x.textLang = l, attr(e, "lang")
		x.seg.begin()
	}
}

func (x *xliffReader) end(e xml.EndElement, line int) error {
	switch l := e.Name.Local; {
	case x.seg.inner(l, false):
	case x.inText != "" && l == x.inText:
		text := x.seg.finish()
		if x.inText == "source" {
			x.src = append(x.src, text)
			x.unitSrc = cmp.Or(x.textLang, x.unitSrc)
		} else {
			x.trg = append(x.trg, text)
			x.unitTrg = cmp.Or(x.textLang, x.unitTrg)
		}
		x.inText = ""
	case x.inUnit && (l == "trans-unit" || l == "unit"):
		x.inUnit = false
		return x.addUnit(line)
	}
	return nil
}

func (x *xliffReader) text(c xml.CharData) { x.seg.add(c) }

// addUnit adds the unit read, its sides told by the languages in force.
func (x *xliffReader) addUnit(line int) error {
	sl, tl := cmp.Or(x.unitSrc, x.srcLang), cmp.Or(x.unitTrg, x.trgLang)
	sLang, ok1 := langOf(sl)
	tLang, ok2 := langOf(tl)
	if !ok1 || !ok2 || sLang == tLang {
		return fmt.Errorf("%s:%d: the languages %q and %q are not Chinese and English", x.name, line, sl, tl)
	}
	join := func(lang Lang, segs []string) string {
		if lang == ZH {
			return strings.Join(segs, "")
		}
		return strings.Join(segs, " ")
	}
	zh, en := join(sLang, x.src), join(tLang, x.trg)
	if sLang == EN {
		zh, en = join(tLang, x.trg), join(sLang, x.src)
	}
	return x.p.add(x.doc, zh, en, "", 1)
}

package corpus

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// xmlDecoder reads XML as it streams, UTF-8 or UTF-16 by the byte-order
// mark, whatever the declaration says.
func xmlDecoder(r io.Reader) *xml.Decoder {
	dec := xml.NewDecoder(transform.NewReader(r, unicode.BOMOverride(unicode.UTF8.NewDecoder())))
	dec.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	dec.Strict = true
	return dec
}

// xmlError names the file and line of an XML error.
func xmlError(name, kind string, dec *xml.Decoder, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%s:%d: invalid %s: %s", name, se.Line, kind, se.Msg)
	}
	line, _ := dec.InputPos()
	return fmt.Errorf("%s:%d: invalid %s: %v", name, line, kind, err)
}

// grouper gathers the units of a file that names documents (TMX x-doc,
// aligned JSON doc) into those documents, in the order they first come;
// units naming none go to a document named after the file.
type grouper struct {
	name string
	docs []*Doc
	byID map[string]*Doc
}

func newGrouper(name string) *grouper { return &grouper{name: name, byID: map[string]*Doc{}} }

func (g *grouper) doc(id string) *Doc {
	if id == "" {
		id = IDFromName(g.name)
	} else {
		id = SanitizeID(id)
	}
	d, ok := g.byID[id]
	if !ok {
		d = &Doc{ID: id, Title: id, Source: g.name}
		g.byID[id] = d
		g.docs = append(g.docs, d)
	}
	return d
}

// langOf maps a TMX language code (zh, zh-CN, ZH-CN, zh-Hans, zh-TW, en,
// en-US, …) to a language; ok is false for other languages.
func langOf(code string) (Lang, bool) {
	c := strings.ToLower(strings.TrimSpace(code))
	switch {
	case c == "zh" || strings.HasPrefix(c, "zh-") || strings.HasPrefix(c, "zh_") || c == "chi" || c == "zho" || c == "cmn":
		return ZH, true
	case c == "en" || strings.HasPrefix(c, "en-") || strings.HasPrefix(c, "en_") || c == "eng":
		return EN, true
	}
	return "", false
}

// inline TMX elements whose content is markup of the original format, not text
var tmxCode = map[string]bool{"bpt": true, "ept": true, "ph": true, "it": true, "ut": true}

// ReadTMX reads a TMX 1.1–1.4b translation memory as it streams (UTF-8, or
// UTF-16 with a byte-order mark): every translation unit with a Chinese or
// an English variant becomes a unit, pre-aligned. Inline codes (<bpt> <ept>
// <ph> <it> <ut>) are dropped from the text; <hi> and <sub> keep theirs.
// Units carrying a prop x-doc (as `bisearch align -format tmx` and the
// export write) are grouped into those documents, and keep their x-section; the rest form one document named after
// the file. A syntax error names the file and line.
func ReadTMX(name string, r io.Reader) ([]*Doc, error) {
	// UTF-8 or UTF-16 by the byte-order mark; the XML then reads UTF-8
	// whatever its declaration says
	dec := xmlDecoder(r)

	g := newGrouper(name)

	var (
		inTU, inSeg, seenTMX bool
		tuLang               Lang
		tuLangOK             bool
		zh, en               string
		seg                  strings.Builder
		codeDepth            int
		propType             string
		prop                 strings.Builder
		inProp               bool
		docID, section       string
		score                float64
		hasScore             bool
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, xmlError(name, "TMX", dec, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Local == "tmx":
				seenTMX = true
			case t.Name.Local == "tu":
				inTU, zh, en, docID, section, hasScore = true, "", "", "", "", false
			case t.Name.Local == "tuv" && inTU:
				tuLang, tuLangOK = "", false
				for _, a := range t.Attr {
					if a.Name.Local == "lang" {
						tuLang, tuLangOK = langOf(a.Value)
					}
				}
			case t.Name.Local == "seg" && inTU:
				inSeg, codeDepth = true, 0
				seg.Reset()
			case inSeg && tmxCode[t.Name.Local]:
				codeDepth++
			case t.Name.Local == "prop" && inTU && !inSeg:
				inProp, propType = true, ""
				prop.Reset()
				for _, a := range t.Attr {
					if a.Name.Local == "type" {
						propType = a.Value
					}
				}
			}
		case xml.EndElement:
			switch {
			case t.Name.Local == "seg" && inSeg:
				inSeg = false
				text := strings.TrimSpace(strings.ReplaceAll(seg.String(), "\r\n", "\n"))
				if tuLangOK {
					if tuLang == ZH && zh == "" {
						zh = text
					} else if tuLang == EN && en == "" {
						en = text
					}
				}
			case inSeg && tmxCode[t.Name.Local]:
				codeDepth--
			case t.Name.Local == "prop" && inProp:
				inProp = false
				switch propType {
				case "x-doc":
					docID = strings.TrimSpace(prop.String())
				case "x-section":
					section = strings.TrimSpace(prop.String())
				case "x-score":
					if v, err := strconv.ParseFloat(strings.TrimSpace(prop.String()), 64); err == nil && v >= 0 && v <= 1 {
						score, hasScore = v, true
					}
				}
			case t.Name.Local == "tu" && inTU:
				inTU = false
				if zh == "" && en == "" {
					continue
				}
				d := g.doc(docID)
				u := Unit{Seq: len(d.Units), ZH: zh, EN: en, Section: section}
				if u.Paired() {
					u.Score = 1
					if hasScore {
						u.Score = score
					}
				}
				d.Units = append(d.Units, u)
			}
		case xml.CharData:
			switch {
			case inSeg && codeDepth == 0:
				seg.Write(t)
			case inProp:
				prop.Write(t)
			}
		}
	}
	if !seenTMX {
		return nil, fmt.Errorf("%s: not a TMX file (no <tmx> element)", name)
	}
	if len(g.docs) == 0 {
		return nil, fmt.Errorf("%s: no translation unit with Chinese or English", name)
	}
	return g.docs, nil
}

// AlignedRecord is one unit as `bisearch align -format json` writes it.
type AlignedRecord struct {
	Doc   string  `json:"doc"`
	Seq   int     `json:"seq"`
	ZH    *string `json:"zh"`
	EN    *string `json:"en"`
	Score float64 `json:"score"`
}

// ReadAlignedJSON reads a JSON array of AlignedRecord, as `bisearch align
// -format json` writes it (and as a user may correct it), grouping the
// records into their documents in the order they come.
func ReadAlignedJSON(name string, b []byte) ([]*Doc, error) {
	text, err := Decode(name, b)
	if err != nil {
		return nil, err
	}
	var recs []AlignedRecord
	dec := json.NewDecoder(strings.NewReader(text))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&recs); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, fmt.Errorf("%s:%d: invalid JSON: %v", name, lineAt(text, se.Offset), err)
		case errors.As(err, &te):
			return nil, fmt.Errorf("%s:%d: %s (want an array of {doc, seq, zh, en, score}, as `bisearch align -format json` writes)", name, lineAt(text, te.Offset), wrongType(te))
		}
		return nil, fmt.Errorf("%s: invalid aligned JSON (want an array of {doc, seq, zh, en, score}): %v", name, err)
	}
	g := newGrouper(name)
	for _, r := range recs {
		d := g.doc(r.Doc)
		u := Unit{Seq: len(d.Units)}
		if r.ZH != nil {
			u.ZH = strings.TrimSpace(*r.ZH)
		}
		if r.EN != nil {
			u.EN = strings.TrimSpace(*r.EN)
		}
		if u.ZH == "" && u.EN == "" {
			continue
		}
		if u.Paired() {
			u.Score = r.Score
			if u.Score <= 0 || u.Score > 1 {
				u.Score = 1
			}
		}
		d.Units = append(d.Units, u)
	}
	if len(g.docs) == 0 {
		return nil, fmt.Errorf("%s: no records", name)
	}
	return g.docs, nil
}

// wrongType says, for a user, which JSON value had the wrong type: "the
// file holds a JSON object, not an array", "field "zh" is a number, not a
// string or null".
func wrongType(te *json.UnmarshalTypeError) string {
	want := map[string]string{"string": "a string", "int": "a whole number",
		"float64": "a number"}[te.Type.String()]
	switch {
	case te.Field == "":
		return fmt.Sprintf("the file holds a JSON %s", te.Value)
	case want == "":
		return fmt.Sprintf("field %q is a JSON %s", te.Field, te.Value)
	}
	return fmt.Sprintf("field %q is a JSON %s, not %s", te.Field, te.Value, want)
}

func lineAt(text string, off int64) int {
	if off > int64(len(text)) {
		off = int64(len(text))
	}
	return 1 + bytes.Count([]byte(text[:off]), []byte{'\n'})
}

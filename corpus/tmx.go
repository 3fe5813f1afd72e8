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
)

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
// export write) are grouped into those documents, and keep their x-section
// and x-score; the rest form one document named after the file. A syntax
// error names the file and line.
func ReadTMX(name string, r io.Reader) ([]*Doc, error) {
	return collect(func(p *parts) error { return tmxParts(name, r, p) })
}

// tmxParts reads a TMX file as it streams.
func tmxParts(name string, r io.Reader, p *parts) error {
	t := &tmxReader{g: newGrouper(name), p: p, seg: segment{codes: tmxCode}}
	if err := xmlWalk(name, "TMX", r, t); err != nil {
		return err
	}
	if !t.seenTMX {
		return fmt.Errorf("%s: not a TMX file (no <tmx> element)", name)
	}
	if p.units == 0 {
		return fmt.Errorf("%s: no translation unit with Chinese or English", name)
	}
	for _, d := range t.g.docs {
		if err := p.flush(d); err != nil {
			return err
		}
	}
	return nil
}

// tmxReader is ReadTMX's state: the translation unit being read.
type tmxReader struct {
	g       *grouper
	p       *parts
	seenTMX bool
	inTU    bool
	lang    Lang // of the variant being read; "" for another language
	zh, en  string
	seg     segment
	// the unit's properties
	inProp       bool
	propType     string
	prop         strings.Builder
	doc, section string
	score        float64
}

func (t *tmxReader) start(e xml.StartElement) {
	switch l := e.Name.Local; {
	case t.seg.inner(l, true):
	case l == "tmx":
		t.seenTMX = true
	case l == "tu":
		t.inTU, t.zh, t.en, t.doc, t.section, t.score = true, "", "", "", "", 0
	case l == "tuv" && t.inTU:
		t.lang, _ = langOf(attr(e, "lang"))
	case l == "seg" && t.inTU:
		t.seg.begin()
	case l == "prop" && t.inTU && !t.seg.open:
		t.inProp, t.propType = true, attr(e, "type")
		t.prop.Reset()
	}
}

func (t *tmxReader) end(e xml.EndElement, _ int) error {
	switch l := e.Name.Local; {
	case t.seg.inner(l, false):
	case l == "seg" && t.seg.open:
		text := t.seg.finish()
		if t.lang == ZH && t.zh == "" {
			t.zh = text
		} else if t.lang == EN && t.en == "" {
			t.en = text
		}
	case l == "prop" && t.inProp:
		t.inProp = false
		v := strings.TrimSpace(t.prop.String())
		switch t.propType {
		case "x-doc":
			t.doc = v
		case "x-section":
			t.section = v
		case "x-score":
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				t.score = f
			}
		}
	case l == "tu" && t.inTU:
		t.inTU = false
		if t.zh != "" || t.en != "" {
			return t.p.add(t.g.doc(t.doc), t.zh, t.en, t.section, t.score)
		}
	}
	return nil
}

func (t *tmxReader) text(c xml.CharData) {
	t.seg.add(c)
	if t.inProp {
		t.prop.Write(c)
	}
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
		if deref(r.ZH) != "" || deref(r.EN) != "" {
			g.doc(r.Doc).addPair(deref(r.ZH), deref(r.EN), "", r.Score)
		}
	}
	if len(g.docs) == 0 {
		return nil, fmt.Errorf("%s: no records", name)
	}
	return g.docs, nil
}

// deref is *s, or "" for nil.
func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
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

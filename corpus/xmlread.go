package corpus

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// The XML formats (TMX, XLIFF) are read as they stream, by one token loop
// (xmlWalk) handing elements and text to a reader of the format.

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

// xmlFormat is a reader of one XML format, fed by xmlWalk.
type xmlFormat interface {
	start(xml.StartElement)
	// end may refuse what the element closed (the line is where it ends)
	end(e xml.EndElement, line int) error
	text(xml.CharData)
}

// xmlWalk reads r to its end, handing every element and text to f; a
// syntax error names the file, its line and the format (kind).
func xmlWalk(name, kind string, r io.Reader, f xmlFormat) error {
	dec := xmlDecoder(r)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return xmlError(name, kind, dec, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			f.start(t)
		case xml.EndElement:
			line, _ := dec.InputPos()
			if err := f.end(t, line); err != nil {
				return err
			}
		case xml.CharData:
			f.text(t)
		}
	}
}

// attr is the value of an element's attribute (by its local name).
func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// segment gathers the text of a segment element, leaving out what inline
// codes (markup of the original format) hold.
type segment struct {
	codes map[string]bool // the format's inline code elements
	open  bool
	depth int // inline codes open
	buf   strings.Builder
}

func (s *segment) begin() { s.open, s.depth = true, 0; s.buf.Reset() }

// inner follows the elements inside the segment: it reports whether the
// element was one of them (an inline code opened or closed).
func (s *segment) inner(local string, opening bool) bool {
	if !s.open || !s.codes[local] {
		return false
	}
	if opening {
		s.depth++
	} else {
		s.depth--
	}
	return true
}

func (s *segment) add(t []byte) {
	if s.open && s.depth == 0 {
		s.buf.Write(t)
	}
}

// finish closes the segment and returns its text, trimmed.
func (s *segment) finish() string {
	s.open = false
	return strings.TrimSpace(strings.ReplaceAll(s.buf.String(), "\r\n", "\n"))
}

// addPair appends a pre-aligned pair to d, sides trimmed; a pair with
// neither side is passed over. A pair's confidence is score, 1 when it is
// not in (0, 1].
func (d *Doc) addPair(zh, en, section string, score float64) {
	zh, en = strings.TrimSpace(zh), strings.TrimSpace(en)
	if zh == "" && en == "" {
		return
	}
	u := Unit{Seq: d.handed + len(d.Units), ZH: zh, EN: en, Section: section}
	if u.Paired() {
		u.Score = score
		if score <= 0 || score > 1 {
			u.Score = 1
		}
	}
	d.Units = append(d.Units, u)
}

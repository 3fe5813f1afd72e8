package corpus

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// The writers below are the readers' counterparts: what they write, the
// readers take back as the same units (TestWriteRoundTrip).

// WriteTSV writes each unit as "zh<TAB>en" on a line; tabs and line breaks
// inside a paragraph become spaces.
func WriteTSV(w io.Writer, docs []*Doc) error {
	clean := strings.NewReplacer("\t", " ", "\r\n", " ", "\n", " ", "\r", " ")
	for _, d := range docs {
		for _, u := range d.Units {
			if _, err := fmt.Fprintf(w, "%s\t%s\n", clean.Replace(u.ZH), clean.Replace(u.EN)); err != nil {
				return err
			}
		}
	}
	return nil
}

// WriteAlignedJSON writes the units as the aligned-JSON array ReadAlignedJSON
// reads: [{"doc", "seq", "zh", "en", "score"}], zh or en null when unpaired.
func WriteAlignedJSON(w io.Writer, docs []*Doc) error {
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	out := []AlignedRecord{}
	for _, d := range docs {
		for _, u := range d.Units {
			out = append(out, AlignedRecord{Doc: d.ID, Seq: u.Seq, ZH: opt(u.ZH), EN: opt(u.EN), Score: u.Score})
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// TMX 1.4 as WriteTMX writes it.
type (
	tmxSeg struct {
		Text string `xml:",chardata"`
	}
	tmxTUV struct {
		Lang string `xml:"xml:lang,attr"`
		Seg  tmxSeg `xml:"seg"`
	}
	tmxProp struct {
		Type string `xml:"type,attr"`
		Text string `xml:",chardata"`
	}
	tmxTU struct {
		TUID  string    `xml:"tuid,attr"`
		Props []tmxProp `xml:"prop"`
		TUVs  []tmxTUV  `xml:"tuv"`
	}
	tmxHeader struct {
		CreationTool        string `xml:"creationtool,attr"`
		CreationToolVersion string `xml:"creationtoolversion,attr"`
		SegType             string `xml:"segtype,attr"`
		OTMF                string `xml:"o-tmf,attr"`
		AdminLang           string `xml:"adminlang,attr"`
		SrcLang             string `xml:"srclang,attr"`
		DataType            string `xml:"datatype,attr"`
	}
)

// TMXWriter writes a TMX 1.4 document a unit at a time, so an export of any
// size is streamed.
type TMXWriter struct {
	w   io.Writer
	enc *xml.Encoder
	err error
}

// NewTMXWriter writes the TMX header; segtype names what a unit is
// ("paragraph" or "sentence").
func NewTMXWriter(w io.Writer, segtype string) *TMXWriter {
	t := &TMXWriter{w: w, enc: xml.NewEncoder(w)}
	t.enc.Indent("", "  ")
	h := tmxHeader{"bisearch", "1", segtype, "bisearch", "en", "zh-CN", "plaintext"}
	if _, t.err = io.WriteString(w, xml.Header+`<tmx version="1.4">`+"\n"); t.err != nil {
		return t
	}
	if t.err = t.enc.EncodeElement(h, xml.StartElement{Name: xml.Name{Local: "header"}}); t.err != nil {
		return t
	}
	t.enc.Flush()
	_, t.err = io.WriteString(w, "\n<body>")
	return t
}

// Unit writes one translation unit: its id, the document it comes from,
// its alignment confidence and its sides.
func (t *TMXWriter) Unit(doc string, u Unit) error {
	return t.TU(UnitID(doc, u.Seq), doc, u.Section, u.Score, u.ZH, u.EN)
}

// TU writes one translation unit: its id, the document and section it
// comes from, its alignment confidence and its sides (a side "" left out).
func (t *TMXWriter) TU(id, doc, section string, score float64, zh, en string) error {
	if t.err != nil {
		return t.err
	}
	x := tmxTU{TUID: id, Props: []tmxProp{{"x-doc", doc}, {"x-score", fmt.Sprintf("%.3f", score)}}}
	if section != "" {
		x.Props = append(x.Props, tmxProp{"x-section", section})
	}
	if zh != "" {
		x.TUVs = append(x.TUVs, tmxTUV{"zh-CN", tmxSeg{zh}})
	}
	if en != "" {
		x.TUVs = append(x.TUVs, tmxTUV{"en", tmxSeg{en}})
	}
	t.err = t.enc.EncodeElement(x, xml.StartElement{Name: xml.Name{Local: "tu"}})
	return t.err
}

// Close ends the document.
func (t *TMXWriter) Close() error {
	if t.err != nil {
		return t.err
	}
	if t.err = t.enc.Flush(); t.err != nil {
		return t.err
	}
	_, t.err = io.WriteString(t.w, "\n</body>\n</tmx>\n")
	return t.err
}

// WriteTMX writes the units of docs as a TMX 1.4 document.
func WriteTMX(w io.Writer, docs []*Doc) error {
	t := NewTMXWriter(w, "paragraph")
	for _, d := range docs {
		for _, u := range d.Units {
			if err := t.Unit(d.ID, u); err != nil {
				return err
			}
		}
	}
	return t.Close()
}

package corpus

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Record is one exported pair: a unit, or a sentence pair of one.
type Record struct {
	ID      string  `json:"id"` // the unit's id, with #N for its Nth sentence pair
	Doc     string  `json:"doc"`
	Title   string  `json:"title,omitempty"`
	Seq     int     `json:"seq"`
	Section string  `json:"section,omitempty"`
	ZH      string  `json:"zh"`
	EN      string  `json:"en"`
	Score   float64 `json:"score"` // alignment confidence
}

// Export formats.
const (
	ExportTSV   = "tsv"
	ExportCSV   = "csv"
	ExportJSONL = "jsonl"
	ExportTMX   = "tmx"
)

// ExportFormats lists the formats NewRecordWriter writes.
var ExportFormats = []string{ExportTSV, ExportCSV, ExportJSONL, ExportTMX}

// ExportType is the media type of a format, for a download.
func ExportType(format string) string {
	switch format {
	case ExportTSV:
		return "text/tab-separated-values; charset=utf-8"
	case ExportCSV:
		return "text/csv; charset=utf-8"
	case ExportJSONL:
		return "application/jsonl; charset=utf-8"
	case ExportTMX:
		return "application/x-tmx+xml; charset=utf-8"
	}
	return "application/octet-stream"
}

// RecordWriter writes records one at a time, so an export of any size is
// streamed; Close ends the file (and flushes it).
type RecordWriter interface {
	Write(Record) error
	Close() error
}

// exportColumns are the columns of a TSV or CSV export: Chinese and
// English first and named, so the readers take the file back.
var exportColumns = []string{"zh", "en", "id", "doc", "section", "score"}

// NewRecordWriter starts a file of format on w. segtype says what a record
// is ("paragraph" or "sentence"), for TMX's header.
//
//   - tsv: a header line, then a line per record; tabs and line breaks
//     inside a text become spaces.
//   - csv: for spreadsheets: a UTF-8 byte order mark (so Excel reads the
//     Chinese), RFC 4180 quoting, and a cell that starts with = + - @ or a
//     tab or carriage return prefixed with ' so no spreadsheet runs it as a
//     formula.
//   - jsonl: a JSON object per line (Record's fields).
//   - tmx: TMX 1.4, one <tu> per record, its id, document and confidence
//     as properties.
func NewRecordWriter(w io.Writer, format, segtype string) (RecordWriter, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	switch format {
	case ExportTSV:
		t := &tsvWriter{w: bw}
		t.err = t.row(exportColumns)
		return t, nil
	case ExportCSV:
		c := &csvWriter{bw: bw, w: csv.NewWriter(bw)}
		if _, err := bw.WriteString("\ufeff"); err != nil {
			return nil, err
		}
		c.err = c.w.Write(exportColumns)
		return c, nil
	case ExportJSONL:
		return &jsonlWriter{bw: bw, enc: json.NewEncoder(bw)}, nil
	case ExportTMX:
		return &tmxRecords{bw: bw, t: NewTMXWriter(bw, segtype)}, nil
	}
	return nil, fmt.Errorf("unknown export format %q (one of %s)", format, strings.Join(ExportFormats, ", "))
}

func (r Record) cells() []string {
	return []string{r.ZH, r.EN, r.ID, r.Doc, r.Section, strconv.FormatFloat(r.Score, 'f', 3, 64)}
}

type tsvWriter struct {
	w   *bufio.Writer
	err error
}

var tsvClean = strings.NewReplacer("\t", " ", "\r\n", " ", "\n", " ", "\r", " ")

func (t *tsvWriter) row(cells []string) error {
	for i, c := range cells {
		if i > 0 {
			t.w.WriteByte('\t')
		}
		t.w.WriteString(tsvClean.Replace(c))
	}
	return t.w.WriteByte('\n')
}

func (t *tsvWriter) Write(r Record) error {
	if t.err == nil {
		t.err = t.row(r.cells())
	}
	return t.err
}

func (t *tsvWriter) Close() error {
	if t.err != nil {
		return t.err
	}
	return t.w.Flush()
}

type csvWriter struct {
	bw  *bufio.Writer
	w   *csv.Writer
	err error
}

// SpreadsheetSafe is a cell as a spreadsheet may open it: one that would
// start a formula (= + - @, a tab or a carriage return first) gets a ' in
// front (OWASP's advice against CSV injection).
func SpreadsheetSafe(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}

func (c *csvWriter) Write(r Record) error {
	if c.err != nil {
		return c.err
	}
	cells := r.cells()
	for i := range cells {
		cells[i] = SpreadsheetSafe(cells[i])
	}
	c.err = c.w.Write(cells)
	return c.err
}

func (c *csvWriter) Close() error {
	if c.err != nil {
		return c.err
	}
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}

type jsonlWriter struct {
	bw  *bufio.Writer
	enc *json.Encoder
	err error
}

func (j *jsonlWriter) Write(r Record) error {
	if j.err == nil {
		j.err = j.enc.Encode(r)
	}
	return j.err
}

func (j *jsonlWriter) Close() error {
	if j.err != nil {
		return j.err
	}
	return j.bw.Flush()
}

type tmxRecords struct {
	bw *bufio.Writer
	t  *TMXWriter
}

func (x *tmxRecords) Write(r Record) error {
	return x.t.TU(r.ID, r.Doc, r.Section, r.Score, r.ZH, r.EN)
}

func (x *tmxRecords) Close() error {
	if err := x.t.Close(); err != nil {
		return err
	}
	return x.bw.Flush()
}

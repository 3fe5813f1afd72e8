package corpus

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// The formats of pre-aligned units (TSV, CSV, JSONL, TMX, XLIFF) are read as
// they stream and handed on PartUnits units at a time, so that a
// translation memory of any size is read in bounded memory. A document kept
// whole is one whose paragraphs are aligned with each other (plain text,
// Markdown, HTML, aligned JSON): it is read and aligned as a whole.

// PartUnits is how many units of a streamed document are handed on at a
// time at most, PartBytes how many bytes of text.
var (
	PartUnits = 2000
	PartBytes = 1 << 20
)

// parts hands on the units the readers of a streamed file add to its
// documents, PartUnits at a time.
type parts struct {
	// emit receives each part; nil drops them (a pass that only checks the
	// file)
	emit  func(*Doc) error
	size  int // units a part holds at most; PartUnits when 0
	units int // units added in all
}

// add appends a pre-aligned pair to d (as addPair does) and hands d's units
// on once there are PartUnits of them.
func (p *parts) add(d *Doc, zh, en, section string, score float64) error {
	n := len(d.Units)
	d.addPair(zh, en, section, score)
	p.units += len(d.Units) - n
	d.pending += len(zh) + len(en)
	size := p.size
	if size <= 0 {
		size = PartUnits
	}
	if len(d.Units) >= size || d.pending >= PartBytes {
		return p.flush(d)
	}
	return nil
}

// flush hands on the units of d not handed on yet.
func (p *parts) flush(d *Doc) error {
	d.pending = 0
	if len(d.Units) == 0 {
		return nil
	}
	part := &Doc{ID: d.ID, Title: d.Title, Source: d.Source, Units: d.Units, Lines: d.Lines, Cont: d.handed > 0}
	d.handed += len(d.Units)
	d.Units = nil
	if p.emit == nil {
		return nil
	}
	return p.emit(part)
}

// collect runs a streamed reader and joins the parts it hands on into
// whole documents, in the order they first came.
func collect(read func(p *parts) error) ([]*Doc, error) {
	var docs []*Doc
	byID := map[string]*Doc{}
	p := &parts{emit: func(part *Doc) error {
		if d, ok := byID[part.ID]; ok && part.Cont {
			d.Units = append(d.Units, part.Units...)
			return nil
		}
		part.Cont = false
		byID[part.ID] = part
		docs = append(docs, part)
		return nil
	}}
	if err := read(p); err != nil {
		return nil, err
	}
	return docs, nil
}

// Stream reads the job's documents and hands them to yield: a streamed
// format's documents a part at a time (later parts with Cont set, their
// units numbered on from the part before), the others whole. The file is
// read through once to check it before the first part is handed on, so a
// file with an error anywhere yields nothing. Paragraphs past MaxParagraph
// are split. An error from yield ends the stream and is returned.
func (j Job) Stream(ctx context.Context, yield func(*Doc) error) error {
	return j.stream(ctx, PartUnits, yield)
}

// stream is Stream with parts of size units.
func (j Job) stream(ctx context.Context, size int, yield func(*Doc) error) error {
	format, _ := FormatOf(j.path)
	spec, _ := specOf(format)
	if j.en != "" || spec.parts == nil {
		docs, err := j.Read(ctx)
		if err != nil {
			return err
		}
		for _, d := range docs {
			if err := yield(d); err != nil {
				return err
			}
		}
		return nil
	}
	pass := func(p *parts) error {
		f, err := os.Open(j.path)
		if err != nil {
			return err
		}
		defer f.Close()
		return spec.parts(j.path, &ctxReader{ctx, f}, p)
	}
	if err := pass(&parts{}); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	}
	next := map[string]int{} // a document's next unit number
	return pass(&parts{size: size, emit: func(d *Doc) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		d.Units = SplitLong(d.Units)
		for i := range d.Units {
			d.Units[i].Seq = next[d.ID] + i
		}
		next[d.ID] += len(d.Units)
		if j.root != "" {
			d.Source = j.source()
		}
		return yield(d)
	}})
}

// ctxReader ends a read when its context is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(b []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(b)
}

// sniffSize is how much of a streamed text file tells its encoding.
const sniffSize = 64 << 10

// decodeStream turns a text file as it streams into UTF-8 with Unix line
// ends, its encoding told as Decode tells it (from the first sniffSize
// bytes for GB18030 and Big5). Bytes that are not text of that encoding
// (an invalid UTF-8 byte, a NUL) end the reading with an error naming
// the file, line and column.
func decodeStream(name string, r io.Reader) (*textStream, error) {
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var in io.Reader = br
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		in = transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	case validPrefix(head, len(head) < sniffSize):
	default:
		// GB18030 (GBK, GB2312) or Big5, told on the whole lines of the head
		sample := head
		if i := bytes.LastIndexByte(sample, '\n'); i > 0 && len(head) == sniffSize {
			sample = sample[:i]
		}
		best, _ := chineseEncoding(sample)
		if best == nil {
			return nil, invalidUTF8(name, head)
		}
		in = transform.NewReader(br, best.NewDecoder())
	}
	// a buffer in front: the textReader is read a buffer at a time
	t := &textReader{name: name, r: in, line: 1, col: 1}
	return &textStream{bufio.NewReaderSize(t, sniffSize), t}, nil
}

// textStream is a decoded text as it streams.
type textStream struct {
	*bufio.Reader
	t *textReader
}

// fault is the decoding's error when the text ended on one (a reader of
// the text may take the cut-off line for a malformed one), else err.
func (s *textStream) fault(err error) error {
	var te *textReaderError
	if errors.As(s.t.err, &te) {
		return te
	}
	return err
}

// validPrefix reports whether b is valid UTF-8, but for a rune cut off at
// its end when b is not the whole file.
func validPrefix(b []byte, whole bool) bool {
	if utf8.Valid(b) {
		return true
	}
	if whole {
		return false
	}
	for k := 1; k < utf8.UTFMax && k <= len(b); k++ {
		if utf8.Valid(b[:len(b)-k]) {
			return true
		}
	}
	return false
}

// textReader passes UTF-8 text on with \r\n and \r made \n, refusing an
// invalid byte or a NUL with its line and column.
type textReader struct {
	name      string
	r         io.Reader
	carry     []byte // the start of a rune cut off by the last read
	line, col int
	lastCR    bool // the last byte passed on was a \r, made \n
	err       error
}

func (t *textReader) Read(p []byte) (int, error) {
	if t.err != nil {
		return 0, t.err
	}
	if len(p) < 2*utf8.UTFMax {
		return 0, io.ErrShortBuffer
	}
	for {
		n := copy(p, t.carry)
		t.carry = t.carry[:0]
		m, err := t.r.Read(p[n:])
		n += m
		end := n
		if err == nil {
			// hold back a rune cut off at the end
			for k := 1; k < utf8.UTFMax && k <= end; k++ {
				if utf8.RuneStart(p[end-k]) {
					if !utf8.FullRune(p[end-k : end]) {
						t.carry = append(t.carry, p[end-k:end]...)
						end -= k
					}
					break
				}
			}
		}
		out := 0
		for i := 0; i < end; {
			c := p[i]
			size := 1
			switch {
			case c == 0:
				t.err = &textReaderError{fmt.Sprintf("%s:%d: binary data (NUL byte): not a text file", t.name, t.line)}
				return 0, t.err
			case c >= utf8.RuneSelf:
				var r rune
				r, size = utf8.DecodeRune(p[i:end])
				if r == utf8.RuneError && size <= 1 {
					t.err = &textReaderError{fmt.Sprintf("%s:%d:%d: invalid UTF-8 byte 0x%02X (not UTF-8, UTF-16 with BOM or GB18030 text)", t.name, t.line, t.col, c)}
					return 0, t.err
				}
			}
			switch {
			case c == '\n' && t.lastCR: // the \n of a \r\n already passed on
				t.lastCR = false
				i++
				continue
			case c == '\r':
				p[out] = '\n'
				t.lastCR = true
				out++
				t.line, t.col = t.line+1, 1
				i++
				continue
			case c == '\n':
				t.line, t.col = t.line+1, 1
			default:
				t.col++
			}
			t.lastCR = false
			copy(p[out:], p[i:i+size])
			out += size
			i += size
		}
		if err != nil {
			t.err = err
			if out > 0 && err == io.EOF {
				return out, nil
			}
			return out, err
		}
		if out > 0 {
			return out, nil
		}
	}
}

// textReaderError is a textReader's refusal; it names the file and line.
type textReaderError struct{ msg string }

func (e *textReaderError) Error() string { return e.msg }

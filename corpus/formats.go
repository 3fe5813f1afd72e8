package corpus

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Format is an input file format.
type Format string

// The formats Load reads, by file name.
const (
	FormatText     Format = "text"     // *.txt: bilingual plain text, or one side of NAME.zh.txt + NAME.en.txt
	FormatTSV      Format = "tsv"      // *.tsv: a Chinese and an English column per line
	FormatCSV      Format = "csv"      // *.csv: the same as comma-separated values
	FormatJSONL    Format = "jsonl"    // *.jsonl: {"zh": …, "en": …} per line
	FormatTMX      Format = "tmx"      // *.tmx: a TMX 1.1–1.4b translation memory
	FormatJSON     Format = "json"     // *.json: [{"doc", "seq", "zh", "en", "score"}], as `bisearch align -format json` writes
	FormatMarkdown Format = "markdown" // *.md: bilingual Markdown, or NAME.zh.md + NAME.en.md
	FormatHTML     Format = "html"     // *.html, *.htm: page pairs under language folders, or a bilingual page
	FormatXLIFF    Format = "xliff"    // *.xlf, *.xliff: XLIFF 1.2 or 2.0
)

// formatSpec is what bisearch knows of a format: the name endings that
// tell it, how a file of it is read, and how a document kept as two files
// (NAME.zh.EXT + NAME.en.EXT) is.
type formatSpec struct {
	format Format
	exts   []string
	// read reads a whole file's bytes (the formats read in memory)
	read func(name string, b []byte) ([]*Doc, error)
	// parts reads a file of pre-aligned units as it streams, handing its
	// documents on in parts (see Job.Stream)
	parts func(name string, r io.Reader, p *parts) error
	// pair reads a document kept as two files; nil when the format has no
	// such form
	pair func(id, zhName string, zb []byte, enName string, eb []byte) (*Doc, error)
	// pages: documents are also pages at the same path under a Chinese and
	// an English language folder
	pages bool
}

// one wraps a reader of one document.
func one(f func(name string, b []byte) (*Doc, error)) func(string, []byte) ([]*Doc, error) {
	return func(name string, b []byte) ([]*Doc, error) {
		d, err := f(name, b)
		if err != nil {
			return nil, err
		}
		return []*Doc{d}, nil
	}
}

// formats is the registry: a new format is one entry.
var formats = []formatSpec{
	{format: FormatText, exts: []string{".txt"}, read: one(ReadBilingual), pair: readTextPair},
	{format: FormatTSV, exts: []string{".tsv"}, parts: tsvParts},
	{format: FormatCSV, exts: []string{".csv"}, parts: csvParts},
	{format: FormatJSONL, exts: []string{".jsonl"}, parts: jsonlParts},
	{format: FormatJSON, exts: []string{".json"}, read: ReadAlignedJSON},
	{format: FormatTMX, exts: []string{".tmx"}, parts: tmxParts},
	{format: FormatXLIFF, exts: []string{".xlf", ".xliff"}, parts: xliffParts},
	{format: FormatMarkdown, exts: []string{".md", ".markdown"}, read: one(ReadMarkdown), pair: readMarkdownPair},
	{format: FormatHTML, exts: []string{".html", ".htm"}, read: one(ReadHTML), pair: ReadHTMLPair, pages: true},
}

// specOf is the registry's entry for a format.
func specOf(f Format) (formatSpec, bool) {
	for _, s := range formats {
		if s.format == f {
			return s, true
		}
	}
	return formatSpec{}, false
}

// Extensions lists the file name endings Load reads, for messages.
var Extensions = func() string {
	var parts []string
	for _, s := range formats {
		e := strings.Join(s.exts, "/")
		if s.pages {
			e += " (page pairs)"
		}
		parts = append(parts, e)
	}
	return strings.Join(parts, ", ")
}()

// FormatOf tells a file's format from its name, and false for a file Load
// does not read.
func FormatOf(name string) (Format, bool) {
	ext := strings.ToLower(filepath.Ext(name))
	for _, s := range formats {
		for _, e := range s.exts {
			if e == ext {
				return s.format, true
			}
		}
	}
	return "", false
}

// isPage reports whether a file is a page that may pair by folder.
func isPage(f string) bool {
	format, _ := FormatOf(f)
	s, _ := specOf(format)
	return s.pages
}

// partner names the other half of NAME.zh.EXT / NAME.en.EXT (for the
// formats with a two-file form), and whether path is the Chinese half.
func partner(path string) (other string, isZH bool, ok bool) {
	format, known := FormatOf(path)
	if s, _ := specOf(format); !known || s.pair == nil {
		return "", false, false
	}
	ext := filepath.Ext(path)
	base := strings.TrimSuffix(path, ext)
	switch strings.ToLower(filepath.Ext(base)) {
	case ".zh":
		return base[:len(base)-3] + ".en" + ext, true, true
	case ".en":
		return base[:len(base)-3] + ".zh" + ext, false, true
	}
	return "", false, false
}

// readPairFiles reads a document kept as two files, one per language.
func readPairFiles(id, zhPath, enPath string) (*Doc, error) {
	format, _ := FormatOf(zhPath)
	s, ok := specOf(format)
	if !ok || s.pair == nil {
		return nil, fmt.Errorf("%s: a %s file has no two-file form", zhPath, format)
	}
	zb, err := os.ReadFile(zhPath)
	if err != nil {
		return nil, err
	}
	eb, err := os.ReadFile(enPath)
	if err != nil {
		return nil, err
	}
	return s.pair(id, zhPath, zb, enPath, eb)
}

func readTextPair(id, zhName string, zb []byte, enName string, eb []byte) (*Doc, error) {
	d, err := ReadPair(zhName, zb, enName, eb)
	if d != nil {
		d.ID = id
	}
	return d, err
}

func readMarkdownPair(id, zhName string, zb []byte, enName string, eb []byte) (*Doc, error) {
	zp, err := markdownParagraphs(zhName, zb)
	if err != nil {
		return nil, err
	}
	ep, err := markdownParagraphs(enName, eb)
	if err != nil {
		return nil, err
	}
	return pairDoc(id, zhName, zp, enName, ep)
}

// ReadFileDocs reads one file in the format its name tells: one document,
// or several for a TMX or aligned-JSON file that names them.
func ReadFileDocs(path string) ([]*Doc, error) {
	format, ok := FormatOf(path)
	if !ok {
		return nil, fmt.Errorf("%s: unknown format (readable: %s)", path, Extensions)
	}
	if s, _ := specOf(format); s.parts != nil {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return collect(func(p *parts) error { return s.parts(path, f, p) })
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ReadDocs(path, format, b)
}

// ReadDocs parses the bytes of a file in any format into its documents.
func ReadDocs(name string, format Format, b []byte) ([]*Doc, error) {
	s, ok := specOf(format)
	switch {
	case !ok:
		return nil, fmt.Errorf("%s: unknown format %q", name, format)
	case s.parts != nil:
		return collect(func(p *parts) error { return s.parts(name, bytes.NewReader(b), p) })
	}
	return s.read(name, b)
}

// Read parses the bytes of a file in a format of one document per file;
// name is used for the document id and in error messages.
func Read(name string, format Format, b []byte) (*Doc, error) {
	docs, err := ReadDocs(name, format, b)
	if err != nil {
		return nil, err
	}
	if len(docs) != 1 {
		return nil, fmt.Errorf("%s: %d documents in one %s file", name, len(docs), format)
	}
	return docs[0], nil
}

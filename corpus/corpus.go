// Package corpus owns bisearch's domain types (documents, aligned units,
// languages) and everything that turns source files into them: readers for
// each input format, encoding detection, language detection by script,
// heading recognition and the alignment of Chinese and English paragraphs.
//
// It depends on the standard library and golang.org/x/text only.
package corpus

import (
	"fmt"
	"strings"
)

// Lang is the language of a paragraph.
type Lang string

// The two languages bisearch pairs.
const (
	ZH Lang = "zh"
	EN Lang = "en"
)

// Paragraph is one paragraph of a source document in one language.
type Paragraph struct {
	Text    string // as in the source, surrounding white space removed
	Lang    Lang
	Heading bool // a section heading or title rather than body text
	Line    int  // 1-based line in the source file (0 when not known)
	// cont marks a sentence the aligner cut from a paragraph that is not
	// the paragraph's first (alignMixed)
	cont bool
}

// Unit is one aligned unit of a document: a Chinese paragraph and its English
// translation, or a paragraph with no counterpart (the other side empty).
type Unit struct {
	Seq     int     // position in the document, from 0
	ZH      string  // Chinese paragraph, "" when the unit has none
	EN      string  // English paragraph, "" when the unit has none
	Section string  // the heading the unit stands under, if any
	Heading bool    // the unit is itself a heading
	Score   float64 // alignment confidence in [0,1]; 0 for an unpaired paragraph
	// Sentences is the pair's sentence alignment as Encode writes it, when
	// already known (from an earlier index); empty to compute it.
	Sentences string
}

// Paired reports whether the unit holds both a Chinese and an English paragraph.
func (u Unit) Paired() bool { return u.ZH != "" && u.EN != "" }

// Doc is a bilingual document as a sequence of aligned units.
type Doc struct {
	ID     string
	Title  string
	Source string // the file (or files) it was read from
	Units  []Unit
	// Lines is how the aligner read the document's lines (as sentences
	// or as paragraphs); "" for a document that came aligned (TMX, TSV …)
	Lines Granularity
	// Key and Hash identify the source files and their contents, so that a
	// later index run can tell whether they changed (set by the caller).
	Key, Hash string
	// Cont marks a later part of a document handed on in parts (Job.Stream):
	// its units follow those of the part before with the same ID.
	Cont bool
	// handed counts the units of the document handed on in parts so far,
	// pending the bytes of text of those not handed on yet
	handed, pending int
}

// UnitID returns the stable id of the unit at seq in the document with id doc.
func UnitID(doc string, seq int) string { return fmt.Sprintf("%s/%d", doc, seq) }

// Aligned counts the units that hold both languages.
func (d *Doc) Aligned() int {
	n := 0
	for _, u := range d.Units {
		if u.Paired() {
			n++
		}
	}
	return n
}

// Renumber sets each unit's Seq to its position.
func (d *Doc) Renumber() {
	for i := range d.Units {
		d.Units[i].Seq = i
	}
}

// IDFromName derives a document id from a file name: the base name without
// its extensions (and without a .zh/.en language suffix), lower-cased, with
// every character other than letters, digits, '.', '_' and '-' replaced by '-'.
func IDFromName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	lower := strings.ToLower(name)
	for _, ext := range []string{".txt", ".tsv", ".jsonl", ".json", ".tmx", ".csv", ".md", ".markdown", ".html", ".htm", ".xlf", ".xliff"} {
		if strings.HasSuffix(lower, ext) {
			name = name[:len(name)-len(ext)]
			lower = lower[:len(lower)-len(ext)]
			break
		}
	}
	for _, suf := range []string{".zh", ".en"} {
		if strings.HasSuffix(lower, suf) {
			name = name[:len(name)-len(suf)]
			break
		}
	}
	return SanitizeID(name)
}

// SanitizeID makes a document id of any string: lower case, with every
// character other than letters, digits, '.', '_' and '-' (and Chinese
// characters) replaced by '-', never empty.
func SanitizeID(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			b.WriteRune(r)
		case isHan(r):
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	id := strings.Trim(b.String(), "-.")
	if id == "" {
		id = "doc"
	}
	return id
}

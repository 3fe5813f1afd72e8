package corpus

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Problem is a file that could not be read (the other files still load),
// or, with Warn, something a user should know about a file that was read.
type Problem struct {
	Path string
	Err  error
	Warn bool
}

func (p Problem) Error() string { return p.Err.Error() }

// Load reads documents from files and folders. Folders are walked in name
// order for files whose format Load knows (hidden files and folders are
// passed over); NAME.zh.txt and NAME.en.txt side by side make one document.
// A file that cannot be read is reported as a Problem and skipped; the error
// is non-nil only when a named path does not exist or cannot be listed.
//
// Document ids come from file names; when two files give the same id, the
// later one (in the order the paths were named, then name order) gets -2,
// -3, … appended.
func Load(ctx context.Context, paths ...string) ([]*Doc, []Problem, error) {
	jobs, err := Plan(paths...)
	if err != nil {
		return nil, nil, err
	}
	var docs []*Doc
	var problems []Problem
	used := map[string]bool{}
	for _, j := range jobs {
		if j.Warning != "" {
			problems = append(problems, Problem{Path: j.Path(), Err: errors.New(j.Warning), Warn: true})
		}
		ds, err := j.Read(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			problems = append(problems, Problem{Path: j.Path(), Err: err})
			continue
		}
		for _, d := range ds {
			d.ID = UniqueID(d.ID, used)
			docs = append(docs, d)
		}
	}
	return docs, problems, nil
}

// UniqueID returns id, or id-2, id-3, … the first not in used, and marks it
// used.
func UniqueID(id string, used map[string]bool) string {
	out := id
	for n := 2; used[out]; n++ {
		out = fmt.Sprintf("%s-%d", id, n)
	}
	used[out] = true
	return out
}

// Job is one source of documents: a file, or a Chinese and an English file
// that make one document.
type Job struct {
	job
	Hash    string // SHA-256 of the file contents (both files for a pair)
	Size    int64  // bytes of the files
	Warning string // what a user should know about the job (one half of a pair alone)
}

// Path names the job's file, or its Chinese file for a pair.
func (j Job) Path() string { return j.path }

// Key identifies the job's files across runs.
func (j Job) Key() string {
	if j.en != "" {
		return j.path + " + " + j.en
	}
	return j.path
}

// Read reads and aligns the job's documents, their paragraphs past
// MaxParagraph split. When ctx is done first, Read returns its error at once
// (the reading, bounded by the paragraph cap, is left to end on its own).
func (j Job) Read(ctx context.Context) ([]*Doc, error) {
	type result struct {
		docs []*Doc
		err  error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		if j.en != "" {
			var d *Doc
			if d, r.err = readPairFiles(j.id, j.path, j.en); r.err == nil {
				r.docs = []*Doc{d}
			}
		} else {
			r.docs, r.err = ReadFileDocs(j.path)
		}
		for _, d := range r.docs {
			d.Units = SplitLong(d.Units)
			if j.root != "" {
				d.Source = j.source()
			}
		}
		done <- r
	}()
	select {
	case r := <-done:
		return r.docs, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Plan lists the jobs that Load would read from the named files and folders,
// with the content hash of each (a file that cannot be read gets an empty
// hash; reading it reports why).
func Plan(paths ...string) ([]Job, error) {
	var jobs []job
	warnings := map[string]string{}
	paired := map[string]bool{}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("corpus %q: %w", p, err)
		}
		if !st.IsDir() {
			// NAME.zh.txt and NAME.en.txt make one document however they
			// are named: both on the command line, or one with the other
			// beside it
			clean := filepath.Clean(p)
			if paired[clean] {
				continue
			}
			if other, isZH, ok := partner(clean); ok {
				if _, err := os.Stat(other); err == nil {
					paired[clean], paired[other] = true, true
					zh, en := clean, other
					if !isZH {
						zh, en = other, clean
					}
					jobs = append(jobs, job{path: zh, en: en, id: IDFromName(zh), root: filepath.Dir(clean)})
					continue
				}
				warnings[clean] = fmt.Sprintf("%s: no %s beside it, so it is read alone (its paragraphs stay untranslated)", p, filepath.Base(other))
			}
			jobs = append(jobs, job{path: p, root: filepath.Dir(clean)})
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if _, ok := FormatOf(path); ok && d.Type().IsRegular() {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("list corpus folder %q: %w", p, err)
		}
		sort.Strings(found)
		for _, j := range pairUp(p, found) {
			j.root = p
			jobs = append(jobs, j)
		}
	}
	out := make([]Job, len(jobs))
	for i, j := range jobs {
		h := hashFiles(j.path, j.en)
		if g := Lines(); g != LinesAuto && h != "" {
			h += " lines=" + string(g) // read again when the lines are taken otherwise
		}
		out[i] = Job{job: j, Hash: h, Size: fileSize(j.path) + fileSize(j.en), Warning: warnings[filepath.Clean(j.path)]}
	}
	return out, nil
}

// fileSize is the size of a file, 0 for none.
func fileSize(path string) int64 {
	if path == "" {
		return 0
	}
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

// hashFiles is the SHA-256 of the named files' contents, "" if one cannot
// be read.
func hashFiles(paths ...string) string {
	h := sha256.New()
	for _, p := range paths {
		if p == "" {
			continue
		}
		f, err := os.Open(p)
		if err != nil {
			return ""
		}
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return ""
		}
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// job is a file to read, or a pair of files (path Chinese, en English) that
// make one document with the given id.
type job struct {
	path, en, id string
	root         string // the folder named, or the named file's folder: Source is relative to it
}

// source names the job's files relative to the corpus root it came from,
// never as the server's absolute paths.
func (j job) source() string {
	rel := func(p string) string {
		if r, err := filepath.Rel(j.root, p); err == nil && !strings.HasPrefix(r, "..") {
			return filepath.ToSlash(r)
		}
		return filepath.Base(p)
	}
	if j.en != "" {
		return rel(j.path) + " + " + rel(j.en)
	}
	return rel(j.path)
}

// pairUp turns the files found in a folder into jobs: NAME.zh.EXT beside
// NAME.en.EXT make one document, and so do pages at the same path under a
// Chinese and an English language folder (zh-CN/apt.html, en-US/apt.html);
// every other file is read on its own. Order follows the file names.
func pairUp(root string, files []string) []job {
	type pair struct{ zh, en string }
	trees := map[string]*pair{}
	for _, f := range files {
		if !isPage(f) {
			continue
		}
		rel, err := filepath.Rel(root, f)
		if err != nil {
			continue
		}
		if key, lang, ok := pairKey(rel); ok {
			pr := trees[key]
			if pr == nil {
				pr = &pair{}
				trees[key] = pr
			}
			if lang == ZH && pr.zh == "" {
				pr.zh = f
			} else if lang == EN && pr.en == "" {
				pr.en = f
			}
		}
	}
	var jobs []job
	consumed := map[string]bool{}
	for _, f := range files {
		if consumed[f] {
			continue
		}
		consumed[f] = true
		if other, isZH, ok := partner(f); ok && !consumed[other] {
			if _, err := os.Stat(other); err == nil {
				consumed[other] = true
				zh, en := f, other
				if !isZH {
					zh, en = other, f
				}
				jobs = append(jobs, job{path: zh, en: en, id: IDFromName(zh)})
				continue
			}
		}
		if rel, err := filepath.Rel(root, f); err == nil && isPage(f) {
			if key, _, ok := pairKey(rel); ok {
				if pr := trees[key]; pr.zh != "" && pr.en != "" {
					consumed[pr.zh], consumed[pr.en] = true, true
					jobs = append(jobs, job{path: pr.zh, en: pr.en, id: idFromKey(key)})
					continue
				}
			}
		}
		jobs = append(jobs, job{path: f})
	}
	return jobs
}

// ReadTSV reads pre-aligned pairs, one per line, in tab-separated columns.
// Which column is Chinese and which English is told by script over the first
// lines (so "en<TAB>zh" files and extra columns such as attributions work); a
// first line with no Chinese in a file that has Chinese is a header. Empty
// lines are passed over; a non-empty line without a tab is an error naming
// its line.
func ReadTSV(name string, b []byte) (*Doc, error) {
	return oneDoc(collect(func(p *parts) error { return tsvParts(name, bytes.NewReader(b), p) }))
}

// oneDoc is the document a one-document reader collected.
func oneDoc(docs []*Doc, err error) (*Doc, error) {
	if err != nil {
		return nil, err
	}
	return docs[0], nil
}

// lineScanner reads the lines of a decoded text, at most MaxLine long.
func lineScanner(r io.Reader) *bufio.Scanner {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), MaxLine+1)
	return sc
}

// scanError names the line a line scanner stopped at.
func scanError(name string, line int, err error) error {
	if errors.Is(err, bufio.ErrTooLong) {
		return fmt.Errorf("%s:%d: the line is over the %d MB a line may have; split it into paragraphs", name, line, MaxLine>>20)
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if line > 0 && !hasPlace(err) {
		return fmt.Errorf("%s:%d: %w", name, line, err)
	}
	return err
}

// hasPlace reports whether err already names a file (the decoding errors
// do).
func hasPlace(err error) bool {
	var t *textReaderError
	return errors.As(err, &t)
}

// tsvParts reads a TSV file as it streams.
func tsvParts(name string, r io.Reader, p *parts) error {
	in, err := decodeStream(name, r)
	if err != nil {
		return err
	}
	sc := lineScanner(in)
	line := 0
	return table(name, p, func() (row, bool, error) {
		for sc.Scan() {
			line++
			text := sc.Text()
			if strings.TrimSpace(text) == "" {
				continue
			}
			if !strings.Contains(text, "\t") {
				return row{}, false, in.fault(fmt.Errorf("%s:%d: no tab: a TSV line needs a Chinese and an English column", name, line))
			}
			return row{strings.Split(text, "\t"), line}, true, nil
		}
		if err := sc.Err(); err != nil {
			return row{}, false, scanError(name, line+1, err)
		}
		return row{}, false, nil
	})
}

// row is a line of a table file.
type row struct {
	cols []string
	line int
}

// ReadCSV reads pre-aligned pairs from comma-separated values (quoted
// fields may hold commas, quotes and line breaks), columns told by script as
// in ReadTSV. A malformed line is an error naming it.
func ReadCSV(name string, b []byte) (*Doc, error) {
	return oneDoc(collect(func(p *parts) error { return csvParts(name, bytes.NewReader(b), p) }))
}

// csvParts reads a CSV file as it streams.
func csvParts(name string, r io.Reader, p *parts) error {
	in, err := decodeStream(name, r)
	if err != nil {
		return err
	}
	cr := csv.NewReader(in)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	return table(name, p, func() (row, bool, error) {
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				return row{}, false, nil
			}
			if err != nil {
				var pe *csv.ParseError
				if hasPlace(err) {
					return row{}, false, err
				}
				if errors.As(err, &pe) {
					if hasPlace(pe.Err) {
						return row{}, false, pe.Err
					}
					return row{}, false, in.fault(fmt.Errorf("%s:%d: invalid CSV: %v", name, pe.Line, pe.Err))
				}
				return row{}, false, in.fault(fmt.Errorf("%s: invalid CSV: %v", name, err))
			}
			line, _ := cr.FieldPos(0)
			if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
				continue
			}
			// a quote that is never closed swallows every line after it
			for i, f := range rec {
				if n := strings.Count(f, "\n"); n >= csvMaxFieldLines {
					at, _ := cr.FieldPos(i)
					return row{}, false, in.fault(fmt.Errorf("%s:%d: unclosed quote: the field that starts here runs over %d lines; close it, or write a quote inside a quoted field as \"\"", name, at, n+1))
				}
				if len(f) > MaxLine {
					at, _ := cr.FieldPos(i)
					return row{}, false, fmt.Errorf("%s:%d: the field is over the %d MB a line may have; split it into paragraphs", name, at, MaxLine>>20)
				}
			}
			if len(rec) < 2 {
				return row{}, false, in.fault(fmt.Errorf("%s:%d: only one column: a CSV line needs a Chinese and an English column, apart by a comma", name, line))
			}
			return row{rec, line}, true, nil
		}
	})
}

// csvMaxFieldLines is how many lines one CSV field may run over before it is
// taken for an unclosed quote.
const csvMaxFieldLines = 20

// tableHead is how many rows tell a table's columns.
const tableHead = 200

// table turns the rows of a TSV or CSV file, as next reads them, into a
// document handed on in parts; the columns are told from the first
// tableHead rows.
func table(name string, p *parts, next func() (row, bool, error)) error {
	var head []row
	for len(head) < tableHead {
		r, ok, err := next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		head = append(head, r)
	}
	if len(head) == 0 {
		return fmt.Errorf("%s: no text", name)
	}
	// columns by script
	var zhVotes, enVotes []int
	for _, r := range head {
		for c, v := range r.cols {
			for len(zhVotes) <= c {
				zhVotes, enVotes = append(zhVotes, 0), append(enVotes, 0)
			}
			if l, ok := DetectLang(v); ok {
				if l == ZH {
					zhVotes[c]++
				} else {
					enVotes[c]++
				}
			}
		}
	}
	zc, ec := 0, -1
	for c := range zhVotes {
		if zhVotes[c] > zhVotes[zc] {
			zc = c
		}
	}
	for c := range enVotes {
		if c != zc && (ec < 0 || enVotes[c] > enVotes[ec]) {
			ec = c
		}
	}
	if zhVotes[zc] == 0 {
		return fmt.Errorf("%s: no column holds Chinese text", name)
	}
	if z, e, ok := labelled(head[0].cols); ok {
		// a header that names the columns says which is which
		zc, ec = z, e
		head = head[1:]
	} else if isHeader(head[0].cols, zc) {
		head = head[1:]
	}
	id := IDFromName(name)
	doc := &Doc{ID: id, Title: id, Source: name}
	col := func(cols []string, c int) string {
		if c >= 0 && c < len(cols) {
			return cols[c]
		}
		return ""
	}
	for _, r := range head {
		if err := p.add(doc, col(r.cols, zc), col(r.cols, ec), "", 1); err != nil {
			return err
		}
	}
	for {
		r, ok, err := next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if err := p.add(doc, col(r.cols, zc), col(r.cols, ec), "", 1); err != nil {
			return err
		}
	}
	return p.flush(doc)
}

// labelled finds the Chinese and English columns a header row names
// (zh, en; Chinese, English; 中文, 英文; as bisearch's exports write them).
func labelled(cols []string) (zc, ec int, ok bool) {
	zc, ec = -1, -1
	for i, c := range cols {
		switch strings.ToLower(strings.TrimSpace(strings.TrimPrefix(c, "\ufeff"))) {
		case "zh", "zh-cn", "chinese", "中文":
			zc = i
		case "en", "english", "英文":
			ec = i
		}
	}
	return zc, ec, zc >= 0 && ec >= 0
}

// isHeader tells a header row (zh<TAB>en, source<TAB>target, …) from an
// English-only unit: it has no Chinese at all, something in the Chinese
// column, and only short labels.
func isHeader(cols []string, zc int) bool {
	if zc >= len(cols) || strings.TrimSpace(cols[zc]) == "" {
		return false
	}
	for _, c := range cols {
		for _, r := range c {
			if isHan(r) {
				return false
			}
		}
		if len(strings.Fields(c)) > 3 {
			return false
		}
	}
	return true
}

// ReadJSONL reads pre-aligned pairs, one JSON object {"zh": …, "en": …} per
// line (either may be missing or null). An invalid line is an error naming it.
func ReadJSONL(name string, b []byte) (*Doc, error) {
	return oneDoc(collect(func(p *parts) error { return jsonlParts(name, bytes.NewReader(b), p) }))
}

// jsonlParts reads a JSONL file as it streams.
func jsonlParts(name string, r io.Reader, p *parts) error {
	in, err := decodeStream(name, r)
	if err != nil {
		return err
	}
	id := IDFromName(name)
	doc := &Doc{ID: id, Title: id, Source: name}
	sc := lineScanner(in)
	line := 0
	for sc.Scan() {
		line++
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		var rec struct {
			ZH *string `json:"zh"`
			EN *string `json:"en"`
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		if err := dec.Decode(&rec); err != nil {
			var se *json.SyntaxError
			var te *json.UnmarshalTypeError
			switch {
			case errors.As(err, &se):
				return in.fault(fmt.Errorf("%s:%d: invalid JSON at column %d: %v", name, line, se.Offset, err))
			case errors.As(err, &te):
				return in.fault(fmt.Errorf("%s:%d: %s (want {\"zh\": …, \"en\": …})", name, line, wrongType(te)))
			}
			return in.fault(fmt.Errorf("%s:%d: invalid record: %v", name, line, err))
		}
		if dec.More() {
			return in.fault(fmt.Errorf("%s:%d: more than one JSON value on the line", name, line))
		}
		if err := p.add(doc, deref(rec.ZH), deref(rec.EN), "", 1); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return scanError(name, line+1, err)
	}
	if p.units == 0 {
		return fmt.Errorf("%s: no records", name)
	}
	return p.flush(doc)
}

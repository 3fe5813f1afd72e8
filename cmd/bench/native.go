package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

var flagNoNative = flag.Bool("no-native", false, "leave out native SQLite (the sqlite3 command-line program)")

// native is SQLite itself — Debian's sqlite3 program, the C library people
// who pick FTS5 run — on the same corpus and query mix as the pure-Go port.
type native struct {
	bin, db string
	took    time.Duration
	size    int64
	version string
}

// buildNative builds the FTS5 trigram table with the sqlite3 program: the
// units are written to a file first (ASCII unit and record separators, so
// no quoting), and the program's run — import and indexing — is timed.
func buildNative(dir string, units []pair) (*native, error) {
	bin, err := exec.LookPath("sqlite3")
	if err != nil {
		return nil, fmt.Errorf("the sqlite3 program is not installed (apt-get install sqlite3, or -no-native)")
	}
	n := &native{bin: bin, db: filepath.Join(dir, "native.db")}
	out, err := exec.Command(bin, "-version").Output()
	if err != nil {
		return nil, fmt.Errorf("sqlite3 -version: %v", err)
	}
	n.version = strings.Fields(string(out))[0]
	record := filepath.Join(dir, "native.json")
	if *flagReuse {
		if st, err := os.Stat(n.db); err == nil {
			n.size = st.Size()
			if b, err := os.ReadFile(record); err == nil {
				var s float64
				if _, err := fmt.Sscan(string(b), &s); err == nil {
					n.took = time.Duration(s * float64(time.Second))
				}
			}
			return n, nil
		}
	}
	os.Remove(record)
	src := filepath.Join(dir, "units.ascii")
	var b bytes.Buffer
	clean := strings.NewReplacer("\x1f", " ", "\x1e", " ")
	for _, u := range units {
		b.WriteString(clean.Replace(u.zh))
		b.WriteByte(0x1f)
		b.WriteString(clean.Replace(u.en))
		b.WriteByte(0x1e)
	}
	if err := os.WriteFile(src, b.Bytes(), 0o644); err != nil {
		return nil, err
	}
	defer os.Remove(src)
	script := "PRAGMA journal_mode=OFF;\nPRAGMA synchronous=OFF;\n" +
		"CREATE VIRTUAL TABLE t USING fts5(zh, en, tokenize='trigram');\n" +
		".mode ascii\n.import " + src + " t\n"
	// built under another name and renamed when done, so that -reuse never
	// takes a database a stopped run left half built
	part := n.db + ".part"
	os.Remove(part)
	cmd := exec.Command(bin, part)
	cmd.Stdin = strings.NewReader(script)
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil || len(bytes.TrimSpace(out)) > 0 && !bytes.Equal(bytes.TrimSpace(out), []byte("off")) {
		return nil, fmt.Errorf("sqlite3 build: %v %s", err, out)
	}
	n.took = time.Since(start)
	if err := os.Rename(part, n.db); err != nil {
		return nil, err
	}
	if err := os.WriteFile(record, []byte(fmt.Sprint(n.took.Seconds())), 0o644); err != nil {
		return nil, err
	}
	st, err := os.Stat(n.db)
	if err != nil {
		return nil, err
	}
	n.size = st.Size()
	return n, nil
}

// latencies runs the query mix *flagQ times in one sqlite3 process with
// .timer on, the same statements the pure-Go port runs (10 rows by rank,
// highlighted), and returns the percentiles of each statement's CPU time
// (user + system: the program prints wall time in milliseconds only).
func (n *native) latencies() (lat, error) {
	var script strings.Builder
	script.WriteString(".output /dev/null\n")
	for _, q := range queries[:min(len(queries), 3)] { // warm the page cache
		script.WriteString(literalSQL(ftsSQL(q)) + "\n")
	}
	script.WriteString(".timer on\n")
	for k := 0; k < *flagQ; k++ {
		script.WriteString(literalSQL(ftsSQL(queries[k%len(queries)])) + "\n")
	}
	cmd := exec.Command(n.bin, "-readonly", n.db)
	cmd.Stdin = strings.NewReader(script.String())
	out, err := cmd.Output()
	if err != nil {
		return lat{}, fmt.Errorf("sqlite3 queries: %v", err)
	}
	var ds []time.Duration
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text()) // Run Time: real R user U sys S
		if len(f) != 8 || f[0] != "Run" {
			continue
		}
		u, err1 := strconv.ParseFloat(f[5], 64)
		s, err2 := strconv.ParseFloat(f[7], 64)
		if err1 != nil || err2 != nil {
			continue
		}
		ds = append(ds, time.Duration((u+s)*float64(time.Second)))
	}
	if len(ds) != *flagQ {
		return lat{}, fmt.Errorf("sqlite3 printed %d timings for %d queries", len(ds), *flagQ)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return lat{p50: ds[len(ds)/2].Round(time.Microsecond), p99: ds[len(ds)*99/100].Round(time.Microsecond)}, nil
}

// literalSQL puts the arguments of a statement in its text, quoted.
func literalSQL(stmt string, args []any) string {
	for _, a := range args {
		stmt = strings.Replace(stmt, "?", "'"+strings.ReplaceAll(a.(string), "'", "''")+"'", 1)
	}
	return stmt + ";"
}

// ftsSQL is the statement both SQLites run for q: each word (or the
// phrase) as a trigram MATCH when it has three characters or more, else as
// LIKE (trigram indexes cannot look up shorter strings); 10 hits by rank,
// highlighted.
func ftsSQL(q string) (string, []any) {
	words := strings.Fields(strings.ReplaceAll(q, `"`, ""))
	if strings.HasPrefix(q, `"`) {
		words = []string{strings.Trim(q, `"`)}
	}
	var match []string
	var likes []string
	var args []any
	for _, w := range words {
		if utf8.RuneCountInString(w) >= 3 {
			match = append(match, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`)
		} else {
			likes = append(likes, `(zh LIKE ? OR en LIKE ?)`)
			args = append(args, "%"+w+"%", "%"+w+"%")
		}
	}
	where := []string{}
	if len(match) > 0 {
		where = append(where, `t MATCH ?`)
		args = append([]any{strings.Join(match, " AND ")}, args...)
	}
	where = append(where, likes...)
	order := ""
	if len(match) > 0 {
		order = " ORDER BY rank"
	}
	return `SELECT highlight(t, 0, '<mark>', '</mark>'), highlight(t, 1, '<mark>', '</mark>') FROM t WHERE ` +
		strings.Join(where, " AND ") + order + ` LIMIT 10`, args
}

package corpus

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// CC-CEDICT is embedded reduced to what bisearch reads of it — the Dict that
// parseCEDICT makes of the published file (cedict/, kept beside it) — in a
// form that loads in a fraction of the parse: the first search of a server
// waits for it. TestReducedCEDICT checks that it loads into the same Dict
// as the published file parses into, and with -update writes it again.
//
// The form, one record a line: "maxlen N"; "stems" and the stems in id
// order; "syllables" and the syllables; "r", a character and its readings;
// "proper" and the ids of the stems the glosses only ever write
// capitalised; "w", a headword, its stem ids and its head stem ids (base
// 36, comma separated). Fields are apart by tabs.

// encodeDict writes d in the reduced form, gzip-compressed.
func encodeDict(d *Dict) ([]byte, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "maxlen\t%d\n", d.maxLen)
	stems := make([]string, len(d.stemID))
	for s, id := range d.stemID {
		stems[id] = s
	}
	b.WriteString("stems\t" + strings.Join(stems, "\t") + "\n")
	syl := make([]string, 0, len(d.syllables))
	for s := range d.syllables {
		syl = append(syl, s)
	}
	slices.Sort(syl)
	b.WriteString("syllables\t" + strings.Join(syl, "\t") + "\n")
	runes := make([]rune, 0, len(d.readings))
	for r := range d.readings {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	for _, r := range runes {
		b.WriteString("r\t" + string(r) + "\t" + strings.Join(d.readings[r], "\t") + "\n")
	}
	words := make([]string, 0, len(d.words))
	for w := range d.words {
		words = append(words, w)
	}
	slices.Sort(words)
	ids := func(xs []int32) string {
		parts := make([]string, len(xs))
		for i, x := range xs {
			parts[i] = strconv.FormatInt(int64(x), 36)
		}
		return strings.Join(parts, ",")
	}
	proper := make([]int32, 0, len(d.proper))
	for id := range d.proper {
		proper = append(proper, id)
	}
	slices.Sort(proper)
	b.WriteString("proper\t" + ids(proper) + "\n")
	for _, w := range words {
		b.WriteString("w\t" + w + "\t" + ids(d.words[w]) + "\t" + ids(d.heads[w]) + "\n")
	}
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := io.WriteString(zw, b.String()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// decodeDict loads a Dict from the reduced form.
func decodeDict(gz []byte) (*Dict, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	var sb strings.Builder
	sb.Grow(8 << 20)
	if _, err := io.Copy(&sb, zr); err != nil {
		return nil, err
	}
	text := sb.String()
	d := &Dict{words: make(map[string][]int32, 250_000), heads: make(map[string][]int32, 250_000),
		readings: make(map[rune][]string, 20_000), syllables: map[string]bool{}, proper: map[int32]bool{}}
	parseIDs := func(s string) ([]int32, error) {
		if s == "" {
			return nil, nil
		}
		out := make([]int32, 0, strings.Count(s, ",")+1)
		for len(s) > 0 {
			var f string
			f, s, _ = strings.Cut(s, ",")
			x, err := strconv.ParseInt(f, 36, 32)
			if err != nil {
				return nil, err
			}
			out = append(out, int32(x))
		}
		return out, nil
	}
	line := 0
	for len(text) > 0 {
		var l string
		l, text, _ = strings.Cut(text, "\n")
		line++
		kind, rest, _ := strings.Cut(l, "\t")
		switch kind {
		case "maxlen":
			n, err := strconv.Atoi(rest)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", line, err)
			}
			d.maxLen = n
		case "stems":
			stems := strings.Split(rest, "\t")
			d.stemID = make(map[string]int32, len(stems))
			for i, s := range stems {
				d.stemID[s] = int32(i)
			}
		case "syllables":
			for _, s := range strings.Split(rest, "\t") {
				d.syllables[s] = true
			}
		case "r":
			c, readings, _ := strings.Cut(rest, "\t")
			r, _ := utf8.DecodeRuneInString(c)
			d.readings[r] = strings.Split(readings, "\t")
		case "proper":
			ps, err := parseIDs(rest)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", line, err)
			}
			for _, id := range ps {
				d.proper[id] = true
			}
		case "w":
			f := strings.SplitN(rest, "\t", 3)
			if len(f) != 3 {
				return nil, fmt.Errorf("line %d: %d fields", line, len(f))
			}
			ws, err := parseIDs(f[1])
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", line, err)
			}
			hs, err := parseIDs(f[2])
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", line, err)
			}
			d.words[f[0]] = ws
			d.heads[f[0]] = hs
		case "":
		default:
			return nil, fmt.Errorf("line %d: unknown record %q", line, kind)
		}
	}
	if len(d.words) == 0 || d.stemID == nil {
		return nil, fmt.Errorf("no entries")
	}
	return d, nil
}

//go:build ignore

// gen writes zh_s.words.gz: the words of gse's Simplified Chinese dictionary
// (the one gse.LoadDictEmbed("zh_s") loads) as gse stores them — each
// word's first entry, its frequency, words of frequency 0 left out — sorted,
// one "word<TAB>frequency" a line, after a first line with the total
// frequency. bisearch loads it into its own word table in a fraction of the
// time gse takes to build its trie (analysis/gse.go). Run it with
// `go generate ./analysis` after upgrading gse.
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"log"
	"os"
	"sort"
	"strconv"

	"github.com/go-ego/gse"
)

func main() {
	var seg gse.Segmenter
	seg.SkipLog = true
	if err := seg.LoadDictEmbed("zh_s"); err != nil {
		log.Fatal(err)
	}
	type entry struct {
		word string
		freq float64
	}
	var words []entry
	for i := range seg.Dict.Tokens {
		t := &seg.Dict.Tokens[i]
		words = append(words, entry{t.Text(), t.Freq()})
	}
	sort.Slice(words, func(i, j int) bool { return words[i].word < words[j].word })
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestCompression)
	fmt.Fprintf(zw, "total\t%s\n", strconv.FormatFloat(seg.Dict.TotalFreq(), 'g', -1, 64))
	for _, w := range words {
		fmt.Fprintf(zw, "%s\t%s\n", w.word, strconv.FormatFloat(w.freq, 'g', -1, 64))
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("zh_s.words.gz", out.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("zh_s.words.gz: %d words, total frequency %v", len(words), seg.Dict.TotalFreq())
}

package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/bisearch/bisearch/indexer"
	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
)

var flagParagraphs = flag.Bool("paragraphs", false, "measure `bisearch index` on one paragraph pair of 10 KB, 100 KB, 1 MB, 10 MB and 25 MB a side, and a search in it (and nothing else)")

// benchParagraphs times `bisearch index`, a child process, on a TSV file of
// one pair whose Chinese side is 10 KB to 10 MB (the English as long as the
// same real pairs make it), with its peak resident memory: indexing time
// should grow linearly with the paragraph's size. A search for a word of
// the paragraph follows each build: it should not grow with the paragraph.
func benchParagraphs(dir string, pairs []pair) error {
	bin := filepath.Join(dir, "bisearch")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/bisearch/bisearch/cmd/bisearch").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	fmt.Printf("## One huge paragraph\n\n`bisearch index` on a TSV file of one pair (real sentences joined into one line a side); wall time and peak RSS of the child process; then a search for a word of the paragraph, highlighted, on the index opened in this process (the second of two, the dictionaries loaded), and its hits.\n\n")
	fmt.Printf("| Chinese side | English side | units made | time | s per MB | peak RSS | search | hits |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, size := range []int{10 << 10, 100 << 10, 1 << 20, 10 << 20, 25 << 20} {
		var zh, en strings.Builder
		for i := 0; zh.Len() < size; i++ {
			p := pairs[i%len(pairs)]
			zh.WriteString(strings.NewReplacer("\t", " ", "\n", " ").Replace(p.zh))
			en.WriteString(strings.NewReplacer("\t", " ", "\n", " ").Replace(p.en))
			en.WriteByte(' ')
		}
		src := filepath.Join(dir, fmt.Sprintf("para-%d.tsv", size))
		if err := os.WriteFile(src, []byte(zh.String()+"\t"+en.String()+"\n"), 0o644); err != nil {
			return err
		}
		idx := filepath.Join(dir, fmt.Sprintf("para-%d", size))
		cmd := bisearchCmd(bin, "index", "-index", idx, "-corpus", src)
		start := time.Now()
		out, err := cmd.CombinedOutput()
		took := time.Since(start)
		if err != nil {
			return fmt.Errorf("bisearch index on %d bytes: %v\n%s", size, err, out)
		}
		var units int
		fmt.Sscanf(string(out)[strings.Index(string(out), "document, ")+len("document, "):], "%d", &units)
		rss := int64(0)
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = ru.Maxrss << 10
		}
		mb := float64(zh.Len()+en.Len()) / 1e6
		q := []rune(pairs[0].zh)
		word := string(q[:min(2, len(q))])
		searchTook, total, err := warmSearch(idx, word)
		if err != nil {
			return fmt.Errorf("search %s on %d bytes: %v", word, size, err)
		}
		fmt.Printf("| %s | %s | %d | %.1f s | %.1f | %.0f MB | %.1f ms | %d |\n", human(zh.Len()), human(en.Len()), units, took.Seconds(), took.Seconds()/mb, float64(rss)/1e6, float64(searchTook.Microseconds())/1000, total)
		os.RemoveAll(idx)
		os.Remove(src)
	}
	return nil
}

func human(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// warmSearch opens an index and times the second of two searches for q
// (10 hits, highlighted).
func warmSearch(dir, q string) (time.Duration, uint64, error) {
	ix, err := indexer.Open(dir)
	if err != nil {
		return 0, 0, err
	}
	defer ix.Close()
	var r *search.Result
	for range 2 {
		if r, err = ix.Search(context.Background(), query.Request{Text: q, Size: 10}); err != nil {
			return 0, 0, err
		}
	}
	return r.Took, r.Total, nil
}

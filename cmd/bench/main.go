// Command bench measures bisearch the same way every time, next to what an
// engineer would otherwise pick, on the same text and the same queries:
// SQLite FTS5 with the trigram tokenizer, a plain scan, and gse segmentation
// alone as the ceiling for indexing. It assembles a corpus of N units from
// ../shared/data (replicated with variation past the real ~100k pairs),
// indexes it, and prints a Markdown report (see BENCHMARKS.md).
//
//	cd cmd/bench && go run . -n 100000 [-opensearch URL]
//
// It is a module of its own, so that its SQLite stays out of bisearch's build.
package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	_ "modernc.org/sqlite"

	"github.com/bisearch/bisearch/analysis"
	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/indexer"
	"github.com/bisearch/bisearch/ingest"
	"github.com/bisearch/bisearch/query"
	bsearch "github.com/bisearch/bisearch/search"
)

var (
	flagN      = flag.Int("n", 100_000, "units to index")
	flagData   = flag.String("data", "../../../shared/data", "the shared data folder (../shared/data beside the checkout)")
	flagDir    = flag.String("work", "", "work folder (default: a temporary one, removed after)")
	flagQ      = flag.Int("q", 300, "queries per latency run")
	flagSh     = flag.Int("shards", 0, "index shards (0: bisearch's default, one per 250,000 units up to one per core)")
	flagSkip   = flag.Bool("no-fts", false, "leave out SQLite FTS5")
	flagNoScan = flag.Bool("no-scan", false, "leave out the plain scan's latencies (its hit counts stay)")
	flagProf   = flag.String("cpuprofile", "", "write a CPU profile of the bisearch build to this file")
	flagMem    = flag.String("memprofile", "", "write a heap profile of the bisearch build, taken when 90% of the units are in, to this file")
)

// the fixed query mix: Chinese of 1–6 characters, English words and
// phrases, mixed
var queries = []string{
	"法", "图书", "图书馆", "知识产权", "惩罚性赔偿", "中华人民共和国",
	"library", "doctor", "protection", `"United States"`, `"the kingdom of heaven"`,
	"COVID 疫苗", "WIPO 仲裁", "2020年",
}

type pair struct{ zh, en string }

func main() {
	flag.Parse()
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run() error {
	pairs, err := realPairs(*flagData)
	if err != nil {
		return err
	}
	if *flagParagraphs {
		dir, err := os.MkdirTemp("", "bisearch-paragraphs-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		return benchParagraphs(dir, pairs)
	}
	f := &figures{units: replicate(pairs, *flagN)}
	for _, u := range f.units {
		f.raw += int64(len(u.zh) + len(u.en))
	}
	dir := *flagDir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "bisearch-bench-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	fmt.Printf("# bisearch benchmark\n\n%d units (%d real pairs, replicated with variation), %.1f MB of text; %d cores (GOMAXPROCS %d), %s\n\n",
		len(f.units), len(pairs), float64(f.raw)/1e6, runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version())
	if *flagServeOnly {
		printServe(dir)
		return nil
	}
	if *flagBuildOnly {
		if f.e, err = benchEmbedded(dir, f.units); err != nil {
			return err
		}
		e := f.e
		fmt.Printf("| units | MB of text | build | MB/s | size on disk | peak RSS of `bisearch index` | of it, its own memory (RssAnon) |\n|---:|---:|---:|---:|---:|---:|---:|\n")
		fmt.Printf("| %d | %.1f | %.1f s | %.2f | %.1f MB | %.0f MB | %.0f MB |\n", len(f.units), float64(f.raw)/1e6, e.took.Seconds(),
			float64(f.raw)/1e6/e.took.Seconds(), float64(e.size)/1e6, float64(e.peak)/1e6, float64(childAnon)/1e6)
		if cgroupNote != "" {
			fmt.Printf("\n%s\n", cgroupNote)
		}
		return nil
	}
	// gse segmentation alone, all cores: the ceiling for indexing
	if !*flagNoFloor {
		if f.floorMBs, f.floorSize, err = ngramFieldAlone(dir, f.units); err != nil {
			return err
		}
		if f.segMBs, err = segmentationAlone(f.units); err != nil {
			return err
		}
	}
	if f.e, err = benchEmbedded(dir, f.units); err != nil {
		return err
	}
	if !*flagNoScan {
		scan := func(q string) (int, error) { return scanCount(f.units, q), nil }
		f.sc1, _ = latencies(scan, 1)
		f.sc8, _ = latencies(scan, 8)
	}
	if !*flagSkip {
		if f.fts, f.ftsTook, f.ftsSize, err = buildFTS(filepath.Join(dir, "fts.db"), f.units); err != nil {
			return err
		}
		defer f.fts.Close()
	}
	if !*flagNoNative {
		if f.nat, err = buildNative(dir, f.units); err != nil {
			return err
		}
	}
	if *flagCluster != "" {
		if f.cl, err = benchCluster(asDocs(f.units), f.units); err != nil {
			return fmt.Errorf("on the cluster: %w", err)
		}
	}
	f.printIndexing()
	if err := f.printLatency(); err != nil {
		return err
	}
	if err := f.printWorkbench(); err != nil {
		return err
	}
	f.printHits()
	printServe(dir)
	return nil
}

// figures are what one run measured.
type figures struct {
	units            []pair
	raw              int64
	floorMBs, segMBs float64
	floorSize        int64
	e                *embedded
	fts              *sql.DB
	nat              *native
	ftsTook          time.Duration
	ftsSize          int64
	cl               clusterFigures
	sc1, sc8         lat // the plain scan
}

// embedded is bisearch's own index as the run built and queried it.
type embedded struct {
	st       ingest.Stats
	took     time.Duration
	size     int64
	peak     int64 // the building process's peak RSS
	child    bool  // built by a child `bisearch index` over TSV files
	reused   bool  // built by an earlier run (-reuse)
	ready    time.Duration
	ix       *indexer.Index
	search   func(string) (int, error)
	bs1, bs8 lat
}

// benchEmbedded builds the embedded index of docs in idxDir (profiled when
// asked), opens it and measures its query latencies.
func benchEmbedded(dir string, units []pair) (*embedded, error) {
	e := &embedded{}
	idxDir := filepath.Join(dir, "index")
	if *flagProf != "" || *flagMem != "" || *flagInProcess {
		if err := buildInProcess(e, idxDir, asDocs(units)); err != nil {
			return nil, err
		}
	} else if rec, ok, err := reuseIndex(dir, idxDir, len(units)); err != nil {
		return nil, err
	} else if ok {
		e.took, e.peak, childAnon = time.Duration(rec.Took*float64(time.Second)), rec.Peak, rec.Anon
		e.child, e.reused = true, true
		e.st.Units = len(units)
	} else {
		os.Remove(filepath.Join(dir, "built.json"))
		bin, err := bisearchBinary(dir)
		if err != nil {
			return nil, err
		}
		corpusDir := filepath.Join(dir, "corpus")
		if err := writeCorpus(corpusDir, units); err != nil {
			return nil, err
		}
		if e.took, e.peak, err = childIndex(bin, idxDir, corpusDir); err != nil {
			return nil, err
		}
		e.child = true
		e.st.Units = len(units)
		os.RemoveAll(corpusDir)
		if err := recordBuild(dir, builtRecord{Units: len(units), Took: e.took.Seconds(), Peak: e.peak, Anon: childAnon}); err != nil {
			return nil, err
		}
	}
	e.size = indexer.DirSize(idxDir)
	if *flagBuildOnly {
		return e, nil
	}
	readyStart := time.Now()
	var err error
	if e.ix, err = indexer.Open(idxDir); err != nil {
		return nil, err
	}
	if _, err := e.ix.Search(context.Background(), query.Request{Text: "知识产权"}); err != nil {
		return nil, err
	}
	e.ready = time.Since(readyStart)
	e.search = func(q string) (int, error) {
		r, err := e.ix.Search(context.Background(), query.Request{Text: q, Size: 10})
		if err != nil {
			return 0, err
		}
		return int(r.Total), nil
	}
	if *flagQProf != "" {
		f, err := os.Create(*flagQProf)
		if err != nil {
			return nil, err
		}
		pprof.StartCPUProfile(f)
	}
	if e.bs1, err = latencies(e.search, 1); err != nil {
		return nil, err
	}
	if *flagQProf != "" {
		pprof.StopCPUProfile()
	}
	if e.bs8, err = latencies(e.search, 8); err != nil {
		return nil, err
	}
	return e, nil
}

// buildInProcess builds the index of docs in this process, profiled when
// asked.
func buildInProcess(e *embedded, idxDir string, docs []*corpus.Doc) error {
	if *flagProf != "" {
		f, err := os.Create(*flagProf)
		if err != nil {
			return err
		}
		pprof.StartCPUProfile(f)
	}
	start := time.Now()
	var progress ingest.Progress
	if *flagMem != "" {
		taken := false
		progress = func(done, total int) {
			if !taken && done*10 >= total*9 {
				taken = true
				runtime.GC()
				if f, err := os.Create(*flagMem); err == nil {
					pprof.WriteHeapProfile(f)
					f.Close()
				}
			}
		}
	}
	st, err := indexer.BuildFrom(context.Background(), idxDir, ingest.Docs(docs), indexer.Options{Progress: progress, Shards: *flagSh})
	if err != nil {
		return err
	}
	e.st, e.took = st, time.Since(start)
	if *flagProf != "" {
		pprof.StopCPUProfile()
	}
	e.peak = peakRSS()
	return nil
}

func (f *figures) printIndexing() {
	e, raw := f.e, f.raw
	indexMBs := float64(raw) / 1e6 / e.took.Seconds()
	fmt.Printf("## Indexing\n\n| engine | time | MB/s | units/s | size on disk | size / raw text |\n|---|---:|---:|---:|---:|---:|\n")
	if !*flagNoFloor {
		fmt.Printf("| gse segmentation alone (Chinese side, all cores) | | %.2f | | | |\n", f.segMBs)
		fmt.Printf("| bleve's offline builder, n-gram field alone (no gse, nothing stored; all cores) | | %.2f | | %.1f MB | %.2f |\n", f.floorMBs, float64(f.floorSize)/1e6, float64(f.floorSize)/float64(raw))
	}
	switch {
	case e.reused && e.took == 0:
		fmt.Printf("| bisearch (`bisearch index`, built by an earlier run that recorded no figures) | | | | %.1f MB | %.2f |\n",
			float64(e.size)/1e6, float64(e.size)/float64(raw))
	default:
		by := "`bisearch index`, or `indexer.Build` in-process"
		if e.reused {
			by = "`bisearch index`, built by an earlier run: its figures"
		}
		fmt.Printf("| bisearch (%s) | %.1f s | %.2f | %.0f | %.1f MB | %.2f |\n",
			by, e.took.Seconds(), indexMBs, float64(e.st.Units)/e.took.Seconds(), float64(e.size)/1e6, float64(e.size)/float64(raw))
	}
	if f.fts != nil {
		fmt.Printf("| SQLite FTS5, trigram tokenizer (pure-Go port, modernc.org/sqlite) | %.1f s | %.2f | %.0f | %.1f MB | %.2f |\n",
			f.ftsTook.Seconds(), float64(raw)/1e6/f.ftsTook.Seconds(), float64(len(f.units))/f.ftsTook.Seconds(), float64(f.ftsSize)/1e6, float64(f.ftsSize)/float64(raw))
	}
	against := ""
	if n := f.nat; n != nil && n.took > 0 {
		fmt.Printf("| SQLite FTS5, trigram tokenizer (native: the sqlite3 %s program, C) | %.1f s | %.2f | %.0f | %.1f MB | %.2f |\n",
			n.version, n.took.Seconds(), float64(raw)/1e6/n.took.Seconds(), float64(len(f.units))/n.took.Seconds(), float64(n.size)/1e6, float64(n.size)/float64(raw))
		if e.took > 0 {
			against = fmt.Sprintf("\nAgainst native SQLite: bisearch builds at %.2f × its speed and its index is %.2f × the size.\n",
				n.took.Seconds()/e.took.Seconds(), float64(e.size)/float64(n.size))
		}
	} else if n != nil {
		fmt.Printf("| SQLite FTS5, trigram tokenizer (native: the sqlite3 %s program, C; built by an earlier run that recorded no time) | | | | %.1f MB | %.2f |\n",
			n.version, float64(n.size)/1e6, float64(n.size)/float64(raw))
	}
	if cl := f.cl; *flagCluster != "" {
		fmt.Printf("| bisearch on OpenSearch (%d shards, %d replica, 3 nodes on this machine; bulk load, forced merge) | %.1f s | %.2f | %.0f | %.1f MB (%.1f MB with replicas) | %.2f |\n",
			*flagShards, *flagReplicas, cl.took.Seconds(), float64(raw)/1e6/cl.took.Seconds(), float64(e.st.Units)/cl.took.Seconds(),
			float64(cl.primary)/1e6, float64(cl.total)/1e6, float64(cl.primary)/float64(raw))
	}
	fmt.Print(against)
	who := "of this process after building"
	if e.child {
		who = fmt.Sprintf("of the `bisearch index` process (reading %d-unit TSV files)", fileUnits)
	}
	if !*flagNoFloor {
		fmt.Printf("\nbleve indexing the n-gram field alone runs at %.2f × gse segmentation alone and takes %.2f × the raw text on disk: the floor of any bleve index that finds every substring.\n", f.floorMBs/f.segMBs, float64(f.floorSize)/float64(raw))
		fmt.Printf("\nbisearch indexing runs at %.2f × gse segmentation alone.", indexMBs/f.segMBs)
	}
	own := ""
	if e.child {
		own = fmt.Sprintf(" (its own memory, RssAnon, at most %.0f MB: the rest is index files it maps while bleve merges them)", float64(childAnon)/1e6)
	}
	if e.reused && e.peak == 0 {
		fmt.Printf("\nOpening the index and answering a first query (dictionaries already loaded): %v.\n\n", e.ready.Round(time.Millisecond))
		return
	}
	fmt.Printf("\nPeak RSS %s: %.0f MB%s; opening the index and answering a first query (dictionaries already loaded): %v.\n\n", who, float64(e.peak)/1e6, own, e.ready.Round(time.Millisecond))
	if cgroupNote != "" {
		fmt.Printf("%s\n\n", cgroupNote)
	}
}

func (f *figures) printLatency() error {
	e, cl := f.e, f.cl
	fmt.Printf("## Query latency (%d queries per run, the mix below, 10 hits with highlighting)\n\n", *flagQ)
	fmt.Printf("| engine | concurrency | p50 | p99 |\n|---|---:|---:|---:|\n")
	fmt.Printf("| bisearch | 1 | %v | %v |\n| bisearch | 8 | %v | %v |\n", e.bs1.p50, e.bs1.p99, e.bs8.p50, e.bs8.p99)
	if *flagCluster != "" {
		fmt.Printf("| bisearch on OpenSearch | 1 | %v | %v |\n| bisearch on OpenSearch | 8 | %v | %v |\n", cl.c1.p50, cl.c1.p99, cl.c8.p50, cl.c8.p99)
	}
	if f.fts != nil {
		ftsQ := func(q string) (int, error) { return ftsSearch(f.fts, q) }
		f1, err := latencies(ftsQ, 1)
		if err != nil {
			return err
		}
		f8, err := latencies(ftsQ, 8)
		if err != nil {
			return err
		}
		fmt.Printf("| SQLite FTS5 trigram, pure-Go port (LIKE below 3 characters) | 1 | %v | %v |\n| SQLite FTS5 trigram, pure-Go port | 8 | %v | %v |\n", f1.p50, f1.p99, f8.p50, f8.p99)
		fmt.Printf("\np50 ratio bisearch / FTS5 at concurrency 1: %.2f; at 8: %.2f\n", ratio(e.bs1.p50, f1.p50), ratio(e.bs8.p50, f8.p50))
	}
	if n := f.nat; n != nil {
		l, err := n.latencies()
		if err != nil {
			return err
		}
		fmt.Printf("| native SQLite FTS5 trigram (sqlite3 %s; CPU time of each statement, in one process) | 1 | %v | %v |\n", n.version, l.p50, l.p99)
		fmt.Printf("\np50 ratio bisearch / native SQLite at concurrency 1: %.2f\n", ratio(e.bs1.p50, l.p50))
	}
	if !*flagNoScan {
		fmt.Printf("| plain scan | 1 | %v | %v |\n| plain scan | 8 | %v | %v |\n", f.sc1.p50, f.sc1.p99, f.sc8.p50, f.sc8.p99)
	}
	if *flagCluster != "" {
		perM := 1e6 / float64(e.st.Units)
		fmt.Printf("\nFor sizing the cluster: per million pairs of this text (%.0f bytes a pair), %.2f GB on disk for one copy of the index, %.2f GB with %d replica; the embedded index %.2f GB.\n",
			float64(f.raw)/float64(e.st.Units), float64(cl.primary)*perM/1e9, float64(cl.total)*perM/1e9, *flagReplicas, float64(e.size)*perM/1e9)
		fmt.Printf("Ratios in this run: indexing cluster / embedded %.2f; p50 at concurrency 1 cluster / embedded %.2f, at 8 %.2f.\n",
			e.took.Seconds()/cl.took.Seconds(), ratio(cl.c1.p50, e.bs1.p50), ratio(cl.c8.p50, e.bs8.p50))
	}
	return nil
}

func (f *figures) printWorkbench() error {
	wb, err := benchWorkbench(f.e.ix, f.units)
	if err != nil {
		return err
	}
	fmt.Printf("\n## The workbench\n\nFuzzy matches: %d sentences of the corpus with one word left out, half Chinese, half English (`search.SimilarTo`, %d candidates re-scored). "+
		"Concordance: the query mix, the first 50 lines sorted by left context (every match of up to %d hits read). Export: every hit of `%s` as TSV, streamed.\n\n",
		*flagQ, bsearch.SimilarCandidates, bsearch.MaxConcordanceUnits, wb.exportQuery)
	fmt.Printf("| engine | fuzzy p50 | fuzzy p99 | concordance p50 | concordance p99 | export |\n|---|---:|---:|---:|---:|---:|\n")
	printWorkbench("bisearch", wb)
	if f.cl.wb != nil {
		printWorkbench("bisearch on OpenSearch", *f.cl.wb)
	}
	return nil
}

func (f *figures) printHits() {
	fmt.Printf("\n## Hits per query (bisearch total / plain scan count) and bisearch's median time of 9 runs\n\n| query | bisearch | scan | bisearch time |\n|---|---:|---:|---:|\n")
	for _, q := range queries {
		var n int
		ds := make([]time.Duration, 9)
		for i := range ds {
			start := time.Now()
			n, _ = f.e.search(q)
			ds[i] = time.Since(start)
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		fmt.Printf("| `%s` | %d | %d | %v |\n", q, n, scanCount(f.units, q), ds[len(ds)/2].Round(10*time.Microsecond))
	}
}

// serveRuns is how many times the serve section starts the server.
const serveRuns = 3

func printServe(dir string) {
	var readies []time.Duration
	var rss, rssPeak int64
	for i := 0; i < serveRuns; i++ {
		ready, r, p, err := serveOnSample(dir)
		if err != nil {
			fmt.Printf("\n## `bisearch serve` on the sample corpus\n\nnot measured: %v\n", err)
			return
		}
		readies = append(readies, ready)
		rss, rssPeak = max(rss, r), max(rssPeak, p)
	}
	shown := make([]string, len(readies))
	for i, r := range readies {
		shown[i] = r.Round(time.Millisecond).String()
	}
	sort.Slice(readies, func(i, j int) bool { return readies[i] < readies[j] })
	if dictLoad == 0 {
		start := time.Now()
		analysis.SegmentOnly("词典先载入")
		dictLoad = time.Since(start)
	}
	dict := fmt.Sprintf("gse loading its Simplified Chinese dictionary alone took %v in this process.", dictLoad.Round(time.Millisecond))
	if dictLoad < time.Millisecond {
		dict = "(gse's dictionary was loaded in this process before: its load alone is timed by -serve-only.)"
	}
	fmt.Printf("\n## `bisearch serve` on the sample corpus\n\nfrom start to /readyz 200 and a first search answered, %d runs: median %v (%s); resident memory 2 s after the query mix: at most %.0f MB (peak %.0f MB). %s\n",
		serveRuns, readies[len(readies)/2].Round(time.Millisecond), strings.Join(shown, ", "), float64(rss)/1e6, float64(rssPeak)/1e6, dict)
}

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// realPairs reads the real aligned pairs of the shared data.
func realPairs(data string) ([]pair, error) {
	var out []pair
	// Tatoeba: en \t zh \t attribution
	if b, err := os.ReadFile(filepath.Join(data, "tatoeba-cmn", "cmn.txt")); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			f := strings.Split(line, "\t")
			if len(f) >= 2 {
				out = append(out, pair{f[1], strings.TrimPrefix(f[0], "\ufeff")})
			}
		}
	}
	// Bible verses: verse \t en \t zh
	if b, err := os.ReadFile(filepath.Join(data, "bible-kjv-cuv", "verses.tsv")); err == nil {
		for i, line := range strings.Split(string(b), "\n") {
			f := strings.Split(line, "\t")
			if i > 0 && len(f) == 3 {
				out = append(out, pair{f[2], f[1]})
			}
		}
	}
	// WMT sentence sets: NAME.zh / NAME.en line-aligned
	zhs, _ := filepath.Glob(filepath.Join(data, "wmt-sentences", "*.zh"))
	for _, z := range zhs {
		e := strings.TrimSuffix(z, ".zh") + ".en"
		zb, err1 := os.ReadFile(z)
		eb, err2 := os.ReadFile(e)
		if err1 != nil || err2 != nil {
			continue
		}
		zl, el := strings.Split(string(zb), "\n"), strings.Split(string(eb), "\n")
		for i := 0; i < len(zl) && i < len(el); i++ {
			out = append(out, pair{zl[i], el[i]})
		}
	}
	// WMT24 paragraphs
	if f, err := os.Open(filepath.Join(data, "wmt-docs", "wmt24-en-zh", "documents.jsonl")); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 16<<20)
		for sc.Scan() {
			var rec struct{ ZH, EN []string }
			if json.Unmarshal(sc.Bytes(), &rec) == nil {
				for i := range rec.ZH {
					out = append(out, pair{rec.ZH[i], rec.EN[i]})
				}
			}
		}
		f.Close()
	}
	var clean []pair
	for _, p := range out {
		p.zh, p.en = strings.TrimSpace(p.zh), strings.TrimSpace(p.en)
		if p.zh != "" && p.en != "" && utf8.ValidString(p.zh+p.en) {
			clean = append(clean, p)
		}
	}
	if len(clean) == 0 {
		return nil, fmt.Errorf("no pairs found under %s", data)
	}
	return clean, nil
}

// replicate makes n units: the real pairs first, then variations, each
// joining a pair with another one further on, so texts stay real but do
// not repeat.
func replicate(ps []pair, n int) []pair {
	out := make([]pair, 0, n)
	for k := 0; len(out) < n; k++ {
		for i := 0; i < len(ps) && len(out) < n; i++ {
			if k == 0 {
				out = append(out, ps[i])
				continue
			}
			q := ps[(i*7+k*13)%len(ps)]
			out = append(out, pair{ps[i].zh + q.zh, ps[i].en + " " + q.en})
		}
	}
	return out
}

func asDocs(units []pair) []*corpus.Doc {
	var docs []*corpus.Doc
	for i := 0; i < len(units); i += 1000 {
		d := &corpus.Doc{ID: fmt.Sprintf("bench-%05d", i/1000), Title: fmt.Sprintf("bench %d", i/1000)}
		for j := i; j < len(units) && j < i+1000; j++ {
			d.Units = append(d.Units, corpus.Unit{Seq: j - i, ZH: units[j].zh, EN: units[j].en, Score: 1})
		}
		docs = append(docs, d)
	}
	return docs
}

// ngramFieldAlone is the floor of any bleve index that finds every Chinese
// substring: bleve's offline builder indexing only the n-gram field (no gse,
// no English, nothing stored), one builder per core, over the same text.
func ngramFieldAlone(dir string, units []pair) (mbs float64, size int64, err error) {
	m := bleve.NewIndexMapping()
	if err := m.AddCustomAnalyzer("ngrams", map[string]interface{}{"type": custom.Name, "tokenizer": indexer.TokenizerZHGram}); err != nil {
		return 0, 0, err
	}
	f := bleve.NewTextFieldMapping()
	f.Analyzer, f.Store, f.IncludeInAll, f.IncludeTermVectors, f.DocValues = "ngrams", false, false, true, false
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("zhg", f)
	m.DefaultMapping = doc
	workers := runtime.GOMAXPROCS(0)
	var bytes int64
	for _, u := range units {
		bytes += int64(len(u.zh) + len(u.en))
	}
	start := time.Now()
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		go func(w int) {
			b, err := bleve.NewBuilder(filepath.Join(dir, fmt.Sprintf("floor-%d", w)), m, map[string]interface{}{"batchSize": 2500, "buildPathPrefix": dir})
			if err != nil {
				errs <- err
				return
			}
			for i := w; i < len(units); i += workers {
				if err := b.Index(strconv.Itoa(i), map[string]interface{}{"zhg": units[i].zh}); err != nil {
					errs <- err
					return
				}
			}
			errs <- b.Close()
		}(w)
	}
	for w := 0; w < workers; w++ {
		if err := <-errs; err != nil {
			return 0, 0, err
		}
	}
	took := time.Since(start)
	for w := 0; w < workers; w++ {
		floor := filepath.Join(dir, fmt.Sprintf("floor-%d", w))
		size += indexer.DirSize(floor)
		os.RemoveAll(floor)
	}
	return float64(bytes) / 1e6 / took.Seconds(), size, nil
}

// dictLoad is how long gse took to load its dictionary in this process.
var dictLoad time.Duration

func segmentationAlone(units []pair) (float64, error) {
	start := time.Now()
	analysis.SegmentOnly("词典先载入") // the dictionary loads once, before the clock starts
	dictLoad = time.Since(start)
	start = time.Now()
	var bytes int64
	work := make(chan string, 1024)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range work {
				analysis.SegmentOnly(s)
			}
		}()
	}
	for _, u := range units {
		bytes += int64(len(u.zh) + len(u.en))
		work <- u.zh
	}
	close(work)
	wg.Wait()
	// the ceiling counts all the text, as indexing does
	return float64(bytes) / 1e6 / time.Since(start).Seconds(), nil
}

type lat struct{ p50, p99 time.Duration }

// latencies runs the query mix *flagQ times with the given concurrency.
func latencies(search func(string) (int, error), conc int) (lat, error) {
	var mu sync.Mutex
	var ds []time.Duration
	var firstErr error
	jobs := make(chan string)
	var wg sync.WaitGroup
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for q := range jobs {
				start := time.Now()
				_, err := search(q)
				d := time.Since(start)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = fmt.Errorf("%q: %w", q, err)
				}
				ds = append(ds, d)
				mu.Unlock()
			}
		}()
	}
	for i := 0; i < *flagQ; i++ {
		jobs <- queries[i%len(queries)]
	}
	close(jobs)
	wg.Wait()
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	r := func(d time.Duration) time.Duration { return d.Round(10 * time.Microsecond) }
	return lat{r(ds[len(ds)/2]), r(ds[len(ds)*99/100])}, firstErr
}

// scanCount counts the units that hold every word of q (quotes dropped),
// comparing lower-cased text: what a plain substring scan finds.
func scanCount(units []pair, q string) int {
	words := strings.Fields(strings.ToLower(strings.ReplaceAll(q, `"`, "")))
	if strings.HasPrefix(q, `"`) {
		words = []string{strings.ToLower(strings.Trim(q, `"`))}
	}
	n := 0
	for _, u := range units {
		text := u.zh + "\n" + strings.ToLower(u.en)
		all := true
		for _, w := range words {
			if !strings.Contains(text, w) {
				all = false
				break
			}
		}
		if all {
			n++
		}
	}
	return n
}

func buildFTS(path string, units []pair) (*sql.DB, time.Duration, int64, error) {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return nil, 0, 0, err
	}
	start := time.Now()
	if _, err := db.Exec(`PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; CREATE VIRTUAL TABLE t USING fts5(zh, en, tokenize='trigram')`); err != nil {
		return nil, 0, 0, err
	}
	tx, err := db.Begin()
	if err != nil {
		return nil, 0, 0, err
	}
	stmt, err := tx.Prepare(`INSERT INTO t(zh, en) VALUES (?, ?)`)
	if err != nil {
		return nil, 0, 0, err
	}
	for _, u := range units {
		if _, err := stmt.Exec(u.zh, u.en); err != nil {
			return nil, 0, 0, err
		}
	}
	stmt.Close()
	if err := tx.Commit(); err != nil {
		return nil, 0, 0, err
	}
	took := time.Since(start)
	st, err := os.Stat(path)
	if err != nil {
		return nil, 0, 0, err
	}
	return db, took, st.Size(), nil
}

// ftsSearch runs q on FTS5 (the statement of ftsSQL).
func ftsSearch(db *sql.DB, q string) (int, error) {
	stmt, args := ftsSQL(q)
	rows, err := db.Query(stmt, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var a, b string
		rows.Scan(&a, &b)
		n++
	}
	return n, rows.Err()
}

// peakRSS is the process's high-water resident set size.
// serveOnSample builds the bisearch binary, indexes the embedded sample with
// it, starts `bisearch serve` and times it from start until /readyz answers
// 200 and a first search has answered; it then reads the server's resident
// memory 2 s after a round of the query mix, and its peak.
func serveOnSample(dir string) (ready time.Duration, rss, peak int64, err error) {
	bin, err := bisearchBinary(dir)
	if err != nil {
		return 0, 0, 0, err
	}
	idx := filepath.Join(dir, "sample-index")
	if out, err := bisearchCmd(bin, "index", "-index", idx).CombinedOutput(); err != nil {
		return 0, 0, 0, fmt.Errorf("bisearch index: %v\n%s", err, out)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, 0, 0, err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := bisearchCmd(bin, "serve", "-index", idx, "-addr", addr, "-watch", "0", "-rate", "0")
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, 0, err
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	client := &http.Client{Timeout: 2 * time.Second}
	get := func(path string) int {
		resp, err := client.Get("http://" + addr + path)
		if err != nil {
			return 0
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	for get("/readyz") != http.StatusOK {
		if time.Since(start) > 30*time.Second {
			return 0, 0, 0, fmt.Errorf("bisearch serve not ready after 30 s")
		}
		time.Sleep(2 * time.Millisecond)
	}
	if code := get("/api/search?q=" + url.QueryEscape("知识产权")); code != http.StatusOK {
		return 0, 0, 0, fmt.Errorf("first search: status %d", code)
	}
	ready = time.Since(start)
	for _, q := range queries {
		get("/api/search?q=" + url.QueryEscape(q))
	}
	time.Sleep(2 * time.Second) // settled: the dictionaries' parsing garbage returned
	return ready, procStatus(cmd.Process.Pid, "VmRSS:"), procStatus(cmd.Process.Pid, "VmHWM:"), nil
}

// procStatus reads a memory figure (kB) of a process's /proc status, in bytes.
func procStatus(pid int, key string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, key) {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(line, key)), "%d", &kb)
			return kb * 1024
		}
	}
	return 0
}

func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(line, "VmHWM:")), "%d", &kb)
			return kb * 1024
		}
	}
	return 0
}

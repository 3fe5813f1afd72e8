package main

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/indexer"
	"github.com/bisearch/bisearch/server"
)

// multi is a flag that may be given several times.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("bisearch "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses flags; -h is not an error, a bad flag exits 2.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return &exitError{2, errUsageShown}
	}
	return nil
}

var errHelp = errors.New("help")

// loadCorpus reads the named paths, or the embedded sample when there are
// none, and reports every file it had to skip.
func loadCorpus(paths []string, stderr io.Writer) ([]*corpus.Doc, []corpus.Problem, error) {
	if len(paths) == 0 {
		d, err := corpus.Sample()
		if err != nil {
			return nil, nil, fmt.Errorf("read sample corpus: %w", err)
		}
		return []*corpus.Doc{d}, nil, nil
	}
	docs, problems, err := corpus.Load(paths...)
	if err != nil {
		return nil, nil, err
	}
	for _, p := range problems {
		fmt.Fprintf(stderr, "skipped %v\n", p.Err)
	}
	if len(docs) == 0 {
		return nil, problems, fmt.Errorf("no documents found in %s (readable: %s)", strings.Join(paths, ", "), corpus.Extensions)
	}
	return docs, problems, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressBar draws a bar on a terminal, and nothing elsewhere.
func progressBar(w io.Writer) indexer.Progress {
	if !isTerminal(w) {
		return nil
	}
	return func(done, total int) {
		if total == 0 {
			return
		}
		const width = 30
		filled := done * width / total
		fmt.Fprintf(w, "\rindexing [%s%s] %d/%d units", strings.Repeat("#", filled), strings.Repeat(".", width-filled), done, total)
		if done == total {
			fmt.Fprintln(w)
		}
	}
}

// build loads the corpus and builds the index at dir.
func build(ctx context.Context, dir string, paths []string, stderr io.Writer) (indexer.Stats, []corpus.Problem, error) {
	docs, problems, err := loadCorpus(paths, stderr)
	if err != nil {
		return indexer.Stats{}, problems, err
	}
	st, err := indexer.Build(ctx, dir, docs, progressBar(stderr))
	if err != nil {
		return st, problems, fmt.Errorf("build index %q: %w", dir, err)
	}
	return st, problems, nil
}

func summary(st indexer.Stats, dir string, skipped int) string {
	s := fmt.Sprintf("indexed %d documents, %d units (%d aligned pairs), %.2f MB of text in %.1fs into %s",
		st.Docs, st.Units, st.Aligned, float64(st.Bytes)/1e6, st.Took.Seconds(), dir)
	if skipped > 0 {
		s += fmt.Sprintf("; %d files skipped", skipped)
	}
	return s
}

func cmdIndex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("index", stderr)
	dir := fs.String("index", envOr("BISEARCH_INDEX", "./data/index"), "index directory (env BISEARCH_INDEX)")
	var paths multi
	fs.Var(&paths, "corpus", "file or folder to index (repeatable; default: the embedded sample)")
	strict := fs.Bool("strict", false, "stop at the first file that cannot be read, indexing nothing (exit status 3)")
	full := fs.Bool("full", false, "read every file again, even those unchanged since the index was built")
	if err := parse(fs, args); err != nil {
		if err == errHelp {
			return nil
		}
		return err
	}
	paths = append(paths, fs.Args()...)
	if *strict && len(paths) > 0 {
		_, problems, err := corpus.Load(paths...)
		if err != nil {
			return err
		}
		if len(problems) > 0 {
			return &exitError{3, fmt.Errorf("-strict: %v (nothing was indexed)", problems[0].Err)}
		}
	}
	if len(paths) == 0 {
		st, problems, err := build(ctx, *dir, paths, stderr)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, summary(st, *dir, len(problems)))
		return nil
	}
	docs, problems, ch, err := loadIncremental(ctx, *dir, paths, *full, stderr)
	if err != nil {
		return err
	}
	if len(docs) == 0 {
		return fmt.Errorf("no documents found in %s (readable: %s)", strings.Join(paths, ", "), corpus.Extensions)
	}
	st, err := indexer.Build(ctx, *dir, docs, progressBar(stderr))
	if err != nil {
		return fmt.Errorf("build index %q: %w", *dir, err)
	}
	fmt.Fprintln(stdout, summary(st, *dir, len(problems))+"; "+ch.String())
	if len(problems) > 0 {
		return &exitError{3, fmt.Errorf("%d files could not be read (listed above); the rest were indexed", len(problems))}
	}
	return nil
}

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	addr := fs.String("addr", envOr("BISEARCH_ADDR", "127.0.0.1:8080"), "listen address (env BISEARCH_ADDR)")
	dir := fs.String("index", envOr("BISEARCH_INDEX", "./data/index"), "index directory (env BISEARCH_INDEX)")
	var paths multi
	fs.Var(&paths, "corpus", "file or folder to index when there is no index yet (repeatable; default: the embedded sample)")
	watch := fs.Duration("watch", 2*time.Second, "check this often for a new index built into -index and put it in service (0: only on SIGHUP or POST /api/admin/reload)")
	ratePer := fs.Float64("rate", 50, "API requests per second allowed to each client address (0: no limit)")
	burst := fs.Int("burst", 100, "requests a client may make at once above -rate")
	maxSearches := fs.Int("max-searches", 0, "searches running at once before 503 (0: 4 × cores)")
	corsOrigins := fs.String("cors", envOr("BISEARCH_CORS", ""), "comma-separated origins allowed to call the API from a browser, * for any (env BISEARCH_CORS)")
	logFormat := fs.String("log", "json", "log format: json or text")
	if err := parse(fs, args); err != nil {
		if err == errHelp {
			return nil
		}
		return err
	}
	var log *slog.Logger
	switch *logFormat {
	case "json":
		log = slog.New(slog.NewJSONHandler(stderr, nil))
	case "text":
		log = slog.New(slog.NewTextHandler(stderr, nil))
	default:
		fmt.Fprintf(stderr, "bisearch serve: -log must be json or text, not %q\n", *logFormat)
		return &exitError{2, errUsageShown}
	}
	if !indexer.Exists(*dir) {
		src := "the embedded sample corpus"
		if len(paths) > 0 {
			src = strings.Join(paths, ", ")
		}
		log.Info("no index yet: building it", "index", *dir, "corpus", src)
		st, _, err := build(ctx, *dir, paths, stderr)
		if err != nil {
			return err
		}
		log.Info(summary(st, *dir, 0))
	} else if len(paths) > 0 {
		log.Info("an index exists: -corpus ignored (run `bisearch index` to rebuild)", "index", *dir)
	}
	ix, err := indexer.OpenLive(*dir)
	if err != nil {
		return err
	}
	defer ix.Close()
	// the dictionary that marks translation equivalents loads meanwhile;
	// then the memory that parsing the dictionaries left goes back to the
	// system at once rather than over minutes
	go func() {
		corpus.CEDICT()
		debug.FreeOSMemory()
	}()
	docs, units := ix.Counts()
	var origins []string
	for _, o := range strings.Split(*corsOrigins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			origins = append(origins, o)
		}
	}
	handler := server.New(ix, server.Options{Logger: log, AdminToken: os.Getenv("BISEARCH_ADMIN_TOKEN"),
		Reload: ix.Reload, IndexDir: *dir, RatePerSecond: *ratePer, Burst: *burst, MaxSearches: *maxSearches,
		CORSOrigins: origins})
	reload := func(why string) {
		changed, err := ix.Reload()
		handler.Reloaded(changed, err)
		switch {
		case err != nil:
			log.Error("reload failed; the index in service stays", "why", why, "err", err)
		case changed:
			d, u := ix.Counts()
			log.Info("reloaded the index", "why", why, "docs", d, "units", u)
		}
	}
	if *watch > 0 {
		go ix.Watch(ctx, *watch, func(changed bool, err error) {
			handler.Reloaded(changed, err)
			if err != nil {
				log.Error("reload failed; the index in service stays", "why", "watch", "err", err)
			} else if changed {
				d, u := ix.Counts()
				log.Info("reloaded the index", "why", "watch", "docs", d, "units", u)
			}
		})
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				reload("SIGHUP")
			}
		}
	}()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	log.Info("config", "addr", ln.Addr().String(), "index", *dir, "docs", docs, "units", units,
		"watch", watch.String(), "admin_api", os.Getenv("BISEARCH_ADMIN_TOKEN") != "",
		"rate", *ratePer, "burst", *burst, "max_searches", *maxSearches, "cors", origins)
	fmt.Fprintf(stdout, "bisearch: serving %d documents (%d units) at http://%s\n", docs, units, ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

func cmdSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("search", stderr)
	dir := fs.String("index", envOr("BISEARCH_INDEX", "./data/index"), "index directory (env BISEARCH_INDEX)")
	asJSON := fs.Bool("json", false, "print the API's JSON")
	lang := fs.String("lang", "", "match on one side only: zh or en")
	doc := fs.String("doc", "", "search one document")
	n := fs.Int("n", 10, "number of results")
	from := fs.Int("from", 0, "skip this many results")
	if err := parse(fs, args); err != nil {
		if err == errHelp {
			return nil
		}
		return err
	}
	text := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(text) == "" {
		fmt.Fprintln(stderr, "bisearch search: give a query, e.g. bisearch search 知识产权")
		return &exitError{2, errUsageShown}
	}
	ix, err := indexer.Open(*dir)
	if err != nil {
		if errors.Is(err, indexer.ErrNoIndex) {
			return fmt.Errorf("%w: build one first with `bisearch index -index %s`", err, *dir)
		}
		return err
	}
	defer ix.Close()
	q := indexer.Query{Text: text, Lang: *lang, Doc: *doc, Size: *n, From: *from}
	res, err := ix.Search(ctx, q)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(server.ResultJSON(q, res))
	}
	color := isTerminal(stdout) && os.Getenv("NO_COLOR") == ""
	fmt.Fprintf(stdout, "%d paragraphs match %q (%.1f ms)\n", res.Total, text, float64(res.Took.Microseconds())/1000)
	for _, h := range res.Hits {
		fmt.Fprintf(stdout, "\n%s  %s  score %.3f\n", h.ID, h.DocTitle, h.Score)
		for _, s := range []struct {
			tag  string
			side *indexer.Side
		}{{"zh", h.ZH}, {"en", h.EN}} {
			if s.side == nil {
				fmt.Fprintf(stdout, "  %s: —\n", s.tag)
				continue
			}
			fmt.Fprintf(stdout, "  %s: %s\n", s.tag, marked(s.side.Text, s.side.Spans, color))
		}
	}
	return nil
}

// marked shows the spans of text in bold yellow on a terminal, in [brackets]
// elsewhere.
func marked(text string, spans []indexer.Span, color bool) string {
	open, closeTag := "[", "]"
	if color {
		open, closeTag = "\x1b[1;33m", "\x1b[0m"
	}
	var b strings.Builder
	at := 0
	for _, s := range indexer.MergeSpans(text, spans) {
		b.WriteString(text[at:s.Start])
		b.WriteString(open + text[s.Start:s.End] + closeTag)
		at = s.End
	}
	b.WriteString(text[at:])
	return b.String()
}

func cmdAlign(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("align", stderr)
	format := fs.String("format", "tsv", "output format: tsv, json or tmx")
	if err := parse(fs, args); err != nil {
		if err == errHelp {
			return nil
		}
		return err
	}
	switch *format {
	case "tsv", "json", "tmx":
	default:
		fmt.Fprintf(stderr, "bisearch align: -format must be tsv, json or tmx, not %q\n", *format)
		return &exitError{2, errUsageShown}
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "bisearch align: name the files or folders to align")
		return &exitError{2, errUsageShown}
	}
	docs, problems, err := loadCorpus(fs.Args(), stderr)
	if err != nil {
		return err
	}
	if err := writeAligned(stdout, *format, docs); err != nil {
		return err
	}
	if len(problems) > 0 {
		return &exitError{3, fmt.Errorf("%d files could not be read (listed above)", len(problems))}
	}
	return nil
}

func writeAligned(w io.Writer, format string, docs []*corpus.Doc) error {
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	switch format {
	case "json":
		out := []corpus.AlignedRecord{}
		for _, d := range docs {
			for _, u := range d.Units {
				out = append(out, corpus.AlignedRecord{Doc: d.ID, Seq: u.Seq, ZH: opt(u.ZH), EN: opt(u.EN), Score: u.Score})
			}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	case "tmx":
		return writeTMX(w, docs)
	}
	clean := func(s string) string { return strings.NewReplacer("\t", " ", "\n", " ").Replace(s) }
	for _, d := range docs {
		for _, u := range d.Units {
			if _, err := fmt.Fprintf(w, "%s\t%s\n", clean(u.ZH), clean(u.EN)); err != nil {
				return err
			}
		}
	}
	return nil
}

func writeTMX(w io.Writer, docs []*corpus.Doc) error {
	type seg struct {
		Text string `xml:",chardata"`
	}
	type tuv struct {
		Lang string `xml:"xml:lang,attr"`
		Seg  seg    `xml:"seg"`
	}
	type prop struct {
		Type string `xml:"type,attr"`
		Text string `xml:",chardata"`
	}
	type tu struct {
		TUID  string `xml:"tuid,attr"`
		Props []prop `xml:"prop"`
		TUVs  []tuv  `xml:"tuv"`
	}
	type header struct {
		CreationTool        string `xml:"creationtool,attr"`
		CreationToolVersion string `xml:"creationtoolversion,attr"`
		SegType             string `xml:"segtype,attr"`
		OTMF                string `xml:"o-tmf,attr"`
		AdminLang           string `xml:"adminlang,attr"`
		SrcLang             string `xml:"srclang,attr"`
		DataType            string `xml:"datatype,attr"`
	}
	type tmx struct {
		XMLName xml.Name `xml:"tmx"`
		Version string   `xml:"version,attr"`
		Header  header   `xml:"header"`
		TUs     []tu     `xml:"body>tu"`
	}
	t := tmx{Version: "1.4", Header: header{"bisearch", "1", "paragraph", "bisearch", "en", "zh-CN", "plaintext"}}
	for _, d := range docs {
		for _, u := range d.Units {
			x := tu{TUID: corpus.UnitID(d.ID, u.Seq), Props: []prop{{"x-doc", d.ID}, {"x-score", fmt.Sprintf("%.3f", u.Score)}}}
			if u.ZH != "" {
				x.TUVs = append(x.TUVs, tuv{"zh-CN", seg{u.ZH}})
			}
			if u.EN != "" {
				x.TUVs = append(x.TUVs, tuv{"en", seg{u.EN}})
			}
			t.TUs = append(t.TUs, x)
		}
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(t); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

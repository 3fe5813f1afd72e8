package main

import (
	"context"
	"fmt"
	"io"
	stdlog "log"
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

// serveConfig is what `bisearch serve` is told.
type serveConfig struct {
	eng         engineFlags
	addr        string
	paths       []string
	watch       time.Duration
	rate        float64
	burst       int
	maxSearches int
	cors        []string
	logFormat   string
	adminToken  string
	metricsAddr string
}

func parseServe(args []string, stderr io.Writer) (*serveConfig, error) {
	fs := newFlags("serve", stderr)
	c := &serveConfig{}
	fs.StringVar(&c.addr, "addr", envOr("BISEARCH_ADDR", "127.0.0.1:8080"), "listen address (env BISEARCH_ADDR)")
	c.eng.register(fs, false)
	var paths multi
	fs.Var(&paths, "corpus", "file or folder to index when there is no index yet (repeatable; default: the embedded sample)")
	addLines(fs)
	fs.DurationVar(&c.watch, "watch", 2*time.Second, "check this often for a new index built into -index (or behind the cluster's alias) and put it in service (0: only on SIGHUP or POST /api/admin/reload)")
	fs.Float64Var(&c.rate, "rate", 50, "API requests per second allowed to each client address (0: no limit)")
	fs.IntVar(&c.burst, "burst", 100, "requests a client may make at once above -rate")
	fs.IntVar(&c.maxSearches, "max-searches", 0, "searches running at once before 503 (0: 4 × cores)")
	cors := fs.String("cors", envOr("BISEARCH_CORS", ""), "comma-separated origins allowed to call the API from a browser, * for any (env BISEARCH_CORS)")
	fs.StringVar(&c.logFormat, "log", "", "log format: text or json (default: text on a terminal, json otherwise)")
	fs.StringVar(&c.metricsAddr, "metrics-addr", os.Getenv("BISEARCH_METRICS_ADDR"), "serve /metrics on this address alone, not beside the API (env BISEARCH_METRICS_ADDR)")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, badUsage(stderr, "serve", "unexpected argument %q (name files to index with -corpus)", fs.Arg(0))
	}
	c.paths = paths
	for _, o := range strings.Split(*cors, ",") {
		if o = strings.TrimSpace(o); o != "" {
			c.cors = append(c.cors, o)
		}
	}
	switch c.logFormat {
	case "":
		c.logFormat = "json"
		if isTerminal(stderr) {
			c.logFormat = "text"
		}
	case "json", "text":
	default:
		return nil, badUsage(stderr, "serve", "-log must be json or text, not %q", c.logFormat)
	}
	c.adminToken = os.Getenv("BISEARCH_ADMIN_TOKEN")
	return c, nil
}

// slogWriter carries the standard logger's lines into the structured log.
type slogWriter struct{ log *slog.Logger }

func (w slogWriter) Write(p []byte) (int, error) {
	w.log.Debug(strings.TrimSpace(string(p)), "from", "library")
	return len(p), nil
}

func newLogger(format string, w io.Writer) *slog.Logger {
	if format == "text" {
		return slog.New(slog.NewTextHandler(w, nil))
	}
	return slog.New(slog.NewJSONHandler(w, nil))
}

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseServe(args, stderr)
	if err != nil {
		if err == errHelp {
			return nil
		}
		return err
	}
	log := newLogger(c.logFormat, stderr)
	// what the libraries print (bleve on a damaged segment) goes to the log
	stdlog.SetFlags(0)
	stdlog.SetOutput(slogWriter{log})
	// the dictionary that marks translation equivalents (the longest to
	// load, and needed by the first search) loads on another core while the
	// index opens and the word table loads; then the memory that parsing the
	// dictionaries left goes back to the system at once rather than over
	// minutes
	go func() {
		corpus.CEDICT()
		debug.FreeOSMemory()
	}()
	if err := firstBuild(ctx, c, log); err != nil {
		return err
	}
	ix, err := c.eng.openServing(ctx)
	if err != nil {
		return err
	}
	defer ix.Close()
	var size func() int64
	if !c.eng.onCluster() {
		size = func() int64 { return indexer.DirSize(c.eng.dir) }
	}
	handler := server.New(ix, server.Options{Logger: log, AdminToken: c.adminToken,
		Reload: ix.Reload, IndexSize: size, RatePerSecond: c.rate, Burst: c.burst,
		MaxSearches: c.maxSearches, CORSOrigins: c.cors, NoMetrics: c.metricsAddr != ""})
	report := func(why string) func(bool, error) {
		return func(changed bool, err error) {
			handler.Reloaded(changed, err)
			switch {
			case err != nil:
				log.Error("reload failed; the index in service stays", "why", why, "err", err)
			case changed:
				d, u := ix.Counts()
				log.Info("reloaded the index", "why", why, "docs", d, "units", u)
			}
		}
	}
	if c.watch > 0 {
		go ix.Watch(ctx, c.watch, report("watch"))
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
				changed, err := ix.Reload()
				report("SIGHUP")(changed, err)
			}
		}
	}()
	if c.metricsAddr != "" {
		ln, err := net.Listen("tcp", c.metricsAddr)
		if err != nil {
			return fmt.Errorf("listen for metrics on %s: %w", c.metricsAddr, err)
		}
		ms := &http.Server{Handler: handler.MetricsHandler(), ReadHeaderTimeout: 10 * time.Second}
		go ms.Serve(ln)
		defer ms.Close()
		log.Info("metrics", "addr", ln.Addr().String())
	}
	docs, units := ix.Counts()
	return listenAndServe(ctx, c, handler, log, stdout, docs, units)
}

// firstBuild builds the index from -corpus (or the sample) when there is
// none yet, logging its progress.
func firstBuild(ctx context.Context, c *serveConfig, log *slog.Logger) error {
	exists, err := c.eng.exists(ctx)
	if err != nil {
		return err
	}
	if exists {
		if len(c.paths) > 0 {
			log.Info("an index exists: -corpus ignored (run `bisearch index` to rebuild)", "index", c.eng.where())
		}
		return nil
	}
	src := "the embedded sample corpus"
	if len(c.paths) > 0 {
		src = strings.Join(c.paths, ", ")
	}
	log.Info("no index yet: building it", "index", c.eng.where(), "corpus", src)
	b := buildRun{eng: &c.eng, paths: c.paths, wait: true, progress: progressLog(log, 2*time.Second),
		problem: func(p corpus.Problem) {
			if p.Warn {
				log.Warn("note", "file", p.Path, "msg", p.Err.Error())
			} else {
				log.Warn("skipped a file", "err", p.Err.Error())
			}
		}}
	st, skipped, _, err := b.run(ctx)
	if err != nil {
		return err
	}
	log.Info(summary(st, c.eng.where(), skipped))
	return nil
}

// listenAndServe serves until ctx is done, then drains the requests in
// flight.
func listenAndServe(ctx context.Context, c *serveConfig, handler http.Handler, log *slog.Logger, stdout io.Writer, docs, units int) error {
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.addr, err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		MaxHeaderBytes:    server.MaxHeaderBytes,
	}
	log.Info("config", "addr", ln.Addr().String(), "index", c.eng.where(), "docs", docs, "units", units,
		"watch", c.watch.String(), "admin_api", c.adminToken != "",
		"rate", c.rate, "burst", c.burst, "max_searches", c.maxSearches, "cors", c.cors)
	fmt.Fprintf(stdout, "bisearch: serving %s (%s) at http://%s\n", plural(docs, "document", "documents"), plural(units, "unit", "units"), ln.Addr())
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

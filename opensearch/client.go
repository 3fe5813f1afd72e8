// Package opensearch is bisearch's cluster engine: the same search as the
// embedded bleve engine, on an OpenSearch cluster that shards, replicates
// and re-routes around a dead node. bisearch keeps its own analysis (the
// Chinese text is sent folded, with its gse words beside it, and Lucene's
// cjk_bigram finds every substring; English goes through a Lucene analyser
// that mirrors analysis.English), its query language and everything a hit
// shows; OpenSearch stores, finds and counts. A build bulk-loads a new
// versioned index and moves an alias to it atomically, so queries never see
// a half-built index; any number of stateless `serve` processes read it.
package opensearch

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/opensearch-project/opensearch-go/v4"

	"github.com/bisearch/bisearch/search"
)

// Config is how to reach a cluster.
type Config struct {
	// URLs are the nodes to talk to (http:// or https://); the client
	// spreads requests over them and retries on another when one fails.
	URLs []string
	// Username and Password for HTTP basic authentication, if the cluster
	// asks for it. They never appear in a log or an error.
	Username, Password string
	// CAFile is a PEM file of the certificate authorities to trust for TLS.
	CAFile string
	// Index is the name of the alias bisearch searches (default "bisearch");
	// the indexes behind it are named INDEX-vN-TIME.
	Index string
	// Shards and Replicas of a new index (defaults 3 and 1).
	Shards, Replicas int
	// Timeout bounds one request to a node (default 10 s).
	Timeout time.Duration
}

// ConfigFromEnv reads the cluster's address list (comma-separated) and
// takes the credentials from BISEARCH_OPENSEARCH_USER and
// BISEARCH_OPENSEARCH_PASSWORD and the CA file from BISEARCH_OPENSEARCH_CA.
func ConfigFromEnv(urls string) Config {
	var c Config
	for _, u := range strings.Split(urls, ",") {
		if u = strings.TrimSpace(u); u != "" {
			c.URLs = append(c.URLs, u)
		}
	}
	c.Username = os.Getenv("BISEARCH_OPENSEARCH_USER")
	c.Password = os.Getenv("BISEARCH_OPENSEARCH_PASSWORD")
	c.CAFile = os.Getenv("BISEARCH_OPENSEARCH_CA")
	if v := os.Getenv("BISEARCH_OPENSEARCH_INDEX"); v != "" {
		c.Index = v
	}
	return c
}

func (c *Config) defaults() {
	if c.Index == "" {
		c.Index = "bisearch"
	}
	if c.Shards <= 0 {
		c.Shards = 3
	}
	if c.Replicas < 0 {
		c.Replicas = 0
	}
	if c.Timeout <= 0 {
		c.Timeout = 10 * time.Second
	}
}

// Redacted lists the cluster's addresses without any credentials in them,
// for messages.
func (c Config) Redacted() string {
	var out []string
	for _, u := range c.URLs {
		out = append(out, redact(u))
	}
	return strings.Join(out, ",")
}

func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(an address that is not a URL)"
	}
	u.User = nil
	u.RawQuery, u.Fragment = "", ""
	return u.String()
}

// client talks to the cluster.
type client struct {
	os      *opensearch.Client
	cfg     Config
	secrets []string // what must never appear in an error
}

func newClient(cfg Config) (*client, error) {
	cfg.defaults()
	if len(cfg.URLs) == 0 {
		return nil, errors.New("no OpenSearch address given")
	}
	c := &client{cfg: cfg}
	if cfg.Password != "" {
		c.secrets = append(c.secrets, cfg.Password)
	}
	for i, raw := range cfg.URLs {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("OpenSearch address %d is not an http:// or https:// URL: %s", i+1, redact(raw))
		}
		if p, ok := u.User.Password(); ok && p != "" {
			c.secrets = append(c.secrets, p)
		}
	}
	oc := opensearch.Config{
		Addresses:            cfg.URLs,
		Username:             cfg.Username,
		Password:             cfg.Password,
		RetryOnStatus:        []int{502, 503, 504},
		EnableRetryOnTimeout: true,
		MaxRetries:           len(cfg.URLs) + 1,
		RequestTimeout:       cfg.Timeout,
	}
	if cfg.CAFile != "" {
		pem, err := os.ReadFile(cfg.CAFile)
		if err != nil {
			return nil, fmt.Errorf("read the OpenSearch CA file: %w", err)
		}
		if !x509.NewCertPool().AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("the OpenSearch CA file %s holds no PEM certificate", cfg.CAFile)
		}
		oc.CACert = pem
	}
	osc, err := opensearch.NewClient(oc)
	if err != nil {
		return nil, fmt.Errorf("OpenSearch client for %s: %s", cfg.Redacted(), c.scrub(err.Error()))
	}
	c.os = osc
	return c, nil
}

// scrub removes every credential from a message.
func (c *client) scrub(s string) string {
	for _, p := range c.secrets {
		s = strings.ReplaceAll(s, p, "***")
		s = strings.ReplaceAll(s, url.QueryEscape(p), "***")
		s = strings.ReplaceAll(s, url.PathEscape(p), "***")
	}
	return s
}

// request is one REST call.
type request struct {
	path   string
	params url.Values
	body   []byte
	ndjson bool
}

// GetRequest implements opensearch.Request.
func (r request) GetRequest(method string) (*http.Request, error) {
	u := r.path
	if len(r.params) > 0 {
		u += "?" + r.params.Encode()
	}
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		return nil, err
	}
	if r.body != nil {
		if r.ndjson {
			req.Header.Set("Content-Type", "application/x-ndjson")
		} else {
			req.Header.Set("Content-Type", "application/json")
		}
	}
	return req, nil
}

// apiError is an error answer of the cluster.
type apiError struct {
	Status int
	Type   string // the error's type, e.g. index_not_found_exception
	Reason string
}

func (e *apiError) Error() string {
	return fmt.Sprintf("OpenSearch answered %d %s: %s", e.Status, e.Type, e.Reason)
}

// unavailable tells whether an error means the cluster cannot answer now
// (unreachable, overloaded, shards missing): the caller may retry, and a
// user is told to try again.
func unavailable(err error) bool {
	if errors.Is(err, search.ErrUnavailable) {
		return true
	}
	var ae *apiError
	if errors.As(err, &ae) {
		switch {
		case ae.Status == 429 || ae.Status >= 500:
			return true
		case ae.Type == "search_phase_execution_exception", ae.Type == "no_shard_available_action_exception",
			ae.Type == "cluster_block_exception", ae.Type == "unavailable_shards_exception":
			return true
		}
		return false
	}
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || isConnError(err)
}

// rootCause is the innermost error's message ("connection refused").
func rootCause(err error) string {
	for {
		var next error
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			next = u.Unwrap()
		case interface{ Unwrap() []error }:
			if es := u.Unwrap(); len(es) > 0 {
				next = es[len(es)-1]
			}
		}
		if next == nil {
			var sc *os.SyscallError
			if errors.As(err, &sc) {
				return sc.Err.Error()
			}
			return err.Error()
		}
		err = next
	}
}

func isConnError(err error) bool {
	s := err.Error()
	for _, m := range []string{"connection refused", "connection reset", "no connection", "EOF", "broken pipe", "all connections", "dead"} {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// do sends a request and decodes a JSON answer into out (if not nil). An
// answer of 400 or more is an *apiError; a cluster that cannot be reached
// is search.ErrUnavailable naming the addresses (never a credential).
func (c *client) do(ctx context.Context, method string, r request, out any) error {
	resp, err := opensearch.Do(ctx, c.os, method, r, (*json.RawMessage)(nil))
	if err != nil && (resp == nil || resp.StatusCode < 400) {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("%w: cannot reach OpenSearch at %s (%s)", search.ErrUnavailable, c.cfg.Redacted(), c.scrub(rootCause(err)))
	}
	defer resp.Body.Close()
	data, rerr := io.ReadAll(io.LimitReader(resp.Body, 512<<20))
	if resp.StatusCode >= 400 {
		var e struct {
			Error  json.RawMessage `json:"error"`
			Status int             `json:"status"`
		}
		ae := &apiError{Status: resp.StatusCode}
		if json.Unmarshal(data, &e) == nil && len(e.Error) > 0 {
			var detail struct {
				Type      string `json:"type"`
				Reason    string `json:"reason"`
				RootCause []struct {
					Type   string `json:"type"`
					Reason string `json:"reason"`
				} `json:"root_cause"`
			}
			if json.Unmarshal(e.Error, &detail) == nil {
				ae.Type, ae.Reason = detail.Type, detail.Reason
				if len(detail.RootCause) > 0 && detail.RootCause[0].Reason != "" && detail.RootCause[0].Reason != detail.Reason {
					ae.Reason += " (" + detail.RootCause[0].Type + ": " + detail.RootCause[0].Reason + ")"
				}
			} else {
				var s string
				json.Unmarshal(e.Error, &s)
				ae.Reason = s
			}
		} else {
			ae.Reason = string(data[:min(len(data), 300)])
		}
		ae.Reason = c.scrub(ae.Reason)
		return ae
	}
	if rerr != nil {
		return fmt.Errorf("%w: reading OpenSearch's answer: %s", search.ErrUnavailable, c.scrub(rerr.Error()))
	}
	if out != nil && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("OpenSearch's answer to %s %s: %w", method, r.path, err)
		}
	}
	return nil
}

// retry runs f until it succeeds, fails for a reason a retry will not
// change, or ctx is done; between tries it waits longer each time.
func retry(ctx context.Context, f func() error) error {
	wait := 50 * time.Millisecond
	for {
		err := f()
		if err == nil || !unavailable(err) {
			return err
		}
		d := wait + time.Duration(rand.Int64N(int64(wait)))
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(d):
		}
		wait = min(2*wait, 2*time.Second)
	}
}

// marshal is json.Marshal for values that always encode.
func marshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

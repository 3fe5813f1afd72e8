package server

import (
	"io/fs"
	"net/http"
)

// maxHeaderBytes is the most a request's headers may hold; the listener
// lets more through so that the answer (431) carries the headers every
// answer carries.
const maxHeaderBytes = 64 << 10

// outer wraps the router: every answer, the router's redirects included,
// gets the security headers; headers too large get 431 here; HEAD is
// answered on every GET route, without a body.
func outer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", csp)
		h.Set("Referrer-Policy", "no-referrer")
		if headerBytes(r) > maxHeaderBytes {
			h.Set("Content-Type", "application/json; charset=utf-8")
			w.WriteHeader(http.StatusRequestHeaderFieldsTooLarge)
			w.Write([]byte(`{"error":{"code":"headers_too_large","message":"the request's headers are larger than 64 KB"}}`))
			return
		}
		if r.Method == http.MethodHead {
			r2 := r.Clone(r.Context())
			r2.Method = http.MethodGet
			next.ServeHTTP(headWriter{w}, r2)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func headerBytes(r *http.Request) int {
	n := len(r.Method) + len(r.RequestURI) + len(r.Proto) + 4
	for k, vs := range r.Header {
		for _, v := range vs {
			n += len(k) + len(v) + 4
		}
	}
	return n
}

// headWriter answers a HEAD request: the headers of the GET, no body.
type headWriter struct{ http.ResponseWriter }

func (w headWriter) Write(b []byte) (int, error) { return len(b), nil }

// noListing serves a file system's files but never lists a directory.
type noListing struct{ fs http.FileSystem }

func (n noListing) Open(name string) (http.File, error) {
	f, err := n.fs.Open(name)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err == nil && st.IsDir() {
		f.Close()
		return nil, fs.ErrNotExist
	}
	return f, nil
}

package server

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/query"
)

// params reads a request's query string, refusing one that is not valid
// URL encoding (rather than dropping what cannot be read).
func params(c *gin.Context) (url.Values, error) {
	v, err := url.ParseQuery(c.Request.URL.RawQuery)
	if err != nil {
		return nil, badRequest("bad_parameter", "the query string is not valid URL encoding (a % must be followed by two hex digits)")
	}
	return v, nil
}

// ParseRequest reads the search parameters into a request; checking them is
// the request's own Validate.
func ParseRequest(v url.Values) (query.Request, error) {
	var r query.Request
	r.Text = v.Get("q")
	r.Lang = corpus.Lang(v.Get("lang"))
	r.Doc = v.Get("doc")
	r.Section = v.Get("section")
	r.Sort = v.Get("sort")
	r.Translated = v.Get("translated")
	r.As = v.Get("as")
	switch f := v.Get("translations"); f {
	case "", "0", "false":
	case "1", "true":
		r.Translations = true
	default:
		return r, badRequest(query.CodeBadParameter, "translations must be 1 or 0")
	}
	switch f := v.Get("facets"); f {
	case "", "0", "false":
	case "1", "true":
		r.Facets = true
	default:
		return r, badRequest(query.CodeBadParameter, "facets must be 1 or 0")
	}
	for _, p := range []struct {
		name string
		to   *int
	}{{"size", &r.Size}, {"from", &r.From}} {
		s := v.Get(p.name)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			return r, badRequest(query.CodeBadParameter, p.name+" must be a whole number")
		}
		if p.name == "size" && n == 0 {
			n = -1 // asked for: out of range, not the default
		}
		*p.to = n
	}
	return r, nil
}

func (srv *server) search(c *gin.Context) error {
	v, err := params(c)
	if err != nil {
		return err
	}
	req, err := ParseRequest(v)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), srv.opts.SearchTimeout)
	defer cancel()
	res, err := srv.e.Search(ctx, req)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, ResultJSON(res))
	return nil
}

// MaxSuggestPrefix is how long a completion prefix may be.
const MaxSuggestPrefix = 100

func (srv *server) suggest(c *gin.Context) error {
	v, err := params(c)
	if err != nil {
		return err
	}
	prefix := v.Get("q")
	if len([]rune(prefix)) > MaxSuggestPrefix || !isText(prefix) {
		return badRequest(query.CodeBadParameter, "q must be text of at most "+strconv.Itoa(MaxSuggestPrefix)+" characters")
	}
	n := 8
	if s := v.Get("n"); s != "" {
		k, err := strconv.Atoi(s)
		if err != nil || k < 1 || k > 20 {
			return badRequest(query.CodeBadParameter, "n must be a whole number between 1 and 20")
		}
		n = k
	}
	out, err := srv.e.Complete(c.Request.Context(), prefix, n)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"query": prefix, "suggestions": out})
	return nil
}

func isText(s string) bool {
	return strings.ToValidUTF8(s, "\ufffd") == s
}

package server

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/bisearch/bisearch/query"
)

// DocPageSize is how many units a document page holds by default, and at
// most.
const DocPageSize = 1000

func (srv *server) docs(c *gin.Context) error {
	docs := srv.e.Docs()
	out := make([]DocInfoJSON, 0, len(docs))
	for _, d := range docs {
		out = append(out, DocInfoJSON{ID: d.ID, Title: d.Title, Source: d.Source, Units: d.Units, Aligned: d.Aligned})
	}
	c.JSON(http.StatusOK, out)
	return nil
}

func (srv *server) doc(c *gin.Context) error {
	v, err := params(c)
	if err != nil {
		return err
	}
	from, size := 0, DocPageSize
	for _, p := range []struct {
		name   string
		to     *int
		lo, hi int
	}{{"from", &from, 0, 1 << 30}, {"size", &size, 1, DocPageSize}} {
		s := v.Get(p.name)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < p.lo || n > p.hi {
			return badRequest(query.CodeBadParameter, p.name+" must be a whole number between "+strconv.Itoa(p.lo)+" and "+strconv.Itoa(p.hi))
		}
		*p.to = n
	}
	ctx, cancel := contextWithTimeout(c, srv.opts.SearchTimeout)
	defer cancel()
	info, units, err := srv.e.Doc(ctx, c.Param("id"), from, size)
	if err != nil {
		return err
	}
	out := DocJSON{ID: info.ID, Title: info.Title, Aligned: info.Aligned, Total: info.Units, From: from, Units: make([]UnitJSON, 0, len(units))}
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	for _, u := range units {
		out.Units = append(out.Units, UnitJSON{ID: u.ID, Seq: u.Seq, ZH: opt(u.ZH), EN: opt(u.EN), Section: u.Section, Heading: u.Heading, AlignScore: u.Unit.Score})
	}
	c.JSON(http.StatusOK, out)
	return nil
}

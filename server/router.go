package server

import (
	_ "embed"
	"io/fs"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/bisearch/bisearch/web"
)

// router wires the routes and the middleware every request passes.
func (srv *server) router() *gin.Engine {
	r := gin.New()
	r.RedirectFixedPath = false
	r.Use(srv.recoverer, srv.logRequests, limitBody, srv.cors, srv.rateLimit)
	r.HandleMethodNotAllowed = true
	r.GET("/api/search", srv.bounded(srv.handle(srv.search)))
	r.GET("/api/concordance", srv.bounded(srv.handle(srv.concordance)))
	r.GET("/api/similar", srv.bounded(srv.handle(srv.similar)))
	r.GET("/api/export", srv.bounded(srv.handle(srv.export)))
	r.GET("/api/suggest", srv.handle(srv.suggest))
	r.GET("/api/docs", srv.handle(srv.docs))
	r.GET("/api/about", srv.handle(srv.about))
	r.GET("/api/docs/:id", srv.bounded(srv.handle(srv.doc)))
	r.GET("/healthz", srv.handle(srv.health))
	r.GET("/readyz", srv.handle(srv.ready))
	if !srv.opts.NoMetrics {
		r.GET("/metrics", srv.metrics.handler())
	}
	r.GET("/api/openapi.json", func(c *gin.Context) { c.Data(http.StatusOK, "application/json", OpenAPI) })
	if srv.opts.AdminToken != "" && srv.opts.Reload != nil {
		r.POST("/api/admin/reload", srv.handle(srv.reload))
	}
	static, _ := fs.Sub(web.FS, "static")
	r.StaticFS("/static", noListing{http.FS(static)})
	r.GET("/", srv.index)
	r.NoRoute(func(c *gin.Context) {
		writeError(c, &apiError{http.StatusNotFound, "not_found", "no such page: " + c.Request.URL.Path})
	})
	r.NoMethod(func(c *gin.Context) {
		writeError(c, &apiError{http.StatusMethodNotAllowed, "method_not_allowed", c.Request.Method + " is not allowed here"})
	})
	return r
}

// handle adapts a handler that returns an error.
func (srv *server) handle(h func(*gin.Context) error) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			status, _, _ := statusOf(err)
			if status >= 500 {
				srv.log.Error("request failed", "path", c.Request.URL.Path, "err", err)
			}
			writeError(c, err)
		}
	}
}

func (srv *server) index(c *gin.Context) {
	b, err := web.FS.ReadFile("index.html")
	if err != nil {
		writeError(c, err)
		return
	}
	c.Data(http.StatusOK, "text/html; charset=utf-8", b)
}

// OpenAPI is the OpenAPI 3 description of the JSON API, served at
// /api/openapi.json.
//
//go:embed openapi.json
var OpenAPI []byte

package server

import (
	"time"

	"github.com/gin-gonic/gin"
)

func (srv *server) logRequests(c *gin.Context) {
	start := time.Now()
	c.Next()
	took := time.Since(start)
	srv.metrics.observe(c, took)
	srv.log.Info("request", "method", c.Request.Method, "path", c.Request.URL.Path, "route", c.FullPath(),
		"status", c.Writer.Status(), "took_ms", float64(took.Microseconds())/1000, "client", clientAddr(c.Request))
}

// csp is the Content-Security-Policy of every response (set by outer): no
// inline script.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'"

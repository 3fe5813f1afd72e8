package server

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

func contextWithTimeout(c *gin.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(c.Request.Context(), d)
}

func (srv *server) health(c *gin.Context) error {
	docs, units := srv.e.Counts()
	c.JSON(http.StatusOK, gin.H{"status": "ok", "docs": docs, "units": units})
	return nil
}

// ready answers 200 once a real search works on the index in service, 503
// (with Retry-After) while it does not.
func (srv *server) ready(c *gin.Context) error {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 5*time.Second)
	defer cancel()
	if err := srv.e.Ready(ctx); err != nil {
		srv.log.Warn("not ready", "err", err)
		return &apiError{http.StatusServiceUnavailable, "not_ready", "the index does not answer yet"}
	}
	docs, units := srv.e.Counts()
	c.JSON(http.StatusOK, gin.H{"status": "ready", "docs": docs, "units": units})
	return nil
}

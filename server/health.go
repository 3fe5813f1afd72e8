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

// examiner is what an Engine may offer a newcomer: queries that find
// something.
type examiner interface {
	Examples(ctx context.Context, n int) ([]string, error)
}

func (srv *server) about(c *gin.Context) error {
	docs, units := srv.e.Counts()
	out := AboutJSON{Docs: docs, Units: units, Examples: []string{}}
	for _, d := range srv.e.Docs() {
		out.Aligned += d.Aligned
	}
	if ex, ok := srv.e.(examiner); ok {
		ctx, cancel := context.WithTimeout(c.Request.Context(), 5*time.Second)
		defer cancel()
		if got, err := ex.Examples(ctx, 6); err == nil && got != nil {
			out.Examples = got
		}
	}
	c.JSON(http.StatusOK, out)
	return nil
}

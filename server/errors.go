package server

import (
	"context"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/bisearch/bisearch/query"
	"github.com/bisearch/bisearch/search"
)

// apiError is an error with a status, a code and a message meant for the
// client, made by the server itself.
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return e.message }

func badRequest(code, msg string) error {
	return &apiError{http.StatusBadRequest, code, msg}
}

// statusOf is the one table from error to HTTP status and client-facing code
// and message. Anything it does not know is an internal error whose detail
// is logged, never shown.
func statusOf(err error) (int, string, string) {
	var ae *apiError
	var qe *query.Error
	switch {
	case errors.As(err, &ae):
		return ae.status, ae.code, ae.message
	case errors.As(err, &qe):
		return http.StatusBadRequest, qe.Code, qe.Message
	case errors.Is(err, search.ErrNotFound):
		return http.StatusNotFound, "not_found", "no such document"
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "timeout", "the search took too long; try a more specific query"
	case errors.Is(err, search.ErrUnavailable):
		return http.StatusServiceUnavailable, "unavailable", "the search engine is not available; try again in a moment"
	case errors.Is(err, context.Canceled):
		return 499, "canceled", "request canceled"
	}
	return http.StatusInternalServerError, "internal", "internal error"
}

// writeError answers with the error's status and {"error": {code, message}};
// a 503 says when to try again.
func writeError(c *gin.Context, err error) {
	status, code, msg := statusOf(err)
	if status == http.StatusServiceUnavailable || status == http.StatusTooManyRequests {
		if c.Writer.Header().Get("Retry-After") == "" {
			c.Header("Retry-After", "1")
		}
	}
	c.AbortWithStatusJSON(status, gin.H{"error": gin.H{"code": code, "message": msg}})
}

func (srv *server) recoverer(c *gin.Context) {
	defer func() {
		if r := recover(); r != nil {
			srv.log.Error("panic", "path", c.Request.URL.Path, "panic", r)
			writeError(c, errors.New("panic"))
		}
	}()
	c.Next()
}

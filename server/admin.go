package server

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

func (srv *server) reload(c *gin.Context) error {
	auth := c.GetHeader("Authorization")
	token, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(token), []byte(srv.opts.AdminToken)) != 1 {
		c.Header("WWW-Authenticate", `Bearer realm="bisearch admin"`)
		return &apiError{http.StatusUnauthorized, "unauthorized", "a valid bearer token is needed"}
	}
	changed, err := srv.opts.Reload()
	(&Handler{srv: srv}).Reloaded(changed, err)
	if err != nil {
		return err
	}
	docs, units := srv.e.Counts()
	srv.log.Info("reload", "changed", changed, "docs", docs, "units", units)
	c.JSON(http.StatusOK, gin.H{"reloaded": changed, "docs": docs, "units": units})
	return nil
}

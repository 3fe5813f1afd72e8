// Package web holds bisearch's search page: HTML, CSS and JavaScript,
// embedded into the binary so the page works offline with no CDN.
package web

import "embed"

// FS holds index.html and the static/ assets.
//
//go:embed index.html static
var FS embed.FS

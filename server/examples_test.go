package server

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bisearch/bisearch/web"
)

// TestDocumentedExamplesFindSomething runs every example query of the
// README's query table and of the page's help panel on the sample corpus:
// each must find something.
func TestDocumentedExamplesFindSomething(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	i := strings.Index(text, "## Queries")
	j := strings.Index(text[i:], "\n\n- ")
	table := text[i : i+j]
	var queries []string
	for _, row := range strings.Split(table, "\n") {
		if !strings.HasPrefix(row, "| `") {
			continue
		}
		first := strings.SplitN(row, " | ", 2)[0]
		for _, m := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(first, -1) {
			queries = append(queries, m[1])
		}
	}
	page, err := web.FS.ReadFile("index.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`<th scope="row"><code>([^<]+)</code>`).FindAllStringSubmatch(string(page), -1) {
		queries = append(queries, strings.ReplaceAll(m[1], "&quot;", `"`))
	}
	if len(queries) < 12 {
		t.Fatalf("found %d example queries: %q", len(queries), queries)
	}
	h, _ := sampleHandler(t)
	for _, q := range queries {
		rec, body := get(t, h, "/api/search?q="+url.QueryEscape(q))
		if rec.Code != 200 || body["total"] == 0.0 {
			t.Errorf("the documented example %q: %d, %v hits", q, rec.Code, body["total"])
		}
	}
}

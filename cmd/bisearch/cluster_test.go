package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestClusterCommands runs index, search and serve against the test cluster
// as a user would: the same answers as on the embedded index.
func TestClusterCommands(t *testing.T) {
	u := needCluster(t)
	var rnd [4]byte
	rand.Read(rnd[:])
	alias := "bisearch-cmd-" + hex.EncodeToString(rnd[:])
	flags := []string{"-opensearch", u, "-opensearch-index", alias}
	t.Cleanup(func() {
		req, _ := http.NewRequest(http.MethodDelete, strings.Split(u, ",")[0]+"/"+alias+"-v*", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	})
	out, _, err := runCmd(t, append([]string{"index"}, flags...)...)
	if err != nil || !strings.Contains(out, "indexed 1 document, 36 units") || !strings.Contains(out, "alias "+alias) {
		t.Fatalf("index: %v %s", err, out)
	}
	out, _, err = runCmd(t, append(append([]string{"search"}, flags...), "-json", "惩罚性赔偿")...)
	if err != nil || !strings.Contains(out, `"total": 1`) || !strings.Contains(out, `\u003cmark\u003e惩罚性赔偿\u003c/mark\u003e`) {
		t.Fatalf("search: %v %s", err, out)
	}
	// incremental on the cluster: unchanged files come from the old index
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "a.tsv"), []byte("苹果\tapple\n"), 0o644)
	os.WriteFile(filepath.Join(src, "b.tsv"), []byte("香蕉\tbanana\n"), 0o644)
	if out, _, err := runCmd(t, append(append([]string{"index"}, flags...), "-corpus", src)...); err != nil || !strings.Contains(out, "2 files added") {
		t.Fatalf("index files: %v %s", err, out)
	}
	os.WriteFile(filepath.Join(src, "b.tsv"), []byte("香蕉\tbanana\n樱桃\tcherry\n"), 0o644)
	if out, _, err := runCmd(t, append(append([]string{"index"}, flags...), "-corpus", src)...); err != nil || !strings.Contains(out, "0 files added, 1 updated, 1 unchanged") {
		t.Fatalf("index again: %v %s", err, out)
	}
	base, stop := startServe(t, append(flags, "-watch", "0")...)
	defer stop()
	resp, err := http.Get(base + "/api/search?q=" + url.QueryEscape("cherry OR 苹果"))
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Total int `json:"total"`
	}
	json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if res.Total != 2 {
		t.Errorf("served from the cluster: %d hits, want 2", res.Total)
	}
}

// TestClusterUnreachable: a cluster that does not answer stops the command
// with exit status 1 and a message naming its address, never its password.
func TestClusterUnreachable(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "-addr", "127.0.0.1:0", "-opensearch", "http://admin:hunter2@127.0.0.1:1"},
		{"index", "-opensearch", "http://admin:hunter2@127.0.0.1:1"},
		{"search", "-opensearch", "http://admin:hunter2@127.0.0.1:1", "海关"},
	} {
		_, stderr, err := runCmd(t, args...)
		if exitCode(err) != 1 || err == nil || !strings.Contains(err.Error(), "http://127.0.0.1:1") ||
			strings.Contains(err.Error()+stderr, "hunter2") {
			t.Errorf("%v: exit %d: %v %s", args[0], exitCode(err), err, stderr)
		}
	}
}

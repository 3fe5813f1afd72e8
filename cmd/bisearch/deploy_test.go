package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestDeployCommands reads the commands deploy/compose.yaml runs and checks
// that this bisearch takes their flags (the compose file itself cannot be
// run here: there is no Docker engine).
func TestDeployCommands(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "deploy", "compose.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cmds := regexp.MustCompile(`(?m)^\s*command:\s*(\[.*\])\s*$`).FindAllSubmatch(b, -1)
	if len(cmds) != 2 {
		t.Fatalf("%d commands in compose.yaml, want serve and index", len(cmds))
	}
	for _, m := range cmds {
		var args []string
		if err := json.Unmarshal(m[1], &args); err != nil {
			t.Fatalf("command %s: %v", m[1], err)
		}
		var err error
		switch args[0] {
		case "serve":
			_, err = parseServe(args[1:], io.Discard)
		case "index":
			_, err = parseIndex(args[1:], io.Discard)
		default:
			t.Fatalf("compose.yaml runs %q", args[0])
		}
		if err != nil {
			t.Errorf("compose.yaml's %v: %v", args, err)
		}
	}
}

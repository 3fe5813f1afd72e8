package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// streamFixtures writes one file of each streamed format with n units (the
// TMX with two documents whose units take turns) and returns their paths.
func streamFixtures(t *testing.T, n int) map[string]string {
	t.Helper()
	dir := t.TempDir()
	var tsv, csv, jsonl, tmx, xlf strings.Builder
	tsv.WriteString("zh\ten\n")
	tmx.WriteString(`<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="zh-CN"/><body>` + "\n")
	xlf.WriteString(`<?xml version="1.0"?><xliff version="1.2"><file source-language="zh-CN" target-language="en"><body>` + "\n")
	for i := 0; i < n; i++ {
		zh := fmt.Sprintf("第%d条 知识产权的保护", i)
		en := fmt.Sprintf("Article %d protection of intellectual property", i)
		if i%97 == 5 {
			zh = strings.Repeat("条款内容很长。", MaxParagraph/18) // split in two by SplitLong
			en = ""
		}
		fmt.Fprintf(&tsv, "%s\t%s\n", zh, en)
		fmt.Fprintf(&csv, "%q,%q\r\n", zh, en)
		fmt.Fprintf(&jsonl, "{\"zh\": %q, \"en\": %q}\n", zh, en)
		fmt.Fprintf(&tmx, `<tu><prop type="x-doc">doc-%d</prop><tuv xml:lang="zh-CN"><seg>%s</seg></tuv><tuv xml:lang="en"><seg>%s</seg></tuv></tu>`+"\n", i%2, zh, en)
		fmt.Fprintf(&xlf, `<trans-unit id="%d"><source>%s</source><target>%s</target></trans-unit>`+"\n", i, zh, en)
	}
	tmx.WriteString("</body></tmx>\n")
	xlf.WriteString("</body></file></xliff>\n")
	files := map[string]string{"tsv": tsv.String(), "csv": csv.String(), "jsonl": jsonl.String(), "tmx": tmx.String(), "xlf": xlf.String()}
	paths := map[string]string{}
	for ext, text := range files {
		p := filepath.Join(dir, "tm."+ext)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths[ext] = p
	}
	return paths
}

func jobOf(t *testing.T, path string) Job {
	t.Helper()
	jobs, err := Plan(path)
	if err != nil || len(jobs) != 1 {
		t.Fatalf("Plan(%s) = %v, %v", path, jobs, err)
	}
	return jobs[0]
}

// TestStreamParts checks that a streamed file comes in parts of at most the
// part size that, joined, are the documents read whole: the first part of
// a document without Cont, the rest with it, units numbered on.
func TestStreamParts(t *testing.T) {
	t.Parallel()
	const n, size = 2500, 300
	for ext, path := range streamFixtures(t, n) {
		t.Run(ext, func(t *testing.T) {
			t.Parallel()
			j := jobOf(t, path)
			whole, err := j.Read(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			joined := map[string]*Doc{}
			var order []string
			parts := 0
			err = j.stream(context.Background(), size, func(d *Doc) error {
				parts++
				if len(d.Units) > size+size/10 { // a long paragraph split may add a few
					t.Errorf("part of %d units, want at most about %d", len(d.Units), size)
				}
				prev, seen := joined[d.ID]
				if d.Cont != seen {
					t.Fatalf("part %d of %s: Cont %v, want %v", parts, d.ID, d.Cont, seen)
				}
				if !seen {
					c := *d
					c.Cont = false
					joined[d.ID] = &c
					order = append(order, d.ID)
					return nil
				}
				if got, want := d.Units[0].Seq, len(prev.Units); got != want {
					t.Fatalf("part %d of %s starts at unit %d, want %d", parts, d.ID, got, want)
				}
				prev.Units = append(prev.Units, d.Units...)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if parts < n/size {
				t.Errorf("%d parts, want at least %d", parts, n/size)
			}
			if len(order) != len(whole) {
				t.Fatalf("%d documents streamed, %d read whole", len(order), len(whole))
			}
			for i, d := range whole {
				got := joined[order[i]]
				if got.ID != d.ID || !reflect.DeepEqual(got.Units, d.Units) {
					t.Errorf("document %d: streamed %s with %d units, read whole %s with %d", i, got.ID, len(got.Units), d.ID, len(d.Units))
				}
			}
		})
	}
}

// TestStreamRefusesWhole checks that a file with an error near its end
// hands on nothing, and that the error names the file and line.
func TestStreamRefusesWhole(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var b strings.Builder
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&b, "第%d条\tArticle %d\n", i, i)
	}
	good := b.String()
	cases := []struct{ name, text, want string }{
		{"bad.tsv", good + "没有制表符的一行\n", "bad.tsv:3001: no tab"},
		{"binary.tsv", good + "第\x00条\tx\n", "binary.tsv:3001: binary data"},
		{"latin1.tsv", good + "caf\xe9\tx\n", "latin1.tsv:3001:4: invalid UTF-8"},
		{"bad.jsonl", strings.Repeat(`{"zh": "知识产权", "en": "IP"}`+"\n", 3000) + "{\"zh\": \n", "bad.jsonl:3001: invalid record"},
		{"bad.tmx", `<tmx><body>` + strings.Repeat(`<tu><tuv xml:lang="zh"><seg>知识产权</seg></tuv></tu>`+"\n", 3000) + `<tu></body></tmx>`, "bad.tmx:3001: invalid TMX"},
	}
	for _, c := range cases {
		path := filepath.Join(dir, c.name)
		if err := os.WriteFile(path, []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		handed := 0
		err := jobOf(t, path).stream(context.Background(), 100, func(*Doc) error { handed++; return nil })
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to contain %q", c.name, err, c.want)
		}
		if handed != 0 {
			t.Errorf("%s: %d parts handed on before the error", c.name, handed)
		}
	}
}

// TestStreamStops checks that an error from the consumer and a cancelled
// context end the stream at once.
func TestStreamStops(t *testing.T) {
	t.Parallel()
	path := streamFixtures(t, 2000)["tsv"]
	j := jobOf(t, path)
	stop := errors.New("enough")
	handed := 0
	if err := j.stream(context.Background(), 100, func(*Doc) error { handed++; return stop }); !errors.Is(err, stop) || handed != 1 {
		t.Errorf("consumer's error: err %v after %d parts, want %v after 1", err, handed, stop)
	}
	ctx, cancel := context.WithCancel(context.Background())
	handed = 0
	err := j.stream(ctx, 100, func(*Doc) error {
		handed++
		if handed == 3 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || handed != 3 {
		t.Errorf("cancelled: err %v after %d parts, want context.Canceled after 3", err, handed)
	}
}

package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

var (
	flagInProcess = flag.Bool("in-process", false, "build the index in the bench process (as -cpuprofile and -memprofile do) rather than with a child `bisearch index` over TSV files")
	flagBuildOnly = flag.Bool("build-only", false, "measure the build (time, size, the child's peak RSS) and nothing else")
	flagServeOnly = flag.Bool("serve-only", false, "measure `bisearch serve` on the sample corpus (start to ready, three runs) and nothing else")
	flagNoFloor   = flag.Bool("no-floor", false, "leave out the floors (gse segmentation alone, the n-gram field alone): for the largest runs")
	flagQProf     = flag.String("qprofile", "", "write a CPU profile of bisearch's queries at concurrency 1 to this file")
	flagIndexLog  = flag.String("index-log", "", "also write what the child `bisearch index` prints (its progress) to this file")
	flagCgroup    = flag.String("memory-cgroup", "", "run the child build in a memory cgroup (v1, /sys/fs/cgroup/memory) limited to this many MiB, as a container would: its page cache counts and is reclaimed, its own memory may not pass the limit")
	flagReuse     = flag.Bool("reuse", false, "with -work: query the index and the native SQLite database an earlier run with the same -n left there instead of building them again (their build figures are the earlier run's, when it recorded them)")
)

// builtRecord is what a child build measured, kept beside the index it
// built so that a run with -reuse can report it.
type builtRecord struct {
	Units int     `json:"units"`
	Took  float64 `json:"took_s"`
	Peak  int64   `json:"peak_rss"`
	Anon  int64   `json:"rss_anon"`
}

// reuseIndex reports whether -reuse may take the index in idxDir as built,
// with the figures its build recorded (zero when it recorded none).
func reuseIndex(dir, idxDir string, units int) (builtRecord, bool, error) {
	var rec builtRecord
	if !*flagReuse {
		return rec, false, nil
	}
	if _, err := os.Stat(filepath.Join(idxDir, "bisearch.json")); err != nil {
		return rec, false, nil
	}
	if b, err := os.ReadFile(filepath.Join(dir, "built.json")); err == nil {
		if err := json.Unmarshal(b, &rec); err != nil {
			return rec, false, fmt.Errorf("%s: %v", filepath.Join(dir, "built.json"), err)
		}
		if rec.Units != units {
			return rec, false, fmt.Errorf("-reuse: the index in %s holds %d units, not %d (-n)", idxDir, rec.Units, units)
		}
	}
	return rec, true, nil
}

// recordBuild keeps what a child build measured beside its index.
func recordBuild(dir string, rec builtRecord) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "built.json"), b, 0o644)
}

// fileUnits is how many units each TSV file of the child build holds: each
// file is one document, read and indexed a stretch at a time.
const fileUnits = 100_000

// bisearchBinary builds the bisearch command into dir once per run, as the
// Dockerfile does.
func bisearchBinary(dir string) (string, error) {
	bin := filepath.Join(dir, "bisearch")
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	if out, err := exec.Command("go", "build", "-tags", "nomsgpack", "-o", bin, "github.com/bisearch/bisearch/cmd/bisearch").CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build github.com/bisearch/bisearch/cmd/bisearch: %v\n%s", err, out)
	}
	return bin, nil
}

// bisearchCmd runs the bisearch command on the embedded engine, whatever
// the environment says: BISEARCH_OPENSEARCH_URL (set where the cluster tests
// run) would send it to the cluster, BISEARCH_INDEX elsewhere.
func bisearchCmd(bin string, args ...string) *exec.Cmd {
	cmd := exec.Command(bin, args...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "BISEARCH_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	if cmd.Env == nil {
		cmd.Env = []string{}
	}
	return cmd
}

// writeCorpus writes units as TSV files of fileUnits units each into dir.
func writeCorpus(dir string, units []pair) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	for i := 0; i < len(units); i += fileUnits {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("bench-%03d.tsv", i/fileUnits)))
		if err != nil {
			return err
		}
		w := bufio.NewWriterSize(f, 1<<20)
		for _, u := range units[i:min(i+fileUnits, len(units))] {
			fmt.Fprintf(w, "%s\t%s\n", clean.Replace(u.zh), clean.Replace(u.en))
		}
		if err := w.Flush(); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}

// childIndex runs `bisearch index` over corpusDir into idxDir and returns
// its wall time and its peak resident memory (the child's, not this
// process's).
func childIndex(bin, idxDir, corpusDir string) (time.Duration, int64, error) {
	args := []string{"index", "-index", idxDir, "-corpus", corpusDir}
	cmd := bisearchCmd(bin, args...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if *flagIndexLog != "" {
		f, err := os.Create(*flagIndexLog)
		if err != nil {
			return 0, 0, err
		}
		defer f.Close()
		cmd.Stdout, cmd.Stderr = io.MultiWriter(&out, f), io.MultiWriter(&out, f)
	}
	cg, err := newCgroup()
	if err != nil {
		return 0, 0, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	if err := cg.add(cmd.Process.Pid); err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return 0, 0, err
	}
	defer cg.report()
	// the peak of the child's own memory (its heap and stacks, RssAnon):
	// its RSS also counts the pages of the index files it maps while bleve
	// merges them, which are the file cache's
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			childAnon = max(childAnon, procStatus(cmd.Process.Pid, "RssAnon:"))
			select {
			case <-done:
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
	}()
	err = cmd.Wait()
	took := time.Since(start)
	close(done)
	<-sampled
	if err != nil {
		return 0, 0, fmt.Errorf("bisearch %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
	var peak int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		peak = ru.Maxrss * 1024 // kB on Linux
	}
	return took, peak, nil
}

// childAnon is the highest anonymous resident memory the child build was
// seen with (sampled every 100 ms).
var childAnon int64

// cgroup is the memory cgroup a child build runs in (-memory-cgroup).
type cgroup struct {
	dir   string
	limit int64
}

// newCgroup makes the memory cgroup -memory-cgroup asks for; nil without it.
func newCgroup() (*cgroup, error) {
	if *flagCgroup == "" {
		return nil, nil
	}
	var mib int64
	if _, err := fmt.Sscan(*flagCgroup, &mib); err != nil || mib <= 0 {
		return nil, fmt.Errorf("-memory-cgroup %q: a number of MiB", *flagCgroup)
	}
	cg := &cgroup{dir: filepath.Join("/sys/fs/cgroup/memory", fmt.Sprintf("bisearch-bench-%d", os.Getpid())), limit: mib << 20}
	if err := os.Mkdir(cg.dir, 0o755); err != nil {
		return nil, fmt.Errorf("-memory-cgroup needs cgroup v1's memory controller, writable: %v", err)
	}
	if err := os.WriteFile(filepath.Join(cg.dir, "memory.limit_in_bytes"), []byte(fmt.Sprint(cg.limit)), 0o644); err != nil {
		os.Remove(cg.dir)
		return nil, err
	}
	// no swap to spill to where the controller can say so
	os.WriteFile(filepath.Join(cg.dir, "memory.swappiness"), []byte("0"), 0o644)
	return cg, nil
}

func (cg *cgroup) add(pid int) error {
	if cg == nil {
		return nil
	}
	return os.WriteFile(filepath.Join(cg.dir, "cgroup.procs"), []byte(fmt.Sprint(pid)), 0o644)
}

// report prints what the cgroup saw and removes it.
func (cg *cgroup) report() {
	if cg == nil {
		return
	}
	read := func(name string) string {
		b, _ := os.ReadFile(filepath.Join(cg.dir, name))
		return strings.TrimSpace(string(b))
	}
	var maxUse int64
	fmt.Sscan(read("memory.max_usage_in_bytes"), &maxUse)
	oom := "0"
	for _, line := range strings.Split(read("memory.oom_control"), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "oom_kill" {
			oom = f[1]
		}
	}
	cgroupNote = fmt.Sprintf("In a memory cgroup limited to %d MiB: its usage (page cache included) at most %.0f MB, the limit reached %s times, OOM kills %s.",
		cg.limit>>20, float64(maxUse)/1e6, read("memory.failcnt"), oom)
	for i := 0; i < 50 && os.Remove(cg.dir) != nil; i++ {
		time.Sleep(100 * time.Millisecond)
	}
}

// cgroupNote is what the cgroup of the child build saw, for the report.
var cgroupNote string

package corpus

import (
	"bytes"
	"os"
	"testing"
	"time"
)

// publishedCEDICT is the file as MDBG publishes it, kept in the repository
// as the source of the reduced form.
const publishedCEDICT = "cedict/cedict_1_0_ts_utf-8_mdbg-2020-09-27.txt.gz"

// TestReducedCEDICT parses the published CC-CEDICT file and checks that the
// embedded reduced form loads into the same dictionary (every headword's
// stems and head stems, every stem's id, the readings, the syllables) and is
// what encoding the parse writes; with -update it writes the reduced form
// again (after a new CC-CEDICT release or a change to the parse).
func TestReducedCEDICT(t *testing.T) {
	src, err := os.ReadFile(publishedCEDICT)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	parsed, err := parseCEDICT(src)
	if err != nil {
		t.Fatal(err)
	}
	parseTook := time.Since(start)
	enc, err := encodeDict(parsed)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(reducedCEDICT, enc, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes)", reducedCEDICT, len(enc))
		return
	}
	if !bytes.Equal(enc, cedictReduced) {
		t.Errorf("the embedded %s is not what the published file parses into: run go test ./corpus -run TestReducedCEDICT -update", reducedCEDICT)
	}
	start = time.Now()
	loaded, err := decodeDict(cedictReduced)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d headwords, %d stems: parsed in %v, loaded in %v", len(parsed.words), len(parsed.stemID), parseTook, time.Since(start))
	same := func(a, b []int32) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}
	if len(loaded.words) != len(parsed.words) || len(loaded.heads) != len(parsed.heads) {
		t.Fatalf("%d/%d headwords loaded, %d/%d parsed", len(loaded.words), len(loaded.heads), len(parsed.words), len(parsed.heads))
	}
	for w, ids := range parsed.words {
		if !same(loaded.words[w], ids) {
			t.Fatalf("%s: stems %v loaded, %v parsed", w, loaded.words[w], ids)
		}
		if h, ok := loaded.heads[w]; !ok || !same(h, parsed.heads[w]) {
			t.Fatalf("%s: head stems %v loaded, %v parsed", w, h, parsed.heads[w])
		}
	}
	if len(loaded.stemID) != len(parsed.stemID) || loaded.maxLen != parsed.maxLen || len(loaded.syllables) != len(parsed.syllables) || len(loaded.readings) != len(parsed.readings) {
		t.Fatalf("loaded %d stems, max %d, %d syllables, %d readings; parsed %d, %d, %d, %d", len(loaded.stemID), loaded.maxLen, len(loaded.syllables), len(loaded.readings),
			len(parsed.stemID), parsed.maxLen, len(parsed.syllables), len(parsed.readings))
	}
	for s, id := range parsed.stemID {
		if loaded.stemID[s] != id {
			t.Fatalf("stem %q: id %d loaded, %d parsed", s, loaded.stemID[s], id)
		}
	}
	for s := range parsed.syllables {
		if !loaded.syllables[s] {
			t.Fatalf("syllable %q not loaded", s)
		}
	}
	for r, rs := range parsed.readings {
		if got := loaded.readings[r]; len(got) != len(rs) || len(rs) > 0 && got[0] != rs[0] {
			t.Fatalf("%c: readings %v loaded, %v parsed", r, got, rs)
		}
	}
	if len(loaded.proper) != len(parsed.proper) || len(parsed.proper) == 0 {
		t.Fatalf("%d proper stems loaded, %d parsed", len(loaded.proper), len(parsed.proper))
	}
	for id := range parsed.proper {
		if !loaded.proper[id] {
			t.Fatalf("proper stem %d not loaded", id)
		}
	}
}

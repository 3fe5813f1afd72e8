package search

import (
	"fmt"
	"testing"
)

// TestVocabCounterBounded checks that the vocabulary counter stays within
// its bound on a stream of ever new words, and that the frequent words
// survive the pruning with their counts.
func TestVocabCounterBounded(t *testing.T) {
	defer func(n int) { vocabCounted = n }(vocabCounted)
	vocabCounted = 1000
	v := VocabCounter{}
	frequent := make([]string, 50)
	for i := range frequent {
		frequent[i] = fmt.Sprintf("common%c%c", 'a'+i%26, 'a'+i/26)
	}
	most := 0
	for i := 0; i < 100_000; i++ {
		text := fmt.Sprintf("rare%dword", i) // seen once
		if i%20 == 0 {
			for _, w := range frequent {
				text += " " + w
			}
		}
		v.Add(text)
		most = max(most, len(v))
	}
	if most > vocabCounted+1 {
		t.Errorf("the counter held %d words, over its bound of %d", most, vocabCounted)
	}
	top := v.Top(len(frequent))
	want := map[string]bool{}
	for _, w := range frequent {
		want[w] = true
	}
	for _, e := range top {
		if !want[e.Word] {
			t.Errorf("top word %q (count %d) is not one of the frequent words", e.Word, e.Count)
		}
		if e.Count != 100_000/20 {
			t.Errorf("%q counted %d times, want %d", e.Word, e.Count, 100_000/20)
		}
	}
}

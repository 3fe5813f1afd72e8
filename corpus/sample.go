package corpus

import (
	_ "embed"
)

//go:embed sample/guangdong-ipr-2023.txt
var sampleText []byte

// SampleName is the file name of the embedded sample corpus.
const SampleName = "guangdong-ipr-2023.txt"

// Sample returns the embedded sample corpus: the bilingual 2023 report on
// intellectual-property protection in Guangdong, read and aligned.
func Sample() (*Doc, error) {
	return ReadBilingual(SampleName, sampleText)
}

// SampleText returns the raw bytes of the embedded sample corpus.
func SampleText() []byte { return sampleText }

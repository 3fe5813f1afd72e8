package corpus

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// Decode turns the bytes of a text file into a UTF-8 string with Unix line
// ends. It recognises UTF-8 (with or without a byte-order mark), UTF-16 LE/BE
// with a byte-order mark, and, for files that are not valid UTF-8 but decode
// to Chinese text, GB18030 (a superset of GBK and GB2312) and Big5. Anything else is an
// error that names the file and the line of the first invalid byte.
func Decode(name string, b []byte) (string, error) {
	var s string
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
		if !utf8.Valid(b) {
			return "", invalidUTF8(name, b)
		}
		s = string(b)
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		enc := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
		out, err := decodeWith(enc, b)
		if err != nil {
			return "", fmt.Errorf("%s: invalid UTF-16: %w", name, err)
		}
		s = out
	case utf8.Valid(b):
		s = string(b)
	default:
		// GB18030 (GBK, GB2312) or Big5: the decoding whose characters are
		// the ones Chinese text uses (CC-CEDICT's) wins
		_, best := chineseEncoding(b)
		if best == "" {
			return "", invalidUTF8(name, b)
		}
		s = best
	}
	if strings.IndexByte(s, 0) >= 0 {
		line := 1 + strings.Count(s[:strings.IndexByte(s, 0)], "\n")
		return "", fmt.Errorf("%s:%d: binary data (NUL byte): not a text file", name, line)
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return s, nil
}

// chineseEncoding tells which of GB18030 (GBK, GB2312) and Big5 b is in:
// the decoding whose characters are the ones Chinese text uses (CC-CEDICT's)
// wins, if at least half of them are; nil when neither is.
func chineseEncoding(b []byte) (encoding.Encoding, string) {
	var best encoding.Encoding
	text, bestScore := "", 0.0
	for _, enc := range []encoding.Encoding{simplifiedchinese.GB18030, traditionalchinese.Big5} {
		out, err := decodeWith(enc, b)
		if err != nil || !looksChinese(out) {
			continue
		}
		if sc := knownShare(out); sc > bestScore {
			best, text, bestScore = enc, out, sc
		}
	}
	if bestScore < 0.5 {
		return nil, ""
	}
	return best, text
}

func decodeWith(enc encoding.Encoding, b []byte) (string, error) {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

// looksChinese accepts a GB18030 decoding only when it produced no
// replacement characters and a fair share of Chinese characters, so that
// random binary data is not taken for GBK text.
func looksChinese(s string) bool {
	han, other := 0, 0
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			return false
		case isHan(r):
			han++
		case r > 0x7F:
			other++
		}
	}
	return han > 0 && han >= 4*other
}

// knownShare is the share of the Chinese characters of s that are
// dictionary words on their own.
func knownShare(s string) float64 {
	d := CEDICT()
	han, known := 0, 0
	for _, r := range s {
		if isHan(r) {
			han++
			if _, ok := d.words[string(r)]; ok {
				known++
			}
		}
	}
	if han == 0 {
		return 0
	}
	return float64(known) / float64(han)
}

func invalidUTF8(name string, b []byte) error {
	line, col := 1, 1
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return fmt.Errorf("%s:%d:%d: invalid UTF-8 byte 0x%02X (not UTF-8, UTF-16 with BOM or GB18030 text)", name, line, col, b[i])
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return fmt.Errorf("%s: invalid text encoding", name)
}

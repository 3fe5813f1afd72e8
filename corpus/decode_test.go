package corpus

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

func TestDecode(t *testing.T) {
	t.Parallel()
	text := "知识产权\nIntellectual property\n"
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String(text)
	u16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	u16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(text)
	para := "全省共有62件知识产权案件适用惩罚性赔偿严惩侵权，全年最高判赔数额达3.17亿元。\n"
	tradPara := "全省共有62件知識產權案件適用懲罰性賠償嚴懲侵權，全年最高判賠數額達3.17億元。\n"
	gbPara, _ := simplifiedchinese.GBK.NewEncoder().String(para)
	big5Para, _ := traditionalchinese.Big5.NewEncoder().String(tradPara)
	// a text of 300 KB whose lines do not fall on any power of two
	var lb strings.Builder
	for i := 0; lb.Len() < 300<<10; i++ {
		fmt.Fprintf(&lb, "第%d条 知识产权保护 protection of IP rights %s\n", i, strings.Repeat("权", i%7))
	}
	long := lb.String()
	longGBK, _ := simplifiedchinese.GBK.NewEncoder().String(long)
	longU16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(long)
	tests := []struct {
		name    string
		in      []byte
		want    string
		wantErr string
	}{
		{"utf8", []byte(text), text, ""},
		{"utf8 bom", append([]byte{0xEF, 0xBB, 0xBF}, text...), text, ""},
		{"crlf", []byte("知识产权\r\nIP\r\n"), "知识产权\nIP\n", ""},
		{"utf16le", []byte(u16), text, ""},
		{"utf16be", []byte(u16be), text, ""},
		{"gb18030", []byte(gb), text, ""},
		{"gbk paragraph", []byte(gbPara), para, ""},
		{"big5 paragraph", []byte(big5Para), tradPara, ""},
		{"binary", []byte{'a', '\n', 0xff, 0xfe, 0xfd, 0x00, 0x81}, "", "f.txt:2:1: invalid UTF-8"},
		{"nul", []byte("abc\n\x00def"), "", "f.txt:2: binary data"},
		{"cr only", []byte("知识产权\rIP\r\r\nx"), "知识产权\nIP\n\nx", ""},
		// past the first sniffSize bytes, and runes across every read's edge
		{"long utf8", []byte(long), long, ""},
		{"long gbk", []byte(longGBK), long, ""},
		{"long utf16", []byte(longU16), long, ""},
		{"late bad byte", append([]byte(long), 'x', 0xff), "", fmt.Sprintf("f.txt:%d:2: invalid UTF-8", strings.Count(long, "\n")+1)},
		{"late nul", append([]byte(long), 0), "", fmt.Sprintf("f.txt:%d: binary data", strings.Count(long, "\n")+1)},
		{"cut rune at the end", append([]byte(long), "知"[:2]...), "", "invalid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// the whole file in memory, and the same file as it streams
			whole, err := Decode("f.txt", tt.in)
			streamed, serr := decodeAll("f.txt", tt.in)
			for _, r := range []struct {
				how string
				got string
				err error
			}{{"Decode", whole, err}, {"decodeStream", streamed, serr}} {
				if tt.wantErr != "" {
					if r.err == nil || !strings.Contains(r.err.Error(), tt.wantErr) {
						t.Fatalf("%s: err = %v, want it to contain %q", r.how, r.err, tt.wantErr)
					}
					continue
				}
				if r.err != nil {
					t.Fatalf("%s: %v", r.how, r.err)
				}
				if r.got != tt.want {
					t.Errorf("%s: got %d bytes %.60q…, want %d bytes %.60q…", r.how, len(r.got), r.got, len(tt.want), tt.want)
				}
			}
		})
	}
}

// decodeAll reads a file through decodeStream.
func decodeAll(name string, b []byte) (string, error) {
	r, err := decodeStream(name, bytes.NewReader(b))
	if err != nil {
		return "", err
	}
	out, err := io.ReadAll(r)
	return string(out), err
}

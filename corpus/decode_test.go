package corpus

import (
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode("f.txt", tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkDoc asserts what every reader promises of a document it returns.
func checkDoc(t *testing.T, d *Doc) {
	t.Helper()
	if d.ID == "" || strings.ContainsAny(d.ID, `/\`) {
		t.Fatalf("bad id %q", d.ID)
	}
	for i, u := range d.Units {
		if u.Seq != i {
			t.Fatalf("unit %d has seq %d", i, u.Seq)
		}
		if u.ZH == "" && u.EN == "" {
			t.Fatalf("unit %d is empty", i)
		}
		if !utf8.ValidString(u.ZH) || !utf8.ValidString(u.EN) {
			t.Fatalf("unit %d is not valid UTF-8", i)
		}
		if u.Score < 0 || u.Score > 1 || (!u.Paired() && u.Score != 0) {
			t.Fatalf("unit %d has score %v", i, u.Score)
		}
	}
}

func FuzzReadBilingual(f *testing.F) {
	f.Add(SampleText()[:2000])
	f.Add([]byte("一、总则\n知识产权保护。\nI. General\nIP protection.\n"))
	f.Add([]byte("\xef\xbb\xbf\xff\xfe"))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := ReadBilingual("f.txt", b)
		if err != nil {
			return
		}
		checkDoc(t, d)
		// nothing lost: every non-empty line is in a unit
		n := 0
		for _, u := range d.Units {
			if u.ZH != "" {
				n++
			}
			if u.EN != "" {
				n++
			}
		}
		text, _ := Decode("f.txt", b)
		if want := len(Paragraphs(text)); n != want {
			t.Fatalf("%d paragraphs in units, %d in the text", n, want)
		}
	})
}

func FuzzReadTSV(f *testing.F) {
	f.Add([]byte("知识产权\tintellectual property\n"))
	f.Add([]byte("en\tzh\nHi.\t你好。\t#1\n"))
	f.Add([]byte("\t\t\n\t"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if d, err := ReadTSV("f.tsv", b); err == nil {
			checkDoc(t, d)
		}
	})
}

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"zh": "海关", "en": "customs"}`))
	f.Add([]byte(`{"zh": null}` + "\n" + `[]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if d, err := ReadJSONL("f.jsonl", b); err == nil {
			checkDoc(t, d)
		}
	})
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("海关,customs\n\"a,b\",乙\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if d, err := ReadCSV("f.csv", b); err == nil {
			checkDoc(t, d)
		}
	})
}

// FuzzDecodeStream checks the streamed decoding against the decoding of
// the whole file: for a file shorter than what tells the encoding, both
// accept it or refuse it, and accept it as the same text.
func FuzzDecodeStream(f *testing.F) {
	f.Add([]byte("知识产权\r\nIP\rprotection\n"))
	f.Add([]byte("\xef\xbb\xbf知识\x00产权"))
	f.Add([]byte("\xff\xfea\x00b\x00\r\x00\n\x00"))
	f.Add([]byte("abc\xe7\x9f"))
	f.Add([]byte("\xd6\xaa\xca\xb6\xb2\xfa\xc8\xa8\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) >= sniffSize {
			return
		}
		whole, werr := Decode("f.txt", b)
		streamed, serr := decodeAll("f.txt", b)
		if (werr == nil) != (serr == nil) {
			t.Fatalf("whole: %v; streamed: %v", werr, serr)
		}
		if werr == nil && whole != streamed {
			t.Fatalf("whole %q, streamed %q", whole, streamed)
		}
	})
}

// FuzzAlign aligns arbitrary lines as paragraphs, as sentences, and as
// paragraphs against sentences (either side cut): the aligner must not
// fail, and its path must take every line of each side once, in order,
// with scores and confidences in [0,1].
func FuzzAlign(f *testing.F) {
	statuteZH, _ := os.ReadFile(filepath.Join("testdata", "statute.zh.txt"))
	statuteEN, _ := os.ReadFile(filepath.Join("testdata", "statute.en.txt"))
	f.Add(string(statuteZH[:min(len(statuteZH), 3000)]), string(statuteEN[:min(len(statuteEN), 6000)]))
	f.Add("“你去哪儿？”\n她问道。\n“去市场。”他说。\n（一）第一项；\n（二）第二项。",
		"\"Where are you going?\" she asked.\n\"To the market,\" he said.\n(a) the first;\n(b) the second.")
	f.Add("第三章　总　　则\n第一条　为了规范管理，制定本法。\n第二十一回\n但是他没有来。",
		"CHAPTER III GENERAL PROVISIONS\nArticle 1 This Law is formulated to regulate management.\nCHAPTER TWENTY-ONE\nBut he did not come.")
	f.Add("「好的！」\n\n\n", "'Fine!'\n(iv) item\nwhy?")
	f.Fuzz(func(t *testing.T, zhText, enText string) {
		lines := func(text string, lang Lang) []Paragraph {
			var out []Paragraph
			for _, l := range strings.Split(text, "\n") {
				if l = strings.TrimSpace(l); l != "" && utf8.ValidString(l) {
					out = append(out, Paragraph{Text: l, Lang: lang, Heading: IsHeading(l, lang)})
				}
			}
			return out
		}
		zh, en := lines(zhText, ZH), lines(enText, EN)
		if len(zh) > 200 || len(en) > 200 {
			return
		}
		paths := map[string][]step{
			"paragraphs":                 alignAs(zh, en, paragraphPriors),
			"sentences":                  alignAs(zh, en, sentencePriors),
			"Chinese cut into sentences": alignMixed(zh, en, true),
			"English cut into sentences": alignMixed(zh, en, false),
		}
		for name, path := range paths {
			nz, ne := 0, 0
			for k, s := range path {
				if len(s.zh) == 0 && len(s.en) == 0 {
					t.Fatalf("%s: step %d is empty", name, k)
				}
				for _, i := range s.zh {
					if i != nz {
						t.Fatalf("%s: step %d takes Chinese line %d, want %d", name, k, i, nz)
					}
					nz++
				}
				for _, j := range s.en {
					if j != ne {
						t.Fatalf("%s: step %d takes English line %d, want %d", name, k, j, ne)
					}
					ne++
				}
				if s.score < 0 || s.score > 1 || s.conf < 0 || s.conf > 1 || s.score != s.score || s.conf != s.conf {
					t.Fatalf("%s: step %d has score %v, confidence %v", name, k, s.score, s.conf)
				}
			}
			if nz != len(zh) || ne != len(en) {
				t.Fatalf("%s: the path takes %d of %d Chinese and %d of %d English lines", name, nz, len(zh), ne, len(en))
			}
		}
	})
}

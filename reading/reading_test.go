package reading

import "testing"

func TestAssocCounter(t *testing.T) {
	c := NewCounter()
	for i := 0; i < 5; i++ {
		c.Add("我喜欢图书馆。", "I like the library.")
		c.Add("他去学校。", "He goes to school.")
	}
	c.Add("我喜欢学校。", "I like school.")
	a := c.Result()
	for zh, want := range map[string]string{"图书馆": "librar", "学校": "school"} {
		if got := a.ZH[zh]; len(got) == 0 || got[0] != want {
			t.Errorf("%s → %v, want %s first", zh, got, want)
		}
	}
	if got := a.EN["librar"]; len(got) == 0 || got[0] != "图书馆" {
		t.Errorf("librar → %v", got)
	}
	if got := a.ZH["喜欢"]; len(got) > 0 && got[0] == "librar" {
		t.Errorf("喜欢 → %v: a word seen with everything is not a translation", got)
	}
}

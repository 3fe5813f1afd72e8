package search

import (
	"context"
	"strings"

	"github.com/bisearch/bisearch/query"
)

// MaxSuggestions is how many alternative queries a result with no hit offers.
const MaxSuggestions = 3

// Suggest offers queries that find something when q found nothing: the
// query without the words that match nowhere, and those words spelt as the
// corpus spells them.
func Suggest(ctx context.Context, b Backend, q *query.Query, req query.Request) []string {
	if len(q.Groups) == 0 {
		return nil
	}
	count := func(pq *query.Query) uint64 {
		n, err := b.Count(ctx, pq, req)
		if err != nil {
			return 0
		}
		return n
	}
	var dead []int
	for i, g := range q.Groups {
		one := *q
		one.Groups = []query.Group{g}
		if count(&one) == 0 {
			dead = append(dead, i)
		}
	}
	var out []string
	seen := map[string]bool{req.Text: true}
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s != "" && !seen[s] && len(out) < MaxSuggestions {
			seen[s] = true
			out = append(out, s)
		}
	}
	// spelling: each dead single Latin word, replaced by its nearest corpus word
	replace := map[int]string{}
	meta := b.Meta()
	for _, i := range dead {
		g := q.Groups[i]
		if len(g.Terms) != 1 || g.Terms[0].Han || g.Terms[0].Prefix || g.Terms[0].Phrase {
			continue
		}
		if w := meta.NearestWord(strings.ToLower(g.Terms[0].Text)); w != "" {
			prefix := ""
			if g.Terms[0].Side != "" {
				prefix = string(g.Terms[0].Side) + ":"
			}
			replace[i] = prefix + w
		}
	}
	if len(replace) > 0 {
		cand := q.Rewrite(func(int) bool { return true }, replace)
		if pq, err := query.Parse(cand); err == nil && count(pq) > 0 {
			add(cand)
		}
	}
	if len(dead) > 0 && len(dead) < len(q.Groups) {
		isDead := map[int]bool{}
		for _, i := range dead {
			isDead[i] = true
		}
		add(q.Rewrite(func(i int) bool { return !isDead[i] }, nil))
	}
	if len(dead) == 0 {
		// every word is somewhere, never all in one unit: each on its own
		for i := range q.Groups {
			add(q.Rewrite(func(j int) bool { return i == j }, nil))
		}
	}
	return out
}

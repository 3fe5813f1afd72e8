package corpus

import "math"

// A pair's confidence says how sure the aligner is of it, which its cost
// alone does not: a wrong pair in a literary text is usually a boundary
// one sentence off (a merge missed, a sentence given to the wrong
// neighbour), and such a pair costs little, because the right one would
// cost little too. So the confidence also weighs the margin: how much
// more the best path costs that does not hold the pair. Both come from a
// forward and a backward pass of the dynamic programme in a narrow band
// around the path found.

const (
	marginBand = 3   // columns either side of the path the passes search
	marginTau  = 1.5 // a margin of this cost leaves 1-1/e of the pair's score
)

// point is a place in the alignment matrix: i Chinese and j English
// paragraphs taken.
type point struct{ i, j int }

// narrow is a band of the matrix around a path, with each cell's cheapest
// cost from the start (fwd) and to the end (bwd).
type narrow struct {
	lo, hi   []int
	fwd, bwd [][]float64
}

func (b *narrow) in(r, c int) bool { return r >= 0 && r < len(b.lo) && c >= b.lo[r] && c <= b.hi[r] }

// through is the cost of the cheapest path through cell (r, c).
func (b *narrow) through(r, c int) float64 { return b.fwd[r][c-b.lo[r]] + b.bwd[r][c-b.lo[r]] }

// pathPoints lists the points a path passes, from (0, 0) to its end.
func pathPoints(path []step) []point {
	points := []point{{0, 0}}
	i, j := 0, 0
	for _, s := range path {
		i, j = i+len(s.zh), j+len(s.en)
		points = append(points, point{i, j})
	}
	return points
}

// narrowAround is the band of marginBand columns either side of a path's
// points (a row a three-row move jumps over takes the row before's).
func narrowAround(points []point, n, m int) *narrow {
	b := &narrow{lo: make([]int, n+1), hi: make([]int, n+1)}
	for r := range b.lo {
		b.lo[r], b.hi[r] = m+1, -1
	}
	for _, p := range points {
		b.lo[p.i], b.hi[p.i] = min(b.lo[p.i], p.j), max(b.hi[p.i], p.j)
	}
	for r := 1; r <= n; r++ {
		if b.hi[r] < 0 {
			b.lo[r], b.hi[r] = b.lo[r-1], b.hi[r-1]
		}
	}
	for r := range b.lo {
		b.lo[r], b.hi[r] = max(0, b.lo[r]-marginBand), min(m, b.hi[r]+marginBand)
	}
	grid := func() [][]float64 {
		g := make([][]float64, n+1)
		for r := range g {
			g[r] = make([]float64, b.hi[r]-b.lo[r]+1)
			for c := range g[r] {
				g[r][c] = math.Inf(1)
			}
		}
		return g
	}
	b.fwd, b.bwd = grid(), grid()
	return b
}

// passes fills the band's forward and backward costs.
func (a *aligner) passes(b *narrow) {
	n, m := len(a.fz), len(a.fe)
	inf := math.Inf(1)
	hz, he := headingsBefore(a.fz, false), headingsBefore(a.fe, false)
	last := byte(m14)
	if a.mz3 == nil {
		last = m12
	}
	b.fwd[0][0] = 0
	for r := 0; r <= n; r++ {
		for c := b.lo[r]; c <= b.hi[r]; c++ {
			for mv := byte(mPair); mv <= last; mv++ {
				pr, pc := r-moves[mv].zh, c-moves[mv].en
				if !allowed(mv, r, c, hz, he) || !b.in(pr, pc) || b.fwd[pr][pc-b.lo[pr]] == inf {
					continue
				}
				cur, prev := b.fwd[r][c-b.lo[r]], b.fwd[pr][pc-b.lo[pr]]
				b.fwd[r][c-b.lo[r]] = math.Min(cur, prev+a.stepCost(mv, r, c, cur-prev))
			}
		}
	}
	b.bwd[n][m-b.lo[n]] = 0
	for r := n; r >= 0; r-- {
		for c := b.hi[r]; c >= b.lo[r]; c-- {
			for mv := byte(mPair); mv <= last; mv++ {
				nr, nc := r+moves[mv].zh, c+moves[mv].en
				if !b.in(nr, nc) || !allowed(mv, nr, nc, hz, he) || b.bwd[nr][nc-b.lo[nr]] == inf {
					continue
				}
				cur, next := b.bwd[r][c-b.lo[r]], b.bwd[nr][nc-b.lo[nr]]
				b.bwd[r][c-b.lo[r]] = math.Min(cur, next+a.stepCost(mv, nr, nc, cur-next))
			}
		}
	}
}

// calibrate sets each pair's confidence: its score times
// 1 - exp(-margin/marginTau), the margin being how much more than the path
// the cheapest path costs that does not hold the pair.
func (a *aligner) calibrate(path []step) {
	for k := range path {
		path[k].conf = path[k].score
	}
	n, m := len(a.fz), len(a.fe)
	points := pathPoints(path)
	b := narrowAround(points, n, m)
	a.passes(b)
	best := b.fwd[n][m-b.lo[n]]
	if math.IsInf(best, 1) {
		return
	}
	for k := range path {
		s := &path[k]
		if len(s.zh) == 0 || len(s.en) == 0 {
			continue
		}
		mg := b.margin(points[k], points[k+1], best)
		// never 0, which the stored alignment reads as "not scored"
		s.conf = max(0.01, s.score*(1-math.Exp(-mg/marginTau)))
	}
}

// margin is how much more than best the cheapest path costs through a
// point near the step from p0 to p1 that no path holding the step passes
// (one neither at or before p0 nor at or after p1).
func (b *narrow) margin(p0, p1 point, best float64) float64 {
	mg := math.Inf(1)
	for r := max(0, p0.i-1); r <= min(len(b.lo)-1, p1.i+1); r++ {
		for c := b.lo[r]; c <= b.hi[r]; c++ {
			if r <= p0.i && c <= p0.j || r >= p1.i && c >= p1.j {
				continue
			}
			mg = math.Min(mg, b.through(r, c)-best)
		}
	}
	return math.Max(0, mg)
}

// Package ingest owns the build pipeline every engine shares: documents
// come in one at a time, their units are prepared on every core a chunk
// ahead (each pair's sentence alignment, the words its aligned sentences
// give the association counter), handed in order to an engine's Writer, and
// counted into the manifest, the vocabulary and the word associations that
// the Writer stores beside the units when the build is done.
package ingest

import (
	"context"
	"errors"
	"iter"
	"runtime"
	"sync"
	"time"

	"github.com/bisearch/bisearch/corpus"
	"github.com/bisearch/bisearch/reading"
	"github.com/bisearch/bisearch/search"
)

// Unit is a unit made ready for an engine.
type Unit struct {
	ID       string // corpus.UnitID(Doc, Seq)
	Doc      string
	DocOrder int // the document's place in the build, for document order
	corpus.Unit
}

// Meta is what a build stores beside its units.
type Meta struct {
	Manifest search.Manifest
	Vocab    []search.VocabEntry
	Assoc    reading.Assoc
}

// Writer is an engine's index being built.
type Writer interface {
	// Add stores a unit; it is called from one goroutine, in order.
	Add(u *Unit) error
	// Finish stores the build's meta data and completes the index; it is
	// called once, after the last Add, and only when nothing failed.
	Finish(ctx context.Context, m Meta) error
}

// Source is the documents of a build, one at a time (a long one may come
// in parts, see corpus.Doc.Cont), with the number of units when it is known
// ahead (0 otherwise), for progress, or else the bytes of its files, for an
// estimate. An error from Docs ends the build.
type Source struct {
	Docs  iter.Seq2[*corpus.Doc, error]
	Units int
	Bytes int64
}

// Docs makes a Source of documents held in memory.
func Docs(docs []*corpus.Doc) Source {
	n := 0
	for _, d := range docs {
		n += len(d.Units)
	}
	return Source{Units: n, Docs: func(yield func(*corpus.Doc, error) bool) {
		for _, d := range docs {
			if !yield(d, nil) {
				return
			}
		}
	}}
}

// Progress is told how many units have been indexed, and of how many when
// that is known (else total is 0); once more with total Finishing when every
// unit is in and the engine finishes the index (the embedded engine merges
// each shard's segments into one: about a quarter of a large build).
type Progress func(done, total int)

// Finishing is the total a Progress is told once every unit is in.
const Finishing = -1

// Stats sums up a build.
type Stats struct {
	Docs, Units, Aligned int
	Bytes                int64
	Took                 time.Duration
}

// ErrNoDocuments ends a build whose source held no document: nothing is
// built and the index in place stays.
var ErrNoDocuments = errors.New("no documents to index")

// docStretch is how many sentence pairs of one document are counted
// together at most.
const docStretch = 5000

// chunkSize is how many units are prepared at once at most, chunkBytes how
// many bytes of text: a chunk is prepared while the one before is written,
// so about three are held at a time whatever the corpus.
var (
	chunkSize  = 5000
	chunkBytes = 1 << 20
)

// Build reads src, prepares its units and hands them to w in order, then
// finishes w with the manifest, vocabulary and associations.
func Build(ctx context.Context, src Source, w Writer, progress Progress) (Stats, error) {
	start := time.Now()
	var st Stats
	man := search.Manifest{Version: search.Version, Built: start.UTC()}
	words := search.VocabCounter{}
	assocs := reading.NewCounter()
	var assocFull bool
	var mu sync.Mutex // guards assocFull between the preparer and this loop
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	at := map[string]int{} // a document's place in the manifest
	chunks, errc := prepare(ctx, src, func() bool { mu.Lock(); defer mu.Unlock(); return assocFull }, func(d *corpus.Doc) {
		if k, ok := at[d.ID]; ok && d.Cont {
			man.Docs[k].Units += len(d.Units)
			man.Docs[k].Aligned += d.Aligned()
			return
		}
		at[d.ID] = len(man.Docs)
		info := search.DocInfo{ID: d.ID, Title: d.Title, Source: d.Source, Units: len(d.Units), Aligned: d.Aligned(), Key: d.Key, Hash: d.Hash}
		man.Docs = append(man.Docs, info)
	})
	// a document's sentence pairs are counted together, so that the words
	// filling most of them are left out (a long document a stretch at a time)
	var docPairs [][2][]string
	docOf := ""
	countDoc := func() {
		assocs.AddDoc(docPairs)
		docPairs = docPairs[:0]
	}
	for ch := range chunks {
		for i := range ch {
			p := &ch[i]
			if err := w.Add(&p.unit); err != nil {
				return st, err
			}
			if p.unit.Doc != docOf || len(docPairs) >= docStretch {
				countDoc()
				docOf = p.unit.Doc
			}
			docPairs = append(docPairs, p.assoc...)
			st.Units++
			st.Bytes += int64(len(p.unit.ZH) + len(p.unit.EN))
			words.Add(p.unit.EN)
			words.Add(p.unit.ZH)
		}
		mu.Lock()
		assocFull = assocs.Full()
		mu.Unlock()
		if progress != nil {
			progress(st.Units, src.Units)
		}
	}
	countDoc()
	if err := <-errc; err != nil {
		return st, err
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	if len(man.Docs) == 0 {
		return st, ErrNoDocuments
	}
	for _, d := range man.Docs {
		st.Docs++
		st.Aligned += d.Aligned
	}
	man.Bytes = st.Bytes
	if progress != nil {
		progress(st.Units, Finishing)
	}
	if err := w.Finish(ctx, Meta{Manifest: man, Vocab: words.Top(search.VocabSize), Assoc: assocs.Result()}); err != nil {
		return st, err
	}
	st.Took = time.Since(start)
	return st, nil
}

// prepared is a unit made ready, with the words its aligned sentence pairs
// give the association counter.
type prepared struct {
	unit  Unit
	assoc [][2][]string
}

// prepare reads the documents of src and prepares their units on every
// core, chunkSize at a time, sending each chunk in order; the chunk channel
// closes at the end, then errc says why it ended. Each document is passed to
// onDoc as it is read.
func prepare(ctx context.Context, src Source, assocFull func() bool, onDoc func(*corpus.Doc)) (<-chan []prepared, <-chan error) {
	out := make(chan []prepared, 1)
	errc := make(chan error, 1)
	go func() {
		defer close(errc)
		defer close(out)
		type item struct {
			doc   string
			order int
			unit  *corpus.Unit
		}
		var pending []item
		pendingBytes := 0
		flush := func() bool {
			if len(pending) == 0 {
				return true
			}
			withAssoc := !assocFull()
			res := make([]prepared, len(pending))
			workers := runtime.GOMAXPROCS(0)
			var wg sync.WaitGroup
			for w := 0; w < workers; w++ {
				wg.Add(1)
				go func(w int) {
					defer wg.Done()
					for k := w; k < len(pending); k += workers {
						it := pending[k]
						res[k] = prepareUnit(it.doc, it.order, it.unit, withAssoc)
					}
				}(w)
			}
			wg.Wait()
			pending, pendingBytes = pending[:0], 0
			select {
			case out <- res:
				return true
			case <-ctx.Done():
				return false
			}
		}
		order := 0
		orders := map[string]int{} // a document's place in the build, for its later parts
		for d, err := range src.Docs {
			if err != nil {
				errc <- err
				return
			}
			if ctx.Err() != nil {
				errc <- ctx.Err()
				return
			}
			onDoc(d)
			o, ok := orders[d.ID]
			if !ok || !d.Cont {
				o = order
				orders[d.ID] = o
				order++
			}
			for i := range d.Units {
				pending = append(pending, item{d.ID, o, &d.Units[i]})
				pendingBytes += len(d.Units[i].ZH) + len(d.Units[i].EN)
				if (len(pending) == chunkSize || pendingBytes >= chunkBytes) && !flush() {
					errc <- ctx.Err()
					return
				}
			}
		}
		if !flush() {
			errc <- ctx.Err()
		}
	}()
	return out, errc
}

// prepareUnit readies one unit: its id and, for a pair, its sentence
// alignment (the one stored with it, or a new one) and the words of its
// aligned sentences.
func prepareUnit(doc string, order int, u *corpus.Unit, withAssoc bool) prepared {
	p := prepared{unit: Unit{ID: corpus.UnitID(doc, u.Seq), Doc: doc, DocOrder: order, Unit: *u}}
	if !u.Paired() {
		p.unit.Sentences = ""
		return p
	}
	al, ok := corpus.DecodeSentenceAlignment(u.Sentences)
	if !ok || u.Sentences == "" {
		al = corpus.AlignSentences(u.ZH, u.EN)
	}
	p.unit.Sentences = al.Encode()
	if withAssoc {
		for _, l := range al.Links {
			zw, ew := reading.PairWords(joinSpans(u.ZH, al.ZH, l.ZH), joinSpans(u.EN, al.EN, l.EN))
			p.assoc = append(p.assoc, [2][]string{zw, ew})
		}
	}
	return p
}

// joinSpans joins the text of the sentences idx of text.
func joinSpans(text string, spans []corpus.Span, idx []int) string {
	n := 0
	for _, i := range idx {
		n += spans[i].End - spans[i].Start + 1
	}
	b := make([]byte, 0, n)
	for _, i := range idx {
		b = append(b, text[spans[i].Start:spans[i].End]...)
		b = append(b, ' ')
	}
	return string(b)
}

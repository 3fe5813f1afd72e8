package query

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bisearch/bisearch/corpus"
)

// Limits on what one request may ask for.
const (
	MaxQueryRunes = 1000
	MaxTerms      = 32
	MaxSize       = 100
	MaxWindow     = 10_000 // from + size
	DefaultSize   = 10
	MaxExpansion  = 2048 // index terms one word with * may stand for
)

// Sort orders.
const (
	SortRelevance = "relevance"
	SortDoc       = "doc" // document order
)

// Error codes, as the API shows them.
const (
	CodeBadQuery     = "bad_query"     // the query language could not be read
	CodeBadParameter = "bad_parameter" // a parameter is out of range or unknown
	CodeMissingQuery = "missing_query"
	CodeQueryTooLong = "query_too_long"
)

// Error is a request the user has to change: its code and a message meant
// for them. Every such error is one of these, made here.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Is makes errors.Is(err, ErrInvalid) hold for every *Error.
func (e *Error) Is(target error) bool { return target == ErrInvalid }

// ErrInvalid matches every *Error with errors.Is.
var ErrInvalid = errors.New("invalid request")

func invalid(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Request is a search as asked for, before it is checked.
type Request struct {
	Text    string      // the query, in the query language
	Lang    corpus.Lang // "", zh or en: the side the terms must match on
	Doc     string      // only this document
	Section string      // only this section
	From    int
	Size    int    // 0: DefaultSize
	Sort    string // "", relevance or doc
	Facets  bool   // count the hits by side, translation, document and section
	// Translated keeps the units with a translation ("yes": both sides) or
	// without one ("no"); "" keeps both.
	Translated string
	// Translations asks, for a query of one term, how the term is
	// translated in its hits.
	Translations bool
	// As keeps, for a query of one term, the hits where it is translated
	// this way (the words on the other side); AsOther ("-") keeps those
	// translated otherwise than every translation listed.
	As string
}

// AsOther is the value of Request.As for the hits translated otherwise.
const AsOther = "-"

// Validate checks a request, fills in its defaults and parses its query:
// the one place where what a user may ask for is decided. Every error it
// returns is an *Error.
func (r *Request) Validate() (*Query, error) {
	if strings.TrimSpace(r.Text) == "" {
		return nil, invalid(CodeMissingQuery, "type something to search for")
	}
	if !utf8.ValidString(r.Text) {
		return nil, invalid(CodeBadParameter, "the query is not valid UTF-8 text")
	}
	if n := utf8.RuneCountInString(r.Text); n > MaxQueryRunes {
		return nil, invalid(CodeQueryTooLong, "the query is too long: %d characters, and a query may have at most %d; search for a shorter passage", n, MaxQueryRunes)
	}
	switch r.Lang {
	case "", corpus.ZH, corpus.EN:
	default:
		return nil, invalid(CodeBadParameter, "lang must be zh or en, not %q", clip(string(r.Lang), 20))
	}
	switch r.Sort {
	case "", SortRelevance, SortDoc:
	default:
		return nil, invalid(CodeBadParameter, "sort must be relevance or doc, not %q", clip(r.Sort, 20))
	}
	switch r.Translated {
	case "", "yes", "no":
	default:
		return nil, invalid(CodeBadParameter, "translated must be yes or no, not %q", clip(r.Translated, 20))
	}
	if n := utf8.RuneCountInString(r.As); n > 200 || !utf8.ValidString(r.As) {
		return nil, invalid(CodeBadParameter, "as must be text of at most 200 characters")
	}
	if r.Size == 0 {
		r.Size = DefaultSize
	}
	if r.Size < 1 || r.Size > MaxSize {
		return nil, invalid(CodeBadParameter, "size must be between 1 and %d", MaxSize)
	}
	if r.From < 0 || r.From+r.Size > MaxWindow {
		return nil, invalid(CodeBadParameter, "from must be between 0 and %d (results past the %dth are not shown; narrow the search instead)", MaxWindow-r.Size, MaxWindow)
	}
	if !utf8.ValidString(r.Doc) || !utf8.ValidString(r.Section) {
		return nil, invalid(CodeBadParameter, "doc and section must be valid UTF-8 text")
	}
	return Parse(r.Text)
}

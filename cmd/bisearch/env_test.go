package main

import (
	"os"
	"testing"
)

// clusterURL is the test cluster's address list for the tests that use it
// explicitly; the other tests run on the embedded engine whatever the
// environment says.
var clusterURL = os.Getenv("BISEARCH_OPENSEARCH_URL")

func TestMain(m *testing.M) {
	os.Unsetenv("BISEARCH_OPENSEARCH_URL")
	os.Exit(m.Run())
}

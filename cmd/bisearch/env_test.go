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

// needCluster skips a test that needs the test cluster, saying how to start
// one, or fails under CI=true, where CI starts it.
func needCluster(t *testing.T) string {
	t.Helper()
	if clusterURL == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("BISEARCH_OPENSEARCH_URL is not set: CI starts the test cluster (deploy/opensearch-testcluster/cluster start)")
		}
		t.Skip("no OpenSearch cluster: start one with `deploy/opensearch-testcluster/cluster start` and set BISEARCH_OPENSEARCH_URL")
	}
	return clusterURL
}

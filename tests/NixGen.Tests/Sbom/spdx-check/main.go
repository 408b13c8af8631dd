// Reads SPDX JSON documents with spdx/tools-golang (Debian: golang-github-spdx-tools-golang-dev) and validates
// them with its spdxlib.ValidateDocument; exit status: the number of invalid documents. Run in GOPATH mode.
package main

import (
	"fmt"
	"os"

	spdxjson "github.com/spdx/tools-golang/json"
	"github.com/spdx/tools-golang/spdxlib"
)

func main() {
	bad := 0
	for _, path := range os.Args[1:] {
		f, err := os.Open(path)
		if err != nil {
			panic(err)
		}
		doc, err := spdxjson.Read(f)
		f.Close()
		if err == nil {
			err = spdxlib.ValidateDocument(doc)
		}
		if err == nil && doc.SPDXVersion != "SPDX-2.3" {
			err = fmt.Errorf("version %s", doc.SPDXVersion)
		}
		if err != nil {
			fmt.Println(path, "INVALID:", err)
			bad++
			continue
		}
		fmt.Println(path, "ok:", len(doc.Packages), "packages,", len(doc.Relationships), "relationships")
	}
	os.Exit(bad)
}

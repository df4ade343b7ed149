// Checking a JSON text against one of the repo's JSON Schema files, with
// RapidJSON's validator (draft-04 keywords; see adapters/json/schema/).
// References to another schema file ("round.schema.json#/definitions/...")
// are read from the same folder.
#pragma once

#include <string>

namespace vetmatch::test_support {

/// "" when `json` conforms to the schema file, else the failing schema
/// keyword and the document pointer where it failed.
std::string schema_problem(const std::string& schema_path,
                           const std::string& json);

}  // namespace vetmatch::test_support

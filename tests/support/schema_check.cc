#include "tests/support/schema_check.h"

#include <rapidjson/document.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>

#include "tests/support/run_cli.h"

namespace vetmatch::test_support {

std::string schema_problem(const std::string& schema_path,
                           const std::string& json) {
  rapidjson::Document schema_doc;
  schema_doc.Parse(slurp(schema_path).c_str());
  if (schema_doc.HasParseError()) return "schema does not parse";
  const rapidjson::SchemaDocument schema(schema_doc);
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseFullPrecisionFlag>(json.data(), json.size());
  if (doc.HasParseError()) return "document does not parse";
  rapidjson::SchemaValidator validator(schema);
  if (doc.Accept(validator)) return "";
  rapidjson::StringBuffer where;
  validator.GetInvalidDocumentPointer().StringifyUriFragment(where);
  return std::string(validator.GetInvalidSchemaKeyword()) + " at " +
         where.GetString();
}

}  // namespace vetmatch::test_support

#include "tests/support/schema_check.h"

#include <rapidjson/document.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>

#include <filesystem>
#include <list>
#include <memory>

#include "tests/support/run_cli.h"

namespace vetmatch::test_support {
namespace {

// Remote references ("round.schema.json#/definitions/veteran") to schema
// files in the same folder as the schema being checked. The file name is
// read up to the '#' (RapidJSON 1.1.0 passes a length one short).
class SiblingSchemas : public rapidjson::IRemoteSchemaDocumentProvider {
 public:
  explicit SiblingSchemas(std::filesystem::path folder)
      : folder_(std::move(folder)) {}

  const rapidjson::SchemaDocument* GetRemoteDocument(
      const char* uri, rapidjson::SizeType) override {
    std::string name;
    for (const char* c = uri; *c != '\0' && *c != '#'; ++c) name += *c;
    for (Loaded& loaded : loaded_) {
      if (loaded.name == name) return loaded.schema.get();
    }
    Loaded& loaded = loaded_.emplace_back();
    loaded.name = name;
    loaded.document.Parse(slurp(folder_ / name).c_str());
    if (loaded.document.HasParseError()) return nullptr;
    loaded.schema =
        std::make_unique<rapidjson::SchemaDocument>(loaded.document, this);
    return loaded.schema.get();
  }

 private:
  struct Loaded {
    std::string name;
    rapidjson::Document document;
    std::unique_ptr<rapidjson::SchemaDocument> schema;
  };
  std::filesystem::path folder_;
  std::list<Loaded> loaded_;  // stable addresses
};

}  // namespace

std::string schema_problem(const std::string& schema_path,
                           const std::string& json) {
  rapidjson::Document schema_doc;
  schema_doc.Parse(slurp(schema_path).c_str());
  if (schema_doc.HasParseError()) return "schema does not parse";
  SiblingSchemas siblings(std::filesystem::path(schema_path).parent_path());
  const rapidjson::SchemaDocument schema(schema_doc, &siblings);
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

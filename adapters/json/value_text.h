// Short, JSON-ish renderings of values for the "found ..." part of an
// InputError message.
//
// Contract: describe_value() gives a string in double quotes (escaped, cut
// after about 40 bytes with "..."), a number as written in JSON, true, false,
// null, "an object" or "an array"; a number too large for a double (RapidJSON
// reads some as infinity or NaN) is "a number too large for a double".
// quote_text() is the string form on its own. Nothing here throws for odd
// input (invalid UTF-8 is cut at a byte boundary and passed through).
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>

namespace vetmatch {

/// Values longer than this many bytes are cut and end in "...".
inline constexpr std::size_t kMaxQuotedBytes = 40;

std::string describe_value(const rapidjson::Value& value);
std::string quote_text(std::string_view text);
/// Length of the longest prefix of `s` made of whole, valid UTF-8
/// sequences; with `printable`, an ASCII control character (or DEL) also
/// ends it.
std::size_t utf8_prefix(std::string_view s, bool printable);
/// Shortest text that reads back to `x`; "a number too large for a double"
/// for infinities and NaN.
std::string number_text(double x);

}  // namespace vetmatch

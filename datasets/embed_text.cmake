# Writes a C++ source defining `extern const std::string_view SYMBOL` holding
# the bytes of INPUT. Used to compile reference tables into the binary.
file(READ ${INPUT} content HEX)
string(LENGTH "${content}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE ${OUTPUT} "// Generated from ${INPUT}; do not edit.\n#include <string_view>\nnamespace vetmatch {\nstatic const char kBytes[] = {${bytes} 0};\nextern const std::string_view ${SYMBOL};\nconst std::string_view ${SYMBOL}(kBytes, ${byte_count});\n}  // namespace vetmatch\n")

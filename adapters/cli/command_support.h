// What every vetmatch subcommand shares: the thread limit, stage timing, and
// how problems with an input file are printed.
//
// Contract: limit_threads(n) returns a guard that caps oneTBB at n threads
// while it lives (nullptr, no cap, for n <= 0). print_input_errors() writes
// every error's one-line message to stderr, then a count naming the file;
// print_warnings() writes the first 20 warnings and a count of the rest.
#pragma once

#include <tbb/global_control.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "adapters/json/input_error.h"

namespace vetmatch {

std::unique_ptr<tbb::global_control> limit_threads(int threads);

double seconds_since(std::chrono::steady_clock::time_point start);

void print_input_errors(const std::string& path,
                        const std::vector<InputError>& errors);

void print_warnings(const std::vector<InputError>& warnings);

}  // namespace vetmatch

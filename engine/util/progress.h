// Progress reporting from long engine stages to whoever runs them.
//
// Contract: the engine calls the callback (when set) from the calling thread
// only, with a stage name and the fraction done in [0, 1]; the last call of
// a stage has fraction 1. The callback must be cheap; it renders nothing
// itself in the engine (the CLI draws it on stderr when that is a terminal).
#pragma once

#include <functional>
#include <string_view>

namespace vetmatch {

using ProgressFn = std::function<void(std::string_view stage, double fraction)>;

}  // namespace vetmatch

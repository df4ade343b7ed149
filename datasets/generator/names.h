// Plausible Chinese names for generated people and organisations, built
// from parts (surname + given name; place + trade name + trade + form).
//
// Contract: each function draws only from the Rng it is given; the parts
// lists are constants, so the same draws give the same names.
#pragma once

#include <string>
#include <string_view>

#include "datasets/generator/random.h"
#include "engine/model/enums.h"

namespace vetmatch::gen {

/// A surname (weighted towards the common ones) and a one- or two-character
/// given name.
std::string person_name(Rng& rng, bool female);

/// The short form of a division name: "邯山区" -> "邯山", "涉县" -> "涉县",
/// "武安市" -> "武安", "峰峰矿区" -> "峰峰" (one-character stems keep
/// their suffix).
std::string short_place_name(std::string_view name);

/// An organisation name of the given kind in the given trade.
/// `place` is a short place name, `industry_zh` the industry's Chinese name.
std::string organisation_name(Rng& rng, EmployerKind kind,
                              std::string_view place,
                              std::string_view industry_id,
                              std::string_view industry_zh);

}  // namespace vetmatch::gen

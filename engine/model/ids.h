// Index and quantity types shared by the whole engine.
//
// External ids (the "id" strings of a round file) are kept apart from dense
// indices. A VeteranIndex / PostingIndex / EmployerIndex is the position of a
// record in the Round's vectors, in the order the round gave them. Wherever
// the engine breaks a tie "by id" it compares the external id strings
// byte-wise (UTF-8 code-unit order), never the index.
#pragma once

#include <cstdint>

namespace vetmatch {

using VeteranIndex = std::int32_t;
using PostingIndex = std::int32_t;
using EmployerIndex = std::int32_t;
using Openings = std::int32_t;
/// Scores are computed and reported in double precision.
using Score = double;
using Points = double;

inline constexpr VeteranIndex kNoVeteran = -1;
inline constexpr PostingIndex kNoPosting = -1;
inline constexpr EmployerIndex kNoEmployer = -1;

/// Largest number of openings one posting may declare; more is taken for a
/// typing error (an extra digit) and rejected by validate().
inline constexpr Openings kMaxOpenings = 100000;

}  // namespace vetmatch

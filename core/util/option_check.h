// SPDX-License-Identifier: Apache-2.0
// Validation helpers for option structs (style.md rule 6-7). Every `Check()` returns an empty
// string when the options are valid, or one line that names the violated constraint, e.g.
//   "num_pca_components = 60 violates num_pca_components <= 45".
// Usage inside `std::string Options::Check() const`:
//   HP_OPTION_CHECK_GE(num_pca_components, 0);
//   HP_OPTION_CHECK(!out.empty(), "out must not be empty");
//   return {};
#pragma once

#include <sstream>
#include <string>

#define HP_OPTION_CHECK_OP(field, op, bound)                                             \
  do {                                                                                     \
    if (!((field)op(bound))) {                                                             \
      std::ostringstream hp_msg;                                                           \
      hp_msg << #field << " = " << (field) << " violates " << #field " " #op " " << (bound); \
      return hp_msg.str();                                                                 \
    }                                                                                      \
  } while (0)

#define HP_OPTION_CHECK_GE(field, bound) HP_OPTION_CHECK_OP(field, >=, bound)
#define HP_OPTION_CHECK_GT(field, bound) HP_OPTION_CHECK_OP(field, >, bound)
#define HP_OPTION_CHECK_LE(field, bound) HP_OPTION_CHECK_OP(field, <=, bound)
#define HP_OPTION_CHECK_LT(field, bound) HP_OPTION_CHECK_OP(field, <, bound)

#define HP_OPTION_CHECK(cond, message) \
  do {                                 \
    if (!(cond)) return std::string(message); \
  } while (0)

// Checks a nested options struct and prefixes its message with the member name.
#define HP_OPTION_CHECK_NESTED(member)                            \
  do {                                                            \
    const std::string hp_nested = (member).Check();               \
    if (!hp_nested.empty()) return std::string(#member ".") + hp_nested; \
  } while (0)

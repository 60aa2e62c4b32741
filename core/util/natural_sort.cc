// SPDX-License-Identifier: Apache-2.0
#include "core/util/natural_sort.h"

#include <algorithm>

namespace handprop {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// ASCII only: std::tolower follows the C locale (which Qt sets), and the order of files must not
// depend on which program lists them.
int AsciiLower(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return (u >= 'A' && u <= 'Z') ? u + ('a' - 'A') : u;
}

// Three-way comparison of the natural keys of a and b: <0, 0 or >0.
int NaturalCompare(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (IsDigit(a[i]) && IsDigit(b[j])) {
      size_t i_end = i, j_end = j;
      while (i_end < a.size() && IsDigit(a[i_end])) ++i_end;
      while (j_end < b.size() && IsDigit(b[j_end])) ++j_end;
      // Skip leading zeros, then the longer run is the larger number; equal lengths compare
      // digit by digit.
      size_t i_sig = i, j_sig = j;
      while (i_sig + 1 < i_end && a[i_sig] == '0') ++i_sig;
      while (j_sig + 1 < j_end && b[j_sig] == '0') ++j_sig;
      const size_t i_len = i_end - i_sig, j_len = j_end - j_sig;
      if (i_len != j_len) return i_len < j_len ? -1 : 1;
      const int digits = a.compare(i_sig, i_len, b, j_sig, j_len);
      if (digits != 0) return digits;
      i = i_end;
      j = j_end;
      continue;
    }
    const int ca = AsciiLower(a[i]), cb = AsciiLower(b[j]);
    if (ca != cb) return ca < cb ? -1 : 1;
    ++i;
    ++j;
  }
  const bool a_done = i == a.size(), b_done = j == b.size();
  if (a_done != b_done) return a_done ? -1 : 1;
  return 0;
}

}  // namespace

bool NaturalLess(const std::string& a, const std::string& b) {
  const int c = NaturalCompare(a, b);
  return c != 0 ? c < 0 : a < b;
}

void NaturalSort(std::vector<std::string>* names) { std::sort(names->begin(), names->end(), NaturalLess); }

}  // namespace handprop

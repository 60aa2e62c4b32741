// SPDX-License-Identifier: Apache-2.0
#include "app/commands/cli_support.h"

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace handprop::cli {

std::optional<int> ParseOrExit(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // CLI11's messages are one line; prefix with the command like every other error.
    std::fprintf(stderr, "%s: %s\n", app.get_name().c_str(), e.what());
    return 1;
  }
  return std::nullopt;
}

void ThrowIfInvalid(const std::string& what, const std::string& check_result) {
  if (!check_result.empty()) throw InputError(what + ": " + check_result);
}

namespace {

Eigen::VectorXd FromJson(const std::string& origin, const nlohmann::json& value, const std::string& key) {
  const nlohmann::json* array = &value;
  if (value.is_object()) {
    if (!value.contains(key)) throw InputError(origin + ": no key '" + key + "'");
    array = &value.at(key);
  }
  // Accept [[...]] (FreiHAND's 1 x 61 style) as well as a flat list.
  if (array->is_array() && array->size() == 1 && (*array)[0].is_array()) array = &(*array)[0];
  if (!array->is_array()) throw InputError(origin + ": '" + key + "' is not a list of numbers");
  Eigen::VectorXd out(static_cast<Eigen::Index>(array->size()));
  for (size_t i = 0; i < array->size(); ++i) {
    if (!(*array)[i].is_number()) throw InputError(origin + ": '" + key + "' entry " + std::to_string(i) + " is not a number");
    out[static_cast<Eigen::Index>(i)] = (*array)[i].get<double>();
  }
  return out;
}

}  // namespace

Eigen::VectorXd ParseVectorArgument(const std::string& flag, const std::string& text, const std::string& key,
                                    int default_size, int expected_size) {
  if (text.empty()) return Eigen::VectorXd::Zero(default_size);
  Eigen::VectorXd values;
  std::string origin = flag;
  const std::string path = text[0] == '@' ? text.substr(1) : text;
  if (text[0] == '@' || std::filesystem::path(path).extension() == ".json") {
    origin = path;
    nlohmann::json json;
    try {
      json = nlohmann::json::parse(ReadFileToString(path));
    } catch (const nlohmann::json::exception& e) {
      throw InputError(path + ": malformed JSON (" + std::string(e.what()) + ")");
    }
    values = FromJson(path, json, key);
  } else {
    std::vector<double> numbers;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
      try {
        size_t used = 0;
        numbers.push_back(std::stod(item, &used));
        if (item.find_first_not_of(" \t", used) != std::string::npos) throw std::invalid_argument(item);
      } catch (const std::exception&) {
        throw InputError(flag + ": '" + item + "' is not a number");
      }
    }
    values = Eigen::Map<const Eigen::VectorXd>(numbers.data(), static_cast<Eigen::Index>(numbers.size()));
  }
  for (Eigen::Index i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) throw InputError(origin + ": " + key + " value " + std::to_string(i) + " is not finite");
  }
  if (expected_size >= 0 && values.size() != expected_size)
    throw InputError(origin + ": " + key + " has " + std::to_string(values.size()) + " values, expected " +
                     std::to_string(expected_size));
  return values;
}

}  // namespace handprop::cli

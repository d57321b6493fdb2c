#include "toml_reader.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <sstream>

namespace lbtrack::settings {

std::size_t line_of(const toml::node& node) {
    return node.source().begin.line;
}

toml_reader::toml_reader(const std::filesystem::path& file, const toml::table& table,
                         std::string prefix)
    : file_(file.string()), table_(table), prefix_(std::move(prefix)) {}

std::string toml_reader::required_string(const std::string& key) const {
    const auto* node = table_.get(key);
    if (node == nullptr) {
        throw config_error(file_, line_of(table_), qualified(key), "is required");
    }
    return string_of(*node, key);
}

std::string toml_reader::optional_string(const std::string& key, std::string fallback) const {
    const auto* node = table_.get(key);
    return node == nullptr ? fallback : string_of(*node, key);
}

std::int64_t toml_reader::optional_integer(const std::string& key, std::int64_t fallback,
                                           std::int64_t min, std::int64_t max) const {
    const auto* node = table_.get(key);
    if (node == nullptr) {
        return fallback;
    }
    const auto value = node->value<std::int64_t>();
    if (!value || !node->is_integer()) {
        throw config_error(file_, line_of(*node), qualified(key), "must be an integer");
    }
    if (*value < min || *value > max) {
        throw config_error(file_, line_of(*node), qualified(key),
                           fmt::format("must be between {} and {}", min, max));
    }
    return *value;
}

double toml_reader::optional_ratio(const std::string& key, double fallback) const {
    const auto* node = table_.get(key);
    if (node == nullptr) {
        return fallback;
    }
    const auto value = node->value<double>();
    if (!value || !(node->is_floating_point() || node->is_integer()) || *value < 0 || *value > 1) {
        throw config_error(file_, line_of(*node), qualified(key),
                           "must be a number between 0 and 1");
    }
    return *value;
}

bool toml_reader::optional_bool(const std::string& key, bool fallback) const {
    const auto* node = table_.get(key);
    if (node == nullptr) {
        return fallback;
    }
    if (!node->is_boolean()) {
        throw config_error(file_, line_of(*node), qualified(key), "must be true or false");
    }
    return node->as_boolean()->get();
}

std::string toml_reader::optional_choice(const std::string& key,
                                         const std::vector<std::string>& choices,
                                         const std::string& fallback) const {
    const auto* node = table_.get(key);
    if (node == nullptr) {
        return fallback;
    }
    auto value = string_of(*node, key);
    if (std::find(choices.begin(), choices.end(), value) == choices.end()) {
        throw config_error(file_, line_of(*node), qualified(key),
                           fmt::format("'{}' is not one of: {}", value, fmt::join(choices, ", ")));
    }
    return value;
}

std::vector<std::string> toml_reader::optional_string_list(const std::string& key) const {
    const auto* node = table_.get(key);
    if (node != nullptr && node->is_string()) {
        return {string_of(*node, key)};
    }
    return string_array(key, "must be a string or an array of strings");
}

std::vector<std::string> toml_reader::optional_string_array(const std::string& key) const {
    return string_array(key, "must be an array of strings");
}

std::vector<std::string> toml_reader::string_array(const std::string& key,
                                                   const char* message) const {
    const auto* node = table_.get(key);
    if (node == nullptr) {
        return {};
    }
    const auto* array = node->as_array();
    if (array == nullptr) {
        throw config_error(file_, line_of(*node), qualified(key), message);
    }
    std::vector<std::string> values;
    for (const auto& item : *array) {
        if (!item.is_string()) {
            throw config_error(file_, line_of(item), qualified(key), message);
        }
        values.push_back(*item.value<std::string>());
    }
    return values;
}

std::optional<std::chrono::sys_days> toml_reader::optional_date(const std::string& key) const {
    const auto* node = table_.get(key);
    if (node == nullptr) {
        return std::nullopt;
    }
    const auto text = string_of(*node, key);
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    char dash1 = 0;
    char dash2 = 0;
    std::istringstream in(text);
    in >> y >> dash1 >> m >> dash2 >> d;
    const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m),
                                          std::chrono::day(d)};
    if (!in || dash1 != '-' || dash2 != '-' || !ymd.ok() || !in.eof()) {
        throw config_error(file_, line_of(*node), qualified(key),
                           fmt::format("'{}' is not a date like 2025-06-17", text));
    }
    return std::chrono::sys_days(ymd);
}

const toml::table* toml_reader::optional_table(const std::string& key) const {
    const auto* node = table_.get(key);
    if (node == nullptr) {
        return nullptr;
    }
    if (!node->is_table()) {
        throw config_error(file_, line_of(*node), qualified(key), "must be a table");
    }
    return node->as_table();
}

void toml_reader::reject_unknown(const std::set<std::string>& known) const {
    for (const auto& [key, node] : table_) {
        if (!known.contains(std::string(key.str()))) {
            throw config_error(
                file_, line_of(node), qualified(std::string(key.str())),
                fmt::format("is not a known key (known: {})", fmt::join(known, ", ")));
        }
    }
}

std::string toml_reader::string_of(const toml::node& node, const std::string& key) const {
    const auto value = node.value<std::string>();
    if (!node.is_string() || !value) {
        throw config_error(file_, line_of(node), qualified(key), "must be a string");
    }
    return *value;
}

std::string toml_reader::qualified(const std::string& key) const {
    return prefix_.empty() ? key : prefix_ + "." + key;
}

} // namespace lbtrack::settings

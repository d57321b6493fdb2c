#pragma once
// Reading lbtrack's TOML files (sources.toml, models.toml) with errors that name the file, the
// line and the dotted key, so a user can go straight to the mistake.

#include <toml++/toml.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace lbtrack::settings {

std::size_t line_of(const toml::node& node);

/// One TOML table of a config file; every accessor throws lbtrack::config_error naming the file,
/// the line and `prefix.key`.
class toml_reader {
public:
    toml_reader(const std::filesystem::path& file, const toml::table& table, std::string prefix);

    std::string required_string(const std::string& key) const;
    std::string optional_string(const std::string& key, std::string fallback = {}) const;
    std::int64_t optional_integer(const std::string& key, std::int64_t fallback, std::int64_t min,
                                  std::int64_t max) const;
    double optional_ratio(const std::string& key, double fallback) const;
    bool optional_bool(const std::string& key, bool fallback) const;
    /// A string that must be one of `choices` (the error lists them).
    std::string optional_choice(const std::string& key, const std::vector<std::string>& choices,
                                const std::string& fallback) const;
    /// A string or an array of strings.
    std::vector<std::string> optional_string_list(const std::string& key) const;
    /// An array of strings (a lone string is an error).
    std::vector<std::string> optional_string_array(const std::string& key) const;
    /// A "YYYY-MM-DD" string.
    std::optional<std::chrono::sys_days> optional_date(const std::string& key) const;
    const toml::table* optional_table(const std::string& key) const;
    void reject_unknown(const std::set<std::string>& known) const;

    /// `node` (of this table's key `key`) as a string.
    std::string string_of(const toml::node& node, const std::string& key) const;
    std::string qualified(const std::string& key) const;
    const std::string& file() const { return file_; }

private:
    std::vector<std::string> string_array(const std::string& key, const char* message) const;

    std::string file_;
    const toml::table& table_;
    std::string prefix_;
};

} // namespace lbtrack::settings

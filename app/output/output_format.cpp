#include "output_format.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace lbtrack::app {

namespace {

constexpr std::array<std::pair<output_format, std::string_view>, 6> names{{
    {output_format::text, "text"},
    {output_format::md, "md"},
    {output_format::csv, "csv"},
    {output_format::json, "json"},
    {output_format::tsv, "tsv"},
    {output_format::svg, "svg"},
}};

} // namespace

std::string to_string(output_format format) {
    for (const auto& [value, name] : names) {
        if (value == format) {
            return std::string(name);
        }
    }
    return "text";
}

output_format parse_output_format(std::string_view name) {
    for (const auto& [value, known] : names) {
        if (known == name) {
            return value;
        }
    }
    throw usage_error(fmt::format("unknown format '{}' (text, md, csv, json, tsv, svg)", name));
}

} // namespace lbtrack::app

#include "lbtrack/deploy/conninfo.hpp"

#include <cctype>

namespace lbtrack::deploy {

std::string conninfo_value(std::string_view value) {
    bool plain = !value.empty();
    for (char c : value) {
        plain = plain && std::isspace(static_cast<unsigned char>(c)) == 0 && c != '\'' && c != '\\';
    }
    if (plain) {
        return std::string(value);
    }
    std::string quoted = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\') {
            quoted += '\\';
        }
        quoted += c;
    }
    return quoted + "'";
}

} // namespace lbtrack::deploy

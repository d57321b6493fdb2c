#include "lbtrack/deploy/conninfo.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <vector>

namespace lbtrack::deploy {

namespace {

constexpr std::string_view mask = "***";

int hex_digit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    const auto lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
}

/// %XX decoded where XX is hex; a malformed escape ("%ZZ") is kept as written.
std::string percent_decoded(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
            hex_digit(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

/// The spellings of the password `conninfo` carries, as written and decoded.
std::vector<std::string> secrets_of(std::string_view conninfo) {
    std::vector<std::string> found;
    const auto add = [&](std::string_view raw) {
        for (auto s : {std::string(raw), percent_decoded(raw)}) {
            if (!s.empty() && std::ranges::find(found, s) == found.end()) {
                found.push_back(std::move(s));
            }
        }
    };
    if (const auto scheme = conninfo.find("://"); scheme != std::string_view::npos) {
        // libpq ends the user info at the first '@' or '/': a password holding a raw '/' is
        // read as "host:port" and its start quoted as a bad port ("se" of "u:se/cret@h"). So
        // every end it could be read up to is a spelling to hide.
        const auto rest = conninfo.substr(scheme + 3);
        const auto colon = rest.find(':');
        const auto last_at = rest.rfind('@');
        if (colon != std::string_view::npos && last_at != std::string_view::npos &&
            colon < last_at) {
            for (const auto end : {rest.find('@'), last_at, rest.find('/', colon),
                                   rest.find('?', colon), rest.find(',', colon)}) {
                if (end != std::string_view::npos && end > colon && end <= last_at) {
                    add(rest.substr(colon + 1, end - colon - 1));
                }
            }
        }
    }
    // password=VALUE as a keyword ('quoted' or bare) or as a URI parameter (up to '&').
    static const std::regex keyword(R"(password\s*=\s*(?:'((?:[^'\\]|\\.)*)'|([^\s&]+)))",
                                    std::regex::icase);
    const std::string text(conninfo);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), keyword);
         it != std::sregex_iterator(); ++it) {
        add((*it)[1].matched ? (*it)[1].str() : (*it)[2].str());
    }
    // Longest first, so a password that contains another spelling is hidden whole.
    std::ranges::sort(found, [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return found;
}

void replace_all(std::string& text, std::string_view what) {
    for (auto at = text.find(what); at != std::string::npos;
         at = text.find(what, at + mask.size())) {
        text.replace(at, what.size(), mask);
    }
}

} // namespace

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

std::string mask_password(std::string_view message, std::string_view conninfo) {
    std::string out(message);
    for (const auto& secret : secrets_of(conninfo)) {
        replace_all(out, secret);
    }
    static const std::regex keyword(R"((password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]+))",
                                    std::regex::icase);
    static const std::regex user_info(R"((\w+://[^:/@\s]*:)[^@\s]*@)");
    out = std::regex_replace(out, keyword, "$1***");
    return std::regex_replace(out, user_info, "$1***@");
}

} // namespace lbtrack::deploy

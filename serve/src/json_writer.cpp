#include "json_writer.hpp"

#include "lbtrack/core/json_text.hpp"
#include "lbtrack/core/printable_text.hpp"

#include <fmt/format.h>

#include <cmath>

namespace lbtrack::serve {

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (const auto c = utf8_char_at(text, i)) {
            out.append(text.substr(i, c->size));
            i += c->size;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

void json_writer::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!first_.empty()) {
        if (!first_.back()) {
            out_ += ',';
        }
        first_.back() = false;
    }
}

json_writer& json_writer::begin_object() {
    before_value();
    out_ += '{';
    first_.push_back(true);
    return *this;
}

json_writer& json_writer::end_object() {
    out_ += '}';
    first_.pop_back();
    return *this;
}

json_writer& json_writer::begin_array() {
    before_value();
    out_ += '[';
    first_.push_back(true);
    return *this;
}

json_writer& json_writer::end_array() {
    out_ += ']';
    first_.pop_back();
    return *this;
}

json_writer& json_writer::key(std::string_view name) {
    before_value();
    out_ += json_quote(valid_utf8(name));
    out_ += ':';
    after_key_ = true;
    return *this;
}

json_writer& json_writer::string(std::string_view text) {
    before_value();
    out_ += json_quote(valid_utf8(text));
    return *this;
}

json_writer& json_writer::number(double v) {
    if (!std::isfinite(v)) {
        return null();
    }
    before_value();
    out_ += fmt::format("{}", v);
    return *this;
}

json_writer& json_writer::integer(long long v) {
    before_value();
    out_ += fmt::format("{}", v);
    return *this;
}

json_writer& json_writer::boolean(bool v) {
    before_value();
    out_ += v ? "true" : "false";
    return *this;
}

json_writer& json_writer::null() {
    before_value();
    out_ += "null";
    return *this;
}

json_writer& json_writer::raw(std::string_view json) {
    before_value();
    out_ += json;
    return *this;
}

} // namespace lbtrack::serve

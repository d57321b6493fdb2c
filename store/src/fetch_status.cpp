#include "lbtrack/store/fetch_status.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>

#include <array>

namespace lbtrack::store {

const char* to_string(fetch_status status) {
    switch (status) {
    case fetch_status::stored:
        return "stored";
    case fetch_status::unchanged:
        return "unchanged";
    case fetch_status::failed:
        return "failed";
    case fetch_status::no_board:
        return "no_board";
    }
    return "failed";
}

fetch_status fetch_status_of(std::string_view text) {
    static constexpr std::array all{fetch_status::stored, fetch_status::unchanged,
                                    fetch_status::failed, fetch_status::no_board};
    for (const auto status : all) {
        if (text == to_string(status)) {
            return status;
        }
    }
    throw error(fmt::format("fetch_log.status '{}' is none of stored, unchanged, failed, "
                            "no_board (written by a newer lbtrack?)",
                            text));
}

} // namespace lbtrack::store

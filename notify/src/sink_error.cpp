#include "lbtrack/notify/sinks.hpp"

#include <fmt/format.h>

namespace lbtrack::notify {

sink_error::sink_error(std::string sink, std::string destination, const std::string& what,
                       retry_verdict verdict)
    : attempt_error(fmt::format("{} delivery to {} failed: {}", sink, destination, what), verdict),
      sink_(std::move(sink)), destination_(std::move(destination)) {}

} // namespace lbtrack::notify

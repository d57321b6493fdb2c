#include "lbtrack/net/curl_handles.hpp"

namespace lbtrack::net {

bool append(slist_handle& list, const std::string& line) {
    curl_slist* grown = curl_slist_append(list.get(), line.c_str());
    if (grown == nullptr) {
        return false; // the old list is untouched and still owned
    }
    static_cast<void>(list.release()); // the old head is now part of `grown`
    list.reset(grown);
    return true;
}

} // namespace lbtrack::net

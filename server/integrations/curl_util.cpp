#include "integrations/curl_util.hpp"

#include <curl/curl.h>

#include <mutex>

namespace crm::integrations {

void global_curl_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t collect_into_string(char* data, std::size_t size, std::size_t n, void* out) {
    static_cast<std::string*>(out)->append(data, size * n);
    return size * n;
}

}  // namespace crm::integrations

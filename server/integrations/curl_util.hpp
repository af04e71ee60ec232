#pragma once
// What every libcurl client here shares: one global init, and a write callback that collects
// the response body into a std::string.
#include <cstddef>
#include <string>

namespace crm::integrations {

void global_curl_init();
std::size_t collect_into_string(char* data, std::size_t size, std::size_t n, void* out);  // out: std::string*

}  // namespace crm::integrations

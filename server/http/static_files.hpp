#pragma once
// Files of the two UIs: the agent web app at / (with a single-page-app fallback to
// index.html) and the operator console bundle at /operator/.
#include <filesystem>
#include <optional>
#include <string>

#include "http/types.hpp"

namespace crm::http {

// The file under `root` named by `relative` (already URL-decoded), or nothing when it does
// not exist or tries to leave `root`.
std::optional<Response> serve_file(const Request& req, const std::string& root, const std::string& relative,
                                   bool immutable_cache);
std::string mime_type(const std::string& path);
// Whether `candidate` is `root` or lies under it, compared component by component (both
// already canonical).
bool is_within(const std::filesystem::path& root, const std::filesystem::path& candidate);

}  // namespace crm::http

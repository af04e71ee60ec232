#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

namespace crm::http {

namespace fs = std::filesystem;

bool is_within(const fs::path& root, const fs::path& candidate) {
    // Whole components: /srv/web does not contain /srv/web-private/secret (a string prefix would).
    auto r = root.begin(), c = candidate.begin();
    for (; r != root.end(); ++r, ++c) {
        if (r->empty() && std::next(r) == root.end()) break;  // a trailing "/" on the root
        if (c == candidate.end() || *r != *c) return false;
    }
    return true;
}

std::string mime_type(const std::string& path) {
    const auto ext = fs::path(path).extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".wasm") return "application/wasm";
    if (ext == ".json") return "application/json";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".woff") return "font/woff";
    if (ext == ".ttf") return "font/ttf";
    if (ext == ".data") return "application/octet-stream";
    return "application/octet-stream";
}

std::optional<Response> serve_file(const Request& req, const std::string& root, const std::string& relative,
                                   bool immutable_cache) {
    if (relative.find("..") != std::string::npos || relative.find('\0') != std::string::npos) return std::nullopt;
    std::error_code ec;
    const fs::path base = fs::weakly_canonical(root, ec);
    if (ec) return std::nullopt;
    fs::path file = fs::weakly_canonical(base / relative, ec);
    if (ec) return std::nullopt;
    if (!is_within(base, file)) return std::nullopt;
    if (fs::is_directory(file, ec)) file /= "index.html";
    if (!fs::is_regular_file(file, ec)) return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    Response res{bhttp::status::ok, req.version()};
    res.set(bhttp::field::content_type, mime_type(file.string()));
    res.set(bhttp::field::cache_control, immutable_cache ? "public, max-age=31536000, immutable" : "no-cache");
    res.keep_alive(req.keep_alive());
    if (req.method() != bhttp::verb::head) res.body() = ss.str();
    res.prepare_payload();
    return res;
}

}  // namespace crm::http

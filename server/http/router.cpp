#include "http/router.hpp"

#include <stdexcept>

namespace crm::http {

namespace {

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : path) {
        if (c == '/') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

bool segment_matches(const std::string& pattern, const std::string& value) {
    if (pattern == "{id}") {
        if (value.empty() || value.size() > 18) return false;
        for (char c : value)
            if (c < '0' || c > '9') return false;
        return true;
    }
    if (pattern.size() > 2 && pattern.front() == '{') {
        if (value.empty() || value.size() > 200) return false;
        for (char c : value)
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
        return true;
    }
    return pattern == value;
}

}  // namespace

Route& Router::add(Verb method, std::string pattern, Access access, Handler handler) {
    if (!access.is_public() && access.allowed().empty())
        throw std::logic_error("route " + pattern + " registered without roles");
    for (const auto& r : routes_)
        if (r.method == method && r.pattern == pattern) throw std::logic_error("route registered twice: " + pattern);
    routes_.push_back(Route{method, pattern, std::move(access), std::move(handler), split_path(pattern)});
    return routes_.back();
}

Router::Match Router::match(Verb method, const std::string& path) const {
    Match m;
    const auto parts = split_path(path);
    for (const auto& r : routes_) {
        if (r.segments.size() != parts.size()) continue;
        bool ok = true;
        for (std::size_t i = 0; i < parts.size() && ok; ++i) ok = segment_matches(r.segments[i], parts[i]);
        if (!ok) continue;
        m.path_known = true;
        if (r.method != method && !(method == Verb::head && r.method == Verb::get)) continue;
        m.route = &r;
        for (std::size_t i = 0; i < parts.size(); ++i)
            if (r.segments[i].front() == '{') m.params[r.segments[i].substr(1, r.segments[i].size() - 2)] = parts[i];
        return m;
    }
    return m;
}

}  // namespace crm::http

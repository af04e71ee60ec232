#include "assets/asset_files.hpp"

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace crm::assets {

namespace {

std::mutex cache_mutex;
std::map<std::string, std::string>& cache() {
    static std::map<std::string, std::string> files;
    return files;
}

// The placeholders a template may hold, and nothing else: what the code fills.
const std::map<std::string, std::set<std::string>>& template_placeholders() {
    static const std::map<std::string, std::set<std::string>> known = {
        {"templates/package_page.html", {"title", "style", "content", "script"}},
        {"templates/package_email.txt",
         {"agent_name", "full_name", "city_area", "intention", "timeline", "price_estimate", "booked_slot_line",
          "price", "share_url", "payment_line"}},
        {"templates/account_setup_email.txt", {"display_name", "username", "url"}},
        {"templates/account_reset_email.txt", {"display_name", "username", "url"}},
    };
    return known;
}

const std::vector<std::string>& files_read_whole() {
    static const std::vector<std::string> files = {"fonts/DejaVuSans.ttf", "fonts/DejaVuSans-Bold.ttf", "logo.png",
                                                   "templates/package_page.css"};
    return files;
}

// Calls `on_text(from, to)` for each run of plain text and `on_name(name)` for each {{name}}, in
// order: what fill() writes and what check_present() checks are the same reading of a template.
template <typename OnText, typename OnName>
void scan_template(const std::string& body, OnText on_text, OnName on_name) {
    std::size_t from = 0;
    for (std::size_t at = body.find("{{"); at != std::string::npos; at = body.find("{{", from)) {
        const auto end = body.find("}}", at + 2);
        if (end == std::string::npos) break;
        on_text(from, at);
        on_name(body.substr(at + 2, end - at - 2));
        from = end + 2;
    }
    on_text(from, body.size());
}

}  // namespace

const std::string& directory() {
    static const std::string dir = [] {
        const char* env = std::getenv("CRM_ASSETS_DIR");
        return std::string(env && *env ? env : CRM_DEFAULT_ASSETS_DIR);
    }();
    return dir;
}

std::string path(const std::string& relative) {
    return directory() + "/" + relative;
}

const std::string& text(const std::string& relative) {
    std::lock_guard lock(cache_mutex);
    auto& files = cache();
    if (auto it = files.find(relative); it != files.end()) return it->second;
    std::ifstream in(path(relative), std::ios::binary);
    if (!in)
        throw std::runtime_error("asset missing: " + path(relative) + " (set CRM_ASSETS_DIR to the assets folder)");
    std::ostringstream body;
    body << in.rdbuf();
    return files.emplace(relative, body.str()).first->second;
}

std::string fill(const std::string& relative, const std::map<std::string, std::string>& values) {
    const std::string& body = text(relative);
    std::string out;
    out.reserve(body.size() + 256);
    scan_template(
        body, [&](std::size_t from, std::size_t to) { out.append(body, from, to - from); },
        [&](const std::string& name) {
            const auto value = values.find(name);
            if (value == values.end())
                throw std::runtime_error("asset " + relative + ": no value for {{" + name + "}}");
            out += value->second;
        });
    return out;
}

void check_present() {
    for (const auto& file : files_read_whole()) {
        std::ifstream in(path(file), std::ios::binary);
        if (!in)
            throw std::runtime_error("asset missing: " + path(file) + " (set CRM_ASSETS_DIR to the assets folder)");
    }
    for (const auto& [file, allowed] : template_placeholders()) {
        scan_template(
            text(file), [](std::size_t, std::size_t) {},
            [&](const std::string& name) {
                if (!allowed.count(name))
                    throw std::runtime_error("asset " + path(file) + ": unknown placeholder {{" + name + "}}");
            });
    }
}

}  // namespace crm::assets

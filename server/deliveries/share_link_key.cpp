#include "deliveries/share_link_key.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>

#include "auth/passwords.hpp"
#include "core/services.hpp"
#include "integrations/stripe_signature.hpp"

namespace crm::deliveries {

namespace {

std::mutex g_mutex;
std::map<std::string, std::string> g_keys;  // by database path: tests run several apps in one process

std::string load_or_make(const Services& app) {
    if (app.config().share_link_key.size() >= 32) return app.config().share_link_key;
    const auto path = std::filesystem::path(app.config().db_path).parent_path() / "share-link.key";
    {
        std::ifstream in(path);
        std::string key;
        if (in >> key && key.size() >= 32) return key;
    }
    if (app.config().db_read_only) return "";
    const auto key = auth::random_token(32);
    std::ofstream out(path, std::ios::trunc);
    if (!out) return "";
    out << key << "\n";
    out.close();
    ::chmod(path.c_str(), 0600);
    return key;
}

}  // namespace

const std::string& share_link_key(const Services& app) {
    std::lock_guard<std::mutex> lock(g_mutex);
    auto it = g_keys.find(app.config().db_path);
    if (it == g_keys.end()) it = g_keys.emplace(app.config().db_path, load_or_make(app)).first;
    return it->second;
}

std::string derive_share_token(const std::string& key, std::int64_t delivery_id, const std::string& nonce) {
    return integrations::hmac_sha256_hex(key, "share-link:" + std::to_string(delivery_id) + ":" + nonce).substr(0, 32);
}

}  // namespace crm::deliveries

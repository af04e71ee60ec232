#include "auth/session_cache.hpp"

namespace crm::auth {

std::optional<http::AuthUser> SessionCache::find(const std::string& token_hash, std::uint64_t epoch,
                                                 std::int64_t now) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(token_hash);
    if (it == entries_.end() || it->second.epoch != epoch || now > it->second.recheck_at) return std::nullopt;
    return it->second.user;
}

void SessionCache::put(const std::string& token_hash, const http::AuthUser& user, std::uint64_t epoch,
                       std::int64_t recheck_at) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (entries_.size() >= kMaxEntries) entries_.clear();  // stale entries are useless anyway
    entries_[token_hash] = {user, epoch, recheck_at};
}

}  // namespace crm::auth

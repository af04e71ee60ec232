#pragma once
// Sessions recently checked against the database, reused while nothing at all has been written
// since (db::write_epoch): a logout, a logout-all or an expiry is a write, so it is never
// missed, and an entry never outlives its session's expiry, idle limit or next idle-timer
// refresh. A burst of authenticated reads then stays off the database. Bounded in size.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/access.hpp"

namespace crm::auth {

class SessionCache {
public:
    std::optional<http::AuthUser> find(const std::string& token_hash, std::uint64_t epoch, std::int64_t now) const;
    void put(const std::string& token_hash, const http::AuthUser& user, std::uint64_t epoch, std::int64_t recheck_at);

private:
    struct Entry {
        http::AuthUser user;
        std::uint64_t epoch;
        std::int64_t recheck_at;
    };
    static constexpr std::size_t kMaxEntries = 10000;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace crm::auth

#include "auth/login_limiter.hpp"

#include <algorithm>

namespace crm::auth {

namespace {
// Distinct key spaces: a username can never collide with an address.
std::string pair_key(const std::string& username, const std::string& address) {
    return "u\x1f" + username + "\x1f" + address;
}
std::string address_key(const std::string& address) {
    return "a\x1f" + address;
}
}  // namespace

LoginLimiter::Entry* LoginLimiter::find(const std::string& key) {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &*it->second;
}

LoginLimiter::Entry& LoginLimiter::touch(const std::string& key) {
    auto it = index_.find(key);
    if (it != index_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second);
        return lru_.front();
    }
    lru_.push_front(Entry{key});
    index_[key] = lru_.begin();
    while (lru_.size() > std::max<std::size_t>(limits_.capacity, 2)) {
        index_.erase(lru_.back().key);
        lru_.pop_back();
    }
    return lru_.front();
}

std::int64_t LoginLimiter::wait(const Entry* e, std::int64_t now) const {
    return e && e->locked_until > now ? e->locked_until - now : 0;
}

void LoginLimiter::fail(Entry& e, int free_failures, std::int64_t now) {
    if (now - e.last_failure >= limits_.window_s) e.failures = 0;
    ++e.failures;
    e.last_failure = now;
    const int over = e.failures - free_failures;
    if (over < 0) return;
    std::int64_t delay = limits_.first_delay_s;
    for (int i = 0; i < over && delay < limits_.max_delay_s; ++i) delay *= 2;
    e.locked_until = now + std::min(delay, limits_.max_delay_s);
}

std::int64_t LoginLimiter::retry_after(const std::string& username, const std::string& address, std::int64_t now) {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::max(wait(find(pair_key(username, address)), now), wait(find(address_key(address)), now));
}

void LoginLimiter::record_failure(const std::string& username, const std::string& address, std::int64_t now) {
    std::lock_guard<std::mutex> lock(mutex_);
    fail(touch(pair_key(username, address)), limits_.free_per_user_and_address, now);
    // The address's key last, so it is the freshest: a flood of new usernames from one address
    // evicts other keys, never this one.
    fail(touch(address_key(address)), limits_.free_per_address, now);
}

void LoginLimiter::record_success(const std::string& username, const std::string& address) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = index_.find(pair_key(username, address));
    if (it == index_.end()) return;
    lru_.erase(it->second);
    index_.erase(it);
}

std::size_t LoginLimiter::size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return lru_.size();
}

}  // namespace crm::auth

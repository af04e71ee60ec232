#include "auth/login_limiter.hpp"

namespace crm::auth {

int LoginLimiter::count(std::deque<std::int64_t>& q, std::int64_t now) {
    while (!q.empty() && q.front() <= now - window_) q.pop_front();
    return static_cast<int>(q.size());
}

bool LoginLimiter::blocked(const std::string& username, const std::string& addr, std::int64_t now) {
    std::lock_guard<std::mutex> lock(mutex_);
    return count(by_user_[username], now) >= max_user_ || count(by_addr_[addr], now) >= max_addr_;
}

void LoginLimiter::record_failure(const std::string& username, const std::string& addr, std::int64_t now) {
    std::lock_guard<std::mutex> lock(mutex_);
    by_user_[username].push_back(now);
    by_addr_[addr].push_back(now);
}

void LoginLimiter::record_success(const std::string& username) {
    std::lock_guard<std::mutex> lock(mutex_);
    by_user_.erase(username);
}

}  // namespace crm::auth

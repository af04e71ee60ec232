#pragma once
// Counts failed logins per username and per client address over a sliding window; past the
// limit, login answers 429 without checking the password.
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace crm::auth {

class LoginLimiter {
public:
    LoginLimiter(int max_per_user, int max_per_addr, std::int64_t window_s)
        : max_user_(max_per_user), max_addr_(max_per_addr), window_(window_s) {}

    bool blocked(const std::string& username, const std::string& addr, std::int64_t now);
    void record_failure(const std::string& username, const std::string& addr, std::int64_t now);
    void record_success(const std::string& username);

private:
    int count(std::deque<std::int64_t>& q, std::int64_t now);
    int max_user_, max_addr_;
    std::int64_t window_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::deque<std::int64_t>> by_user_, by_addr_;
};

}  // namespace crm::auth

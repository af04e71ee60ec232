#pragma once
// Slows down password guessing without letting an attacker lock the owner out.
//
// Failures are counted per (username, client address) and per client address, never per
// username alone: a flood against `admin` from one address delays that address only, and the
// right password from any other address still works. Past a number of free failures, each
// further failure locks the key for a delay that doubles up to a ceiling; a key with no
// failure for a whole window starts again from zero; a success clears its (username,
// address) key.
//
// Memory is bounded: the keys live in an LRU of fixed capacity. Flooding it with new
// usernames only evicts the least recently failed keys; the flooding address's own key is
// touched on every try and so stays.
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

namespace crm::auth {

struct LoginLimits {
    int free_per_user_and_address = 5;  // failures before the first delay
    int free_per_address = 20;
    std::int64_t first_delay_s = 30;  // doubles with each further failure
    std::int64_t max_delay_s = 15 * 60;
    std::int64_t window_s = 15 * 60;  // failures older than this are forgotten
    std::size_t capacity = 10000;     // keys kept at most
};

class LoginLimiter {
public:
    explicit LoginLimiter(LoginLimits limits) : limits_(limits) {}

    // Seconds before `username` may be tried from `address` again; 0 = go ahead.
    std::int64_t retry_after(const std::string& username, const std::string& address, std::int64_t now);
    void record_failure(const std::string& username, const std::string& address, std::int64_t now);
    void record_success(const std::string& username, const std::string& address);
    std::size_t size() const;  // keys held (bounded by capacity)

private:
    struct Entry {
        std::string key;
        int failures = 0;
        std::int64_t last_failure = 0;
        std::int64_t locked_until = 0;
    };
    Entry* find(const std::string& key);
    Entry& touch(const std::string& key);  // found or created, moved to the front
    void fail(Entry& e, int free_failures, std::int64_t now);
    std::int64_t wait(const Entry* e, std::int64_t now) const;

    LoginLimits limits_;
    mutable std::mutex mutex_;
    std::list<Entry> lru_;  // most recent first
    std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace crm::auth

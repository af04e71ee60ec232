#pragma once
// The one clock every time rule reads. In test mode (CRM_TEST_CLOCK=1) POST /api/test/clock
// sets it; otherwise it is the system clock.
#include <atomic>
#include <cstdint>
#include <ctime>

namespace crm {

class Clock {
public:
    explicit Clock(bool settable) : settable_(settable) {}
    std::int64_t now() const {
        const auto fixed = fixed_.load();
        return fixed != 0 ? fixed : static_cast<std::int64_t>(std::time(nullptr));
    }
    bool settable() const { return settable_; }
    void set(std::int64_t t) {
        if (settable_) fixed_.store(t);
    }

private:
    bool settable_;
    std::atomic<std::int64_t> fixed_{0};
};

}  // namespace crm

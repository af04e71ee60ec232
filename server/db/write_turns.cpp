#include "db/write_turns.hpp"

namespace crm::db {

namespace {
thread_local const WriteTurns* turns_held = nullptr;  // by this thread
}  // namespace

bool WriteTurns::take_unless_held() {
    if (turns_held == this) return false;
    std::unique_lock<std::mutex> lock(mutex_);
    const auto ticket = next_ticket_++;
    turn_moved_.wait(lock, [&] { return serving_ == ticket; });
    turns_held = this;
    return true;
}

void WriteTurns::give_back() {
    turns_held = nullptr;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        ++serving_;
    }
    turn_moved_.notify_all();
}

}  // namespace crm::db

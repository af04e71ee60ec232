#include "db/write_turns.hpp"

namespace crm::db {

void WriteTurns::take() {
    std::unique_lock<std::mutex> lock(mutex_);
    const auto ticket = next_ticket_++;
    turn_moved_.wait(lock, [&] { return serving_ == ticket; });
}

void WriteTurns::give_back() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        ++serving_;
    }
    turn_moved_.notify_all();
}

}  // namespace crm::db

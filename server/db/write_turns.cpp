#include "db/write_turns.hpp"

#include <string>

#include "db/database.hpp"

namespace crm::db {

namespace {
thread_local const WriteTurns* turns_held = nullptr;  // by this thread
}  // namespace

bool WriteTurns::take_unless_held() {
    if (turns_held == this) return false;
    std::unique_lock<std::mutex> lock(mutex_);
    const auto ticket = next_ticket_++;
    if (!turn_moved_.wait_for(lock, patience_, [&] { return serving_ == ticket; })) {
        given_up_.insert(ticket);  // skipped when its turn comes
        throw DbError(DbError::Kind::busy, 5 /* SQLITE_BUSY */,
                      "database is locked: waited " + std::to_string(patience_.count()) + " ms for a write turn");
    }
    turns_held = this;
    return true;
}

void WriteTurns::give_back() {
    turns_held = nullptr;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        move_on();
    }
    turn_moved_.notify_all();
}

void WriteTurns::move_on() {
    ++serving_;
    while (given_up_.erase(serving_) > 0) ++serving_;
}

}  // namespace crm::db

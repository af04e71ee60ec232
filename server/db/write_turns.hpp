#pragma once
// Writers of one SQLite file in this process take their turn in arrival order. SQLite alone
// lets a waiting writer poll (its busy handler sleeps 1 ms, then up to 100 ms) while another
// commits and begins again: during the scheduler's sweep of 75,000 idle leads (one short
// transaction each) an operator's outcome waited up to 0.9 s, then got the lock by luck. A
// ticket here hands the write lock to the oldest waiter as soon as it is free.
// PostgreSQL needs none of this: its advisory lock queues writers itself.
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace crm::db {

class WriteTurns {
public:
    // Blocks until every writer that asked before has given its turn back.
    void take();
    void give_back();

private:
    std::mutex mutex_;
    std::condition_variable turn_moved_;
    std::uint64_t next_ticket_ = 0, serving_ = 0;
};

}  // namespace crm::db

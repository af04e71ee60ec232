#pragma once
// Writers of one SQLite file in this process take their turn in arrival order. SQLite alone
// lets a waiting writer poll (its busy handler sleeps 1 ms, then up to 100 ms) while another
// commits and begins again: during the scheduler's sweep of 75,000 idle leads (one short
// transaction each) an operator's outcome waited up to 2.3 s, then got the lock by luck. A
// ticket here hands the write lock to the oldest waiter as soon as it is free. A Transaction
// holds its turn until COMMIT or ROLLBACK; a write outside one (autocommit: an idempotency
// key, a session) until its statement is done.
// PostgreSQL needs none of this: its advisory lock queues writers itself.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <set>

namespace crm::db {

class WriteTurns {
public:
    // As long as SQLite's own busy timeout: a writer that waits longer is refused as busy
    // (503), as SQLite refused it before.
    explicit WriteTurns(std::chrono::milliseconds patience = std::chrono::milliseconds(5000)) : patience_(patience) {}
    // Blocks until every writer that asked before has given its turn back, unless this thread
    // holds a turn already (a second connection's write: SQLite refuses it as busy, as it
    // always did, instead of a thread waiting for itself). Returns whether it took one; throws
    // DbError (busy) after waiting longer than `patience`, its place given up.
    bool take_unless_held();
    void give_back();

private:
    void move_on();  // to the next ticket still waiting (mutex_ held)
    const std::chrono::milliseconds patience_;
    std::mutex mutex_;
    std::condition_variable turn_moved_;
    std::uint64_t next_ticket_ = 0, serving_ = 0;
    std::set<std::uint64_t> given_up_;  // tickets whose writer stopped waiting
};

}  // namespace crm::db

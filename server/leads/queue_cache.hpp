#pragma once
// The ranked queue, reused while the change log has not moved and the minute has not changed.
// Everything the ranking reads (leads, their calls and appointments, tasks, the settings) logs
// a change there (migrations 008 and 010): the console ranks from the same changes. The log
// is in the database, so a write through any instance (docs/SCALING.md) or any process is
// seen by the next request, and writes that cannot move the queue (a session's idle timer, a
// job's bookkeeping, a message) no longer throw the ranking away.
// Ranking means reading every callable lead (100,000 in the benchmark: hundreds of ms), and
// the console and the API ask for it often; the domain library ranks by the minute anyway
// (freshness, calling windows), exactly as the console does.
#include <cstdint>
#include <memory>
#include <vector>

#include "crm/domain/queue.hpp"
#include "db/database.hpp"

namespace crm {
class Services;
}

namespace crm::leads {

struct QueueSnapshot {
    std::vector<domain::Lead> leads;
    domain::QueueResult ranked;  // items index into leads
};

std::shared_ptr<const QueueSnapshot> ranked_queue(Services& app, db::Database& db, std::int64_t now);

}  // namespace crm::leads

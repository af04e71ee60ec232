#pragma once
// The ranked queue, reused while nothing has been written and the minute has not changed.
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

#pragma once
// The dashboard's answer, kept for the second it was made while nothing at all has been written
// in this process since (db::write_epoch): several people reading the dashboard at once (the
// owner, a second operator, a wall screen) share one computation instead of queuing behind one
// another on the database (issue 21: p99 1.16 s under 32 readers at 100k leads). The answer
// names `now` to the second, so a kept one is exactly what a new computation would give.
// Concurrent readers of a missing answer wait for the one computing it.
//
// Only where every write goes through this process: on PostgreSQL another instance may write,
// and the route then computes every answer (dashboard_routes.cpp).
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace crm::dashboard {

class DashboardCache {
public:
    // The kept answer for `days` when it was made at `now` under `epoch`, else `make()`'s, kept.
    std::string answer(int days, std::int64_t now, std::uint64_t epoch, const std::function<std::string()>& make);

private:
    struct Kept {
        std::uint64_t epoch = 0;
        std::int64_t now = 0;
        std::string text;
    };
    std::mutex mutex_;  // held while computing: the readers behind it get its answer
    std::map<int, Kept> kept_;
};

}  // namespace crm::dashboard

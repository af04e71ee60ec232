#include "leads/queue_cache.hpp"

#include <mutex>
#include <string>

#include "core/services.hpp"
#include "leads/leads_repo.hpp"
#include "settings/settings_repo.hpp"

namespace crm::leads {

namespace {

struct Entry {
    const Services* app = nullptr;  // several apps share a process in tests: never serve another's queue
    std::uint64_t epoch = 0;
    std::int64_t minute = 0;
    std::shared_ptr<const QueueSnapshot> snapshot;
};
std::mutex g_mutex;    // guards g_entry
std::mutex g_compute;  // one ranking at a time: the others wait for it instead of redoing it
Entry g_entry;

std::shared_ptr<const QueueSnapshot> cached(const Services& app, std::uint64_t epoch, std::int64_t minute) {
    std::lock_guard<std::mutex> lock(g_mutex);
    if (g_entry.snapshot && g_entry.app == &app && g_entry.epoch == epoch && g_entry.minute == minute)
        return g_entry.snapshot;
    return nullptr;
}

}  // namespace

std::shared_ptr<const QueueSnapshot> ranked_queue(Services& app, db::Database& db, std::int64_t now) {
    const auto epoch = db::write_epoch();  // read before the data: see db::write_epoch()
    const auto minute = now / 60;
    if (auto hit = cached(app, epoch, minute)) return hit;
    std::lock_guard<std::mutex> computing(g_compute);
    if (auto hit = cached(app, epoch, minute)) return hit;  // ranked while this request waited
    auto snapshot = std::make_shared<QueueSnapshot>();
    const auto settings = settings::load_settings(db);
    snapshot->leads = queue_candidates(db, now);
    snapshot->ranked = domain::rank_queue(snapshot->leads, now, settings);
    std::lock_guard<std::mutex> lock(g_mutex);
    g_entry = {&app, epoch, minute, snapshot};
    return snapshot;
}

}  // namespace crm::leads

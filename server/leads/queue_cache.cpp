#include "leads/queue_cache.hpp"

#include <mutex>
#include <string>

#include "core/services.hpp"
#include "leads/leads_repo.hpp"
#include "settings/settings_repo.hpp"
#include "sync/sync_repo.hpp"

namespace crm::leads {

namespace {

struct Entry {
    const Services* app = nullptr;  // several apps share a process in tests: never serve another's queue
    std::int64_t version = 0;       // the change log's newest sequence number
    std::int64_t minute = 0;
    std::shared_ptr<const QueueSnapshot> snapshot;
};
std::mutex g_mutex;    // guards g_entry
std::mutex g_compute;  // one ranking at a time: the others wait for it instead of redoing it
Entry g_entry;

std::shared_ptr<const QueueSnapshot> cached(const Services& app, std::int64_t version, std::int64_t minute) {
    std::lock_guard<std::mutex> lock(g_mutex);
    if (g_entry.snapshot && g_entry.app == &app && g_entry.version == version && g_entry.minute == minute)
        return g_entry.snapshot;
    return nullptr;
}

}  // namespace

std::shared_ptr<const QueueSnapshot> ranked_queue(Services& app, db::Database& db, std::int64_t now) {
    // Read before the data: what is ranked can only be as new as this number or newer, so an
    // entry is never older than its key says (a newer one only costs a ranking).
    const auto version = sync::newest_change(db);
    const auto minute = now / 60;
    if (auto hit = cached(app, version, minute)) return hit;
    std::lock_guard<std::mutex> computing(g_compute);
    if (auto hit = cached(app, version, minute)) return hit;  // ranked while this request waited
    auto snapshot = std::make_shared<QueueSnapshot>();
    const auto settings = settings::load_settings(db);
    snapshot->leads = queue_candidates(db, now);
    snapshot->ranked = domain::rank_queue(snapshot->leads, now, settings);
    std::lock_guard<std::mutex> lock(g_mutex);
    g_entry = {&app, version, minute, snapshot};
    return snapshot;
}

}  // namespace crm::leads

#pragma once
// The ranked queue the API serves, kept up to date instead of ranked again after each write
// (domain::QueueIndex). Each request first catches up with the change log, which is in the
// database, so a write through any instance or process is in the next answer: the leads it
// names are read again (alone), re-scored and moved; a settings change re-scores the leads
// held, without reading them; then the leads whose moment has come (a freshness tier ending,
// a follow-up falling due, a cap ending, a booked slot ending) are re-scored. Everything the
// ranking reads (leads, their calls and appointments, the settings) logs a change there
// (migrations 008 and 010), the same changes the console ranks from.
//
// The whole book is read once (the first request, a jump back in time, or more changes at once
// than reading them one by one would beat); after that a request costs the changes since the
// last one plus the page it returns, and nothing but a copy when nothing changed within the
// same second (the answer is kept, per limit, under the index's version and `now`).
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "crm/domain/queue_index.hpp"
#include "db/database.hpp"

namespace crm::leads {

class QueueCache {
public:
    // Serialises a page evaluated at the given time.
    using Render = std::function<std::string(const domain::QueuePage&, std::int64_t now)>;
    // The serialised answer for `limit` at `now` (or the index's own second, when `now` is a
    // second or a few older): rendered from a fresh page when the queue or the second changed
    // since the last answer for that limit, copied otherwise.
    std::string answer(db::Database& db, std::int64_t now, std::size_t limit, const Render& render);
    // Brings the index up to `now` (reads the whole book the first time): at start-up, so the
    // first request finds it built. Returns how many leads it holds.
    std::size_t warm_up(db::Database& db, std::int64_t now);

private:
    struct Kept {
        std::uint64_t version = 0;
        std::int64_t now = 0;
        std::string body;
    };
    void catch_up(db::Database& db, std::int64_t now);
    void rebuild(db::Database& db, std::int64_t now, std::int64_t version);
    // Files a lead read at `now`, with its booked slot's end from booked_slot_ends().
    void put(domain::Lead lead, std::int64_t now, const std::unordered_map<std::int64_t, std::int64_t>& slot_ends);
    // Reads these leads again and files them (or drops the ones gone).
    void reload(db::Database& db, const std::vector<std::int64_t>& ids, std::int64_t now);

    std::mutex mutex_;  // one request catches up at a time; the others then find it done
    domain::QueueIndex index_;
    bool built_ = false;
    std::int64_t applied_ = 0;          // the change log's number the index includes
    std::int64_t advanced_ = 0;         // the latest `now` it was brought to
    std::map<std::size_t, Kept> kept_;  // by limit (a handful: 50 by default, what the console asks)
};

}  // namespace crm::leads

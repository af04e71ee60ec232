#pragma once
// Changes made while the server cannot be reached (outcomes, notes, stage moves, follow-ups),
// in the order they were made, each with an id made on the device. They replay in order, the
// id sent as Idempotency-Key: the server applies each id once, so a replay after a lost
// answer never doubles anything. Saved to IndexedDB with the offline store.
#include <cstdint>
#include <deque>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "crm/domain/lead.hpp"

namespace crm::console {

struct PendingOp {
    std::string id;  // the Idempotency-Key
    std::string method = "POST", path;
    nlohmann::json body;
    std::int64_t lead_id = 0;
    std::string label;                     // what the operator did, in French ("Pas de réponse")
    domain::UnixTime made_at = 0;          // when, on the device
    std::optional<domain::Lead> expected;  // the lead as the console showed it after the change
};

// Why an op failed, and whether to try it again: the network and a busy server are retried;
// anything else the server refused (409 DNC, 404 lead gone, 422) will never apply.
enum class ReplayVerdict { done, retry_later, refused };
ReplayVerdict replay_verdict(int http_status);

// A 128-bit id as 32 hex digits from 16 random bytes ("op-…").
std::string make_op_id(const unsigned char random[16]);

class Outbox {
public:
    void push(PendingOp op) { ops_.push_back(std::move(op)); }
    const PendingOp* front() const { return ops_.empty() ? nullptr : &ops_.front(); }
    void pop_front() {
        if (!ops_.empty()) ops_.pop_front();
    }
    std::size_t size() const { return ops_.size(); }
    bool empty() const { return ops_.empty(); }
    const std::deque<PendingOp>& ops() const { return ops_; }

    nlohmann::json to_json() const;
    static std::optional<Outbox> from_json(const nlohmann::json& j);

private:
    std::deque<PendingOp> ops_;
};

}  // namespace crm::console

#pragma once
// The operator's notifications (Automations tab): something needs a decision, with the actions
// the console offers for it (reassign, refund).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::notifications {

struct NewNotification {
    std::string kind;  // no_first_call, payment_mismatch, ...
    std::optional<std::int64_t> lead_id, delivery_id;
    std::string message;
    std::vector<std::string> actions;  // "reassign", "refund"
};

std::int64_t add_notification(db::Database& db, const NewNotification& n, std::int64_t now);
// A refunded delivery needs no decision any more.
void resolve_delivery_notifications(db::Database& db, std::int64_t delivery_id, std::int64_t now);

// Newest first, 200 at most; the unresolved ones unless `all`:
// [{id, kind, leadId, deliveryId, message, actions, createdAt, readAt, resolvedAt}].
nlohmann::json list_notifications(db::Database& db, bool all);
// Marks it resolved (and read) now, unless it already was; false when there is no such notification.
bool resolve_notification(db::Database& db, std::int64_t id, std::int64_t now);

}  // namespace crm::notifications

#include "db/notifications_repo.hpp"

#include <nlohmann/json.hpp>

namespace crm::db {

std::int64_t add_notification(Database& db, const NewNotification& n, std::int64_t now) {
    db.prepare(
          "INSERT INTO notifications(kind, lead_id, delivery_id, message, actions, created_at) VALUES (?,?,?,?,?,?)")
        .bind_all(n.kind, n.lead_id, n.delivery_id, n.message, nlohmann::json(n.actions).dump(), now)
        .run();
    return db.last_insert_id();
}

void resolve_delivery_notifications(Database& db, std::int64_t delivery_id, std::int64_t now) {
    db.prepare("UPDATE notifications SET resolved_at = ? WHERE delivery_id = ? AND resolved_at IS NULL")
        .bind_all(now, delivery_id)
        .run();
}

}  // namespace crm::db

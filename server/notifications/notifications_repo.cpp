#include "notifications/notifications_repo.hpp"

#include <nlohmann/json.hpp>

#include "crm/domain/json.hpp"

namespace crm::notifications {

std::int64_t add_notification(db::Database& db, const NewNotification& n, std::int64_t now) {
    return db
        .prepare(
            "INSERT INTO notifications(kind, lead_id, delivery_id, message, actions, created_at) VALUES (?,?,?,?,?,?) "
            "RETURNING id")
        .bind_all(n.kind, n.lead_id, n.delivery_id, n.message, nlohmann::json(n.actions).dump(), now)
        .run_returning_id();
}

void resolve_delivery_notifications(db::Database& db, std::int64_t delivery_id, std::int64_t now) {
    db.prepare("UPDATE notifications SET resolved_at = ? WHERE delivery_id = ? AND resolved_at IS NULL")
        .bind_all(now, delivery_id)
        .run();
}

nlohmann::json list_notifications(db::Database& db, bool all) {
    auto st = db.prepare(std::string("SELECT id, kind, lead_id, delivery_id, message, actions, created_at, read_at, "
                                     "resolved_at FROM notifications") +
                         (all ? "" : " WHERE resolved_at IS NULL") + " ORDER BY created_at DESC, id DESC LIMIT 200");
    auto items = nlohmann::json::array();
    while (st.step()) {
        auto actions = nlohmann::json::parse(st.get_text(5), nullptr, false);
        if (actions.is_discarded()) actions = nullptr;
        items.push_back({{"id", st.get_int64(0)},
                         {"kind", st.get_text(1)},
                         {"leadId", st.is_null(2) ? nlohmann::json(nullptr) : nlohmann::json(st.get_int64(2))},
                         {"deliveryId", st.is_null(3) ? nlohmann::json(nullptr) : nlohmann::json(st.get_int64(3))},
                         {"message", st.get_text(4)},
                         {"actions", actions},
                         {"createdAt", domain::format_iso_utc(st.get_int64(6))},
                         {"readAt", domain::time_or_null(st.get_opt_int64(7))},
                         {"resolvedAt", domain::time_or_null(st.get_opt_int64(8))}});
    }
    return items;
}

bool resolve_notification(db::Database& db, std::int64_t id, std::int64_t now) {
    db.prepare(
          "UPDATE notifications SET resolved_at = COALESCE(resolved_at, ?1), read_at = COALESCE(read_at, ?1) "
          "WHERE id = ?2")
        .bind_all(now, id)
        .run();
    return db.changes() > 0;
}

}  // namespace crm::notifications

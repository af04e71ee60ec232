#include "db/gdpr_repo.hpp"

#include "core/audit.hpp"

namespace crm::db {

void erase_lead_data(Database& db, std::int64_t id, std::optional<std::int64_t> user_id, const std::string& why,
                     std::int64_t now) {
    db.prepare(
          "UPDATE leads SET first_name = ?1, last_name = ?1, phone = ?1, phone_e164 = NULL, email = NULL, "
          "area = '', consent_text = NULL, dnc = 1, status = 'dnc', updated_at = ?2, erased_at = ?2 WHERE id = ?3")
        .bind_all(kErasedMarker, now, id)
        .run();
    db.prepare("UPDATE interactions SET summary = ?1, transcript = NULL, recording_url = NULL WHERE lead_id = ?2")
        .bind_all(kErasedMarker, id)
        .run();
    db.prepare("UPDATE messages SET to_addr = ?1, body = ?1, subject = NULL WHERE lead_id = ?2")
        .bind_all(kErasedMarker, id)
        .run();
    db.prepare("UPDATE appointments SET location = ?1 WHERE lead_id = ?2").bind_all(kErasedMarker, id).run();
    db.prepare("UPDATE tasks SET note = ?1 WHERE lead_id = ?2").bind_all(kErasedMarker, id).run();
    // Share links die with the data; prices, payments and counts stay for the books.
    db.prepare(
          "UPDATE deliveries SET share_token_hash = NULL, revoked_at = COALESCE(revoked_at, ?1) WHERE lead_id = ?2")
        .bind_all(now, id)
        .run();
    db.prepare("DELETE FROM jobs WHERE lead_id = ? AND status IN ('pending', 'running')").bind(1, id).run();
    // Earlier audit entries held the person's data in their before/after copies.
    db.prepare("UPDATE audit_log SET before_json = NULL, after_json = NULL WHERE entity = 'lead' AND entity_id = ?")
        .bind(1, id)
        .run();
    audit(db, user_id, "lead.erase", "lead", id, nullptr, {{"why", why}}, now);
}

std::vector<std::int64_t> leads_untouched_since(Database& db, std::int64_t cutoff, int limit) {
    auto st = db.prepare(
        "SELECT l.id FROM leads l WHERE l.erased_at IS NULL AND COALESCE(l.last_touch_at, l.created_at) < ?1 "
        "AND l.created_at < ?1 AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.lead_id = l.id AND i.timestamp "
        ">= ?1) ORDER BY l.id LIMIT ?2");
    st.bind(1, cutoff);
    st.bind(2, limit);
    std::vector<std::int64_t> ids;
    while (st.step()) ids.push_back(st.get_int64(0));
    return ids;
}

}  // namespace crm::db

#include "messages/messages_repo.hpp"

#include "db/iso_json.hpp"

namespace crm::messages {

namespace {

constexpr const char* kColumns =
    "id, lead_id, job_id, channel, to_addr, subject, body, status, provider, provider_id, transactional, queued_at, "
    "sent_at, delivered_at, error, attachments FROM messages";

nlohmann::json row_json(db::Statement& st) {
    auto opt_text = [&st](int c) { return st.is_null(c) ? nlohmann::json(nullptr) : nlohmann::json(st.get_text(c)); };
    auto opt_id = [&st](int c) { return st.is_null(c) ? nlohmann::json(nullptr) : nlohmann::json(st.get_int64(c)); };
    auto attachments = nlohmann::json::parse(st.get_text(15), nullptr, false);
    return {{"id", st.get_int64(0)},
            {"leadId", opt_id(1)},
            {"jobId", opt_id(2)},
            {"channel", st.get_text(3)},
            {"to", st.get_text(4)},
            {"subject", opt_text(5)},
            {"body", st.get_text(6)},
            {"status", st.get_text(7)},
            {"provider", opt_text(8)},
            {"providerId", opt_text(9)},
            {"transactional", st.get_int(10) != 0},
            {"queuedAt", db::iso_or_null(st.get_int64(11))},
            {"sentAt", db::iso_or_null(st.get_opt_int64(12))},
            {"deliveredAt", db::iso_or_null(st.get_opt_int64(13))},
            {"error", opt_text(14)},
            {"attachments", attachments.is_array() ? attachments : nlohmann::json::array()}};
}

}  // namespace

std::int64_t message_for_job(db::Database& db, const NewMessage& m, std::int64_t now) {
    {
        auto st = db.prepare("SELECT id FROM messages WHERE job_id = ?");
        st.bind(1, m.job_id);
        if (st.step()) return st.get_int64(0);
    }
    return db
        .prepare(
            "INSERT INTO messages(lead_id, job_id, channel, to_addr, subject, body, status, transactional, queued_at, "
            "attachments) VALUES (?,?,?,?,?,?,'queued',?,?,?) RETURNING id")
        .bind_all(m.lead_id, m.job_id, m.channel, m.to, m.subject.empty() ? std::optional<std::string>() : m.subject,
                  m.body, m.transactional, now, nlohmann::json(m.attachments).dump())
        .run_returning_id();
}

void mark_sent(db::Database& db, std::int64_t id, const std::string& provider, const std::string& provider_id,
               std::int64_t now) {
    db.prepare(
          "UPDATE messages SET status = 'sent', provider = ?, provider_id = ?, sent_at = ?, error = NULL WHERE id = ?")
        .bind_all(provider, provider_id.empty() ? std::optional<std::string>() : provider_id, now, id)
        .run();
}

void mark_outbox(db::Database& db, std::int64_t id, const std::string& provider) {
    db.prepare("UPDATE messages SET status = 'outbox', provider = ?, error = NULL WHERE id = ?")
        .bind_all(provider, id)
        .run();
}

void mark_prepared(db::Database& db, std::int64_t id, const std::string& link) {
    db.prepare("UPDATE messages SET status = 'prepared', provider = 'wa_link', provider_id = ? WHERE id = ?")
        .bind_all(link, id)
        .run();
}

void mark_failed(db::Database& db, std::int64_t id, const std::string& error) {
    db.prepare("UPDATE messages SET status = 'failed', error = ? WHERE id = ?").bind_all(error, id).run();
}

bool confirm_prepared(db::Database& db, std::int64_t id, std::int64_t now) {
    db.prepare("UPDATE messages SET status = 'sent', sent_at = ? WHERE id = ? AND status = 'prepared'")
        .bind_all(now, id)
        .run();
    return db.changes() == 1;
}

std::int64_t add_prepared_whatsapp(db::Database& db, std::optional<std::int64_t> lead_id, const std::string& to,
                                   const std::string& body, std::int64_t now) {
    return db
        .prepare(
            "INSERT INTO messages(lead_id, channel, to_addr, body, status, provider, transactional, queued_at) "
            "VALUES (?, 'whatsapp', ?, ?, 'prepared', 'wa_link', 1, ?) RETURNING id")
        .bind_all(lead_id, to, body, now)
        .run_returning_id();
}

bool apply_receipt(db::Database& db, const std::string& provider_id, bool delivered, const std::string& error,
                   std::int64_t now) {
    {
        auto st = db.prepare("SELECT COUNT(*) FROM messages WHERE provider_id = ?");
        st.bind(1, provider_id);
        st.step();
        if (st.get_int(0) == 0) return false;
    }
    if (delivered)
        db.prepare(
              "UPDATE messages SET status = 'delivered', delivered_at = ?, error = NULL "
              "WHERE provider_id = ? AND status IN ('queued', 'sent')")
            .bind_all(now, provider_id)
            .run();
    else
        db.prepare(
              "UPDATE messages SET status = 'failed', error = ? WHERE provider_id = ? AND status IN ('queued', 'sent')")
            .bind_all(error, provider_id)
            .run();
    return true;
}

void mark_blocked_for_job(db::Database& db, std::int64_t job_id, const std::string& why) {
    db.prepare("UPDATE messages SET status = 'blocked', error = ? WHERE job_id = ? AND status IN ('queued', 'outbox')")
        .bind_all(why, job_id)
        .run();
}

std::vector<OutboxEntry> outbox_entries(db::Database& db, const std::string& channel) {
    auto st = db.prepare(
        "SELECT m.id, m.job_id, COALESCE(j.kind, '') FROM messages m LEFT JOIN jobs j ON j.id = m.job_id "
        "WHERE m.status = 'outbox' AND m.channel = ? ORDER BY m.queued_at, m.id");
    st.bind(1, channel);
    std::vector<OutboxEntry> out;
    while (st.step()) out.push_back({st.get_int64(0), st.get_opt_int64(1), domain::parse_job_kind(st.get_text(2))});
    return out;
}

std::int64_t count_with_status(db::Database& db, const std::string& channel, const std::string& status) {
    auto st = db.prepare("SELECT COUNT(*) FROM messages WHERE channel = ? AND status = ?");
    st.bind_all(channel, status);
    st.step();
    return st.get_int64(0);
}

nlohmann::json list_json(db::Database& db, std::optional<std::int64_t> lead_id) {
    auto st = db.prepare(std::string("SELECT ") + kColumns + (lead_id ? " WHERE lead_id = ?1" : "") +
                         " ORDER BY queued_at DESC, id DESC LIMIT 500");
    if (lead_id) st.bind(1, *lead_id);
    auto items = nlohmann::json::array();
    while (st.step()) items.push_back(row_json(st));
    return items;
}

std::optional<nlohmann::json> find_json(db::Database& db, std::int64_t id) {
    auto st = db.prepare(std::string("SELECT ") + kColumns + " WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return row_json(st);
}

std::optional<bool> template_transactional(db::Database& db, const std::string& name) {
    auto st = db.prepare("SELECT transactional FROM templates WHERE name = ?");
    st.bind(1, name);
    if (!st.step()) return std::nullopt;
    return st.get_int(0) != 0;
}

}  // namespace crm::messages

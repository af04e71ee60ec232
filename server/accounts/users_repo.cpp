#include "accounts/users_repo.hpp"

#include "crm/domain/time.hpp"

namespace crm::accounts {

namespace {

constexpr const char* kColumns =
    "id, username, display_name, role, email, password_hash, active, last_login_at, created_at FROM users ";

Account account_from_row(db::Statement& st) {
    Account a;
    a.id = st.get_int64(0);
    a.username = st.get_text(1);
    a.display_name = st.get_text(2);
    a.role = http::parse_role(st.get_text(3)).value_or(http::Role::agent);
    a.email = st.get_opt_text(4);
    a.password_hash = st.get_text(5);
    a.has_password = a.password_hash.rfind("$argon2", 0) == 0;
    a.active = st.get_int(6) != 0;
    a.last_login_at = st.get_opt_int64(7);
    a.created_at = st.get_int64(8);
    return a;
}

std::optional<Account> one(db::Statement st) {
    if (!st.step()) return std::nullopt;
    return account_from_row(st);
}

}  // namespace

nlohmann::json to_json(const Account& a) {
    return {{"id", a.id},
            {"username", a.username},
            {"displayName", a.display_name},
            {"role", http::role_name(a.role)},
            {"email", a.email ? nlohmann::json(*a.email) : nlohmann::json(nullptr)},
            {"active", a.active},
            {"passwordSet", a.has_password},
            {"lastLoginAt", a.last_login_at ? nlohmann::json(domain::format_iso_utc(*a.last_login_at)) : nullptr},
            {"createdAt", domain::format_iso_utc(a.created_at)}};
}

std::optional<Account> find_by_username(db::Database& db, const std::string& username) {
    auto st = db.prepare(std::string("SELECT ") + kColumns + "WHERE username = ?");
    st.bind(1, username);
    return one(std::move(st));
}

std::optional<Account> find_by_id(db::Database& db, std::int64_t id) {
    auto st = db.prepare(std::string("SELECT ") + kColumns + "WHERE id = ?");
    st.bind(1, id);
    return one(std::move(st));
}

std::vector<Account> list_accounts(db::Database& db) {
    auto st = db.prepare(std::string("SELECT ") + kColumns +
                         "ORDER BY CASE role WHEN 'agent' THEN 1 ELSE 0 END, lower(display_name), id");
    std::vector<Account> out;
    while (st.step()) out.push_back(account_from_row(st));
    return out;
}

std::int64_t create_account(db::Database& db, const NewAccount& a, std::int64_t now) {
    return db
        .prepare(
            "INSERT INTO users(username, display_name, email, phone, role, password_hash, cities, zips, created_at) "
            "VALUES (?,?,?,?,?,?,?,?,?) RETURNING id")
        .bind_all(a.username, a.display_name, a.email, a.phone_e164, std::string(http::role_name(a.role)),
                  a.password_hash, nlohmann::json(a.cities).dump(), nlohmann::json(a.zips).dump(), now)
        .run_returning_id();
}

void set_password_hash(db::Database& db, std::int64_t id, const std::string& hash, std::int64_t now) {
    db.prepare("UPDATE users SET password_hash = ?, password_changed_at = ?, demo_password = 0 WHERE id = ?")
        .bind_all(hash, now, id)
        .run();
}

void set_active(db::Database& db, std::int64_t id, bool active) {
    db.prepare("UPDATE users SET active = ? WHERE id = ?").bind_all(active, id).run();
}

void stamp_login(db::Database& db, std::int64_t id, std::int64_t now) {
    db.prepare("UPDATE users SET last_login_at = ? WHERE id = ?").bind_all(now, id).run();
}

int count_active_managers(db::Database& db) {
    auto st = db.prepare("SELECT COUNT(*) FROM users WHERE active = 1 AND role IN ('operator', 'admin')");
    st.step();
    return st.get_int(0);
}

std::vector<Account> accounts_marked_demo(db::Database& db) {
    auto st = db.prepare(std::string("SELECT ") + kColumns + "WHERE demo_password = 1 AND active = 1 ORDER BY id");
    std::vector<Account> out;
    while (st.step()) out.push_back(account_from_row(st));
    return out;
}

void clear_demo_mark(db::Database& db, std::int64_t id) {
    db.prepare("UPDATE users SET demo_password = 0 WHERE id = ?").bind(1, id).run();
}

}  // namespace crm::accounts

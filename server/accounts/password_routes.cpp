// POST /api/me/password: the signed-in person changes their own password. The current one is
// required (a session left open on a shared computer is not enough), wrong guesses count in
// the login limiter, the new one must pass the password policy, and every other session of
// the person ends.
#include "accounts/routes.hpp"
#include "accounts/users_repo.hpp"
#include "api/body_reader.hpp"
#include "audit/audit_repo.hpp"
#include "auth/password_policy.hpp"
#include "auth/passwords.hpp"
#include "auth/session_store.hpp"
#include "core/services.hpp"
#include "http/errors.hpp"

namespace crm::accounts {

using namespace crm::http;

namespace {

Response change_password(Services& app, RequestContext& ctx) {
    const auto body = ctx.json_body();
    api::BodyReader in(body);
    auto current = in.text("currentPassword", true, auth::kMaxPasswordLength);
    auto next = in.text("newPassword", true, auth::kMaxPasswordLength);
    in.finish();

    const auto now = app.now();
    const auto& me = ctx.caller();
    std::string hash;
    {
        auto db = app.pool().acquire();
        if (const auto wait = app.login_limiter().retry_after(*db, me.username, ctx.client_addr, now))
            throw rate_limited(wait);
        const auto account = find_by_id(*db, me.id);
        if (!account) throw unauthenticated();
        hash = account->password_hash;
    }
    if (!auth::verify_password(hash, *current)) {
        app.login_limiter().record_failure(*app.pool().acquire(), me.username, ctx.client_addr, now);
        throw ApiError(403, "wrong_password", "Le mot de passe actuel est incorrect.");
    }
    if (*next == *current)
        throw ApiError(422, "weak_password", "Le nouveau mot de passe doit être différent de l'actuel.",
                       {{"newPassword", "identique à l'actuel"}});
    if (auto weak = auth::password_weakness(*next, me.username, me.display_name))
        throw ApiError(422, "weak_password", *weak, {{"newPassword", *weak}});
    const auto new_hash = auth::hash_password(*next);  // slow: before the write lock

    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    set_password_hash(*db, me.id, new_hash, now);
    // Every other session ends; this one goes on.
    auth::delete_other_sessions(*db, me.id, ctx.session_token_hash);
    audit(*db, me.id, "user.password_change", "user", me.id, nullptr, nullptr, now);
    tx.commit();
    return no_content(ctx.req);
}

}  // namespace

void register_password_routes(Router& router, Services& app) {
    router
        .add(Verb::post, "/api/me/password", any_session(),
             [&app](RequestContext& ctx) { return change_password(app, ctx); })
        .on_workers = true;  // two Argon2id computations
}

}  // namespace crm::accounts

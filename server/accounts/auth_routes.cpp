#include "accounts/routes.hpp"
#include "accounts/users_repo.hpp"
#include "api/body_reader.hpp"
#include "auth/passwords.hpp"
#include "auth/session_store.hpp"
#include "core/services.hpp"
#include "http/errors.hpp"

namespace crm::accounts {

using namespace crm::http;
using api::BodyReader;

namespace {

// `demo`: the server runs the demo (seeded data, CRM_SEED=1, or CRM_DEMO=1): the Agent CRM
// then shows its "Démo" banner, which a real install (CRM_SEED=0) does not.
nlohmann::json user_json(Services& app, const AuthUser& u) {
    return {{"id", u.id},
            {"username", u.username},
            {"displayName", u.display_name},
            {"role", role_name(u.role)},
            {"demo", app.config().seed || app.config().demo}};
}

std::string session_cookie_header(Services& app, const std::string& token, std::int64_t max_age) {
    std::string c = "crm_session=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age);
    if (app.config().https()) c += "; Secure";
    return c;
}

// Runs on the worker pool (an Argon2id check per attempt, see register_auth_routes).
Response login(Services& app, RequestContext& ctx) {
    auto body = ctx.json_body();
    BodyReader in(body);
    auto username = in.text("username", true, 100);
    auto password = in.text("password", true, 200);
    in.finish();

    const auto now = app.now();
    std::optional<Account> account;
    {
        // The reads end, and the connection goes back to the pool, before the slow hash check
        // (see db::Statement::step).
        auto db = app.pool().acquire();
        if (const auto wait = app.login_limiter().retry_after(*db, *username, ctx.client_addr, now))
            throw rate_limited(wait);
        account = find_by_username(*db, *username);
    }
    // Unknown usernames and accounts without a password yet still pay for one Argon2 check, so
    // timing does not tell which usernames exist.
    const bool checkable = account && account->has_password;
    const bool ok =
        auth::verify_password(checkable ? account->password_hash : app.dummy_password_hash(), *password) && checkable;
    auto db = app.pool().acquire();
    if (!ok) {
        app.login_limiter().record_failure(*db, *username, ctx.client_addr, now);
        throw unauthenticated("Identifiant ou mot de passe incorrect.");
    }
    app.login_limiter().record_success(*db, *username, ctx.client_addr);
    // Only someone who knows the password learns that the account is turned off.
    if (!account->active) throw unauthenticated("Ce compte est désactivé. Contactez la personne qui gère les comptes.");

    // Session rotation: whatever session this browser had is replaced, never reused.
    if (!ctx.session_token_hash.empty()) auth::delete_session(*db, ctx.session_token_hash);
    const auto policy = app.session_policy();
    auto session = auth::create_session(*db, account->id, now, policy);
    stamp_login(*db, account->id, now);

    auto res = json_response(ctx.req, 200, {{"user", user_json(app, account->auth_user())}});
    res.set(bhttp::field::set_cookie, session_cookie_header(app, session.token, policy.max_s));
    return res;
}

}  // namespace

void register_auth_routes(Router& router, Services& app) {
    router
        .add(Verb::post, "/api/auth/login", Access::public_route(),
             [&app](RequestContext& ctx) { return login(app, ctx); })
        .on_workers = true;

    router.add(Verb::post, "/api/auth/logout", any_session(), [&app](RequestContext& ctx) {
        auto db = app.pool().acquire();
        auth::delete_session(*db, ctx.session_token_hash);
        auto res = no_content(ctx.req);
        res.set(bhttp::field::set_cookie, session_cookie_header(app, "", 0));
        return res;
    });

    // Ends every session of the caller (lost phone, shared computer).
    router.add(Verb::post, "/api/auth/logout-all", any_session(), [&app](RequestContext& ctx) {
        auto db = app.pool().acquire();
        auth::delete_user_sessions(*db, ctx.caller().id);
        auto res = no_content(ctx.req);
        res.set(bhttp::field::set_cookie, session_cookie_header(app, "", 0));
        return res;
    });

    router.add(Verb::get, "/api/me", any_session(),
               [&app](RequestContext& ctx) { return json_response(ctx.req, 200, user_json(app, ctx.caller())); });
}

}  // namespace crm::accounts

#include "api/body_reader.hpp"
#include "api/routes.hpp"
#include "auth/passwords.hpp"
#include "auth/session_store.hpp"
#include "core/app.hpp"
#include "http/errors.hpp"

namespace crm::api {

using namespace crm::http;

namespace {

nlohmann::json user_json(const AuthUser& u) {
    return {{"id", u.id}, {"username", u.username}, {"displayName", u.display_name}, {"role", role_name(u.role)}};
}

std::string session_cookie_header(App& app, const std::string& token, std::int64_t max_age) {
    std::string c = "crm_session=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age);
    if (app.public_url().rfind("https://", 0) == 0) c += "; Secure";
    return c;
}

Response login(App& app, RequestContext& ctx) {
    auto body = ctx.json_body();
    BodyReader in(body);
    auto username = in.text("username", true, 100);
    auto password = in.text("password", true, 200);
    in.finish();

    const auto now = app.now();
    if (app.login_limiter().blocked(*username, ctx.client_addr, now))
        throw ApiError(429, "rate_limited", "Trop de tentatives. Réessayez dans quelques minutes.");

    auto db = app.pool().acquire();
    auto st = db->prepare("SELECT id, username, display_name, role, password_hash FROM users WHERE username = ?");
    st.bind(1, *username);
    const bool found = st.step();
    AuthUser user;
    std::string hash = app.dummy_password_hash();
    if (found) {
        user.id = st.get_int64(0);
        user.username = st.get_text(1);
        user.display_name = st.get_text(2);
        user.role = parse_role(st.get_text(3)).value_or(Role::agent);
        hash = st.get_text(4);
    }
    // The read ends before the slow hash check and the session write (see db::Statement::step).
    st.reset();
    const bool ok = auth::verify_password(hash, *password) && found;
    if (!ok) {
        app.login_limiter().record_failure(*username, ctx.client_addr, now);
        throw unauthenticated("Identifiant ou mot de passe incorrect.");
    }
    app.login_limiter().record_success(*username);

    // Session rotation: whatever session this browser had is replaced, never reused.
    if (!ctx.session_token_hash.empty()) auth::delete_session(*db, ctx.session_token_hash);
    const auto policy = app.session_policy();
    auto session = auth::create_session(*db, user.id, now, policy);

    auto res = json_response(ctx.req, 200, {{"user", user_json(user)}});
    res.set(bhttp::field::set_cookie, session_cookie_header(app, session.token, policy.max_s));
    return res;
}

}  // namespace

void register_auth_routes(Router& router, App& app) {
    router.add(Verb::post, "/api/auth/login", Access::public_route(),
               [&app](RequestContext& ctx) { return login(app, ctx); });

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
               [](RequestContext& ctx) { return json_response(ctx.req, 200, user_json(ctx.caller())); });
}

}  // namespace crm::api

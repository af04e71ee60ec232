// /setup/{token}: where a new or reset account chooses its password, without being signed in.
// The link is the only proof: 256 random bits, stored hashed, 24 hours, once. GET answers
// the agent web app's page (which shows the form), or JSON for that page's own script; POST
// sets the password.
#include <filesystem>

#include "accounts/routes.hpp"
#include "accounts/setup_links_repo.hpp"
#include "accounts/users_repo.hpp"
#include "api/body_reader.hpp"
#include "audit/audit_repo.hpp"
#include "auth/password_policy.hpp"
#include "auth/passwords.hpp"
#include "auth/session_store.hpp"
#include "core/services.hpp"
#include "crm/domain/time.hpp"
#include "deliveries/lead_package.hpp"
#include "http/errors.hpp"
#include "http/html_page.hpp"
#include "http/static_files.hpp"

namespace crm::accounts {

using namespace crm::http;

namespace {

constexpr const char* kNoScriptCsp = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

bool wants_json(const Request& req) {
    auto accept = req.find(bhttp::field::accept);
    return accept != req.end() && accept->value().find("application/json") != std::string::npos;
}

ApiError spent_link() {
    return ApiError(410, "gone",
                    "Ce lien a déjà servi ou a expiré. Demandez un nouveau lien à la personne qui gère les comptes.");
}

// The account behind a token still usable, or the answer that says why there is none.
struct Resolved {
    std::optional<Account> account;
    std::optional<ApiError> refusal;
};

Resolved resolve(Services& app, const std::string& token) {
    auto db = app.pool().acquire();
    const auto link = find_setup_link(*db, token, app.now());
    if (link.state == LinkState::unknown)
        return {std::nullopt, not_found("Lien inconnu : vérifiez qu'il a été copié en entier.")};
    auto account = find_by_id(*db, link.user_id);
    if (link.state == LinkState::spent || !account || !account->active) return {std::nullopt, spent_link()};
    return {account, std::nullopt};
}

Response show(Services& app, RequestContext& ctx) {
    const auto& token = ctx.params.at("token");
    const auto r = resolve(app, token);
    if (wants_json(ctx.req)) {
        if (r.refusal) throw *r.refusal;
        return json_response(ctx.req, 200,
                             {{"username", r.account->username},
                              {"displayName", r.account->display_name},
                              {"reset", r.account->has_password},
                              {"minLength", auth::kMinPasswordLength}});
    }
    if (r.refusal) {
        const bool gone = r.refusal->status() == 410;
        return private_html(
            ctx.req, r.refusal->status(),
            deliveries::render_link_error_page(gone ? "Lien plus valable" : "Lien introuvable", r.refusal->what()),
            kNoScriptCsp);
    }
    // The agent web app draws the form (its own look, same-origin script under the site's CSP).
    auto page = serve_file(ctx.req, app.config().web_dir, "index.html", false);
    if (!page) throw ApiError(503, "unavailable", "L'application web n'est pas construite sur ce serveur.");
    page->set(bhttp::field::cache_control, "no-store");
    page->set("Referrer-Policy", "no-referrer");
    page->set("X-Robots-Tag", "noindex, nofollow");
    return std::move(*page);
}

Response choose_password(Services& app, RequestContext& ctx) {
    // Only the page's own script posts here (a cross-site form cannot set these headers).
    auto requested_with = ctx.req.find("X-Requested-With");
    if (requested_with == ctx.req.end() || requested_with->value() != "crm")
        throw ApiError(403, "csrf", "En-tête X-Requested-With: crm manquant.");
    const auto& token = ctx.params.at("token");
    const auto body = ctx.json_body();
    api::BodyReader in(body);
    auto password = in.text("password", true, auth::kMaxPasswordLength);
    in.finish();
    const auto r = resolve(app, token);
    if (r.refusal) throw *r.refusal;
    const auto& account = *r.account;
    if (auto weak = auth::password_weakness(*password, account.username, account.display_name))
        throw ApiError(422, "weak_password", *weak, {{"password", *weak}});
    const auto hash = auth::hash_password(*password);  // slow: before the write lock

    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    if (!use_setup_link(*db, token, now)) throw spent_link();  // used in between
    set_password_hash(*db, account.id, hash, now);
    // A reset often follows a lost or shared password: whoever was signed in is signed out.
    auth::delete_user_sessions(*db, account.id);
    audit(*db, account.id, "user.password_set", "user", account.id, nullptr, {{"through", "setup_link"}}, now);
    tx.commit();
    return no_content(ctx.req);
}

}  // namespace

void register_setup_routes(Router& router, Services& app) {
    router.add(Verb::get, "/setup/{token}", Access::public_route(),
               [&app](RequestContext& ctx) { return show(app, ctx); });
    router
        .add(Verb::post, "/setup/{token}", Access::public_route(),
             [&app](RequestContext& ctx) { return choose_password(app, ctx); })
        .on_workers = true;  // Argon2id
}

}  // namespace crm::accounts

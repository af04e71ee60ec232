// The console's "Comptes" page: list the accounts, create an agent or an operator with a
// one-time setup link, reset (a new link), deactivate and reactivate. Everything audited.
#include "accounts/account_input.hpp"
#include "accounts/routes.hpp"
#include "accounts/setup_links_repo.hpp"
#include "accounts/setup_mail.hpp"
#include "audit/audit_repo.hpp"
#include "auth/session_store.hpp"
#include "core/services.hpp"
#include "crm/domain/time.hpp"
#include "http/errors.hpp"

namespace crm::accounts {

using namespace crm::http;

namespace {

Account existing(db::Database& db, std::int64_t id) {
    auto a = find_by_id(db, id);
    if (!a) throw not_found("Compte introuvable.");
    return *a;
}

// The link's answer: the URL to hand over, and whether it also went by e-mail (after the
// commit: an SMTP server never holds the database's write lock).
nlohmann::json hand_over(Services& app, RequestContext& ctx, const Account& a, const IssuedLink& link, bool reset) {
    const std::string url = app.public_url() + "/setup/" + link.token;
    nlohmann::json out = {
        {"setupUrl", url}, {"expiresAt", domain::format_iso_utc(link.expires_at)}, {"emailed", false}};
    auto* mailer = app.account_mailer();
    if (!mailer || !a.email) return out;
    const auto sent = mailer->send(setup_email({*a.email, a.display_name, a.username, url, reset}));
    out["emailed"] = sent.ok;
    if (!sent.ok) out["emailError"] = "L'e-mail n'a pas pu partir : transmettez le lien vous-même.";
    auto db = app.pool().acquire();
    audit(*db, ctx.caller().id, "user.setup_email", "user", a.id, nullptr, {{"sent", sent.ok}}, app.now());
    return out;
}

Response list_users(Services& app, RequestContext& ctx) {
    auto db = app.pool().acquire();
    nlohmann::json items = nlohmann::json::array();
    for (const auto& a : list_accounts(*db)) items.push_back(to_json(a));
    return json_response(ctx.req, 200, {{"items", items}});
}

Response create_user(Services& app, RequestContext& ctx) {
    const auto body = ctx.json_body();
    api::BodyReader in(body);
    const auto role_text = in.text("role", true, 20);
    std::optional<Role> role;
    if (role_text) {
        role = parse_role(*role_text);
        if (!role || *role == Role::admin) in.invalid("role", "agent ou operator");
    }
    auto account = read_new_account(in, role.value_or(Role::agent));
    in.finish();

    const auto now = app.now();
    Account created;
    IssuedLink link;
    {
        auto db = app.pool().acquire();
        db::Transaction tx(*db);
        require_free_username(*db, account.username);
        const auto id = create_account(*db, account, now);
        link = issue_setup_link(*db, id, ctx.caller().id, now);
        created = *find_by_id(*db, id);
        audit(*db, ctx.caller().id, "user.create", "user", id, nullptr, to_json(created), now);
        tx.commit();
    }
    auto out = hand_over(app, ctx, created, link, false);
    out["user"] = to_json(created);
    return json_response(ctx.req, 201, out);
}

Response reset_user(Services& app, RequestContext& ctx) {
    const auto now = app.now();
    Account a;
    IssuedLink link;
    {
        auto db = app.pool().acquire();
        db::Transaction tx(*db);
        a = existing(*db, ctx.id_param());
        if (!a.active) throw conflict("conflict", "Ce compte est désactivé : réactivez-le d'abord.");
        link = issue_setup_link(*db, a.id, ctx.caller().id, now);
        audit(*db, ctx.caller().id, "user.reset", "user", a.id, nullptr,
              {{"expiresAt", domain::format_iso_utc(link.expires_at)}}, now);
        tx.commit();
    }
    return json_response(ctx.req, 200, hand_over(app, ctx, a, link, true));
}

Response set_user_active(Services& app, RequestContext& ctx, bool active) {
    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    const auto before = existing(*db, ctx.id_param());
    if (!active && before.id == ctx.caller().id)
        throw conflict("conflict", "Vous ne pouvez pas désactiver votre propre compte.");
    set_active(*db, before.id, active);
    if (!active) {
        // At once: the person's open pages get 401 on their next request.
        auth::delete_user_sessions(*db, before.id);
        revoke_setup_links(*db, before.id, now);
    }
    const auto after = *find_by_id(*db, before.id);
    audit(*db, ctx.caller().id, active ? "user.reactivate" : "user.deactivate", "user", before.id,
          {{"active", before.active}}, {{"active", after.active}}, now);
    tx.commit();
    return json_response(ctx.req, 200, to_json(after));
}

}  // namespace

void register_users_routes(Router& router, Services& app) {
    router.add(Verb::get, "/api/users", operator_only(), [&app](RequestContext& ctx) { return list_users(app, ctx); });
    // Both may e-mail the link: on the worker pool, off the I/O threads.
    router.add(Verb::post, "/api/users", operator_only(), [&app](RequestContext& ctx) { return create_user(app, ctx); })
        .on_workers = true;
    router
        .add(Verb::post, "/api/users/{id}/reset", operator_only(),
             [&app](RequestContext& ctx) { return reset_user(app, ctx); })
        .on_workers = true;
    router.add(Verb::post, "/api/users/{id}/deactivate", operator_only(),
               [&app](RequestContext& ctx) { return set_user_active(app, ctx, false); });
    router.add(Verb::post, "/api/users/{id}/reactivate", operator_only(),
               [&app](RequestContext& ctx) { return set_user_active(app, ctx, true); });
}

}  // namespace crm::accounts

// The agent's side of a delivery without logging in: /p/{token} is the lead package (its script
// reports the open), its PDF, and Accept. The token is the only proof, so it is 128 random
// bits, stored hashed, expires, and stops working on refund or reassignment (410).
#include "audit/audit_repo.hpp"
#include "auth/passwords.hpp"
#include "core/services.hpp"
#include "deliveries/delivery_actions.hpp"
#include "deliveries/package_repo.hpp"
#include "deliveries/routes.hpp"
#include "http/errors.hpp"
#include "http/html_page.hpp"

namespace crm::deliveries {

using namespace crm::http;

namespace {

// The package's own script may run (it reports the open), nothing else.
constexpr const char* kPackageCsp =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'";

Response page(const Request& req, unsigned status, std::string html) {
    return private_html(req, status, std::move(html), kPackageCsp);
}

bool wants_json(const Request& req) {
    auto accept = req.find(bhttp::field::accept);
    auto type = req.find(bhttp::field::content_type);
    return (accept != req.end() && accept->value().find("application/json") != std::string::npos) ||
           (type != req.end() && type->value().find("application/json") != std::string::npos);
}

// The delivery behind a token, or the page (or JSON) that says why there is none.
struct Resolved {
    std::optional<DeliveryRow> delivery;
    std::optional<Response> refusal;
};

Resolved resolve(db::Database& db, RequestContext& ctx, std::int64_t now) {
    const auto& token = ctx.params.at("token");
    auto d = token.size() > 64 ? std::nullopt : delivery_by_token_hash(db, auth::sha256_hex(token));
    const bool json = wants_json(ctx.req);
    if (!d) {
        if (json) return {std::nullopt, error_response(ctx.req, not_found("Lien inconnu."))};
        return {std::nullopt, page(ctx.req, 404,
                                   render_link_error_page("Lien introuvable",
                                                          "Ce lien ne correspond à aucun lead. Vérifiez "
                                                          "qu'il a été copié en entier."))};
    }
    const bool revoked = d->revoked_at || d->status == "refunded";
    const bool expired = d->share_expires_at && *d->share_expires_at <= now;
    if (revoked || expired) {
        const std::string text = revoked ? "Ce lead a été remboursé ou réattribué : ce lien n'est plus valable."
                                         : "Ce lien a expiré. Demandez un nouvel envoi.";
        if (json) return {std::nullopt, error_response(ctx.req, ApiError(410, "gone", text))};
        return {std::nullopt, page(ctx.req, 410, render_link_error_page("Lien plus valable", text))};
    }
    return {d, std::nullopt};
}

// The package behind the token (GET and HEAD of the page and the PDF: they write nothing, since
// mail scanners and chat previews fetch links too), or the answer that says why there is none.
struct Found {
    std::optional<PackageView> view;
    std::optional<Response> refusal;
};

Found find_package(Services& app, RequestContext& ctx) {
    const auto now = app.now();
    auto db = app.pool().acquire();
    auto r = resolve(*db, ctx, now);
    if (r.refusal) return {std::nullopt, std::move(r.refusal)};
    return {load_package(*db, r.delivery->id, now), std::nullopt};
}

Response show(Services& app, RequestContext& ctx) {
    auto found = find_package(app, ctx);
    if (found.refusal) return std::move(*found.refusal);
    std::string message;
    if (ctx.query_param("accepted"))
        message = found.view->contact_revealed ? "Lead accepté. Vous pouvez appeler le vendeur."
                                               : "Lead accepté. Réglez par carte pour voir les coordonnées du vendeur.";
    return page(ctx.req, 200, render_package_page(*found.view, ctx.params.at("token"), message));
}

Response public_pdf(Services& app, RequestContext& ctx) {
    auto found = find_package(app, ctx);
    if (found.refusal) return std::move(*found.refusal);
    auto res = package_pdf_response(ctx.req, *found.view);
    res.set("X-Robots-Tag", "noindex, nofollow");
    return res;
}

// The page's own script reports that a person opened it: opened_at is stamped once.
Response opened(Services& app, RequestContext& ctx) {
    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    auto r = resolve(*db, ctx, now);
    if (r.refusal) return std::move(*r.refusal);
    if (mark_opened(*db, r.delivery->id, now))
        audit(*db, std::nullopt, "delivery.open", "delivery", r.delivery->id, nullptr, nullptr, now);
    tx.commit();
    return no_content(ctx.req);
}

Response script(RequestContext& ctx) {
    Response res{bhttp::status::ok, ctx.req.version()};
    res.set(bhttp::field::content_type, "text/javascript; charset=utf-8");
    res.set(bhttp::field::cache_control, "public, max-age=3600");
    res.keep_alive(ctx.req.keep_alive());
    res.body() = package_script();
    res.prepare_payload();
    return res;
}

Response accept(Services& app, RequestContext& ctx) {
    const auto now = app.now();
    auto db = app.pool().acquire();
    const auto& token = ctx.params.at("token");
    std::optional<DeliveryRow> d;
    std::optional<ApiError> refused;
    {
        db::Transaction tx(*db);
        auto r = resolve(*db, ctx, now);
        if (r.refusal) return std::move(*r.refusal);
        d = r.delivery;
        try {
            accept_delivery(*db, *d, std::nullopt, now);
            tx.commit();
        } catch (const ApiError& e) {
            if (wants_json(ctx.req)) throw;
            refused = e;  // rolled back as the transaction ends
        }
    }
    if (refused) {
        const auto view = load_package(*db, d->id, now);
        return page(ctx.req, refused->status(), render_package_page(*view, token, refused->what()));
    }
    if (wants_json(ctx.req)) return json_response(ctx.req, 200, *find_delivery(*db, d->id));
    // A form post: back to the page, which now says accepted (a reload does not post again).
    Response res{bhttp::status::see_other, ctx.req.version()};
    res.set(bhttp::field::location, "/p/" + token + "?accepted=1");
    res.set(bhttp::field::cache_control, "no-store");
    res.keep_alive(ctx.req.keep_alive());
    res.prepare_payload();
    return res;
}

}  // namespace

void register_public_package_routes(Router& router, Services& app) {
    // Before /p/{token}, which would take "package.js" for a token (the first match wins).
    router.add(Verb::get, "/p/package.js", Access::public_route(), [](RequestContext& c) { return script(c); });
    router.add(Verb::get, "/p/{token}", Access::public_route(), [&app](RequestContext& c) { return show(app, c); });
    router.add(Verb::get, "/p/{token}/pdf", Access::public_route(),
               [&app](RequestContext& c) { return public_pdf(app, c); });
    router.add(Verb::post, "/p/{token}/accept", Access::public_route().without_csrf(),
               [&app](RequestContext& c) { return accept(app, c); });
    router.add(Verb::post, "/p/{token}/opened", Access::public_route().without_csrf(),
               [&app](RequestContext& c) { return opened(app, c); });
}

}  // namespace crm::deliveries

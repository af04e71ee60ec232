// GET /api/deliveries/{id}/link: the delivery's current share link, again, for the operator to
// copy (the Deliveries tab) without issuing a new one, which would break the link the agent
// already has. Only the token's hash is stored; the token is derived again from its nonce under
// the server's share-link key (share_link_key.hpp). Audited: it shows a working link.
#include "audit/audit_repo.hpp"
#include "core/services.hpp"
#include "deliveries/deliveries_repo.hpp"
#include "deliveries/delivery_actions.hpp"
#include "deliveries/routes.hpp"
#include "http/errors.hpp"

namespace crm::deliveries {

using namespace crm::http;

void register_share_link_routes(Router& router, Services& app) {
    router.add(Verb::get, "/api/deliveries/{id}/link", operator_only(), [&app](RequestContext& c) {
        const auto id = c.id_param();
        const auto now = app.now();
        auto db = app.pool().acquire();
        if (!find_delivery(*db, id)) throw not_found("Livraison introuvable.");
        const auto link = current_share_link(*db, app, id, now);
        if (!link)
            throw conflict("link_unavailable",
                           "Ce lien ne peut pas être montré de nouveau (remboursé, réattribué, expiré, ou émis avant "
                           "cette version) : « Nouveau lien » en émet un autre.");
        audit(*db, c.caller().id, "delivery.link_shown", "delivery", id, nullptr, nullptr, now);
        return json_response(c.req, 200, {{"shareUrl", link->share_url}, {"pdfUrl", link->pdf_url}});
    });
}

}  // namespace crm::deliveries

// GET/PUT /api/settings: every weight, price and window of the domain rules. PUT may send part
// of the document; it is validated whole and audited (the calling-window switch included).
#include "audit/audit_repo.hpp"
#include "core/services.hpp"
#include "crm/domain/json.hpp"
#include "http/errors.hpp"
#include "leads/connect_rates_repo.hpp"
#include "settings/routes.hpp"
#include "settings/settings_repo.hpp"

namespace crm::settings {

using namespace crm::http;

void register_settings_routes(Router& router, Services& app) {
    router.add(Verb::get, "/api/settings", operator_only(), [&app](RequestContext& c) {
        auto db = app.pool().acquire();
        return json_response(c.req, 200, nlohmann::json(settings::load_settings(*db)));
    });
    router.add(Verb::put, "/api/settings", operator_only(), [&app](RequestContext& c) {
        const auto body = c.json_body();
        auto db = app.pool().acquire();
        db::Transaction tx(*db);
        const auto before = settings::load_settings(*db);
        auto after = before;
        try {
            domain::from_json(body, after);
        } catch (const nlohmann::json::exception& e) {
            throw validation({{"settings", std::string("valeur invalide : ") + e.what()}});
        }
        if (after.fees_rate < 0 || after.fees_rate > 1) throw validation({{"expectedValue.feesRate", "entre 0 et 1"}});
        if (after.price_base_cents < 0 || after.price_slot_bonus_cents < 0 || after.price_exclusive_percent < 0)
            throw validation({{"pricing", "les prix ne peuvent pas être négatifs"}});
        if (after.retention_months < 0 || after.retention_months > 120)
            throw validation({{"compliance.retentionMonths", "entre 0 (désactivé) et 120 mois"}});
        if (after.max_attempts_30d < 0 || after.not_seller_cooldown_days < 0)
            throw validation({{"compliance", "les plafonds ne peuvent pas être négatifs"}});
        if (after.consent_script.size() > 2000)
            throw validation({{"compliance.consentScript", "2 000 caractères au plus"}});
        if (after.connect_rate_min_calls < 1 || after.connect_rate_min_calls > 1000)
            throw validation({{"queue.connectRateMinCalls", "entre 1 et 1 000 appels"}});
        if (after.connect_rate_prior_calls < 0 || after.connect_rate_prior_calls > 1000)
            throw validation({{"queue.connectRatePriorCalls", "entre 0 et 1 000 appels"}});
        settings::save_settings(*db, after, app.now());
        if (after.connect_rate_min_calls != before.connect_rate_min_calls ||
            after.connect_rate_prior_calls != before.connect_rate_prior_calls) {
            // Learned again now with the new thresholds rather than at the next hour.
            leads::store_learned_connect_rates(*db, app.now());
        }
        // connectRate itself is learned from the calls: what a PUT sends for it is not kept.
        const auto saved = settings::load_settings(*db);
        audit(*db, c.caller().id, "settings.update", "settings", std::nullopt, nlohmann::json(before),
              nlohmann::json(saved), app.now());
        tx.commit();
        return json_response(c.req, 200, nlohmann::json(saved));
    });
}

}  // namespace crm::settings

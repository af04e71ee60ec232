// The agents the operator sells to: list with their figures, creating one, and credits
// (a manual top-up, or a Stripe link the agent pays; the webhook credits it).
#include <regex>

#include "api/body_reader.hpp"
#include "api/delivery_actions.hpp"
#include "api/routes.hpp"
#include "auth/passwords.hpp"
#include "core/app.hpp"
#include "core/audit.hpp"
#include "crm/domain/time.hpp"
#include "crm/domain/validation.hpp"
#include "db/agents_repo.hpp"
#include "http/errors.hpp"

namespace crm::api {

using namespace crm::http;

namespace {

// A JSON array of short strings (cities, zips), or a 422 on the field.
std::vector<std::string> string_list(const nlohmann::json& body, const char* key, BodyReader& in) {
    std::vector<std::string> out;
    if (!body.contains(key) || body[key].is_null()) return out;
    if (!body[key].is_array()) throw bad_request(std::string(key) + " doit être une liste.");
    for (const auto& v : body[key]) {
        if (!v.is_string()) throw bad_request(std::string(key) + " doit être une liste de textes.");
        const auto s = v.get<std::string>();
        if (s.empty() || s.size() > 80) {
            in.invalid(key, "entre 1 et 80 caractères par élément");
            break;
        }
        out.push_back(s);
    }
    if (out.size() > 200) in.invalid(key, "200 éléments au plus");
    return out;
}

Response create_agent(App& app, RequestContext& ctx) {
    const auto body = ctx.json_body();
    BodyReader in(body);
    auto username = in.text("username", true, 64);
    auto display = in.text("displayName", true, 120);
    auto password = in.text("password", true, 200);
    auto email = in.text("email", false, 254);
    auto phone = in.text("phone", false, 40);
    const auto cities = string_list(body, "cities", in);
    const auto zips = string_list(body, "zips", in);
    if (username && !std::regex_match(*username, std::regex("[a-z0-9._-]{3,64}")))
        in.invalid("username", "3 à 64 caractères : minuscules, chiffres, . _ -");
    if (password && password->size() < 10) in.invalid("password", "10 caractères au moins");
    if (email && !email->empty() && !domain::is_valid_email(*email)) in.invalid("email", "adresse e-mail invalide");
    std::optional<std::string> e164;
    if (phone && !phone->empty()) {
        e164 = domain::normalize_phone(*phone);
        if (!e164) in.invalid("phone", "numéro de téléphone invalide");
    }
    for (const auto& z : zips)
        if (!std::regex_match(z, std::regex("[0-9]{5}"))) {
            in.invalid("zips", "codes postaux à 5 chiffres");
            break;
        }
    in.finish();

    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    auto exists = db->prepare("SELECT COUNT(*) FROM users WHERE username = ?");
    exists.bind(1, *username);
    exists.step();
    if (exists.get_int(0) > 0) throw conflict("conflict", "Cet identifiant est déjà pris.");
    db->prepare(
          "INSERT INTO users(username, display_name, email, phone, role, password_hash, cities, zips, created_at) "
          "VALUES (?,?,?,?,'agent',?,?,?,?)")
        .bind_all(*username, *display, email && !email->empty() ? email : std::nullopt, e164,
                  auth::hash_password(*password), nlohmann::json(cities).dump(), nlohmann::json(zips).dump(), now)
        .run();
    const auto id = db->last_insert_id();
    audit(*db, ctx.caller().id, "agent.create", "user", id, nullptr,
          {{"username", *username}, {"cities", cities}, {"zips", zips}}, now);
    tx.commit();
    return json_response(ctx.req, 201, *db::find_agent(*db, id));
}

Response top_up(App& app, RequestContext& ctx) {
    const auto body = ctx.json_body();
    BodyReader in(body);
    auto amount = in.integer("amountCents", true, 1, 10'000'000);
    auto note = in.text("note", false, 500);
    in.finish();
    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    if (!db::find_agent(*db, ctx.id_param())) throw not_found("Agent introuvable.");
    db::add_credit_movement(*db, ctx.id_param(), *amount, "topup", note.value_or("Recharge manuelle"), std::nullopt,
                            now);
    audit(*db, ctx.caller().id, "credits.topup", "user", ctx.id_param(), nullptr, {{"amountCents", *amount}}, now);
    tx.commit();
    return json_response(ctx.req, 201,
                         {{"balanceCents", db::credit_balance(*db, ctx.id_param())},
                          {"ledger", db::credit_ledger(*db, ctx.id_param())}});
}

Response top_up_link(App& app, RequestContext& ctx) {
    const auto body = ctx.json_body();
    BodyReader in(body);
    auto amount = in.integer("amountCents", true, 100, 10'000'000);
    // The one Stripe call made in a request: the operator waits for this URL to hand it over.
    // Bounded by the client's timeouts (5 s connect, 10 s in all).
    const auto stripe = app.stripe_settings();
    if (!stripe.configured()) in.invalid("amountCents", "Stripe n'est pas configuré");
    in.finish();
    {
        auto db = app.pool().acquire();
        if (!db::find_agent(*db, ctx.id_param())) throw not_found("Agent introuvable.");
    }
    const auto ref = "topup:" + std::to_string(ctx.id_param());
    const auto r = integrations::create_payment_link(
        stripe,
        {ref, *amount, "Recharge de crédits", ref + ":" + std::to_string(*amount) + ":" + auth::random_token(6)});
    if (!r.ok) throw ApiError(502, "payment_provider", r.error);
    return json_response(ctx.req, 201, {{"paymentUrl", r.url}, {"amountCents", *amount}});
}

}  // namespace

void register_agents_routes(Router& router, App& app) {
    router.add(Verb::get, "/api/agents", operator_only(), [&app](RequestContext& c) {
        auto db = app.pool().acquire();
        return json_response(c.req, 200,
                             {{"items", db::list_agents_with_metrics(*db, domain::paris_month_start(app.now()))}});
    });
    router.add(Verb::post, "/api/agents", operator_only(), [&app](RequestContext& c) { return create_agent(app, c); });
    router.add(Verb::post, "/api/agents/{id}/credits", operator_only(),
               [&app](RequestContext& c) { return top_up(app, c); });
    router.add(Verb::post, "/api/agents/{id}/credits/payment-link", operator_only(),
               [&app](RequestContext& c) { return top_up_link(app, c); });
}

}  // namespace crm::api

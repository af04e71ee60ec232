// Data hygiene: duplicate groups in bulk, merging two leads (history moved, counters and
// money kept), and CSV import with a per-row report (all or nothing on a malformed file).
#include <algorithm>
#include <cctype>
#include <map>

#include "audit/audit_repo.hpp"
#include "core/services.hpp"
#include "crm/domain/json.hpp"
#include "crm/domain/lead_merge.hpp"
#include "crm/domain/text.hpp"
#include "http/errors.hpp"
#include "hygiene/csv_reader.hpp"
#include "hygiene/hygiene_repo.hpp"
#include "hygiene/routes.hpp"
#include "leads/lead_input.hpp"
#include "leads/lead_lookup.hpp"
#include "leads/leads_repo.hpp"

namespace crm::hygiene {

using namespace crm::http;
using leads::apply_lead_input;
using leads::duplicate_candidates;
using leads::require_lead;
using leads::write_lead;

namespace {

// ---------------------------------------------------------------- duplicates

Response duplicates(Services& app, RequestContext& ctx) {
    const int limit = ctx.query_int("limit", 200, 1, 1000);
    const auto now = app.now();
    auto db = app.pool().acquire();
    auto found = duplicate_groups(*db);
    const auto total = found.size();
    if (found.size() > static_cast<std::size_t>(limit)) found.resize(limit);
    auto out = nlohmann::json::array();
    for (const auto& g : found) {
        auto leads = leads_of_group(*db, g);
        leads::load_lead_extras(*db, leads, now);
        auto items = nlohmann::json::array();
        for (const auto& l : leads) items.push_back(nlohmann::json(l));
        out.push_back({{"by", g.by}, {"key", g.key}, {"count", g.count}, {"leads", items}});
    }
    return json_response(ctx.req, 200, {{"groups", out}, {"total", total}});
}

// ---------------------------------------------------------------- merge

Response merge(Services& app, RequestContext& ctx) {
    const auto body = ctx.json_body();
    if (!body.contains("fromId")) throw validation({{"fromId", "obligatoire"}});
    if (!body["fromId"].is_number_integer()) throw bad_request("« fromId » doit être un entier.");
    const auto from_id = body["fromId"].get<std::int64_t>();
    const auto keep_id = ctx.id_param();
    if (from_id == keep_id) throw conflict("conflict", "Un lead ne peut pas être fusionné avec lui-même.");
    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    const auto keep = leads::require_lead(*db, keep_id, now);
    const auto from = leads::require_lead(*db, from_id, now);
    auto m = domain::merged_lead(keep, from);

    const auto moved = move_lead_references(*db, from_id, keep_id);
    // The touch stamps also cover calls whose lead stamps were never set (imported history).
    const auto calls = call_stamps(*db, keep_id);
    m.first_touch_at = domain::earliest(m.first_touch_at, calls.first);
    m.last_touch_at = domain::latest(m.last_touch_at, calls.last);
    m.first_connect_at = domain::earliest(m.first_connect_at, calls.first_connect);
    m.updated_at = now;
    leads::delete_lead_row(*db, from_id);  // nothing points at it any more
    write_lead(*db, m, false);
    leads::save_merged_state(*db, m, now);
    const auto after = leads::require_lead(*db, keep_id, now);
    audit(*db, ctx.caller().id, "lead.merge", "lead", keep_id,
          {{"kept", nlohmann::json(keep)}, {"removed", nlohmann::json(from)}},
          {{"lead", nlohmann::json(after)}, {"fromId", from_id}, {"moved", moved}}, now);
    audit(*db, ctx.caller().id, "lead.merged_into", "lead", from_id, nullptr, {{"intoId", keep_id}}, now);
    tx.commit();
    return json_response(ctx.req, 200, nlohmann::json(after));
}

// ---------------------------------------------------------------- CSV import

constexpr std::size_t kMaxImportRows = 5000;

// CSV column (case-insensitive) -> JSON key of POST /api/leads, and how to read the cell.
enum class Cell { text, integer, euros, boolean };
struct Column {
    const char* csv;
    const char* key;
    Cell kind;
};
const Column kColumns[] = {
    {"firstname", "firstName", Cell::text},
    {"lastname", "lastName", Cell::text},
    {"phone", "phone", Cell::text},
    {"email", "email", Cell::text},
    {"city", "city", Cell::text},
    {"zip", "zip", Cell::text},
    {"area", "area", Cell::text},
    {"intention", "intention", Cell::text},
    {"timelinemonths", "timelineMonths", Cell::integer},
    {"priceestimate", "priceEstimateCents", Cell::euros},
    {"priceestimatecents", "priceEstimateCents", Cell::integer},
    {"source", "source", Cell::text},
    {"costcents", "costCents", Cell::integer},
    {"consent", "consent", Cell::boolean},
    {"consenttext", "consentText", Cell::text},
    {"consentsource", "consentSource", Cell::text},
};

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::optional<std::int64_t> parse_int(const std::string& s) {
    if (s.empty() || s.size() > 15) return std::nullopt;
    std::size_t i = s[0] == '-' ? 1 : 0;
    if (i == s.size()) return std::nullopt;
    for (std::size_t k = i; k < s.size(); ++k)
        if (!std::isdigit(static_cast<unsigned char>(s[k]))) return std::nullopt;
    return std::stoll(s);
}

// "250000", "250 000", "250000,50", "250000.5" (euros) -> cents.
std::optional<std::int64_t> parse_euros(std::string s) {
    s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\''; }), s.end());
    if (s.size() >= 3 && s.compare(s.size() - 3, 3, "\xE2\x82\xAC") == 0) s.resize(s.size() - 3);  // €
    const auto dot = s.find_first_of(",.");
    const std::string whole = s.substr(0, dot);
    std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
    if (frac.size() > 2) return std::nullopt;
    while (frac.size() < 2) frac += '0';
    const auto w = parse_int(whole);
    const auto f = parse_int(frac);
    if (!w || !f || *w < 0 || whole.size() > 12) return std::nullopt;
    return *w * 100 + *f;
}

std::optional<bool> parse_bool(const std::string& s) {
    const auto v = lower(s);
    if (v == "1" || v == "true" || v == "yes" || v == "oui" || v == "y" || v == "o" || v == "x") return true;
    if (v == "0" || v == "false" || v == "no" || v == "non" || v == "n") return false;
    return std::nullopt;
}

std::string fields_reason(const ApiError& e) {
    const auto body = e.body();
    const auto& err = body["error"];
    if (err.contains("fields") && err["fields"].is_object() && !err["fields"].empty()) {
        std::string out;
        for (const auto& [k, v] : err["fields"].items()) {
            if (!out.empty()) out += "; ";
            out += k + " : " + (v.is_string() ? v.get<std::string>() : v.dump());
        }
        return out;
    }
    return e.what();
}

Response import_csv(Services& app, RequestContext& ctx) {
    const auto& text = ctx.req.body();
    if (text.empty()) throw bad_request("Fichier CSV vide : une ligne d'en-tête est attendue.");
    CsvTable table;
    try {
        table = parse_csv(text, kMaxImportRows);
    } catch (const CsvError& e) {
        if (std::string(e.what()) == "trop de lignes")
            throw ApiError(413, "too_large",
                           "Trop de lignes : " + std::to_string(kMaxImportRows) + " au plus par import.");
        throw ApiError(400, "bad_request",
                       std::string("CSV invalide, ligne ") + std::to_string(e.line()) + " : " + e.what() +
                           ". Rien n'a été importé.",
                       nullptr, {{"line", e.line()}});
    }
    // The header decides which cell goes where; an unknown or repeated column is an error,
    // not a silently dropped value.
    std::vector<const Column*> columns;
    nlohmann::json problems = nlohmann::json::object();
    std::map<std::string, bool> seen;
    for (const auto& name : table.header) {
        const auto key = lower(name);
        const Column* found = nullptr;
        for (const auto& c : kColumns)
            if (key == c.csv) found = &c;
        if (!found) {
            problems["columns"] = "colonne inconnue : « " + name + " »";
        } else if (seen[found->key]) {
            problems["columns"] = "colonne en double : « " + name + " »";
        }
        if (found) seen[found->key] = true;
        columns.push_back(found);
    }
    if (problems.empty() && !seen["firstName"] && !seen["lastName"])
        problems["columns"] = "une colonne firstName ou lastName est obligatoire";
    if (problems.empty() && !seen["phone"] && !seen["email"])
        problems["columns"] = "une colonne phone ou email est obligatoire";
    if (!problems.empty()) throw validation(problems, "En-tête CSV invalide. Rien n'a été importé.");

    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    std::map<std::int64_t, int> created_line;  // lead id -> line, for duplicates inside the file
    int created = 0, dups = 0, invalid = 0;
    auto rows = nlohmann::json::array();
    for (const auto& rec : table.rows) {
        nlohmann::json row = {{"line", rec.line}};
        if (rec.fields.size() != columns.size()) {
            row["status"] = "invalid";
            row["reason"] =
                std::to_string(rec.fields.size()) + " colonnes au lieu de " + std::to_string(columns.size());
            ++invalid;
            rows.push_back(row);
            continue;
        }
        nlohmann::json body = nlohmann::json::object();
        std::string reason;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const auto cell = domain::trim_blanks(rec.fields[i]);
            if (cell.empty()) continue;
            const auto& c = *columns[i];
            switch (c.kind) {
                case Cell::text:
                    body[c.key] = cell;
                    break;
                case Cell::integer:
                    if (auto v = parse_int(cell))
                        body[c.key] = *v;
                    else
                        reason += std::string(reason.empty() ? "" : "; ") + c.key + " : nombre entier attendu";
                    break;
                case Cell::euros:
                    if (auto v = parse_euros(cell))
                        body[c.key] = *v;
                    else
                        reason += std::string(reason.empty() ? "" : "; ") + c.key + " : montant en euros attendu";
                    break;
                case Cell::boolean:
                    if (auto v = parse_bool(cell))
                        body[c.key] = *v;
                    else
                        reason += std::string(reason.empty() ? "" : "; ") + c.key + " : oui/non attendu";
                    break;
            }
        }
        domain::Lead lead;
        lead.created_at = lead.updated_at = now;
        lead.owner_user_id = ctx.caller().id;
        if (reason.empty()) {
            if (!body.contains("source")) body["source"] = "import";
            try {
                leads::apply_lead_input(body, lead, now);  // the same rules as POST /api/leads
            } catch (const ApiError& e) {
                reason = fields_reason(e);
            } catch (const nlohmann::json::exception&) {
                reason = "valeur de type inattendu";
            }
        }
        if (!reason.empty()) {
            row["status"] = "invalid";
            row["reason"] = reason;
            ++invalid;
            rows.push_back(row);
            continue;
        }
        // Against the existing leads and the rows created above (same transaction).
        const auto candidates = leads::duplicate_candidates(*db, lead);
        if (!candidates.empty()) {
            const auto& first = candidates.front();
            const auto match_id = first["id"].get<std::int64_t>();
            nlohmann::json match = {{"leadId", match_id}, {"by", first["matchedOn"]}};
            if (auto it = created_line.find(match_id); it != created_line.end()) match["line"] = it->second;
            row["status"] = "duplicate";
            row["match"] = match;
            ++dups;
            rows.push_back(row);
            continue;
        }
        lead.id = leads::write_lead(*db, lead, true);
        created_line[lead.id] = rec.line;
        audit(*db, ctx.caller().id, "lead.create", "lead", lead.id, nullptr, nlohmann::json(lead), now);
        row["status"] = "created";
        row["leadId"] = lead.id;
        ++created;
        rows.push_back(row);
    }
    audit(*db, ctx.caller().id, "lead.import", "lead", std::nullopt, nullptr,
          {{"created", created}, {"duplicates", dups}, {"invalid", invalid}}, now);
    tx.commit();
    return json_response(ctx.req, 200,
                         {{"created", created},
                          {"duplicates", dups},
                          {"invalid", invalid},
                          {"total", static_cast<int>(table.rows.size())},
                          {"separator", std::string(1, table.separator)},
                          {"rows", rows}});
}

}  // namespace

void register_hygiene_routes(Router& router, Services& app) {
    router.add(Verb::get, "/api/leads/duplicates", operator_only(),
               [&app](RequestContext& c) { return duplicates(app, c); });
    router.add(Verb::post, "/api/leads/{id}/merge", operator_only(),
               [&app](RequestContext& c) { return merge(app, c); });
    router.add(Verb::post, "/api/leads/import", operator_only(),
               [&app](RequestContext& c) { return import_csv(app, c); });
}

}  // namespace crm::hygiene

#include "app/hygiene_model.hpp"

#include <algorithm>

#include "crm/domain/json.hpp"
#include "crm/domain/lead_merge.hpp"
#include "crm/domain/pricing.hpp"

namespace crm::console {

namespace {

const char* status_label_fr(domain::Status s) {
    switch (s) {
        case domain::Status::active:
            return "actif";
        case domain::Status::follow_up:
            return "relance";
        case domain::Status::nurture:
            return "nurturing";
        case domain::Status::booked:
            return "RDV";
        case domain::Status::bad_number:
            return "mauvais numéro";
        case domain::Status::not_seller:
            return "pas vendeur";
        case domain::Status::dnc:
            return "ne pas contacter";
    }
    return "?";
}

const char* intention_label_fr(domain::Intention i) {
    switch (i) {
        case domain::Intention::sell:
            return "vendre";
        case domain::Intention::estimate:
            return "estimation";
        case domain::Intention::buy:
            return "acheter";
        default:
            return "inconnu";
    }
}

std::string join_nonempty(std::initializer_list<std::string> parts, const char* sep) {
    std::string out;
    for (const auto& p : parts)
        if (!p.empty()) out += (out.empty() ? "" : sep) + p;
    return out.empty() ? "—" : out;
}

}  // namespace

const domain::Lead& group_keeper(const DuplicateGroup& g) {
    return domain::merge_keeper(g.leads);
}

std::vector<LeadField> lead_fields_fr(const domain::Lead& l) {
    std::string calls =
        std::to_string(l.live_touches) + " répondu(s) · " + std::to_string(l.unanswered_attempts) + " sans réponse";
    std::string project = intention_label_fr(l.intention);
    if (l.timeline_months) project += " · " + std::to_string(*l.timeline_months) + " mois";
    std::string phone = l.phone.empty() ? "—" : l.phone;
    if (l.bad_number) phone += " (mauvais numéro)";
    return {
        {"Nom", join_nonempty({l.first_name, l.last_name}, " ")},
        {"Téléphone", phone},
        {"E-mail", l.email ? *l.email : "—"},
        {"Ville", join_nonempty({l.city, l.zip, l.area}, " · ")},
        {"Projet", project},
        {"Estimation", l.price_estimate_cents ? domain::format_euros(*l.price_estimate_cents, false) : "—"},
        {"Consentement", l.consent ? "oui" : "non"},
        {"Source", l.source},
        {"Étape", domain::stage_label_fr(l.stage)},
        {"Statut", status_label_fr(l.status)},
        {"Appels", calls},
        {"Coût", domain::format_euros(l.cost_cents)},
        {"Créé le", domain::format_paris(l.created_at)},
    };
}

ImportReport import_report_from_json(const std::string& file_name, const nlohmann::json& answer) {
    ImportReport r;
    r.file_name = file_name;
    if (!answer.is_object()) return r;
    r.created = answer.value("created", 0);
    r.duplicates = answer.value("duplicates", 0);
    r.invalid = answer.value("invalid", 0);
    r.total = answer.value("total", 0);
    if (!answer.contains("rows") || !answer["rows"].is_array()) return r;
    for (const auto& j : answer["rows"]) {
        if (!j.is_object()) continue;
        ImportRow row;
        row.line = j.value("line", 0);
        row.status = j.value("status", std::string());
        if (j.contains("leadId") && j["leadId"].is_number_integer()) row.lead_id = j["leadId"].get<std::int64_t>();
        if (j.contains("match") && j["match"].is_object()) {
            const auto& m = j["match"];
            if (m.contains("leadId") && m["leadId"].is_number_integer())
                row.match_lead_id = m["leadId"].get<std::int64_t>();
            row.match_by = m.value("by", std::string());
            if (m.contains("line") && m["line"].is_number_integer()) row.match_line = m["line"].get<int>();
        }
        row.reason = j.value("reason", std::string());
        r.rows.push_back(std::move(row));
    }
    return r;
}

const char* import_status_label_fr(const std::string& status) {
    if (status == "created") return "créé";
    if (status == "duplicate") return "doublon";
    if (status == "invalid") return "invalide";
    return "?";
}

std::string import_row_detail(const ImportRow& row) {
    if (row.status == "created") return row.lead_id ? "lead " + std::to_string(*row.lead_id) : "créé";
    if (row.status == "duplicate") {
        std::string out = row.match_by == "email" ? "même e-mail que " : "même téléphone que ";
        if (row.match_line)
            out += "la ligne " + std::to_string(*row.match_line) + " du fichier";
        else
            out += "le lead existant";
        if (row.match_lead_id) out += " (lead " + std::to_string(*row.match_lead_id) + ")";
        return out;
    }
    return row.reason.empty() ? "refusé" : row.reason;
}

void HygieneModel::set_duplicates(const nlohmann::json& answer) {
    groups_.clear();
    duplicates_loaded_ = true;
    if (!answer.is_object() || !answer.contains("groups") || !answer["groups"].is_array()) {
        total_ = 0;
        return;
    }
    for (const auto& g : answer["groups"]) {
        if (!g.is_object() || !g.contains("leads") || !g["leads"].is_array()) continue;
        DuplicateGroup group{g.value("by", std::string()), g.value("key", std::string()), {}};
        try {
            for (const auto& l : g["leads"]) group.leads.push_back(l.get<domain::Lead>());
        } catch (const std::exception&) {
            continue;  // one unreadable lead: leave the group out rather than merge blind
        }
        if (group.leads.size() >= 2) groups_.push_back(std::move(group));
    }
    total_ = answer.value("total", groups_.size());
}

void HygieneModel::remove_lead(std::int64_t id) {
    for (auto& g : groups_)
        g.leads.erase(
            std::remove_if(g.leads.begin(), g.leads.end(), [id](const domain::Lead& l) { return l.id == id; }),
            g.leads.end());
    const auto before = groups_.size();
    groups_.erase(
        std::remove_if(groups_.begin(), groups_.end(), [](const DuplicateGroup& g) { return g.leads.size() < 2; }),
        groups_.end());
    total_ -= std::min(total_, before - groups_.size());
}

nlohmann::json HygieneModel::snapshot() const {
    auto groups = nlohmann::json::array();
    for (const auto& g : groups_) {
        auto ids = nlohmann::json::array();
        for (const auto& l : g.leads) ids.push_back(l.id);
        groups.push_back({{"by", g.by}, {"key", g.key}, {"leadIds", ids}, {"keepId", group_keeper(g).id}});
    }
    nlohmann::json out = {{"duplicatesLoaded", duplicates_loaded_},
                          {"groups", groups},
                          {"totalGroups", total_},
                          {"duplicatesMessage", duplicates_message},
                          {"importing", importing},
                          {"importMessage", import_message},
                          {"import", nullptr}};
    if (import_) {
        auto rows = nlohmann::json::array();
        for (const auto& r : import_->rows)
            rows.push_back({{"line", r.line}, {"status", r.status}, {"detail", import_row_detail(r)}});
        out["import"] = {{"fileName", import_->file_name},    {"created", import_->created},
                         {"duplicates", import_->duplicates}, {"invalid", import_->invalid},
                         {"total", import_->total},           {"rows", rows}};
    }
    return out;
}

}  // namespace crm::console

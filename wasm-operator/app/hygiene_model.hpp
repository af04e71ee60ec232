#pragma once
// Data hygiene in the console: the duplicate groups of GET /api/leads/duplicates (which lead a
// merge keeps, what to show side by side) and the per-row report of POST /api/leads/import.
// No ImGui, no HTTP: tested natively.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "crm/domain/lead.hpp"

namespace crm::console {

struct DuplicateGroup {
    std::string by;   // "phone" or "email"
    std::string key;  // the shared E.164 number or lower-cased e-mail
    std::vector<domain::Lead> leads;
};

// The lead a merge keeps (domain::merge_keeper: the oldest; every other lead merges into it).
const domain::Lead& group_keeper(const DuplicateGroup& g);

// The rows shown side by side for each lead of a group, in this order.
struct LeadField {
    const char* label;
    std::string value;
};
std::vector<LeadField> lead_fields_fr(const domain::Lead& lead);

struct ImportRow {
    int line = 0;                               // physical line of the file, the header being line 1
    std::string status;                         // "created", "duplicate", "invalid"
    std::optional<std::int64_t> lead_id;        // created
    std::optional<std::int64_t> match_lead_id;  // duplicate: the lead it matched
    std::string match_by;                       // "phone" / "email"
    std::optional<int> match_line;              // duplicate of an earlier row of the same file
    std::string reason;                         // invalid
};

struct ImportReport {
    std::string file_name;
    int created = 0, duplicates = 0, invalid = 0, total = 0;
    std::vector<ImportRow> rows;
};

ImportReport import_report_from_json(const std::string& file_name, const nlohmann::json& answer);
const char* import_status_label_fr(const std::string& status);  // "créé", "doublon", "invalide"
// What the report says about a row: "lead 42", "même téléphone que le lead 7 (ligne 3)", the reason.
std::string import_row_detail(const ImportRow& row);

class HygieneModel {
public:
    // GET /api/leads/duplicates: {groups: [{by, key, count, leads}], total}. Malformed groups are skipped.
    void set_duplicates(const nlohmann::json& answer);
    // After a merge, before the server's fresh list: `id` is gone from every group, and a group
    // left with one lead is no longer a duplicate.
    void remove_lead(std::int64_t id);
    const std::vector<DuplicateGroup>& groups() const { return groups_; }
    bool duplicates_loaded() const { return duplicates_loaded_; }
    std::size_t total_groups() const { return total_; }  // the server's count (it sends 200 at most)

    void set_import(ImportReport report) { import_ = std::move(report); }
    void clear_import() { import_.reset(); }
    const std::optional<ImportReport>& import_report() const { return import_; }

    std::string duplicates_message;  // the last merge's result or error
    std::string import_message;      // "Import en cours…", the server's error, …
    bool importing = false;

    nlohmann::json snapshot() const;  // for the test hook

private:
    std::vector<DuplicateGroup> groups_;
    bool duplicates_loaded_ = false;
    std::size_t total_ = 0;
    std::optional<ImportReport> import_;
};

}  // namespace crm::console

#pragma once
// A JSON document whose "leads" array is read straight into Leads, in one pass, without a tree
// per lead. The console's first sync reads 100,000 leads: building each lead's tree and
// converting it afterwards took most of its time (docs/PERFORMANCE.md).
//
// Each lead is read exactly as from_json(json, Lead) reads it (same defaults, same refusals:
// lead_json_reader_test compares the two on random and broken leads), with one difference: a
// key repeated inside a lead is read each time (a tree keeps only its last value), so a bad
// first value is refused. Every other top-level key is kept as a tree in `rest`.
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "crm/domain/lead.hpp"

namespace crm::domain {

struct DocumentWithLeads {
    nlohmann::json rest;     // the document without its "leads" key
    bool has_leads = false;  // a top-level "leads" array was read into `leads`
    std::vector<Lead> leads;
};

// nullopt when the text is not JSON, or when a lead would make from_json throw.
std::optional<DocumentWithLeads> read_document_with_leads(std::string_view text);

}  // namespace crm::domain

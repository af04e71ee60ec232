#pragma once
// The editable fields of a lead, read from a request body onto a domain::Lead: wrong types
// are a 400 (nlohmann type errors are mapped in App::handle), bad values a 422 naming them.
#include <nlohmann/json.hpp>

#include "crm/domain/lead.hpp"
#include "db/database.hpp"

namespace crm::leads {

// Applies the editable keys present in `body` to `lead`, normalises the phone, and throws
// 422 with every invalid field. `now` stamps consent when it is given.
void apply_lead_input(const nlohmann::json& body, domain::Lead& lead, std::int64_t now);

// Other leads with the same normalised phone or lower-cased e-mail (for 409 duplicate).
nlohmann::json duplicate_candidates(db::Database& db, const domain::Lead& lead);

// INSERT (created_at, updated_at, owner as set on `lead`) or UPDATE of the editable columns.
void write_lead(db::Database& db, const domain::Lead& l, bool insert);

}  // namespace crm::leads

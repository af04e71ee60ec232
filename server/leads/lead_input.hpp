#pragma once
// The editable fields of a lead, read from a request body onto a domain::Lead: wrong types
// are a 400 (nlohmann type errors are mapped in App::handle), bad values a 422 naming them.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "crm/domain/lead.hpp"

namespace crm::leads {

// Applies the editable keys present in `body` to `lead`, normalises the phone, and throws
// 422 with every invalid field. `now` stamps consent when it is given.
void apply_lead_input(const nlohmann::json& body, domain::Lead& lead, std::int64_t now);

}  // namespace crm::leads

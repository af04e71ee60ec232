#pragma once
// A lead written straight to JSON text, without building an nlohmann tree first. A full sync
// sends 100,000 leads: building and freeing one tree of some forty keys per lead took most of
// the server's time (docs/PERFORMANCE.md). The text is byte for byte json_text(json(lead)),
// keys in the same (sorted) order, so both paths can be used interchangeably.
#include <string>

#include "crm/domain/lead.hpp"

namespace crm::domain {

void append_lead_json(std::string& out, const Lead& lead);

}  // namespace crm::domain

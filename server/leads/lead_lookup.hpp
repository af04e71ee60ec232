#pragma once
// The lead a route is about, or 404.
#include "crm/domain/lead.hpp"
#include "http/errors.hpp"
#include "leads/leads_repo.hpp"

namespace crm::leads {

inline domain::Lead require_lead(db::Database& db, std::int64_t id, std::int64_t now) {
    auto lead = find_lead(db, id, now);
    if (!lead) throw http::not_found("Lead introuvable.");
    return *lead;
}

}  // namespace crm::leads

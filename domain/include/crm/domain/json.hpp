#pragma once
// JSON mapping of the wire types (camelCase keys, ISO 8601 UTC times, cents), kept apart from
// the types themselves. Used by the server and by the WASM console alike.
#include <nlohmann/json.hpp>

#include "crm/domain/calling_windows.hpp"
#include "crm/domain/pricing.hpp"
#include "crm/domain/queue.hpp"
#include "crm/domain/routing.hpp"
#include "crm/domain/scoring.hpp"
#include "crm/domain/settings.hpp"

namespace crm::domain {

void to_json(nlohmann::json& j, const Lead& l);
// Missing keys keep their defaults; a key of the wrong type throws nlohmann::json::type_error.
void from_json(const nlohmann::json& j, Lead& l);

void to_json(nlohmann::json& j, const Settings& s);
// Only the keys present change (PUT /api/settings may send part of the document).
void from_json(const nlohmann::json& j, Settings& s);

void to_json(nlohmann::json& j, const WindowState& w);
void to_json(nlohmann::json& j, const ReadyToSell& r);
void to_json(nlohmann::json& j, const DeliveryPrice& p);
void to_json(nlohmann::json& j, const RouteCandidate& c);
void to_json(nlohmann::json& j, const ExcludedLead& e);

// {leadId, priority, hotScore, hot, readyToSell, callAllowed, consentExempt, reasons: [text]}
nlohmann::json queue_item_json(const QueueItem& item, const Lead& lead);

nlohmann::json time_or_null(const std::optional<UnixTime>& t);

}  // namespace crm::domain

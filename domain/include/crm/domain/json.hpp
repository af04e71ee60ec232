#pragma once
// JSON mapping of the wire types (camelCase keys, ISO 8601 UTC times, cents), kept apart from
// the types themselves. Used by the server and by the WASM console alike.
#include <nlohmann/json.hpp>

#include "crm/domain/agent_metrics.hpp"
#include "crm/domain/calling_windows.hpp"
#include "crm/domain/delivery.hpp"
#include "crm/domain/pricing.hpp"
#include "crm/domain/queue.hpp"
#include "crm/domain/routing.hpp"
#include "crm/domain/scoring.hpp"
#include "crm/domain/settings.hpp"

namespace crm::domain {

// A document as compact JSON text, invalid UTF-8 (from the database, a browser) replaced rather
// than thrown on: every answer, log line and stored copy is written through it.
std::string json_text(const nlohmann::json& j);

void to_json(nlohmann::json& j, const Lead& l);
// Missing keys keep their defaults; a key of the wrong type throws nlohmann::json::type_error.
void from_json(const nlohmann::json& j, Lead& l);

void to_json(nlohmann::json& j, const Settings& s);
// Only the keys present change (PUT /api/settings may send part of the document).
void from_json(const nlohmann::json& j, Settings& s);

void to_json(nlohmann::json& j, const WindowState& w);
void to_json(nlohmann::json& j, const ReadyToSell& r);
void to_json(nlohmann::json& j, const DeliveryPrice& p);
void from_json(const nlohmann::json& j, DeliveryPrice& p);
void to_json(nlohmann::json& j, const RouteCandidate& c);
void from_json(const nlohmann::json& j, RouteCandidate& c);

// A delivery as GET /api/deliveries sends it (docs/openapi.yaml, Delivery): every key always
// present, null when unset; contactRevealed is written from the rule, never read back.
// Reading: missing keys keep their defaults, a wrong type or an unknown status throws.
void to_json(nlohmann::json& j, const DeliveryLead& l);
void from_json(const nlohmann::json& j, DeliveryLead& l);
void to_json(nlohmann::json& j, const Delivery& d);
void from_json(const nlohmann::json& j, Delivery& d);

// {deliveries, accepted, refunded, acceptanceRate, refundRate, firstCalls, medianFirstCallSeconds}
void to_json(nlohmann::json& j, const AgentMetrics& m);
void to_json(nlohmann::json& j, const ExcludedLead& e);

// {leadId, priority, hotScore, hot, readyToSell, callAllowed, consentExempt, reasons: [text]}
nlohmann::json queue_item_json(const QueueItem& item, const Lead& lead);

nlohmann::json time_or_null(const std::optional<UnixTime>& t);

}  // namespace crm::domain

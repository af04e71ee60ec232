#pragma once
// Message templates with merge tags {firstName} {city} {date} {time} {agentName}. An unknown
// tag is an error when the template is saved, never a blank in a sent message.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace crm::domain {

const std::vector<std::string>& known_merge_tags();

struct TemplateCheck {
    std::vector<std::string> unknown_tags;
    bool ok() const { return unknown_tags.empty(); }
};
TemplateCheck check_template(const std::string& body);

struct MergeResult {
    std::string text;
    std::string error;  // "balise inconnue {foo}" when the body has one
    bool ok() const { return error.empty(); }
};
MergeResult merge_template(const std::string& body, const std::map<std::string, std::string>& values);

// Marketing SMS must say how to opt out (loi 2025-594 / CNIL): "STOP" in the text.
bool mentions_stop(const std::string& body);

// Whether an SMS waits for the marketing window (Monday–Saturday 08:00–20:00). An automated one
// does unless its template is transactional (confirmations, reminders). One the operator sends
// by hand is a conversation and goes at once, unless its content is marketing: a marketing
// template, or a typed text that carries the STOP mention only marketing SMS must have.
bool waits_for_sms_window(bool manual, const std::optional<bool>& template_transactional, const std::string& body);

}  // namespace crm::domain

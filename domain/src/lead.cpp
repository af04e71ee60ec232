#include "crm/domain/lead.hpp"

namespace crm::domain {

namespace {
template <typename E, std::size_t N>
std::optional<E> parse(const std::string& s, const char* const (&names)[N]) {
    for (std::size_t i = 0; i < N; ++i)
        if (s == names[i]) return static_cast<E>(i);
    return std::nullopt;
}
const char* const kStages[] = {"new", "contacted", "qualified", "booked", "sent_to_agent", "sold", "refunded_bad"};
const char* const kStatuses[] = {"active", "follow_up", "nurture", "booked", "bad_number", "not_seller", "dnc"};
const char* const kIntentions[] = {"sell", "estimate", "buy", "unknown"};
const char* const kOutcomes[] = {"answered", "no_answer", "voicemail", "bad_number", "not_seller", "booked", "dnc"};
}  // namespace

const char* to_string(Stage s) {
    return kStages[static_cast<int>(s)];
}
const char* to_string(Status s) {
    return kStatuses[static_cast<int>(s)];
}
const char* to_string(Intention i) {
    return kIntentions[static_cast<int>(i)];
}
const char* to_string(Outcome o) {
    return kOutcomes[static_cast<int>(o)];
}
std::optional<Stage> parse_stage(const std::string& s) {
    return parse<Stage>(s, kStages);
}
std::optional<Status> parse_status(const std::string& s) {
    return parse<Status>(s, kStatuses);
}
std::optional<Intention> parse_intention(const std::string& s) {
    return parse<Intention>(s, kIntentions);
}
std::optional<Outcome> parse_outcome(const std::string& s) {
    return parse<Outcome>(s, kOutcomes);
}

std::optional<Outcome> outcome_for_key(int key) {
    if (key < 1 || key > 7) return std::nullopt;
    return static_cast<Outcome>(key - 1);
}

const char* outcome_label_fr(Outcome o) {
    static const char* const labels[] = {"Répondu",     "Pas de réponse", "Messagerie",      "Mauvais numéro",
                                         "Pas vendeur", "RDV pris",       "Ne pas contacter"};
    return labels[static_cast<int>(o)];
}

const char* stage_label_fr(Stage s) {
    static const char* const labels[] = {"Nouveau",          "Contacté", "Qualifié",           "RDV",
                                         "Envoyé à l'agent", "Vendu",    "Remboursé / mauvais"};
    return labels[static_cast<int>(s)];
}

}  // namespace crm::domain

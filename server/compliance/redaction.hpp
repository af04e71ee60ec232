#pragma once
// Erasure's eye: what identifies one person (names, e-mail, the phone number however it is
// written) and the free texts written about them (notes, message bodies), found again in any
// text or JSON the database keeps (notifications, job payloads, audit copies, stored answers)
// and replaced by the erasure marker, so the rest of the record stays readable.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace crm::compliance {

class Redactor {
public:
    explicit Redactor(std::string marker) : marker_(std::move(marker)) {}

    // A name, e-mail or phone (as typed or E.164) of the person; empty values are ignored.
    void add_name(const std::string& name);
    void add_email(const std::string& email);
    void add_phone(const std::string& phone);
    // Every lead-like object inside `j` (firstName with a phone or an e-mail; lastName and
    // phoneE164 too), e.g. an audit copy of the lead as it was before an edit.
    void add_people_in(const nlohmann::json& j);
    // Something written about the person (a note, a message): a text that is, or quotes it
    // whole, is replaced whole.
    void add_free_text(const std::string& text);

    // The text with every occurrence of a name, the e-mail or the number replaced by the marker;
    // the marker alone when it is or quotes one of the free texts.
    std::string text(const std::string& s) const;
    // Every string inside `j` (keys aside) through text().
    nlohmann::json json(const nlohmann::json& j) const;
    // A stored JSON document (an audit copy, a job payload, a kept answer) through json(), or
    // through text() when it does not parse.
    std::string document(const std::string& stored) const;
    // Whether the text holds the e-mail or the number (the details that identify on their own).
    bool identifies(const std::string& s) const;

private:
    bool quotes_free_text(const std::string& s) const;
    std::string marker_;
    std::vector<std::string> names_, emails_, phone_keys_, free_texts_;
};

}  // namespace crm::compliance

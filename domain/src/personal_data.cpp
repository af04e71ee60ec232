#include "crm/domain/personal_data.hpp"

#include <algorithm>
#include <cctype>

namespace crm::domain {

namespace {

const char* const kDot = "\xE2\x80\xA2";  // •

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Length in bytes of the UTF-8 character that starts at s[i] (1 for a stray byte).
std::size_t utf8_char_length(const std::string& s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    return std::min(n, s.size() - i);
}

std::string digits_of(const std::string& s) {
    std::string d;
    for (char c : s)
        if (is_digit(c)) d += c;
    return d;
}

// Bytes that may sit between the digits of one written phone number.
std::size_t separator_length(const std::string& s, std::size_t i) {
    const char c = s[i];
    if (c == ' ' || c == '.' || c == '-' || c == '/' || c == '(' || c == ')') return 1;
    if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') return 2;  // no-break space
    return 0;
}

}  // namespace

bool contact_revealed(bool full_contact, bool accepted, bool paid) {
    return full_contact || (accepted && paid);
}

std::string mask_phone(const std::string& phone) {
    std::string out;
    int digits = 0;
    for (char c : phone) {
        if (is_digit(c) && ++digits > 2)
            out += kDot;
        else
            out += c;
    }
    return out;
}

std::string mask_email(const std::string& email) {
    if (email.empty()) return "";
    const auto at = email.find('@');
    if (at == std::string::npos || at == 0) return std::string(kDot) + kDot + kDot;
    const auto dot = email.rfind('.');
    const std::string tld = dot != std::string::npos && dot > at ? email.substr(dot) : "";
    return email.substr(0, utf8_char_length(email, 0)) + kDot + kDot + kDot + "@" + kDot + kDot + kDot + tld;
}

std::string surname_initial(const std::string& surname) {
    const auto start = surname.find_first_not_of(' ');
    if (start == std::string::npos) return "";
    return surname.substr(start, utf8_char_length(surname, start)) + ".";
}

std::string phone_key(const std::string& phone) {
    const auto d = digits_of(phone);
    if (d.size() < 6) return "";
    return d.size() <= 8 ? d : d.substr(d.size() - 9);
}

std::vector<TextSpan> phone_spans(const std::string& text, const std::string& key) {
    std::vector<TextSpan> out;
    if (key.empty()) return out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (!is_digit(text[i])) {
            ++i;
            continue;
        }
        // A run: digits joined by separators; it ends on anything else or a separator at its end.
        const std::size_t begin = i > 0 && text[i - 1] == '+' ? i - 1 : i;
        std::size_t end = i;
        std::string digits;
        std::size_t j = i;
        while (j < text.size()) {
            if (is_digit(text[j])) {
                digits += text[j++];
                end = j;
            } else if (const auto sep = separator_length(text, j)) {
                j += sep;
            } else {
                break;
            }
        }
        if (digits.find(key) != std::string::npos) out.push_back({begin, end});
        i = std::max(end, i + 1);
    }
    return out;
}

std::vector<TextSpan> find_without_case(const std::string& text, const std::string& needle) {
    std::vector<TextSpan> out;
    if (needle.size() < 2 || text.size() < needle.size()) return out;
    for (std::size_t i = 0; i + needle.size() <= text.size(); ++i) {
        std::size_t k = 0;
        while (k < needle.size() && ascii_lower(text[i + k]) == ascii_lower(needle[k])) ++k;
        if (k == needle.size()) out.push_back({i, i + needle.size()});
    }
    return out;
}

std::vector<TextSpan> find_word_without_case(const std::string& text, const std::string& word) {
    auto word_byte = [&](std::size_t i) {
        const auto c = static_cast<unsigned char>(text[i]);
        return c >= 0x80 || std::isalnum(c);
    };
    auto spans = find_without_case(text, word);
    spans.erase(std::remove_if(spans.begin(), spans.end(),
                               [&](const TextSpan& s) {
                                   return (s.begin > 0 && word_byte(s.begin - 1)) ||
                                          (s.end < text.size() && word_byte(s.end));
                               }),
                spans.end());
    return spans;
}

std::string replace_spans(const std::string& text, std::vector<TextSpan> spans, const std::string& with) {
    std::sort(spans.begin(), spans.end(), [](const TextSpan& a, const TextSpan& b) { return a.begin < b.begin; });
    std::string out;
    std::size_t at = 0;
    for (std::size_t s = 0; s < spans.size();) {
        // Overlapping or touching spans become one replacement.
        std::size_t begin = spans[s].begin, end = spans[s].end;
        for (++s; s < spans.size() && spans[s].begin <= end; ++s) end = std::max(end, spans[s].end);
        out.append(text, at, begin - at);
        out += with;
        at = end;
    }
    out.append(text, at, std::string::npos);
    return out;
}

std::string mask_contact_in(const std::string& text, const std::string& phone, const std::string& email,
                            const std::string& surname) {
    auto out = replace_spans(text, phone_spans(text, phone_key(phone)), mask_phone(phone));
    out = replace_spans(out, find_without_case(out, email), mask_email(email));
    return replace_spans(out, find_word_without_case(out, surname), surname_initial(surname));
}

}  // namespace crm::domain

#include "crm/domain/ics.hpp"

#include <cstdio>

namespace crm::domain {

std::string ics_utc(UnixTime t) {
    const auto c = civil_from_unix(t);
    char buf[20];
    std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02dZ", c.year, c.month, c.day, c.hour, c.minute, c.second);
    return buf;
}

std::string ics_escape_text(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out += "\\n";
        } else if (c == '\n') {
            out += "\\n";
        } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
            continue;  // other control characters are not allowed in TEXT
        } else {
            out += c;
        }
    }
    return out;
}

std::string ics_fold_line(const std::string& line) {
    std::string out;
    std::size_t count = 0;  // octets on the current physical line
    std::size_t i = 0;
    while (i < line.size()) {
        // Length of this UTF-8 character, so a fold never splits one.
        const unsigned char lead = static_cast<unsigned char>(line[i]);
        std::size_t len = lead < 0x80           ? 1
                          : (lead >> 5) == 0x6  ? 2
                          : (lead >> 4) == 0xE  ? 3
                          : (lead >> 3) == 0x1E ? 4
                                                : 1;
        if (i + len > line.size()) len = line.size() - i;
        if (count + len > 75) {
            out += "\r\n ";
            count = 1;  // the leading space counts
        }
        out.append(line, i, len);
        count += len;
        i += len;
    }
    return out;
}

std::string build_ics(const IcsEvent& e) {
    std::vector<std::string> lines = {
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Lead CRM//FR",
        "CALSCALE:GREGORIAN",
        e.method == IcsMethod::cancel ? "METHOD:CANCEL" : "METHOD:REQUEST",
        "BEGIN:VEVENT",
        "UID:" + e.uid,
        "DTSTAMP:" + ics_utc(e.stamp),
        "DTSTART:" + ics_utc(e.start),
        "DTEND:" + ics_utc(e.end),
        "SUMMARY:" + ics_escape_text(e.summary),
    };
    if (e.sequence > 0) lines.push_back("SEQUENCE:" + std::to_string(e.sequence));  // 0 is the default
    if (!e.location.empty()) lines.push_back("LOCATION:" + ics_escape_text(e.location));
    if (!e.description.empty()) lines.push_back("DESCRIPTION:" + ics_escape_text(e.description));
    auto person = [](const IcsPerson& p) {
        // CN is a parameter value: quote it (it may contain spaces, commas or accents).
        std::string cn;
        for (char c : p.name)
            if (c != '"' && static_cast<unsigned char>(c) >= 0x20) cn += c;
        return ";CN=\"" + cn + "\":mailto:" + p.email;
    };
    if (!e.organizer.email.empty()) lines.push_back("ORGANIZER" + person(e.organizer));
    for (const auto& a : e.attendees)
        if (!a.email.empty()) lines.push_back("ATTENDEE;ROLE=REQ-PARTICIPANT" + person(a));
    lines.push_back(e.method == IcsMethod::cancel ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
    lines.push_back("END:VEVENT");
    lines.push_back("END:VCALENDAR");
    std::string out;
    for (const auto& l : lines) out += ics_fold_line(l) + "\r\n";
    return out;
}

}  // namespace crm::domain

#pragma once
// iCalendar (RFC 5545) for a booked appointment: CRLF line ends, text escaping, lines folded
// at 75 octets without splitting a UTF-8 character, times in UTC.
#include <string>
#include <vector>

#include "crm/domain/time.hpp"

namespace crm::domain {

struct IcsPerson {
    std::string name;
    std::string email;
};

// REQUEST invites (or updates, with a higher sequence); CANCEL withdraws the invitation. A
// calendar matches both to the same event by UID; the higher SEQUENCE wins.
enum class IcsMethod { request, cancel };

struct IcsEvent {
    IcsMethod method = IcsMethod::request;
    int sequence = 0;  // bumped on every change after the first invitation
    std::string uid;
    UnixTime stamp = 0;  // DTSTAMP: when the file is made
    UnixTime start = 0, end = 0;
    std::string summary, location, description;
    IcsPerson organizer;
    std::vector<IcsPerson> attendees;
};

std::string build_ics(const IcsEvent& event);
std::string ics_escape_text(const std::string& text);
std::string ics_fold_line(const std::string& line);  // without the final CRLF
std::string ics_utc(UnixTime t);                     // 20261123T210000Z

}  // namespace crm::domain

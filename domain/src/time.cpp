#include "crm/domain/time.hpp"

#include <cstdio>

namespace crm::domain {

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

static void civil_from_days(std::int64_t z, int& y, int& m, int& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

int weekday_of(int y, int m, int d) {
    const std::int64_t days = days_from_civil(y, m, d);  // 1970-01-01 was a Thursday (3)
    return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

CivilTime civil_from_unix(UnixTime t) {
    std::int64_t days = t / 86400;
    std::int64_t secs = t % 86400;
    if (secs < 0) {
        secs += 86400;
        --days;
    }
    CivilTime c;
    civil_from_days(days, c.year, c.month, c.day);
    c.hour = static_cast<int>(secs / 3600);
    c.minute = static_cast<int>(secs % 3600 / 60);
    c.second = static_cast<int>(secs % 60);
    c.weekday = static_cast<int>(((days % 7) + 7 + 3) % 7);
    return c;
}

// March and October both have 31 days; weekday 6 is Sunday.
static int last_sunday(int y, int m) {
    return 31 - (weekday_of(y, m, 31) + 1) % 7;
}

int paris_offset_seconds(UnixTime utc) {
    const int y = civil_from_unix(utc).year;
    const UnixTime start = days_from_civil(y, 3, last_sunday(y, 3)) * 86400 + 3600;
    const UnixTime end = days_from_civil(y, 10, last_sunday(y, 10)) * 86400 + 3600;
    return utc >= start && utc < end ? 7200 : 3600;
}

CivilTime to_paris(UnixTime utc) {
    return civil_from_unix(utc + paris_offset_seconds(utc));
}

UnixTime from_paris(int y, int m, int d, int hour, int minute, int second) {
    const UnixTime wall = days_from_civil(y, m, d) * 86400 + hour * 3600 + minute * 60 + second;
    // Try summer time first (the first occurrence in the autumn overlap), then winter time.
    if (paris_offset_seconds(wall - 7200) == 7200) return wall - 7200;
    if (paris_offset_seconds(wall - 3600) == 3600) return wall - 3600;
    return wall - 3600;  // spring gap: 02:30 does not exist, 03:30 CEST == 01:30 UTC
}

UnixTime paris_day_start(UnixTime utc) {
    const auto c = to_paris(utc);
    return from_paris(c.year, c.month, c.day, 0, 0, 0);
}

UnixTime paris_month_start(UnixTime utc) {
    const auto c = to_paris(utc);
    return from_paris(c.year, c.month, 1, 0, 0, 0);
}

std::string format_iso_utc(UnixTime t) {
    const auto c = civil_from_unix(t);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute,
                  c.second);
    return buf;
}

std::optional<UnixTime> parse_iso_utc(const std::string& s) {
    int y, mo, d, h, mi, sec;
    int consumed = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &consumed) != 6)
        return std::nullopt;
    std::string tail = s.substr(static_cast<std::size_t>(consumed));
    if (!tail.empty() && tail[0] == '.') {
        std::size_t i = 1;
        while (i < tail.size() && tail[i] >= '0' && tail[i] <= '9') ++i;
        if (i == 1) return std::nullopt;
        tail = tail.substr(i);
    }
    if (tail != "Z") return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return std::nullopt;
    static const int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d > month_days[mo - 1]) return std::nullopt;
    if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return std::nullopt;
    return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
}

std::string format_paris(UnixTime t, const char* pattern) {
    const auto c = to_paris(t);
    std::string out;
    char buf[8];
    for (const char* p = pattern; *p; ++p) {
        if (*p != '%' || !p[1]) {
            out += *p;
            continue;
        }
        ++p;
        switch (*p) {
            case 'd':
                std::snprintf(buf, sizeof buf, "%02d", c.day);
                break;
            case 'm':
                std::snprintf(buf, sizeof buf, "%02d", c.month);
                break;
            case 'Y':
                std::snprintf(buf, sizeof buf, "%04d", c.year);
                break;
            case 'H':
                std::snprintf(buf, sizeof buf, "%02d", c.hour);
                break;
            case 'M':
                std::snprintf(buf, sizeof buf, "%02d", c.minute);
                break;
            default:
                buf[0] = '%', buf[1] = *p, buf[2] = 0;
        }
        out += buf;
    }
    return out;
}

UnixTime paris_midnight_days_before(UnixTime t, int back) {
    const auto local = to_paris(t);
    const auto day = days_from_civil(local.year, local.month, local.day) - back;
    const auto c = civil_from_unix(day * 86400);
    return from_paris(c.year, c.month, c.day, 0, 0);
}

const char* weekday_fr(int weekday) {
    static const char* const names[] = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};
    return weekday >= 0 && weekday < 7 ? names[weekday] : "";
}

}  // namespace crm::domain

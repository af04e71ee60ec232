#pragma once
// Time without a clock: Unix seconds (UTC) in, Europe/Paris civil time out, DST included
// (last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC). No tz database.
#include <cstdint>
#include <optional>
#include <string>

namespace crm::domain {

using UnixTime = std::int64_t;

struct CivilTime {
    int year = 1970, month = 1, day = 1;
    int hour = 0, minute = 0, second = 0;
    int weekday = 3;  // 0 = Monday ... 6 = Sunday
};

std::int64_t days_from_civil(int y, int m, int d);
CivilTime civil_from_unix(UnixTime t);  // UTC
int weekday_of(int y, int m, int d);    // 0 = Monday

int paris_offset_seconds(UnixTime utc);  // 3600 (CET) or 7200 (CEST)
CivilTime to_paris(UnixTime utc);
// Paris wall-clock time to UTC. In the spring gap the hour after the change is used; in the
// autumn overlap, the first (summer-time) occurrence.
UnixTime from_paris(int y, int m, int d, int hour, int minute, int second = 0);
UnixTime paris_day_start(UnixTime utc);    // local midnight of that Paris day
UnixTime paris_month_start(UnixTime utc);  // local midnight of the 1st of that Paris month
// Local midnight `back` Paris days before the Paris day of `t` (-1: tomorrow's midnight).
UnixTime paris_midnight_days_before(UnixTime t, int back);

std::string format_iso_utc(UnixTime t);                                        // 2026-11-23T21:00:00Z
std::optional<UnixTime> parse_iso_utc(const std::string& s);                   // accepts ...Z and ....000Z
std::string format_paris(UnixTime t, const char* pattern = "%d/%m/%Y %H:%M");  // strftime subset: %d %m %Y %H %M
const char* weekday_fr(int weekday);                                           // 0 = "lundi" ... 6 = "dimanche"

}  // namespace crm::domain

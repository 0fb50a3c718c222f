#include "core/util/date.hpp"

#include <algorithm>
#include <cstdio>

namespace accord {

namespace {

// Howard Hinnant's days_from_civil / civil_from_days: exact for every
// proleptic Gregorian date, no table, no time zone.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
    std::int64_t year;
    unsigned month, day;
};

Civil civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

unsigned digits(std::string_view text, std::size_t at, std::size_t count) {
    unsigned value = 0;
    for (std::size_t i = at; i < at + count; ++i)
        value = value * 10 + static_cast<unsigned>(text[i] - '0');
    return value;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// `time` in the offset `offset_minutes`: their sum, a time past some 146
// billion years either way taken as that far, so that the sum, and the
// seconds of its whole days, fit in 64 bits (an overflow is undefined
// behaviour; an offset is at most some 4,000 years of minutes).
std::int64_t local_seconds(std::int64_t time, int offset_minutes) {
    constexpr std::int64_t kFar = INT64_MAX / 86400 * 86400 / 2;
    return std::clamp(time, -kFar, kFar) + std::int64_t{offset_minutes} * 60;
}

}  // namespace

bool looks_like_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (!is_digit(text[i])) return false;
    }
    return true;
}

std::optional<std::int64_t> parse_iso_date(std::string_view text) {
    if (!looks_like_iso_date(text)) return std::nullopt;
    const unsigned year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
    if (month < 1 || month > 12 || day < 1) return std::nullopt;
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const unsigned last = month == 2 && leap ? 29 : kDays[month - 1];
    if (day > last) return std::nullopt;
    return days_from_civil(year, month, day);
}

std::string format_iso_date(std::int64_t days) {
    const Civil c = civil_from_days(days);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", static_cast<long long>(c.year),
                  c.month, c.day);
    return buffer;
}

bool is_recordable_day(std::int64_t days) {
    return days >= 0;
}

std::string unrecordable_day_message(std::string_view text) {
    return std::string(text) +
           " is before 1970-01-01, the earliest date git can record (git counts time in "
           "seconds from the start of 1970); record the text with a date from 1970 on and keep "
           "its own date in the message or the text";
}

std::int64_t readable_time(std::int64_t time) {
    return std::clamp<std::int64_t>(time, 0, kLatestTime);
}

std::int64_t local_day(std::int64_t time, int offset_minutes) {
    return floor_div(local_seconds(time, offset_minutes), 86400);
}

std::string format_iso_timestamp(std::int64_t time, int offset_minutes) {
    const std::int64_t local = local_seconds(time, offset_minutes);
    const std::int64_t days = floor_div(local, 86400);
    const std::int64_t seconds = local - days * 86400;
    char clock[16];
    std::snprintf(clock, sizeof clock, "T%02d:%02d:%02d", static_cast<int>(seconds / 3600),
                  static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
    std::string out = format_iso_date(days) + clock;
    if (offset_minutes == 0) return out + "Z";
    const int magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    char zone[16];
    std::snprintf(zone, sizeof zone, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', magnitude / 60,
                  magnitude % 60);
    return out + zone;
}

std::int64_t latest_day_anywhere(std::int64_t now) {
    return local_day(now, 14 * 60);
}

std::string future_day_message(std::string_view text, std::int64_t day, std::int64_t now) {
    const std::int64_t latest = latest_day_anywhere(now);
    if (day <= latest) return "";
    return std::string(text) + " is after today anywhere on Earth (" + format_iso_date(latest) +
           " in UTC+14, by this computer's clock): a proposal is dated the day it was made; "
           "check the year, or this computer's clock";
}

}  // namespace accord

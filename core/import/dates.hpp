#pragma once
// Dates as compilation documents write them: "7 February 2014", "24 February"
// (no year), "(12 December 2013)", "Feb. 7, 2014". Calendar dates only, no
// time zones: a proposal is dated by the day its heading gives.
#include <optional>
#include <string>
#include <string_view>

namespace accord::importer {

struct CalendarDate {
    int year = 0;   // 0 when the text gives none
    int month = 0;  // 1-12
    int day = 0;
    bool has_year() const { return year != 0; }
    friend auto operator<=>(const CalendarDate&, const CalendarDate&) = default;
};

struct WrittenDate {
    CalendarDate date;
    std::string written;  // as in the text: "24 February"
};

// The first date written in `text`: a day and a capitalised month name (in
// full or its first three letters), in either order, and an optional
// four-digit year. A day the month does not have ("31 April") is not a date.
std::optional<WrittenDate> find_date(std::string_view text);

// "2014-02-24"; an ISO date with a year from 1000 to 9999, or nothing.
std::optional<CalendarDate> parse_iso_date(std::string_view text);

std::string iso(const CalendarDate& date);      // "2014-02-24"
std::string spelled(const CalendarDate& date);  // "24 February 2014"

// Days since 1970-01-01 in the proleptic Gregorian calendar.
long days_since_epoch(const CalendarDate& date);

// The year that puts a yearless day and month nearest to `neighbour`: next to
// 12 December 2013, "24 February" is 2014 and "1 December" is 2013.
int nearest_year(const CalendarDate& yearless, const CalendarDate& neighbour);

}  // namespace accord::importer

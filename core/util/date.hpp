#pragma once
// Calendar dates as accord writes them (YYYY-MM-DD, proleptic Gregorian) and
// the conversions between them and git's timestamps (seconds since the epoch
// plus the author's offset from UTC). Pure functions, no time zone database:
// a commit's calendar day is the day in the offset recorded in the commit.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace accord {

// Days since 1970-01-01 for a strictly written "YYYY-MM-DD" that names a real
// day (2014-02-29 does not); nullopt otherwise.
std::optional<std::int64_t> parse_iso_date(std::string_view text);

// True if `text` has the shape NNNN-NN-NN, valid or not: such a string is
// meant as a date, so a bad one deserves "not a valid date" rather than being
// tried as something else.
bool looks_like_iso_date(std::string_view text);

// "YYYY-MM-DD" for a day number from parse_iso_date (a year past 9999,
// which git can record, has more digits).
std::string format_iso_date(std::int64_t days);

// The date of a timestamp format_iso_timestamp wrote: what comes before its 'T'.
inline std::string_view date_of_timestamp(std::string_view timestamp) {
    return timestamp.substr(0, timestamp.find('T'));
}

// The last second accord reads a commit's time up to: the end of
// 9999-12-31 (UTC), the last day YYYY-MM-DD writes. git's parser takes any
// 64-bit number of seconds, and a hostile commit dated INT64_MAX overflowed
// (undefined behaviour) when its offset was added, showing the year
// -292277022657.
inline constexpr std::int64_t kLatestTime = 253402300799;

// A commit's `time` (seconds since the epoch) brought into the dates accord
// runs over, [0, kLatestTime] (README: 1970-01-01 to 9999-12-31): git holds
// no earlier time (fsck calls a negative one an overflow), and a later one
// is a hostile hand's or a broken clock's. Every calculation on a time so
// read, its offset added, fits in 64 bits.
std::int64_t readable_time(std::int64_t time);

// The calendar day (days since 1970-01-01) on which `time` falls in the
// offset `offset_minutes` east of UTC. Defined for every input: a sum past
// 64 bits stops at their end.
std::int64_t local_day(std::int64_t time, int offset_minutes);

// "2014-02-07T10:30:00+01:00", or "...Z" for offset 0: RFC 3339 in the
// commit's own offset. Defined for every input, as local_day.
std::string format_iso_timestamp(std::int64_t time, int offset_minutes);

// Whether git can hold a commit dated on `days`: from 1970-01-01 on. git
// counts time in seconds from the start of 1970 and cannot go below it (a
// negative time is refused by `git fsck` as an overflow and shown by
// `git log` as no date at all); upward it holds any day YYYY-MM-DD names.
bool is_recordable_day(std::int64_t days);

// The latest calendar day it is anywhere on Earth at `now` (seconds since
// the epoch): today in UTC+14 (the Line Islands). A day after it is in the
// future for everyone, a typo ("2041" for "2014") or a wrong clock.
std::int64_t latest_day_anywhere(std::int64_t now);

// When `text` names a day after latest_day_anywhere(now): why it cannot be
// a proposal's date, and what to do, as one sentence; "" otherwise.
std::string future_day_message(std::string_view text, std::int64_t day, std::int64_t now);

// Why `text` (a valid day that is not recordable) cannot be a proposal date,
// and what to do: one sentence for an error message.
std::string unrecordable_day_message(std::string_view text);

// Seconds since the epoch of 00:00:00 UTC on `days`.
inline std::int64_t day_start_utc(std::int64_t days) {
    return days * 86400;
}

}  // namespace accord

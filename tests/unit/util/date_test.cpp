#include "core/util/date.hpp"

#include <gtest/gtest.h>

namespace accord {
namespace {

TEST(Date, ParsesOnlyRealDaysWrittenStrictly) {
    EXPECT_EQ(parse_iso_date("1970-01-01"), 0);
    EXPECT_EQ(parse_iso_date("2014-02-25"), 16126);
    EXPECT_EQ(parse_iso_date("2012-02-29"), 15399);
    EXPECT_EQ(parse_iso_date("1969-12-31"), -1);
    for (const char* bad : {"2014-02-29", "2014-13-01", "2014-00-10", "2014-04-31", "2014-2-25",
                            "25-02-2014", "2014-02-25T00:00", "", "abcd-ef-gh"}) {
        EXPECT_EQ(parse_iso_date(bad), std::nullopt) << bad;
    }
    EXPECT_TRUE(looks_like_iso_date("2014-02-30"));
    EXPECT_FALSE(looks_like_iso_date("2014-2-3"));
}

TEST(Date, FormatsDaysAndTimestamps) {
    for (const char* day : {"1970-01-01", "2000-02-29", "2013-11-09", "2014-12-31", "1901-03-01"}) {
        EXPECT_EQ(format_iso_date(*parse_iso_date(day)), day);
    }
    const std::int64_t noon = day_start_utc(*parse_iso_date("2014-02-07")) + 12 * 3600;
    EXPECT_EQ(format_iso_timestamp(noon, 0), "2014-02-07T12:00:00Z");
    EXPECT_EQ(format_iso_timestamp(noon, 90), "2014-02-07T13:30:00+01:30");
    EXPECT_EQ(format_iso_timestamp(noon, -13 * 60), "2014-02-06T23:00:00-13:00");
    // git records years past 9999 too; the date is never cut to ten bytes.
    const std::string far = format_iso_timestamp(253402300800, 0);
    EXPECT_EQ(far, "10000-01-01T00:00:00Z");
    EXPECT_EQ(date_of_timestamp(far), "10000-01-01");
    EXPECT_EQ(date_of_timestamp(format_iso_timestamp(noon, 0)), "2014-02-07");
}

TEST(Date, LocalDayUsesTheRecordedOffset) {
    const std::int64_t day = *parse_iso_date("2014-02-25");
    const std::int64_t late_utc = day_start_utc(day) + 23 * 3600 + 30 * 60;  // 23:30Z
    EXPECT_EQ(local_day(late_utc, 0), day);
    EXPECT_EQ(local_day(late_utc, 60), day + 1);  // 00:30 on the 26th in Geneva (winter)
    EXPECT_EQ(local_day(day_start_utc(day), -300), day - 1);
    EXPECT_EQ(local_day(-1, 0), -1);
}

// Any 64-bit time with any offset has a day and a timestamp, without
// overflowing (undefined behaviour: INT64_MAX with +1400 showed the year
// -292277022657; found by a tester). A commit's time is read within the
// dates accord runs over (readable_time), where every calculation fits.
TEST(Date, EveryTimeAndOffsetHasADayWithoutOverflow) {
    for (const std::int64_t time : {INT64_MAX, INT64_MIN}) {
        for (const int offset : {14 * 60, -12 * 60, 99 * 60 + 59, -(99 * 60 + 59), 0}) {
            const std::int64_t day = local_day(time, offset);
            EXPECT_EQ(day > 0, time > 0) << time << " " << offset;
            const std::string stamp = format_iso_timestamp(time, offset);
            EXPECT_EQ(stamp.front() == '-', time < 0) << stamp;
            EXPECT_EQ(date_of_timestamp(stamp), format_iso_date(day)) << stamp;
        }
    }
    EXPECT_EQ(readable_time(INT64_MAX), kLatestTime);
    EXPECT_EQ(format_iso_timestamp(kLatestTime, 0), "9999-12-31T23:59:59Z");
    EXPECT_EQ(readable_time(-1), 0);
    EXPECT_EQ(readable_time(1393243200), 1393243200);
}

}  // namespace
}  // namespace accord

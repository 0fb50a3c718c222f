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

}  // namespace
}  // namespace accord

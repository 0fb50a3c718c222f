#include "core/import/dates.hpp"

#include <array>
#include <cstdlib>

namespace accord::importer {

namespace {

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_alnum(char c) {
    return is_digit(c) || is_alpha(c);
}
char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

int days_in_month(int month, int year) {
    static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && year != 0) {
        const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
    }
    return kDays[static_cast<std::size_t>(month - 1)];
}

// A capitalised month name starting at `at`: its number and the length read
// ("February", "Feb", "Feb."), or 0.
int read_month(std::string_view text, std::size_t at, std::size_t& length) {
    std::size_t end = at;
    while (end < text.size() && is_alpha(text[end])) ++end;
    const std::size_t word = end - at;
    // Capitalised, as headings write months: "1 may" is the verb, not May.
    if (word < 3 || !(text[at] >= 'A' && text[at] <= 'Z')) return 0;
    for (std::size_t m = 0; m < kMonths.size(); ++m) {
        const std::string_view name = kMonths[m];
        if (word != name.size() && word != 3) continue;
        bool same = true;
        for (std::size_t k = 0; k < word && same; ++k) same = lower(text[at + k]) == name[k];
        if (!same) continue;
        length = word;
        if (word == 3 && end < text.size() && text[end] == '.') ++length;
        return static_cast<int>(m) + 1;
    }
    return 0;
}

// A number of `min`-`max` digits at `at` that no other digit or letter touches.
int read_number(std::string_view text, std::size_t at, std::size_t min, std::size_t max,
                std::size_t& length) {
    std::size_t end = at;
    while (end < text.size() && is_digit(text[end])) ++end;
    const std::size_t digits = end - at;
    if (digits < min || digits > max) return -1;
    if (end < text.size() && is_alpha(text[end])) return -1;
    length = digits;
    return std::atoi(std::string(text.substr(at, digits)).c_str());
}

std::size_t skip_spaces(std::string_view text, std::size_t at) {
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
    return at;
}

// An optional year after the day and month: " 2014".
int read_year(std::string_view text, std::size_t& at) {
    std::size_t p = at;
    if (p < text.size() && text[p] == ',') ++p;
    p = skip_spaces(text, p);
    std::size_t length = 0;
    const int year = read_number(text, p, 4, 4, length);
    if (year < 1000) return 0;
    at = p + length;
    return year;
}

bool valid(const CalendarDate& date) {
    return date.month >= 1 && date.month <= 12 && date.day >= 1 &&
           date.day <= days_in_month(date.month, date.year);
}

// "24 February 2014" at `at`.
std::optional<WrittenDate> day_first(std::string_view text, std::size_t at) {
    std::size_t length = 0;
    const int day = read_number(text, at, 1, 2, length);
    if (day < 0) return std::nullopt;
    std::size_t p = at + length;
    const std::size_t month_at = skip_spaces(text, p);
    if (month_at == p) return std::nullopt;
    std::size_t month_length = 0;
    const int month = read_month(text, month_at, month_length);
    if (month == 0) return std::nullopt;
    p = month_at + month_length;
    const int year = read_year(text, p);
    const CalendarDate date{year, month, day};
    if (!valid(date)) return std::nullopt;
    return WrittenDate{date, std::string(text.substr(at, p - at))};
}

// "February 24, 2014" at `at`.
std::optional<WrittenDate> month_first(std::string_view text, std::size_t at) {
    std::size_t month_length = 0;
    const int month = read_month(text, at, month_length);
    if (month == 0) return std::nullopt;
    std::size_t p = at + month_length;
    const std::size_t day_at = skip_spaces(text, p);
    if (day_at == p) return std::nullopt;
    std::size_t length = 0;
    const int day = read_number(text, day_at, 1, 2, length);
    if (day < 0) return std::nullopt;
    p = day_at + length;
    const int year = read_year(text, p);
    const CalendarDate date{year, month, day};
    if (!valid(date)) return std::nullopt;
    return WrittenDate{date, std::string(text.substr(at, p - at))};
}

std::string two_digits(int n) {
    return (n < 10 ? "0" : "") + std::to_string(n);
}

}  // namespace

std::optional<WrittenDate> find_date(std::string_view text) {
    for (std::size_t at = 0; at < text.size(); ++at) {
        if (at > 0 && is_alnum(text[at - 1])) continue;
        if (is_digit(text[at])) {
            if (auto date = day_first(text, at)) return date;
        } else if (is_alpha(text[at])) {
            if (auto date = month_first(text, at)) return date;
        }
    }
    return std::nullopt;
}

std::optional<CalendarDate> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    for (std::size_t k : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (!is_digit(text[k])) return std::nullopt;
    }
    const CalendarDate date{std::atoi(std::string(text.substr(0, 4)).c_str()),
                            std::atoi(std::string(text.substr(5, 2)).c_str()),
                            std::atoi(std::string(text.substr(8, 2)).c_str())};
    if (date.year < 1000 || !valid(date)) return std::nullopt;
    return date;
}

std::string iso(const CalendarDate& date) {
    return std::to_string(date.year) + "-" + two_digits(date.month) + "-" + two_digits(date.day);
}

std::string spelled(const CalendarDate& date) {
    std::string month(kMonths[static_cast<std::size_t>(date.month - 1)]);
    month[0] = static_cast<char>(month[0] - 'a' + 'A');
    std::string out = std::to_string(date.day) + " " + month;
    if (date.has_year()) out += " " + std::to_string(date.year);
    return out;
}

long days_since_epoch(const CalendarDate& date) {
    // Howard Hinnant's days_from_civil.
    const long y = date.year - (date.month <= 2 ? 1 : 0);
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long mp = (date.month + 9) % 12;
    const long doy = (153 * mp + 2) / 5 + date.day - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int nearest_year(const CalendarDate& yearless, const CalendarDate& neighbour) {
    int best = neighbour.year;
    long best_distance = -1;
    for (int year : {neighbour.year - 1, neighbour.year, neighbour.year + 1}) {
        CalendarDate candidate{year, yearless.month, yearless.day};
        if (!valid(candidate)) continue;  // 29 February outside a leap year
        const long distance = std::labs(days_since_epoch(candidate) - days_since_epoch(neighbour));
        if (best_distance < 0 || distance < best_distance) {
            best = year;
            best_distance = distance;
        }
    }
    return best;
}

}  // namespace accord::importer

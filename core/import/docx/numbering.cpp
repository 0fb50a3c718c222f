#include "core/import/docx/numbering.hpp"

namespace accord::docx {

namespace {

std::string roman(std::int64_t value, bool upper) {
    static constexpr std::pair<int, const char*> kDigits[] = {
        {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
        {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
    std::string out;
    for (const auto& [amount, digits] : kDigits) {
        for (; value >= amount; value -= amount) out += digits;
    }
    if (upper) {
        for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

std::string ordinal_suffix(std::int64_t value) {
    const std::int64_t tens = value % 100;
    if (tens >= 11 && tens <= 13) return "th";
    switch (value % 10) {
        case 1:
            return "st";
        case 2:
            return "nd";
        case 3:
            return "rd";
        default:
            return "th";
    }
}

}  // namespace

std::string format_number(std::int64_t value, NumberFormat format) {
    static constexpr const char* kCardinal[] = {
        "zero",     "one",     "two",     "three",     "four",     "five",     "six",
        "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
    static constexpr const char* kOrdinal[] = {
        "zeroth",     "first",      "second",     "third",     "fourth",    "fifth",
        "sixth",      "seventh",    "eighth",     "ninth",     "tenth",     "eleventh",
        "twelfth",    "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
        "eighteenth", "nineteenth", "twentieth"};
    switch (format) {
        case NumberFormat::none:
            return "";
        case NumberFormat::bullet:
            return "-";
        case NumberFormat::decimal_zero: {
            std::string digits = std::to_string(value);
            if (value >= 0 && value < 10) digits.insert(digits.begin(), '0');
            return digits;
        }
        case NumberFormat::lower_letter:
        case NumberFormat::upper_letter: {
            if (value <= 0) return std::to_string(value);
            // a ... z, then aa ... zz, aaa ...: Word repeats the letter.
            const char base = format == NumberFormat::lower_letter ? 'a' : 'A';
            const auto repeat = static_cast<std::size_t>((value - 1) / 26 + 1);
            if (repeat > 64) return std::to_string(value);
            return std::string(repeat, static_cast<char>(base + (value - 1) % 26));
        }
        case NumberFormat::lower_roman:
        case NumberFormat::upper_roman:
            if (value <= 0 || value >= 4000) return std::to_string(value);
            return roman(value, format == NumberFormat::upper_roman);
        case NumberFormat::ordinal:
            return std::to_string(value) + ordinal_suffix(value);
        case NumberFormat::cardinal_text:
            if (value >= 0 && value <= 20) return kCardinal[value];
            return std::to_string(value);
        case NumberFormat::ordinal_text:
            if (value >= 0 && value <= 20) return kOrdinal[value];
            return std::to_string(value) + ordinal_suffix(value);
        case NumberFormat::decimal:
            break;
    }
    return std::to_string(value);
}

const AbstractNumbering* NumberingCounter::abstract_for(const NumberingInstance& instance) const {
    const NumberingInstance* current = &instance;
    // A definition may stand for a numbering style's list (numStyleLink);
    // a few hops at most, so a loop in a hostile file ends.
    for (int hops = 0; hops < 4; ++hops) {
        const auto it = numbering_.abstracts.find(current->abstract);
        if (it == numbering_.abstracts.end()) return nullptr;
        if (it->second.num_style_link.empty()) return &it->second;
        const auto style = numbering_.style_instances.find(it->second.num_style_link);
        if (style == numbering_.style_instances.end()) return &it->second;
        const auto linked = numbering_.instances.find(style->second);
        if (linked == numbering_.instances.end() || &linked->second == current) return &it->second;
        current = &linked->second;
    }
    return nullptr;
}

const NumberingLevel* NumberingCounter::level(NumberingRef ref) const {
    if (!ref.numbered() || ref.level >= kLevels) return nullptr;
    const auto it = numbering_.instances.find(ref.num_id);
    if (it == numbering_.instances.end()) return nullptr;
    if (it->second.level_override[ref.level]) return &*it->second.level_override[ref.level];
    const AbstractNumbering* abstract = abstract_for(it->second);
    return abstract == nullptr ? nullptr : &abstract->levels[ref.level];
}

std::optional<NumberFormat> NumberingCounter::format(NumberingRef ref) const {
    const NumberingLevel* definition = level(ref);
    if (definition == nullptr) return std::nullopt;
    return definition->format;
}

std::string NumberingCounter::next(NumberingRef ref) {
    if (!ref.numbered() || ref.level >= kLevels) return "";
    const auto found = numbering_.instances.find(ref.num_id);
    if (found == numbering_.instances.end()) return "";
    const NumberingInstance& instance = found->second;
    const AbstractNumbering* abstract = abstract_for(instance);
    if (abstract == nullptr) return "";
    Counts& counts = counts_[abstract];

    auto level_of = [&](std::size_t k) -> const NumberingLevel& {
        return instance.level_override[k] ? *instance.level_override[k] : abstract->levels[k];
    };
    auto start_of = [&](std::size_t k) -> std::int64_t {
        return instance.start_override[k] ? *instance.start_override[k] : level_of(k).start;
    };
    const std::size_t at = ref.level;
    // An override restarts its level the first time this instance uses it;
    // shallower levels keep counting (Word numbers "III., A. ... E., IV.").
    bool& started = instance_started_[std::uint64_t{ref.num_id} * kLevels + at];
    if (!started) {
        started = true;
        if (instance.start_override[at] || instance.level_override[at]) counts.used[at] = false;
    }

    counts.value[at] = counts.used[at] ? counts.value[at] + 1 : start_of(at);
    counts.used[at] = true;
    // A level used before the levels above it counts them as begun: after
    // (i), (ii) with no (a) before them, the next item of the level above is (b).
    for (std::size_t k = 0; k < at; ++k) {
        if (!counts.used[k]) {
            counts.value[k] = start_of(k);
            counts.used[k] = true;
        }
    }
    for (std::size_t k = at + 1; k < kLevels; ++k) {
        const std::int32_t restart = level_of(k).restart;
        if (restart < 0 || (restart > 0 && static_cast<std::int32_t>(at) < restart))
            counts.used[k] = false;
    }

    const NumberingLevel& shown = level_of(at);
    if (shown.format == NumberFormat::bullet) return "-";
    std::string label;
    const std::string& text = shown.text;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
            const auto k = static_cast<std::size_t>(text[i + 1] - '1');
            const std::int64_t value = counts.used[k] ? counts.value[k] : start_of(k);
            label += format_number(value, shown.legal ? NumberFormat::decimal : level_of(k).format);
            ++i;
        } else {
            label += text[i];
        }
    }
    return label;
}

}  // namespace accord::docx

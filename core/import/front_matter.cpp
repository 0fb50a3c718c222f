#include "core/import/front_matter.hpp"

#include <array>
#include <cstdio>

namespace accord::importer {

namespace {

bool plain_safe(std::string_view value) {
    if (value.empty() || value.back() == ' ') return false;
    const char first = value[0];
    const bool letter = (first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z');
    if (!letter) return false;  // numbers, dates, indicators: quote
    for (char c : value) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == ' ' || c == '-' || c == '_' || c == '.';
        if (!ok) return false;
    }
    // YAML 1.1 booleans and null.
    static constexpr std::array<std::string_view, 11> kReserved = {
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "nan"};
    std::string lower(value);
    for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    for (std::string_view word : kReserved) {
        if (lower == word) return false;
    }
    return true;
}

}  // namespace

std::string yaml_scalar(std::string_view value, bool always_quote) {
    if (!always_quote && plain_safe(value)) return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\t') {
            out += "\\t";
        } else if (byte < 0x20 || byte == 0x7F) {
            char escape[8];
            std::snprintf(escape, sizeof escape, "\\x%02X", byte);
            out += escape;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string front_matter(const PlannedFile& file) {
    std::string out = "---\n";
    const auto field = [&](std::string_view key, std::string_view value, bool quote) {
        if (!value.empty()) out += std::string(key) + ": " + yaml_scalar(value, quote) + "\n";
    };
    field("id", file.id, false);
    field("kind", file.kind, false);
    field("section", file.section, true);
    field("group", file.group, false);
    field("after-group", file.after_group, false);
    field("title", file.title, true);
    field("heading", file.heading, true);
    field("status", file.status, false);
    return out + "---\n";
}

}  // namespace accord::importer

#include "core/import/attribution.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "core/import/dates.hpp"
#include "core/import/text.hpp"

namespace accord::importer {

namespace {

// One name of a list, cleaned: "and Ms. Avri Doria:" -> "Avri Doria", titled.
std::optional<WrittenName> clean_name(std::string_view text, bool& and_others) {
    text = trim(text);
    for (std::string_view lead : {"and ", "& "}) {
        if (starts_with(text, lead)) text = trim(text.substr(lead.size()));
    }
    for (std::string_view article : {"the ", "The "}) {
        if (starts_with(text, article)) text = trim(text.substr(article.size()));
    }
    WrittenName name;
    for (std::string_view title :
         {"Mr. ", "Ms. ", "Mrs. ", "Dr. ", "Prof. ", "H.E. ", "Mr ", "Ms ", "Mrs ", "Dr "}) {
        if (starts_with(text, title)) {
            text = trim(text.substr(title.size()));
            name.titled = true;
            break;
        }
    }
    for (bool changed = true; changed && !text.empty();) {
        changed = false;
        if (const std::size_t m = mark_before(text, text.size())) {
            text.remove_suffix(m);
            changed = true;
        } else if (text.back() == '.' || text.back() == ',' || text.back() == ':' ||
                   text.back() == ';' || is_blank(text.back())) {
            text.remove_suffix(1);
            changed = true;
        }
    }
    if (text == "others" || text == "other" || text == "other members" || text == "others.") {
        and_others = true;
        return std::nullopt;
    }
    // Names are capitalised (or start with a non-ASCII letter); a lower-case
    // phrase ("a group of members") is not a proposer.
    if (text.empty() || is_lower(text[0]) || is_digit(text[0]) || text.size() > 60 ||
        count_words(text) > 6) {
        return std::nullopt;
    }
    name.name = std::string(text);
    return name;
}

void add_name(Attribution& attribution, WrittenName name) {
    for (const WrittenName& known : attribution.names) {
        if (known.name == name.name) return;
    }
    attribution.names.push_back(std::move(name));
}

std::vector<WrittenName> split_names(std::string_view list, bool& and_others) {
    std::vector<WrittenName> names;
    std::size_t start = 0;
    for (std::size_t at = 0; at <= list.size();) {
        std::size_t separator = 0;
        if (at == list.size()) {
            separator = 1;
        } else if (list[at] == ',' || list[at] == '&') {
            separator = 1;
        } else if (list.substr(at, 5) == " and ") {
            separator = 5;
        }
        if (separator == 0) {
            ++at;
            continue;
        }
        if (auto name = clean_name(list.substr(start, at - start), and_others)) {
            names.push_back(std::move(*name));
        }
        at += separator;
        start = at;
    }
    return names;
}

// Where a list of names that starts at `from` ends.
std::size_t list_end(std::string_view text, std::string_view low, std::size_t from) {
    std::size_t end = text.size();
    for (char stop : {'(', ')', ':', ';'}) end = std::min(end, text.find(stop, from));
    for (std::string_view stop : {" on ", " based ", " submitted by", " proposed by", " who ",
                                  " for ", " at ", " during ", " in ", " with "}) {
        end = std::min(end, low.find(stop, from));
    }
    return end;
}

struct Keyword {
    std::string_view text;
    bool behalf = false;
};

constexpr std::array<Keyword, 22> kKeywords = {{
    {"on behalf of ", true}, {"submitted by "},        {"resubmitted by "},
    {"proposed by "},        {"presented by "},        {"revised by "},
    {"proposal by "},        {"proposals by "},        {"resubmission by "},
    {"re-submission by "},   {"received from "},       {"proposal of "},
    {"proposals of "},       {"recommendation from "}, {"recommendations from "},
    {"statement from "},     {"statements from "},     {"proposal from "},
    {"proposals from "},     {"contribution from "},   {"opinion from "},
    {"opinions from "},
}};

// A parenthesised list of members at `at` ("(Japan, Iran and ITU, RHill)"):
// its names, or nothing when the parentheses hold a date or an attribution.
std::optional<std::vector<WrittenName>> members_at(std::string_view text, std::size_t at,
                                                   std::size_t& end, bool& and_others) {
    while (at < text.size() && is_blank(text[at])) ++at;
    if (at >= text.size() || text[at] != '(') return std::nullopt;
    const std::size_t close = text.find(')', at);
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view inside = text.substr(at + 1, close - at - 1);
    if (find_date(inside)) return std::nullopt;
    const std::string low = ascii_lower(inside);
    for (const Keyword& keyword : kKeywords) {
        if (low.find(keyword.text) != std::string::npos) return std::nullopt;
    }
    bool others = false;
    std::vector<WrittenName> names = split_names(inside, others);
    if (names.size() < 2) return std::nullopt;
    and_others = and_others || others;
    end = close + 1;
    return names;
}

}  // namespace

Attribution read_attribution(std::string_view text) {
    Attribution attribution;
    const std::string low = ascii_lower(text);
    std::size_t at = 0;
    // "Resubmission Ms. Joy Liddicoat", "Re-submission Avri on these ...".
    for (std::string_view lead : {"resubmission ", "re-submission "}) {
        if (starts_with(low, lead) &&
            !starts_with(std::string_view(low).substr(lead.size()), "by ")) {
            at = lead.size();
            const std::size_t end = list_end(text, low, at);
            for (WrittenName& name :
                 split_names(text.substr(at, end - at), attribution.and_others)) {
                add_name(attribution, std::move(name));
            }
            at = end;
        }
    }
    while (at < text.size()) {
        std::size_t best = std::string::npos;
        const Keyword* found = nullptr;
        for (const Keyword& keyword : kKeywords) {
            std::size_t hit = low.find(keyword.text, at);
            while (hit != std::string::npos && !word_boundary_before(low, hit)) {
                hit = low.find(keyword.text, hit + 1);
            }
            if (hit < best) {
                best = hit;
                found = &keyword;
            }
        }
        if (found == nullptr) break;
        const std::size_t begin = best + found->text.size();
        std::size_t end = list_end(text, low, begin);
        if (found->behalf) {
            std::string_view group = trim(text.substr(begin, end - begin));
            if (starts_with(group, "by "))
                group = trim(group.substr(3));  // "on behalf of by a group"
            attribution.on_behalf_of = std::string(group);
        } else {
            std::vector<WrittenName> names =
                split_names(text.substr(begin, end - begin), attribution.and_others);
            std::size_t after = end;
            if (auto members = members_at(text, end, after, attribution.and_others)) {
                // "Japan Group (Japan, Iran and ITU, RHill)": the group's members propose.
                if (!names.empty()) {
                    attribution.on_behalf_of = names.back().name;
                    names.pop_back();
                }
                names.insert(names.end(), members->begin(), members->end());
                end = after;
            }
            for (WrittenName& name : names) add_name(attribution, std::move(name));
            at = std::max(end, begin);
            continue;
        }
        std::size_t after = end;
        if (auto members = members_at(text, end, after, attribution.and_others)) {
            for (WrittenName& name : *members) add_name(attribution, std::move(name));
            end = after;
        }
        at = std::max(end, begin);
    }
    return attribution;
}

}  // namespace accord::importer

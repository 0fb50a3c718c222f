#include "core/import/inline_credits.hpp"

#include "core/import/text.hpp"

namespace accord::importer {

namespace {

// The longest wording read as an inline insertion: a clause, not a page.
constexpr std::size_t kMostWordingBytes = 600;
// The longest name in a credit.
constexpr std::size_t kMostNameBytes = 60;

// Where the group that closes at `close` (a ')' or ']') opens, or npos:
// balanced, within kMostWordingBytes.
std::size_t opening_of(std::string_view text, std::size_t close) {
    const char closer = text[close];
    const char opener = closer == ')' ? '(' : '[';
    int depth = 0;
    const std::size_t floor = close > kMostWordingBytes ? close - kMostWordingBytes : 0;
    for (std::size_t at = close + 1; at-- > floor;) {
        if (text[at] == closer) ++depth;
        if (text[at] == opener && --depth == 0) return at;
    }
    return std::string_view::npos;
}

bool holds_letter(std::string_view text) {
    for (const char c : text) {
        if (is_upper(c) || is_lower(c)) return true;
    }
    return false;
}

}  // namespace

std::vector<InlineCredit> inline_credits(
    std::string_view paragraph,
    const std::function<std::optional<std::string>(std::string_view)>& delegation_named) {
    std::vector<InlineCredit> out;
    std::size_t taken = 0;  // credits end before this
    for (std::size_t open = paragraph.find('('); open != std::string_view::npos;
         open = paragraph.find('(', open + 1)) {
        // The name ends at the next parenthesis, if it is a ')': each byte is
        // looked at once however many '(' there are.
        const std::size_t close = paragraph.find_first_of("()", open + 1);
        if (close == std::string_view::npos) break;
        if (paragraph[close] == '(') continue;
        const std::string_view name = paragraph.substr(open + 1, close - open - 1);
        if (name.empty() || name.size() > kMostNameBytes ||
            name.find_first_of("[]") != std::string_view::npos)
            continue;
        // The wording right before: ")" or "]", with at most one space between.
        std::size_t wording_end = open;
        if (wording_end > 0 && paragraph[wording_end - 1] == ' ') --wording_end;
        if (wording_end == 0 ||
            (paragraph[wording_end - 1] != ')' && paragraph[wording_end - 1] != ']'))
            continue;
        const std::size_t wording_begin = opening_of(paragraph, wording_end - 1);
        if (wording_begin == std::string_view::npos || wording_begin < taken) continue;
        if (!holds_letter(paragraph.substr(wording_begin, wording_end - wording_begin))) continue;
        const std::optional<std::string> delegation = delegation_named(name);
        if (!delegation) continue;
        InlineCredit credit{wording_begin, close + 1, *delegation};
        if (credit.begin > 0 && paragraph[credit.begin - 1] == ' ')
            --credit.begin;
        else if (credit.end < paragraph.size() && paragraph[credit.end] == ' ')
            ++credit.end;
        taken = close + 1;
        out.push_back(std::move(credit));
    }
    return out;
}

}  // namespace accord::importer

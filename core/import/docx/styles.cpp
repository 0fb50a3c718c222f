#include "core/import/docx/styles.hpp"

#include <cctype>

namespace accord::docx {

namespace {

// Styles along a basedOn chain, the named one first. Bounded, so that a
// chain looping back on itself in a hostile file ends.
template <class Visit>
void walk_chain(const Styles& styles, const std::string& first, Visit visit) {
    const std::string* id = &first;
    for (int depth = 0; depth < 32 && !id->empty(); ++depth) {
        const auto it = styles.by_id.find(*id);
        if (it == styles.by_id.end()) return;
        if (visit(it->second)) return;
        id = &it->second.based_on;
    }
}

const std::string& paragraph_style_or_default(const Styles& styles, const std::string& style) {
    return style.empty() ? styles.default_paragraph : style;
}

// "heading 3" -> 3; anything else -> 0.
std::uint32_t heading_number(const std::string& name) {
    static constexpr std::string_view kPrefix = "heading ";
    if (name.size() != kPrefix.size() + 1) return 0;
    for (std::size_t i = 0; i < kPrefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(name[i])) != kPrefix[i]) return 0;
    }
    const char digit = name.back();
    return digit >= '1' && digit <= '9' ? static_cast<std::uint32_t>(digit - '0') : 0;
}

}  // namespace

ResolvedFormat resolve_format(const Styles& styles, const std::string& paragraph_style,
                              const std::string& run_style, const FormatSettings& direct) {
    FormatSettings settings = direct;
    auto fill = [&](const StyleDefinition& style) {
        if (!settings.bold) settings.bold = style.bold;
        if (!settings.italic) settings.italic = style.italic;
        if (!settings.strike) settings.strike = style.strike;
        return settings.bold && settings.italic && settings.strike;
    };
    walk_chain(styles, run_style, fill);
    walk_chain(styles, paragraph_style_or_default(styles, paragraph_style), fill);
    return {settings.bold.value_or(false), settings.italic.value_or(false),
            settings.strike.value_or(false)};
}

NumberingRef resolve_numbering(const Styles& styles, const std::string& paragraph_style,
                               std::optional<std::uint32_t> num_id,
                               std::optional<std::uint32_t> level) {
    walk_chain(styles, paragraph_style_or_default(styles, paragraph_style),
               [&](const StyleDefinition& style) {
                   if (!num_id) num_id = style.num_id;
                   if (!level) level = style.level;
                   return num_id && level;
               });
    if (!num_id || *num_id == 0) return {};
    return {*num_id, level.value_or(0)};
}

std::uint32_t heading_level_from_style(const Styles& styles, const std::string& paragraph_style,
                                       std::optional<std::uint32_t> outline) {
    std::uint32_t from_name = 0;
    walk_chain(styles, paragraph_style_or_default(styles, paragraph_style),
               [&](const StyleDefinition& style) {
                   if (!outline) outline = style.outline;
                   if (from_name == 0) from_name = heading_number(style.name);
                   return outline.has_value();
               });
    // Outline level 9 is Word's "body text".
    if (outline && *outline < 9) return std::min<std::uint32_t>(*outline + 1, 6);
    return std::min<std::uint32_t>(from_name, 6);
}

}  // namespace accord::docx

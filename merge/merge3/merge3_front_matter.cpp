// The front matter of a merge, key by key.
#include <algorithm>
#include <cctype>
#include <optional>

#include "core/notation/front_matter.hpp"
#include "core/util/lines.hpp"
#include "merge/merge3/merge3_front_matter_lists.hpp"
#include "merge/merge3/merge3_rules.hpp"

namespace accord::token_merge {

namespace {

// A front-matter block as written, cut at its top-level keys: what a merge
// takes from one side or the other keeps that side's quotes, comments and
// layout. An entry runs from its key's line to the next key's (the lines
// of a list or map below it, and comments, go with it).
struct RawBlock {
    std::string_view opening;  // the "---" line
    std::string_view header;   // comments and blank lines before the first key
    std::vector<std::pair<std::string, std::string_view>> entries;  // key, its lines
    std::string_view closing;  // the closing fence and what follows it in the range
    const std::string_view* find(std::string_view key) const {
        for (const auto& [k, lines] : entries)
            if (k == key) return &lines;
        return nullptr;
    }
};

std::string_view trimmed(std::string_view line) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' ' ||
                             line.back() == '\t'))
        line.remove_suffix(1);
    return line;
}

// The plain key a top-level line opens ("status: agreed" -> "status"), or
// nullopt for a line that opens none (indented, a comment, a list item, a
// quoted or complex key: those the raw merge does not read).
std::optional<std::string> key_of(std::string_view line) {
    if (line.empty()) return std::nullopt;
    const char c = line.front();
    if (c == '"' || c == '\'') {  // a quoted key: "id": A-1
        const std::size_t close = line.find(c, 1);
        if (close == std::string_view::npos) return std::nullopt;
        std::size_t colon = close + 1;
        while (colon < line.size() && (line[colon] == ' ' || line[colon] == '\t')) ++colon;
        if (colon >= line.size() || line[colon] != ':') return std::nullopt;
        const std::string_view key = line.substr(1, close - 1);
        if (key.find('\\') != std::string_view::npos || key.find(c) != std::string_view::npos)
            return std::nullopt;  // escapes: left to the YAML reader
        return std::string(key);
    }
    if (c == ' ' || c == '\t' || c == '#' || c == '-' || c == '\n' || c == '\r' || c == '?' ||
        c == '{' || c == '[')
        return std::nullopt;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    std::string_view key = line.substr(0, colon);
    while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.remove_suffix(1);
    return std::string(key);
}

// `block` cut into entries; nullopt when a field the YAML reader found has
// no line of its own (a flow map, a quoted key): then the merge writes the
// fields again instead.
std::optional<RawBlock> cut(std::string_view block, const FrontMatter& read) {
    const std::vector<std::string_view> lines = lines_with_ends(block);
    if (lines.size() < 2) return std::nullopt;
    std::size_t closing = lines.size() - 1;
    while (closing > 0 && trimmed(lines[closing]) != "---" && trimmed(lines[closing]) != "...")
        --closing;
    if (closing == 0) return std::nullopt;
    RawBlock raw;
    raw.opening = lines[0];
    const char* const start = block.data();
    const auto span = [&](std::size_t from, std::size_t to) {  // lines [from, to)
        const std::size_t begin = static_cast<std::size_t>(lines[from].data() - start);
        const std::size_t end =
            to < lines.size() ? static_cast<std::size_t>(lines[to].data() - start) : block.size();
        return block.substr(begin, end - begin);
    };
    raw.closing = span(closing, lines.size());
    std::size_t first = closing;
    std::vector<std::pair<std::string, std::size_t>> keys;  // key, its line
    for (std::size_t k = 1; k < closing; ++k) {
        if (std::optional<std::string> key = key_of(lines[k])) {
            if (keys.empty()) first = k;
            keys.emplace_back(std::move(*key), k);
        }
    }
    raw.header = span(1, first);
    for (std::size_t k = 0; k < keys.size(); ++k) {
        const std::size_t to = k + 1 < keys.size() ? keys[k + 1].second : closing;
        raw.entries.emplace_back(keys[k].first, span(keys[k].second, to));
    }
    if (raw.entries.size() != read.fields.size()) return std::nullopt;
    for (const FrontMatterField& f : read.fields)
        if (!raw.find(f.key)) return std::nullopt;
    return raw;
}

// A YAML comment keeping the value the merge did not take ("# title, as
// the other side proposed: ..."): no one's wording is lost, and the file
// stays valid YAML for the next proposal to settle.
std::string kept_as_comment(const std::string& key, const FrontMatterField* field,
                            std::string_view line_end) {
    std::string value = field ? field->value : "(removed)";
    for (char& c : value)
        if (c == '\n' || c == '\r') c = ' ';
    return "# " + key + ", as the other side proposed: " + value + std::string(line_end);
}

bool is_agreed(const FrontMatterField* field) {
    if (!field) return false;
    std::string value = field->value;
    for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return value == "agreed";
}

std::string with_newline(std::string_view lines) {
    std::string out(lines);
    if (!out.empty() && out.back() != '\n') out += '\n';
    return out;
}

// The lines `field` stands on in a side: as the side wrote them, or, where
// its block could not be cut, written again; none for a key it removed.
std::string lines_of_field(const std::optional<RawBlock>& side, const FrontMatterField* field) {
    if (!field) return "";
    if (side) return with_newline(*side->find(field->key));
    const std::string emitted = emit_front_matter({*field});  // "---\n" KEY ": " VALUE "---\n"
    return emitted.substr(4, emitted.size() - 8);
}

}  // namespace

void merge_front_matter(const Document& base, const Document& ours, const Document& theirs,
                        const MergeOptions& options, MergedText& out) {
    const FrontMatter &b = base.front_matter, &o = ours.front_matter, &t = theirs.front_matter;
    const std::string_view bt = base.text(b.range), ot = ours.text(o.range),
                           tt = theirs.text(t.range);
    if (ot == tt || tt == bt) return out.put_verbatim(ot);
    if (ot == bt) return out.put_verbatim(tt);
    std::vector<std::string> keys;  // ours' order, then theirs' new keys, then the base's
    for (const FrontMatter* fm : {&o, &t, &b}) {
        for (const FrontMatterField& f : fm->fields) {
            if (std::find(keys.begin(), keys.end(), f.key) == keys.end()) keys.push_back(f.key);
        }
    }
    auto same = [](const FrontMatterField* x, const FrontMatterField* y) {
        return (!x && !y) || (x && y && x->value == y->value && x->scalar == y->scalar);
    };
    const std::optional<RawBlock> ours_raw = cut(ot, o), theirs_raw = cut(tt, t);
    const std::optional<RawBlock> base_raw = b.present ? cut(bt, b) : std::nullopt;
    std::vector<FrontMatterField> merged;
    std::string merged_raw;  // the chosen sides' entries as written
    std::string comments;    // values not taken, for the fallback's end
    for (const std::string& key : keys) {
        const FrontMatterField *bf = b.find(key), *of = o.find(key), *tf = t.find(key);
        const FrontMatterField* pick = nullptr;
        if (same(of, tf) || same(tf, bf)) {
            pick = of;
        } else if (same(of, bf)) {
            pick = tf;
        } else if (const std::optional<std::string> united =
                       of && tf && ours_raw && theirs_raw && is_delegation_list(key)
                           ? united_delegation_list(base_raw ? base_raw->find(key) : nullptr,
                                                    *ours_raw->find(key), *theirs_raw->find(key),
                                                    bf, *of, *tf)
                           : std::nullopt) {
            // Sponsorship is additive: both sides' lists united, no one's
            // name lost, nothing for a person to settle.
            merged.push_back(*of);  // (the fields are written again only without raw blocks)
            merged_raw += *united;
            continue;
        } else if (options.strict) {
            // --strict promises conflict markers where the merge would make
            // alternatives: both sides' lines for the key, for a person to
            // settle (the status rule and the comment decide nothing here).
            out.disagree(DisagreementKind::conflict, of ? of->value : "(removed)",
                         tf ? tf->value : "(removed)", key);
            out.front_matter_markers_written();
            merged_raw += "<<<<<<< " + options.ours_label + "\n" + lines_of_field(ours_raw, of) +
                          "=======\n" + lines_of_field(theirs_raw, tf) + ">>>>>>> " +
                          options.theirs_label + "\n";
            continue;
        } else {
            // Ours, but agreement needs both sides: a status one side calls
            // agreed gives way to the other's. The disagreement is reported
            // by name, and the value not taken kept as a comment.
            pick = of ? of : tf;
            if (key == "status" && is_agreed(of) != is_agreed(tf))
                pick = is_agreed(of) ? tf : of;  // none at all, rather than agreed by one side
            out.disagree(DisagreementKind::metadata, of ? of->value : "(removed)",
                         tf ? tf->value : "(removed)", key);
            const std::string comment =
                kept_as_comment(key, pick == of ? tf : of,
                                ot.find("\r\n") != std::string_view::npos ? "\r\n" : "\n");
            if (!pick) merged_raw += comment;
            comments += comment;
            if (pick) {
                merged.push_back(*pick);
                merged_raw += lines_of_field(pick == of ? ours_raw : theirs_raw, pick);
                merged_raw += comment;
            }
            continue;
        }
        if (!pick) continue;
        merged.push_back(*pick);
        merged_raw += lines_of_field(pick == of ? ours_raw : theirs_raw, pick);
    }
    if ((!ours_raw || !theirs_raw) && out.front_matter_has_markers())
        return out.put_verbatim("---\n" + merged_raw + "---\n");
    if (!ours_raw || !theirs_raw) {
        std::string emitted = emit_front_matter(merged);
        // The comments before the closing fence.
        const std::size_t fence = emitted.rfind("---");
        if (fence != std::string::npos && fence > 0) emitted.insert(fence, comments);
        return out.put_verbatim(emitted);
    }
    // Comments before the first key: ours, unless only theirs changed them.
    const bool theirs_header = base_raw && base_raw->header == ours_raw->header;
    out.put_verbatim(with_newline(ours_raw->opening) +
                     with_newline(theirs_header ? theirs_raw->header : ours_raw->header) +
                     merged_raw + std::string(ours_raw->closing));
}

}  // namespace accord::token_merge

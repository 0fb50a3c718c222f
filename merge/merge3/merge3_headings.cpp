#include "merge/merge3/merge3_headings.hpp"

#include <vector>

namespace accord::token_merge {

namespace {

// The paragraphs of a text, cut at its blank lines.
std::vector<std::string> paragraphs(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(at, end - at);
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
            if (!current.empty()) out.push_back(std::move(current));
            current.clear();
        } else {
            if (!current.empty()) current += '\n';
            current += line;
        }
        at = end + 1;
    }
    if (!current.empty()) out.push_back(std::move(current));
    return out;
}

// A heading and the paragraphs under it; the first section of a text has
// no heading (and may have no paragraphs).
struct Section {
    std::string heading;
    std::vector<std::string> body;
};

std::vector<Section> sections(std::string_view text, const ParseOptions& options) {
    std::vector<Section> out(1);
    for (std::string& p : paragraphs(text)) {
        const Document d = parse(p, options);
        if (d.paragraphs.size() == 1 && d.paragraphs.front().heading) {
            out.push_back({std::move(p), {}});
        } else {
            out.back().body.push_back(std::move(p));
        }
    }
    return out;
}

std::string joined(const std::vector<std::string>& body) {
    std::string out;
    for (const std::string& p : body) out += (out.empty() ? "" : "\n\n") + p;
    return out;
}

// Two wordings of one heading: one heading of that level holding both
// ("## [Article 5][Article 6]"); headings of two levels stand one after
// the other.
std::string heading_alternatives(const std::string& ours, const std::string& theirs) {
    const auto level = [](const std::string& h) {
        const std::size_t marks = h.find_first_not_of('#');
        return h.substr(0,
                        h.find_first_not_of(" \t", marks == std::string::npos ? h.size() : marks));
    };
    const std::string ours_level = level(ours), theirs_level = level(theirs);
    if (ours_level != theirs_level || ours_level.size() == ours.size() ||
        theirs_level.size() == theirs.size())
        return ours + "\n\n" + theirs;
    return ours_level + "[" + ours.substr(ours_level.size()) + "][" +
           theirs.substr(theirs_level.size()) + "]";
}

void add(std::string& out, const std::string& piece) {
    if (piece.empty()) return;
    out += (out.empty() ? "" : "\n\n") + piece;
}

std::string bracketed(const std::vector<std::string>& body) {
    return body.empty() ? "" : "[" + joined(body) + "]";
}

}  // namespace

std::string paragraph_alternatives(std::string_view ours, std::string_view theirs,
                                   const ParseOptions& options) {
    const std::vector<Section> o = sections(ours, options), t = sections(theirs, options);
    if (o.size() == 1 && t.size() == 1)
        return "[" + std::string(ours) + "]\n\n[" + std::string(theirs) + "]";
    std::string out;
    if (o.size() == t.size()) {
        // The same headings, reworded or not: section beside section.
        for (std::size_t k = 0; k < o.size(); ++k) {
            add(out, o[k].heading == t[k].heading
                         ? o[k].heading
                         : heading_alternatives(o[k].heading, t[k].heading));
            if (o[k].body == t[k].body) {
                add(out, joined(o[k].body));
            } else {
                add(out, bracketed(o[k].body));
                add(out, bracketed(t[k].body));
            }
        }
        return out;
    }
    // Sections that do not correspond: what each side has before its first
    // heading, side by side; then ours' sections, then theirs', each heading
    // as it stands and the paragraphs under it bracketed.
    add(out, bracketed(o.front().body));
    add(out, bracketed(t.front().body));
    for (const std::vector<Section>* side : {&o, &t}) {
        for (std::size_t k = 1; k < side->size(); ++k) {
            add(out, (*side)[k].heading);
            add(out, bracketed((*side)[k].body));
        }
    }
    return out;
}

}  // namespace accord::token_merge

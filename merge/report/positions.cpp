#include "merge/report/positions.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/notation/parse.hpp"
#include "core/util/errors.hpp"
#include "core/util/json_writer.hpp"
#include "core/util/text.hpp"

namespace accord {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The words as a reader sees them: marks left out, white space collapsed.
// `from`, when given, gets for each byte of `out` appended the byte of
// `text` it stands for (a collapsed space: the first space byte).
void append_plain(std::string& out, std::string_view text,
                  std::vector<std::size_t>* from = nullptr) {
    auto put = [&](char c, std::size_t i) {
        out += c;
        if (from != nullptr) from->push_back(i);
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '*' || c == '\\' || c == '~' || c == '#') continue;
        // Brackets part words: "[shall][should]" reads "shall should".
        if (is_space(c) || c == '[' || c == ']') {
            if (!out.empty() && out.back() != ' ') put(' ', i);
            continue;
        }
        if (text.compare(i, 2, "\xC2\xA0") == 0) {  // a no-break space
            if (!out.empty() && out.back() != ' ') put(' ', i);
            ++i;
            continue;
        }
        put(c, i);
    }
}

std::string plain(std::string_view text) {
    std::string out;
    append_plain(out, text);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (!out.empty() && out.front() == ' ') out.erase(0, 1);
    return out;
}

}  // namespace

std::string_view to_string(WordingStanding standing) {
    switch (standing) {
        case WordingStanding::stands:
            return "stands";
        case WordingStanding::struck:
            return "struck";
        case WordingStanding::gone:
            return "gone";
        case WordingStanding::no_text:
            return "no-text";
        case WordingStanding::unknown:
            return "unknown";
    }
    return "unknown";
}

WordingStanding wording_standing(std::string_view text, std::string_view wording) {
    const std::string wanted = plain(wording);
    if (wanted.empty()) return WordingStanding::unknown;
    ParseOptions options;
    options.diagnostics = false;
    const Document document = parse(text, options);
    std::string all, unstruck;
    append_plain(all, text);
    std::size_t at = 0;
    for (const Strike& strike : document.strikes) {
        append_plain(unstruck, text.substr(at, strike.open - at));
        unstruck += ' ';
        at = strike.close + 2;
    }
    append_plain(unstruck, text.substr(std::min(at, text.size())));
    if (unstruck.find(wanted) != std::string::npos) return WordingStanding::stands;
    if (all.find(wanted) != std::string::npos) return WordingStanding::struck;
    return WordingStanding::gone;
}

std::vector<ByteRange> wording_places(std::string_view text, std::string_view wording) {
    std::vector<ByteRange> out;
    const std::string wanted = plain(wording);
    if (wanted.empty()) return out;
    std::string all;
    std::vector<std::size_t> from;
    append_plain(all, text, &from);
    for (std::size_t at = all.find(wanted); at != std::string::npos;
         at = all.find(wanted, at + 1)) {
        // The last byte found and the rest of its UTF-8 character.
        std::size_t end = from[at + wanted.size() - 1] + 1;
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
        out.push_back({from[at], end});
    }
    return out;
}

std::vector<PositionEntry> list_positions(const Workspace& workspace,
                                          const PositionsOptions& options) {
    std::vector<PositionEntry> out;
    const Repository& repo = workspace.repo();
    if (repo.is_empty_branch()) return out;
    std::set<std::string> wanted;
    for (const std::string& name : options.by) {
        const auto resolved = workspace.config().resolve_delegation(name);
        if (!resolved && workspace.has_config()) {
            std::string hint;
            for (const std::string& s : workspace.config().suggest(name))
                hint += (hint.empty() ? "" : ", ") + s;
            throw usage_error("unknown delegation '" + name + "'" +
                              (hint.empty() ? "" : "; did you mean " + hint + "?"));
        }
        wanted.insert(resolved.value_or(name));
    }
    const std::string at = workspace.resolve(options.at);
    std::map<std::string, WordingStanding> standing_cache;
    std::map<std::string, std::optional<std::string>> texts;
    const std::vector<CommitInfo> history = repo.history(at);
    for (auto it = history.rbegin(); it != history.rend(); ++it) {
        std::optional<PositionRecord> position = read_position_message(it->message);
        if (!position) continue;
        if (!path_within_any(position->path, options.paths)) continue;
        std::vector<std::string> speakers;
        for (const std::string& name : position->speakers)
            speakers.push_back(workspace.config().resolve_delegation(name).value_or(name));
        position->speakers = speakers;
        if (!wanted.empty() && std::none_of(speakers.begin(), speakers.end(),
                                            [&](const auto& n) { return wanted.count(n) > 0; }))
            continue;
        PositionEntry entry;
        entry.recorded = read_proposal(*it, workspace.config());
        auto text = texts.find(position->path);
        if (text == texts.end())
            text = texts.emplace(position->path, repo.read_file_at(at, position->path)).first;
        if (!text->second) {
            entry.standing = WordingStanding::no_text;
        } else {
            const std::string key = position->path + '\n' + position->wording;
            auto cached = standing_cache.find(key);
            if (cached == standing_cache.end())
                cached =
                    standing_cache.emplace(key, wording_standing(*text->second, position->wording))
                        .first;
            entry.standing = cached->second;
        }
        entry.position = std::move(*position);
        out.push_back(std::move(entry));
    }
    return out;
}

std::string render_positions_text(const std::vector<PositionEntry>& entries) {
    std::string out;
    for (const PositionEntry& entry : entries) {
        const PositionRecord& p = entry.position;
        std::string who;
        for (const std::string& name : p.speakers) who += (who.empty() ? "" : ", ") + name;
        if (who.empty())
            who =
                "(noted by " + (p.noted_by.empty() ? entry.recorded.recorded_by : p.noted_by) + ")";
        out += entry.recorded.day + "  " + who + "  on " + p.path;
        if (!p.wording.empty()) {
            std::string wording = one_line(p.wording);
            if (wording.size() > 60) {
                std::size_t cut = 57;
                while (cut > 0 && (static_cast<unsigned char>(wording[cut]) & 0xC0) == 0x80) --cut;
                wording = wording.substr(0, cut) + "...";
            }
            out += std::string(p.section ? ", section " : ", ") + "\xE2\x80\x9C" + wording +
                   "\xE2\x80\x9D (" + std::string(to_string(entry.standing)) + ")";
        }
        out += "\n";
        std::string said = p.said;
        while (!said.empty() && is_space(said.back())) said.pop_back();
        std::size_t start = 0;
        while (start <= said.size()) {
            std::size_t end = said.find('\n', start);
            if (end == std::string::npos) end = said.size();
            if (end > start) out += "    " + said.substr(start, end - start) + "\n";
            start = end + 1;
        }
        if (!p.speakers.empty() && !p.noted_by.empty())
            out += "    (noted by " + p.noted_by +
                   (p.comment.empty() ? "" : ", comment " + p.comment) +
                   (p.thread.empty() ? "" : " in the thread of comment " + p.thread) + ")\n";
    }
    return out;
}

std::string render_positions_json(const std::vector<PositionEntry>& entries) {
    JsonWriter json = JsonWriter::with_schema("accord.positions/1");
    json.key("positions").begin_array();
    for (const PositionEntry& entry : entries) {
        const PositionRecord& p = entry.position;
        json.begin_object()
            .field("commit", entry.recorded.commit)
            .field("date", entry.recorded.date)
            .key("speakers")
            .begin_array();
        for (const std::string& name : p.speakers) json.value(name);
        json.end_array()
            .field("path", p.path)
            .field("said", p.said)
            .field("wording", p.wording)
            .field("section", p.section)
            .field("standing", to_string(entry.standing))
            .field("noted_by", p.noted_by)
            .field("recorded_by", entry.recorded.recorded_by)
            .field("comment", p.comment)
            .field("thread", p.thread)
            .field("session", p.session)
            .field("topic", p.topic)
            .field("source", p.source)
            .end_object();
    }
    json.end_array();
    return json.finish();
}

}  // namespace accord

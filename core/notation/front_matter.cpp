#include "core/notation/front_matter.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <optional>
#include <set>

#include "core/util/utf8.hpp"

namespace accord {

const FrontMatterField* FrontMatter::find(std::string_view key) const {
    for (const auto& field : fields) {
        if (field.key == key) return &field;
    }
    return nullptr;
}

namespace {

constexpr std::size_t kMaxFrontMatterBytes = 1 << 20;

// The line starting at `begin`: its content (without "\r\n") and where the next begins.
struct Line {
    std::string_view content;
    std::size_t next = 0;
};

Line line_at(std::string_view source, std::size_t begin) {
    std::size_t end = source.find('\n', begin);
    const std::size_t next = end == std::string_view::npos ? source.size() : end + 1;
    if (end == std::string_view::npos) end = source.size();
    std::string_view content = source.substr(begin, end - begin);
    while (!content.empty() &&
           (content.back() == '\r' || content.back() == ' ' || content.back() == '\t')) {
        content.remove_suffix(1);
    }
    return {content, next};
}

// Where a value opens with a quote or a flow bracket ('"', "'", '[', '{')
// that the YAML never closes: the offset of that opener in `yaml`, or npos.
// yaml-cpp reads an unclosed quote to the end of the block as the value
// ("title: \"Draft" swallowed the "status:" line after it without an
// error), and names the end of the block, not the opener, for an unclosed
// bracket. Values are looked for after "key:" and "- " at the start of a
// line; the lines of a block scalar ("|", ">") are its text, not YAML; in a
// flow, a quote opens only where an item starts ("[Côte d'Ivoire]" holds
// an apostrophe, not a quote).
std::size_t unclosed_opener(std::string_view yaml) {
    std::size_t at = 0;
    std::optional<std::size_t> block_indent;  // inside a block scalar: its key's indentation
    while (at < yaml.size()) {
        const std::size_t end = std::min(yaml.find('\n', at), yaml.size());
        const std::string_view line = yaml.substr(at, end - at);
        const std::size_t indent = line.find_first_not_of(" \t");
        if (block_indent) {
            if (indent == std::string_view::npos || indent > *block_indent) {
                at = end + 1;
                continue;
            }
            block_indent.reset();
        }
        std::size_t value = indent;
        if (value != std::string_view::npos && line.compare(value, 2, "- ") == 0) {
            value = line.find_first_not_of(" \t", value + 2);
        } else if (value != std::string_view::npos && line[value] != '#') {
            const std::size_t colon = line.find(": ", value);
            const std::size_t quote = line.find_first_of("\"'", value);
            value = colon == std::string_view::npos || quote < colon
                        ? std::string_view::npos
                        : line.find_first_not_of(" \t", colon + 2);
        } else {
            value = std::string_view::npos;
        }
        if (value != std::string_view::npos && (line[value] == '|' || line[value] == '>')) {
            block_indent = indent;  // its text is the lines indented deeper
            at = end + 1;
            continue;
        }
        if (value == std::string_view::npos ||
            std::string_view("\"'[{").find(line[value]) == std::string_view::npos) {
            at = end + 1;
            continue;
        }
        // Scan from the opener to where it closes, across lines.
        const std::size_t opener = at + value;
        std::size_t k = opener, depth = 0;
        char quote = 0;
        char last = ',';  // the last character that is not white space, outside quotes
        for (; k < yaml.size(); ++k) {
            const char c = yaml[k];
            if (quote == '"') {
                if (c == '\\')
                    ++k;
                else if (c == '"')
                    quote = 0;
            } else if (quote == '\'') {
                if (c == '\'' && k + 1 < yaml.size() && yaml[k + 1] == '\'')
                    ++k;
                else if (c == '\'')
                    quote = 0;
            } else if ((c == '"' || c == '\'') &&
                       (depth == 0 || last == '[' || last == '{' || last == ',' || last == ':')) {
                quote = c;
            } else if (c == '[' || c == '{') {
                ++depth;
            } else if ((c == ']' || c == '}') && depth > 0) {
                --depth;
            } else if (c == '#' && depth > 0 && k > 0 &&
                       (yaml[k - 1] == ' ' || yaml[k - 1] == '\t')) {
                k = std::min(yaml.find('\n', k), yaml.size()) - 1;  // a comment inside a flow
                continue;
            }
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') last = c;
            if (quote == 0 && depth == 0) break;
        }
        if (k >= yaml.size()) return opener;
        at = std::min(yaml.find('\n', k), yaml.size()) + 1;
    }
    return std::string_view::npos;
}

// Where a yaml-cpp mark (0-based, relative to the YAML text) stands in the
// source: its byte offset, and its 1-based line and column (the YAML starts
// on line 2).
struct Place {
    std::size_t offset, line, column;
};
Place place_of(const YAML::Mark& mark, std::string_view source, ByteRange yaml) {
    const std::size_t line = mark.line >= 0 ? static_cast<std::size_t>(mark.line) : 0;
    const std::size_t column = mark.column >= 0 ? static_cast<std::size_t>(mark.column) : 0;
    std::size_t offset = yaml.begin;
    for (std::size_t l = 0; l < line && offset < yaml.end; ++l)
        offset = line_at(source, offset).next;
    return {std::min(offset + column, yaml.end), line + 2, column + 1};
}

std::string flow_yaml(const YAML::Node& node);

// The values front matter may hold, counting each use of a YAML alias
// (*name) again: yaml-cpp shares an aliased node between its uses, so a
// few lines of aliases, each a list of the one before, stand for billions
// of values that any walk of the front matter (duplicate keys, a value
// written out) would visit. No honest front matter comes near it.
constexpr std::size_t kMostFrontMatterValues = 100000;

// Whether `node`, aliases expanded, holds at most `budget` values
// (decremented as they are counted).
bool within_values(const YAML::Node& node, std::size_t& budget, int depth) {
    if (budget == 0 || depth > 64) return false;
    --budget;
    if (node.IsSequence()) {
        for (const YAML::Node& item : node)
            if (!within_values(item, budget, depth + 1)) return false;
    } else if (node.IsMap()) {
        for (const auto& entry : node)
            if (!within_values(entry.first, budget, depth + 1) ||
                !within_values(entry.second, budget, depth + 1))
                return false;
    }
    return true;
}

// A key given twice in one mapping, at any depth: YAML forbids it, and
// readers disagree on which value counts (yaml-cpp keeps the first, most
// others the last). An error at the second.
void report_duplicate_keys(const YAML::Node& node, std::string_view source, ByteRange yaml,
                           std::vector<Diagnostic>& diagnostics, int depth) {
    if (depth > 64) return;  // as deep as any front matter goes, and more
    if (node.IsSequence()) {
        for (const YAML::Node& item : node)
            report_duplicate_keys(item, source, yaml, diagnostics, depth + 1);
        return;
    }
    if (!node.IsMap()) return;
    std::set<std::string> keys;
    for (const auto& entry : node) {
        const std::string key =
            entry.first.IsScalar() ? entry.first.Scalar() : flow_yaml(entry.first);
        if (!keys.insert(key).second) {
            const Place place = place_of(entry.first.Mark(), source, yaml);
            diagnostics.push_back(
                {"front-matter-duplicate-key", Severity::error, place.offset, place.line,
                 place.column,
                 "front matter has '" + key + "' twice; which value counts is not defined",
                 "keep one '" + key + ":' line, with the value meant"});
        }
        report_duplicate_keys(entry.second, source, yaml, diagnostics, depth + 1);
    }
}

std::string flow_yaml(const YAML::Node& node) {
    YAML::Emitter emitter;
    emitter << YAML::Flow << node;
    return emitter.c_str();
}

}  // namespace

namespace {

// The fences: "---" on the first line (after a byte-order mark: Notepad
// writes one, and a text converted from UTF-16 keeps it), then a line of
// "---" or "...". Sets range and yaml and present when both stand.
void find_fences(std::string_view source, FrontMatter& fm) {
    const Line first = line_at(source, 0);
    std::string_view opening = first.content;
    if (opening.starts_with("\xEF\xBB\xBF")) opening.remove_prefix(3);
    if (opening != "---" || first.next >= source.size()) return;
    for (std::size_t at = first.next; at < source.size();) {
        const Line line = line_at(source, at);
        if (line.content == "---" || line.content == "...") {
            fm.present = true;
            fm.range = {0, line.next};
            fm.yaml = {first.next, at};
            return;
        }
        at = line.next;
    }
}

}  // namespace

std::size_t front_matter_end(std::string_view source) {
    FrontMatter fm;
    find_fences(source, fm);
    return fm.present ? fm.range.end : 0;
}

FrontMatter read_front_matter(std::string_view source, std::vector<Diagnostic>& diagnostics) {
    FrontMatter fm;
    const std::string_view opening = line_at(source, 0).content;
    find_fences(source, fm);
    if (!(opening == "---" || opening == "\xEF\xBB\xBF---") ||
        line_at(source, 0).next >= source.size())
        return fm;
    if (!fm.present) {
        diagnostics.push_back(
            {"front-matter-unclosed", Severity::warning, 0, 1, 1,
             "the '---' on the first line opens front matter that is never closed; "
             "the whole file is read as text",
             "end the front matter with a line holding only '---'"});
        return fm;
    }

    if (fm.yaml.size() > kMaxFrontMatterBytes) {
        diagnostics.push_back({"front-matter-too-large", Severity::error, 0, 1, 1,
                               "front matter is larger than 1 MiB; its fields are not read",
                               "keep front matter to a few fields (id, title, group, status)"});
        return fm;
    }
    const std::string yaml(source.substr(fm.yaml.begin, fm.yaml.size()));
    // The line and column of `offset` in the YAML, as a diagnostic of the
    // source (the YAML starts on line 2).
    const auto invalid_at = [&](std::size_t offset, const std::string& message) {
        std::size_t line = 2, line_start = 0;
        for (std::size_t k = 0; k < offset && k < yaml.size(); ++k) {
            if (yaml[k] == '\n') ++line, line_start = k + 1;
        }
        diagnostics.push_back({"front-matter-invalid", Severity::error, fm.yaml.begin + offset,
                               line, utf8::count_chars(yaml, line_start, offset) + 1, message,
                               "close it, or quote a value that starts with '[' or '{'"});
        fm.fields.clear();
    };
    if (const std::size_t opener = unclosed_opener(yaml); opener != std::string_view::npos) {
        const char c = yaml[opener];
        invalid_at(opener, std::string("front matter is not valid YAML: the ") +
                               (c == '"' || c == '\'' ? "quote" : "bracket") + " " + c +
                               " opened here is never closed, so every line after it would be "
                               "part of this value");
        return fm;
    }
    try {
        const YAML::Node root = YAML::Load(yaml);
        if (root.IsNull()) return fm;
        if (!root.IsMap()) {
            diagnostics.push_back({"front-matter-not-mapping", Severity::error, fm.yaml.begin, 2, 1,
                                   "front matter must be a mapping of keys to values",
                                   "write one 'key: value' per line, e.g. 'id: A-1'"});
            return fm;
        }
        if (std::size_t budget = kMostFrontMatterValues; !within_values(root, budget, 0)) {
            diagnostics.push_back(
                {"front-matter-too-large", Severity::error, fm.yaml.begin, 2, 1,
                 "front matter holds more than " + std::to_string(kMostFrontMatterValues) +
                     " values or nests deeper than 64, counting each use of a YAML alias "
                     "(*name) again; its fields are not read",
                 "write the values out instead of repeating lists through aliases"});
            return fm;
        }
        report_duplicate_keys(root, source, fm.yaml, diagnostics, 0);
        for (const auto& entry : root) {
            FrontMatterField field;
            field.key = entry.first.IsScalar() ? entry.first.Scalar() : flow_yaml(entry.first);
            field.scalar = entry.second.IsScalar() || entry.second.IsNull();
            field.value = entry.second.IsScalar() ? entry.second.Scalar()
                          : entry.second.IsNull() ? ""
                                                  : flow_yaml(entry.second);
            fm.fields.push_back(std::move(field));
        }
    } catch (const YAML::Exception& e) {
        const Place place = place_of(e.mark, source, fm.yaml);
        // (yaml-cpp's message for lists or maps nested past its limit is
        // "bad file".)
        const bool too_deep = dynamic_cast<const YAML::DeepRecursion*>(&e) != nullptr;
        diagnostics.push_back(
            {"front-matter-invalid", Severity::error, place.offset, place.line, place.column,
             too_deep ? "front matter nests lists or maps too deeply to read"
                      : "front matter is not valid YAML: " + e.msg,
             "fix the YAML between the '---' lines; quote values that contain ':' or '#'"});
        fm.fields.clear();
    }
    return fm;
}

FrontMatter FrontMatterMemo::read(std::string_view source, std::vector<Diagnostic>& diagnostics) {
    // The block ends with its closing fence's line. When that line ends with
    // a newline, a source opening with the block closes its front matter
    // there too (the lines before it are the same), and read_front_matter
    // reads nothing past it; without one, only the very same source does.
    const bool same = !block_.empty() && source.starts_with(block_) &&
                      (block_.back() == '\n' || source.size() == block_.size());
    if (!same) {
        diagnostics_.clear();
        front_matter_ = read_front_matter(source, diagnostics_);
        block_ = front_matter_.present ? std::string(source.substr(0, front_matter_.range.end))
                                       : std::string();
    }
    diagnostics.insert(diagnostics.end(), diagnostics_.begin(), diagnostics_.end());
    return front_matter_;
}

std::string emit_front_matter(const std::vector<FrontMatterField>& fields) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    for (const FrontMatterField& field : fields) {
        out << YAML::Key << field.key << YAML::Value;
        if (field.scalar) {
            out << field.value;
        } else {
            out << YAML::Flow << YAML::Load(field.value);
        }
    }
    out << YAML::EndMap;
    return "---\n" + std::string(out.c_str()) + "\n---\n";
}

}  // namespace accord

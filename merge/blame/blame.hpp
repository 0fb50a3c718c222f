#pragma once
// Word-level blame: who proposed each word, bracket, option separator and
// strike mark of a text.
//
// A word's proposer is the delegation whose proposal first put that word in
// the text. Bracketing it, striking it, lifting its brackets or choosing its
// option does not change that: those acts are attributed to the marks they
// add. Wording deleted and later restored keeps its first proposer, and
// `restored_by` names the proposal that brought it back (matched against
// everything ever deleted, as WikiWho does). In a merge, a word takes its
// origin from the parent it came from.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/notation/document.hpp"
#include "core/notation/parse.hpp"
#include "merge/blame/blame_prepare.hpp"

namespace accord {

// One version of the file: what a proposal made of it.
struct BlameVersion {
    std::string id;                    // the commit id (any unique id in tests)
    std::vector<std::size_t> parents;  // indices of earlier versions; first parent first
    std::string text;
    std::vector<std::string> proposers;
    std::string date;  // RFC 3339
};

enum class SpanKind : std::uint8_t { text, bracket, separator, strike };
std::string_view to_string(SpanKind kind);

struct BlameSpan {
    ByteRange range;  // byte offsets into the blamed version's text
    SpanKind kind;
    std::size_t origin;  // index of the version that introduced it
    std::optional<std::size_t>
        restored_by;  // the version that brought it back, if it was deleted before
};

struct BlameResult {
    Document document;             // the blamed version, parsed
    std::vector<BlameSpan> spans;  // ordered, disjoint; every non-space byte of the body is in one
};

// Blames versions[target]. Versions must be in an order where parents come
// before children (oldest first).
BlameResult blame_versions(const std::vector<BlameVersion>& versions, std::size_t target,
                           const ParseOptions& options);

// As above, with each version's text given by read_text(v) instead of taken
// from versions[v].text. It is called once per version up to `target`, in
// order, on a thread of its own while earlier versions are attributed, so that
// reading a history overlaps with attributing it; the view it returns must
// stay valid until blame_versions returns.
BlameResult blame_versions(const std::vector<BlameVersion>& versions, std::size_t target,
                           const ParseOptions& options, const ReadText& read_text);

}  // namespace accord

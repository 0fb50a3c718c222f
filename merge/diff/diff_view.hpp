#pragma once
// What `accord diff` prints: the changes named in the negotiation vocabulary,
// then the changed words in context (git's --word-diff style: [-removed-]
// {+added+}, or red and green on a terminal), and the JSON form for tools.
#include <string>
#include <string_view>
#include <vector>

#include "core/notation/document.hpp"
#include "core/util/json_writer.hpp"
#include "core/util/terminal.hpp"
#include "merge/diff/structural_diff.hpp"

namespace accord {

struct DiffViewOptions {
    TerminalStyle style;  // colour or not; names and texts are shown through escape_controls
    std::size_t context_tokens = 12;  // unchanged tokens shown around a change
};

// One file's diff as text. `old_path`/`new_path` head the section.
std::string render_diff_text(const Document& before, const Document& after,
                             const std::vector<Change>& changes, std::string_view old_path,
                             std::string_view new_path, const DiffViewOptions& options);

// One file's entry of the JSON report: {"path", "changes": [...]}, with
// "moved_from" (the path it had on the old side) when `moved_from` is given.
void write_diff_json(JsonWriter& json, std::string_view path, const Document& before,
                     const Document& after, const std::vector<Change>& changes,
                     std::string_view moved_from = {});

// A one-line summary of a list of changes in negotiation terms:
// "2 brackets lifted, 1 option added, status revisit → agreed".
std::string summarize_changes(const std::vector<Change>& changes);

}  // namespace accord

#pragma once
// `accord diff` inside a repository: which two sides it compares (git's
// rules for telling revisions from files), which texts differ between them,
// and each such text described (both versions parsed, the structural diff).
//
// Promises: texts whose blob ids agree on both sides are neither read nor
// parsed: a diff of one proposal in a negotiation of a thousand texts reads
// the texts it changed, as `git diff` does. Against the work tree, every
// text's file is read as propose would record it (git's index is not
// trusted: filters, autocrlf and assume-unchanged would hide what propose
// records), and its version at the revision is not read when the file
// hashes to the revision's blob. Texts are read on the
// calling thread (libgit2 handles stay on it) and described on up to two
// threads a batch at a time, handed back in path order.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/notation/document.hpp"
#include "core/notation/parse.hpp"
#include "core/store/workspace.hpp"
#include "merge/diff/structural_diff.hpp"

namespace accord {

// The two sides of a diff in a repository, and the texts to compare.
struct RevisionDiffRequest {
    std::string old_commit;          // a commit id
    std::string new_commit;          // a commit id; empty: the work tree
    std::string old_name, new_name;  // as the user named the sides, for labels
    std::vector<std::string> paths;  // relative to the work tree; empty: every text of either side
    // Text paths either side holds as symbolic links, sorted: never read (a
    // clone's link may point anywhere), named in a note by the command.
    // Between two commits with no paths given, only the links among the
    // entries that differ (a link alike on both sides is no part of the diff).
    std::vector<std::string> skipped_links;
    // Between two commits with no paths given: the entries that differ
    // (Repository::changed_entries), found once for the request and the
    // diff; diff_revisions finds them if they are not given.
    std::optional<std::vector<Repository::EntryChange>> changed;
    // A path given -> the path the text had on the old side (and on the new
    // side, when it is a commit), where it has moved since (the caller
    // follows moves: see path_of_text_at).
    std::map<std::string, std::string> old_paths, new_paths;
};

// The request for `accord diff REVISIONS -- PATHS` (as the user typed them).
// As git: without PATHS, trailing arguments that name a file of the work
// tree (or of HEAD) and no revision are paths; "A..B" is the two
// revisions A and B; no revision compares HEAD with the work tree, one
// revision that with the work tree. Usage error for more than two
// revisions, an unknown revision, or an empty branch. Its skipped_links
// are those of both sides (see RevisionDiffRequest).
RevisionDiffRequest revision_diff_request(const Workspace& ws, std::vector<std::string> revisions,
                                          const std::vector<std::string>& paths);

// The two versions of one text, labelled as the diff's header shows them
// ("REV:path", or /dev/null for a side without the text).
struct TextPair {
    std::string path;
    std::string old_label, new_label;
    std::string old_text, new_text;
    // The path the text had on the old side, where it has moved since
    // (renamed between two proposals); "" otherwise.
    std::string moved_from = {};
};

// One text described: both versions parsed and their structural diff.
struct DescribedPair {
    TextPair texts;
    Document before, after;
    std::vector<Change> changes;
    std::string rendered;  // what RevisionDiffOptions::render made of it, if anything
};

struct RevisionDiffOptions {
    ParseOptions parse;
    // Called on the describing threads for each text described (so the
    // printing thread only prints): its result is the pair's `rendered`.
    std::function<std::string(const DescribedPair&)> render;
};

// Parses both versions (with `options`) and diffs them. Usage error naming
// the side's label when a side is binary: accord compares negotiation texts.
DescribedPair describe_pair(TextPair pair, const ParseOptions& options);

// Calls `visit` with each text that differs between the two sides, in path
// order, described. Usage error when a path the request names is on
// neither side (before any is visited); the first error describing a text
// (a binary side) is thrown once the texts before it were visited.
void diff_revisions(const Workspace& ws, const RevisionDiffRequest& request,
                    const RevisionDiffOptions& options,
                    const std::function<void(const DescribedPair&)>& visit);

}  // namespace accord

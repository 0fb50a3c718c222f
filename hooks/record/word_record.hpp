#pragma once
// `accord import FILE.docx --as PATH`: a Word document's history recorded in
// a negotiation repository, one commit per event of
// core/import/docx/word_history.hpp.
//
//  - The base (every tracked change rejected) is a proposal by --by (default
//    the document's last author) on --date (default its creation date, or
//    the first event's when a change or comment is older: they were made on
//    that text).
//  - Each tracked change is a proposal of its author on its date; each
//    comment segment asking for a text change, a proposal of its speakers on
//    the comment's date; every other segment a position
//    (core/store/position_record.hpp): a commit that changes no file.
//  - Names go through accord.yaml (names and aliases), then --author
//    'Word name=Delegation'. Names it does not know are recorded as written
//    with a warning, or registered with --add-delegations (accord.yaml is
//    then recorded with the first commit).
//  - PATH already in the repository: when the base is one of its versions
//    (a delegation edited the text of three weeks ago), each event's change
//    is carried onto the current text by the three-way merge, disagreements
//    becoming alternatives; when the base is none of them, the import is
//    refused.
//
// Everything is planned before the first write: a bad document, an unknown
// date, a PATH that cannot take it, all refuse with nothing written.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/import/docx/word_history.hpp"
#include "core/store/workspace.hpp"

namespace accord {

struct WordImportRequest {
    std::string file;  // the .docx
    // The text's path (relative to the current directory); empty for a
    // compilation accord wrote, whose texts name their paths.
    std::string as;
    std::optional<std::string> by;
    std::optional<std::string> date;  // YYYY-MM-DD
    docx::TrackedChanges changes = docx::TrackedChanges::bracket;
    bool add_delegations = false;
    std::vector<std::pair<std::string, std::string>> authors;  // Word name -> delegation
};

// Parses one --author value, 'Word name=Delegation'; usage error otherwise.
std::pair<std::string, std::string> parse_author_mapping(const std::string& value);

struct PlannedWordCommit {
    docx::EventKind kind = docx::EventKind::tracked_change;
    bool base = false;
    std::optional<std::string> text;   // PATH's new text; nullopt: no file changes (a position)
    std::vector<std::string> authors;  // canonical names, author first; empty: `noted_by`
    std::string author_name;           // the commit's author
    std::int64_t time = 0;             // seconds since the epoch, UTC
    std::string date;                  // RFC 3339, as shown
    std::string message;
    std::string subject;
    std::size_t event = SIZE_MAX;  // index into history.events; SIZE_MAX for the base
};

struct WordImportPlan {
    std::string source;  // the file as named
    std::string path;    // relative to the work tree
    docx::WordHistory history;
    std::vector<PlannedWordCommit> commits;
    std::optional<std::string> registry;  // accord.yaml to record with the first commit
    std::vector<std::string> added;       // delegations --add-delegations registers
    std::vector<std::string> unknown;     // names recorded as written, not in accord.yaml
    // The --author mappings no name of this text matched, as written; said
    // when no text of the document matched them.
    std::vector<std::string> unused_mappings;
    std::vector<std::string> warnings;
    bool existing = false;          // PATH was in the repository
    bool carried = false;           // the events were merged onto a later text
    std::size_t disagreements = 0;  // merges that became alternatives
    std::string base_date_note;     // why the base is dated as it is, when not as given
    std::string final_text;
    // HEAD's commit when it was planned (nullopt on an unborn branch): the
    // import is recorded on top of it, or refused.
    std::optional<std::string> planned_on;
};

// Reads, plans and checks; writes nothing. A compilation accord wrote
// gives one plan per text (the one --as names, when given), with the
// registry accord.yaml needs, if any, in the first.
std::vector<WordImportPlan> plan_word_records(const Workspace& workspace,
                                              const WordImportRequest& request);
// The same, for a document that holds one text.
WordImportPlan plan_word_record(const Workspace& workspace, const WordImportRequest& request);

struct WordImportResult {
    std::string branch;
    std::string head;
    std::size_t commits = 0;
};

// Records the plans on the current branch, in order, as one step: on top of
// the HEAD they were planned against, or not at all. A command killed while
// it records leaves a journal the next accord command (or `accord recover`)
// finishes or rolls back: the import is then whole, or absent.
WordImportResult record_word_imports(Workspace& workspace,
                                     const std::vector<WordImportPlan>& plans);
// The same, for one plan.
WordImportResult record_word_import(Workspace& workspace, const WordImportPlan& plan);

}  // namespace accord

namespace accord {

// What the import records (or, dry, would record): counts, the speakers
// found with how often each speaks, the comments turned into text
// proposals, the positions, and the commits one per line when `each`.
std::string render_word_plan(const WordImportPlan& plan, bool each);

}  // namespace accord

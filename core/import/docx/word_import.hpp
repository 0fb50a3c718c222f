#pragma once
// Everything an import of a Word document needs, computed from the model
// without touching a repository: the base text (every tracked change
// rejected), each tracked change as an edit of the text before it (oldest
// first), and each comment split into its speakers' segments, each read as a
// text request or a position, anchored in the resulting text.
//
// A caller that records history replays `changes` in order: applying
// change k's edit to the text after change k-1 gives the text after change k,
// and the last one gives `text`.
#include <map>
#include <string>
#include <vector>

#include "core/import/docx/comment_anchors.hpp"
#include "core/import/docx/comment_requests.hpp"
#include "core/import/docx/comment_speakers.hpp"
#include "core/import/docx/docx_model.hpp"
#include "core/import/docx/to_notation.hpp"
#include "core/notation/document.hpp"

namespace accord::docx {

struct WordImportOptions {
    // How tracked changes end up in the text: bracket (as pending proposals)
    // or accept. (reject gives the base text alone.)
    TrackedChanges changes = TrackedChanges::bracket;
    std::vector<SpeakerNames> registry;  // the negotiation's delegations, names and aliases
};

struct ChangeStep {
    std::uint32_t revision = 0;  // index into Package::revisions
    std::string author;
    std::string date;
    RevisionKind kind = RevisionKind::insertion;
    bool in_note = false;  // in a footnote or endnote, not the body
    std::string wording;   // the words inserted or deleted, as they read
    // In the text before this step, bytes `before` become `replacement`.
    ByteRange before;
    std::string replacement;
};

struct CommentSegment {
    Segment segment;  // speakers, what they said, meeting and topic lines
    Request request;  // a text change asked for, or a position
};

struct ImportedComment {
    std::uint32_t comment = 0;  // index into Package::comments
    CommentAnchor anchor;       // in `text`
    std::vector<CommentSegment> segments;
    bool asks_for_text_change() const;
};

struct ImportSummary {
    std::map<std::string, std::size_t> speakers;  // name -> segments they speak in
    std::vector<std::string> unknown_speakers;    // as written, each once
    std::size_t text_requests = 0;                // segments asking for a text change
    std::size_t positions = 0;                    // segments stating a position
    std::size_t replies = 0;                      // comments answering another
};

struct WordImport {
    std::string base;                       // every tracked change rejected
    std::vector<ChangeStep> changes;        // oldest first; document order within a date
    std::string text;                       // every change applied as `changes` says
    std::vector<ImportedComment> comments;  // in Package::comments order
    ImportSummary summary;
    std::string dropped;  // what the text could not carry: "3 images, 9 field codes"
};

WordImport plan_word_import(const Package& package, const WordImportOptions& options = {});

// The bytes of the document's wording, every tracked change's included, with
// Word's numbering labels and a paragraph break each: what the texts of an
// import are made of (markup comes on top), counted without writing them, so
// that a document whose text would be too large is refused before it is
// converted. Labels are counted as Word numbers each story's paragraphs.
std::uint64_t wording_bytes(const Package& package);

}  // namespace accord::docx

#pragma once
// Planning `accord import`: how a compilation document in the style
// of the WGEC 2013-14 draft recommendations becomes one file per
// recommendation, statement or opinion, with one proposal per submission.
// Pure: no I/O and no git; the repository step replays the plan as commits.
//
// Promises:
//  - Nothing is lost. Every paragraph of the source lands, byte for byte, in
//    the text of some proposal: an item's paragraphs in its file's body, its
//    heading in the file's front matter (`heading:`); the preamble, table of
//    contents, section and group headings and separators in outline.md; text
//    outside any item that the importer cannot place in unclassified.md, with
//    a warning.
//  - Proposals only add text. A file's text after its k-th proposal is its
//    item as the compilation prints it, up to the end of that proposal. A
//    resubmission ("Resubmission by Nigeria (1 May 2014)", "Re-submission",
//    "re-submitted by"), a revision ("Revised ...") and a proposal on the
//    item ("Proposal by US on this recommendation") are later proposals of
//    the same file that append their heading line and their paragraphs: the
//    compilation keeps superseded text next to what replaces it, and so does
//    the file, so that its history says what each submission added. Meeting
//    notes inside an item ("We will continue after coffee break") stay in it.
//  - Wording the compilation credits inline to another delegation, "(and
//    responsibilities) (RF)" in Sweden's text, is that delegation's: the
//    submission is recorded without it, then one proposal per delegation so
//    credited puts its wording back (same day, with a warning). Only a
//    parenthesised name that is a delegation's name or alias counts.
//  - Footnotes go with the proposal that cites them ("¹" in "Proposal by US
//    on this recommendation:¹"), wherever the page break put them.
//  - Every proposal has a date and at least one proposer, and every proposer
//    is a delegation of the plan. What the text leaves out is inferred, and a
//    warning with the source line says how:
//      * a date without a year ("24 February") takes the year that puts it
//        nearest to the nearest heading with a full date;
//      * an undated item takes the date of the nearest dated heading (by
//        lines); an undated resubmission or revision that of the nearest
//        dated resubmission or revision, since those come at a later meeting
//        than what they revise; no proposal is dated before the one it
//        follows in its file;
//      * text that names no proposer is recorded under options.compiler.
//  - Deterministic: the same text and options give the same plan.
//
// Paths: [<section>/][<group>/]<NN>-<proposers>.md, for example
// agreed/A/03-mexico.md or no-consensus/C/04-nigeria.md.
//  - <section>: when the document has sections (a heading line directly
//    followed by a GROUP heading), a slug of the section's heading: in WGEC
//    "agreed", "statements", "no-consensus" and "meeting-4" (see
//    section_slug); two sections never share one. The same group number in
//    two sections thus never collides.
//  - <group>: the letter of "GROUP A: ..."; a separator ("* * *") ends a group,
//    and items after it (WGEC's opinions) sit directly in the section.
//  - NN: the number the item is printed with; an unnumbered item takes the
//    next number in its group; 00 for text that a group holds without an
//    item heading ("00-unattributed").
//  - <proposers>: slugs of up to three proposers, or of the first two and
//    "and-others"; a clash gets "-2".
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/notation/notation.hpp"

namespace accord {

// A short form a text uses without ever spelling it out.
struct KnownName {
    std::string alias;  // "JP", "MCade"; compared without case, spaces and dots
    std::string name;   // "Japan", "Marilyn Cade"
    std::string kind;   // "person", or "" when not known
};

// The WGEC texts' abbreviations that nothing in them expands: JP, Russia,
// MCade (Marilyn Cade), RHill (Richard Hill). Initials (RF, SA, USA, US),
// first names (Avri) and case variants (IRAN) are found without help.
std::vector<KnownName> default_known_names();

struct ImportOptions {
    std::string source_name = "input";  // for error messages: "draft.txt: ..."
    std::vector<KnownName> known_names = default_known_names();
    std::vector<std::string> status_vocabulary = NotationOptions{}.status_vocabulary;
    // Whom text without a named proposer is recorded under: the outline,
    // unclassified text, an item printed without a heading.
    std::string compiler = "Secretariat";
    // "YYYY-MM-DD": the date used when the document itself gives none at all.
    // Empty: such a document is refused.
    std::string default_date;
};

struct PlannedProposal {
    std::string date;                    // "2014-02-24"
    std::vector<std::string> proposers;  // delegation names, in the order written, each once
    std::string on_behalf_of;            // "a group of WGEC Members and Observers", or ""
    std::string message;                 // the heading as written, without its number
    std::string text;                    // the whole file after this proposal
    std::size_t line = 0;                // 1-based source line of its heading
    bool date_inferred = false;          // the heading gave no date (or no year)
};

struct PlannedFile {
    std::string path;     // relative, '/'-separated
    std::string id;       // "agreed-A-3"
    std::string kind;     // recommendation, statement, opinion, outline, unclassified
    std::string section;  // the section heading as written, or ""
    std::string group;    // "A", or ""
    // With no group: the group it follows in the compilation ("E"), so that
    // compile puts it after that group's texts, not before the groups.
    std::string after_group;
    std::string title;    // the group's title: "Implementation of the Tunis Agenda (...)"
    std::string heading;  // the item heading as written, with its number
    std::string status;   // the status tag of its last tagged paragraph, or ""
    std::vector<PlannedProposal> proposals;  // in file order, dates never decreasing
};

struct PlannedDelegation {
    std::string name;
    std::vector<std::string> aliases;  // other spellings the text uses, sorted
    std::string kind;                  // "person", "secretariat", or "" when the text does not say
};

struct ImportWarning {
    std::size_t line = 0;  // 1-based, of the source
    std::string message;
};

struct ImportPlan {
    std::string title;               // the document's first line, if a preamble has one
    std::vector<PlannedFile> files;  // in document order; outline.md and unclassified.md last
    std::vector<PlannedDelegation> delegations;  // sorted by name
    std::vector<ImportWarning> warnings;         // by line
};

// Throws accord::Error (exit 2) for an empty text, a text with no item
// headings, and a text that needs a date and gives none (see default_date).
ImportPlan plan_import(std::string_view compilation_text, const ImportOptions& options = {});

struct ProposalRef {
    std::size_t file = 0;
    std::size_t proposal = 0;
};

// Every proposal, in the order to record them: by date, then items before
// outline.md and unclassified.md, then by source line. Each file's proposals
// keep their order.
std::vector<ProposalRef> date_order(const ImportPlan& plan);

// The plan for `accord import --dry-run`: one line per proposal in date_order
// (date, path, proposers, message), a count line, then the warnings.
std::string render_plan(const ImportPlan& plan);

}  // namespace accord

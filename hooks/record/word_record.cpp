#include "hooks/record/word_record.hpp"

#include <algorithm>
#include <ctime>
#include <map>
#include <set>

#include "core/import/docx/accord_texts.hpp"
#include "core/import/docx/docx_reader.hpp"
#include "core/notation/front_matter.hpp"
#include "core/store/position_record.hpp"
#include "core/store/proposal_record.hpp"
#include "core/util/date.hpp"
#include "core/util/errors.hpp"
#include "core/util/file.hpp"
#include "core/util/terminal.hpp"
#include "core/util/text.hpp"
#include "hooks/checks.hpp"
#include "hooks/record/import_apply.hpp"
#include "hooks/record/registry_edit.hpp"
#include "merge/diff/token_diff.hpp"
#include "merge/merge3/merge3.hpp"
#include "merge/report/history.hpp"

namespace accord {

namespace {

// "2024-11-18T22:32:00Z", "2024-11-18T22:32Z", "2024-11-18T23:32:00+01:00" or
// "2024-11-18": seconds since the epoch; nullopt for anything else.
std::optional<std::int64_t> parse_word_date(std::string_view text) {
    if (text.size() < 10) return std::nullopt;
    const std::optional<std::int64_t> day = parse_iso_date(text.substr(0, 10));
    if (!day) return std::nullopt;
    std::int64_t time = day_start_utc(*day);
    if (text.size() == 10) return time + 12 * 3600;
    if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
    auto number = [&](std::size_t at, std::size_t digits) -> std::optional<int> {
        if (at + digits > text.size()) return std::nullopt;
        int value = 0;
        for (std::size_t i = at; i < at + digits; ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    const auto hours = number(11, 2);
    const auto minutes = number(14, 2);
    if (!hours || !minutes || *hours > 23 || *minutes > 59 || text.size() < 16 || text[13] != ':')
        return std::nullopt;
    time += *hours * 3600 + *minutes * 60;
    std::size_t at = 16;
    if (at < text.size() && text[at] == ':') {
        const auto seconds = number(at + 1, 2);
        if (!seconds || *seconds > 60) return std::nullopt;
        time += *seconds;
        at += 3;
        while (at < text.size() && (text[at] == '.' || (text[at] >= '0' && text[at] <= '9'))) ++at;
    }
    if (at == text.size() || (text[at] == 'Z' && at + 1 == text.size())) return time;
    if ((text[at] == '+' || text[at] == '-') && at + 6 == text.size() && text[at + 3] == ':') {
        const auto oh = number(at + 1, 2);
        const auto om = number(at + 4, 2);
        if (!oh || !om) return std::nullopt;
        const std::int64_t offset = (*oh * 60 + *om) * 60;
        return text[at] == '+' ? time - offset : time + offset;
    }
    return std::nullopt;
}

// A Word date git can record: read, and not before 1970 (Word writes
// 1601-01-01, its zero date, for a change it knows no date of).
std::optional<std::int64_t> recordable_word_date(std::string_view text) {
    const std::optional<std::int64_t> time = parse_word_date(text);
    return time && *time >= 0 ? time : std::nullopt;
}

std::string trim(std::string text) {
    const std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// Why a Word author or a comment's speaker cannot be a proposer, or "".
// Nameless: the change would be credited to someone else (the base text's
// author). A control character or a direction override: git, logs and
// terminals would show the name as another ("Mallory\rUnited States"
// reads "United States"), and accord.yaml would hold it.
// Too long: a delegation's name is a few words ("United Kingdom of Great
// Britain and Northern Ireland" is 52 bytes), and a name becomes a commit
// author, a registry entry and part of every message about its changes (a
// tester's 30 MB w:author became a 30 MB author and warning).
enum class NameProblem { none, blank, placeholder, hidden_character, too_long };

// The longest name a document may give an author or speaker.
constexpr std::size_t kMaxNameBytes = 256;

// A name as messages show it: on one line, cut to 60 characters with "…",
// so that no message is as long as a name.
std::string shown_name(std::string_view name) {
    return escape_line(clip_to_width(name, 60));
}

// The names editors write when they know no user: LibreOffice's "Unknown
// Author", Word's "Author" once personal information is removed.
bool placeholder_name(std::string_view name) {
    const std::string folded = ascii_lowercase(trim(std::string(name)));
    return folded == "unknown author" || folded == "author" || folded == "unknown";
}

NameProblem name_problem(std::string_view name) {
    if (name.size() > kMaxNameBytes) return NameProblem::too_long;
    if (name.find_first_not_of(" \t") == std::string_view::npos) return NameProblem::blank;
    if (placeholder_name(name)) return NameProblem::placeholder;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto byte = static_cast<unsigned char>(name[i]);
        const auto next = i + 1 < name.size() ? static_cast<unsigned char>(name[i + 1]) : 0;
        const auto third = i + 2 < name.size() ? static_cast<unsigned char>(name[i + 2]) : 0;
        const bool control =
            byte < 0x20 || byte == 0x7f || (byte == 0xc2 && next >= 0x80 && next <= 0x9f);
        // U+200E, U+200F, U+202A-U+202E, U+2066-U+2069
        const bool direction =
            byte == 0xe2 && ((next == 0x80 && (third == 0x8e || third == 0x8f ||
                                               (third >= 0xaa && third <= 0xae))) ||
                             (next == 0x81 && third >= 0xa6 && third <= 0xa9));
        if (control || direction) return NameProblem::hidden_character;
    }
    return NameProblem::none;
}

// Word names and speakers to the registry's delegations.
class Names {
  public:
    Names(Config& registry, const WordImportRequest& request, WordImportPlan& plan)
        : registry_(registry), request_(request), plan_(plan) {
        for (const auto& [word, delegation] : request.authors)
            mapped_[normalise_name(word)] = delegation;
    }

    // `written`: spellings seen for it, kept as aliases when it is registered.
    std::string resolve(const std::string& name, const std::vector<std::string>& written = {}) {
        if (name.empty()) return name;
        std::string target = name;
        if (auto it = mapped_.find(normalise_name(name)); it != mapped_.end()) {
            target = it->second;
            used_.insert(it->first);
        }
        if (auto known = registry_.resolve_delegation(target)) return *known;
        for (const std::string& spelling : written) {
            if (auto known = registry_.resolve_delegation(spelling)) return *known;
        }
        if (request_.add_delegations) {
            Delegation delegation{target, {}, ""};
            for (const std::string& spelling : written) {
                const std::string alias = trim(spelling);
                if (!alias.empty() && normalise_name(alias) != normalise_name(target) &&
                    !registry_.resolve_delegation(alias) &&
                    std::find(delegation.aliases.begin(), delegation.aliases.end(), alias) ==
                        delegation.aliases.end())
                    delegation.aliases.push_back(alias);
            }
            registry_.delegations.push_back(std::move(delegation));
            plan_.added.push_back(target);
            return target;
        }
        if (std::find(plan_.unknown.begin(), plan_.unknown.end(), target) == plan_.unknown.end())
            plan_.unknown.push_back(target);
        return target;
    }

    // The --author mappings no author or speaker of the document matched
    // (a name mistyped, or of another document), as the user wrote them.
    std::vector<std::string> unused_mappings() const {
        std::vector<std::string> out;
        for (const auto& [word, delegation] : request_.authors)
            if (!used_.contains(normalise_name(word))) out.push_back(word + "=" + delegation);
        return out;
    }

  private:
    Config& registry_;
    const WordImportRequest& request_;
    WordImportPlan& plan_;
    std::map<std::string, std::string> mapped_;
    std::set<std::string> used_;
};

// The spellings a comment used for each speaker name.
std::map<std::string, std::vector<std::string>> spellings(const docx::WordImport& plan) {
    std::map<std::string, std::vector<std::string>> out;
    for (const docx::ImportedComment& comment : plan.comments) {
        for (const docx::CommentSegment& segment : comment.segments) {
            for (const docx::Speaker& speaker : segment.segment.speakers) {
                const std::string& name = speaker.name.empty() ? speaker.written : speaker.name;
                auto& list = out[name];
                if (std::find(list.begin(), list.end(), speaker.written) == list.end() &&
                    !speaker.approximate)
                    list.push_back(speaker.written);
            }
        }
    }
    return out;
}

std::string file_name(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string proposal_message(const std::string& subject, const std::string& body,
                             const std::vector<std::string>& proposers,
                             const std::vector<std::pair<std::string_view, std::string>>& extra) {
    ProposalMessage message;
    message.text = subject;
    if (!trim(body).empty()) message.text += "\n\n" + body;
    message.proposers = proposers;
    std::string text = format_proposal_message(message);
    for (const auto& [key, value] : extra) {
        if (const std::string line = one_line(value); !line.empty())
            text += std::string(key) + ": " + line + "\n";
    }
    return text;
}

// The version of `path` on the branch that `base` equals, newest first;
// nullopt when none does.
std::optional<std::string> version_holding(const Repository& repo, const std::string& head,
                                           const std::string& path, const std::string& base) {
    const std::string wanted = Repository::hash_blob(base);
    for (const Repository::FileCommit& commit : repo.file_commits(head, path)) {
        if (commit.blob == wanted) return commit.commit.id;
    }
    return std::nullopt;
}

}  // namespace

std::pair<std::string, std::string> parse_author_mapping(const std::string& value) {
    const std::size_t equals = value.rfind('=');
    if (equals == std::string::npos || trim(value.substr(0, equals)).empty() ||
        trim(value.substr(equals + 1)).empty()) {
        throw usage_error("--author '" + value +
                          "': write it as 'Word name=Delegation', for example "
                          "--author 'Xavier Tibau Alberdi=Secretariat'");
    }
    return {trim(value.substr(0, equals)), trim(value.substr(equals + 1))};
}

namespace {

// Front matter kept outside the document's body (a text of a compilation
// accord wrote) goes before every version of the text.
// `before`, when given, is the front matter of the revision the document's
// tracked changes run from (compile --changes-since), which the base holds
// instead: the front matter changed since is no tracked change, and the
// text with every change rejected is that revision's.
void prefix_front_matter(docx::WordHistory& history, const std::string& front,
                         const std::optional<std::string>& before) {
    history.base = before.value_or(front) + history.base;
    if (front.empty()) return;
    history.text = front + history.text;
    for (docx::HistoryEvent& event : history.events) {
        event.text = front + event.text;
        event.anchor.begin += front.size();
        event.anchor.end += front.size();
    }
}

// A text compiled without a final newline (or empty) comes back without
// one: Word ends every paragraph, the compilation said whether the text did.
void drop_final_newline(docx::WordHistory& history) {
    const auto drop = [](std::string& text) {
        if (!text.empty() && text.back() == '\n') text.pop_back();
    };
    drop(history.base);
    drop(history.text);
    for (docx::HistoryEvent& event : history.events) {
        drop(event.text);
        event.anchor.end = std::min(event.anchor.end, event.text.size());
        event.anchor.begin = std::min(event.anchor.begin, event.anchor.end);
    }
}

std::string checked_path(const Repository& repo, const std::string& given) {
    const std::string path = repo.relative_path(given);
    if (path.empty() || !is_text_path(path)) {
        throw usage_error("--as " + given +
                          ": name a text file ending in .md or .txt, e.g. --as decision.md");
    }
    return path;
}

// The path a compilation's property names for one of its texts, as a path
// of the work tree. A document is not trusted to name one: an absolute
// path, '..', '.', '.git' (in any case), an empty part, a backslash, a
// control character, or a directory that is a symbolic link in the work
// tree is refused, naming the document, as --as would be.
std::string named_path(const Repository& repo, const std::string& document,
                       const std::string& named) {
    bool plain = !named.empty() && named.front() != '/' && named.back() != '/';
    for (const char c : named)
        plain = plain && c != '\\' && static_cast<unsigned char>(c) >= 0x20 && c != 0x7f;
    for (std::size_t begin = 0; plain && begin <= named.size();) {
        const std::size_t end = std::min(named.find('/', begin), named.size());
        const std::string part = named.substr(begin, end - begin);
        plain = !part.empty() && part != "." && part != ".." && ascii_lowercase(part) != ".git";
        begin = end + 1;
    }
    if (!plain || !is_text_path(named) || is_link_within(repo.workdir(), named)) {
        throw usage_error(document + " names its text '" + escape_controls(named) +
                          "', which is not a text file's path inside the repository; import it "
                          "--as PATH, e.g. --as decision.md");
    }
    return checked_path(repo, repo.workdir() + named);
}

WordImportPlan plan_text(const Workspace& workspace, const WordImportRequest& request,
                         const docx::Package& package, const std::string& path,
                         const std::string& front_matter,
                         const std::optional<std::string>& front_matter_before, bool final_newline,
                         const std::string& digest, Config& registry);

// The front matter a compilation keeps for a text in its document
// properties goes before every version of the text. A document is not
// trusted to hold front matter there: it must be one block, fences
// included, whose YAML reads without error (within the limits on values and
// nesting that stop a few lines of aliases from taking hours); anything else
// is refused, naming the document and the text, before anything is written.
void check_kept_front_matter(const std::string& document, const std::string& path,
                             const std::string& front) {
    if (front.empty()) return;
    const auto refuse = [&](const std::string& why) {
        throw usage_error(document + ": the front matter it keeps for " + escape_controls(path) +
                          " (in its document properties) " + why +
                          "; nothing was imported (the front matter is accord's: compile the "
                          "document again from the repository)");
    };
    if (front_matter_end(front) != front.size()) refuse("is not one block between '---' lines");
    std::vector<Diagnostic> diagnostics;
    read_front_matter(front, diagnostics);
    for (const Diagnostic& d : diagnostics)
        if (d.severity == Severity::error)
            refuse("does not read, at its line " + std::to_string(d.line) + ": " + d.message);
}

// Each tracked change and comment is planned as a commit holding the whole
// text after it: the plan holds (changes + comments) x (text size) bytes at
// once. Real documents hold a few hundred changes on a text of a few hundred
// kilobytes (the 2024 draft: 186 on 120 KB, 22 MB planned); a document of
// ten thousand insertions built to hurt would take gigabytes. Refused before
// planning past 512 MB (about three times that in memory), saying how to
// make it importable.
void refuse_unbounded_history(const docx::Package& package, const std::string& file) {
    constexpr std::uint64_t kMostPlanned = std::uint64_t{512} << 20;
    const std::uint64_t text = docx::wording_bytes(package);
    const std::uint64_t events = package.revisions.size() + package.comments.size();
    if (events * text <= kMostPlanned) return;
    throw usage_error(file + ": " + std::to_string(package.revisions.size()) +
                      " tracked changes and " + std::to_string(package.comments.size()) +
                      " comments on a text of " + std::to_string(text >> 10) +
                      " KB: recording each as a proposal would hold " +
                      std::to_string((events * text) >> 20) +
                      " MB of texts at once, more than any negotiation's document needs; accept "
                      "or reject some of them in Word, or import the document in parts; nothing "
                      "was imported");
}

// A text accord would refuse to compare word by word (diff, blame, log and
// the compilations: comparable_word_by_word) is refused here, naming the
// document, before anything is written: `what` says which text.
void refuse_incomparable(const std::string& file, const std::string& what, std::size_t size) {
    throw usage_error(file + ": " + beyond_word_by_word(what, size) +
                      "; a negotiated text is never that large (Word's numbering labels count "
                      "too: check the document's lists), so nothing was imported");
}

// Before the document is converted: its wording and labels alone
// (docx::wording_bytes) within the byte limit, so that a few kilobytes of
// numbering never become gigabytes of text in memory.
void refuse_oversized_wording(const docx::Package& package, const std::string& file) {
    const std::uint64_t bytes = docx::wording_bytes(package);
    if (bytes > kMaxWordComparedBytes)
        refuse_incomparable(file, "its wording with Word's numbering labels",
                            static_cast<std::size_t>(std::min<std::uint64_t>(bytes, SIZE_MAX)));
}

// A compilation's tracked changes and comments outside every text (on the
// title, a heading or a line accord wrote between texts) belong to no text,
// and accord writes those lines from the repository (its outline and front
// matter), so none is recorded: each is named in a warning (the first 100,
// then how many more), the texts' changes imported, so that no delegation's
// wording is lost unsaid.
void warn_outside_texts(const docx::Package& package, const std::vector<docx::AccordText>& texts,
                        const std::string& file, std::vector<std::string>& warnings) {
    constexpr std::size_t kMostNamed = 100;
    const docx::OutsideTexts outside = docx::outside_texts(package, texts);
    const std::vector<std::string> lines = docx::describe_outside_texts(package, texts, outside);
    for (std::size_t i = 0; i < lines.size() && i < kMostNamed; ++i)
        warnings.push_back(file +
                           ": left out, in no text (accord writes the title, headings and lines "
                           "between texts itself and records changes to the texts alone; record "
                           "it by hand): " +
                           lines[i]);
    if (lines.size() > kMostNamed)
        warnings.push_back(
            file + ": left out too, in no text: " + std::to_string(lines.size() - kMostNamed) +
            " more changes and comments");
}

// Each version the import records, checked as `accord propose` checks one:
// a change that leaves the text with notation errors it had not (a "~~"
// typed inside an insertion, pairing with another Party's strike) is
// recorded as the document gave it, as an import records a document as
// issued, with a Notation-errors: N trailer (which a server's guard lets
// in), and named in a warning with the document, the change and the first
// error: a text `accord check` rejects is never recorded unsaid.
void mark_notation_errors(WordImportPlan& plan, std::optional<std::string> before,
                          const ParseOptions& options) {
    for (PlannedWordCommit& commit : plan.commits) {
        if (!commit.text) continue;
        const hooks::TextCheck found =
            hooks::check_text(plan.path, before, *commit.text, options, 1);
        before = commit.text;
        if (found.new_errors == 0) continue;
        commit.message +=
            std::string(kNotationErrorsTrailer) + ": " + std::to_string(found.new_errors) + "\n";
        std::string first;
        if (!found.problems.empty()) {
            const hooks::Problem& problem = found.problems.front();
            first = ", the first at " + plan.path + ":" + std::to_string(problem.line) + ":" +
                    std::to_string(problem.column) + " (" + problem.code + ")";
        }
        plan.warnings.push_back(
            plan.source + ": " + escape_line(commit.subject) + ": leaves " + plan.path + " with " +
            plural(found.new_errors, "new notation error") + first +
            " (marks typed in Word, such as '~~' or '[', are read as marks); "
            "recorded as the document gives it, with a Notation-errors: " +
            std::to_string(found.new_errors) + " trailer: correct it with accord propose");
    }
}

// After planning: every version the import would record within both limits.
void refuse_incomparable_versions(const WordImportPlan& plan) {
    for (const PlannedWordCommit& commit : plan.commits)
        if (commit.text && !comparable_word_by_word(*commit.text))
            refuse_incomparable(plan.source, "its text as " + plan.path, commit.text->size());
}

// The document's digest (its git blob id): refused when a proposal or
// position on the current branch came from it already. Imported again, its
// changes would be recorded twice, and merged with themselves into
// alternatives of the same wording.
std::string unimported_digest(const Repository& repo, const std::string& file,
                              std::string_view bytes) {
    const std::string digest = Repository::hash_blob(bytes);
    const std::optional<std::string> head = repo.head();
    if (!head) return digest;
    for (const CommitInfo& commit : repo.history(*head)) {
        const std::vector<std::string> digests =
            trailer_values(trailers(commit.message), kSourceDigestTrailer);
        if (std::find(digests.begin(), digests.end(), digest) == digests.end()) continue;
        throw usage_error(file + " was imported already, byte for byte, in " +
                          commit.id.substr(0, 12) + " (" +
                          escape_line(commit.message.substr(0, commit.message.find('\n'))) +
                          "); nothing was imported");
    }
    return digest;
}

// The warnings about the whole document, said once however many texts of
// a compilation it gives: the --author mappings that matched no name in
// any of them, the names recorded as written in any, and a warning two
// texts gave alike. (Each text is planned on its own; said per text, a
// mapping used in one text was said to match nothing in the others.)
void say_once_for_the_document(const WordImportRequest& request,
                               std::vector<WordImportPlan>& plans) {
    if (plans.empty()) return;
    std::set<std::string> seen;
    for (WordImportPlan& plan : plans) {
        std::vector<std::string> kept;
        for (std::string& warning : plan.warnings)
            if (seen.insert(warning).second) kept.push_back(std::move(warning));
        plan.warnings = std::move(kept);
    }
    std::vector<std::string>& warnings = plans.front().warnings;
    for (const std::string& mapping : plans.front().unused_mappings) {
        if (!std::all_of(plans.begin(), plans.end(), [&](const WordImportPlan& plan) {
                return std::find(plan.unused_mappings.begin(), plan.unused_mappings.end(),
                                 mapping) != plan.unused_mappings.end();
            }))
            continue;
        warnings.push_back("--author '" + escape_line(mapping) +
                           "' matches no author or speaker in " + request.file +
                           " (Word's names are matched whole, in any case)");
    }
    std::vector<std::string> unknown;
    for (const WordImportPlan& plan : plans)
        for (const std::string& name : plan.unknown)
            if (std::find(unknown.begin(), unknown.end(), name) == unknown.end())
                unknown.push_back(name);
    if (!unknown.empty()) {
        // Each name shown cut, and at most ten of them: a warning is read.
        std::string list;
        for (std::size_t i = 0; i < unknown.size() && i < 10; ++i)
            list += (list.empty() ? "" : ", ") + shown_name(unknown[i]);
        if (unknown.size() > 10) list += " and " + std::to_string(unknown.size() - 10) + " more";
        warnings.push_back(std::to_string(unknown.size()) +
                           " names are not in accord.yaml and are recorded as written: " + list +
                           "; register them with --add-delegations, or name their delegation "
                           "with --author 'Word name=Delegation'");
    }
}

}  // namespace

std::vector<WordImportPlan> plan_word_records(const Workspace& workspace,
                                              const WordImportRequest& request) {
    const Repository& repo = workspace.repo();
    // The path is checked before the document is read: a typo is told first.
    const std::string wanted = request.as.empty() ? "" : checked_path(repo, request.as);
    // Read once: hashed for its digest, then read as a document. Only a
    // regular file: a FIFO named x.docx would block the import forever.
    FileResult bytes = read_regular_file(request.file, "document");
    if (!bytes.contents) throw usage_error("cannot read " + bytes.error + "; nothing was imported");
    const std::string digest = unimported_digest(repo, request.file, *bytes.contents);
    docx::ReadResult read = docx::read_docx_bytes(std::move(*bytes.contents), request.file);
    if (!read.ok()) throw usage_error(read.error.message + "; nothing was imported");
    Config registry = workspace.config();
    std::vector<WordImportPlan> plans;
    const std::vector<docx::AccordText> texts = docx::accord_texts(*read.package);
    if (texts.empty()) {
        if (wanted.empty())
            throw usage_error("name the text to import " + request.file +
                              " into with --as PATH, e.g. --as decision.md");
        plans.push_back(plan_text(workspace, request, *read.package, wanted, "", std::nullopt, true,
                                  digest, registry));
    } else {
        // A compilation accord wrote: each text between its bookmarks, or the
        // one --as names (the only one, when it holds one).
        std::string listed;
        for (const docx::AccordText& text : texts)
            if (listed.size() < 200) listed += (listed.empty() ? "" : ", ") + text.path;
        for (const docx::AccordText& text : texts) {
            if (!wanted.empty() && text.path != wanted && texts.size() > 1) continue;
            const std::string path =
                wanted.empty() ? named_path(repo, request.file, text.path) : wanted;
            check_kept_front_matter(request.file, path, text.front_matter);
            if (text.front_matter_before)
                check_kept_front_matter(request.file, path, *text.front_matter_before);
            const docx::Package slice =
                docx::slice_body(*read.package, text.first_paragraph, text.last_paragraph);
            plans.push_back(plan_text(workspace, request, slice, path, text.front_matter,
                                      text.front_matter_before, text.final_newline, digest,
                                      registry));
        }
        if (plans.empty())
            throw usage_error(request.file + " is a compilation of several texts (" + listed +
                              ") and none is " + wanted +
                              "; name one of them with --as, or leave "
                              "--as out to import them all");
        warn_outside_texts(*read.package, texts, request.file, plans.front().warnings);
    }
    say_once_for_the_document(request, plans);
    // Delegations are registered with the first commit: with none to make
    // (every change left out), none is registered, nor said to be.
    if (std::all_of(plans.begin(), plans.end(),
                    [](const WordImportPlan& plan) { return plan.commits.empty(); }))
        for (WordImportPlan& plan : plans) plan.added.clear();
    std::vector<std::string> added;
    for (const WordImportPlan& plan : plans)
        added.insert(added.end(), plan.added.begin(), plan.added.end());
    if (!added.empty()) {
        std::vector<Delegation> delegations;
        for (const Delegation& delegation : registry.delegations)
            if (std::find(added.begin(), added.end(), delegation.name) != added.end())
                delegations.push_back(delegation);
        plans.front().registry = registry_with_added(
            read_file_within(repo.workdir(), kConfigFileName).contents, registry, delegations,
            "then import again without --add-delegations, once they are listed");
    }
    return plans;
}

WordImportPlan plan_word_record(const Workspace& workspace, const WordImportRequest& request) {
    std::vector<WordImportPlan> plans = plan_word_records(workspace, request);
    if (plans.size() != 1)
        throw usage_error(request.file + " holds " + std::to_string(plans.size()) +
                          " texts; name the one to import with --as");
    return std::move(plans.front());
}

namespace {

WordImportPlan plan_text(const Workspace& workspace, const WordImportRequest& request,
                         const docx::Package& package, const std::string& path,
                         const std::string& front_matter,
                         const std::optional<std::string>& front_matter_before, bool final_newline,
                         const std::string& digest, Config& registry) {
    const Repository& repo = workspace.repo();
    WordImportPlan plan;
    plan.source = request.file;
    plan.path = path;
    refuse_oversized_wording(package, request.file);
    refuse_unbounded_history(package, request.file);
    docx::WordImportOptions options;
    options.changes = request.changes;
    for (const Delegation& delegation : registry.delegations)
        options.registry.push_back({delegation.name, delegation.aliases});
    plan.history = docx::plan_word_history(package, options);
    if (!final_newline) drop_final_newline(plan.history);
    prefix_front_matter(plan.history, front_matter, front_matter_before);
    const docx::WordHistory& history = plan.history;
    if (!history.plan.dropped.empty())
        plan.warnings.push_back(request.file + ": left out of the text: " + history.plan.dropped);

    // ---- where it goes
    const std::optional<std::string> head = repo.head();
    plan.planned_on = head;
    std::optional<std::string> current = head ? repo.read_file_at(*head, plan.path) : std::nullopt;
    if (!repo.unclean_paths({plan.path}).empty()) {
        throw usage_error(plan.path + " has changes in the work tree that are not recorded" +
                          std::string(current ? "" : " (an untracked file)") +
                          "; record them with accord propose, or move the file away, then import");
    }
    if (current) {
        plan.existing = true;
        if (*current != history.base) {
            if (!version_holding(repo, *head, plan.path, history.base)) {
                throw usage_error(
                    plan.path + " exists, and the text of " + request.file +
                    " with its tracked changes rejected is none of its versions, so its changes "
                    "cannot be carried onto it; import it --as a new path and merge by hand");
            }
            plan.carried = true;
        }
    }

    // ---- names and dates
    Names names(registry, request, plan);
    const auto spelled = spellings(history.plan);
    // A Word author "Japan, Canada and Norway" (as accord writes a
    // co-sponsored proposal's changes) is those delegations, when each is
    // registered.
    auto co_sponsors = [&](const std::string& author) {
        std::vector<std::string> parts;
        std::string rest = author;
        for (std::size_t at; (at = rest.find(", ")) != std::string::npos;) {
            parts.push_back(rest.substr(0, at));
            rest = rest.substr(at + 2);
        }
        if (const std::size_t at = rest.find(" and "); at != std::string::npos && !parts.empty()) {
            parts.push_back(rest.substr(0, at));
            rest = rest.substr(at + 5);
        } else if (const std::size_t only = rest.find(" and "); only != std::string::npos) {
            parts.push_back(rest.substr(0, only));
            rest = rest.substr(only + 5);
        }
        parts.push_back(rest);
        for (const std::string& part : parts)
            if (parts.size() < 2 || !registry.resolve_delegation(part))
                return std::vector<std::string>{author};
        return parts;
    };
    // Every change is some delegation's proposal: one whose author is
    // missing or unreadable is refused, not credited to someone else.
    auto check_name = [&](const std::string& name, const docx::HistoryEvent& event) {
        const NameProblem problem = name_problem(name);
        if (problem == NameProblem::none) return;
        const std::string what = event.kind == docx::EventKind::tracked_change
                                     ? "a tracked change"
                                     : "comment " + event.comment_id;
        throw usage_error(request.file + ": " + what + " (" + escape_line(event.action) + ") " +
                          (problem == NameProblem::blank ? std::string("names no author")
                           : problem == NameProblem::placeholder
                               ? "names no author but '" + shown_name(name) +
                                     "', which an editor writes when it knows no user"
                           : problem == NameProblem::too_long
                               ? "names an author of " + std::to_string(name.size()) + " bytes ('" +
                                     shown_name(name) +
                                     "'), longer than any delegation's name (accord takes " +
                                     std::to_string(kMaxNameBytes) + ")"
                               : "holds a control character ('" + shown_name(name) + "')") +
                          "; accord records each change as a named delegation's proposal, so "
                          "give it an author in Word, or accept or reject it there, and import "
                          "again");
    };
    auto speaker_names = [&](const docx::HistoryEvent& event) {
        std::vector<std::string> out;
        std::vector<std::string> given = event.authors;
        for (const std::string& name : given) check_name(name, event);
        if (event.kind == docx::EventKind::tracked_change && given.size() == 1)
            given = co_sponsors(given.front());
        for (const std::string& name : given) {
            auto it = spelled.find(name);
            const std::string resolved =
                names.resolve(name, it == spelled.end() ? std::vector<std::string>{} : it->second);
            if (std::find(out.begin(), out.end(), resolved) == out.end()) out.push_back(resolved);
        }
        return out;
    };

    std::optional<std::int64_t> base_time;
    if (request.date) {
        if (!parse_iso_date(*request.date))
            throw usage_error("--date '" + *request.date + "': write a real day as YYYY-MM-DD");
        base_time = parse_word_date(*request.date);
        if (*base_time < 0)
            throw usage_error("--date '" + *request.date +
                              "': git records no date before 1970-01-01; give a later day");
    } else if (!package.properties.created.empty()) {
        base_time = recordable_word_date(package.properties.created);
    }
    std::optional<std::int64_t> earliest;
    for (const docx::HistoryEvent& event : history.events) {
        if (auto t = recordable_word_date(event.date); t && (!earliest || *t < *earliest))
            earliest = t;
    }
    if (!base_time) base_time = earliest ? *earliest : repo.default_signature().time;
    if (!request.date && earliest && *earliest < *base_time) {
        // Said only where the base is recorded: carried onto a text the
        // repository holds, the base is among its versions already, and
        // this date only orders the changes.
        if (!current)
            plan.base_date_note = "the base is dated " + format_iso_timestamp(*earliest, 0) +
                                  ", when its first change or comment was made, before the "
                                  "document's creation date " +
                                  package.properties.created;
        base_time = earliest;
    }
    std::string base_by = request.by.value_or(!package.properties.last_modified_by.empty()
                                                  ? package.properties.last_modified_by
                                                  : package.properties.creator);
    // A new text's base is some delegation's: not an editor's placeholder,
    // nor accord, which wrote the compilation (its texts' proposers stay in
    // the repository it was compiled from).
    const bool compiled_by_accord =
        !request.by && package.accord_notation() && trim(base_by) == "accord";
    if (trim(base_by).empty() || (!current && (compiled_by_accord || placeholder_name(base_by)))) {
        throw usage_error(
            request.file +
            (compiled_by_accord ? std::string(" is a compilation accord wrote, and names")
                                : " names") +
            " no author of its base text in its properties" +
            (trim(base_by).empty() || compiled_by_accord ? ""
                                                         : " but '" + escape_line(base_by) + "'") +
            "; say who the base text is by with --by NAME");
    }
    if (base_by.size() > kMaxNameBytes)
        throw usage_error(request.file + ": the base text's author ('" + shown_name(base_by) +
                          "', " + (request.by ? "given with --by" : "in its properties") + ") is " +
                          std::to_string(base_by.size()) +
                          " bytes long, longer than any delegation's name (accord takes " +
                          std::to_string(kMaxNameBytes) +
                          "); say who the base text is by with --by NAME");
    // Resolved (and so registered, or said to be unknown) only where the
    // base is recorded under it: a compilation's last author is "accord",
    // which records nothing in a text the repository holds.
    if (!current) base_by = names.resolve(trim(base_by));

    // ---- the commits
    const std::string source = file_name(request.file);
    std::string previous_word = history.base;  // the text Word gave for the last event
    std::string merged = current.value_or(history.base);
    MergeOptions merge;
    merge.parse = workspace.parse_options();
    merge.ours_label = "current";
    merge.theirs_label = source;
    // An event as old as the base keeps its date: the base comes first anyway.
    std::int64_t last_time = *base_time - 1;
    // The end of today where the day ends last (UTC-12), as the server counts.
    const std::int64_t latest_acceptable =
        (static_cast<std::int64_t>(std::time(nullptr)) / 86400 + 1) * 86400 + 12 * 3600;

    // The base is recorded only when the text is new; carried onto a later
    // text, it is already among its versions.
    if (!current) {
        PlannedWordCommit base;
        base.base = true;
        base.text = history.base;
        base.authors = {base_by};
        base.author_name = base_by;
        base.time = *base_time;
        base.subject = "Base text of " + source + " (every tracked change rejected)";
        base.message = proposal_message(base.subject, "", base.authors,
                                        {{kSourceTrailer, source}, {kSourceDigestTrailer, digest}});
        plan.commits.push_back(std::move(base));
    }
    // Dates not taken as written, said once each: a change or comment
    // with none, or dated before the base text (its --date, or the
    // document's creation).
    std::size_t undated = 0, early = 0;
    std::string first_early;
    // A tracked change that leaves Word's text as the change before it left
    // it (formatting or a field code accord does not keep) is no proposal to
    // record, and its author is not registered for it. (Compared before any
    // merge onto a later text: a change that merge makes moot is still
    // recorded, saying who asked. A comment asking for wording the text
    // holds is recorded too: its words are the Party's.)
    std::size_t no_change = 0;
    std::string first_no_change;
    // A document accord compiled with --changes-since holds the proposals
    // made since then as tracked changes, by their proposers and dated as
    // they were. Imported into a negotiation that has them, such a change
    // leaves the text as it is, and is that proposal, already recorded: it
    // is not recorded again (known by its proposers and its date, to the
    // minute Word keeps). A change someone else made moot is still
    // recorded, saying who asked.
    // (The text's history is walked only once such a change is met: most
    // texts of a compilation carry none.)
    std::optional<std::set<std::pair<std::string, std::int64_t>>> recorded;
    const auto already_recorded = [&](const std::vector<std::string>& authors, std::int64_t time) {
        if (!recorded) {
            recorded.emplace();
            if (head)
                for (const CommitInfo& c : repo.history(*head, {plan.path}))
                    recorded->emplace(join(read_proposal(c, registry).proposers, "\n"),
                                      c.author.time / 60);
        }
        return recorded->count({join(authors, "\n"), time / 60}) != 0;
    };
    std::size_t already = 0;
    for (std::size_t e = 0; e < history.events.size(); ++e) {
        const docx::HistoryEvent& event = history.events[e];
        if (event.kind == docx::EventKind::tracked_change && event.text == previous_word) {
            if (no_change++ == 0) first_no_change = event.subject;
            continue;
        }
        PlannedWordCommit commit;
        commit.kind = event.kind;
        commit.event = e;
        // Word dates to the minute: events of one minute are a second apart,
        // in order, so that each keeps a date of its own. A date that cannot
        // be read, that lies after today anywhere on Earth (which the
        // negotiation's server would refuse), or before 1970 (which git
        // cannot record; Word's "no date" is 1601-01-01) is not taken: the
        // change follows the one before it, and the import says so.
        const std::optional<std::int64_t> read_date = parse_word_date(event.date);
        // The date taken: as written, or none (the change before it's).
        std::int64_t taken = read_date.value_or(last_time);
        if (!event.date.empty() && (!read_date || taken > latest_acceptable || taken < 0)) {
            plan.warnings.push_back(request.file + ": " + event.subject + ": dated '" +
                                    escape_line(event.date) + "', " +
                                    (!read_date ? "not a date Word writes"
                                     : taken >= 0
                                         ? "in the future"
                                         : "before 1970-01-01, the earliest date git records") +
                                    "; recorded right after the change before it");
            taken = last_time;
        } else if (event.date.empty()) {
            ++undated;
        } else if (taken < *base_time) {
            if (early == 0) first_early = event.subject + ": dated '" + event.date + "'";
            ++early;
        }
        commit.time = std::max(taken, last_time + 1);
        last_time = commit.time;
        commit.authors = speaker_names(event);
        // The one who noted a comment is recorded with it too (a trailer).
        if (commit.authors.empty() || event.noted_by.size() > kMaxNameBytes)
            check_name(event.noted_by, event);
        // Whoever wrote the comment down is its author only when it names
        // no speaker: staff are not delegations.
        const std::string noted_by = commit.authors.empty() && !event.noted_by.empty()
                                         ? names.resolve(event.noted_by)
                                         : event.noted_by;
        commit.author_name = commit.authors.empty() ? noted_by : commit.authors.front();
        if (commit.author_name.empty())
            commit.author_name = current ? names.resolve(trim(base_by)) : base_by;
        commit.subject = event.subject;

        if (event.kind == docx::EventKind::position) {
            PositionRecord position;
            position.speakers = commit.authors;
            position.path = plan.path;
            position.said = event.said.empty() ? package.comments[event.comment].text : event.said;
            if (!event.unplaced.empty())
                position.said +=
                    "\n\n(asked for a text change that could not be placed: " + event.unplaced +
                    ")";
            position.wording = event.quoted;
            position.section = event.on_section;
            if (!plan.carried && !event.quoted.empty()) position.anchor = event.anchor;
            position.noted_by = event.noted_by;
            position.comment = event.comment_id;
            position.thread = event.thread;
            position.session = event.session;
            position.topic = event.topic;
            position.source = source;
            position.source_digest = digest;
            commit.message = format_position_message(position);
            commit.subject = commit.message.substr(0, commit.message.find('\n'));
            plan.commits.push_back(std::move(commit));
            continue;
        }
        std::string text = event.text;
        if (plan.existing) {
            MergeResult result = merge3(previous_word, merged, event.text, merge);
            const bool unchanged = result.text == merged;
            if (unchanged && event.kind == docx::EventKind::tracked_change && read_date &&
                already_recorded(commit.authors, *read_date)) {
                previous_word = event.text;
                ++already;
                continue;
            }
            plan.disagreements += result.disagreements.size();
            merged = std::move(result.text);
            text = merged;
        }
        previous_word = event.text;
        commit.text = std::move(text);
        std::vector<std::pair<std::string_view, std::string>> extra;
        std::string body;
        if (event.kind == docx::EventKind::comment_request) {
            std::string names_line;
            for (const std::string& name : commit.authors)
                names_line += (names_line.empty() ? "" : ", ") + name;
            commit.subject = (names_line.empty() ? noted_by : names_line) + ": " + event.action;
            body = event.said;
            extra = {{kNotedByTrailer, event.noted_by}, {kCommentTrailer, event.comment_id},
                     {kThreadTrailer, event.thread},    {kSessionTrailer, event.session},
                     {kSourceTrailer, source},          {kSourceDigestTrailer, digest}};
        } else {
            commit.subject = commit.author_name + ": " + event.action;
            extra = {{kSourceTrailer, source}, {kSourceDigestTrailer, digest}};
        }
        std::vector<std::string> proposers = commit.authors;
        if (proposers.empty()) proposers.push_back(commit.author_name);
        commit.message = proposal_message(commit.subject, body, proposers, extra);
        plan.commits.push_back(std::move(commit));
    }
    if (no_change > 0) {
        plan.warnings.push_back(
            request.file + ": " + std::to_string(no_change) +
            (no_change == 1 ? " change leaves" : " changes leave") +
            " the text as accord reads it unchanged (formatting or a field code it does not "
            "keep), so " +
            (no_change == 1 ? "it is" : "they are") +
            " not recorded: " + escape_line(first_no_change) + (no_change > 1 ? ", ..." : ""));
    }
    if (already > 0) {
        plan.warnings.push_back(
            request.file + ": " + std::to_string(already) +
            (already == 1 ? " tracked change is a proposal" : " tracked changes are proposals") +
            " the text already holds (by the same delegations, on the same "
            "date): not recorded again");
    }
    plan.unused_mappings = names.unused_mappings();
    if (undated > 0) {
        plan.warnings.push_back(request.file + ": " + std::to_string(undated) +
                                " tracked change(s) or comment(s) carry no date; each is recorded "
                                "right after the change before it");
    }
    if (early > 0) {
        plan.warnings.push_back(
            request.file + ": " + std::to_string(early) +
            " tracked change(s) or comment(s) are dated before the base text (" +
            format_iso_timestamp(*base_time, 0) + "), the first: " + escape_line(first_early) +
            "; each is recorded right after the change before it (give the base's day with "
            "--date to keep their dates)");
    }
    // A text proposal that leaves the text as it was (a change undone by
    // the merge) is still recorded: it says who asked.
    plan.final_text = plan.existing ? merged : history.text;
    for (PlannedWordCommit& commit : plan.commits)
        commit.date = format_iso_timestamp(commit.time, 0);

    if (!plan.base_date_note.empty()) plan.warnings.push_back(plan.base_date_note);
    refuse_incomparable_versions(plan);
    mark_notation_errors(plan, current, hooks::check_parse_options(registry.notation));
    return plan;
}

}  // namespace

namespace {

// What the first commit records besides the text, when git does not track
// it yet (a repository just made with `accord init`): the registry, as the
// import extends it or as it stands, and the setup files every clone needs
// (setup_files). Afterwards the work tree is clean.
std::vector<std::pair<std::string, std::string>> untracked_setup(const Repository& repo,
                                                                 const WordImportPlan& first) {
    std::vector<std::pair<std::string, std::string>> files;
    if (first.registry) {
        files.emplace_back(kConfigFileName, *first.registry);
    } else if (!(first.planned_on && repo.blob_id_at(*first.planned_on, kConfigFileName))) {
        // Absent, a link or unreadable: nothing to add (a link is never read).
        FileResult file = read_file_within(repo.workdir(), kConfigFileName);
        if (file.contents) files.emplace_back(kConfigFileName, std::move(*file.contents));
    }
    for (auto& file : setup_files(repo)) files.push_back(std::move(file));
    return files;
}

}  // namespace

WordImportResult record_word_imports(Workspace& workspace,
                                     const std::vector<WordImportPlan>& plans) {
    Repository& repo = workspace.repo();
    WordImportResult result;
    result.branch = repo.current_branch();
    const Signature committer = repo.default_signature();
    std::vector<CommitRequest> requests;
    for (const WordImportPlan& plan : plans) {
        for (std::size_t i = 0; i < plan.commits.size(); ++i) {
            const PlannedWordCommit& planned = plan.commits[i];
            CommitRequest request;
            if (planned.text) request.files.emplace_back(plan.path, *planned.text);
            if (requests.empty())
                for (auto& file : untracked_setup(repo, plans.front()))
                    request.files.push_back(file);
            request.allow_empty = true;  // a position is a commit that changes no file
            request.author = Signature{planned.author_name, delegation_email(planned.author_name),
                                       planned.time, 0};
            request.committer = committer;
            request.message = planned.message;
            requests.push_back(std::move(request));
        }
    }
    if (requests.empty()) {
        result.head = repo.head().value_or("");
        return result;
    }
    // One step (Repository::commit_series): the branch moves once, to the
    // last commit, and only if it is still where the import was planned, so
    // that a refused, failed or killed import leaves it as it was, or wholly
    // imported (a killed one is finished by the next accord command).
    requests.front().parent = plans.front().planned_on;
    requests.front().write_worktree = true;
    requests.front().operation = "import";
    result.head = repo.commit_series(requests);
    result.commits = requests.size();
    return result;
}

WordImportResult record_word_import(Workspace& workspace, const WordImportPlan& plan) {
    return record_word_imports(workspace, {plan});
}

}  // namespace accord

namespace accord {

std::string render_word_plan(const WordImportPlan& plan, bool each) {
    const docx::WordHistory& history = plan.history;
    const docx::WordHistoryCounts& counts = history.counts;
    std::size_t base = 0, changes = 0, requests = 0, positions = 0;
    for (const PlannedWordCommit& commit : plan.commits) {
        if (commit.base)
            ++base;
        else if (commit.kind == docx::EventKind::tracked_change)
            ++changes;
        else if (commit.kind == docx::EventKind::comment_request)
            ++requests;
        else
            ++positions;
    }
    std::string out;
    out += "  " + plural(plan.commits.size(), "commit") + ": " + (base ? "the base, " : "") +
           plural(changes, "tracked change") + ", " + plural(requests, "text proposal") +
           " from comments, " + plural(positions, "position");
    if (!plan.commits.empty())
        out += "; " + plan.commits.front().date.substr(0, 10) + " to " +
               plan.commits.back().date.substr(0, 10);
    out += "\n";
    if (plan.carried)
        out += "  carried onto the current " + plan.path + " by the three-way merge (" +
               std::to_string(plan.disagreements) + " disagreements became alternatives)\n";
    out += "  comments: " + std::to_string(counts.comments) + " (" +
           std::to_string(counts.replies) +
           " replies kept in their thread): " + std::to_string(counts.requests_placed) +
           " speaker segments became text proposals, " + std::to_string(counts.positions) +
           " positions";
    if (counts.requests_unplaced)
        out += " (" + std::to_string(counts.requests_unplaced) +
               " of them asked for a change that could not be placed)";
    out += "\n";
    std::vector<std::pair<std::string, std::size_t>> speakers(history.plan.summary.speakers.begin(),
                                                              history.plan.summary.speakers.end());
    std::stable_sort(speakers.begin(), speakers.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (!speakers.empty()) {
        out += "  speakers (" + std::to_string(speakers.size()) + "):";
        std::string line;
        for (const auto& [name, count] : speakers) {
            std::string item = " " + name + " " + std::to_string(count);
            if (line.size() + item.size() > 72) {
                out += line + "\n   ";
                line.clear();
            }
            line += item;
        }
        out += line + "\n";
    }
    if (!history.plan.summary.unknown_speakers.empty()) {
        out += "  written like speakers but matching no name:";
        for (const std::string& name : history.plan.summary.unknown_speakers) out += " " + name;
        out += "\n";
    }
    if (requests > 0) {
        out += "  text proposals from comments:\n";
        for (const PlannedWordCommit& commit : plan.commits) {
            if (commit.kind != docx::EventKind::comment_request) continue;
            const docx::HistoryEvent& event = history.events[commit.event];
            out += "    " + commit.date.substr(0, 10) + "  comment " + event.comment_id + "  " +
                   commit.subject + "\n";
        }
    }
    if (each) {
        out += "  commits:\n";
        for (const PlannedWordCommit& commit : plan.commits)
            out += "    " + commit.date.substr(0, 16) + "  " + commit.subject + "\n";
    }
    return out;
}

}  // namespace accord

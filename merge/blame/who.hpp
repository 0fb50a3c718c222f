#pragma once
// accord who: the first proposal whose text held a wording, and what became
// of it, followed across texts (moved from one to another, tabled again
// elsewhere), read from the history in one walk.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/workspace.hpp"
#include "merge/report/history.hpp"

namespace accord {

// `option`: it stands in one of several Option (or Alt) paragraphs, which is
// no agreement until the others are gone.
enum class WordingState {
    proposed,
    bracketed,
    struck,
    option,
    agreed,
    deleted,
    restored,
    standing,
    moved
};
std::string_view to_string(WordingState state);

struct WordingEvent {
    WordingState state;
    Proposal proposal;
    std::string path;
};

struct WhoReport {
    std::string phrase;
    std::vector<WordingEvent> events;  // oldest first; the first is the proposal that introduced it
    bool stands = false;               // in the current text
    // "agreed", "unbracketed", "option", "bracketed", "struck" or "absent"
    std::string current_state;
    std::string current_path;  // the text it stands in, when it stands
};

// The wording a phrase asks for: brackets and strike marks are marks, not
// wording (a phrase copied from the text as it reads, "shall [strengthen]",
// asks for "shall strengthen", whose state then says it is bracketed);
// white space collapsed. who_proposed looks for this.
std::string wording_of_phrase(std::string_view phrase);

// Searches the given paths for `phrase` (its wording_of_phrase), compared with white space
// collapsed, and follows it from text to text: where it stands best after
// each proposal (free, then as an option, bracketed, struck). No paths: every
// text of the current revision; a directory: its texts; a text the current
// revision no longer holds: its history. Returns nullopt when no version
// ever held it.
//
// The history is walked once, whatever the number of texts. Each version of
// a text is read once per blob (a blob held by several texts or commits is
// read once) and parsed only when its bytes may hold the phrase
// (PhraseSieve): the cost is that of reading the versions the proposals made,
// as for `git log -S`, plus parsing those that come near the phrase.
std::optional<WhoReport> who_proposed(const Workspace& workspace, const std::string& phrase,
                                      const std::vector<std::string>& paths);

}  // namespace accord

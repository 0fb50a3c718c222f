#pragma once
// What the installed git hooks check (`accord hook pre-commit`, `accord hook
// commit-msg FILE`), so that plain `git commit` meets the same rules as
// `accord propose`:
//  - pre-commit: every staged .md/.txt file has no new error diagnostic
//    against HEAD's version (a rename compares with the old path) and valid
//    front matter;
//  - commit-msg: the Proposed-by: trailers, if any, name delegations the
//    registry knows.
// The registry is the accord.yaml being committed (staged), else the work
// tree's, else an empty one.
//
// The staged state is read through the git command, not libgit2: git
// commit points its hooks at a temporary index (GIT_INDEX_FILE) for
// `git commit -a` and `git commit PATH`, and only git itself follows that.
#include <string>
#include <string_view>
#include <vector>

#include "core/store/config.hpp"
#include "hooks/checks.hpp"

namespace accord::hooks {

// The message as git records it: lines starting with `comment` dropped, and
// everything from a scissors line ("# ------------------------ >8 ---...") on.
std::string strip_commit_message(std::string_view raw, char comment = '#');

// The commit-msg rule over a message already stripped.
std::vector<Problem> check_commit_message(std::string_view message, const Config& registry);

// The pre-commit rule for the repository git runs the hook in (`cwd`, the
// work tree's top). Failure to run git is an accord::Error (exit 3).
std::vector<Problem> check_staged(const std::string& cwd);

// The commit-msg rule for the message file git passes to the hook.
std::vector<Problem> check_commit_message_file(const std::string& message_file,
                                               const std::string& cwd);

}  // namespace accord::hooks

#pragma once
// A commit object's bytes, written by accord rather than by libgit2, for one
// reason: libgit2 (1.5 and later) writes an identity's time as an unsigned
// 32-bit number, so a proposal dated after 2106-02-07 came back as a date in
// 1970. git itself reads and writes 64-bit times; accord writes the object
// as git does and stores it through the object database.
//
// What git cannot hold is refused here, before anything is written: a time
// before 1970-01-01 (git's times count up from it, and `git fsck` rejects a
// negative one as an overflow), and a name or address with '<', '>', a line
// break or a NUL byte (they would end the identity early).
//
// Signing fits between format_commit_object and the write: sign the bytes
// (core/util/commit_signature: sign_commit_content) and store
// add_signature_header(bytes, signature) instead.
#include <string>
#include <string_view>
#include <vector>

#include "core/store/repository.hpp"

namespace accord {

// "" when git can record `signature` as an author or committer, else why not
// (a sentence naming `role` and the value, without a final period).
std::string signature_problem(const Signature& signature, std::string_view role);

// "1234567890 +0100": the time and offset as git writes them.
std::string format_git_time(std::int64_t time, int offset_minutes);

// The commit object: tree, parents (first first), author, committer, a blank
// line and the message (a final newline added when it lacks one). Ids are
// 40-digit hex. The signatures must pass signature_problem.
std::string format_commit_object(const std::string& tree, const std::vector<std::string>& parents,
                                 const Signature& author, const Signature& committer,
                                 std::string_view message);

}  // namespace accord

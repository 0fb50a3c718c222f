#pragma once
// Signed commits as git writes and reads them, over raw commit objects:
// the signature is a "gpgsig" header after the committer (and encoding)
// lines, its first line after "gpgsig ", each further line after one space;
// what was signed is the commit object without that header.
//
// Writing: sign the unsigned commit object with sign_commit_content, and
// store add_signature_header(object, signature) instead of the object: the
// result is byte for byte the commit `git commit -S` would write (as is
// libgit2's git_commit_create_with_signature(..., "gpgsig") given the same
// two buffers).
//
// Reading: split_signed_commit takes the raw object (git_odb_read, or `git
// cat-file commit`) apart exactly as git does before it runs ssh-keygen.
// Prefer it to libgit2's git_commit_extract_signature, which also takes a
// "gpgsig " line of the commit message for a header (so a signature moved
// into the message of an unsigned copy would still be found) and leaves a
// gpgsig-sha256 header in the signed data; for a commit git itself wrote,
// both give the same two buffers, and verify_commit_signature accepts both.
#include <optional>
#include <string>
#include <string_view>

#include "core/util/ssh_sign.hpp"
#include "core/util/ssh_signature.hpp"

namespace accord {

struct SignedCommit {
    std::string signature;  // the header's lines, each ending with '\n'
    std::string payload;    // the commit without the header: what was signed
};

// The commit's gpgsig header and the rest; nullopt when it has none.
// Several gpgsig headers are joined, as git joins them (and such a
// signature does not verify). Other signature headers (gpgsig-sha256 in a
// SHA-1 repository) are left out of the payload, as git leaves them out.
std::optional<SignedCommit> split_signed_commit(std::string_view raw_commit);

// `commit_content` (an unsigned commit object) with `signature` inserted as
// its gpgsig header where git inserts it: at the end of the header lines.
std::string add_signature_header(std::string_view commit_content, std::string_view signature);

// Signs a commit object that has no signature yet, always for the
// namespace "git" as git does. On success, `signature` is ready for
// add_signature_header (or git_commit_create_with_signature): its final
// newline is dropped, since libgit2 would otherwise write an extra line
// holding one space, which git does not write.
SshSigningResult sign_commit_content(std::string_view commit_content, std::string_view signing_key,
                                     const SshSigningOptions& options = {});

// Whether `signature` (a gpgsig header's value, with or without a final
// newline) signs `signed_data` (the commit without that header) for git.
SignatureCheck verify_commit_signature(std::string_view signature, std::string_view signed_data);

}  // namespace accord

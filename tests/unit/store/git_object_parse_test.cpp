// The commit-header parser the history walk uses for commits it passes by:
// it takes only headers in the form git writes, and leaves every other one
// to libgit2 (which takes it or names the fault), so that it never takes a
// commit libgit2 would refuse. The refused forms below are ones libgit2
// 1.5 refuses ("malformed e-mail", "invalid Unix timestamp", a missing
// committer).
#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>
#include <string>

#include "core/store/git_object_parse.hpp"

namespace accord::git {
namespace {

const std::string kTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
const std::string kParent = "0123456789abcdef0123456789abcdef01234567";
const std::string kAuthor = "author Chair <chair@example.org> 1400000000 +0000\n";
const std::string kCommitter = "committer Secretariat <s@example.org> 1400000000 -0130\n";

std::string hex(const git_oid& id) {
    std::string out;
    for (const unsigned char byte : id.id) {
        char two[3];
        std::snprintf(two, sizeof two, "%02x", byte);
        out += two;
    }
    return out;
}

std::string commit(const std::string& people) {
    return "tree " + kTree + "\nparent " + kParent + "\n" + people + "\nProposal\n";
}

TEST(ParseCommitHeader, TakesTheFormGitWrites) {
    const std::optional<CommitHeader> header = parse_commit_header(commit(kAuthor + kCommitter));
    ASSERT_TRUE(header);
    EXPECT_EQ(hex(header->tree), kTree);
    ASSERT_EQ(header->parents.size(), 1u);
    EXPECT_EQ(hex(header->parents[0]), kParent);
    // Headers after the committer (a signature, an encoding) are libgit2's
    // to read, and do not matter for the tree and parents.
    EXPECT_TRUE(parse_commit_header(commit(kAuthor + kCommitter + "encoding ISO-8859-1\n")));
    // A second author line in the same form (some tools write one).
    EXPECT_TRUE(parse_commit_header(commit(kAuthor + kAuthor + kCommitter)));
}

TEST(ParseCommitHeader, LeavesEveryOtherFormToLibgit2) {
    for (const std::string& people : {
             kAuthor,                                                       // no committer
             "author Chair 1400000000 +0000\n" + kCommitter,                // no e-mail
             "author Chair <chair@example.org> soon +0000\n" + kCommitter,  // no time
             "author Chair <chair@example.org> 99999999999999999999 +0000\n" + kCommitter,
             kAuthor + "author Other\n" + kCommitter,  // a second author without e-mail
             "author <chair@example.org> 1400000000 +0000\n" + kCommitter,  // no name
             "author Chair <chair@example.org>\n" + kCommitter,             // no time at all
             "author Chair <chair@example.org> 1400000000 +0000 x\n" + kCommitter,
             "author Ch<air <chair@example.org> 1400000000 +0000\n" + kCommitter,
             kCommitter + kAuthor,  // out of order
         }) {
        EXPECT_FALSE(parse_commit_header(commit(people))) << people;
    }
    // An id in capitals, or short, or no tree line first.
    std::string upper = kTree;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_FALSE(parse_commit_header("tree " + upper + "\n" + kAuthor + kCommitter));
    EXPECT_FALSE(parse_commit_header("tree " + kTree.substr(1) + "\n" + kAuthor + kCommitter));
    EXPECT_FALSE(
        parse_commit_header("parent " + kParent + "\ntree " + kTree + "\n" + kAuthor + kCommitter));
    EXPECT_FALSE(parse_commit_header(""));
}

}  // namespace
}  // namespace accord::git

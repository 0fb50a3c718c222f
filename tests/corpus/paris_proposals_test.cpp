// The Paris Agreement's texts recorded as they were issued, one proposal
// after the other, with `accord propose` (the real binary): the 23 October
// text has 29 notation errors of its own (two of them Option 1's '[' left
// open at line 828 and the ']' at line 869, which no bracket may reach
// across the option paragraphs between), and each later text keeps many of
// its predecessor's while its paragraphs were edited around them. An error
// is known by its mark and the words around it, so the old ones are not
// charged to the later texts; the new ones are refused until recorded on
// purpose with --allow-errors, and `accord log` says how many were.
#include <gtest/gtest.h>

#include "support/repo_fixture.hpp"

namespace accord {
namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
        ++n;
    return n;
}

struct Issued {
    const char* file;
    const char* day;
    // Errors that are the text's own, not its predecessor's. Read off the
    // texts: 4 December's new items 3 ("[Pursue [a [global] transformation]
    // ...") and 4 of Article 2, a bracket left open before "based on common
    // but differentiated responsibilities", two stray ']' in new wording;
    // 9 December's three in redrafted paragraphs. Compared by
    // line instead, 19 and 5 of them were charged as new, the others' lines
    // having been edited.
    std::size_t new_errors;
};

const Issued kTexts[] = {
    {"agreement-23-oct-2015.md", "2015-10-23", 29}, {"agreement-4-dec-2015.md", "2015-12-04", 5},
    {"agreement-9-dec-2015.md", "2015-12-09", 3},   {"agreement-12-dec-2015.md", "2015-12-12", 0},
    {"agreement-final.md", "2015-12-12", 0},
};

TEST(ParisProposals, EachTextRecordedAsIssuedWithOnlyItsOwnErrorsCharged) {
    test::NegotiationRepo repo("negotiation: Paris 2015\ndelegations:\n  - name: COP 21\n");
    ASSERT_EQ(repo.accord({"propose", "accord.yaml", ".gitattributes", "--by", "COP 21", "--date",
                           "2015-10-01"})
                  .exit_code,
              0);
    for (const Issued& issued : kTexts) {
        SCOPED_TRACE(issued.file);
        repo.write("agreement.md",
                   test::read_all(test::corpus_file(std::string("paris-2015/") + issued.file)));
        const std::vector<std::string> propose = {"propose", "agreement.md", "--by",
                                                  "COP 21",  "--date",       issued.day};
        const test::RunResult plain = repo.accord(propose);
        if (issued.new_errors == 0) {
            EXPECT_EQ(plain.exit_code, 0) << plain.err;
            continue;
        }
        EXPECT_EQ(plain.exit_code, 1);
        EXPECT_EQ(count(plain.err, "error["), issued.new_errors) << plain.err;
        EXPECT_TRUE(contains(plain.err, "propose again with --allow-errors")) << plain.err;

        std::vector<std::string> allowed = propose;
        allowed.push_back("--allow-errors");
        const test::RunResult recorded = repo.accord(allowed);
        ASSERT_EQ(recorded.exit_code, 0) << recorded.err;
        const std::string trailer = "Notation-errors: " + std::to_string(issued.new_errors);
        EXPECT_TRUE(contains(repo.git({"log", "-1", "--format=%B"}).out, trailer));
        EXPECT_TRUE(contains(repo.accord({"log"}).out, "recorded with " +
                                                           std::to_string(issued.new_errors) +
                                                           " new notation errors on purpose"));
    }
    EXPECT_EQ(repo.status(), "");
    // accord init's first commit, the registry, the five texts.
    EXPECT_EQ(repo.git({"rev-list", "--count", "HEAD"}).out, "7\n");
}

}  // namespace
}  // namespace accord

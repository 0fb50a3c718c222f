// The disagreement vocabulary is stable (other tools read its words), each
// word parses back to its kind and README.md documents it; the one renderer
// prints a disagreement on one line.
#include <gtest/gtest.h>

#include "merge/merge3/disagreement.hpp"
#include "support/matchers.hpp"
#include "support/paths.hpp"

namespace accord {
namespace {

using test::HasSubstr;

TEST(DisagreementVocabulary, TheWordsStayWhatTheyAre) {
    std::vector<std::string> words;
    for (const DisagreementKind kind : kDisagreementKinds) words.emplace_back(to_string(kind));
    EXPECT_EQ(words, (std::vector<std::string>{"alternatives", "kept-bracketed", "edited-deleted",
                                               "status", "metadata", "conflict", "both-added",
                                               "edited-struck", "moved-apart"}));
}

TEST(DisagreementVocabulary, EachWordParsesBackToItsKind) {
    for (const DisagreementKind kind : kDisagreementKinds)
        EXPECT_EQ(parse_disagreement_kind(to_string(kind)), kind) << to_string(kind);
    EXPECT_EQ(parse_disagreement_kind("Alternatives"), std::nullopt);
    EXPECT_EQ(parse_disagreement_kind("kept_bracketed"), std::nullopt);
    EXPECT_EQ(parse_disagreement_kind(""), std::nullopt);
}

TEST(DisagreementVocabulary, ReadmeDocumentsEveryKind) {
    const std::string readme = test::read_all(test::source_dir() + "/README.md");
    for (const DisagreementKind kind : kDisagreementKinds)
        EXPECT_THAT(readme, HasSubstr("| `" + std::string(to_string(kind)) + "` |"));
}

TEST(DisagreementRenderer, OneLineWithPathLineKindAndBothWordings) {
    Disagreement d{DisagreementKind::alternatives, 3, "improve", "enhance", ""};
    EXPECT_EQ(render_disagreement("A-1.md", d),
              "A-1.md:3: alternatives: ours \"improve\", theirs \"enhance\"\n");
    EXPECT_EQ(
        render_disagreement("A-1.md", d, "redraft/informal-b"),
        "A-1.md:3: alternatives: ours \"improve\", theirs (redraft/informal-b) \"enhance\"\n");
    EXPECT_EQ(render_disagreement("A-1.md", d, "redraft/informal-b", "main + redraft/informal-a"),
              "A-1.md:3: alternatives: ours (main + redraft/informal-a) \"improve\", theirs "
              "(redraft/informal-b) \"enhance\"\n");
    d = {DisagreementKind::metadata, 1, "agreed", "(removed)", "status"};
    EXPECT_EQ(render_disagreement("A-1.md", d),
              "A-1.md:1: metadata '\"status\"': ours \"agreed\", theirs \"(removed)\"\n");
}

TEST(DisagreementRenderer, LongOrMultiLineWordingIsCutOnOneLineBetweenCharacters) {
    const std::string wording = "Paragraph one.\n\nParagraph two, " + std::string(40, 'x') + "...";
    Disagreement d{DisagreementKind::both_added, 2, wording, "short", ""};
    const std::string line = render_disagreement("f.md", d);
    EXPECT_EQ(line.find('\n'), line.size() - 1) << line;
    EXPECT_THAT(line, HasSubstr("ours \"Paragraph one.  Paragraph two, xxx"));
    // 56 bytes, then a 2-byte character that would be cut in two at 57.
    d.ours = std::string(56, 'a') + "\xC2\xB0" + std::string(10, 'b');
    EXPECT_THAT(render_disagreement("f.md", d),
                HasSubstr("ours \"" + std::string(56, 'a') + "...\""));
    d.ours = std::string(60, 'a');
    EXPECT_THAT(render_disagreement("f.md", d), HasSubstr("ours \"" + std::string(60, 'a') + "\""));
}

TEST(DisagreementRenderer, ControlCharactersAreShownNotSent) {
    const Disagreement d{DisagreementKind::alternatives, 2, "clear\x1b[2J", "bell\a", ""};
    const std::string line = render_disagreement("a\x1b[31m.md", d, "redraft/\x1b]0;x\a");
    EXPECT_EQ(line.find('\x1b'), std::string::npos) << line;
    EXPECT_EQ(line.find('\a'), std::string::npos) << line;
    EXPECT_EQ(line,
              "a\\x1b[31m.md:2: alternatives: ours \"clear\\x1b[2J\", theirs "
              "(redraft/\\x1b]0;x\\x07) \"bell\\x07\"\n");
}

TEST(DisagreementRenderer, ManyInOrder) {
    const std::vector<Disagreement> ds = {
        {DisagreementKind::status, 1, "(agreed)", "(revisit)", ""},
        {DisagreementKind::conflict, 4, "a", "b", ""}};
    EXPECT_EQ(render_disagreements("f.md", ds),
              "f.md:1: status: ours \"(agreed)\", theirs \"(revisit)\"\n"
              "f.md:4: conflict: ours \"a\", theirs \"b\"\n");
    EXPECT_EQ(render_disagreements("f.md", {}), "");
}

}  // namespace
}  // namespace accord

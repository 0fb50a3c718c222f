// `accord merge-file` as git's merge-file users run it: the result on
// standard output or in -o, exit 0 clean / 1 disagreements / 2 bad input,
// each disagreement on standard error with its line; and, because git runs
// the merge driver once per merged file, no libgit2 loaded to do it.
#include <gtest/gtest.h>

#include "support/matchers.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

const char* kBase =
    "To continue to [strengthen] the implementation of enhanced cooperation.\n"
    "\n"
    "Recognizes the role of governments in public policy issues.\n";

using test::HasSubstr;
using test::Not;

// Theirs: the first bracket lifted, nothing else changed.
const char* kLifted =
    "To continue to strengthen the implementation of enhanced cooperation.\n"
    "\n"
    "Recognizes the role of governments in public policy issues.\n";

struct Inputs {
    test::TempDir dir;
    std::string base, ours, theirs;
    Inputs(const std::string& ours_text, const std::string& theirs_text)
        : base(dir.write("base.md", kBase)),
          ours(dir.write("ours.md", ours_text)),
          theirs(dir.write("theirs.md", theirs_text)) {}
};

TEST(MergeFileCli, IndependentChangesMergeCleanly) {
    const Inputs in(
        "To continue to [strengthen] the implementation of enhanced cooperation.\n"
        "\n"
        "Recognizes the role of [governments][all stakeholders] in public policy issues.\n",
        kLifted);
    const test::RunResult r = test::accord({"merge-file", in.base, in.ours, in.theirs});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out,
              "To continue to strengthen the implementation of enhanced cooperation.\n"
              "\n"
              "Recognizes the role of [governments][all stakeholders] in public policy issues.\n");
    EXPECT_EQ(r.err, "");
}

// A side's unclosed bracket is carried into the result as written (the
// merge pairs no bracket of its own making wrongly), and standard error
// says so where it stands: a clean exit is no clean text.
TEST(MergeFileCli, AnErrorASideWroteIsNamedInTheMergedText) {
    const Inputs in(
        "To continue to [strengthen] the implementation of enhanced cooperation.\n"
        "\n"
        "Recognizes the role of [governments in public policy issues.\n",
        kLifted);
    const test::RunResult r = test::accord({"merge-file", in.base, in.ours, in.theirs});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out,
              "To continue to strengthen the implementation of enhanced cooperation.\n"
              "\n"
              "Recognizes the role of [governments in public policy issues.\n");
    EXPECT_THAT(r.err,
                HasSubstr("merged text (standard output):3:24: has error[unclosed-bracket]"));
    EXPECT_THAT(r.err, HasSubstr("accord check"));
    // Written to a file: named there.
    const std::string out = in.dir.file("merged.md");
    const test::RunResult to_file =
        test::accord({"merge-file", in.base, in.ours, in.theirs, "-o", out});
    EXPECT_THAT(to_file.err, HasSubstr(out + ":3:24: the merged text has error[unclosed-bracket]"));
    // An error the base had already, which both sides kept, is no news.
    test::TempDir same;
    const std::string base = same.write("base.md", "To continue to [strengthen the work.\n");
    const std::string ours = same.write("ours.md", "To continue to [strengthen the good work.\n");
    const std::string theirs =
        same.write("theirs.md", "Firmly, to continue to [strengthen the work.\n");
    const test::RunResult kept = test::accord({"merge-file", base, ours, theirs});
    EXPECT_EQ(kept.out, "Firmly, to continue to [strengthen the good work.\n");
    EXPECT_THAT(kept.err, Not(HasSubstr("has error")));
}

// Sides written with other line ends merge line for line: ours with lone
// carriage returns (read as propose records it, line feeds), or with CRLF
// (the result written back with CRLF, never a mix, when either side
// changed the base's line ends to CRLF); a UTF-16 side is read
// as UTF-8, not refused as binary.
TEST(MergeFileCli, SidesWithOtherLineEndsOrInUtf16Merge) {
    const std::string ours =
        "To continue to [strengthen] the implementation of enhanced cooperation.\n"
        "\n"
        "Recognizes the role of [governments][all stakeholders] in public policy issues.\n";
    const std::string theirs =
        "To continue to strengthen the implementation of enhanced cooperation.\n"
        "\n"
        "Recognizes the role of governments in public policy issues.\n";
    const std::string merged =
        "To continue to strengthen the implementation of enhanced cooperation.\n"
        "\n"
        "Recognizes the role of [governments][all stakeholders] in public policy issues.\n";
    auto replaced = [](std::string text, const std::string& line_end) {
        std::string out;
        for (char ch : text) out += ch == '\n' ? line_end : std::string(1, ch);
        return out;
    };
    {
        const Inputs in(replaced(ours, "\r"), theirs);
        const test::RunResult r = test::accord({"merge-file", in.base, in.ours, in.theirs});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(r.out, merged);
    }
    {
        const Inputs in(replaced(ours, "\r\n"), theirs);
        const test::RunResult r = test::accord({"merge-file", in.base, in.ours, in.theirs});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(r.out, replaced(merged, "\r\n"));
    }
    {
        // Theirs alone was written again with CRLF: the change of line
        // ends is theirs, and taken, as the merge driver takes any change
        // one side made (ours kept the base's line feeds).
        const Inputs in(ours, replaced(theirs, "\r\n"));
        const test::RunResult r = test::accord({"merge-file", in.base, in.ours, in.theirs});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(r.out, replaced(merged, "\r\n"));
        const Inputs unchanged(kBase, replaced(kBase, "\r\n"));
        const test::RunResult same =
            test::accord({"merge-file", unchanged.base, unchanged.ours, unchanged.theirs});
        EXPECT_EQ(same.exit_code, 0) << same.err;
        EXPECT_EQ(same.out, replaced(kBase, "\r\n"));
    }
    {
        std::string utf16 = "\xFF\xFE";  // little-endian, ASCII text
        for (char ch : theirs) utf16 += std::string(1, ch) + '\0';
        const Inputs in(ours, utf16);
        const test::RunResult r = test::accord({"merge-file", in.base, in.ours, in.theirs});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(r.out, merged);
    }
}

TEST(MergeFileCli, DisagreementBecomesAlternativesNamedWithItsLine) {
    const Inputs in(
        "To continue to [strengthen] the implementation of enhanced cooperation.\n"
        "\n"
        "Recognizes the role of States in public policy issues.\n",
        "To continue to [strengthen] the implementation of enhanced cooperation.\n"
        "\n"
        "Recognizes the role of all stakeholders in public policy issues.\n");
    const std::string out = in.dir.file("merged.md");
    const test::RunResult r = test::accord({"merge-file", "-o", out, in.base, in.ours, in.theirs});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(test::read_all(out),
              "To continue to [strengthen] the implementation of enhanced cooperation.\n"
              "\n"
              "Recognizes the role of [States][all stakeholders] in public policy issues.\n");
    EXPECT_THAT(r.err,
                HasSubstr(out + ":3: alternatives: ours \"States\", theirs \"all stakeholders\""));
}

TEST(MergeFileCli, DifferentTextsAddedToAnEmptyBaseBecomeAlternativesAndAreReported) {
    const test::TempDir dir;
    const std::string base = dir.write("base.md", ""),
                      ours = dir.write("ours.md", "Ours proposes a text.\n"),
                      theirs = dir.write("theirs.md", "Theirs proposes another.\n");
    const test::RunResult r = test::accord({"merge-file", base, ours, theirs});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.out, "[Ours proposes a text.]\n\n[Theirs proposes another.]\n");
    EXPECT_EQ(r.err, ours +
                         ":1: both-added: ours \"Ours proposes a text.\", theirs \"Theirs "
                         "proposes another.\"\n");
}

TEST(MergeFileCli, StrictLeavesConflictMarkers) {
    const Inputs in("Recognizes the role of States.\n", "Recognizes the role of all.\n");
    const test::RunResult r = test::accord({"merge-file", "--strict", in.base, in.ours, in.theirs});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.out, HasSubstr("<<<<<<< " + in.ours));
    EXPECT_THAT(r.out, HasSubstr(">>>>>>> " + in.theirs));
    // Said apart from alternatives made: the exit code is 1 for both.
    EXPECT_THAT(r.err, HasSubstr(in.ours + ": 1 place left between conflict markers"));
}

// Two small groups each added a co-sponsor: sponsorship is additive, so
// both stand, and nothing is left for a person to settle.
TEST(MergeFileCli, SponsorsEachSideAddedAreUnitedCleanly) {
    const test::TempDir dir;
    const auto text = [](const std::string& sponsors) {
        return "---\nid: A-1\nsponsors: " + sponsors + "\n---\n" + kBase;
    };
    const std::string base = dir.write("base.md", text("[Japan, Sweden]")),
                      ours = dir.write("ours.md", text("[Japan, Sweden, Brazil]")),
                      theirs = dir.write("theirs.md", text("[Japan, Sweden, India]"));
    const test::RunResult r = test::accord({"merge-file", base, ours, theirs});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, text("[Japan, Sweden, Brazil, India]"));
    EXPECT_EQ(r.err, "");
}

// --strict decides nothing for the user in the front matter either: a key
// both changed stands between conflict markers, counted with the others.
TEST(MergeFileCli, StrictLeavesAFrontMatterKeyBetweenConflictMarkers) {
    const test::TempDir dir;
    const auto text = [](const std::string& status) {
        return "---\nid: A-1\nstatus: " + status + "\n---\n" + kBase;
    };
    const std::string base = dir.write("base.md", text("revisit")),
                      ours = dir.write("ours.md", text("agreed")),
                      theirs = dir.write("theirs.md", text("no consensus"));
    const test::RunResult r = test::accord({"merge-file", "--strict", base, ours, theirs});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.out, "---\nid: A-1\n<<<<<<< " + ours + "\nstatus: agreed\n=======\n" +
                         "status: no consensus\n>>>>>>> " + theirs + "\n---\n" + kBase);
    EXPECT_THAT(r.err, HasSubstr(ours + ":1: conflict '\"status\"': ours \"agreed\", theirs " +
                                 "\"no consensus\""));
    EXPECT_THAT(r.err, HasSubstr(ours + ": 1 place left between conflict markers"));
    // Without --strict the merge settles it: theirs, agreed being ours alone.
    const test::RunResult settled = test::accord({"merge-file", base, ours, theirs});
    EXPECT_THAT(settled.out, HasSubstr("status: no consensus\n# status, as the other side"));
}

TEST(MergeFileCli, MissingInputIsBadUsageNamingIt) {
    const Inputs in(kBase, kBase);
    const std::string missing = in.dir.file("nowhere.md");
    const test::RunResult r = test::accord({"merge-file", in.base, missing, in.theirs});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_THAT(r.err, HasSubstr("OURS"));
    EXPECT_THAT(r.err, HasSubstr("nowhere.md"));
}

// The dynamic loader names every library it loads (LD_DEBUG=files): a
// merge without a repository loads no libgit2; a command that opens the
// repository does, and works.
TEST(MergeFileCli, LoadsLibgit2OnlyForCommandsThatOpenARepository) {
    const Inputs in(kBase, kBase);
    test::RunOptions traced;
    traced.environment = {"LD_DEBUG=files"};
    const test::RunResult merge = test::accord({"merge-file", in.base, in.ours, in.theirs}, traced);
    ASSERT_EQ(merge.exit_code, 0) << merge.err;
    ASSERT_THAT(merge.err, HasSubstr("libc.so")) << "LD_DEBUG gave no trace: " << merge.err;
    EXPECT_THAT(merge.err, Not(HasSubstr("libgit2")));

    test::RunOptions in_repository = test::in(in.dir.path());
    ASSERT_EQ(test::accord({"init"}, in_repository).exit_code, 0);
    in_repository.environment.push_back("LD_DEBUG=files");
    const test::RunResult log = test::accord({"log"}, in_repository);
    EXPECT_EQ(log.exit_code, 0) << log.err;
    EXPECT_THAT(log.err, HasSubstr("libgit2.so"));
}

}  // namespace
}  // namespace accord

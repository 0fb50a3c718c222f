// Merges of the Paris Agreement versions, each as base, ours and theirs
// against the others: texts far apart, with the stray brackets real
// compilations carry (the 23 October text has 29 notation errors). Where
// the merge cannot keep both sides as alternatives it leaves conflict
// markers, and those must be markers the notation sees: each at the start
// of its line, found by the parser, with both sides' words between them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/notation/parse.hpp"
#include "merge/merge3/merge3.hpp"
#include "support/paths.hpp"

namespace accord {
namespace {

const std::vector<std::string> kVersions = {"agreement-23-oct-2015.md", "agreement-4-dec-2015.md",
                                            "agreement-9-dec-2015.md", "agreement-12-dec-2015.md",
                                            "agreement-final.md"};

std::size_t lines_starting(const std::string& text, const std::string& marker) {
    std::size_t count = 0;
    for (std::size_t at = text.find(marker); at != std::string::npos;
         at = text.find(marker, at + 1))
        count += at == 0 || text[at - 1] == '\n';
    return count;
}

TEST(ParisMerges, ConflictMarkersStartTheirLinesAndTheParserSeesThem) {
    ACCORD_REQUIRE_CORPUS("paris-2015/agreement-final.md");
    std::vector<std::string> texts;
    for (const std::string& file : kVersions)
        texts.push_back(test::read_all(test::corpus_file("paris-2015/" + file)));
    std::size_t merges = 0, with_markers = 0;
    for (std::size_t b = 0; b < texts.size(); ++b) {
        for (std::size_t o = 0; o < texts.size(); ++o) {
            for (std::size_t t = 0; t < texts.size(); ++t) {
                if (b == o || b == t || o == t) continue;
                MergeOptions options;
                options.ours_label = "ours.md";
                options.theirs_label = "theirs.md";
                const MergeResult r = merge3(texts[b], texts[o], texts[t], options);
                const std::string name = kVersions[b] + " " + kVersions[o] + " " + kVersions[t];
                ++merges;
                const std::size_t opened = lines_starting(r.text, "<<<<<<< ours.md\n");
                // Every marker the merge wrote starts its line.
                std::size_t anywhere = 0;
                for (std::size_t at = r.text.find("<<<<<<< ours.md"); at != std::string::npos;
                     at = r.text.find("<<<<<<< ours.md", at + 1))
                    ++anywhere;
                EXPECT_EQ(opened, anywhere) << name;
                EXPECT_EQ(lines_starting(r.text, ">>>>>>> theirs.md\n"), opened) << name;
                EXPECT_EQ(r.has_conflict_markers, opened > 0) << name;
                if (opened == 0) continue;
                ++with_markers;
                std::size_t seen = 0;
                for (const Diagnostic& d : parse(r.text).diagnostics)
                    seen +=
                        d.code == "conflict-marker" && r.text.compare(d.offset, 7, "<<<<<<<") == 0;
                EXPECT_EQ(seen, opened) << name;
            }
        }
    }
    EXPECT_EQ(merges, 60u);
    // Versions this far apart do leave markers: the checks above ran.
    EXPECT_GT(with_markers, 0u);
    std::cout << "[ paris ] " << with_markers << " of " << merges
              << " merges of whole versions leave conflict markers\n";
}

}  // namespace
}  // namespace accord

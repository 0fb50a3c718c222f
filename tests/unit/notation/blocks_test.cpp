#include "core/notation/blocks.hpp"

#include <gtest/gtest.h>

namespace accord {
namespace {

TEST(Blocks, LinkDefinitionsAreCollected) {
    const std::string text = "Text [a][Ref One].\n\n[Ref  one]: http://x.org\n  [^1]: footnote";
    const BlockScan scan = scan_blocks(text, {0, text.size()});
    EXPECT_EQ(scan.link_labels.count("ref one"), 1u);
    EXPECT_EQ(scan.link_labels.size(), 1u) << "footnote definitions are not link labels";
}

TEST(Blocks, LabelRangeStopsBeforeTheText) {
    const std::string text = "Alt 3 Establish an enhanced cooperation mechanism";
    const ByteRange label = find_alternative_label(text, {0, text.size()});
    EXPECT_EQ(text.substr(label.begin, label.size()), "Alt 3");
}

TEST(Blocks, IndentedLabel) {
    const std::string text = "        **Option 2:** *communication before the end*";
    const ByteRange label = find_alternative_label(text, {0, text.size()});
    EXPECT_EQ(text.substr(label.begin, label.size()), "**Option 2:**");
}

TEST(Blocks, StatusTagWithEmphasisOutside) {
    const std::string text = "text. **Recommendation (no consensus)**";
    const StatusTag tag = find_status_tag(text, {0, text.size()}, {"no consensus"});
    EXPECT_EQ(tag.status, "no consensus");
    EXPECT_EQ(text.substr(tag.range.begin, tag.range.size()), "(no consensus)");
}

TEST(Blocks, NormalizeLinkLabel) {
    EXPECT_EQ(normalize_link_label("  Ref\t One \n"), "ref one");
}

}  // namespace
}  // namespace accord

// merge/report/log_view: what `accord log` prints of each proposal.
#include "merge/report/log_view.hpp"

#include <gtest/gtest.h>

namespace accord {
namespace {

bool is_valid_utf8(const std::string& text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t length = c < 0x80         ? 1
                                   : (c >> 5) == 6  ? 2
                                   : (c >> 4) == 14 ? 3
                                   : (c >> 3) == 30 ? 4
                                                    : 0;
        if (length == 0 || i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
        i += length;
    }
    return true;
}

// A long change is cut between characters: a quotation mark that straddles
// the cut is left out whole, never halved into bytes that are no text.
TEST(LogView, DetailsCutLongWordingBetweenCharacters) {
    LogEntry entry;
    entry.proposal.commit = std::string(40, 'a');
    FileChanges file;
    file.path = "decision.md";
    // 67 ASCII bytes, then a three-byte closing quote over the 70th byte.
    const std::string wording =
        "(d) ~~\xE2\x80\x9CReview finalized and significant inconsistencies identified"
        "\xE2\x80\x9D, when the report is published~~";
    file.changes.push_back(Change{ChangeKind::paragraph_added, wording, {}, {}, {}, {}});
    entry.files.push_back(file);
    LogViewOptions options;
    options.details = true;
    const std::string text = render_log_entry_text(entry, options);
    EXPECT_TRUE(is_valid_utf8(text)) << text;
    EXPECT_NE(text.find("paragraph-added \"(d) ~~\xE2\x80\x9CReview finalized"), std::string::npos)
        << text;
    EXPECT_NE(text.find("\xE2\x80\xA6\"\n"), std::string::npos)
        << "ends with an ellipsis: " << text;
}

}  // namespace
}  // namespace accord

// The journal of a command that moves a branch: written and read back
// exactly, whatever bytes its paths hold, and never taken whole when it is not.
#include "core/store/journal.hpp"

#include <gtest/gtest.h>

namespace accord {
namespace {

Journal sample() {
    Journal j;
    j.operation = "redraft start";
    j.branch = "redraft/informal-a";
    j.old_tip = "";
    j.new_tip = std::string(40, 'a');
    j.head_before = "main";
    j.switch_head = true;
    j.sync_index = true;
    j.pid = 4242;
    j.files = {
        {"recs/A 1.md", std::string(40, 'b'), 0100644, true, ""},
        {"odd/%name\twith\nbreaks.md", std::string(40, 'c'), 0100755, false, std::string(40, 'd')},
        {"gone.md", "", 0, true, std::string(40, 'e')}};
    return j;
}

TEST(Journal, ReadsBackWhatWasWritten) {
    const Journal j = sample();
    const std::string text = format_journal(j);
    EXPECT_EQ(parse_journal(text), j) << text;
    // One line per field: a path's line break cannot start a line of its own.
    EXPECT_EQ(text.find("\nbreaks.md"), std::string::npos) << text;
}

TEST(Journal, APartialOrForeignJournalIsNeverTakenWhole) {
    const std::string text = format_journal(sample());
    for (std::size_t cut = 0; cut < text.size(); ++cut) {
        EXPECT_EQ(parse_journal(text.substr(0, cut)), std::nullopt) << "cut at " << cut;
    }
    EXPECT_EQ(parse_journal(text + "file 100644 - no - extra.md\n"), std::nullopt);
    std::string bad_id = text;
    bad_id.replace(bad_id.find(std::string(40, 'a')), 40, std::string(40, 'z'));
    EXPECT_EQ(parse_journal(bad_id), std::nullopt);
    EXPECT_EQ(parse_journal("accord-journal 2\nend\n"), std::nullopt);
}

}  // namespace
}  // namespace accord

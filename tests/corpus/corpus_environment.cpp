// Every test of this executable reads the real negotiated texts of
// ../shared/corpus. A clone without them beside it skips all of them, with a
// message naming what is missing, instead of failing on the first read
// (.ci/run fails on a skip: CI has the corpus).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "support/paths.hpp"

namespace accord {
namespace {

// A skip in a global environment is reported by GoogleTest as a pass, so
// the missing corpus is said here and the executable ends with code 77,
// which ctest reports as a skip (SKIP_RETURN_CODE): never a silent pass.
class CorpusEnvironment : public ::testing::Environment {
  public:
    void SetUp() override {
        const std::string missing = test::missing_corpus(
            {"wgec-2013-14/draft-recommendations.txt", "paris-2015/agreement-23-oct-2015.md",
             "paris-2015/decision-6-nov-2015.md", "paris-2015/agreement-4-dec-2015.md",
             "paris-2015/agreement-9-dec-2015.md", "paris-2015/agreement-12-dec-2015.md",
             "paris-2015/agreement-final.md", "unfccc-art6.2-2024/party-inputs.docx",
             "unfccc-art6.2-2024/draft-decision-1st-iteration.docx",
             "unfccc-art6.2-2024/draft-decision-1st-iteration.txt"});
        if (missing.empty()) return;
        std::printf("[  SKIPPED ] every corpus test: %s\n", missing.c_str());
        std::fflush(stdout);
        std::_Exit(kSkipped);
    }
    static constexpr int kSkipped = 77;
};

const ::testing::Environment* const kCorpus =
    ::testing::AddGlobalTestEnvironment(new CorpusEnvironment);

}  // namespace
}  // namespace accord

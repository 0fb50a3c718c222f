// The layering rule of ARCHITECTURE.md, read off the sources' own includes:
// each layer includes only layers below it, core/util includes nothing of
// accord outside itself, and each outside C library is included in one place.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace accord {
namespace {

namespace fs = std::filesystem;

struct Include {
    std::string file;  // relative to the project, '/'-separated
    std::string target;
};

// Every #include of every source file under `folder`.
std::vector<Include> includes_under(const std::string& folder) {
    std::vector<Include> out;
    const fs::path root(ACCORD_SOURCE_DIR);
    static const std::regex line(R"(^\s*#\s*include\s*["<]([^">]+)[">])");
    for (const auto& entry : fs::recursive_directory_iterator(root / folder)) {
        const std::string ext = entry.path().extension().string();
        if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
        std::ifstream in(entry.path());
        std::string text;
        const std::string file = entry.path().lexically_relative(root).generic_string();
        while (std::getline(in, text)) {
            std::smatch m;
            if (std::regex_search(text, m, line)) out.push_back({file, m[1]});
        }
    }
    EXPECT_FALSE(out.empty()) << "no sources found under " << folder;
    return out;
}

bool starts_with(const std::string& text, const std::string& prefix) {
    return text.rfind(prefix, 0) == 0;
}

// "file -> target" for each include of `folder` whose target starts with
// one of `forbidden`.
std::vector<std::string> violations(const std::string& folder,
                                    const std::vector<std::string>& forbidden) {
    std::vector<std::string> found;
    for (const Include& inc : includes_under(folder)) {
        for (const std::string& prefix : forbidden) {
            if (starts_with(inc.target, prefix)) found.push_back(inc.file + " -> " + inc.target);
        }
    }
    return found;
}

TEST(Layering, CoreIncludesNeitherTheEnginesNorTheChecksNorTheCommands) {
    EXPECT_THAT(violations("core", {"merge/", "hooks/", "cmd/"}), testing::IsEmpty());
}

TEST(Layering, TheNotationKnowsNoRepositoryAndTheStoreNoImporter) {
    EXPECT_THAT(violations("core/notation", {"core/store/", "core/import/"}), testing::IsEmpty());
    EXPECT_THAT(violations("core/store", {"core/import/"}), testing::IsEmpty());
}

TEST(Layering, UtilIncludesNothingOfAccordOutsideItself) {
    std::vector<std::string> found;
    for (const Include& inc : includes_under("core/util")) {
        const bool accords = starts_with(inc.target, "core/") ||
                             starts_with(inc.target, "merge/") ||
                             starts_with(inc.target, "hooks/") || starts_with(inc.target, "cmd/");
        if (accords && !starts_with(inc.target, "core/util/"))
            found.push_back(inc.file + " -> " + inc.target);
    }
    EXPECT_THAT(found, testing::IsEmpty());
}

TEST(Layering, EnginesDoNotIncludeTheChecksOrTheCommands) {
    EXPECT_THAT(violations("merge", {"hooks/", "cmd/"}), testing::IsEmpty());
    EXPECT_THAT(violations("hooks", {"cmd/"}), testing::IsEmpty());
}

TEST(Layering, EachOutsideLibraryIsIncludedInOnePlace) {
    const std::vector<std::pair<std::string, std::string>> libraries = {
        {"git2", "core/store/git_api.hpp"},     {"dtl/", "merge/diff/sequence_diff.cpp"},
        {"zip.h", "core/util/zip_archive.cpp"}, {"pugixml", "core/import/docx/docx_xml.cpp"},
        {"openssl/", "core/util/crypto.cpp"},   {"zlib.h", "core/util/inflate.cpp"},
    };
    std::map<std::string, std::set<std::string>> includers;
    for (const std::string folder : {"core", "merge", "hooks", "cmd"}) {
        for (const Include& inc : includes_under(folder)) {
            for (const auto& [library, home] : libraries) {
                if (starts_with(inc.target, library)) includers[library].insert(inc.file);
            }
        }
    }
    for (const auto& [library, home] : libraries) {
        const std::set<std::string>& found = includers[library];
        EXPECT_LE(found.size(), 1u)
            << library << " is included by " << testing::PrintToString(found);
        if (!home.empty()) {
            EXPECT_THAT(found, testing::ElementsAre(home)) << library;
        }
    }
}

}  // namespace
}  // namespace accord

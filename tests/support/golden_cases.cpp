#include "support/golden_cases.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "support/paths.hpp"

namespace accord::test {

namespace fs = std::filesystem;

namespace {

constexpr const char* kFailing = "failing";

std::vector<std::string> directories_in(const fs::path& dir) {
    std::vector<std::string> names;
    if (!fs::is_directory(dir)) return names;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
        if (entry.is_directory()) names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

bool GoldenCase::has(const std::string& file) const {
    return fs::exists(dir + file);
}

std::string GoldenCase::read(const std::string& file) const {
    return read_all(dir + file);
}

std::optional<std::string> GoldenCase::read_if_present(const std::string& file) const {
    if (!has(file)) return std::nullopt;
    return read(file);
}

std::vector<GoldenCase> golden_cases(const std::string& engine) {
    const fs::path root = fs::path(source_dir()) / "tests" / "cases" / engine;
    std::vector<GoldenCase> cases;
    for (const std::string& name : directories_in(root)) {
        if (name != kFailing) cases.push_back({name, (root / name).string() + "/", false});
    }
    return cases;
}

std::vector<GoldenCase> failing_golden_cases(const std::string& engine) {
    const fs::path root = fs::path(source_dir()) / "tests" / "cases" / engine / kFailing;
    std::vector<GoldenCase> cases;
    for (const std::string& name : directories_in(root))
        cases.push_back({name, (root / name).string() + "/", true});
    return cases;
}

void PrintTo(const GoldenCase& golden_case, std::ostream* out) {
    *out << (golden_case.failing ? "failing/" : "") << golden_case.name;
}

std::string golden_test_name(const GoldenCase& golden_case) {
    std::string name = golden_case.name;
    for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return name;
}

}  // namespace accord::test

#pragma once
// Golden cases (mergiraf's habit): tests/cases/<engine>/<name>/ holds one
// case's input and expected files. Cases under tests/cases/<engine>/failing/
// are known to give a wrong result: each keeps what it gives today, so that
// a fix (or a new way to be wrong) shows up as a failing test.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace accord::test {

struct GoldenCase {
    std::string name;  // "replaced-differently"
    std::string dir;   // its directory, ending in '/'
    bool failing = false;

    bool has(const std::string& file) const;
    // The file's contents; throws when it cannot be read.
    std::string read(const std::string& file) const;
    // The file's contents, or nullopt when there is no such file.
    std::optional<std::string> read_if_present(const std::string& file) const;
};

// The cases of tests/cases/<engine>, by name.
std::vector<GoldenCase> golden_cases(const std::string& engine);
// The cases of tests/cases/<engine>/failing, by name.
std::vector<GoldenCase> failing_golden_cases(const std::string& engine);

// How GoogleTest prints a case: its name.
void PrintTo(const GoldenCase& golden_case, std::ostream* out);

// A case's name as GoogleTest allows it in a test name: letters and digits,
// '_' for anything else.
std::string golden_test_name(const GoldenCase& golden_case);

}  // namespace accord::test

#pragma once
// Checks that the structural diff of a stretch (merge/diff/diff_window.hpp)
// tells the changes the whole comparison tells: pairs of versions compared
// both ways, the first difference kept to show.
#include <sstream>
#include <string>
#include <vector>

#include "core/notation/parse.hpp"
#include "merge/diff/diff_window.hpp"
#include "merge/diff/structural_diff.hpp"

namespace accord::test {

inline std::string told(const std::vector<Change>& changes) {
    std::ostringstream out;
    for (const Change& c : changes) {
        out << to_string(c.kind) << " '" << c.text << "' old " << c.old_range.begin << "-"
            << c.old_range.end << " new " << c.new_range.begin << "-" << c.new_range.end << " '"
            << c.before << "' '" << c.after << "'\n";
    }
    return out.str();
}

struct StretchCheck {
    std::size_t pairs = 0, windowed = 0, differing = 0;
    std::string first;  // where the first difference was, and both answers

    void compare(const std::string& a, const std::string& b, const ParseOptions& options,
                 const std::string& where) {
        const Document before = parse(a, options), after = parse(b, options);
        ++pairs;
        if (find_diff_window(before, after)) ++windowed;
        const std::string whole = told(structural_diff_whole(before, after));
        const std::string stretch = told(structural_diff(before, after));
        if (whole != stretch && differing++ == 0)
            first = where + "\nwhole:\n" + whole + "stretch:\n" + stretch;
    }
};

}  // namespace accord::test

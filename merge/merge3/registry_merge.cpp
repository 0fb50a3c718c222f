#include "merge/merge3/registry_merge.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/store/config.hpp"
#include "core/store/config_merge.hpp"
#include "core/util/errors.hpp"
#include "core/util/lines.hpp"
#include "merge/diff/sequence_diff.hpp"

namespace accord {

namespace {

constexpr std::uint32_t kUnmatched = 0xffffffffu;

// A line without its line end: a last line without one is the same line,
// and so is a line whose end a Windows editor wrote.
std::string_view content(std::string_view line) {
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

// For each line of `base`, its line in `side` where the line diff keeps it.
std::vector<std::uint32_t> kept_lines(const std::vector<std::string_view>& base,
                                      const std::vector<std::string_view>& side,
                                      std::unordered_map<std::string_view, std::uint32_t>& ids) {
    auto intern = [&](const std::vector<std::string_view>& lines) {
        std::vector<std::uint32_t> out;
        out.reserve(lines.size());
        for (std::string_view line : lines)
            out.push_back(
                ids.emplace(content(line), static_cast<std::uint32_t>(ids.size())).first->second);
        return out;
    };
    std::vector<std::uint32_t> kept(base.size(), kUnmatched);
    for (const Edit& e : diff_sequences(intern(base), intern(side)))
        if (e.kind == EditKind::common) kept[e.old_index] = e.new_index;
    return kept;
}

struct Range {
    std::uint32_t begin, end;
};

// One region of the diff3: stable (the same lines on all three sides) or
// changed on one side or both.
struct Region {
    Range base, ours, theirs;
    bool stable;
};

std::vector<Region> diff3_regions(const std::vector<std::string_view>& base,
                                  const std::vector<std::string_view>& ours,
                                  const std::vector<std::string_view>& theirs) {
    std::unordered_map<std::string_view, std::uint32_t> ids;
    const std::vector<std::uint32_t> in_ours = kept_lines(base, ours, ids);
    const std::vector<std::uint32_t> in_theirs = kept_lines(base, theirs, ids);
    const auto nb = static_cast<std::uint32_t>(base.size());
    const auto no = static_cast<std::uint32_t>(ours.size());
    const auto nt = static_cast<std::uint32_t>(theirs.size());
    std::vector<Region> out;
    std::uint32_t b = 0, o = 0, t = 0;
    while (b < nb || o < no || t < nt) {
        if (b < nb && in_ours[b] == o && in_theirs[b] == t) {
            if (out.empty() || !out.back().stable) out.push_back({{b, b}, {o, o}, {t, t}, true});
            ++b, ++o, ++t;
            out.back().base.end = b, out.back().ours.end = o, out.back().theirs.end = t;
            continue;
        }
        // The next base line both sides keep ends the changed region (the
        // diffs are in order, so it lies after o and t on each side).
        std::uint32_t next = b;
        while (next < nb && (in_ours[next] == kUnmatched || in_theirs[next] == kUnmatched)) ++next;
        const std::uint32_t o_end = next < nb ? in_ours[next] : no;
        const std::uint32_t t_end = next < nb ? in_theirs[next] : nt;
        out.push_back({{b, next}, {o, o_end}, {t, t_end}, false});
        b = next, o = o_end, t = t_end;
    }
    return out;
}

bool same_lines(const std::vector<std::string_view>& a, Range ra,
                const std::vector<std::string_view>& b, Range rb) {
    return ra.end - ra.begin == rb.end - rb.begin &&
           std::equal(
               a.begin() + ra.begin, a.begin() + ra.end, b.begin() + rb.begin,
               [](std::string_view x, std::string_view y) { return content(x) == content(y); });
}

// A registry with its lists in a fixed order: two registries that list the
// same entries in another order mean the same.
Config in_name_order(Config c) {
    auto by_name = [](const auto& x, const auto& y) { return x.name < y.name; };
    std::sort(c.delegations.begin(), c.delegations.end(), by_name);
    std::sort(c.meetings.begin(), c.meetings.end(), by_name);
    std::sort(c.secretariat.begin(), c.secretariat.end(), by_name);
    std::sort(c.other.begin(), c.other.end());
    return c;
}

std::optional<Config> parsed(std::string_view text, const std::string& path) {
    try {
        return parse_config(text, path);
    } catch (const Error&) {
        return std::nullopt;
    }
}

class Assembler {
  public:
    Assembler(const std::vector<std::string_view>& base, const std::vector<std::string_view>& ours,
              const std::vector<std::string_view>& theirs, const RegistryMergeOptions& options,
              std::string_view line_end)
        : base_(base), ours_(ours), theirs_(theirs), options_(options), line_end_(line_end) {}

    // The merged text; with `unite`, both sides' additions at one place
    // kept, else between markers.
    RegistryMerge assemble(const std::vector<Region>& regions, bool unite) const {
        RegistryMerge out;
        for (const Region& r : regions) {
            if (r.stable || same_lines(base_, r.base, theirs_, r.theirs)) {
                put(out.text, ours_, r.ours);
            } else if (same_lines(base_, r.base, ours_, r.ours) ||
                       same_lines(ours_, r.ours, theirs_, r.theirs)) {
                put(out.text, theirs_, r.theirs);
            } else if (unite && r.base.begin == r.base.end) {
                put(out.text, ours_, r.ours);
                put(out.text, theirs_, r.theirs);
                ++out.united;
            } else {
                put_marker(out.text, "<<<<<<< " + options_.ours_label);
                put(out.text, ours_, r.ours);
                put_marker(out.text, "=======");
                put(out.text, theirs_, r.theirs);
                put_marker(out.text, ">>>>>>> " + options_.theirs_label);
                ++out.conflicts;
            }
        }
        return out;
    }

  private:
    void put(std::string& out, const std::vector<std::string_view>& lines, Range r) const {
        for (std::uint32_t i = r.begin; i < r.end; ++i) {
            // A side's last line without its line end, followed by more.
            if (!out.empty() && out.back() != '\n') out += line_end_;
            out += lines[i];
        }
    }
    void put_marker(std::string& out, const std::string& marker) const {
        if (!out.empty() && out.back() != '\n') out += line_end_;
        out += marker;
        out += line_end_;
    }

    const std::vector<std::string_view>&base_, &ours_, &theirs_;
    const RegistryMergeOptions& options_;
    std::string_view line_end_;
};

}  // namespace

RegistryMerge merge_registry(std::string_view base, std::string_view ours, std::string_view theirs,
                             const RegistryMergeOptions& options) {
    const std::vector<std::string_view> base_lines = lines_with_ends(base),
                                        ours_lines = lines_with_ends(ours),
                                        theirs_lines = lines_with_ends(theirs);
    const std::vector<Region> regions = diff3_regions(base_lines, ours_lines, theirs_lines);
    const std::string_view line_end = ours.find("\r\n") != std::string_view::npos ? "\r\n" : "\n";
    const Assembler assembler(base_lines, ours_lines, theirs_lines, options, line_end);

    RegistryMerge merged = assembler.assemble(regions, true);
    if (merged.united > 0) {
        // Both sides' additions kept only where that is what the entry-by-
        // entry merge means: otherwise a person decides, as with git.
        const std::optional<Config> base_config = parsed(base, options.path),
                                    ours_config = parsed(ours, options.path),
                                    theirs_config = parsed(theirs, options.path),
                                    result = parsed(merged.text, options.path);
        std::optional<Config> meant;
        if (base_config && ours_config && theirs_config)
            meant = merge_configs(*base_config, *ours_config, *theirs_config);
        if (!result || !meant || in_name_order(*result) != in_name_order(*meant))
            merged = assembler.assemble(regions, false);
    }
    if (merged.conflicts == 0) {
        try {
            (void)parse_config(merged.text, options.path);
        } catch (const Error& e) {
            merged.problem = e.what();
        }
    }
    return merged;
}

}  // namespace accord

#include "merge/diff/sequence_diff.hpp"

#include <dtl/dtl.hpp>

#include "merge/diff/bounded_myers.hpp"

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace accord {

namespace {

using Sequence = std::vector<std::uint32_t>;

// Below this product of lengths, dtl runs directly.
constexpr std::uint64_t kDirectLimit = 1u << 22;
// Below this product of lengths, dtl; above, an exact Myers search.
constexpr std::uint64_t kDtlLimit = 1u << 16;

class Differ {
  public:
    Differ(const Sequence& a, const Sequence& b, std::vector<Edit>& out,
           std::uint64_t direct_limit = kDirectLimit)
        : a_(a), b_(b), out_(out), direct_limit_(direct_limit) {}

    void diff(std::uint32_t a_begin, std::uint32_t a_end, std::uint32_t b_begin,
              std::uint32_t b_end) {
        // Common prefix and suffix.
        while (a_begin < a_end && b_begin < b_end && a_[a_begin] == b_[b_begin]) {
            out_.push_back({EditKind::common, a_begin++, b_begin++});
        }
        std::uint32_t suffix = 0;
        while (a_end - suffix > a_begin && b_end - suffix > b_begin &&
               a_[a_end - suffix - 1] == b_[b_end - suffix - 1]) {
            ++suffix;
        }
        const std::uint32_t a_mid = a_end - suffix, b_mid = b_end - suffix;
        middle(a_begin, a_mid, b_begin, b_mid);
        for (std::uint32_t k = 0; k < suffix; ++k)
            out_.push_back({EditKind::common, a_mid + k, b_mid + k});
    }

  private:
    // Whether a short stretch of `a` and one of `b` share no element: then
    // every script removes the one and adds the other (dtl would be called
    // for nothing; a replaced word or paragraph is the most common hunk).
    bool disjoint(std::uint32_t a_begin, std::uint32_t a_end, std::uint32_t b_begin,
                  std::uint32_t b_end) const {
        if (a_end - a_begin > 8 || b_end - b_begin > 8) return false;
        for (std::uint32_t i = a_begin; i < a_end; ++i) {
            for (std::uint32_t j = b_begin; j < b_end; ++j) {
                if (a_[i] == b_[j]) return false;
            }
        }
        return true;
    }

    void middle(std::uint32_t a_begin, std::uint32_t a_end, std::uint32_t b_begin,
                std::uint32_t b_end) {
        if (a_begin == a_end || b_begin == b_end || disjoint(a_begin, a_end, b_begin, b_end)) {
            for (std::uint32_t i = a_begin; i < a_end; ++i)
                out_.push_back({EditKind::removed, i, 0});
            for (std::uint32_t j = b_begin; j < b_end; ++j) out_.push_back({EditKind::added, 0, j});
            return;
        }
        const std::uint64_t size = std::uint64_t(a_end - a_begin) * (b_end - b_begin);
        if (size > direct_limit_) {
            const auto anchors = patience_anchors(a_begin, a_end, b_begin, b_end);
            if (!anchors.empty()) {
                std::uint32_t a_at = a_begin, b_at = b_begin;
                for (const auto& [i, j] : anchors) {
                    diff(a_at, i, b_at, j);
                    out_.push_back({EditKind::common, i, j});
                    a_at = i + 1, b_at = j + 1;
                }
                diff(a_at, a_end, b_at, b_end);
                return;
            }
        }
        // Which search. dtl (Wu's O(NP)) costs at most the product of the
        // lengths, but records each step in memory, some 30 times dearer than
        // a step of Myers' search in linear space, which costs at least the
        // total length times the difference in length: dtl for short
        // stretches and for one much longer than the other (a long paragraph
        // replaced by a sentence), Myers for the rest, exact up to
        // kDirectLimit and bounded past it as git bounds it. dtl's script is
        // checked (past 2,000,000 recorded points its search restarts, and a
        // second restart misplaces every index after it): Myers when it fails.
        const std::uint64_t a_size = a_end - a_begin, b_size = b_end - b_begin;
        const std::uint64_t difference = a_size > b_size ? a_size - b_size : b_size - a_size;
        const bool lopsided =
            (a_size + b_size) * difference > 32 * size && size <= 64 * kDirectLimit;
        if ((lopsided || size <= kDtlLimit) && with_dtl(a_begin, a_end, b_begin, b_end)) return;
        with_myers(a_begin, a_end, b_begin, b_end, size > kDirectLimit ? 0 : kExact);
    }

    static constexpr std::int64_t kExact = std::numeric_limits<std::int64_t>::max();

    void with_myers(std::uint32_t a_begin, std::uint32_t a_end, std::uint32_t b_begin,
                    std::uint32_t b_end, std::int64_t max_cost) {
        const MyersChanges changes =
            bounded_myers(a_, a_begin, a_end, b_, b_begin, b_end, max_cost);
        std::uint32_t i = 0, j = 0;
        const std::uint32_t size_a = a_end - a_begin, size_b = b_end - b_begin;
        while (i < size_a || j < size_b) {
            if (i < size_a && changes.removed[i]) {
                out_.push_back({EditKind::removed, a_begin + i++, 0});
            } else if (j < size_b && changes.added[j]) {
                out_.push_back({EditKind::added, 0, b_begin + j++});
            } else {
                out_.push_back({EditKind::common, a_begin + i++, b_begin + j++});
            }
        }
    }

    // Elements that occur exactly once on each side, in the longest run that
    // keeps their order on both sides.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> patience_anchors(std::uint32_t a_begin,
                                                                          std::uint32_t a_end,
                                                                          std::uint32_t b_begin,
                                                                          std::uint32_t b_end) {
        struct Seen {
            std::uint32_t a_count = 0, b_count = 0, a_at = 0, b_at = 0;
        };
        // Elements are interned ids, mostly small: a table indexed by id when
        // it is not much larger than the stretch, a hash map otherwise.
        std::uint32_t largest = 0;
        for (std::uint32_t i = a_begin; i < a_end; ++i) largest = std::max(largest, a_[i]);
        for (std::uint32_t j = b_begin; j < b_end; ++j) largest = std::max(largest, b_[j]);
        const std::uint64_t stretch = std::uint64_t(a_end - a_begin) + (b_end - b_begin);
        std::vector<Seen> table;
        std::unordered_map<std::uint32_t, Seen> map;
        const bool use_table = largest < 4 * stretch + 64;
        if (use_table) {
            table.resize(std::size_t(largest) + 1);
        } else {
            map.reserve(stretch);
        }
        auto seen = [&](std::uint32_t element) -> Seen& {
            return use_table ? table[element] : map[element];
        };
        for (std::uint32_t i = a_begin; i < a_end; ++i) {
            Seen& s = seen(a_[i]);
            ++s.a_count, s.a_at = i;
        }
        for (std::uint32_t j = b_begin; j < b_end; ++j) {
            Seen& s = seen(b_[j]);
            ++s.b_count, s.b_at = j;
        }
        std::vector<std::pair<std::uint32_t, std::uint32_t>> unique;  // in order of a
        for (std::uint32_t i = a_begin; i < a_end; ++i) {
            const Seen& s = seen(a_[i]);
            if (s.a_count == 1 && s.b_count == 1) unique.push_back({i, s.b_at});
        }
        return longest_increasing_chain(unique);
    }

    // Appends dtl's script, or appends nothing and returns false when the
    // script does not hold (a common pair unequal or out of order, an element
    // left out).
    bool with_dtl(std::uint32_t a_begin, std::uint32_t a_end, std::uint32_t b_begin,
                  std::uint32_t b_end) {
        const std::size_t mark = out_.size();
        const Sequence a(a_.begin() + a_begin, a_.begin() + a_end);
        const Sequence b(b_.begin() + b_begin, b_.begin() + b_end);
        dtl::Diff<std::uint32_t, Sequence> d(a, b, true);  // deletions before additions in a hunk
        // dtl's "huge" mode reserves a large buffer up front: only worth it for long inputs.
        if (a.size() + b.size() > 100000) d.enableHuge();
        d.compose();
        for (const auto& [element, info] : d.getSes().getSequence()) {
            (void)element;
            switch (info.type) {
                case dtl::SES_COMMON:
                    out_.push_back({EditKind::common, a_begin + std::uint32_t(info.beforeIdx - 1),
                                    b_begin + std::uint32_t(info.afterIdx - 1)});
                    break;
                case dtl::SES_DELETE:
                    out_.push_back(
                        {EditKind::removed, a_begin + std::uint32_t(info.beforeIdx - 1), 0});
                    break;
                case dtl::SES_ADD:
                    out_.push_back(
                        {EditKind::added, 0, b_begin + std::uint32_t(info.afterIdx - 1)});
                    break;
            }
        }
        if (script_holds(mark, a_begin, a_end, b_begin, b_end)) return true;
        out_.resize(mark);
        return false;
    }

    // Whether out_[mark, end) walks a[a_begin, a_end) and b[b_begin, b_end)
    // each once and in order, pairing only equal elements.
    bool script_holds(std::size_t mark, std::uint32_t a_begin, std::uint32_t a_end,
                      std::uint32_t b_begin, std::uint32_t b_end) const {
        std::uint32_t i = a_begin, j = b_begin;
        for (std::size_t k = mark; k < out_.size(); ++k) {
            const Edit& e = out_[k];
            if (e.kind != EditKind::added && e.old_index != i++) return false;
            if (e.kind != EditKind::removed && e.new_index != j++) return false;
            if (e.kind == EditKind::common && a_[e.old_index] != b_[e.new_index]) return false;
        }
        return i == a_end && j == b_end;
    }

    const Sequence& a_;
    const Sequence& b_;
    std::vector<Edit>& out_;
    std::uint64_t direct_limit_;  // below this product of lengths, dtl runs directly
};

}  // namespace

std::vector<PositionPair> longest_increasing_chain(const std::vector<PositionPair>& pairs) {
    std::vector<std::uint32_t> tails;  // index into pairs
    std::vector<std::int64_t> previous(pairs.size(), -1);
    for (std::uint32_t k = 0; k < pairs.size(); ++k) {
        const auto it = std::lower_bound(
            tails.begin(), tails.end(), pairs[k].second,
            [&](std::uint32_t t, std::uint32_t value) { return pairs[t].second < value; });
        if (it != tails.begin()) previous[k] = *(it - 1);
        if (it == tails.end()) {
            tails.push_back(k);
        } else {
            *it = k;
        }
    }
    std::vector<PositionPair> chain;
    for (std::int64_t k = tails.empty() ? std::int64_t{-1} : std::int64_t{tails.back()}; k >= 0;
         k = previous[k])
        chain.push_back(pairs[k]);
    std::reverse(chain.begin(), chain.end());
    return chain;
}

void order_hunks(std::vector<Edit>& script) {
    for (std::size_t k = 0; k < script.size();) {
        if (script[k].kind == EditKind::common) {
            ++k;
            continue;
        }
        std::size_t end = k;
        while (end < script.size() && script[end].kind != EditKind::common) ++end;
        std::stable_partition(script.begin() + k, script.begin() + end,
                              [](const Edit& e) { return e.kind == EditKind::removed; });
        k = end;
    }
}

namespace {

std::vector<Edit> run_differ(const Sequence& a, const Sequence& b, std::uint64_t direct_limit) {
    std::vector<Edit> script;
    script.reserve(std::max(a.size(), b.size()) + 16);
    Differ(a, b, script, direct_limit)
        .diff(0, static_cast<std::uint32_t>(a.size()), 0, static_cast<std::uint32_t>(b.size()));
    order_hunks(script);
    return script;
}

}  // namespace

std::vector<Edit> diff_sequences(const Sequence& a, const Sequence& b) {
    return run_differ(a, b, kDirectLimit);
}

std::vector<Edit> diff_sequences_anchored(const Sequence& a, const Sequence& b) {
    return run_differ(a, b, 0);
}

std::optional<std::pair<std::size_t, std::size_t>> stretch_around(const std::vector<Edit>& script,
                                                                  std::size_t begin,
                                                                  std::size_t end, bool removal) {
    const auto index = [&](std::size_t e) {
        return removal ? script[e].old_index : script[e].new_index;
    };
    std::size_t left = begin, right = end;
    while (left > 0 && script[left - 1].kind == EditKind::common) --left;
    while (right < script.size() && script[right].kind == EditKind::common) ++right;
    for (std::size_t e = left; e < right; ++e)
        if (index(e) != index(left) + (e - left)) return std::nullopt;
    return std::pair{left, right};
}

void put_run_at(std::vector<Edit>& script, std::size_t left, std::size_t right, bool removal,
                std::uint32_t run_begin, std::uint32_t run_size) {
    std::vector<std::uint32_t> other;
    for (std::size_t e = left; e < right; ++e) {
        if (script[e].kind == EditKind::common)
            other.push_back(removal ? script[e].new_index : script[e].old_index);
    }
    const std::uint32_t span_begin = removal ? script[left].old_index : script[left].new_index;
    std::size_t e = left, o = 0;
    for (std::uint32_t t = span_begin; t < span_begin + (right - left); ++t) {
        if (t >= run_begin && t < run_begin + run_size) {
            script[e++] = removal ? Edit{EditKind::removed, t, 0} : Edit{EditKind::added, 0, t};
        } else {
            script[e++] = removal ? Edit{EditKind::common, t, other[o++]}
                                  : Edit{EditKind::common, other[o++], t};
        }
    }
}

}  // namespace accord

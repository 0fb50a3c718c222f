#pragma once
// Data for the blame benchmark ("blaming one recommendation of about
// 1,300 words over a history of 2,000 proposals takes no longer than
// line-level git blame of the same file over the same history"): a generated
// negotiation history, written into a real git repository as accord records
// proposals, so that accord's blame and `git blame` read the same commits.
#include <cstdint>
#include <string>
#include <vector>

#include "support/negotiation_generator.hpp"

namespace accord::bench {

// One recommendation that grows to about 1,300 words and stays there, over
// 2,000 proposals; ground truth kept for the last version only.
test::GeneratorOptions blame_bench_options(std::uint64_t seed = 1);

// A heavily bracketed recommendation: about 1,800 words and 470 brackets
// after 2,000 proposals, many of them options, the Chair lifting few.
test::GeneratorOptions bracketed_bench_options(std::uint64_t seed = 1);

// Four recommendations over 2,000 proposals, wording moved between them and
// tabled again; about 1,000 words each.
test::GeneratorOptions texts_bench_options(std::uint64_t seed = 1);

struct BenchRepository {
    std::string workdir;               // absolute, ends with '/'
    std::string path;                  // the recommendation, relative to the work tree
    std::vector<std::string> commits;  // commits[k] records history.versions[k]
};

// Creates a git repository at `dir` (which must not be one yet; created if
// missing) on branch main and records every version of `history` as one
// commit, as `accord propose` would: the author is the proposer (with
// accord's delegation address) at the version's date, the committer is the
// secretariat, and the message ends with a `Proposed-by:` trailer. The first
// commit also writes accord.yaml naming every proposer, with the notation
// `history.parse_options` reads. The work tree is left holding the last version.
BenchRepository write_history_repository(const test::GeneratedHistory& history,
                                         const std::string& dir,
                                         const std::string& path = "recs/A-1.md");

// The same for a history of several texts: one commit per proposal, writing
// the texts it changed at their paths. `path` is the first text's.
BenchRepository write_texts_repository(const test::GeneratedHistory& history,
                                       const std::string& dir);

}  // namespace accord::bench

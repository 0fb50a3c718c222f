#include "bench/blame_bench_data.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/store/config.hpp"
#include "core/util/date.hpp"
#include "hooks/record/proposal.hpp"
#include "core/store/repository.hpp"

namespace accord::bench {

test::GeneratorOptions blame_bench_options(std::uint64_t seed) {
    test::GeneratorOptions options;
    options.seed = seed;
    options.proposals = 2000;
    options.initial_paragraphs = 3;
    options.max_words = 1350;
    options.truth_for_every_version = false;
    // A recommendation is a few long paragraphs, not dozens of short ones.
    options.weights[static_cast<std::size_t>(test::Operation::add_paragraph)] = 0.1;
    options.weights[static_cast<std::size_t>(test::Operation::add_alternative_paragraph)] = 0.05;
    return options;
}

namespace {

// "2014-02-07T12:00:00Z" (as the generator writes dates) in seconds since the epoch.
std::int64_t seconds_of(const std::string& date) {
    const std::optional<std::int64_t> day = parse_iso_date(date.substr(0, 10));
    if (!day || date.size() < 19 || date[10] != 'T')
        throw std::invalid_argument("not a generated date: " + date);
    const auto digits = [&](std::size_t at) { return std::stoi(date.substr(at, 2)); };
    return day_start_utc(*day) + digits(11) * 3600 + digits(14) * 60 + digits(17);
}

}  // namespace

BenchRepository write_history_repository(const test::GeneratedHistory& history,
                                         const std::string& dir, const std::string& path) {
    Repository repo = Repository::init(dir, "main");
    BenchRepository out{repo.workdir(), path, {}};

    Config config;
    config.negotiation = "Generated negotiation";
    config.notation = history.parse_options.notation;
    for (const BlameVersion& version : history.versions) {
        for (const std::string& name : version.proposers) {
            const bool known = std::any_of(config.delegations.begin(), config.delegations.end(),
                                           [&](const Delegation& d) { return d.name == name; });
            if (!known) config.delegations.push_back({name, {}, ""});
        }
    }

    for (std::size_t k = 0; k < history.versions.size(); ++k) {
        const BlameVersion& version = history.versions[k];
        const std::int64_t time = seconds_of(version.date);
        CommitRequest request;
        if (k == 0) request.files.emplace_back(kConfigFileName, emit_config(config));
        request.files.emplace_back(path, version.text);
        const std::string& author = version.proposers.front();
        request.author = Signature{author, delegation_email(author), time, 0};
        request.committer = Signature{"Secretariat", "secretariat@example.org", time, 0};
        request.message = "Proposal by " + author + " on " + path + "\n\n";
        for (const std::string& name : version.proposers)
            request.message += "Proposed-by: " + name + "\n";
        request.write_worktree = k == 0 || k + 1 == history.versions.size();
        out.commits.push_back(repo.commit_files(request));
    }
    return out;
}

}  // namespace accord::bench

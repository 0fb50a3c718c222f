#include "bench/blame_bench_data.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/store/config.hpp"
#include "core/store/repository.hpp"
#include "core/util/date.hpp"
#include "hooks/record/proposal.hpp"

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

test::GeneratorOptions bracketed_bench_options(std::uint64_t seed) {
    test::GeneratorOptions options = blame_bench_options(seed);
    options.max_words = 1850;
    const auto set = [&](test::Operation operation, double weight) {
        options.weights[static_cast<std::size_t>(operation)] = weight;
    };
    set(test::Operation::add_option, 3.5);
    set(test::Operation::bracket_existing, 2.5);
    set(test::Operation::lift_bracket, 0.45);
    set(test::Operation::choose_option, 0.3);
    set(test::Operation::delete_bracket, 0.9);
    return options;
}

test::GeneratorOptions texts_bench_options(std::uint64_t seed) {
    test::GeneratorOptions options = blame_bench_options(seed);
    options.texts = 4;
    options.initial_paragraphs = 10;
    options.max_words = 1100;  // each
    options.weights[static_cast<std::size_t>(test::Operation::move_wording)] = 1.0;
    options.weights[static_cast<std::size_t>(test::Operation::table_again)] = 0.6;
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

// The proposals of a history: per proposal, the texts it changed (path
// and version).
struct Change {
    std::string path;
    const BlameVersion* version;
};

BenchRepository write_changes(const std::vector<std::vector<Change>>& proposals,
                              const ParseOptions& parse, const std::string& dir,
                              const std::string& path) {
    Repository repo = Repository::init(dir, "main");
    BenchRepository out{repo.workdir(), path, {}};

    Config config;
    config.negotiation = "Generated negotiation";
    config.notation = parse.notation;
    for (const auto& changes : proposals) {
        for (const std::string& name : changes.front().version->proposers) {
            const bool known = std::any_of(config.delegations.begin(), config.delegations.end(),
                                           [&](const Delegation& d) { return d.name == name; });
            if (!known) config.delegations.push_back({name, {}, ""});
        }
    }

    for (std::size_t k = 0; k < proposals.size(); ++k) {
        const BlameVersion& version = *proposals[k].front().version;
        const std::int64_t time = seconds_of(version.date);
        CommitRequest request;
        if (k == 0) request.files.emplace_back(kConfigFileName, emit_config(config));
        for (const Change& change : proposals[k])
            request.files.emplace_back(change.path, change.version->text);
        const std::string& author = version.proposers.front();
        request.author = Signature{author, delegation_email(author), time, 0};
        request.committer = Signature{"Secretariat", "secretariat@example.org", time, 0};
        request.message = "Proposal by " + author + " on " + proposals[k].front().path + "\n\n";
        for (const std::string& name : version.proposers)
            request.message += "Proposed-by: " + name + "\n";
        request.write_worktree = k == 0 || k + 1 == proposals.size();
        out.commits.push_back(repo.commit_files(request));
    }
    return out;
}

}  // namespace

BenchRepository write_history_repository(const test::GeneratedHistory& history,
                                         const std::string& dir, const std::string& path) {
    std::vector<std::vector<Change>> proposals;
    for (const BlameVersion& version : history.versions) proposals.push_back({{path, &version}});
    return write_changes(proposals, history.parse_options, dir, path);
}

BenchRepository write_texts_repository(const test::GeneratedHistory& history,
                                       const std::string& dir) {
    std::vector<std::vector<Change>> proposals(history.operations.size());
    for (const test::GeneratedText& text : history.texts) {
        for (std::size_t k = 0; k < text.versions.size(); ++k)
            proposals[text.proposals[k]].push_back({text.path, &text.versions[k]});
    }
    // The texts a proposal wrote all came in its last edit: every proposal changed one.
    std::erase_if(proposals, [](const auto& changes) { return changes.empty(); });
    return write_changes(proposals, history.parse_options, dir, history.texts.front().path);
}

}  // namespace accord::bench

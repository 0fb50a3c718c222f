#include "support/repo_fixture.hpp"

#include <stdexcept>

namespace accord::test {

const char* const kFixtureRegistry =
    "negotiation: Fixture\n"
    "delegations:\n"
    "  - name: Japan\n"
    "  - name: Sweden\n"
    "  - name: Brazil\n"
    "  - name: Russian Federation\n"
    "    aliases: [RF]\n";

NegotiationRepo::NegotiationRepo(const std::string& registry) : dir_(tmp_.file("negotiation")) {
    const RunResult init = test::accord({"init", dir_, "--negotiation", "Fixture"});
    if (init.exit_code != 0) throw std::runtime_error("accord init failed: " + init.err);
    write("accord.yaml", registry);
}

std::string NegotiationRepo::write(const std::string& name, const std::string& contents) const {
    return tmp_.write("negotiation/" + name, contents);
}

std::string NegotiationRepo::read(const std::string& name) const {
    return read_all(path(name));
}

RunOptions NegotiationRepo::here(const std::vector<std::string>& environment) const {
    RunOptions options = in(dir_);
    options.environment.insert(options.environment.end(), environment.begin(), environment.end());
    return options;
}

RunResult NegotiationRepo::accord(const std::vector<std::string>& args,
                                  const std::vector<std::string>& environment) const {
    return test::accord(args, here(environment));
}

RunResult NegotiationRepo::git(const std::vector<std::string>& args) const {
    std::vector<std::string> argv = {"git", "-c", "user.name=Secretariat", "-c",
                                     "user.email=secretariat@un.org"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv, here());
}

std::string NegotiationRepo::head() const {
    std::string id = git({"rev-parse", "-q", "--verify", "HEAD"}).out;
    while (!id.empty() && id.back() == '\n') id.pop_back();
    return id;
}

std::string NegotiationRepo::status() const {
    return git({"status", "--porcelain"}).out;
}

std::string NegotiationRepo::show(const std::string& object) const {
    return git({"show", object}).out;
}

}  // namespace accord::test

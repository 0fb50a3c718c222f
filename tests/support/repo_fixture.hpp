#pragma once
// A negotiation repository made with `accord init` in a temporary
// directory, with a registry, and the real binary and git run in it as a
// secretariat clerk would run them.
#include <string>
#include <vector>

#include "support/paths.hpp"
#include "support/run.hpp"

namespace accord::test {

// Japan, Sweden, Brazil and the Russian Federation (alias RF).
extern const char* const kFixtureRegistry;

class NegotiationRepo {
  public:
    explicit NegotiationRepo(const std::string& registry = kFixtureRegistry);

    const std::string& dir() const { return dir_; }
    std::string path(const std::string& name) const { return dir_ + "/" + name; }
    // Writes a file of the work tree; returns its path.
    std::string write(const std::string& name, const std::string& contents) const;
    std::string read(const std::string& name) const;

    // Runs in the work tree, with `environment` ("NAME=value") added.
    RunOptions here(const std::vector<std::string>& environment = {}) const;
    RunResult accord(const std::vector<std::string>& args,
                     const std::vector<std::string>& environment = {}) const;
    RunResult git(const std::vector<std::string>& args) const;

    std::string head() const;                           // the commit id, "" when unborn
    std::string status() const;                         // git status --porcelain
    std::string show(const std::string& object) const;  // git show OBJECT ("HEAD:a.md")

  private:
    TempDir tmp_;
    std::string dir_;
};

}  // namespace accord::test

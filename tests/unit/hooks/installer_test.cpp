// hooks/installer and core/init in temporary directories: what gets
// installed, that running again is safe, and that nothing foreign is lost.
#include "hooks/installer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "core/store/config.hpp"
#include "core/store/repository.hpp"
#include "core/util/errors.hpp"
#include "hooks/record/init.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

using test::TempDir;

bool executable(const std::string& path) {
    return ::access(path.c_str(), X_OK) == 0;
}

TEST(Installer, InstallsBothHooksCallingTheGivenBinary) {
    TempDir tmp;
    Repository repo = Repository::init(tmp.path());
    const hooks::InstallReport report = hooks::install(repo, {"/opt/accord it's/bin/accord"});
    EXPECT_EQ(report.installed, (std::vector<std::string>{"pre-commit", "commit-msg"}));
    EXPECT_TRUE(report.updated.empty() && report.unchanged.empty() && report.warnings.empty());
    EXPECT_EQ(report.hooks_dir, repo.git_dir() + "hooks/");
    for (const std::string& name : hooks::hook_names()) {
        const std::string path = report.hooks_dir + name;
        EXPECT_TRUE(executable(path)) << path;
        const std::string script = test::read_all(path);
        EXPECT_TRUE(hooks::is_accord_hook(script));
        EXPECT_NE(script.find("installed='/opt/accord it'\\''s/bin/accord'\n"), std::string::npos)
            << script;
        EXPECT_NE(script.find("exec \"$accord\" hook " + name + " \"$@\"\n"), std::string::npos);
        // A valid shell script.
        EXPECT_EQ(test::run({"sh", "-n", path}).exit_code, 0);
    }
}

TEST(Installer, AgainIsIdempotentAndFollowsAMovedBinary) {
    TempDir tmp;
    Repository repo = Repository::init(tmp.path());
    hooks::install(repo, {"/usr/bin/accord"});
    const hooks::InstallReport same = hooks::install(repo, {"/usr/bin/accord"});
    EXPECT_TRUE(same.installed.empty());
    EXPECT_EQ(same.unchanged.size(), 2u);
    const hooks::InstallReport moved = hooks::install(repo, {"/usr/local/bin/accord"});
    EXPECT_EQ(moved.updated.size(), 2u);
    EXPECT_NE(test::read_all(repo.git_dir() + "hooks/pre-commit").find("/usr/local/bin/accord"),
              std::string::npos);
}

TEST(Installer, NeverOverwritesAForeignHook) {
    TempDir tmp;
    Repository repo = Repository::init(tmp.path());
    const std::string mine = "#!/bin/sh\nmake lint\n";
    std::filesystem::create_directories(repo.git_dir() + "hooks");
    const std::string path = repo.git_dir() + "hooks/pre-commit";
    TempDir scratch;
    std::filesystem::copy_file(scratch.write("hook", mine), path);
    const hooks::InstallReport report = hooks::install(repo, {"/usr/bin/accord"});
    EXPECT_EQ(report.installed, std::vector<std::string>{"commit-msg"});
    ASSERT_EQ(report.warnings.size(), 1u);
    EXPECT_NE(report.warnings[0].find("accord hook pre-commit || exit 1"), std::string::npos)
        << report.warnings[0];
    EXPECT_EQ(test::read_all(path), mine);
}

TEST(Installer, HonoursCoreHooksPath) {
    TempDir tmp;
    Repository repo = Repository::init(tmp.path());
    repo.set_config("core.hooksPath", "tools/hooks");
    const hooks::InstallReport report = hooks::install(repo, {""});
    EXPECT_TRUE(std::filesystem::exists(tmp.file("tools/hooks/pre-commit")));
    EXPECT_EQ(std::filesystem::canonical(report.hooks_dir),
              std::filesystem::canonical(tmp.file("tools/hooks")));
    // Without a recorded path the script looks for accord on PATH.
    EXPECT_NE(test::read_all(tmp.file("tools/hooks/commit-msg")).find("installed=''\n"),
              std::string::npos);
}

// A hooks directory outside the repository (core.hooksPath in the global
// configuration, or a path a handed-over .git/config names) serves other
// repositories too: accord writes nothing there and says why, and still sets
// up the rest (attributes, drivers).
TEST(Installer, WritesNoHookIntoAHooksDirectoryOutsideTheRepository) {
    TempDir tmp;
    Repository repo = Repository::init(tmp.file("repo"));
    const std::string shared = tmp.file("shared-hooks");
    for (const std::string& configured : {shared, std::string("../shared-hooks")}) {
        repo.set_config("core.hooksPath", configured);
        const hooks::InstallReport report = hooks::install(repo, {"/usr/bin/accord"});
        EXPECT_TRUE(report.outside) << configured;
        EXPECT_TRUE(report.installed.empty()) << configured;
        EXPECT_FALSE(std::filesystem::exists(shared)) << configured;
        ASSERT_FALSE(report.warnings.empty()) << configured;
        EXPECT_NE(report.warnings[0].find("outside this repository"), std::string::npos)
            << report.warnings[0];
        EXPECT_NE(report.warnings[0].find("git config --local core.hooksPath .git/hooks"),
                  std::string::npos);
        EXPECT_EQ(report.attributes, configured == shared ? "written" : "unchanged");
    }
    // Inside the git directory, by a path that leaves it and comes back: written.
    repo.set_config("core.hooksPath", "../repo/.git/hooks");
    const hooks::InstallReport inside = hooks::install(repo, {"/usr/bin/accord"});
    EXPECT_FALSE(inside.outside);
    EXPECT_TRUE(std::filesystem::exists(tmp.file("repo/.git/hooks/pre-commit")));
}

// With no core.hooksPath set, a .git/hooks that is a link out of the
// repository is named as such, with the fix for the link: the warning
// blamed core.hooksPath, which nothing had set (found by a tester).
TEST(Installer, AHooksLinkOutOfTheRepositoryIsNamedNotCoreHooksPath) {
    TempDir tmp;
    Repository repo = Repository::init(tmp.file("repo"));
    const std::string shared = tmp.file("shared-hooks");
    std::filesystem::create_directories(shared);
    std::filesystem::remove_all(repo.git_dir() + "hooks");
    std::filesystem::create_symlink(shared, repo.git_dir() + "hooks");
    const hooks::InstallReport report = hooks::install(repo, {"/usr/bin/accord"});
    EXPECT_TRUE(report.outside);
    EXPECT_TRUE(std::filesystem::is_empty(shared));
    ASSERT_FALSE(report.warnings.empty());
    const std::string& warning = report.warnings[0];
    EXPECT_EQ(warning.find("core.hooksPath"), std::string::npos) << warning;
    EXPECT_NE(
        warning.find(repo.git_dir() + "hooks is a symbolic link to " +
                     std::filesystem::canonical(shared).string() + "/, outside this repository"),
        std::string::npos)
        << warning;
    EXPECT_NE(warning.find("replace the link with a directory"), std::string::npos) << warning;
}

TEST(Installer, MissingBinaryRefusesTheCommitWithAHint) {
    TempDir tmp;
    const std::string script =
        tmp.write("hook", hooks::hook_script("pre-commit", "/nowhere/accord"));
    test::RunOptions no_path;
    no_path.environment = {"PATH=/nonexistent"};
    const test::RunResult r = test::run({"/bin/sh", script}, no_path);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("no accord binary at '/nowhere/accord' nor on PATH"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("--no-verify"), std::string::npos);
}

TEST(Init, CreatesRepositoryRegistryAndHooks) {
    TempDir tmp;
    InitRequest request;
    request.dir = tmp.file("wgec/new");
    request.negotiation = "WGEC 2013-14";
    request.accord_path = "/usr/bin/accord";
    const InitResult result = init_negotiation(request);
    EXPECT_TRUE(result.created_repository);
    EXPECT_TRUE(result.wrote_config);
    EXPECT_EQ(result.negotiation, "WGEC 2013-14");
    EXPECT_EQ(result.hooks.installed.size(), 2u);
    const Repository repo = Repository::open(request.dir);
    EXPECT_EQ(repo.current_branch(), "main");
    // The first commit holds the registry and the attributes, so that clones have them.
    ASSERT_FALSE(repo.is_empty_branch());
    EXPECT_EQ(result.commit, repo.head());
    EXPECT_EQ(result.recorded, (std::vector<std::string>{"accord.yaml", ".gitattributes"}));
    EXPECT_EQ(repo.list_files(result.commit),
              (std::vector<std::string>{".gitattributes", "accord.yaml"}));
    EXPECT_EQ(repo.commit(result.commit).message, first_commit_message("WGEC 2013-14"));
    EXPECT_EQ(repo.commit(result.commit).author.name, repo.default_signature().name);
    EXPECT_TRUE(result.signed_with.empty());
    EXPECT_TRUE(holds_only_setup(repo));
    const Config config = load_config(request.dir + "/accord.yaml");
    EXPECT_EQ(config.negotiation, "WGEC 2013-14");
    EXPECT_TRUE(config.delegations.empty());
    EXPECT_EQ(config.notation.status_vocabulary, NotationOptions{}.status_vocabulary);
}

TEST(Init, AgainTouchesNothingButTheHooks) {
    TempDir tmp;
    InitRequest request;
    request.dir = tmp.path();
    init_negotiation(request);
    const std::string registry = "negotiation: Mine\ndelegations: [Japan]  # kept as written\n";
    tmp.write("accord.yaml", registry);
    std::filesystem::remove(tmp.file(".git/hooks/commit-msg"));
    request.negotiation = "Other";
    const InitResult again = init_negotiation(request);
    EXPECT_FALSE(again.created_repository);
    EXPECT_FALSE(again.wrote_config);
    EXPECT_EQ(again.negotiation, "Mine");
    EXPECT_EQ(again.hooks.installed, std::vector<std::string>{"commit-msg"});
    EXPECT_EQ(again.hooks.unchanged, std::vector<std::string>{"pre-commit"});
    ASSERT_EQ(again.warnings.size(), 1u);
    EXPECT_NE(again.warnings[0].find("names the negotiation 'Mine'"), std::string::npos);
    EXPECT_EQ(test::read_all(tmp.file("accord.yaml")), registry);
    EXPECT_TRUE(again.commit.empty());  // the branch has both files: nothing to record
}

TEST(Init, WithoutRecordingTheBranchStaysEmpty) {
    TempDir tmp;
    InitRequest request;
    request.dir = tmp.path();
    request.record = false;
    const InitResult result = init_negotiation(request);
    EXPECT_TRUE(result.commit.empty());
    const Repository repo = Repository::open(tmp.path());
    EXPECT_TRUE(repo.is_empty_branch());
    EXPECT_FALSE(holds_only_setup(repo));
}

TEST(Init, AnExistingHistoryGainsTheRegistryAndAccordsAttributes) {
    TempDir tmp;
    Repository repo = Repository::init(tmp.path());
    CommitRequest first;
    first.files = {{"notes.md", "Notes.\n"}, {".gitattributes", "*.bin binary\n"}};
    first.author = first.committer = Signature{"Clerk", "clerk@un.org", 1392811200, 0};
    first.message = "Notes\n";
    const std::string before = repo.commit_files(first);
    EXPECT_FALSE(holds_only_setup(repo));  // a text is there
    // Uncommitted lines of the user's own stay theirs.
    tmp.write(".gitattributes", "*.bin binary\n*.pdf binary\n");
    InitRequest request;
    request.dir = tmp.path();
    const InitResult result = init_negotiation(request);
    ASSERT_FALSE(result.commit.empty());
    const Repository again = Repository::open(tmp.path());
    EXPECT_EQ(again.commit(result.commit).parents, std::vector<std::string>{before});
    EXPECT_EQ(again.commit(result.commit).message,
              "Record the negotiation's registry and attributes for accord\n");
    EXPECT_EQ(*again.read_file_at(result.commit, ".gitattributes"),
              "*.bin binary\n*.md merge=accord diff=accord\n*.txt merge=accord diff=accord\n");
    EXPECT_TRUE(again.read_file_at(result.commit, "accord.yaml"));
}

TEST(Init, DefaultNameIsTheDirectorysAndNestingIsRefused) {
    TempDir tmp;
    InitRequest request;
    request.dir = tmp.file("igf-2015");
    EXPECT_EQ(init_negotiation(request).negotiation, "igf-2015");
    std::filesystem::create_directories(tmp.file("igf-2015/sub"));
    request.dir = tmp.file("igf-2015/sub");
    try {
        init_negotiation(request);
        ADD_FAILURE() << "nested init accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.exit_code(), kExitUsage);
        EXPECT_NE(std::string(e.what()).find("is inside the git repository at"), std::string::npos)
            << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(tmp.file("igf-2015/sub/accord.yaml")));
}

}  // namespace
}  // namespace accord

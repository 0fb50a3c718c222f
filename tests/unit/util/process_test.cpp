// core/util/process: running a program and collecting what it prints.
#include "core/util/process.hpp"

#include <gtest/gtest.h>

#include "support/paths.hpp"

namespace accord {
namespace {

TEST(Process, SeparatesOutputAndReportsTheExitStatus) {
    const ProcessResult r = run_process({"sh", "-c", "echo out; echo err >&2; exit 4"});
    EXPECT_TRUE(r.started);
    EXPECT_EQ(r.exit_code, 4);
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.out, "out\n");
    EXPECT_EQ(r.err, "err\n");
}

TEST(Process, MergesOutputInOrderWithEnvironmentAndDirectory) {
    test::TempDir tmp;
    ProcessOptions options;
    options.cwd = tmp.path();
    options.merge_output = true;
    options.environment = {{"ACCORD_X", "a\nb"}};
    const ProcessResult r = run_process(
        {"sh", "-c", "echo 1; echo 2 >&2; printf '%s|' \"$ACCORD_X\" \"$(pwd)\""}, options);
    EXPECT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.out, "1\n2\na\nb|" + tmp.path() + "|");
    EXPECT_EQ(r.err, "");
}

TEST(Process, LargeOutputOnBothStreamsDoesNotDeadlock) {
    const ProcessResult r =
        run_process({"sh", "-c", "head -c 300000 /dev/zero; head -c 300000 /dev/zero >&2"});
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(r.out.size(), 300000u);
    EXPECT_EQ(r.err.size(), 300000u);
}

TEST(Process, AProgramThatCannotRunIsSaidSo) {
    const ProcessResult missing = run_process({"/nonexistent/program"});
    EXPECT_FALSE(missing.started);
    EXPECT_NE(missing.error.find("cannot run /nonexistent/program"), std::string::npos)
        << missing.error;
    ProcessOptions nowhere;
    nowhere.cwd = "/nonexistent";
    EXPECT_FALSE(run_process({"true"}, nowhere).started);
    EXPECT_EQ(run_process({"sh", "-c", "kill -9 $$"}).exit_code, 128 + 9);
}

}  // namespace
}  // namespace accord

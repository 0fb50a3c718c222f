// .git/accord.lock: a lock whose holder is gone is taken over with a note, a
// live one is waited for and then refused naming its holder.
#include "core/store/repository_lock.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "core/util/errors.hpp"
#include "core/util/notice.hpp"
#include "support/paths.hpp"

namespace accord {
namespace {

// A process id no process has: a child that has exited and been reaped.
long dead_pid() {
    const pid_t child = fork();
    if (child == 0) _exit(0);
    int status = 0;
    waitpid(child, &status, 0);
    return child;
}

std::string host() {
    char name[256] = {};
    gethostname(name, sizeof name - 1);
    return name;
}

TEST(RepositoryLock, RecordsItsHolder) {
    test::TempDir tmp;
    const std::string path = tmp.file("accord.lock");
    {
        const RepositoryLock lock = RepositoryLock::acquire(path, "here");
        const std::optional<LockHolder> holder = parse_lock_holder(test::read_all(path));
        ASSERT_TRUE(holder);
        EXPECT_EQ(holder->pid, static_cast<long>(getpid()));
        EXPECT_EQ(holder->host, host());
        EXPECT_FALSE(holder->start.empty());
        EXPECT_FALSE(lock_holder_is_gone(*holder));
    }
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(RepositoryLock, ALockLeftByAProcessThatIsGoneIsTakenOverSayingSo) {
    test::TempDir tmp;
    const long pid = dead_pid();
    for (const std::string& stale :
         {"pid " + std::to_string(pid) + "\nhost " + host() + "\n", std::to_string(pid) + "\n"}) {
        const std::string path = tmp.write("accord.lock", stale);
        const NoticeCollector notes;
        const auto started = std::chrono::steady_clock::now();
        {
            const RepositoryLock lock = RepositoryLock::acquire(path, "here");
            EXPECT_EQ(parse_lock_holder(test::read_all(path))->pid, static_cast<long>(getpid()));
        }
        EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
        ASSERT_EQ(notes.notices().size(), 1u);
        EXPECT_NE(notes.notices()[0].find("took over the lock " + path + " left by process " +
                                          std::to_string(pid) +
                                          " on this machine, which is no longer running"),
                  std::string::npos)
            << notes.notices()[0];
    }
}

TEST(RepositoryLock, APidReusedSinceOrAMachineRebootedSinceIsGoneToo) {
    LockHolder reused;
    reused.pid = getpid();
    reused.host = host();
    EXPECT_FALSE(lock_holder_is_gone(reused));  // this very process
    reused.pid = getppid();
    EXPECT_FALSE(lock_holder_is_gone(reused));
    reused.start = "1";  // the parent started later than tick 1 after boot
    EXPECT_TRUE(lock_holder_is_gone(reused));
    LockHolder rebooted;
    rebooted.pid = getppid();
    rebooted.boot = "00000000-0000-0000-0000-000000000000";
    EXPECT_TRUE(lock_holder_is_gone(rebooted));
}

TEST(RepositoryLock, ALiveHolderOrAnotherHostIsWaitedForThenNamed) {
    test::TempDir tmp;
    const std::string path = tmp.file("accord.lock");
    const std::string live = "pid " + std::to_string(getppid()) + "\nhost " + host() + "\n";
    const std::string remote = "pid " + std::to_string(dead_pid()) + "\nhost elsewhere.example\n";
    for (const std::string& held : {live, remote}) {
        tmp.write("accord.lock", held);
        try {
            const RepositoryLock lock =
                RepositoryLock::acquire(path, "the repository", std::chrono::milliseconds(50));
            ADD_FAILURE() << "took a held lock";
        } catch (const Error& e) {
            const std::string message = e.what();
            EXPECT_NE(message.find("another accord command is recording in the repository"),
                      std::string::npos)
                << message;
            EXPECT_NE(message.find("taken by process"), std::string::npos) << message;
        }
        EXPECT_EQ(test::read_all(path), held);  // left as it was
        EXPECT_FALSE(RepositoryLock::try_acquire(path, "the repository"));
    }
}

}  // namespace
}  // namespace accord

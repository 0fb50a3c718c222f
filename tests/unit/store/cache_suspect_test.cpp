// A cache file written by hand (its checksums computed, as anyone who can
// write .git can) may name objects the repository does not hold. The error
// that follows says the id may have come from the cache, and what to do.
#include <gtest/gtest.h>

#include "core/store/cache.hpp"
#include "core/store/repository.hpp"
#include "core/util/errors.hpp"
#include "support/matchers.hpp"
#include "support/repo_fixture.hpp"

namespace accord {
namespace {

using test::HasSubstr;

TEST(CacheSuspect, AMissingObjectNamedByARememberedValuePointsAtTheCache) {
    const test::NegotiationRepo repo;
    const Repository git = Repository::open(repo.dir());
    const std::string missing = "0123456789abcdef0123456789abcdef01234567";
    {
        CacheTable table(repo.path(".git"), "forged-for-a-test", "");
        table.put("blob", missing);
        ASSERT_TRUE(table.save());
    }
    const CacheTable again(repo.path(".git"), "forged-for-a-test", "");
    const std::optional<std::string> id = again.find("blob");
    ASSERT_EQ(id, missing);
    ASSERT_TRUE(cache_values_were_read());
    try {
        (void)git.read_blob_unverified(*id);
        FAIL() << "read a blob that is not there";
    } catch (const Error& e) {
        EXPECT_THAT(e.what(), HasSubstr("cannot read blob " + missing));
        EXPECT_THAT(e.what(), HasSubstr("may have read its id from its cache (.git/accord/cache/"));
        EXPECT_THAT(e.what(), HasSubstr("delete that directory"));
    }
    EXPECT_THAT(cache_suspect_note("it"), HasSubstr("; accord may have read it from its cache"));
}

}  // namespace
}  // namespace accord

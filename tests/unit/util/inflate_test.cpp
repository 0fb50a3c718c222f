// Inflater: a zlib stream inflates to exactly the bytes promised, fed whole
// or a byte at a time; one that holds more or fewer, or is not zlib's,
// fails; and a promise of a gigabyte for a few bytes costs no gigabyte.
#include <gtest/gtest.h>

#include "core/util/inflate.hpp"
#include "support/zlib_stored.hpp"

namespace accord {
namespace {

using Step = Inflater::Step;

TEST(Inflater, InflatesExactlyTheBytesPromisedFedWholeOrByteByByte) {
    Inflater inflater;
    ASSERT_TRUE(inflater.usable());
    const std::string text = "Recognises the [role] of States.\n";
    const std::string stream = test::zlib_stored(text);
    std::string out;
    inflater.start(out, text.size());
    EXPECT_EQ(inflater.feed(stream), Step::done);
    EXPECT_EQ(out, text);
    // Reused, a byte at a time: more until the last.
    inflater.start(out, text.size());
    for (std::size_t k = 0; k + 1 < stream.size(); ++k)
        ASSERT_EQ(inflater.feed(stream.substr(k, 1)), Step::more) << k;
    EXPECT_EQ(inflater.feed(stream.substr(stream.size() - 1)), Step::done);
    EXPECT_EQ(out, text);
    // Bytes after the stream's end are not its.
    inflater.start(out, text.size());
    EXPECT_EQ(inflater.feed(stream + "PACK next entry"), Step::done);
    EXPECT_EQ(out, text);
    // Across stored blocks.
    const std::string long_text(200000, 'x');
    inflater.start(out, long_text.size());
    EXPECT_EQ(inflater.feed(test::zlib_stored(long_text)), Step::done);
    EXPECT_EQ(out, long_text);
    // Nothing at all.
    inflater.start(out, 0);
    EXPECT_EQ(inflater.feed(test::zlib_stored("")), Step::done);
    EXPECT_EQ(out, "");
}

// A prefix: done as soon as that many bytes are out, the rest of the
// stream neither inflated nor needed; a prefix past the end is the whole.
TEST(Inflater, APrefixIsDoneOnceItsBytesAreOutWithoutTheRestOfTheStream) {
    Inflater inflater;
    const std::string text = "tree 1234\nparent 5678\nauthor Japan\n\nA long message.\n";
    const std::string stream = test::zlib_stored(text);
    std::string out;
    inflater.start_prefix(out, text.size(), 10);
    EXPECT_EQ(inflater.feed(stream.substr(0, stream.size() / 2 + 10)), Step::done);
    EXPECT_EQ(out, text.substr(0, 10));
    // Fed a byte at a time: more until the tenth byte is out.
    inflater.start_prefix(out, text.size(), 10);
    Step step = Step::more;
    std::size_t fed = 0;
    while (step == Step::more && fed < stream.size()) step = inflater.feed(stream.substr(fed++, 1));
    EXPECT_EQ(step, Step::done);
    EXPECT_LT(fed, stream.size());
    EXPECT_EQ(out, text.substr(0, 10));
    inflater.start_prefix(out, text.size(), 10000);
    EXPECT_EQ(inflater.feed(stream), Step::done);
    EXPECT_EQ(out, text);
    // The stream must still hold the bytes promised before the prefix ends.
    inflater.start_prefix(out, text.size() + 5, text.size() + 2);
    EXPECT_EQ(inflater.feed(stream), Step::failed);
    // And a plain start afterwards wants the whole stream again.
    inflater.start(out, text.size());
    EXPECT_EQ(inflater.feed(stream.substr(0, stream.size() / 2)), Step::more);
    EXPECT_EQ(inflater.feed(stream.substr(stream.size() / 2)), Step::done);
    EXPECT_EQ(out, text);
}

TEST(Inflater, FailsOnMoreOrFewerBytesThanPromisedOrBytesThatAreNotZlibs) {
    Inflater inflater;
    const std::string text = "Recognises the [role] of States.\n";
    const std::string stream = test::zlib_stored(text);
    std::string out;
    inflater.start(out, text.size() - 1);
    EXPECT_EQ(inflater.feed(stream), Step::failed);
    inflater.start(out, text.size() + 1);
    EXPECT_EQ(inflater.feed(stream), Step::failed);
    std::string broken = stream;
    broken[broken.size() - 1] = static_cast<char>(broken.back() ^ 1);  // its checksum
    inflater.start(out, text.size());
    EXPECT_EQ(inflater.feed(broken), Step::failed);
    inflater.start(out, text.size());
    EXPECT_EQ(inflater.feed("not zlib at all"), Step::failed);
    // Failed stays failed until started again.
    EXPECT_EQ(inflater.feed(stream), Step::failed);
    inflater.start(out, text.size());
    EXPECT_EQ(inflater.feed(stream), Step::done);
}

TEST(Inflater, APromiseOfAGigabyteForAFewBytesCostsNoGigabyte) {
    Inflater inflater;
    std::string out;
    inflater.start(out, std::size_t{1} << 30);
    EXPECT_EQ(inflater.feed(test::zlib_stored("a few bytes")), Step::failed);
    EXPECT_LT(out.capacity(), std::size_t{1} << 20);
    // A size no buffer can hold fails at once.
    inflater.start(out, SIZE_MAX);
    EXPECT_EQ(inflater.feed(test::zlib_stored("a few bytes")), Step::failed);
}

}  // namespace
}  // namespace accord

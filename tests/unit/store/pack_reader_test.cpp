// git::PackReader reads objects from packs git wrote as git reads them:
// every object of a repository packed with deltas on offsets, then with
// deltas naming their bases by id, and with a cache too small to keep any
// base; a pack that does not match its index, a pack behind a link and a
// pack cut short are not read (the caller reads through libgit2); deltas
// that name each other as bases, and an index with more large offsets than
// objects, are refused; a history walk over the packed repository gives the
// steps it gave over loose objects.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "core/store/pack_reader.hpp"
#include "core/store/repository.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/zlib_stored.hpp"

namespace accord {
namespace {

namespace fs = std::filesystem;

struct GitObject {
    int type = 0;
    std::string bytes;
};

int type_number(const std::string& name) {
    if (name == "commit") return git::pack::kCommit;
    if (name == "tree") return git::pack::kTree;
    if (name == "blob") return git::pack::kBlob;
    if (name == "tag") return git::pack::kTag;
    return 0;
}

std::string raw_id(const std::string& hex) {
    std::string raw;
    for (std::size_t k = 0; k + 1 < hex.size(); k += 2)
        raw.push_back(static_cast<char>(std::stoi(hex.substr(k, 2), nullptr, 16)));
    return raw;
}

class PackReaderTest : public ::testing::Test {
  protected:
    void SetUp() override {
        git({"init", "-q", "-b", "main"});
        // A recommendation redrafted 50 times, each proposal changing a
        // clause, beside texts that barely change: long chains of deltas.
        std::string text;
        for (int clause = 0; clause < 40; ++clause)
            text += "Clause " + std::to_string(clause) + " [recognises] the [role] of States.\n";
        for (int k = 0; k < 50; ++k) {
            const std::size_t at = text.find("[role]", (k * 37) % text.size());
            text.replace(at == std::string::npos ? 0 : at, 6, "[part " + std::to_string(k) + "]");
            write("recs/A/01.md", text);
            write("recs/B/0" + std::to_string(k % 5) + ".md",
                  "Text " + std::to_string(k % 7) + ".\n");
            git({"add", "-A"});
            git({"-c", "user.name=Delegation " + std::to_string(k % 9), "-c",
                 "user.email=d@example.org", "commit", "-q", "-m",
                 "Proposal " + std::to_string(k)});
        }
        git({"tag", "-a", "-m", "first reading", "reading-1"});
        objects_ = all_objects();
        ASSERT_GT(objects_.size(), 200u);
    }

    void git(const std::vector<std::string>& args) {
        std::vector<std::string> argv = {"git", "-C", dir.path(), "-c", "gc.auto=0"};
        argv.insert(argv.end(), args.begin(), args.end());
        const test::RunResult result = test::run(argv);
        ASSERT_EQ(result.exit_code, 0) << result.err;
    }

    void write(const std::string& path, const std::string& contents) {
        const fs::path file = fs::path(dir.path()) / path;
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << contents;
    }

    // Every object, as git itself reads it.
    std::map<std::string, GitObject> all_objects() {
        const test::RunResult listed =
            test::run({"git", "-C", dir.path(), "cat-file", "--batch-all-objects", "--batch"});
        EXPECT_EQ(listed.exit_code, 0) << listed.err;
        std::map<std::string, GitObject> out;
        const std::string& s = listed.out;
        for (std::size_t at = 0; at < s.size();) {
            const std::size_t line_end = s.find('\n', at);
            const std::string line = s.substr(at, line_end - at);
            const std::size_t a = line.find(' '), b = line.find(' ', a + 1);
            const std::string id = line.substr(0, a);
            const std::size_t size = std::stoul(line.substr(b + 1));
            out[id] = {type_number(line.substr(a + 1, b - a - 1)), s.substr(line_end + 1, size)};
            at = line_end + 1 + size + 1;
        }
        return out;
    }

    std::string objects_dir() const { return (fs::path(dir.path()) / ".git" / "objects").string(); }

    // How many objects the reader gives exactly as git does; fails the
    // test on any it gives otherwise.
    std::size_t read_alike(git::PackReader& reader) {
        std::size_t alike = 0;
        for (const auto& [id, object] : objects_) {
            const std::optional<git::PackReader::Object> read =
                reader.read(reinterpret_cast<const unsigned char*>(raw_id(id).data()), 1 << 20);
            if (!read) continue;
            EXPECT_EQ(read->type, object.type) << id;
            EXPECT_EQ(*read->bytes, object.bytes) << id;
            alike += read->type == object.type && *read->bytes == object.bytes;
        }
        return alike;
    }

    test::TempDir dir;
    std::map<std::string, GitObject> objects_;
};

TEST_F(PackReaderTest, ReadsEveryObjectOfAPackWithDeltasOnOffsetsAsGitDoes) {
    git({"repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=50"});
    git({"prune-packed"});
    git::PackReader reader(objects_dir(), {});
    ASSERT_EQ(reader.packs(), 1u);
    EXPECT_EQ(read_alike(reader), objects_.size());
    // Again, every base now in the cache.
    EXPECT_EQ(read_alike(reader), objects_.size());
    // With no room for any base: every chain resolved from its end.
    git::PackReader::Limits tiny;
    tiny.cached_bytes = 1;
    git::PackReader uncached(objects_dir(), tiny);
    EXPECT_EQ(read_alike(uncached), objects_.size());
    // A chain longer than allowed is left to libgit2, not half read.
    git::PackReader::Limits short_chains;
    short_chains.chain = 1;
    short_chains.cached_bytes = 1;
    git::PackReader shallow(objects_dir(), short_chains);
    const std::size_t read_shallow = read_alike(shallow);
    EXPECT_LT(read_shallow, objects_.size());
    EXPECT_GT(read_shallow, 0u);
    // An object larger than asked for is not read.
    const auto& [id, blob] = *std::find_if(objects_.begin(), objects_.end(), [](const auto& o) {
        return o.second.type == git::pack::kBlob && o.second.bytes.size() > 1000;
    });
    EXPECT_FALSE(reader.read(reinterpret_cast<const unsigned char*>(raw_id(id).data()), 1000));
    EXPECT_TRUE(reader.read(reinterpret_cast<const unsigned char*>(raw_id(id).data()), 1 << 20));
}

// A prefix of an object is its first bytes, whether it is stored whole or
// as a delta; a prefix past its end is all of it.
TEST_F(PackReaderTest, APrefixOfAnObjectIsItsFirstBytesStoredWholeOrAsADelta) {
    git({"repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=50"});
    git({"prune-packed"});
    git::PackReader reader(objects_dir(), {});
    std::size_t read = 0;
    for (const auto& [id, object] : objects_) {
        const std::string raw_bytes = raw_id(id);
        const auto* raw = reinterpret_cast<const unsigned char*>(raw_bytes.data());
        for (const std::size_t prefix : {std::size_t{0}, std::size_t{7}, std::size_t{64},
                                         object.bytes.size(), std::size_t{1} << 20}) {
            const std::optional<git::PackReader::Object> got =
                reader.read_prefix(raw, prefix, 1 << 20);
            ASSERT_TRUE(got) << id << " prefix " << prefix;
            EXPECT_EQ(got->type, object.type) << id;
            // A delta is read whole; an object stored whole, its prefix.
            const std::string& bytes = *got->bytes;
            EXPECT_GE(bytes.size(), std::min(prefix, object.bytes.size())) << id;
            EXPECT_EQ(bytes, object.bytes.substr(0, bytes.size())) << id;
            ++read;
        }
    }
    EXPECT_EQ(read, 5 * objects_.size());
    // Too large is not read, as read() does not read it.
    const auto& [id, blob] = *std::find_if(objects_.begin(), objects_.end(), [](const auto& o) {
        return o.second.type == git::pack::kBlob && o.second.bytes.size() > 1000;
    });
    EXPECT_FALSE(
        reader.read_prefix(reinterpret_cast<const unsigned char*>(raw_id(id).data()), 10, 1000));
}

// The cache starts small and grows only when bases it let go of are needed
// again, never past its limit; what it reads is exact at every size.
TEST_F(PackReaderTest, TheCacheGrowsOnlyWhenBasesItLetGoOfAreNeededAgain) {
    git({"repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=50"});
    git({"prune-packed"});
    git::PackReader::Limits small;
    small.first_cached_bytes = 4 << 10;
    small.cached_bytes = 64 << 10;
    const auto read_often = [&](git::PackReader& reader, const std::string& id,
                                const std::string& bytes) {
        for (int k = 0; k < 100; ++k) {
            const std::optional<git::PackReader::Object> read =
                reader.read(reinterpret_cast<const unsigned char*>(raw_id(id).data()), 1 << 20);
            ASSERT_TRUE(read);
            EXPECT_EQ(*read->bytes, bytes);
        }
    };
    // One small object read again and again: every read after the first is a hit.
    const auto& small_text = *std::find_if(objects_.begin(), objects_.end(), [](const auto& o) {
        return o.second.type == git::pack::kBlob && o.second.bytes.size() < 500;
    });
    git::PackReader one(objects_dir(), small);
    read_often(one, small_text.first, small_text.second.bytes);
    EXPECT_EQ(one.cache_room(), small.first_cached_bytes);
    // One larger than a quarter of the room is not kept at first (it would
    // evict the rest), but needing it again grows the room until it is.
    const auto& text = *std::find_if(objects_.begin(), objects_.end(), [](const auto& o) {
        return o.second.type == git::pack::kBlob && o.second.bytes.size() > 1200;
    });
    git::PackReader::Limits tight = small;
    tight.first_cached_bytes = 1 << 10;
    git::PackReader large(objects_dir(), tight);
    read_often(large, text.first, text.second.bytes);
    EXPECT_GT(large.cache_room(), tight.first_cached_bytes);
    // Every object, in the order of their ids (not of their chains), three
    // times: the bases of 50 versions do not fit in 4 KiB, and are needed
    // again and again.
    git::PackReader all(objects_dir(), small);
    for (int round = 0; round < 3; ++round) EXPECT_EQ(read_alike(all), objects_.size());
    EXPECT_GT(all.cache_room(), small.first_cached_bytes);
    EXPECT_LE(all.cache_room(), small.cached_bytes);
    // A first room above the limit is the limit.
    small.first_cached_bytes = small.cached_bytes * 4;
    EXPECT_EQ(git::PackReader(objects_dir(), small).cache_room(), small.cached_bytes);
}

TEST_F(PackReaderTest, ReadsDeltasThatNameTheirBasesById) {
    git({"-c", "repack.useDeltaBaseOffset=false", "repack", "-a", "-d", "-f", "-q"});
    git({"prune-packed"});
    git::PackReader reader(objects_dir(), {});
    ASSERT_EQ(reader.packs(), 1u);
    EXPECT_EQ(read_alike(reader), objects_.size());
}

TEST_F(PackReaderTest, ReadsNothingOfLooseObjectsOrOfPacksThatCannotBeTrusted) {
    {
        git::PackReader loose(objects_dir(), {});
        EXPECT_EQ(loose.packs(), 0u);
        EXPECT_EQ(read_alike(loose), 0u);
    }
    git({"repack", "-a", "-d", "-q"});
    const fs::path pack_dir = fs::path(objects_dir()) / "pack";
    fs::path pack;
    for (const auto& entry : fs::directory_iterator(pack_dir))
        if (entry.path().extension() == ".pack") pack = entry.path();
    ASSERT_FALSE(pack.empty());
    const std::string good = test::read_all(pack.string());
    const auto replace_pack = [&](const std::string& bytes) {
        fs::remove(pack);
        std::ofstream(pack, std::ios::binary) << bytes;
    };
    // Cut short: its checksum is gone.
    replace_pack(good.substr(0, good.size() / 2));
    EXPECT_EQ(git::PackReader(objects_dir(), {}).packs(), 0u);
    // Another pack's bytes under this index's name: the checksums differ.
    std::string other = good;
    other[other.size() - 1] = static_cast<char>(other.back() ^ 1);
    replace_pack(other);
    EXPECT_EQ(git::PackReader(objects_dir(), {}).packs(), 0u);
    // A link in place of the pack, to the pack itself: not followed.
    const fs::path elsewhere = fs::path(dir.path()) / "elsewhere.pack";
    std::ofstream(elsewhere, std::ios::binary) << good;
    fs::remove(pack);
    fs::create_symlink(elsewhere, pack);
    EXPECT_EQ(git::PackReader(objects_dir(), {}).packs(), 0u);
    fs::remove(pack);
    replace_pack(good);
    EXPECT_EQ(git::PackReader(objects_dir(), {}).packs(), 1u);
    // The pack directory behind a link: not followed either.
    const fs::path moved = fs::path(dir.path()) / "packs-elsewhere";
    fs::rename(pack_dir, moved);
    fs::create_directory_symlink(moved, pack_dir);
    EXPECT_EQ(git::PackReader(objects_dir(), {}).packs(), 0u);
}

// Bytes changed inside a pack whose checksum still matches (as a hostile
// clone can write it): no crash, and what is read either is what git
// reads or is not given (zlib's checksum, sizes and delta bounds catch
// the rest), whichever byte changed.
TEST_F(PackReaderTest, AChangedByteInAPackNeverCrashesAndRarelyReads) {
    git({"repack", "-a", "-d", "-f", "-q", "--depth=50"});
    git({"prune-packed"});
    const fs::path pack_dir = fs::path(objects_dir()) / "pack";
    fs::path pack;
    for (const auto& entry : fs::directory_iterator(pack_dir))
        if (entry.path().extension() == ".pack") pack = entry.path();
    const std::string good = test::read_all(pack.string());
    std::size_t changed_reads = 0, tries = 0;
    for (std::size_t at = 12; at + 20 < good.size(); at += 1 + good.size() / 97) {
        std::string bad = good;
        bad[at] = static_cast<char>(bad[at] ^ 0x5a);
        fs::remove(pack);
        std::ofstream(pack, std::ios::binary) << bad;
        git::PackReader reader(objects_dir(), {});
        ASSERT_EQ(reader.packs(), 1u);
        for (const auto& [id, object] : objects_) {
            const std::optional<git::PackReader::Object> read =
                reader.read(reinterpret_cast<const unsigned char*>(raw_id(id).data()), 1 << 20);
            changed_reads += read && *read->bytes != object.bytes;
        }
        ++tries;
    }
    EXPECT_GT(tries, 90u);
    // An entry's header is not under zlib's checksum: a changed type or
    // delta base can still read as something else, which the walk then
    // refuses as it refuses what libgit2 reads unverified (a tree that
    // does not parse, an object of another type).
    EXPECT_LT(changed_reads, objects_.size() * tries / 50);
}

TEST_F(PackReaderTest, AHistoryWalkOverPacksGivesTheStepsItGaveOverLooseObjects) {
    const auto steps = [&] {
        fs::remove_all(fs::path(dir.path()) / ".git" / "accord");
        const Repository repo = Repository::open(dir.path());
        std::vector<std::string> out;
        Repository::WalkOptions options;
        repo.walk_history(options, [&](Repository::WalkStep& step) {
            std::string line = step.commit.id + " " + step.commit.author.name;
            for (const auto& change : step.changes)
                line += " " + change.path + ":" + change.old_blob.value_or("-") + ">" +
                        change.new_blob.value_or("-");
            out.push_back(line);
            return true;
        });
        return out;
    };
    const std::vector<std::string> loose = steps();
    ASSERT_EQ(loose.size(), 50u);
    git({"repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=50"});
    git({"prune-packed"});
    EXPECT_EQ(steps(), loose);
}

// A pack written by hand: each entry's header and zlib bytes, at the
// offsets its index gives, the index's ids sorted, and one checksum for
// both (the reader compares them; it does not hash the pack).
struct HandPack {
    struct Entry {
        std::string id;  // 20 bytes
        std::string bytes;
    };
    std::vector<Entry> entries;

    static std::string header(int type, std::uint64_t size) {
        std::string out;
        unsigned char byte = static_cast<unsigned char>((type << 4) | (size & 0x0f));
        size >>= 4;
        while (size != 0) {
            out.push_back(static_cast<char>(byte | 0x80));
            byte = static_cast<unsigned char>(size & 0x7f);
            size >>= 7;
        }
        out.push_back(static_cast<char>(byte));
        return out;
    }

    void write(const std::string& objects_dir) const {
        const auto be32 = [](std::uint32_t v) {
            std::string out;
            for (int shift = 24; shift >= 0; shift -= 8)
                out.push_back(static_cast<char>(v >> shift));
            return out;
        };
        std::string pack = "PACK" + be32(2) + be32(static_cast<std::uint32_t>(entries.size()));
        std::map<std::string, std::uint32_t> offsets;
        for (const Entry& entry : entries) {
            offsets[entry.id] = static_cast<std::uint32_t>(pack.size());
            pack += entry.bytes;
        }
        const std::string checksum(20, '\x5a');
        pack += checksum;
        std::string index = "\377tOc" + be32(2);
        for (int first = 0; first < 256; ++first) {
            std::uint32_t upto = 0;
            for (const auto& [id, offset] : offsets)
                upto += static_cast<unsigned char>(id[0]) <= first;
            index += be32(upto);
        }
        for (const auto& [id, offset] : offsets) index += id;
        for (std::size_t k = 0; k < offsets.size(); ++k) index += be32(0);  // CRCs, unread
        for (const auto& [id, offset] : offsets) index += be32(offset);
        index += checksum + std::string(20, '\0');
        const fs::path dir = fs::path(objects_dir) / "pack";
        fs::create_directories(dir);
        std::ofstream(dir / "pack-hand.pack", std::ios::binary) << pack;
        std::ofstream(dir / "pack-hand.idx", std::ios::binary) << index;
    }
};

// An index whose header does not fit its size is found as git finds it
// (check_packed_git_idx), from the header and the size alone: a fan-out
// table of 0xff claiming 4 billion objects (libgit2 1.5 read past the end
// of such an index and crashed; found by a tester), an index cut short or
// longer than its 64-bit offsets allow, counts that go down, an unknown
// version, a file too small. An index without its pack is not one libgit2
// loads, and is not looked at.
TEST_F(PackReaderTest, ADamagedIndexIsFoundFromItsHeaderAsGitFindsIt) {
    git({"repack", "-adq"});
    EXPECT_EQ(git::damaged_pack_index(objects_dir()), std::nullopt);
    fs::path index;
    for (const auto& entry : fs::directory_iterator(objects_dir() + "/pack"))
        if (entry.path().extension() == ".idx") index = entry.path();
    ASSERT_FALSE(index.empty());
    fs::permissions(index, fs::perms::owner_write, fs::perm_options::add);
    const std::string good = test::read_all(index.string());
    std::string fanout_ff = good;
    fanout_ff.replace(8, 1024, std::string(1024, '\xff'));
    std::string descending = good;
    descending.replace(8, 4, std::string("\x7f\0\0\0", 4));
    std::string version = good;
    version[7] = '\x03';
    const std::vector<std::pair<std::string, std::string>> cases = {
        {fanout_ff, "wrong index v2 file size"},
        {good.substr(0, good.size() - 8), "wrong index v2 file size"},
        // (Up to 8 bytes an object more are 64-bit offsets: git reads them.)
        {good + std::string(good.size(), '\0'), "wrong index v2 file size"},
        {descending, "non-monotonic index"},
        {version, "index file is version 3 and is not supported"},
        {good.substr(0, 600), "index file is too small"},
    };
    for (const auto& [bytes, problem] : cases) {
        std::ofstream(index, std::ios::binary | std::ios::trunc) << bytes;
        const std::optional<git::DamagedIndex> damaged = git::damaged_pack_index(objects_dir());
        ASSERT_TRUE(damaged) << problem << " (" << bytes.size() << " bytes)";
        EXPECT_EQ(damaged->path, index.string());
        EXPECT_EQ(damaged->problem, problem);
    }
    // git says so too, for the fan-out of 0xff.
    std::ofstream(index, std::ios::binary | std::ios::trunc) << fanout_ff;
    ASSERT_EQ(test::read_all(index.string()), fanout_ff);
    EXPECT_NE(test::run({"git", "-C", dir.path(), "cat-file", "-t", "HEAD"})
                  .err.find("wrong index v2 file size"),
              std::string::npos);
    // Without its pack, libgit2 does not load it.
    fs::path pack = index;
    fs::rename(pack.replace_extension(".pack"), dir.file("moved.pack"));
    EXPECT_EQ(git::damaged_pack_index(objects_dir()), std::nullopt);
}

TEST(PackReaderHandMade, DeltasThatNameEachOtherAsBasesAreRefusedAtOnce) {
    test::TempDir dir;
    const std::string a(20, '\x11'), b(20, '\x22'), c(20, '\x33');
    // A delta of a megabyte (a base of one byte, then inserts), which a
    // reader going round the loop would inflate again and again.
    std::string delta = "\x01\x80\x80\x40";  // base 1 byte, result 1 MiB
    for (std::size_t made = 0; made < (std::size_t{1} << 20); made += 127)
        delta += std::string(1, static_cast<char>(std::min<std::size_t>(127, (1 << 20) - made))) +
                 std::string(std::min<std::size_t>(127, (1 << 20) - made), 'x');
    const std::string stream = test::zlib_stored(delta);
    HandPack pack;
    pack.entries.push_back({a, HandPack::header(7, delta.size()) + a + stream});  // its own base
    pack.entries.push_back({b, HandPack::header(7, delta.size()) + c + stream});  // b on c
    pack.entries.push_back({c, HandPack::header(7, delta.size()) + b + stream});  // c on b
    pack.write(dir.path());
    git::PackReader::Limits limits;
    limits.chain = 1000000;
    git::PackReader reader(dir.path(), limits);
    ASSERT_EQ(reader.packs(), 1u);
    for (const std::string& id : {a, b, c}) {
        EXPECT_FALSE(reader.read(reinterpret_cast<const unsigned char*>(id.data()), 64 << 20))
            << static_cast<int>(id[0]);
    }
}

TEST(PackReaderHandMade, ReadsAHandMadePackAndNoIndexWithMoreLargeOffsetsThanObjects) {
    test::TempDir dir;
    const std::string blob_id(20, '\x44'), tree_id(20, '\x55');
    const std::string text = "Recognises the [role] of States.\n";
    // A delta on the blob: copy its first 11 bytes, then insert.
    const std::string delta =
        std::string(1, static_cast<char>(text.size())) + "\x13" + "\x90\x0b" + "\x08" + "[place]\n";
    HandPack pack;
    pack.entries.push_back({blob_id, HandPack::header(3, text.size()) + test::zlib_stored(text)});
    pack.entries.push_back(
        {tree_id, HandPack::header(7, delta.size()) + blob_id + test::zlib_stored(delta)});
    pack.write(dir.path());
    git::PackReader reader(dir.path(), {});
    ASSERT_EQ(reader.packs(), 1u);
    const auto blob = reader.read(reinterpret_cast<const unsigned char*>(blob_id.data()), 1 << 20);
    ASSERT_TRUE(blob);
    EXPECT_EQ(blob->type, git::pack::kBlob);
    EXPECT_EQ(*blob->bytes, text);
    const auto made = reader.read(reinterpret_cast<const unsigned char*>(tree_id.data()), 1 << 20);
    ASSERT_TRUE(made);
    EXPECT_EQ(*made->bytes, "Recognises [place]\n");

    // One 64-bit offset more than git allows (objects less one): not read.
    const fs::path index = fs::path(dir.path()) / "pack" / "pack-hand.idx";
    std::string bytes = test::read_all(index.string());
    bytes.insert(bytes.size() - 40, std::string(16, '\0'));
    ASSERT_TRUE(git::pack::Index::parse(bytes.substr(0, bytes.size() - 8)));  // one: allowed
    EXPECT_FALSE(git::pack::Index::parse(bytes));                             // two: refused
}

}  // namespace
}  // namespace accord

// SSH public keys as people hand them over (core/util/ssh_keys) and the
// strict base64 under them (core/util/base64): keys made by the real
// ssh-keygen read back with the fingerprint ssh-keygen prints, and every
// kind of wrong input refused with a message that says what is wrong.
#include <gtest/gtest.h>

#include <random>

#include "core/util/base64.hpp"
#include "core/util/ssh_keys.hpp"
#include "core/util/ssh_wire.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/ssh_fixture.hpp"

namespace accord {
namespace {

using test::SshKeyFiles;

std::string decode(std::string_view text) {
    const Base64Decoded decoded = base64_decode(text);
    EXPECT_TRUE(decoded.bytes.has_value()) << text << ": " << decoded.error;
    return decoded.bytes.value_or("");
}

std::string error_of(std::string_view line) {
    const SshKeyParse parsed = parse_ssh_public_key(line);
    EXPECT_FALSE(parsed.key.has_value()) << line;
    EXPECT_FALSE(parsed.error.empty()) << line;
    return parsed.error;
}

// The base64 field of an authorized_keys line.
std::string base64_field(const std::string& line) {
    const std::size_t start = line.find(' ') + 1;
    return line.substr(start, line.find(' ', start) - start);
}

TEST(Base64, Rfc4648VectorsBothWays) {
    const std::pair<std::string, std::string> vectors[] = {{"", ""},
                                                           {"f", "Zg=="},
                                                           {"fo", "Zm8="},
                                                           {"foo", "Zm9v"},
                                                           {"foob", "Zm9vYg=="},
                                                           {"fooba", "Zm9vYmE="},
                                                           {"foobar", "Zm9vYmFy"}};
    for (const auto& [plain, encoded] : vectors) {
        EXPECT_EQ(base64_encode(plain), encoded);
        EXPECT_EQ(decode(encoded), plain);
    }
    EXPECT_EQ(base64_encode("f", false), "Zg");
}

TEST(Base64, RandomBytesRoundTrip) {
    std::mt19937 random(7);
    for (int length = 0; length < 200; ++length) {
        std::string bytes(static_cast<std::size_t>(length), '\0');
        for (char& c : bytes) c = static_cast<char>(random());
        EXPECT_EQ(decode(base64_encode(bytes)), bytes) << length;
    }
}

TEST(Base64, RefusesEverySecondSpelling) {
    for (const std::string_view bad : {"Zg", "Zg=", "Zh==", "Zm9=", "Z===", "=Zg=", "Zg==Zg==",
                                       "Zm 9v", "Zm9v\n", "Zm9v!", "Zm9-", "Zm9_"}) {
        const Base64Decoded decoded = base64_decode(bad);
        EXPECT_FALSE(decoded.bytes.has_value()) << bad;
        EXPECT_FALSE(decoded.error.empty()) << bad;
    }
    EXPECT_NE(base64_decode("Zm9v!").error.find("'!' at character 5"), std::string::npos);
}

TEST(Base64, LineBreaksOnlyWhenAsked) {
    Base64Options armored;
    armored.allow_line_breaks = true;
    EXPECT_EQ(base64_decode("Zm9v\nYmFy\r\n", armored).bytes, "foobar");
    EXPECT_FALSE(base64_decode("Zm9v YmFy", armored).bytes.has_value());
    EXPECT_FALSE(base64_decode("Zm9v\rYmFy", armored).bytes.has_value());
}

class SshKeys : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir;
        ed25519_ = test::make_ssh_key(dir_->path(), "ed25519", "ed25519");
        rsa_ = test::make_ssh_key(dir_->path(), "rsa", "rsa", 3072);
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    static inline test::TempDir* dir_ = nullptr;
    static inline SshKeyFiles ed25519_, rsa_;
};

TEST_F(SshKeys, EveryAcceptedTypeReadsBackWithSshKeygensFingerprint) {
    struct Case {
        SshKeyFiles files;
        SshKeyType type;
        int bits;
    };
    const Case cases[] = {
        {ed25519_, SshKeyType::ed25519, 256},
        {rsa_, SshKeyType::rsa, 3072},
        {test::make_ssh_key(dir_->path(), "p256", "ecdsa", 256), SshKeyType::ecdsa_p256, 256},
        {test::make_ssh_key(dir_->path(), "p384", "ecdsa", 384), SshKeyType::ecdsa_p384, 384},
        {test::make_ssh_key(dir_->path(), "p521", "ecdsa", 521), SshKeyType::ecdsa_p521, 521},
    };
    for (const Case& c : cases) {
        const SshKeyParse parsed = parse_ssh_public_key(c.files.public_line);
        ASSERT_TRUE(parsed.key.has_value()) << c.files.public_line << ": " << parsed.error;
        const SshPublicKey& key = *parsed.key;
        EXPECT_EQ(key.type, c.type);
        EXPECT_EQ(key.bits(), c.bits) << key.type_name();
        EXPECT_EQ(key.comment, "delegate@example.org");
        EXPECT_EQ(key.fingerprint(), test::ssh_keygen_fingerprint(c.files.public_path));
        EXPECT_EQ(key.to_line(), c.files.public_line);
        EXPECT_EQ(key.type_name(), c.files.public_line.substr(0, c.files.public_line.find(' ')));
    }
}

TEST_F(SshKeys, CommentsAndBlanksDoNotChangeTheKey) {
    const std::string base = base64_field(ed25519_.public_line);
    const SshKeyParse bare = parse_ssh_public_key("ssh-ed25519 " + base);
    const SshKeyParse spaced =
        parse_ssh_public_key("  \tssh-ed25519\t" + base + "   Jane Doe (Japan) \r\n");
    ASSERT_TRUE(bare.key && spaced.key);
    EXPECT_EQ(bare.key->comment, "");
    EXPECT_EQ(spaced.key->comment, "Jane Doe (Japan)");
    EXPECT_TRUE(bare.key->same_key(*spaced.key));
    EXPECT_EQ(bare.key->fingerprint(), spaced.key->fingerprint());
    const SshKeyParse other = parse_ssh_public_key(rsa_.public_line);
    ASSERT_TRUE(other.key);
    EXPECT_FALSE(bare.key->same_key(*other.key));
}

TEST_F(SshKeys, UserMistakesAreNamedWithTheFix) {
    EXPECT_NE(error_of("").find("no key given"), std::string::npos);
    EXPECT_NE(error_of(test::read_all(ed25519_.private_path)).find("private key"),
              std::string::npos);
    const std::string rfc4716 = test::run({"ssh-keygen", "-e", "-f", ed25519_.public_path}).out;
    EXPECT_NE(error_of(rfc4716).find("ssh-keygen -i"), std::string::npos);
    EXPECT_NE(error_of("no-pty,command=\"/bin/true\" " + ed25519_.public_line).find("options"),
              std::string::npos);
    EXPECT_NE(error_of("restrict " + ed25519_.public_line).find("options"), std::string::npos);
    EXPECT_NE(error_of("ssh-ed25519").find("not followed by the key"), std::string::npos);
    EXPECT_NE(error_of(ed25519_.public_line + "\n" + rsa_.public_line).find("one key"),
              std::string::npos);
    EXPECT_NE(error_of("hello world").find("not an SSH public key"), std::string::npos);
    // An RSA key's data under an Ed25519 label.
    EXPECT_NE(error_of("ssh-ed25519 " + base64_field(rsa_.public_line)).find("`ssh-rsa`"),
              std::string::npos);
}

TEST_F(SshKeys, DamagedKeysAreRefused) {
    std::string base = base64_field(ed25519_.public_line);
    std::string damaged = base;
    damaged[20] = '!';
    EXPECT_NE(error_of("ssh-ed25519 " + damaged).find("base64"), std::string::npos);
    // Cut short by whole groups of four: valid base64, too little key.
    EXPECT_NE(error_of("ssh-ed25519 " + base.substr(0, base.size() - 12)).find("cut short"),
              std::string::npos);
    // Extra bytes after the key.
    const std::string longer = base64_encode(decode(base) + "junk");
    EXPECT_NE(error_of("ssh-ed25519 " + longer).find("too many"), std::string::npos);
    // A 31-byte Ed25519 key.
    SshWriter short_key;
    short_key.string("ssh-ed25519").string(std::string(31, 'k'));
    const SshKeyParse parsed = parse_ssh_public_key_blob(short_key.bytes());
    EXPECT_FALSE(parsed.key);
    EXPECT_NE(parsed.error.find("31 bytes"), std::string::npos);
    // ECDSA naming another curve than its type.
    SshWriter wrong_curve;
    wrong_curve.string("ecdsa-sha2-nistp256").string("nistp384").string(std::string(65, '\x04'));
    EXPECT_NE(parse_ssh_public_key_blob(wrong_curve.bytes()).error.find("nistp384"),
              std::string::npos);
    // A length that claims far more than there is.
    SshWriter huge;
    huge.u32(0xffffffffu).raw("ssh-ed25519");
    EXPECT_FALSE(parse_ssh_public_key_blob(huge.bytes()).key);
    EXPECT_NE(error_of("ssh-ed25519 " + std::string(20000, 'A')).find("longer than any"),
              std::string::npos);
}

TEST_F(SshKeys, RefusedKindsSayWhyAndWhatToUse) {
    const auto refused = [](const std::string& type) {
        SshWriter blob;
        blob.string(type).string(std::string(32, 'k'));
        const SshKeyParse parsed = parse_ssh_public_key(type + " " + base64_encode(blob.bytes()));
        EXPECT_FALSE(parsed.key) << type;
        EXPECT_TRUE(parsed.refused) << type;
        const SshKeyParse from_blob = parse_ssh_public_key_blob(blob.bytes());
        EXPECT_TRUE(from_blob.refused) << type;
        return parsed.error;
    };
    EXPECT_NE(refused("ssh-dss").find("ssh-keygen -t ed25519"), std::string::npos);
    EXPECT_NE(refused("sk-ssh-ed25519@openssh.com").find("security-key"), std::string::npos);
    EXPECT_NE(refused("ssh-ed25519-cert-v01@openssh.com").find("certificate"), std::string::npos);
    EXPECT_NE(refused("ssh-foo").find("unknown key type"), std::string::npos);

    const SshKeyFiles weak = test::make_ssh_key(dir_->path(), "weak", "rsa", 1024);
    const SshKeyParse parsed = parse_ssh_public_key(weak.public_line);
    EXPECT_FALSE(parsed.key);
    EXPECT_TRUE(parsed.refused);
    EXPECT_NE(parsed.error.find("1024 bits"), std::string::npos) << parsed.error;
}

}  // namespace
}  // namespace accord

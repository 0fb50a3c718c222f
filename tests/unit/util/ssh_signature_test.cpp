// git's SSH signatures checked in-process (core/util/ssh_signature):
// signatures made by the real ssh-keygen for every accepted key type verify;
// any change to the message, the signature, the namespace or the key inside
// makes them fail, each with its own verdict; damaged and refused input is
// told apart from a bad signature. Where a signature cannot be made with
// ssh-keygen (RSA with SHA-256 or SHA-1), the openssl tool makes it over the
// signed data built here, and ssh-keygen -Y verify confirms those bytes.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/util/base64.hpp"
#include "core/util/ssh_signature.hpp"
#include "core/util/ssh_wire.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/ssh_fixture.hpp"

namespace accord {
namespace {

using test::SshKeyFiles;

const std::string kMessage =
    "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
    "author Japan <japan@example.org> 1700000000 +0900\n"
    "committer Japan <japan@example.org> 1700000000 +0900\n\n"
    "Propose: [shall][should] in paragraph 4\n";

std::string blob_of(const std::string& armored) {
    const std::size_t start = armored.find('\n') + 1;
    const std::size_t end = armored.find("-----END");
    Base64Options options;
    options.allow_line_breaks = true;
    return base64_decode(armored.substr(start, end - start), options).bytes.value();
}

// A signature blob assembled from its parts (PROTOCOL.sshsig section 2).
std::string make_blob(const std::string& key_blob, const std::string& name_space,
                      const std::string& hash, const std::string& algorithm,
                      const std::string& raw_signature, std::uint32_t version = 1) {
    SshWriter inner;
    inner.string(algorithm).string(raw_signature);
    SshWriter blob;
    blob.raw("SSHSIG").u32(version).string(key_blob).string(name_space).string("").string(hash);
    blob.string(inner.bytes());
    return blob.take();
}

bool ssh_keygen_verifies(const std::string& dir, const std::string& armored,
                         const std::string& message, const std::string& key_line) {
    test::TempDir scratch;
    const std::string allowed = scratch.write("allowed", "signer " + key_line + "\n");
    const std::string signature = scratch.write("message.sig", armored);
    test::RunOptions options;
    options.input = message;
    options.cwd = dir;
    return test::run({"ssh-keygen", "-Y", "verify", "-f", allowed, "-I", "signer", "-n", "git",
                      "-s", signature},
                     options)
               .exit_code == 0;
}

class SshSignatures : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir;
        ed25519_ = test::make_ssh_key(dir_->path(), "ed25519", "ed25519");
        other_ = test::make_ssh_key(dir_->path(), "other", "ed25519");
        rsa_ = test::make_ssh_key(dir_->path(), "rsa", "rsa", 3072);
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    static SshPublicKey key_of(const SshKeyFiles& files) {
        return parse_ssh_public_key(files.public_line).key.value();
    }
    // An RSA signature over `message` by the openssl tool, with `digest`
    // ("sha256", "sha1") and the given SSH algorithm name.
    static std::string openssl_rsa_signature(const std::string& message, const std::string& digest,
                                             const std::string& algorithm) {
        test::TempDir scratch;
        const std::string pem = scratch.write("key", test::read_all(rsa_.private_path));
        std::filesystem::permissions(
            pem, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
        EXPECT_EQ(test::run({"ssh-keygen", "-q", "-p", "-m", "PEM", "-P", "", "-N", "", "-f", pem})
                      .exit_code,
                  0);
        const std::string data = scratch.write("data", ssh_signed_data("git", "sha512", message));
        const test::RunResult signed_ = test::run(
            {"openssl", "dgst", "-" + digest, "-sign", pem, "-out", scratch.file("sig"), data});
        EXPECT_EQ(signed_.exit_code, 0) << signed_.err;
        return test::armor_ssh_signature(make_blob(key_of(rsa_).blob, "git", "sha512", algorithm,
                                                   test::read_all(scratch.file("sig"))));
    }
    static inline test::TempDir* dir_ = nullptr;
    static inline SshKeyFiles ed25519_, other_, rsa_;
};

TEST_F(SshSignatures, SshKeygenSignaturesOfEveryKeyTypeVerify) {
    const SshKeyFiles keys[] = {
        ed25519_,
        rsa_,
        test::make_ssh_key(dir_->path(), "p256", "ecdsa", 256),
        test::make_ssh_key(dir_->path(), "p384", "ecdsa", 384),
        test::make_ssh_key(dir_->path(), "p521", "ecdsa", 521),
    };
    for (const SshKeyFiles& files : keys) {
        for (const std::string hash : {"sha512", "sha256"}) {
            const std::string armored =
                test::ssh_keygen_sign(files, kMessage, "git", {"-O", "hashalg=" + hash});
            const SignatureCheck check = verify_ssh_signature(armored, kMessage);
            EXPECT_TRUE(check.good()) << files.public_line << " " << hash << ": " << check.error;
            ASSERT_TRUE(check.signer.has_value());
            EXPECT_TRUE(check.signer->same_key(key_of(files)));
            EXPECT_EQ(check.fingerprint, test::ssh_keygen_fingerprint(files.public_path));
            const SshSignatureParse parsed = parse_ssh_signature(armored);
            ASSERT_TRUE(parsed.signature);
            EXPECT_EQ(parsed.signature->hash_algorithm, hash);
            EXPECT_EQ(parsed.signature->name_space, "git");
            // Changing one byte of the message breaks every one of them.
            std::string changed = kMessage;
            changed[changed.find("shall")] = 'S';
            EXPECT_EQ(verify_ssh_signature(armored, changed).verdict, SignatureVerdict::bad);
        }
    }
    // RSA signatures from ssh-keygen use SHA-512.
    EXPECT_EQ(
        parse_ssh_signature(test::ssh_keygen_sign(rsa_, kMessage)).signature->signature_algorithm,
        "rsa-sha2-512");
}

TEST_F(SshSignatures, EmptyAndLargeMessages) {
    for (const std::string& message : {std::string(), std::string(3 << 20, 'x')}) {
        const std::string armored = test::ssh_keygen_sign(ed25519_, message);
        EXPECT_TRUE(verify_ssh_signature(armored, message).good()) << message.size();
        EXPECT_FALSE(verify_ssh_signature(armored, message + "\n").good());
    }
}

TEST_F(SshSignatures, ATamperedSignatureIsBad) {
    const std::string armored = test::ssh_keygen_sign(ed25519_, kMessage);
    std::string blob = blob_of(armored);
    blob[blob.size() - 5] ^= 0x01;  // inside the Ed25519 signature proper
    const SignatureCheck check = verify_ssh_signature(test::armor_ssh_signature(blob), kMessage);
    EXPECT_EQ(check.verdict, SignatureVerdict::bad);
    EXPECT_NE(check.error.find("does not match"), std::string::npos);
}

TEST_F(SshSignatures, ASignatureForAnotherNamespaceIsBad) {
    const std::string armored = test::ssh_keygen_sign(ed25519_, kMessage, "file");
    const SignatureCheck check = verify_ssh_signature(armored, kMessage);
    EXPECT_EQ(check.verdict, SignatureVerdict::bad);
    EXPECT_NE(check.error.find("made for `file`, not for `git`"), std::string::npos);
    EXPECT_TRUE(verify_ssh_signature(armored, kMessage, "file").good());
}

TEST_F(SshSignatures, TheSignerIsTheKeyThatSignedNotTheOneExpected) {
    // A good signature by another key is good: it names its signer, and
    // matching that key to a person is the caller's check.
    const SignatureCheck by_other =
        verify_ssh_signature(test::ssh_keygen_sign(other_, kMessage), kMessage);
    EXPECT_TRUE(by_other.good());
    EXPECT_TRUE(by_other.signer->same_key(key_of(other_)));
    EXPECT_FALSE(by_other.signer->same_key(key_of(ed25519_)));
    EXPECT_NE(by_other.fingerprint, key_of(ed25519_).fingerprint());
    // Naming another key inside someone's signature does not make it theirs.
    const SshSignature original =
        parse_ssh_signature(test::ssh_keygen_sign(other_, kMessage)).signature.value();
    const std::string forged = make_blob(key_of(ed25519_).blob, "git", original.hash_algorithm,
                                         original.signature_algorithm, original.signature);
    const SignatureCheck check = verify_ssh_signature(test::armor_ssh_signature(forged), kMessage);
    EXPECT_EQ(check.verdict, SignatureVerdict::bad);
    EXPECT_EQ(check.fingerprint, key_of(ed25519_).fingerprint());
}

TEST_F(SshSignatures, DamagedArmorIsMalformed) {
    const std::string armored = test::ssh_keygen_sign(ed25519_, kMessage);
    const auto malformed = [&](const std::string& text) {
        const SignatureCheck check = verify_ssh_signature(text, kMessage);
        EXPECT_EQ(check.verdict, SignatureVerdict::malformed) << text;
        EXPECT_FALSE(check.signer.has_value());
        return check.error;
    };
    EXPECT_NE(malformed(armored.substr(0, armored.find("-----END"))).find("cut short"),
              std::string::npos);
    EXPECT_NE(malformed(armored.substr(0, armored.size() / 2)).find("cut short"),
              std::string::npos);
    EXPECT_NE(malformed(armored.substr(armored.find('\n') + 1)).find("does not start"),
              std::string::npos);
    // Base64 lines cut short: whole lines dropped from the middle.
    const std::size_t second_line = armored.find('\n', armored.find('\n') + 1) + 1;
    const std::string shortened =
        armored.substr(0, second_line) + armored.substr(armored.find('\n', second_line) + 1);
    EXPECT_FALSE(malformed(shortened).empty());
    std::string garbage = armored;
    garbage.replace(40, 4, "*#%&");
    EXPECT_NE(malformed(garbage).find("base64"), std::string::npos);
    EXPECT_NE(malformed("-----BEGIN SSH SIGNATURE-----\n-----END SSH SIGNATURE-----\n")
                  .find("nothing between"),
              std::string::npos);
    EXPECT_NE(malformed("").find("does not start"), std::string::npos);
    EXPECT_NE(malformed(std::string(1 << 20, 'A')).find("longer than any"), std::string::npos);
    // With or without the final newline (libgit2 drops it, git keeps it), and
    // with CRLF line ends, the same signature.
    std::string trimmed = armored;
    while (trimmed.back() == '\n') trimmed.pop_back();
    EXPECT_TRUE(verify_ssh_signature(trimmed, kMessage).good());
    std::string crlf;
    for (char c : armored) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    EXPECT_TRUE(verify_ssh_signature(crlf, kMessage).good());
}

TEST_F(SshSignatures, DamagedBlobsAreMalformed) {
    const SshSignature good =
        parse_ssh_signature(test::ssh_keygen_sign(ed25519_, kMessage)).signature.value();
    const std::string key = good.signer.blob;
    const auto verdict = [&](const std::string& blob) {
        return verify_ssh_signature(test::armor_ssh_signature(blob), kMessage).verdict;
    };
    const std::string well_formed = make_blob(key, "git", "sha512", "ssh-ed25519", good.signature);
    EXPECT_EQ(verdict(well_formed), SignatureVerdict::good);
    EXPECT_EQ(verdict(well_formed + "x"), SignatureVerdict::malformed);
    EXPECT_EQ(verdict(well_formed.substr(0, well_formed.size() - 1)), SignatureVerdict::malformed);
    EXPECT_EQ(verdict("SSHSIH" + well_formed.substr(6)), SignatureVerdict::malformed);
    EXPECT_EQ(verdict(make_blob(key, "", "sha512", "ssh-ed25519", good.signature)),
              SignatureVerdict::malformed);
    EXPECT_EQ(verdict(make_blob(key, "git", "sha512", "ssh-rsa", good.signature)),
              SignatureVerdict::malformed);  // an RSA algorithm for an Ed25519 key
    EXPECT_EQ(verdict(make_blob(key, "git", "sha512", "ssh-ed25519", good.signature, 2)),
              SignatureVerdict::unsupported);
    EXPECT_EQ(verdict(make_blob(key, "git", "md5", "ssh-ed25519", good.signature)),
              SignatureVerdict::unsupported);
    SshWriter huge;
    huge.raw("SSHSIG").u32(1).u32(0xfffffff0u);
    EXPECT_EQ(verdict(huge.bytes()), SignatureVerdict::malformed);
}

TEST_F(SshSignatures, NoSingleBitFlipAnywhereInTheBlobStaysGood) {
    for (const SshKeyFiles& files : {ed25519_, rsa_}) {
        const std::string blob = blob_of(test::ssh_keygen_sign(files, kMessage));
        for (std::size_t i = 0; i < blob.size(); ++i) {
            std::string flipped = blob;
            flipped[i] = static_cast<char>(flipped[i] ^ (1 << (i % 8)));
            const SignatureCheck check =
                verify_ssh_signature(test::armor_ssh_signature(flipped), kMessage);
            EXPECT_FALSE(check.good()) << files.public_line << " byte " << i;
            EXPECT_FALSE(check.error.empty());
        }
    }
}

TEST_F(SshSignatures, OtherSignatureKindsAreUnsupported) {
    const SignatureCheck pgp = verify_ssh_signature(
        "-----BEGIN PGP SIGNATURE-----\n\niQEz\n-----END PGP SIGNATURE-----\n", kMessage);
    EXPECT_EQ(pgp.verdict, SignatureVerdict::unsupported);
    EXPECT_NE(pgp.error.find("OpenPGP"), std::string::npos);
    SshWriter sk_key;
    sk_key.string("sk-ssh-ed25519@openssh.com").string(std::string(32, 'k')).string("ssh:");
    const SignatureCheck sk = verify_ssh_signature(
        test::armor_ssh_signature(make_blob(sk_key.bytes(), "git", "sha512",
                                            "sk-ssh-ed25519@openssh.com", std::string(64, 's'))),
        kMessage);
    EXPECT_EQ(sk.verdict, SignatureVerdict::unsupported);
    EXPECT_NE(sk.error.find("security-key"), std::string::npos);
}

TEST_F(SshSignatures, RsaWithSha256VerifiesAndOpenSshAgreesOnTheSignedData) {
    const std::string armored = openssl_rsa_signature(kMessage, "sha256", "rsa-sha2-256");
    EXPECT_TRUE(verify_ssh_signature(armored, kMessage).good());
    EXPECT_FALSE(verify_ssh_signature(armored, kMessage + " ").good());
    // The same bytes ssh-keygen checks: the signed data built here is OpenSSH's.
    EXPECT_TRUE(ssh_keygen_verifies(dir_->path(), armored, kMessage, rsa_.public_line));
    // The algorithm name is part of what is checked: SHA-256 under a SHA-512 label fails.
    const SshSignature parsed = parse_ssh_signature(armored).signature.value();
    const std::string relabelled = test::armor_ssh_signature(
        make_blob(parsed.signer.blob, "git", "sha512", "rsa-sha2-512", parsed.signature));
    EXPECT_EQ(verify_ssh_signature(relabelled, kMessage).verdict, SignatureVerdict::bad);
}

TEST_F(SshSignatures, RsaWithSha1IsRefused) {
    const std::string armored = openssl_rsa_signature(kMessage, "sha1", "ssh-rsa");
    const SignatureCheck check = verify_ssh_signature(armored, kMessage);
    EXPECT_EQ(check.verdict, SignatureVerdict::unsupported);
    EXPECT_NE(check.error.find("SHA-1"), std::string::npos);
    EXPECT_FALSE(ssh_keygen_verifies(dir_->path(), armored, kMessage, rsa_.public_line));
}

}  // namespace
}  // namespace accord

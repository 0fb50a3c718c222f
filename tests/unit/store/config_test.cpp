#include "core/store/config.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "core/store/config_append.hpp"
#include "core/util/errors.hpp"
#include "core/util/ssh_keys.hpp"
#include "support/paths.hpp"

namespace accord {
namespace {

const char* const kExample = R"(negotiation: WGEC 2013-14
delegations:
  - name: Russian Federation
    aliases: [RF, Russia, Russian Fed.]
  - name: Avri Doria
    kind: civil society
  - Japan
  - name: United States of America
    aliases: [US, USA]
meetings:
  - name: WGEC-3
    from: 2014-02-24
    to: 2014-02-26
notation:
  slash-options: any      # the WGEC texts write [continuing/full]
  status: [agreed, agreed ad ref, revisit, no consensus]
)";

// The message of the usage error parse_config throws for `yaml`.
std::string error_for(const std::string& yaml) {
    try {
        parse_config(yaml, "accord.yaml");
    } catch (const Error& e) {
        EXPECT_EQ(e.exit_code(), kExitUsage);
        return e.what();
    }
    ADD_FAILURE() << "accepted:\n" << yaml;
    return "";
}

void expect_same(const Config& a, const Config& b) {
    EXPECT_EQ(a.negotiation, b.negotiation);
    EXPECT_EQ(a.delegations, b.delegations);
    EXPECT_EQ(a.meetings, b.meetings);
    EXPECT_EQ(a.notation.slash_options, b.notation.slash_options);
    EXPECT_EQ(a.notation.status_vocabulary, b.notation.status_vocabulary);
    EXPECT_EQ(a.secretariat, b.secretariat);
    EXPECT_EQ(a.signatures, b.signatures);
    EXPECT_EQ(a.other, b.other);
}

TEST(Config, ReadsTheDocumentedExample) {
    const Config c = parse_config(kExample, "accord.yaml");
    EXPECT_EQ(c.negotiation, "WGEC 2013-14");
    ASSERT_EQ(c.delegations.size(), 4u);
    EXPECT_EQ(c.delegations[0].aliases, (std::vector<std::string>{"RF", "Russia", "Russian Fed."}));
    EXPECT_EQ(c.delegations[1].kind, "civil society");
    EXPECT_EQ(c.delegations[2].name, "Japan");  // the short form
    ASSERT_EQ(c.meetings.size(), 1u);
    EXPECT_EQ(c.meetings[0], (Meeting{"WGEC-3", "2014-02-24", "2014-02-26"}));
    EXPECT_EQ(c.notation.slash_options, SlashOptions::any);
    EXPECT_EQ(c.notation.status_vocabulary.size(), 4u);
}

TEST(Config, AConflictLeftByAMergeIsNamedAsOne) {
    const std::string message = error_for(
        "negotiation: t\n<<<<<<< HEAD\ndelegations:\n  - name: A\n=======\n"
        "delegations:\n  - name: B\n>>>>>>> side\n");
    EXPECT_NE(message.find("accord.yaml:2:1: a merge conflict is left here (<<<<<<<)"),
              std::string::npos)
        << message;
    // A line of '=' inside a text value is no marker.
    EXPECT_EQ(parse_config("negotiation: \"=======\"\n", "accord.yaml").negotiation, "=======");
}

TEST(Config, EmptyFileAndMissingSectionsGiveDefaults) {
    const Config c = parse_config("", "accord.yaml");
    EXPECT_TRUE(c.delegations.empty());
    EXPECT_EQ(c.notation.slash_options, SlashOptions::spaced);
    EXPECT_EQ(c.notation.status_vocabulary, NotationOptions{}.status_vocabulary);
    EXPECT_EQ(parse_config("negotiation: X\ndelegations:\n", "a").negotiation, "X");
}

TEST(Config, ResolvesNamesAndAliasesLoosely) {
    const Config c = parse_config(kExample, "accord.yaml");
    for (const char* given : {"Russian Federation", "RF", "rf", "Russia", "Russian Fed.",
                              "russian fed", "  Russian   Federation. ", "R.F."}) {
        EXPECT_EQ(c.resolve_delegation(given), "Russian Federation") << given;
    }
    EXPECT_EQ(c.resolve_delegation("U.S.A."), "United States of America");
    EXPECT_EQ(c.resolve_delegation("japan"), "Japan");
    EXPECT_EQ(c.resolve_delegation("Japon"), std::nullopt);
    EXPECT_EQ(c.resolve_delegation(""), std::nullopt);
    EXPECT_EQ(c.resolve_delegation("..."), std::nullopt);
}

TEST(Config, SuggestsTheNearestNames) {
    const Config c = parse_config(kExample, "accord.yaml");
    EXPECT_EQ(c.suggest("Japn"), std::vector<std::string>{"Japan"});
    EXPECT_EQ(c.suggest("Rusia"), std::vector<std::string>{"Russian Federation"});
    EXPECT_EQ(c.suggest("Russian"), std::vector<std::string>{"Russian Federation"});
    EXPECT_EQ(c.suggest("Avri Dorea"), std::vector<std::string>{"Avri Doria"});
    EXPECT_EQ(c.suggest("Doria"), std::vector<std::string>{"Avri Doria"});
    EXPECT_TRUE(c.suggest("Kenya").empty());
    EXPECT_TRUE(c.suggest("").empty());
}

TEST(Config, FindsMeetings) {
    const Config c = parse_config(kExample, "accord.yaml");
    ASSERT_NE(c.find_meeting("wgec-3"), nullptr);
    EXPECT_EQ(c.find_meeting("WGEC-3")->to, "2014-02-26");
    EXPECT_EQ(c.find_meeting("WGEC-4"), nullptr);
}

TEST(Config, ErrorsNameTheFileLineAndColumn) {
    EXPECT_EQ(error_for("negotiation: x\ndelegations: Japan\n"),
              "accord.yaml:2:14: delegations must be a list, not a text");
    EXPECT_EQ(error_for("meetings:\n  - name: M\n    from: 2014-02-24\n    to: 26 Feb 2014\n"),
              "accord.yaml:4:9: the end of M '26 Feb 2014' is not a date written YYYY-MM-DD");
    EXPECT_EQ(error_for("notation:\n  slash-options: sometimes\n"),
              "accord.yaml:2:18: slash-options must be 'spaced' or 'any', not 'sometimes'");
    EXPECT_EQ(error_for("- a\n- b\n"),
              "accord.yaml:1:1: the file must be a mapping (negotiation:, delegations:, ...)");
    EXPECT_NE(error_for("negotiation: [unclosed\n").find("accord.yaml:2:1: malformed YAML"),
              std::string::npos)
        << error_for("negotiation: [unclosed\n");
    // Nested past the YAML reader's limit: said so (yaml-cpp's own words are
    // "bad file").
    const std::string deep = "x: " + std::string(5000, '[') + std::string(5000, ']') + "\n";
    EXPECT_NE(error_for(deep).find("nested too deeply"), std::string::npos) << error_for(deep);
    EXPECT_NE(error_for("meetings:\n  - name: M\n    from: 2014-02-27\n    to: 2014-02-26\n")
                  .find("ends (2014-02-26) before it starts (2014-02-27)"),
              std::string::npos);
    EXPECT_NE(error_for("meetings:\n  - name: M\n    to: 2014-02-26\n").find("needs 'from'"),
              std::string::npos);
    EXPECT_NE(error_for("meetings:\n  - name: M\n    from: 2014-02-30\n    to: 2014-03-01\n")
                  .find("accord.yaml:3:11: the start of M '2014-02-30' is written YYYY-MM-DD but "
                        "is no day of the calendar"),
              std::string::npos);
    EXPECT_NE(error_for("delegations:\n  - name: Japan\n    alias: [JP]\n")
                  .find("accord.yaml:3:5: unknown key 'alias' in a delegation (known: name, "
                        "aliases, kind, keys)"),
              std::string::npos);
    EXPECT_NE(
        error_for("delegations:\n  - name: [a, b]\n").find("a delegation's name must be a text"),
        std::string::npos);
    EXPECT_NE(error_for("delegations:\n  - kind: state\n").find("needs a 'name'"),
              std::string::npos);
    EXPECT_NE(error_for("notation:\n  slashes: any\n").find("unknown key 'slashes' in notation"),
              std::string::npos);
}

// A top-level key a letter or two from accord's own is a misspelling, named
// with the key meant; other keys are kept as written.
TEST(Config, AMisspeltTopLevelKeyIsNamedWithTheKeyMeant) {
    EXPECT_NE(error_for("negotiation: T\ndelegation:\n  - name: Japan\n")
                  .find("accord.yaml:2:1: unknown key 'delegation': did you mean 'delegations'?"),
              std::string::npos);
    EXPECT_NE(error_for("Meetings: []\n").find("did you mean 'meetings'?"), std::string::npos);
    EXPECT_NE(error_for("secretariats: []\n").find("did you mean 'secretariat'?"),
              std::string::npos);
    const Config kept = parse_config("negotiation: T\nchair: Ambassador X\n", "accord.yaml");
    ASSERT_EQ(kept.other.size(), 1u);
    EXPECT_EQ(kept.other[0].first, "chair");
}

// Names copied from Word documents and e-mails come with accents dropped or
// added, typographic apostrophes, no-break spaces and byte order marks: one
// delegation all the same, never a second one beside it.
TEST(Config, NamesDifferingInAccentsApostrophesOrInvisibleSpacesAreOne) {
    const Config c = parse_config(
        "delegations:\n  - \"C\u00f4te d'Ivoire\"\n  - T\u00fcrkiye\n  - Japan\n", "accord.yaml");
    for (const char* given : {"Cote d'Ivoire", "C\u00f4te d\u2019Ivoire", "C\u00d4TE D'IVOIRE",
                              "C\u00f4te\u00a0d'Ivoire"})
        EXPECT_EQ(c.resolve_delegation(given), "C\u00f4te d'Ivoire") << given;
    EXPECT_EQ(c.resolve_delegation("Turkiye"), "T\u00fcrkiye");
    EXPECT_EQ(c.resolve_delegation("\ufeffJapan\u00a0"), "Japan");
    EXPECT_EQ(c.resolve_delegation("Ja\u200bpan"), "Japan");
    EXPECT_EQ(c.resolve_delegation("Turkey"), std::nullopt);  // another name, not a spelling
    EXPECT_NE(error_for("delegations:\n  - \"C\u00f4te d'Ivoire\"\n  - \"Cote d\u2019Ivoire\"\n")
                  .find("is listed twice"),
              std::string::npos);
}

TEST(Config, RefusesNamesClaimedTwice) {
    EXPECT_NE(error_for("delegations:\n  - Japan\n  - japan.\n")
                  .find("accord.yaml:3:5: delegation japan. is listed twice"),
              std::string::npos);
    EXPECT_NE(error_for("delegations:\n  - name: Russian Federation\n    aliases: [RF]\n"
                        "  - name: Republic of France\n    aliases: [R.F.]\n")
                  .find("'R.F.' would name both Russian Federation and Republic of France"),
              std::string::npos);
    EXPECT_NE(error_for("meetings:\n  - {name: M, from: 2014-01-01, to: 2014-01-01}\n"
                        "  - {name: m, from: 2014-01-02, to: 2014-01-02}\n")
                  .find("listed twice"),
              std::string::npos);
    // An alias repeating its own name is harmless.
    EXPECT_EQ(parse_config("delegations:\n  - name: Japan\n    aliases: [JAPAN, JP]\n", "a")
                  .resolve_delegation("jp"),
              "Japan");
}

// A YAML alias (*name) stands for a whole list in a few bytes: repeated, it
// would make the reader copy that list once per use. The registry is
// refused, at the entry that passes the limit, before the copies are made.
TEST(Config, AliasesCannotMultiplyTheRegistryPastItsLimit) {
    const std::size_t listed = 1000;
    std::string yaml = "negotiation: T\nx: &l [";
    for (std::size_t i = 0; i < listed; ++i) yaml += (i ? ",a" : "a") + std::to_string(i);
    yaml += "]\ndelegations:\n";
    const std::size_t entries = kMaxRegistryNames / listed + 10;
    for (std::size_t i = 0; i < entries; ++i)
        yaml += "  - {name: D" + std::to_string(i) + ", aliases: *l}\n";
    // The names before the entry's own aliases (the list's entries) count too.
    const std::size_t passing = (kMaxRegistryNames - entries) / listed + 1;
    const std::string line = std::to_string(3 + passing);  // the entries start on line 4
    const std::string message = error_for(yaml);
    EXPECT_EQ(message.rfind("accord.yaml:" + line + ":5: here the registry passes " +
                                std::to_string(kMaxRegistryNames) + " names",
                            0),
              0u)
        << message.substr(0, 300);
    EXPECT_NE(message.find("each use of a YAML alias"), std::string::npos) << message;

    // A registry below the limit, even a large one, reads as before.
    std::string large = "delegations:\n";
    for (std::size_t i = 0; i < 5000; ++i)
        large += "  - {name: D" + std::to_string(i) + ", aliases: [A" + std::to_string(i) + "]}\n";
    const Config read = parse_config(large, "accord.yaml");
    ASSERT_EQ(read.delegations.size(), 5000u);
    EXPECT_EQ(read.resolve_delegation("a4999"), "D4999");
}

// A long text behind an anchor, repeated through aliases, counts each time.
TEST(Config, ALongTextRepeatedThroughAliasesCountsTowardTheLimit) {
    std::string yaml = "negotiation: T\nx: &s " + std::string(std::size_t{1} << 20, 'a') +
                       "\ndelegations:\n  - name: D\n    aliases: [*s";
    for (std::size_t i = 1; i < (kMaxRegistryTextBytes >> 20) + 8; ++i) yaml += ", *s";
    yaml += "]\n";
    const std::string message = error_for(yaml);
    EXPECT_EQ(message.rfind("accord.yaml:2:4: here the registry passes " +
                                std::to_string(kMaxRegistryTextBytes >> 20) + " MB of text in all",
                            0),
              0u)
        << message.substr(0, 300);
}

// Names are checked for clashes in one pass: a registry near the limit
// reads in about two seconds (comparing each name with every other took 88,
// far past the bound here).
TEST(Config, ALargeRegistryIsReadInLinearTime) {
    std::string yaml = "negotiation: T\ndelegations:\n";
    const std::size_t entries = kMaxRegistryNames - 10;
    for (std::size_t i = 0; i < entries; ++i) yaml += "  - Delegation " + std::to_string(i) + "\n";
    const auto start = std::chrono::steady_clock::now();
    const Config read = parse_config(yaml, "accord.yaml");
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(read.delegations.size(), entries);
    EXPECT_LT(seconds, 20.0) << "reading " << entries << " delegations";
    // A clash is still found, and said as before.
    EXPECT_NE(
        error_for(yaml + "  - delegation 17.\n").find("delegation delegation 17. is listed twice"),
        std::string::npos);
}

// A key written twice in one mapping: YAML would keep one of the two values
// and drop the other, so the file is refused where the second one is.
TEST(Config, RefusesAKeyWrittenTwiceInOneMapping) {
    EXPECT_EQ(error_for("negotiation: T\ndelegations: [Japan]\ndelegations: [Sweden, Ghana]\n")
                  .rfind("accord.yaml:3:1: duplicate key 'delegations' (first at line 2)", 0),
              0u)
        << error_for("negotiation: T\ndelegations: [Japan]\ndelegations: [Sweden, Ghana]\n");
    EXPECT_NE(error_for("secretariat: []\nnegotiation: T\nsecretariat:\n  - {name: C, keys: []}\n")
                  .find("accord.yaml:3:1: duplicate key 'secretariat' (first at line 1)"),
              std::string::npos);
    EXPECT_NE(error_for("negotiation: T\nnegotiation: U\n")
                  .find("accord.yaml:2:1: duplicate key 'negotiation' (first at line 1)"),
              std::string::npos);
    // Inside an entry, on one line and over several.
    const std::string flow =
        error_for("delegations:\n  - {name: Japan, aliases: [JP], aliases: [RF]}\n");
    EXPECT_EQ(flow.rfind("accord.yaml:2:34: duplicate key 'aliases' (first at line 2, column 19) "
                         "in a delegation",
                         0),
              0u)
        << flow;
    EXPECT_NE(error_for("delegations:\n  - name: Russian Federation\n    kind: state\n"
                        "    name: Sweden\n")
                  .find("accord.yaml:4:5: duplicate key 'name' (first at line 2) in a delegation"),
              std::string::npos);
    EXPECT_NE(error_for("meetings:\n  - {name: M, from: 2014-01-01, to: 2014-01-02, to: "
                        "2014-01-03}\n")
                  .find("duplicate key 'to'"),
              std::string::npos);
    EXPECT_NE(
        error_for("secretariat:\n  - {name: C, keys: [], name: D}\n").find("duplicate key 'name'"),
        std::string::npos);
    EXPECT_NE(error_for("notation: {slash-options: any, slash-options: spaced}\n")
                  .find("duplicate key 'slash-options'"),
              std::string::npos);
    EXPECT_NE(error_for("policy: {signatures: optional, signatures: required}\n")
                  .find("duplicate key 'signatures'"),
              std::string::npos);
    // The message says how to mend it.
    EXPECT_NE(flow.find("keep one 'aliases'"), std::string::npos) << flow;
}

TEST(Config, EmitRoundTripsThroughParse) {
    const Config example = parse_config(kExample, "accord.yaml");
    const std::string text = emit_config(example);
    expect_same(parse_config(text, "emitted"), example);
    EXPECT_NE(text.find("slash-options: any"), std::string::npos) << text;
    EXPECT_NE(text.find("- name: Russian Federation"), std::string::npos) << text;

    Config tricky;
    tricky.negotiation = "null";
    tricky.delegations = {{"Yes", {"No", "~", "#hash", "a: b", "[x]"}, "group", {}},
                          {"Côte d'Ivoire", {"\"quoted\""}, "", {}},
                          {"- dash", {}, "true", {}}};
    tricky.meetings = {{"2014", "2014-01-01", "2014-01-02"}};
    tricky.notation.status_vocabulary = {"agreed", "no consensus", "null"};
    expect_same(parse_config(emit_config(tricky), "emitted"), tricky);
    expect_same(parse_config(emit_config(Config{}), "emitted"), Config{});
}

TEST(Config, KeepsUnknownTopLevelKeys) {
    const Config c = parse_config("negotiation: X\nbureau:\n  contact: wgec@example.org\n", "a");
    ASSERT_EQ(c.other.size(), 1u);
    EXPECT_EQ(c.other[0].first, "bureau");
    const Config again = parse_config(emit_config(c), "a");
    expect_same(again, c);
    EXPECT_NE(emit_config(again).find("contact: wgec@example.org"), std::string::npos);
}

TEST(Config, LoadNamesAnUnreadableFile) {
    test::TempDir tmp;
    try {
        load_config(tmp.file("accord.yaml"));
        ADD_FAILURE() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.exit_code(), kExitFailure);
        EXPECT_NE(std::string(e.what()).find(tmp.file("accord.yaml")), std::string::npos);
    }
    const std::string path = tmp.write("accord.yaml", "delegations: 3\n");
    try {
        load_config(path);
        ADD_FAILURE() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()).rfind(path + ":1:14:", 0), 0u) << e.what();
    }
}

// Keys as ssh-keygen writes them (Ed25519 and ECDSA P-256), fixed so that
// the messages can be compared whole.
const std::string kJapanKey =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIiDk/NvHJVRNQ+SE5HE1kATG28eeKBfL3OT37/kRZAY "
    "delegate@mofa.go.jp";
const std::string kUsKey =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICaNJUaezVZySV3UJtcbOkNav7wATi4+NeTiNGe+eTMJ";
const std::string kClerkKey =
    "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBIHS69aUu1m9WTy4K06t"
    "k6h40mMhhc4PJsYg5yDXNZC1qcbH0ZR5O3c4uDbyvXtjo9YgcRnJjqZ+P06Hfhvtk9E= clerk@unctad.org";

std::string signed_registry(const std::string& policy) {
    return "negotiation: X\n"
           "delegations:\n"
           "  - name: Japan\n"
           "    keys:\n"
           "      - " +
           kJapanKey +
           "\n"
           "  - name: United States of America\n"
           "    aliases: [US]\n"
           "    keys: " +
           kUsKey +
           "\n"
           "  - Brazil\n"
           "secretariat:\n"
           "  - name: WGEC secretariat\n"
           "    keys: [" +
           kClerkKey +
           "]\n"
           "policy: {signatures: " +
           policy + "}\n";
}

TEST(ConfigKeys, ReadsKeysSecretariatAndPolicy) {
    const Config c = parse_config(signed_registry("required"), "accord.yaml");
    EXPECT_EQ(c.signatures, SignaturePolicy::required);
    ASSERT_EQ(c.delegations.size(), 3u);
    EXPECT_EQ(c.delegations[0].keys, std::vector<std::string>{kJapanKey});
    EXPECT_EQ(c.delegations[1].keys, std::vector<std::string>{kUsKey});  // one key, written alone
    EXPECT_TRUE(c.delegations[2].keys.empty());
    ASSERT_EQ(c.secretariat.size(), 1u);
    EXPECT_EQ(c.secretariat[0].name, "WGEC secretariat");
    EXPECT_EQ(c.secretariat[0].keys, std::vector<std::string>{kClerkKey});
    EXPECT_TRUE(c.lists_keys());
    EXPECT_TRUE(c.secretariat_has_keys());

    const auto japan = parse_ssh_public_key(kJapanKey).key;
    const auto clerk = parse_ssh_public_key(kClerkKey).key;
    ASSERT_TRUE(japan && clerk);
    const std::optional<KeyHolder> holder = c.key_holder(japan->blob);
    ASSERT_TRUE(holder);
    EXPECT_EQ(holder->name, "Japan");
    EXPECT_FALSE(holder->secretariat);
    EXPECT_EQ(holder->fingerprint, japan->fingerprint());
    EXPECT_TRUE(c.key_holder(clerk->blob)->secretariat);
    EXPECT_EQ(c.key_holder("not a key"), std::nullopt);
    EXPECT_EQ(c.registered_keys().size(), 3u);
}

TEST(ConfigKeys, DefaultsAreOptionalAndKeyless) {
    const Config c = parse_config(kExample, "accord.yaml");
    EXPECT_EQ(c.signatures, SignaturePolicy::optional);
    EXPECT_FALSE(c.lists_keys());
    EXPECT_FALSE(c.secretariat_has_keys());
    EXPECT_EQ(parse_config("policy:\n", "a").signatures, SignaturePolicy::optional);
    EXPECT_EQ(parse_config("policy: {}\n", "a").signatures, SignaturePolicy::optional);
}

TEST(ConfigKeys, EmitRoundTripsKeysSecretariatAndPolicy) {
    const Config c = parse_config(signed_registry("required"), "accord.yaml");
    const std::string text = emit_config(c);
    expect_same(parse_config(text, "emitted"), c);
    EXPECT_NE(text.find("signatures: required"), std::string::npos) << text;
    EXPECT_NE(text.find(kClerkKey), std::string::npos) << text;
    // A fresh registry says where keys and the policy go.
    const std::string fresh = emit_config(Config{});
    EXPECT_NE(fresh.find("secretariat: []"), std::string::npos) << fresh;
    EXPECT_NE(fresh.find("policy: {signatures: optional}"), std::string::npos) << fresh;
}

TEST(ConfigKeys, ErrorsNameTheEntryAndTheKey) {
    EXPECT_EQ(error_for("delegations:\n  - name: Japan\n    keys:\n      - " + kJapanKey +
                        "\n      - ssh-ed25519 AAAA-not-base64\n"),
              "accord.yaml:5:9: key 2 of Japan: " +
                  parse_ssh_public_key("ssh-ed25519 AAAA-not-base64").error);
    // A private key pasted by mistake is named as such.
    EXPECT_NE(error_for("secretariat:\n  - name: Clerk\n    keys: ['-----BEGIN OPENSSH PRIVATE "
                        "KEY-----']\n")
                  .find("accord.yaml:3:12: key 1 of secretariat member Clerk: "),
              std::string::npos);
    EXPECT_NE(error_for("delegations:\n  - name: Japan\n    keys: {a: b}\n")
                  .find("accord.yaml:3:11: the keys of Japan must be a list of SSH public keys"),
              std::string::npos);
    EXPECT_EQ(error_for("policy: {signatures: always}\n"),
              "accord.yaml:1:22: signatures must be 'optional' or 'required', not 'always'");
    EXPECT_NE(error_for("policy: {sign: required}\n").find("unknown key 'sign' in policy"),
              std::string::npos);
    EXPECT_NE(error_for("secretariat:\n  - Clerk\n")
                  .find("accord.yaml:2:5: each secretariat entry "
                        "must be a mapping with name and keys"),
              std::string::npos);
    EXPECT_NE(error_for("secretariat:\n  - keys: []\n").find("needs a 'name'"), std::string::npos);
    EXPECT_NE(error_for("delegations: [Japan]\nsecretariat:\n  - {name: japan, keys: []}\n")
                  .find("secretariat member 'japan' has the name of a delegation"),
              std::string::npos);
}

// Keys repeated through a YAML alias count toward the registry's limit,
// before any of them is read.
TEST(ConfigKeys, KeysRepeatedThroughAnAliasCountTowardTheLimit) {
    std::string yaml = "negotiation: T\nk: &k [";
    for (std::size_t i = 0; i < 100; ++i) yaml += (i ? ", " : "") + kJapanKey;
    yaml += "]\ndelegations:\n";
    for (std::size_t i = 0; i < kMaxRegistryNames / 100 + 1; ++i)
        yaml += "  - {name: D" + std::to_string(i) + ", keys: *k}\n";
    const std::string message = error_for(yaml);
    EXPECT_NE(message.find("here the registry passes " + std::to_string(kMaxRegistryNames)),
              std::string::npos)
        << message.substr(0, 300);
}

TEST(ConfigKeys, OneKeySignsForOneHolderOnly) {
    const std::string fingerprint = parse_ssh_public_key(kJapanKey).key->fingerprint();
    EXPECT_EQ(error_for("delegations:\n  - name: Japan\n    keys: [" + kJapanKey +
                        "]\n  - name: Brazil\n    keys:\n      - " + kUsKey + "\n      - " +
                        kJapanKey + "\n"),
              "accord.yaml:7:9: key 2 of Brazil (" + fingerprint +
                  ") is also listed for Japan; a key signs for one holder only: give each "
                  "delegation and each secretariat member its own key");
    // The same key under another comment is the same key.
    const std::string renamed = kJapanKey.substr(0, kJapanKey.rfind(' ')) + " laptop";
    EXPECT_NE(
        error_for("delegations:\n  - name: Japan\n    keys: [" + kJapanKey + ", " + renamed + "]\n")
            .find("key 2 of Japan (" + fingerprint + ") is listed twice for it"),
        std::string::npos);
    EXPECT_NE(error_for("delegations:\n  - name: Japan\n    keys: [" + kJapanKey +
                        "]\nsecretariat:\n  - name: Clerk\n    keys: [" + kJapanKey + "]\n")
                  .find("key 1 of secretariat member Clerk (" + fingerprint +
                        ") is also listed for Japan"),
              std::string::npos);
}

// ---------------------------------------------------------------- appending

// append_delegations(TEXT, ...) for one name, the file reading back checked.
std::string appended(const std::string& yaml, const std::string& name) {
    return append_delegations(yaml, "accord.yaml", {name});
}

// The usage error append_delegations throws for `yaml`.
std::string append_error(const std::string& yaml, const std::string& name = "Ghana") {
    try {
        append_delegations(yaml, "accord.yaml", {name});
    } catch (const Error& e) {
        EXPECT_EQ(e.exit_code(), kExitUsage);
        return e.what();
    }
    ADD_FAILURE() << "appended to:\n" << yaml;
    return "";
}

TEST(ConfigAppend, ABlockListGetsOneLineAfterItsLastEntry) {
    const std::string yaml =
        "# Registry: do not edit without the chair\n"
        "negotiation: WGEC 2013-14\n"
        "delegations:\n"
        "  - name: Russian Federation   # since 2013\n"
        "    aliases: [RF, Russia]\n"
        "  # Observers\n"
        "  - {name: Japan, aliases: [JP]}\n"
        "  - name: Avri Doria\n"
        "    kind: >\n"
        "      civil\n"
        "      society\n"
        "\n"
        "# Meetings of the working group\n"
        "meetings:\n"
        "  - {name: WGEC-3, from: 2014-02-24, to: 2014-02-26}\n";
    std::string expected = yaml;
    expected.insert(expected.find("\n\n# Meetings") + 1, "  - Ghana\n");
    EXPECT_EQ(appended(yaml, "Ghana"), expected);
    // Several, in the order given.
    std::string both = yaml;
    both.insert(both.find("\n\n# Meetings") + 1, "  - Ghana\n  - Chile\n");
    EXPECT_EQ(append_delegations(yaml, "accord.yaml", {"Ghana", "Chile"}), both);
    // A list written at the indentation of its key, the last thing in the file.
    EXPECT_EQ(appended("negotiation: T\ndelegations:\n- Japan\n- Sweden # since 2013\n", "Ghana"),
              "negotiation: T\ndelegations:\n- Japan\n- Sweden # since 2013\n- Ghana\n");
    EXPECT_EQ(appended("delegations:\n    - Japan\npolicy: {signatures: optional}\n", "Ghana"),
              "delegations:\n    - Japan\n    - Ghana\npolicy: {signatures: optional}\n");
}

TEST(ConfigAppend, AFlowListGetsTheNameBeforeItsBracket) {
    EXPECT_EQ(appended("negotiation: T\ndelegations: [Japan, Sweden]  # founders\nmeetings: []\n",
                       "Ghana"),
              "negotiation: T\ndelegations: [Japan, Sweden, Ghana]  # founders\nmeetings: []\n");
    // An empty one becomes a block list, one line per delegation.
    EXPECT_EQ(appended("delegations: []  # none yet\n", "Ghana"),
              "delegations:  # none yet\n  - Ghana\n");
    EXPECT_EQ(
        append_delegations("delegations:\n  []\nmeetings: []\n", "accord.yaml", {"Ghana", "Chile"}),
        "delegations:\n  - Ghana\n  - Chile\nmeetings: []\n");
    EXPECT_EQ(appended("delegations: []", "Ghana"), "delegations:\n  - Ghana");
    EXPECT_EQ(appended("delegations: [ ]  # none\n", "Ghana"), "delegations:  # none\n  - Ghana\n");
    // A byte-order mark before the key is no column of the list's indentation.
    EXPECT_EQ(appended("\xEF\xBB\xBF"
                       "delegations: []\n",
                       "Ghana"),
              "\xEF\xBB\xBF"
              "delegations:\n  - Ghana\n");
    EXPECT_EQ(appended("\xEF\xBB\xBF"
                       "delegations:\n",
                       "Ghana"),
              "\xEF\xBB\xBF"
              "delegations:\n  - Ghana\n");
    // Over several lines, with a comment and a trailing comma; quoted entries
    // holding brackets and commas are entries, not the list's end.
    EXPECT_EQ(appended("delegations: [\n  \"Japan ]\", 'Côte d''Ivoire', # two\n  {name: S},\n]\n",
                       "Ghana"),
              "delegations: [\n  \"Japan ]\", 'Côte d''Ivoire', # two\n  {name: S}, Ghana,\n]\n");
    EXPECT_EQ(appended("delegations: [Côte d'Ivoire]\n", "Ghana"),
              "delegations: [Côte d'Ivoire, Ghana]\n");
}

TEST(ConfigAppend, ADelegationWithAliasesIsOneFlowMappingOnItsLine) {
    const std::vector<Delegation> added = {
        Delegation{"Korea, Republic of", {"ROK", "Rep. of Korea"}, ""},
        Delegation{"Ghana", {}, "state"}, Delegation{"Chile", {}, ""}};
    const std::string block = "# kept\ndelegations:\n  - Japan  # first\nmeetings: []\n";
    EXPECT_EQ(append_delegation_entries(block, "accord.yaml", added),
              "# kept\ndelegations:\n  - Japan  # first\n"
              "  - {name: \"Korea, Republic of\", aliases: [ROK, Rep. of Korea]}\n"
              "  - {name: Ghana, kind: state}\n  - Chile\nmeetings: []\n");
    EXPECT_EQ(append_delegation_entries("delegations: [Japan]  # founders\n", "accord.yaml", added),
              "delegations: [Japan, {name: \"Korea, Republic of\", aliases: [ROK, Rep. of Korea]}, "
              "{name: Ghana, kind: state}, Chile]  # founders\n");
    // Read back, they are the delegations given, aliases and kind included.
    const Config read =
        parse_config(append_delegation_entries(block, "accord.yaml", added), "accord.yaml");
    ASSERT_EQ(read.delegations.size(), 4u);
    EXPECT_EQ(read.delegations[1], added[0]);
    EXPECT_EQ(read.delegations[2], added[1]);
    EXPECT_EQ(read.resolve_delegation("ROK"), "Korea, Republic of");
}

TEST(ConfigAppend, AMissingOrEmptyListIsStarted) {
    EXPECT_EQ(appended("negotiation: T\ndelegations:   # none yet\nmeetings: []\n", "Ghana"),
              "negotiation: T\ndelegations:   # none yet\n  - Ghana\nmeetings: []\n");
    EXPECT_EQ(appended("negotiation: T\n", "Ghana"), "negotiation: T\ndelegations:\n  - Ghana\n");
    EXPECT_EQ(appended("negotiation: T", "Ghana"), "negotiation: T\ndelegations:\n  - Ghana");
    EXPECT_EQ(appended("", "Ghana"), "delegations:\n  - Ghana\n");
}

TEST(ConfigAppend, KeepsLineEndingsAndAByteOrderMark) {
    EXPECT_EQ(appended("negotiation: T\r\ndelegations:\r\n  - Japan\r\n", "Ghana"),
              "negotiation: T\r\ndelegations:\r\n  - Japan\r\n  - Ghana\r\n");
    // No final line break before, none after.
    EXPECT_EQ(appended("delegations:\n  - Japan", "Ghana"), "delegations:\n  - Japan\n  - Ghana");
    EXPECT_EQ(appended("\xEF\xBB\xBF"
                       "delegations: [Japan]\n",
                       "Ghana"),
              "\xEF\xBB\xBF"
              "delegations: [Japan, Ghana]\n");
}

TEST(ConfigAppend, QuotesANameYamlWouldReadOtherwise) {
    EXPECT_EQ(appended("delegations: [Japan]\n", "Korea, Republic of"),
              "delegations: [Japan, \"Korea, Republic of\"]\n");
    EXPECT_EQ(appended("delegations:\n  - Japan\n", "null"),
              "delegations:\n  - Japan\n  - \"null\"\n");
    EXPECT_EQ(appended("delegations:\n  - Japan\n", "#1: group"),
              "delegations:\n  - Japan\n  - \"#1: group\"\n");
    const Config read =
        parse_config(appended("delegations: [Japan]\n", "Group [77] & \"China\""), "a");
    EXPECT_EQ(read.delegations.back().name, "Group [77] & \"China\"");
}

TEST(ConfigAppend, RefusesAShapeItCannotExtendSafely) {
    const auto refused = [](const std::string& yaml, const std::string& where,
                            const std::string& why) {
        const std::string message = append_error(yaml);
        EXPECT_EQ(
            message.rfind("accord.yaml:" + where +
                              ": cannot add Ghana to the delegations list as it is written: " + why,
                          0),
            0u)
            << message;
        EXPECT_NE(
            message.find("; add it by hand at the end of the delegations list in accord.yaml, "
                         "as a line '- Ghana' (in a list written [A, B], as ', Ghana'); the "
                         "file is left as it is"),
            std::string::npos)
            << message;
    };
    refused("founders: &f\n  - Japan\ndelegations: *f\n", "3:1",
            "the list is written elsewhere and named here by an alias");
    refused("delegations: &d [Japan]\nfounders: *d\n", "1:14",
            "the list carries an anchor (&name) or a tag (!tag)");
    refused("delegations: !!seq [Japan]\n", "1:14", "the list carries an anchor");
    refused("delegations: ~\n", "1:14", "the list is written as an empty value");
    refused("\"delegations\": [Japan]\n", "1:1", "the key 'delegations' is not written plainly");
    refused("{negotiation: T}\n", "1:1", "the file is one flow mapping {...}");
    // A name that needs quotes is shown with them.
    EXPECT_NE(append_error("delegations: ~\n", "Korea, Republic of")
                  .find("as a line '- \"Korea, Republic of\"'"),
              std::string::npos);
    // An edit that would change what the file says is caught by reading it
    // back: here the last line of a literal text looks like a comment.
    refused("delegations:\n  - name: A\n    kind: |\n      x\n      # y\nmeetings: []\n", "5:1",
            "the file would then read as another registry");
}

// The slash-options setting changed where it is written, every other byte
// kept; a file without a notation setting gets one at its end; a shape the
// edit cannot handle is left to the caller.
TEST(ConfigAppend, SlashOptionsAreSetWhereTheyAreWritten) {
    const std::string commented =
        "# kept by the secretariat\nnotation:\n  slash-options: spaced   # WGEC style\n";
    EXPECT_EQ(with_slash_options(commented, "accord.yaml", SlashOptions::any),
              "# kept by the secretariat\nnotation:\n  slash-options: any   # WGEC style\n");
    EXPECT_EQ(with_slash_options("notation: {slash-options: 'spaced', status: [agreed]}\r\n",
                                 "accord.yaml", SlashOptions::any),
              "notation: {slash-options: any, status: [agreed]}\r\n");
    EXPECT_EQ(with_slash_options("negotiation: T\r\n", "accord.yaml", SlashOptions::any),
              "negotiation: T\r\nnotation:\r\n  slash-options: any\r\n");
    EXPECT_EQ(with_slash_options("negotiation: T", "accord.yaml", SlashOptions::any),
              "negotiation: T\nnotation:\n  slash-options: any\n");
    // A notation mapping without the setting, or the setting behind an alias.
    EXPECT_EQ(
        with_slash_options("notation:\n  status: [agreed]\n", "accord.yaml", SlashOptions::any),
        std::nullopt);
    EXPECT_EQ(with_slash_options("x: &s spaced\nnotation: {slash-options: *s}\n", "accord.yaml",
                                 SlashOptions::any),
              std::nullopt);
}

}  // namespace
}  // namespace accord

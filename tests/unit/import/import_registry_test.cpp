// core/import/registry: the accord.yaml an import of a compilation records.
// A registry someone wrote keeps its comments and layout where the import
// only adds delegations and sets slash-options; where it changes more, the
// registry is written afresh and `rewritten` says so.
#include "core/import/registry.hpp"

#include <gtest/gtest.h>

#include "core/store/config.hpp"

namespace accord {
namespace {

RegistryRequest request_with(const std::string& existing, std::vector<FoundDelegation> found) {
    RegistryRequest request;
    request.found = std::move(found);
    request.existing_yaml = existing;
    request.existing_path = "/neg/accord.yaml";
    request.default_negotiation = "WGEC";
    return request;
}

TEST(ImportRegistry, AWrittenRegistryKeepsItsCommentsAndGainsOneLinePerDelegation) {
    const std::string existing =
        "# Registry of the WGEC negotiation, kept by the secretariat.\n"
        "negotiation: WGEC\n"
        "delegations:\n"
        "  # Member States first.\n"
        "  - Brazil\n"
        "notation:\n"
        "  slash-options: spaced   # as typed\n";
    const ImportRegistry registry = import_registry(request_with(
        existing, {{"Brazil", {}, ""}, {"Japan", {}, ""}, {"Avri Doria", {}, "person"}}));
    EXPECT_FALSE(registry.rewritten);
    EXPECT_EQ(registry.yaml,
              "# Registry of the WGEC negotiation, kept by the secretariat.\n"
              "negotiation: WGEC\n"
              "delegations:\n"
              "  # Member States first.\n"
              "  - Brazil\n"
              "  - Japan\n"
              "  - {name: Avri Doria, kind: person}\n"
              "notation:\n"
              "  slash-options: any   # as typed\n");
    EXPECT_EQ(registry.added, (std::vector<std::string>{"Japan", "Avri Doria"}));
}

TEST(ImportRegistry, ARegistryTheImportChangesMoreIsWrittenAfreshAndSaysSo) {
    // The compilation names Brazil "BR" too: an alias for a listed delegation.
    const std::string existing = "# kept by hand\nnegotiation: WGEC\ndelegations: [Brazil]\n";
    const ImportRegistry registry =
        import_registry(request_with(existing, {{"Brazil", {"BR"}, ""}}));
    EXPECT_TRUE(registry.rewritten);
    const Config config = parse_config(registry.yaml, "accord.yaml");
    ASSERT_EQ(config.delegations.size(), 1u);
    EXPECT_EQ(config.delegations[0].aliases, std::vector<std::string>{"BR"});
    EXPECT_EQ(config.notation.slash_options, SlashOptions::any);

    // Accord's own layout (as `accord init` writes it) has nothing to lose.
    Config canonical;
    canonical.negotiation = "WGEC";
    const ImportRegistry fresh =
        import_registry(request_with(emit_config(canonical), {{"Brazil", {"BR"}, ""}}));
    EXPECT_FALSE(fresh.rewritten);
}

}  // namespace
}  // namespace accord

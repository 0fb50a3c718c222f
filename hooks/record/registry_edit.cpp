#include "hooks/record/registry_edit.hpp"

#include "core/store/config_append.hpp"
#include "core/util/errors.hpp"
#include "hooks/checks.hpp"

namespace accord {

std::string registry_with_added(const std::optional<std::string>& on_disk, const Config& registry,
                                const std::vector<Delegation>& added, const std::string& then) {
    if (!on_disk) return emit_config(registry);
    // As it will be recorded, so that YAML's positions are the text's bytes.
    hooks::TextBytes bytes = hooks::check_text_bytes(kConfigFileName, *on_disk);
    const std::string text = bytes.converted ? std::move(*bytes.converted) : *on_disk;
    try {
        return append_delegation_entries(text, kConfigFileName, added);
    } catch (const Error& e) {
        throw Error(e.exit_code(), std::string(e.what()) + "; " + then);
    }
}

}  // namespace accord

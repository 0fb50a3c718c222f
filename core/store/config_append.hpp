#pragma once
// New delegations written into accord.yaml as it stands, for
// `accord propose --add-delegation`: one line each, added to the
// delegations list in the list's own style, every other byte of the file
// kept (its comments, its layout, the style of the other entries), so that
// the recorded change is the one line a person reading the diff expects.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/config.hpp"

namespace accord {

// `yaml_text`, the registry read from `path` (named in messages), with
// `names` added at the end of its delegations list, each as a delegation
// with no alias, kind or key:
//  - a block list gets a line "- NAME" per name, indented as its items, after
//    its last entry (after any line that continues that entry);
//  - a flow list "[A, B]" gets ", NAME" after its last entry, on the line
//    of that entry;
//  - an empty one, "[]", becomes a block list of the new names, one line
//    each ("delegations: []" keeps the rest of its line, a comment);
//  - "delegations:" with nothing after it gets a block list under it, and a
//    file without the key gets "delegations:" and the list at its end.
// A name YAML would read otherwise as written ("Korea, Republic of", "null",
// "#1") is quoted. Nothing else of the text changes (but an empty "[]"): the new lines end as
// the file's lines do (CRLF kept), and a file without a final line break
// still has none.
//
// The result is read back before it is returned, and must be exactly the
// registry `yaml_text` holds plus these delegations. A list written in a
// shape this edit does not handle (behind an anchor, alias or tag, a key in
// quotes, a file that is one flow mapping) or an edit that would read back
// otherwise is refused, rather than the file rewritten: usage error (exit 2)
// "PATH:LINE:COLUMN: ..." saying why and to add the delegation by hand. An
// invalid `yaml_text` fails as parse_config says.
std::string append_delegations(std::string_view yaml_text, const std::string& path,
                               const std::vector<std::string>& names);

// The same for delegations with aliases or a kind (their keys are not
// written: a key is the secretariat's to add): each is written on one line
// as a flow mapping, "- {name: Ghana, aliases: [GH], kind: state}" in a
// block list, ", {name: ...}" in a flow one; a delegation with neither is
// its name alone, as above.
std::string append_delegation_entries(std::string_view yaml_text, const std::string& path,
                                      const std::vector<Delegation>& added);

// `yaml_text` with notation's slash-options set to `value`, every other
// byte kept: the value written after "slash-options:" replaced, or, in a
// file without a notation setting, "notation:" and the setting added at its
// end. Nullopt when the file is written in a shape this edit does not
// handle (the setting behind an alias, a notation mapping without it) or
// would then read otherwise than as the same registry with that setting;
// the caller then writes the registry afresh. An invalid `yaml_text` fails
// as parse_config says.
std::optional<std::string> with_slash_options(std::string_view yaml_text, const std::string& path,
                                              SlashOptions value);

}  // namespace accord

// Redraft records (.accord/redrafts/NAME.yaml) and `accord redraft start`.
// The only code that reads or writes a redraft record, and so its own user of
// yaml-cpp, as core/store/config.cpp is for accord.yaml.
#include "core/store/redraft.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "core/util/date.hpp"
#include "core/util/errors.hpp"
#include "core/util/text.hpp"

namespace accord {

namespace {

[[noreturn]] void fail_at(const std::string& path, const YAML::Mark& mark,
                          const std::string& message) {
    std::string where = path;
    if (!mark.is_null()) {
        where += ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
    }
    throw usage_error(where + ": " + message);
}

std::string scalar(const YAML::Node& node, const std::string& key, const std::string& path) {
    if (!node) return "";
    if (!node.IsScalar()) fail_at(path, node.Mark(), key + " must be a text");
    return node.Scalar();
}

std::vector<std::string> scalars(const YAML::Node& node, const std::string& key,
                                 const std::string& path) {
    std::vector<std::string> out;
    if (!node || node.IsNull()) return out;
    if (!node.IsSequence()) fail_at(path, node.Mark(), key + " must be a list");
    for (const YAML::Node& item : node) {
        if (!item.IsScalar()) fail_at(path, item.Mark(), "each of " + key + " must be a text");
        out.push_back(item.Scalar());
    }
    return out;
}

}  // namespace

std::string redraft_branch(std::string_view name) {
    return std::string(kRedraftBranchPrefix) + std::string(name);
}

std::string redraft_record_path(std::string_view name) {
    return ".accord/redrafts/" + std::string(name) + ".yaml";
}

std::optional<std::string> redraft_name_of_branch(std::string_view branch) {
    if (branch.size() <= kRedraftBranchPrefix.size() ||
        branch.substr(0, kRedraftBranchPrefix.size()) != kRedraftBranchPrefix) {
        return std::nullopt;
    }
    return std::string(branch.substr(kRedraftBranchPrefix.size()));
}

void validate_redraft_name(std::string_view name) {
    const auto allowed = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.';
    };
    bool ok = !name.empty() && name.size() <= 64 && name.front() != '-' && name.front() != '.' &&
              name.find("..") == std::string_view::npos && !name.ends_with(".lock");
    for (const char c : name) ok = ok && allowed(c);
    if (!ok) {
        throw usage_error("'" + std::string(name) +
                          "' is not a usable redraft name: use letters, digits, '-', '_' and '.' "
                          "(for example informal-a), not starting with '-' or '.'");
    }
}

std::string emit_redraft_record(const RedraftRecord& record) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "redraft" << YAML::Value << record.name;
    out << YAML::Key << "from" << YAML::Value << record.from;
    out << YAML::Key << "fork" << YAML::Value << record.fork;
    out << YAML::Key << "started" << YAML::Value << record.started;
    out << YAML::Key << "started-by" << YAML::Value << record.started_by;
    out << YAML::Key << "members" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const std::string& member : record.members) out << member;
    out << YAML::EndSeq;
    out << YAML::Key << "paths" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const std::string& path : record.paths) out << path;
    out << YAML::EndSeq;
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

RedraftRecord parse_redraft_record(std::string_view yaml_text, const std::string& path) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml_text));
    } catch (const YAML::DeepRecursion& e) {  // its message says "bad file"
        fail_at(path, e.mark, "lists or maps nested too deeply for a YAML reader");
    } catch (const YAML::Exception& e) {
        fail_at(path, e.mark, "malformed YAML: " + e.msg);
    }
    if (!root.IsMap()) fail_at(path, root.Mark(), "a redraft record must be a mapping");
    RedraftRecord record;
    record.name = scalar(root["redraft"], "redraft", path);
    record.from = scalar(root["from"], "from", path);
    record.fork = scalar(root["fork"], "fork", path);
    record.started = scalar(root["started"], "started", path);
    record.started_by = scalar(root["started-by"], "started-by", path);
    record.members = scalars(root["members"], "members", path);
    record.paths = scalars(root["paths"], "paths", path);
    return record;
}

bool is_redraft_start(const std::string& message) {
    return !trailer_values(trailers(message), kRedraftStartedTrailer).empty();
}

std::vector<std::string> split_names(const std::vector<std::string>& given) {
    std::vector<std::string> names;
    for (const std::string& item : given) {
        std::size_t begin = 0;
        while (begin <= item.size()) {
            std::size_t end = item.find(',', begin);
            if (end == std::string::npos) end = item.size();
            std::string name(trim(std::string_view(item).substr(begin, end - begin)));
            if (!name.empty()) names.push_back(std::move(name));
            begin = end + 1;
        }
    }
    return names;
}

namespace {

// The texts the redraft works on, as paths in branch `from`; each must be there.
std::vector<std::string> redraft_paths(Repository& repo, const std::string& head,
                                       const StartRedraftRequest& request,
                                       const std::string& from) {
    const std::vector<std::string> files = repo.list_files(head);
    std::vector<std::string> paths;
    for (const std::string& given : request.paths) {
        const std::string path = repo.relative_path(given);
        const bool found =
            path.empty() || std::any_of(files.begin(), files.end(), [&](const std::string& f) {
                return f == path || f.rfind(path + "/", 0) == 0;
            });
        if (!found) {
            throw usage_error("cannot start redraft '" + request.name + "' on '" + given +
                              "': it is not in branch '" + from + "'; record it first");
        }
        if (!path.empty() && std::find(paths.begin(), paths.end(), path) == paths.end())
            paths.push_back(path);
    }
    return paths;
}

// The members as the registry names them; an unknown one is kept as given, with a warning.
std::vector<std::string> redraft_members(Workspace& workspace, const StartRedraftRequest& request,
                                         std::vector<std::string>& warnings) {
    std::vector<std::string> members;
    for (const std::string& name : split_names(request.members)) {
        const std::optional<std::string> known = workspace.config().resolve_delegation(name);
        if (!known) {
            warnings.push_back("member '" + name +
                               "' is not a delegation in accord.yaml; recorded as given");
        }
        const std::string member = known.value_or(name);
        if (std::find(members.begin(), members.end(), member) == members.end())
            members.push_back(member);
    }
    return members;
}

// "Start redraft informal-a (Japan, Sweden) on recs/A-1.md".
std::string start_subject(const RedraftRecord& record) {
    std::string subject = "Start redraft " + record.name;
    if (!record.members.empty()) subject += " (" + join(record.members, ", ") + ")";
    if (!record.paths.empty()) subject += " on " + join(record.paths, ", ");
    return subject;
}

}  // namespace

StartRedraftResult start_redraft(Workspace& workspace, const StartRedraftRequest& request) {
    Repository& repo = workspace.repo();
    validate_redraft_name(request.name);
    const std::string branch = redraft_branch(request.name);
    const std::optional<std::string> head = repo.head();
    if (!head) {
        throw usage_error("cannot start a redraft: branch '" + repo.current_branch() +
                          "' has no proposals yet; record the text first (accord propose)");
    }
    const std::string from = repo.current_branch();
    if (repo.branch_exists(branch)) {
        throw usage_error("redraft '" + request.name + "' exists already (branch " + branch +
                          "); 'accord redraft list' shows the redrafts, or choose another name");
    }
    const std::string record_path = redraft_record_path(request.name);
    if (repo.blob_id_at(*head, record_path)) {
        throw usage_error("a redraft named '" + request.name + "' was held already (" +
                          record_path + " is in branch '" + from + "'); choose another name");
    }

    StartRedraftResult result;
    result.branch = branch;
    RedraftRecord& record = result.record;
    record.name = request.name;
    record.from = from;
    record.fork = *head;
    const Signature me = repo.default_signature();
    record.started = format_iso_date(local_day(me.time, me.offset_minutes));
    record.started_by = me.name;
    record.paths = redraft_paths(repo, *head, request, from);
    record.members = redraft_members(workspace, request, result.warnings);

    if (request.switch_to && !repo.unclean_paths({record_path}).empty()) {
        throw usage_error("cannot start redraft '" + request.name + "': " + record_path +
                          " exists in the work tree; move it away first");
    }

    // One step: the branch created at its start commit (and HEAD switched to
    // it, the record file written), journaled so that a killed command is
    // finished or, when the branch was not created yet, leaves nothing.
    CommitRequest commit;
    commit.files.emplace_back(record_path, emit_redraft_record(record));
    commit.author = me;
    commit.committer = me;
    commit.message = start_subject(record) + "\n\n" + std::string(kRedraftStartedTrailer) + ": " +
                     request.name + "\n";
    commit.parent = *head;
    commit.branch = branch;
    commit.create_branch = true;
    commit.switch_head = request.switch_to;
    commit.write_worktree = request.switch_to;
    commit.operation = "redraft start";
    result.commit = repo.commit_files(commit);
    result.switched = request.switch_to;
    return result;
}

}  // namespace accord

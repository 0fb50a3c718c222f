#pragma once
// Private to core/store/repository*: libgit2, loaded when a command first needs a
// repository instead of when the program starts.
//
// Why: linking libgit2 makes the dynamic loader map and relocate it and the
// seventeen libraries it pulls in (mbedTLS, libssh2, Kerberos, ...) before
// main, about 3 ms on every run. Commands that never open a repository
// (merge-file, merge-driver, which git runs once per merged file, check,
// diff --no-index) should not pay that. systemd loads its optional libraries
// the same way.
//
// Promises: the code in core/store/repository* calls git_* functions as usual;
// each name below is a macro that calls through a table filled by dlopen
// of libgit2's SONAME on first use. If the library cannot be loaded, the
// call throws accord::Error (exit 3) naming the library and the package.
// A git_* function used without a line here fails to link (the binary does
// not link libgit2), so the list cannot silently fall out of date.
#include <git2.h>
#include <git2/sys/alloc.h>

namespace accord::git {

// The libgit2 functions accord calls, one X-macro line each.
#define ACCORD_GIT_FUNCTIONS(X)          \
    X(git_attr_get)                      \
    X(git_attr_value)                    \
    X(git_blob_create_from_buffer)       \
    X(git_blob_free)                     \
    X(git_blob_lookup)                   \
    X(git_blob_rawcontent)               \
    X(git_blob_rawsize)                  \
    X(git_branch_create)                 \
    X(git_branch_iterator_free)          \
    X(git_branch_iterator_new)           \
    X(git_branch_lookup)                 \
    X(git_branch_name)                   \
    X(git_branch_name_is_valid)          \
    X(git_branch_next)                   \
    X(git_buf_dispose)                   \
    X(git_commit_author)                 \
    X(git_commit_committer)              \
    X(git_commit_create)                 \
    X(git_commit_free)                   \
    X(git_commit_id)                     \
    X(git_commit_lookup)                 \
    X(git_commit_message)                \
    X(git_commit_parent)                 \
    X(git_commit_parent_id)              \
    X(git_commit_parentcount)            \
    X(git_commit_tree)                   \
    X(git_commit_tree_id)                \
    X(git_config_delete_entry)           \
    X(git_config_free)                   \
    X(git_config_get_string_buf)         \
    X(git_config_iterator_free)          \
    X(git_config_iterator_glob_new)      \
    X(git_config_next)                   \
    X(git_config_open_level)             \
    X(git_config_parse_bool)             \
    X(git_config_set_string)             \
    X(git_error_last)                    \
    X(git_filter_list_apply_to_buffer)   \
    X(git_filter_list_free)              \
    X(git_filter_list_load)              \
    X(git_graph_descendant_of)           \
    X(git_index_add)                     \
    X(git_index_conflict_remove)         \
    X(git_index_find_prefix)             \
    X(git_index_free)                    \
    X(git_index_get_bypath)              \
    X(git_index_new)                     \
    X(git_index_read)                    \
    X(git_index_read_tree)               \
    X(git_index_remove)                  \
    X(git_index_write)                   \
    X(git_index_write_tree_to)           \
    X(git_libgit2_init)                  \
    X(git_libgit2_opts)                  \
    X(git_libgit2_shutdown)              \
    X(git_merge_base_many)               \
    X(git_message_trailer_array_free)    \
    X(git_message_trailers)              \
    X(git_object_free)                   \
    X(git_object_id)                     \
    X(git_object_peel)                   \
    X(git_odb_add_disk_alternate)        \
    X(git_odb_exists)                    \
    X(git_odb_free)                      \
    X(git_odb_hash)                      \
    X(git_odb_object_data)               \
    X(git_odb_object_free)               \
    X(git_odb_object_size)               \
    X(git_odb_object_type)               \
    X(git_odb_read)                      \
    X(git_odb_read_header)               \
    X(git_odb_write)                     \
    X(git_oid_equal)                     \
    X(git_oid_fromstr)                   \
    X(git_oid_tostr)                     \
    X(git_reference_create_matching)     \
    X(git_reference_delete)              \
    X(git_reference_free)                \
    X(git_reference_lookup)              \
    X(git_reference_name_to_id)          \
    X(git_reference_symbolic_target)     \
    X(git_reference_type)                \
    X(git_repository_commondir)          \
    X(git_repository_config)             \
    X(git_repository_config_snapshot)    \
    X(git_repository_free)               \
    X(git_repository_head_unborn)        \
    X(git_repository_index)              \
    X(git_repository_init_ext)           \
    X(git_repository_init_options_init)  \
    X(git_repository_is_bare)            \
    X(git_repository_is_shallow)         \
    X(git_repository_odb)                \
    X(git_repository_open_ext)           \
    X(git_repository_path)               \
    X(git_repository_set_head)           \
    X(git_repository_state)              \
    X(git_repository_workdir)            \
    X(git_revparse_single)               \
    X(git_revwalk_free)                  \
    X(git_revwalk_hide)                  \
    X(git_revwalk_new)                   \
    X(git_revwalk_next)                  \
    X(git_revwalk_push)                  \
    X(git_revwalk_simplify_first_parent) \
    X(git_revwalk_sorting)               \
    X(git_signature_free)                \
    X(git_signature_new)                 \
    X(git_signature_now)                 \
    X(git_status_byindex)                \
    X(git_status_list_entrycount)        \
    X(git_status_list_free)              \
    X(git_status_list_new)               \
    X(git_status_options_init)           \
    X(git_tree_entry_bypath)             \
    X(git_tree_entry_byindex)            \
    X(git_tree_entry_filemode)           \
    X(git_tree_entry_free)               \
    X(git_tree_entry_id)                 \
    X(git_tree_entry_name)               \
    X(git_tree_entry_type)               \
    X(git_tree_entrycount)               \
    X(git_tree_free)                     \
    X(git_tree_id)                       \
    X(git_tree_lookup)                   \
    X(git_tree_walk)

struct Api {
#define ACCORD_GIT_MEMBER(name) decltype(&::name) name = nullptr;
    ACCORD_GIT_FUNCTIONS(ACCORD_GIT_MEMBER)
#undef ACCORD_GIT_MEMBER
};

// The table, loading libgit2 on the first call (thread-safe).
const Api& api();

}  // namespace accord::git

// Calls go through the table. Function-like macros expand only before '(',
// so `&git::Api::git_blob_free` still names the table's member.
#define git_attr_get(...) ::accord::git::api().git_attr_get(__VA_ARGS__)
#define git_attr_value(...) ::accord::git::api().git_attr_value(__VA_ARGS__)
#define git_blob_create_from_buffer(...) \
    ::accord::git::api().git_blob_create_from_buffer(__VA_ARGS__)
#define git_blob_free(...) ::accord::git::api().git_blob_free(__VA_ARGS__)
#define git_blob_lookup(...) ::accord::git::api().git_blob_lookup(__VA_ARGS__)
#define git_blob_rawcontent(...) ::accord::git::api().git_blob_rawcontent(__VA_ARGS__)
#define git_blob_rawsize(...) ::accord::git::api().git_blob_rawsize(__VA_ARGS__)
#define git_branch_create(...) ::accord::git::api().git_branch_create(__VA_ARGS__)
#define git_branch_iterator_free(...) ::accord::git::api().git_branch_iterator_free(__VA_ARGS__)
#define git_branch_iterator_new(...) ::accord::git::api().git_branch_iterator_new(__VA_ARGS__)
#define git_branch_lookup(...) ::accord::git::api().git_branch_lookup(__VA_ARGS__)
#define git_branch_name(...) ::accord::git::api().git_branch_name(__VA_ARGS__)
#define git_branch_name_is_valid(...) ::accord::git::api().git_branch_name_is_valid(__VA_ARGS__)
#define git_branch_next(...) ::accord::git::api().git_branch_next(__VA_ARGS__)
#define git_buf_dispose(...) ::accord::git::api().git_buf_dispose(__VA_ARGS__)
#define git_commit_author(...) ::accord::git::api().git_commit_author(__VA_ARGS__)
#define git_commit_committer(...) ::accord::git::api().git_commit_committer(__VA_ARGS__)
#define git_commit_create(...) ::accord::git::api().git_commit_create(__VA_ARGS__)
#define git_commit_free(...) ::accord::git::api().git_commit_free(__VA_ARGS__)
#define git_commit_id(...) ::accord::git::api().git_commit_id(__VA_ARGS__)
#define git_commit_lookup(...) ::accord::git::api().git_commit_lookup(__VA_ARGS__)
#define git_commit_message(...) ::accord::git::api().git_commit_message(__VA_ARGS__)
#define git_commit_parent(...) ::accord::git::api().git_commit_parent(__VA_ARGS__)
#define git_commit_parent_id(...) ::accord::git::api().git_commit_parent_id(__VA_ARGS__)
#define git_commit_parentcount(...) ::accord::git::api().git_commit_parentcount(__VA_ARGS__)
#define git_commit_tree(...) ::accord::git::api().git_commit_tree(__VA_ARGS__)
#define git_commit_tree_id(...) ::accord::git::api().git_commit_tree_id(__VA_ARGS__)
#define git_config_delete_entry(...) ::accord::git::api().git_config_delete_entry(__VA_ARGS__)
#define git_config_free(...) ::accord::git::api().git_config_free(__VA_ARGS__)
#define git_config_get_string_buf(...) ::accord::git::api().git_config_get_string_buf(__VA_ARGS__)
#define git_config_iterator_free(...) ::accord::git::api().git_config_iterator_free(__VA_ARGS__)
#define git_config_iterator_glob_new(...) \
    ::accord::git::api().git_config_iterator_glob_new(__VA_ARGS__)
#define git_config_next(...) ::accord::git::api().git_config_next(__VA_ARGS__)
#define git_config_open_level(...) ::accord::git::api().git_config_open_level(__VA_ARGS__)
#define git_config_parse_bool(...) ::accord::git::api().git_config_parse_bool(__VA_ARGS__)
#define git_config_set_string(...) ::accord::git::api().git_config_set_string(__VA_ARGS__)
#define git_error_last(...) ::accord::git::api().git_error_last(__VA_ARGS__)
#define git_filter_list_apply_to_buffer(...) \
    ::accord::git::api().git_filter_list_apply_to_buffer(__VA_ARGS__)
#define git_filter_list_free(...) ::accord::git::api().git_filter_list_free(__VA_ARGS__)
#define git_filter_list_load(...) ::accord::git::api().git_filter_list_load(__VA_ARGS__)
#define git_graph_descendant_of(...) ::accord::git::api().git_graph_descendant_of(__VA_ARGS__)
#define git_index_add(...) ::accord::git::api().git_index_add(__VA_ARGS__)
#define git_index_conflict_remove(...) ::accord::git::api().git_index_conflict_remove(__VA_ARGS__)
#define git_index_find_prefix(...) ::accord::git::api().git_index_find_prefix(__VA_ARGS__)
#define git_index_free(...) ::accord::git::api().git_index_free(__VA_ARGS__)
#define git_index_get_bypath(...) ::accord::git::api().git_index_get_bypath(__VA_ARGS__)
#define git_index_new(...) ::accord::git::api().git_index_new(__VA_ARGS__)
#define git_index_read(...) ::accord::git::api().git_index_read(__VA_ARGS__)
#define git_index_read_tree(...) ::accord::git::api().git_index_read_tree(__VA_ARGS__)
#define git_index_remove(...) ::accord::git::api().git_index_remove(__VA_ARGS__)
#define git_index_write(...) ::accord::git::api().git_index_write(__VA_ARGS__)
#define git_index_write_tree_to(...) ::accord::git::api().git_index_write_tree_to(__VA_ARGS__)
#define git_libgit2_init(...) ::accord::git::api().git_libgit2_init(__VA_ARGS__)
#define git_libgit2_opts(...) ::accord::git::api().git_libgit2_opts(__VA_ARGS__)
#define git_libgit2_shutdown(...) ::accord::git::api().git_libgit2_shutdown(__VA_ARGS__)
#define git_merge_base_many(...) ::accord::git::api().git_merge_base_many(__VA_ARGS__)
#define git_message_trailer_array_free(...) \
    ::accord::git::api().git_message_trailer_array_free(__VA_ARGS__)
#define git_message_trailers(...) ::accord::git::api().git_message_trailers(__VA_ARGS__)
#define git_object_free(...) ::accord::git::api().git_object_free(__VA_ARGS__)
#define git_object_id(...) ::accord::git::api().git_object_id(__VA_ARGS__)
#define git_object_peel(...) ::accord::git::api().git_object_peel(__VA_ARGS__)
#define git_odb_add_disk_alternate(...) ::accord::git::api().git_odb_add_disk_alternate(__VA_ARGS__)
#define git_odb_exists(...) ::accord::git::api().git_odb_exists(__VA_ARGS__)
#define git_odb_free(...) ::accord::git::api().git_odb_free(__VA_ARGS__)
#define git_odb_hash(...) ::accord::git::api().git_odb_hash(__VA_ARGS__)
#define git_odb_object_data(...) ::accord::git::api().git_odb_object_data(__VA_ARGS__)
#define git_odb_object_free(...) ::accord::git::api().git_odb_object_free(__VA_ARGS__)
#define git_odb_object_size(...) ::accord::git::api().git_odb_object_size(__VA_ARGS__)
#define git_odb_object_type(...) ::accord::git::api().git_odb_object_type(__VA_ARGS__)
#define git_odb_read(...) ::accord::git::api().git_odb_read(__VA_ARGS__)
#define git_odb_read_header(...) ::accord::git::api().git_odb_read_header(__VA_ARGS__)
#define git_odb_write(...) ::accord::git::api().git_odb_write(__VA_ARGS__)
#define git_oid_equal(...) ::accord::git::api().git_oid_equal(__VA_ARGS__)
#define git_oid_fromstr(...) ::accord::git::api().git_oid_fromstr(__VA_ARGS__)
#define git_oid_tostr(...) ::accord::git::api().git_oid_tostr(__VA_ARGS__)
#define git_reference_create_matching(...) \
    ::accord::git::api().git_reference_create_matching(__VA_ARGS__)
#define git_reference_delete(...) ::accord::git::api().git_reference_delete(__VA_ARGS__)
#define git_reference_free(...) ::accord::git::api().git_reference_free(__VA_ARGS__)
#define git_reference_lookup(...) ::accord::git::api().git_reference_lookup(__VA_ARGS__)
#define git_reference_name_to_id(...) ::accord::git::api().git_reference_name_to_id(__VA_ARGS__)
#define git_reference_symbolic_target(...) \
    ::accord::git::api().git_reference_symbolic_target(__VA_ARGS__)
#define git_reference_type(...) ::accord::git::api().git_reference_type(__VA_ARGS__)
#define git_repository_commondir(...) ::accord::git::api().git_repository_commondir(__VA_ARGS__)
#define git_repository_config(...) ::accord::git::api().git_repository_config(__VA_ARGS__)
#define git_repository_config_snapshot(...) \
    ::accord::git::api().git_repository_config_snapshot(__VA_ARGS__)
#define git_repository_free(...) ::accord::git::api().git_repository_free(__VA_ARGS__)
#define git_repository_head_unborn(...) ::accord::git::api().git_repository_head_unborn(__VA_ARGS__)
#define git_repository_index(...) ::accord::git::api().git_repository_index(__VA_ARGS__)
#define git_repository_is_shallow(...) ::accord::git::api().git_repository_is_shallow(__VA_ARGS__)
#define git_repository_odb(...) ::accord::git::api().git_repository_odb(__VA_ARGS__)
#define git_repository_init_ext(...) ::accord::git::api().git_repository_init_ext(__VA_ARGS__)
#define git_repository_init_options_init(...) \
    ::accord::git::api().git_repository_init_options_init(__VA_ARGS__)
#define git_repository_is_bare(...) ::accord::git::api().git_repository_is_bare(__VA_ARGS__)
#define git_repository_open_ext(...) ::accord::git::api().git_repository_open_ext(__VA_ARGS__)
#define git_repository_path(...) ::accord::git::api().git_repository_path(__VA_ARGS__)
#define git_repository_set_head(...) ::accord::git::api().git_repository_set_head(__VA_ARGS__)
#define git_repository_state(...) ::accord::git::api().git_repository_state(__VA_ARGS__)
#define git_repository_workdir(...) ::accord::git::api().git_repository_workdir(__VA_ARGS__)
#define git_revparse_single(...) ::accord::git::api().git_revparse_single(__VA_ARGS__)
#define git_revwalk_free(...) ::accord::git::api().git_revwalk_free(__VA_ARGS__)
#define git_revwalk_hide(...) ::accord::git::api().git_revwalk_hide(__VA_ARGS__)
#define git_revwalk_new(...) ::accord::git::api().git_revwalk_new(__VA_ARGS__)
#define git_revwalk_next(...) ::accord::git::api().git_revwalk_next(__VA_ARGS__)
#define git_revwalk_push(...) ::accord::git::api().git_revwalk_push(__VA_ARGS__)
#define git_revwalk_simplify_first_parent(...) \
    ::accord::git::api().git_revwalk_simplify_first_parent(__VA_ARGS__)
#define git_revwalk_sorting(...) ::accord::git::api().git_revwalk_sorting(__VA_ARGS__)
#define git_signature_free(...) ::accord::git::api().git_signature_free(__VA_ARGS__)
#define git_signature_new(...) ::accord::git::api().git_signature_new(__VA_ARGS__)
#define git_signature_now(...) ::accord::git::api().git_signature_now(__VA_ARGS__)
#define git_status_byindex(...) ::accord::git::api().git_status_byindex(__VA_ARGS__)
#define git_status_list_entrycount(...) ::accord::git::api().git_status_list_entrycount(__VA_ARGS__)
#define git_status_list_free(...) ::accord::git::api().git_status_list_free(__VA_ARGS__)
#define git_status_list_new(...) ::accord::git::api().git_status_list_new(__VA_ARGS__)
#define git_status_options_init(...) ::accord::git::api().git_status_options_init(__VA_ARGS__)
#define git_tree_entry_bypath(...) ::accord::git::api().git_tree_entry_bypath(__VA_ARGS__)
#define git_tree_entry_byindex(...) ::accord::git::api().git_tree_entry_byindex(__VA_ARGS__)
#define git_tree_entry_filemode(...) ::accord::git::api().git_tree_entry_filemode(__VA_ARGS__)
#define git_tree_entry_free(...) ::accord::git::api().git_tree_entry_free(__VA_ARGS__)
#define git_tree_entry_id(...) ::accord::git::api().git_tree_entry_id(__VA_ARGS__)
#define git_tree_entry_name(...) ::accord::git::api().git_tree_entry_name(__VA_ARGS__)
#define git_tree_entry_type(...) ::accord::git::api().git_tree_entry_type(__VA_ARGS__)
#define git_tree_entrycount(...) ::accord::git::api().git_tree_entrycount(__VA_ARGS__)
#define git_tree_free(...) ::accord::git::api().git_tree_free(__VA_ARGS__)
#define git_tree_id(...) ::accord::git::api().git_tree_id(__VA_ARGS__)
#define git_tree_lookup(...) ::accord::git::api().git_tree_lookup(__VA_ARGS__)
#define git_tree_walk(...) ::accord::git::api().git_tree_walk(__VA_ARGS__)

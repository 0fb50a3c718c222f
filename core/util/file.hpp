#pragma once
// Reading and writing whole files, with errors that name the file and the
// reason instead of exceptions.
//
// A work tree comes from a clone, and a clone can carry symbolic links that
// point anywhere (`pw.md -> /etc/passwd`, `f.md.tmp -> ~/.bashrc`). So the
// functions that take a `within` directory never follow a link below it, in
// the file's own name or in any directory on the way, and temporary files are
// created under fresh random names, exclusively, never through a link.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accord {

// Why a read found no contents.
enum class FileProblem {
    none,
    missing,      // no such file
    link,         // a symbolic link where a file or directory was expected
    not_regular,  // a directory, device, FIFO or socket
    too_large,    // more than kMaxReadBytes (an endless device such as /dev/zero, say)
    other,        // permissions, I/O
};

// The most a read takes in: a negotiated text of 50 MB is read whole, but
// /dev/zero or a stray disk image must end with a message, not with the
// memory exhausted.
inline constexpr std::size_t kMaxReadBytes = std::size_t{128} << 20;

struct FileResult {
    std::optional<std::string> contents;
    std::string error;  // "path: reason" when contents is empty
    FileProblem problem = FileProblem::none;
};

// Reads `path`, following links (a path the user typed: their choice). Like
// every read here, at most kMaxReadBytes: more is FileProblem::too_large.
FileResult read_file(const std::string& path);

// Reads `path` (following links: the user named it) only when it is a
// regular file, `what` naming it in messages ("document"): a FIFO, device,
// socket or directory is refused at once, never waited on (opened with
// O_NONBLOCK, then fstat), and its size is known before a byte is read.
FileResult read_regular_file(const std::string& path, std::string_view what);

// Reads `relative` ('/'-separated) below the directory `within` without
// following a symbolic link below `within`: a link is reported as
// FileProblem::link and never read. Only regular files are read.
FileResult read_file_within(const std::string& within, const std::string& relative);

// True if `relative` below `within`, or a directory on the way to it, is a
// symbolic link (what read_file_within and write_file_atomically refuse).
bool is_link_within(const std::string& within, const std::string& relative);
// Of `relatives`, those is_link_within finds to be links (or below one),
// sorted: each directory opened once for all the paths below it.
std::vector<std::string> links_within(const std::string& within,
                                      std::vector<std::string> relatives);

// The names in the open directory `dirfd` that end in `suffix` (and are
// longer than it), sorted. What they name is not looked at.
std::vector<std::string> names_ending_in(int dirfd, std::string_view suffix);

// `name` in the open directory `dirfd`, opened read-only if it is a regular
// file: never through a link, and without waiting on a FIFO. -1 otherwise.
int open_regular_file(int dirfd, const std::string& name);

// A regular file (open_regular_file) mapped read-only, unmapped when it
// goes; null when it is not one, is empty, or cannot be mapped.
class MappedFile {
  public:
    static std::unique_ptr<MappedFile> open(int dirfd, const std::string& name);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    std::string_view bytes() const { return {data_, size_}; }

  private:
    MappedFile(const char* data, std::size_t size) : data_(data), size_(size) {}
    const char* data_;
    std::size_t size_;
};

struct WriteOptions {
    // When non-empty, `path` must lie below this directory (a work tree) and
    // is reached without following any symbolic link below it. The directory
    // itself may be reached through links (the user's own /tmp -> /private/tmp).
    std::string within;
    // Make missing directories between `within` and the file (with `within`).
    bool create_directories = false;
};

// Writes `contents` to `path` through a temporary file in the same directory
// (a fresh random name, created exclusively, never through a link; removed on
// every error) renamed into place, so a reader never sees a half-written
// file. The file keeps its permissions. Refuses a target that is a symbolic
// link or not a regular file. Returns an error message or "".
std::string write_file_atomically(const std::string& path, std::string_view contents,
                                  const WriteOptions& options = {});

// Contents given in pieces, for output too large to hold whole: `produce`
// hands each piece, in order, to the function it is given. An exception
// it throws leaves no file (and reaches the caller).
using PieceSink = std::function<void(std::string_view piece)>;
using ContentProducer = std::function<void(const PieceSink& write)>;

// As above, the contents written piece by piece as `produce` gives them.
std::string write_file_atomically(const std::string& path, const ContentProducer& produce,
                                  const WriteOptions& options = {});

// Removes `relative` below `within`, never following a link on the way (a
// link itself is removed, not its target). Missing is fine. Returns an error
// message or "".
std::string remove_file_within(const std::string& within, const std::string& relative);

// A fresh name for a temporary file beside one named `name`:
// ".<name>.accord-<16 random hex digits>".
std::string temporary_name(const std::string& name);

// Whether `candidate` is a temporary file write_file_atomically made for a
// file named `name` (".<name>.accord-<16 hex digits>").
bool is_temporary_name_of(std::string_view candidate, std::string_view name);

// Removes the temporary files a killed writer left beside `relative` below
// `within` (regular files named as is_temporary_name_of says; never through a
// link). Only for a caller that knows no writer of those files still runs.
// Returns how many were removed.
int remove_leftover_temporaries(const std::string& within, const std::string& relative);

// The top of the git work tree holding `path` (absolute, ends with '/'):
// the nearest directory at or above it with a .git entry, found on the file
// system without opening the repository. nullopt outside any work tree.
std::optional<std::string> work_tree_around(const std::string& path);

struct OutputOptions {
    // A symbolic link below this directory (the repository's work tree) is
    // refused instead of written through; empty: none is refused.
    std::string refuse_links_below;
};

// True when `fd` is the writing end of a pipe or socket whose reader went
// away (what poll reports as an error or hang-up); false otherwise, and for
// terminals and files. A command that streams output checks it while it
// computes its next entry, so that `accord log | head -1` or a pager that
// quits stops it at once rather than at its next write.
bool output_reader_gone(int fd);

// Writes a command's output file (-o FILE). "-" is standard output. A target
// that exists and is not a regular file (a device such as /dev/null, a FIFO,
// a link outside `refuse_links_below`) is written into directly, never
// replaced; a regular file or a new one is written atomically. Returns an
// error message or "".
std::string write_output(const std::string& path, std::string_view contents,
                         const OutputOptions& options = {});
// As above, the contents written piece by piece as `produce` gives them
// (a page of hundreds of megabytes is never held whole). On standard output
// and into a device, what came before an error stays written.
std::string write_output(const std::string& path, const ContentProducer& produce,
                         const OutputOptions& options = {});

}  // namespace accord

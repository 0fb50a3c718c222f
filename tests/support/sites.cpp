#include "support/sites.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace accord::test {

namespace {

// A port nobody listens on now (the kernel's choice for port 0).
int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot find a free port");
    }
    ::close(fd);
    return ntohs(address.sin_port);
}

bool accepts_connections(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

// In a forked child: its own process group, the working directory, output
// to files (or nowhere), the environment, then the program.
[[noreturn]] void exec_child(const std::vector<std::string>& argv, const RunOptions& options,
                             const std::string& in_path, const std::string& out_path,
                             const std::string& err_path, long long file_size_limit = 0) {
    ::setpgid(0, 0);
    if (file_size_limit > 0) {
        const rlimit limit{static_cast<rlim_t>(file_size_limit),
                           static_cast<rlim_t>(file_size_limit)};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        ::signal(SIGXFSZ, SIG_IGN);
    }
    if (!options.cwd.empty() && ::chdir(options.cwd.c_str()) != 0) _exit(126);
    const int in = ::open(in_path.empty() ? "/dev/null" : in_path.c_str(), O_RDONLY);
    const int out = ::open(out_path.empty() ? "/dev/null" : out_path.c_str(),
                           O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(err_path.empty() ? "/dev/null" : err_path.c_str(),
                           O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(in, 0), ::dup2(out, 1), ::dup2(err, 2);
    for (const std::string& entry : options.environment) ::putenv(const_cast<char*>(entry.c_str()));
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    _exit(127);
}

}  // namespace

// ---------------------------------------------------------------- GitDaemon

GitDaemon::GitDaemon(const std::string& base, const DaemonOptions& daemon) {
    for (int attempt = 0; attempt < 5; ++attempt) {
        port_ = free_port();
        RunOptions options;
        options.environment = daemon.environment;
        const std::vector<std::string> argv = {"git",
                                               "daemon",
                                               "--reuseaddr",
                                               "--export-all",
                                               "--enable=receive-pack",
                                               "--base-path=" + base,
                                               "--listen=127.0.0.1",
                                               "--port=" + std::to_string(port_),
                                               base};
        pid_ = ::fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) exec_child(argv, options, "", "", "", daemon.file_size_limit);
        ::setpgid(pid_, pid_);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            if (accepts_connections(port_)) return;
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) break;  // lost the port: try another
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        ::kill(-pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }
    throw std::runtime_error("git daemon did not start");
}

GitDaemon::~GitDaemon() {
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
    ::kill(-pid_, SIGKILL);  // children it forked for connections, if any are left
}

std::string GitDaemon::url(const std::string& name) const {
    return "git://127.0.0.1:" + std::to_string(port_) + "/" + name;
}

// ---------------------------------------------------------------- Background

Background::Background(const std::vector<std::string>& argv, const RunOptions& options)
    : scratch_(std::make_unique<TempDir>()) {
    const std::string in = scratch_->write("in", options.input);
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) exec_child(argv, options, in, scratch_->file("out"), scratch_->file("err"));
    ::setpgid(pid_, pid_);
}

Background::~Background() {
    if (!waited_ && pid_ > 0) {
        ::kill(-pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
}

RunResult Background::wait() {
    if (waited_) return result_;
    int status = 0;
    ::waitpid(pid_, &status, 0);
    waited_ = true;
    result_.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result_.out = read_all(scratch_->file("out"));
    result_.err = read_all(scratch_->file("err"));
    return result_;
}

void Background::kill_group() {
    if (pid_ > 0 && !waited_) ::kill(-pid_, SIGKILL);
}

// ---------------------------------------------------------------- Site

Site::Site(const std::string& name, const std::string& email) : name_(name), email_(email) {
    key_ = make_ssh_key(home_.path(), "id_ed25519", "ed25519", 0, email);
    home_.write(".gitconfig",
                "[user]\n"
                "\tname = " +
                    name +
                    "\n"
                    "\temail = " +
                    email +
                    "\n"
                    "\tsigningkey = " +
                    key_.public_path +
                    "\n"
                    "[gpg]\n"
                    "\tformat = ssh\n"
                    "[gpg \"ssh\"]\n"
                    "\tallowedSignersFile = " +
                    home_.file("allowed_signers") +
                    "\n"
                    "[commit]\n"
                    "\tgpgsign = true\n"
                    "[accord]\n"
                    "\tsign = true\n"
                    "[init]\n"
                    "\tdefaultBranch = main\n"
                    "[pull]\n"
                    "\trebase = false\n"
                    "[advice]\n"
                    "\tdetachedHead = false\n");
    home_.write("allowed_signers", "");
}

void Site::set_allowed_signers(const std::vector<std::string>& lines) const {
    std::string text;
    for (const std::string& line : lines) text += line + "\n";
    home_.write("allowed_signers", text);
}

RunOptions Site::options(const std::string& cwd) const {
    RunOptions options;
    options.cwd = cwd.empty() ? dir() : cwd;
    // Only this site's configuration: no user's, no system's, no agent.
    options.environment = {"HOME=" + home_.path(),  "XDG_CONFIG_HOME=" + home_.file(".config"),
                           "GIT_CONFIG_NOSYSTEM=1", "SSH_AUTH_SOCK=",
                           "GIT_TERMINAL_PROMPT=0", "LC_ALL=C"};
    return options;
}

RunResult Site::git(const std::vector<std::string>& args, const std::string& input) const {
    std::vector<std::string> argv = {"git"};
    argv.insert(argv.end(), args.begin(), args.end());
    RunOptions o = options();
    o.input = input;
    return run(argv, o);
}

RunResult Site::accord(const std::vector<std::string>& args) const {
    return test::accord(args, options());
}

RunResult Site::clone(const std::string& url) const {
    return run({"git", "clone", "-q", url, dir()}, options(home_.path()));
}

std::string Site::read(const std::string& path) const {
    return read_all(dir() + "/" + path);
}

void Site::write(const std::string& path, const std::string& contents) const {
    const std::string full = dir() + "/" + path;
    const std::size_t slash = full.rfind('/');
    run({"mkdir", "-p", full.substr(0, slash)});
    std::ofstream(full, std::ios::binary) << contents;
}

std::string signed_registry(const Site& clerk, const Site& japan, const Site& us,
                            const std::string& policy) {
    return "negotiation: WGEC\n"
           "delegations:\n"
           "  - name: Japan\n"
           "    keys: [" +
           japan.key().public_line +
           "]\n"
           "  - name: United States of America\n"
           "    aliases: [US]\n"
           "    keys: [" +
           us.key().public_line +
           "]\n"
           "secretariat:\n"
           "  - name: WGEC secretariat\n"
           "    keys: [" +
           clerk.key().public_line +
           "]\n"
           "policy: {signatures: " +
           policy + "}\n";
}

std::string allowed_signer(const std::string& email, const SshKeyFiles& key) {
    return email + " namespaces=\"git\" " + key.public_line;
}

RunResult fsck(const std::string& dir) {
    return run({"git", "-C", dir, "fsck", "--strict", "--no-progress"});
}

}  // namespace accord::test

// How accord's commands grow with a negotiation: each command of the table
// timed on generated repositories, side by side with the nearest git command
// on the same repository (ratio of medians), with the peak memory of both.
//
//   accord_scale_bench --accord build/accord
//       --generator build/tests/bench/accord_scale_generate
//       --dir /tmp/accord-scale --size 1000x10000 --size 1x20000
//       [--runs 3] [--cold-runs 1] [--timeout 300] [--only log,status] [--no-merge]
//
// Repositories are made once per size (TEXTSxPROPOSALS) under --dir by the
// generator and `git fast-import`, packed by `git gc`, and reused by later
// runs (a marker in .git names the generator's arguments). Each accord
// command runs --cold-runs times "cold" (accord's cache under .git/accord
// removed first), each cold run followed by one of the git command (on a
// shared, noisy machine, runs side by side see the same load), and then
// --runs times as a user would run it again (the cache as the earlier runs
// left it); each git command runs at least --runs times. "ratio" compares
// the runs again with git, "cold ratio" the cold ones. A run slower than
// --timeout seconds is stopped and shown as "> N s".
//
// Peak memory is the largest resident set of the command and its children
// (wait4's rusage). Wall times are medians. The table is Markdown, on stdout.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Run {
    double seconds = 0;
    long peak_kb = 0;
    int status = 0;
    bool timed_out = false;
};

std::string quote(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Runs `command` with /bin/sh in `dir`, stopping it (its whole process
// group) after `timeout` seconds.
Run run_shell(const std::string& command, const std::string& dir, double timeout) {
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        std::exit(3);
    }
    if (pid == 0) {
        setpgid(0, 0);
        if (chdir(dir.c_str()) != 0) _exit(127);
        execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    setpgid(pid, pid);
    Run run;
    int status = 0;
    rusage usage{};
    for (;;) {
        const pid_t done = wait4(pid, &status, WNOHANG, &usage);
        if (done == pid) break;
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (elapsed > timeout && !run.timed_out) {
            run.timed_out = true;
            kill(-pid, SIGKILL);
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.peak_kb = usage.ru_maxrss;
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return run;
}

std::string capture(const std::string& command, const std::string& dir) {
    const std::string full = "cd " + quote(dir) + " && " + command;
    FILE* pipe = popen(full.c_str(), "r");
    if (!pipe) return "";
    std::string out;
    char buffer[65536];
    for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    pclose(pipe);
    return out;
}

void must(const std::string& command) {
    if (std::system(command.c_str()) != 0) {
        std::cerr << "scale_bench: failed: " << command << "\n";
        std::exit(3);
    }
}

struct Size {
    unsigned long texts = 0, proposals = 0;
    std::string name() const { return std::to_string(texts) + "x" + std::to_string(proposals); }
};

// The repository for `size`, made if missing.
std::string prepare(const std::string& root, const Size& size, const std::string& generator) {
    const std::string dir = root + "/" + size.name();
    const std::string marker = dir + "/.git/accord-scale-generated";
    const std::string expected =
        std::to_string(size.texts) + " " + std::to_string(size.proposals) + " 1\n";
    std::ifstream in(marker);
    std::stringstream seen;
    seen << in.rdbuf();
    if (seen.str() == expected) return dir;
    std::cerr << "scale_bench: generating " << dir << "\n";
    fs::remove_all(dir);
    fs::create_directories(dir);
    must("git init -q -b main " + quote(dir));
    must(quote(generator) + " " + std::to_string(size.texts) + " " +
         std::to_string(size.proposals) + " | git -C " + quote(dir) + " fast-import --quiet");
    must("git -C " + quote(dir) + " checkout -q -f main");
    must("git -C " + quote(dir) + " gc -q");
    std::ofstream(marker) << expected;
    return dir;
}

// The text most proposals changed (what `log PATH` and `blame` are run on).
std::string busiest_text(const std::string& dir) {
    const std::string out = capture(
        "git log --format= --name-only -- '*.md' ':!outline.md' | sort | uniq -c | sort -rn | "
        "head -1",
        dir);
    std::istringstream in(out);
    std::string count, path;
    in >> count >> path;
    return path;
}

// Three words in a row of `path` at HEAD, outside any mark: a phrase `who` and
// `git log -S` can look for.
std::string phrase_in(const std::string& dir, const std::string& path) {
    const std::string text = capture("git show HEAD:" + quote(path), dir);
    std::istringstream lines(text);
    std::vector<std::string> body;
    int fences = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line == "---" && fences < 2) {
            ++fences;
            continue;
        }
        if (fences >= 2 && line.size() > 80) body.push_back(line);
    }
    auto plain = [](const std::string& w) {
        return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
        });
    };
    for (std::size_t k = 0; k < body.size(); ++k) {
        const std::string& line = body[(body.size() / 2 + k) % body.size()];
        std::istringstream words(line);
        std::vector<std::string> all{std::istream_iterator<std::string>(words), {}};
        for (std::size_t i = 4; i + 3 < all.size(); ++i) {
            if (plain(all[i]) && plain(all[i + 1]) && plain(all[i + 2]) && all[i].size() > 3)
                return all[i] + " " + all[i + 1] + " " + all[i + 2];
        }
    }
    return "scaled-up";
}

struct Row {
    std::string name;     // as the table shows it
    std::string accord;   // shell command, in the repository
    std::string git;      // "" for none
    std::string prepare;  // run before each timed run, untimed ("" for none)
    bool cached = true;   // a cold run first (accord's cache removed)
};

struct Measured {
    std::vector<Run> cold;  // empty for a command without a cache
    std::vector<Run> accord, git;
};

double median(std::vector<double> values) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::string seconds_text(const std::vector<Run>& runs, double timeout) {
    if (runs.empty()) return "—";
    if (std::any_of(runs.begin(), runs.end(), [](const Run& r) { return r.timed_out; }))
        return "> " + std::to_string(static_cast<int>(timeout)) + " s";
    std::vector<double> s;
    for (const Run& r : runs) s.push_back(r.seconds);
    char buffer[32];
    const double m = median(s);
    std::snprintf(buffer, sizeof buffer, m < 0.1 ? "%.3f s" : m < 10 ? "%.2f s" : "%.1f s", m);
    return buffer;
}

std::string peak_text(const std::vector<Run>& runs) {
    long peak = 0;
    for (const Run& r : runs) peak = std::max(peak, r.peak_kb);
    return runs.empty() ? "—" : std::to_string((peak + 512) / 1024) + " MB";
}

bool any_timed_out(const std::vector<Run>& runs) {
    return std::any_of(runs.begin(), runs.end(), [](const Run& r) { return r.timed_out; });
}

Measured measure(const Row& row, const std::string& dir, int runs, int cold_runs, double timeout) {
    Measured m;
    auto once = [&](const std::string& command) {
        if (!row.prepare.empty()) run_shell(row.prepare, dir, timeout);
        return run_shell(command, dir, timeout);
    };
    for (int k = 0; row.cached && k < cold_runs && !any_timed_out(m.cold); ++k) {
        fs::remove_all(dir + "/.git/accord");
        m.cold.push_back(once(row.accord));
        if (!row.git.empty() && !any_timed_out(m.git)) m.git.push_back(once(row.git));
    }
    for (int k = 0; k < runs && !any_timed_out(m.cold); ++k) {
        m.accord.push_back(once(row.accord));
        if (m.accord.back().timed_out) break;
    }
    if (m.accord.empty() && !m.cold.empty()) m.accord.push_back(m.cold.back());
    while (!row.git.empty() && m.git.size() < std::size_t(runs) && !any_timed_out(m.git))
        m.git.push_back(once(row.git));
    for (const Run& r : m.accord) {
        if (r.status != 0 && r.status != 1 && !r.timed_out &&
            row.name.find("head") == std::string::npos)
            std::cerr << "scale_bench: " << row.accord << " exited " << r.status << "\n";
    }
    return m;
}

// Median of `accord` over median of `git`.
std::string ratio_text(const std::vector<Run>& accord, const std::vector<Run>& git) {
    if (git.empty() || accord.empty()) return "—";
    if (any_timed_out(accord) || any_timed_out(git)) return "—";
    std::vector<double> a, g;
    for (const Run& r : accord) a.push_back(r.seconds);
    for (const Run& r : git) g.push_back(r.seconds);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f×", median(a) / std::max(median(g), 1e-6));
    return buffer;
}

// Two branches that each change the same `count` texts in different
// paragraphs, for `git merge` with and without accord's driver. Returns the
// work tree of a clone holding them ("ours" checked out, "theirs" beside it).
std::string merge_fixture(const std::string& dir, std::size_t count) {
    const std::string clone = dir + "-merge";
    // The marker is written last; "ours-start" is where each timed merge
    // starts again (the branch "ours" moves with every merge).
    if (fs::exists(clone + "/.git/accord-scale-merge") &&
        fs::exists(clone + "/.git/refs/tags/ours-start"))
        return clone;
    fs::remove_all(clone);
    must("git clone -q --shared " + quote(dir) + " " + quote(clone));
    must("git -C " + quote(clone) + " checkout -q -b ours");
    std::istringstream listed(capture("git ls-files '*.md' ':!outline.md'", clone));
    std::vector<std::string> chosen;
    for (std::string path; std::getline(listed, path) && chosen.size() < count;) {
        std::ifstream in(clone + "/" + path);
        std::stringstream text;
        text << in.rdbuf();
        std::size_t paragraphs = 0;
        for (std::size_t at = 0; (at = text.str().find("\n\n", at)) != std::string::npos; ++at)
            ++paragraphs;
        if (paragraphs >= 6) chosen.push_back(path);
    }
    auto edit = [&](bool ours) {
        for (const std::string& path : chosen) {
            std::ifstream in(clone + "/" + path);
            std::stringstream text;
            text << in.rdbuf();
            std::string s = text.str();
            // Ours brackets wording at the end of the second paragraph of the
            // body; theirs adds an option paragraph at the end.
            if (ours) {
                const std::size_t body = s.find("\n---\n") + 5;
                const std::size_t second = s.find("\n\n", s.find("\n\n", body) + 2);
                const std::size_t end = s.rfind('.', second);
                if (end != std::string::npos && end > body)
                    s.insert(end, " [in accordance with national circumstances]");
            } else {
                s += "\nAlt: Requests the secretariat to report on [progress] at its next "
                     "session.\n";
            }
            std::ofstream(clone + "/" + path) << s;
        }
        must("git -C " + quote(clone) + " commit -q -a -m " +
             quote(ours ? "Ours: national circumstances" : "Theirs: report on progress"));
    };
    edit(true);
    must("git -C " + quote(clone) + " checkout -q -b theirs HEAD~1");
    edit(false);
    must("git -C " + quote(clone) + " checkout -q ours");
    must("git -C " + quote(clone) + " tag -f ours-start ours >/dev/null");
    // For the per-file driver: one text's three versions.
    const std::string& path = chosen.front();
    must("cd " + quote(clone) + " && git show HEAD~1:" + quote(path) +
         " > ../merge-O.md && git show ours:" + quote(path) +
         " > ../merge-A.md && git show theirs:" + quote(path) + " > ../merge-B.md");
    std::ofstream(clone + "/.git/accord-scale-merge") << chosen.size() << "\n";
    return clone;
}

}  // namespace

int main(int argc, char** argv) {
    std::string accord, generator, root = "/tmp/accord-scale-repos";
    std::vector<Size> sizes;
    std::vector<std::string> only;
    int runs = 3;
    int cold_runs = 1;
    double timeout = 300;
    bool merge = true;
    for (int k = 1; k < argc; ++k) {
        const std::string arg = argv[k];
        auto next = [&]() -> std::string {
            if (k + 1 >= argc) {
                std::cerr << "scale_bench: " << arg << " needs a value\n";
                std::exit(2);
            }
            return argv[++k];
        };
        if (arg == "--accord") {
            accord = fs::absolute(next()).string();
        } else if (arg == "--generator") {
            generator = fs::absolute(next()).string();
        } else if (arg == "--dir") {
            root = fs::absolute(next()).string();
        } else if (arg == "--size") {
            const std::string s = next();
            Size size;
            if (std::sscanf(s.c_str(), "%lux%lu", &size.texts, &size.proposals) != 2) {
                std::cerr << "scale_bench: --size TEXTSxPROPOSALS, e.g. 1000x10000\n";
                return 2;
            }
            sizes.push_back(size);
        } else if (arg == "--runs") {
            runs = std::max(1, std::atoi(next().c_str()));
        } else if (arg == "--cold-runs") {
            cold_runs = std::max(1, std::atoi(next().c_str()));
        } else if (arg == "--timeout") {
            timeout = std::atof(next().c_str());
        } else if (arg == "--only") {
            std::istringstream in(next());
            for (std::string name; std::getline(in, name, ',');) only.push_back(name);
        } else if (arg == "--no-merge") {
            merge = false;
        } else {
            std::cerr << "usage: accord_scale_bench --accord BIN --generator GEN [--dir DIR] "
                         "--size TxP... [--runs N] [--cold-runs N] [--timeout S] [--only a,b] "
                         "[--no-merge]\n";
            return 2;
        }
    }
    if (accord.empty() || generator.empty() || sizes.empty()) {
        std::cerr << "scale_bench: give --accord, --generator and at least one --size\n";
        return 2;
    }
    fs::create_directories(root);
    const std::string a = quote(accord);
    for (const Size& size : sizes) {
        const std::string dir = prepare(root, size, generator);
        const std::string path = busiest_text(dir);
        const std::string phrase = phrase_in(dir, path);
        const unsigned long back = std::max(1UL, size.proposals / 10);
        const std::string range = "HEAD~" + std::to_string(back) + " HEAD";
        std::vector<Row> rows = {
            {"log", a + " log >/dev/null", "git log --name-status >/dev/null", "", true},
            // The peer that also reads both versions of each change.
            {"log (beside git log -p)", a + " log >/dev/null", "git log -p >/dev/null", "", true},
            {"log | head -1", a + " log | head -1 >/dev/null",
             "git log --name-status | head -1 >/dev/null", "", true},
            {"log PATH", a + " log " + quote(path) + " >/dev/null",
             "git log -- " + quote(path) + " >/dev/null", "", true},
            {"status", a + " status >/dev/null",
             "git log --name-only --format='%H %an %ad' >/dev/null", "", true},
            {"stats --format json", a + " stats --format json >/dev/null",
             "git log --first-parent --numstat >/dev/null", "", true},
            {"blame FILE", a + " blame " + quote(path) + " >/dev/null",
             "git blame --line-porcelain " + quote(path) + " >/dev/null", "", true},
            {"who PHRASE", a + " who " + quote(phrase) + " >/dev/null",
             "git log -S" + quote(phrase) + " >/dev/null", "", true},
            {"who ABSENT", a + " who 'no proposal said this' >/dev/null 2>&1",
             "git log -S'no proposal said this' >/dev/null", "", true},
            {"who WORD", a + " who the >/dev/null", "git log -Sthe >/dev/null", "", true},
            {"survival --by NAME", a + " survival --by Japan >/dev/null", "", "", true},
            {"compile --format html",
             a + " compile --format html -o " + quote(dir + "-compiled.html"), "", "", true},
            {"diff REV1 REV2", a + " diff " + range + " >/dev/null",
             "git diff " + range + " >/dev/null", "", true},
            {"diff HEAD~1 HEAD", a + " diff HEAD~1 HEAD >/dev/null",
             "git diff HEAD~1 HEAD >/dev/null", "", false},
            {"diff (work tree)", a + " diff >/dev/null", "git diff HEAD >/dev/null", "", false},
            {"check", a + " check >/dev/null", "git grep -c '\\[' -- '*.md' >/dev/null", "", true},
        };
        std::cout << "\n### " << size.texts << " texts × " << size.proposals << " proposals\n\n"
                  << "FILE = " << path << ", PHRASE = \"" << phrase
                  << "\", ABSENT = \"no proposal said this\", WORD = \"the\", REV1 REV2 = " << range
                  << "\n\n"
                  << "| command | accord cold | accord again | git | git command | ratio | "
                     "cold ratio | accord peak | git peak |\n"
                  << "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
                  << std::flush;
        auto wanted = [&](const std::string& name) {
            return only.empty() || std::find(only.begin(), only.end(), name) != only.end() ||
                   std::find(only.begin(), only.end(), name.substr(0, name.find(' '))) !=
                       only.end();
        };
        auto print = [&](const Row& row, const Measured& m) {
            std::string git_command = row.git;
            for (const std::string cut : {" >/dev/null"}) {
                const std::size_t at = git_command.rfind(cut);
                if (at != std::string::npos && at + cut.size() == git_command.size())
                    git_command.erase(at);
            }
            auto cell = [](std::string text) {  // '|' would end a Markdown cell
                for (std::size_t at = 0; (at = text.find('|', at)) != std::string::npos; at += 2)
                    text.replace(at, 1, "\\|");
                return text;
            };
            const std::string name = cell(row.name);
            git_command = cell(git_command);
            std::cout << "| `" << name << "` | "
                      << (m.cold.empty() ? "—" : seconds_text(m.cold, timeout)) << " | "
                      << seconds_text(m.accord, timeout) << " | " << seconds_text(m.git, timeout)
                      << " | " << (git_command.empty() ? "—" : "`" + git_command + "`") << " | "
                      << ratio_text(m.accord, m.git) << " | " << ratio_text(m.cold, m.git) << " | "
                      << peak_text(m.cold.empty() ? m.accord : m.cold) << " | " << peak_text(m.git)
                      << " |\n"
                      << std::flush;
        };
        for (const Row& row : rows) {
            if (!wanted(row.name)) continue;
            print(row, measure(row, dir, runs, cold_runs, timeout));
        }
        if (merge && size.texts >= 200 && wanted("merge")) {
            const std::string clone = merge_fixture(dir, 200);
            const std::string parent = fs::path(clone).parent_path().string();
            const std::string driver = quote(accord + " merge-driver %O %A %B %P");
            Row per_file{"merge-driver (one file)",
                         a + " merge-driver ../merge-O.md ../merge-A2.md ../merge-B.md x.md",
                         "git merge-file ../merge-A2.md ../merge-O.md ../merge-B.md",
                         "cp ../merge-A.md ../merge-A2.md", false};
            print(per_file, measure(per_file, clone, std::max(runs, 20), cold_runs, timeout));
            Row whole{
                "git merge, 200 texts",
                "git -c merge.accord.driver=" + driver + " merge -q --no-edit theirs >/dev/null",
                "git merge -q --no-edit theirs >/dev/null", "git reset -q --hard ours-start",
                false};
            print(whole, measure(whole, clone, runs, cold_runs, timeout));
            (void)parent;
        }
    }
    return 0;
}

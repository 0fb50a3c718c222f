// accord compile's HTML page in a real browser: headless Chromium (Debian's
// `chromium`, which .ci/setup-debian installs) opens the page compiled from a
// real import, a probe script reads the DOM (attributed spans, the legend,
// the styles actually applied), the browser's network log shows the page
// asked for nothing, and a screenshot is kept for people to look at.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>

#include "support/paths.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

namespace fs = std::filesystem;

std::string chromium() {
    for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
        if (fs::exists(candidate)) return candidate;
    return "";
}

// Kept beside the build, for people (and CI artefacts) to look at.
std::string artifacts_dir() {
    const fs::path dir = fs::path(test::accord_binary()).parent_path() / "tests" / "artifacts";
    fs::create_directories(dir);
    return dir.string();
}

// Runs headless Chromium on `page` with a fresh profile in `scratch`, at most two minutes.
test::RunResult browse(const std::string& scratch, const std::string& page,
                       const std::vector<std::string>& extra) {
    std::vector<std::string> argv = {"timeout",
                                     "120",
                                     chromium(),
                                     "--headless",
                                     "--no-sandbox",
                                     "--disable-gpu",
                                     "--disable-background-networking",
                                     "--disable-component-update",
                                     "--disable-sync",
                                     "--no-first-run",
                                     "--no-default-browser-check",
                                     "--hide-scrollbars",
                                     "--user-data-dir=" + scratch + "/profile"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back("file://" + page);
    return test::run(argv);
}

// The URLs in a Chromium net log that a page (a file:// document) asked for.
// The browser's own traffic (update checks and the like) is keyed to no
// page and is not counted.
std::vector<std::string> page_requests(const std::string& net_log) {
    std::vector<std::string> urls;
    const std::regex url("\"url\":\"([^\"]*)\"");
    std::istringstream lines(net_log);
    for (std::string line; std::getline(lines, line);) {
        if (line.find("\"network_isolation_key\":\"file://") == std::string::npos) continue;
        std::smatch m;
        if (std::regex_search(line, m, url)) urls.push_back(m[1]);
    }
    return urls;
}

// A test-only copy of the page with a script that reports what the DOM holds
// into an attribute of <body>, for --dump-dom to show.
std::string with_probe(std::string page) {
    const std::string probe = R"JS(<script>
(() => {
  const spans = [...document.querySelectorAll('[data-proposer]')];
  const titled = spans.filter(s => s.title.includes(s.dataset.proposer) && s.dataset.date &&
                                   /^[0-9a-f]{40}$/.test(s.dataset.commit)).length;
  const legend = [...document.querySelectorAll('.legend-entry[data-delegation]')];
  const colours = new Set(legend.map(e =>
      getComputedStyle(e.querySelector('.sw')).backgroundColor));
  const underlined = spans.filter(s => getComputedStyle(s).borderBottomStyle === 'solid').length;
  const bracket = document.querySelector('.b1:not(.o)');
  const struck = document.querySelector('.st');
  const report = {
    spans: spans.length, titled, underlined,
    legend: legend.length, colours: colours.size,
    proposers: new Set(spans.map(s => s.dataset.proposer)).size,
    timelines: document.querySelectorAll('ol.timeline li').length,
    articles: document.querySelectorAll('article[data-path]').length,
    bracketBackground: bracket ? getComputedStyle(bracket).backgroundColor : 'none',
    strikeLine: struck ? getComputedStyle(struck).textDecorationLine : 'none',
    resources: performance.getEntriesByType('resource').length,
  };
  document.body.setAttribute('data-probe',
      Object.entries(report).map(([k, v]) => k + '=' + v).join(';'));
})();
</script>)JS";
    const std::size_t end = page.rfind("</body>");
    page.insert(end == std::string::npos ? page.size() : end, probe);
    return page;
}

std::map<std::string, std::string> probe_report(const std::string& dom) {
    std::map<std::string, std::string> out;
    std::smatch m;
    if (!std::regex_search(dom, m, std::regex("data-probe=\"([^\"]*)\""))) return out;
    const std::string report = m[1];
    std::istringstream fields(report);
    for (std::string field; std::getline(fields, field, ';');) {
        const std::size_t eq = field.find('=');
        if (eq != std::string::npos) out[field.substr(0, eq)] = field.substr(eq + 1);
    }
    return out;
}

std::size_t number(const std::map<std::string, std::string>& report, const std::string& key) {
    const auto found = report.find(key);
    return found == report.end() ? 0 : std::stoul(found->second);
}

class Browser : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_FALSE(chromium().empty())
            << "headless Chromium is needed to test the HTML compilation and was not found at "
               "/usr/bin/chromium: install Debian's 'chromium' package (.ci/setup-debian "
               "--browser installs it)";
    }
    test::TempDir scratch;
};

TEST_F(Browser, CompiledPageShowsAttributionAndLegendAndRequestsNothing) {
    test::RunOptions options;
    options.cwd = scratch.path();
    options.environment = {"GIT_COMMITTER_NAME=Secretariat",
                           "GIT_COMMITTER_EMAIL=secretariat@example.org"};
    const test::RunResult imported = test::accord(
        {"import", test::source_dir() + "/examples/wgec-excerpt.txt", "--into", "wgec"}, options);
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    options.cwd = scratch.file("wgec");
    const std::string page = scratch.file("page.html");
    const test::RunResult compiled =
        test::accord({"compile", "--format", "html", "-o", page}, options);
    ASSERT_EQ(compiled.exit_code, 0) << compiled.err;

    // The page as a reader gets it: a screenshot, and the network log.
    const std::string screenshot = artifacts_dir() + "/compile.png";
    fs::remove(screenshot);
    const std::string net_log = scratch.file("net.json");
    const test::RunResult shot = browse(
        scratch.path(), page,
        {"--window-size=1280,2000", "--screenshot=" + screenshot, "--log-net-log=" + net_log});
    ASSERT_EQ(shot.exit_code, 0) << shot.err;
    ASSERT_TRUE(fs::exists(screenshot)) << shot.err;
    EXPECT_GT(fs::file_size(screenshot), 20000u) << "a screenshot of an empty page?";
    std::cout << "screenshot of the compiled page: " << screenshot << "\n";
    ASSERT_TRUE(fs::exists(net_log)) << shot.err;
    const std::vector<std::string> requests = page_requests(test::read_all(net_log));
    EXPECT_TRUE(requests.empty()) << "the page asked the network for " << requests.front();

    // The DOM, read by a probe script in a copy of the page.
    const std::string probed = scratch.write("probed.html", with_probe(test::read_all(page)));
    const test::RunResult dom = browse(scratch.path(), probed, {"--dump-dom"});
    ASSERT_EQ(dom.exit_code, 0) << dom.err;
    const auto report = probe_report(dom.out);
    ASSERT_FALSE(report.empty()) << "the probe did not run:\n" << dom.out.substr(0, 2000);
    const std::size_t spans = number(report, "spans");
    EXPECT_GT(spans, 100u);
    EXPECT_EQ(number(report, "titled"), spans) << "every span names its proposer on hover";
    EXPECT_EQ(number(report, "underlined"), spans) << "every span shows its proposer's colour";
    EXPECT_GE(number(report, "legend"), 3u);
    EXPECT_EQ(number(report, "colours"), number(report, "legend"))
        << "each delegation in the legend has its own colour";
    EXPECT_GE(number(report, "legend"), number(report, "proposers"));
    EXPECT_GT(number(report, "articles"), 3u);
    EXPECT_GE(number(report, "timelines"), number(report, "articles"));
    EXPECT_NE(report.at("bracketBackground"), "rgba(0, 0, 0, 0)") << "brackets stand out";
    EXPECT_EQ(report.at("strikeLine"), "line-through");
    EXPECT_EQ(number(report, "resources"), 0u) << "no resource loaded";
}

// The network check is worth something only if it can fail: a page that
// loads an image and a style sheet from elsewhere is caught.
TEST_F(Browser, TheNetworkCheckCatchesAPageThatLoadsSomething) {
    const std::string page =
        scratch.write("leaky.html",
                      "<!DOCTYPE html><html><head><link rel=\"stylesheet\" "
                      "href=\"http://127.0.0.1:9/style.css\"></head><body><p>text</p>"
                      "<img src=\"http://127.0.0.1:9/pixel.png\" alt=\"\"></body></html>\n");
    const std::string net_log = scratch.file("net.json");
    const test::RunResult run =
        browse(scratch.path(), page, {"--dump-dom", "--log-net-log=" + net_log});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const std::vector<std::string> requests = page_requests(test::read_all(net_log));
    ASSERT_FALSE(requests.empty());
    EXPECT_TRUE(std::count(requests.begin(), requests.end(), "http://127.0.0.1:9/pixel.png"));
    EXPECT_TRUE(std::count(requests.begin(), requests.end(), "http://127.0.0.1:9/style.css"));
}

}  // namespace
}  // namespace accord

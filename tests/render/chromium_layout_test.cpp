// The pinned HTML reports (tests/data/golden/*.html, real pairs of days) laid out by headless
// Chromium at 1280 px: every chart present, no chart text outside its chart or over another
// label, no page wider than the window. The pages have no script; a wrapper page holds them in
// frames and measures them. Skipped when Chromium is not installed (Debian: chromium); labelled
// chromium.

#include "support/lbtrack_cli.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using namespace lbtrack::test;

/// The Chromium binary on PATH ("" when none).
std::string chromium() {
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path != nullptr ? path : "");
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        for (const char* name : {"chromium", "chromium-browser"}) {
            const auto candidate = fs::path(dir) / name;
            if (fs::exists(candidate)) {
                return candidate.string();
            }
        }
    }
    return {};
}

// The pages are laid out in one Chromium run (its start is most of the cost), each in a frame
// as wide as the window the reports are read in. On load, the wrapper measures each frame's
// layout and writes the verdict onto the frame's element, which --dump-dom prints.
constexpr const char* wrapper_head = R"html(<!doctype html>
<html><head><meta charset="utf-8"><script>
addEventListener('load', () => {
  for (const frame of document.querySelectorAll('iframe')) {
    const doc = frame.contentDocument;
    const problems = [];
    const svgs = [...doc.querySelectorAll('svg')];
    for (const svg of svgs) {
      const box = svg.getBoundingClientRect();
      const title = svg.querySelector('title').textContent;
      const texts = [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBoundingClientRect()]);
      for (const [text, r] of texts) {
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 ||
            r.bottom > box.bottom + 1) {
          problems.push(title + ': ' + text + ' outside the chart');
        }
      }
      for (let i = 0; i < texts.length; ++i) {
        for (let j = i + 1; j < texts.length; ++j) {
          const a = texts[i][1], b = texts[j][1];
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 1 && h > 2) {
            problems.push(title + ': ' + texts[i][0] + ' over ' + texts[j][0]);
          }
        }
      }
    }
    if (doc.documentElement.scrollWidth > frame.contentWindow.innerWidth + 1) {
      problems.push('page ' + doc.documentElement.scrollWidth + ' px wide');
    }
    frame.setAttribute('data-charts', svgs.length);
    frame.setAttribute('data-problems', problems.join(' | ') || 'none');
  }
});
</script></head><body>
)html";

struct layout {
    int charts = -1;
    std::string problems;
};

/// Lays out every page (name -> HTML) and returns each one's verdict by name.
std::map<std::string, layout> lay_out(const std::string& browser,
                                      const std::map<std::string, std::string>& pages,
                                      const fs::path& dir) {
    std::string wrapper = wrapper_head;
    for (const auto& [name, html] : pages) {
        std::ofstream(dir / name, std::ios::binary) << html;
        wrapper += "<iframe src=\"" + name + "\" width=\"1280\" height=\"3000\"></iframe>\n";
    }
    wrapper += "</body></html>\n";
    std::ofstream(dir / "wrapper.html", std::ios::binary) << wrapper;
    const auto out = dir / "dom.html";
    // --allow-file-access-from-files: the wrapper reads its frames' documents (file:// pages
    // are of no common origin otherwise).
    const auto command = "timeout 300 '" + browser +
                         "' --headless --no-sandbox --disable-gpu --hide-scrollbars "
                         "--allow-file-access-from-files --window-size=1280,2000 --dump-dom "
                         "'file://" +
                         (dir / "wrapper.html").string() + "' > '" + out.string() + "' 2>/dev/null";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    std::ifstream in(out, std::ios::binary);
    std::ostringstream dom;
    dom << in.rdbuf();
    const auto text = dom.str();
    std::map<std::string, layout> result;
    static const std::regex frame(
        R"re(<iframe src="([^"]+)"[^>]*data-charts="([0-9]+)" data-problems="([^"]*)")re");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), frame);
         it != std::sregex_iterator(); ++it) {
        result[(*it)[1].str()] = {std::stoi((*it)[2].str()), (*it)[3].str()};
    }
    return result;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

TEST(ChromiumLayout, PinnedReportsLayOutCleanly) {
    const auto browser = chromium();
    if (browser.empty()) {
        GTEST_SKIP() << "chromium is not installed";
    }
    std::map<std::string, std::string> pages;
    for (const auto& item : fs::directory_iterator(fixture("golden"))) {
        if (item.path().extension() == ".html") {
            std::ifstream in(item.path(), std::ios::binary);
            std::ostringstream html;
            html << in.rdbuf();
            pages[item.path().filename().string()] = html.str();
        }
    }
    ASSERT_GE(pages.size(), 5u);
    // A page with the faults the check looks for, to show it finds them.
    pages["faulty.html"] =
        "<!doctype html><html><body><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" "
        "height=\"50\"><title>T</title><text x=\"10\" y=\"20\">one</text><text x=\"12\" "
        "y=\"21\">two</text><text x=\"90\" y=\"40\">cut off</text></svg>"
        "<div style=\"width:2000px\">wide</div></body></html>";
    temp_dir dir;
    const auto laid_out = lay_out(browser, pages, dir.path());
    for (const auto& [name, html] : pages) {
        SCOPED_TRACE(name);
        const auto it = laid_out.find(name);
        ASSERT_NE(it, laid_out.end()) << "not laid out";
        EXPECT_EQ(it->second.charts, static_cast<int>(count(html, "<svg ")));
        if (name == "faulty.html") {
            EXPECT_EQ(it->second.problems,
                      "T: cut off outside the chart | T: one over two | page 2008 px wide");
        } else {
            EXPECT_EQ(it->second.problems, "none");
        }
    }
}

} // namespace

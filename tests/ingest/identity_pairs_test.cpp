// Precision and recall of "same model" over tests/data/identity_pairs.tsv: hand-labelled pairs
// of real names from ../shared/data's boards, re-spelled as other boards and formats print them
// (same / different / variant). A pair counts as "same model" when labelled same or variant;
// the resolver says "same model" when both names get one key. Variant pairs must also differ in
// variant or be one spelling of the same precision. Uses the real registry, config/models.toml.

#include "model_registry_file.hpp"

#include "lbtrack/ingest/model_resolver.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct labelled_pair {
    std::size_t line = 0;
    std::string a;
    std::string b;
    std::string label;
};

std::vector<labelled_pair> read_pairs() {
    std::ifstream in(std::string(LBTRACK_TEST_DATA_DIR) + "/identity_pairs.tsv");
    std::vector<labelled_pair> pairs;
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line[0] == '#') {
            continue;
        }
        std::vector<std::string> fields;
        std::stringstream s(line);
        for (std::string f; std::getline(s, f, '\t');) {
            fields.push_back(f);
        }
        if (fields.size() < 3) {
            ADD_FAILURE() << "identity_pairs.tsv:" << number << ": expected 4 tab-separated fields";
            continue;
        }
        pairs.push_back({number, fields[0], fields[1], fields[2]});
    }
    return pairs;
}

TEST(IdentityPairs, SameModelPrecisionAndRecall) {
    const auto pairs = read_pairs();
    ASSERT_GE(pairs.size(), 400u);
    const lbtrack::ingest::model_resolver resolver(
        lbtrack::app::load_model_registry(std::string(LBTRACK_SOURCE_DIR) + "/config/models.toml"));

    std::size_t true_pos = 0;
    std::size_t false_pos = 0;
    std::size_t false_neg = 0;
    std::size_t true_neg = 0;
    std::size_t counts[3] = {0, 0, 0};
    std::ostringstream mistakes;
    for (const auto& p : pairs) {
        ASSERT_TRUE(p.label == "same" || p.label == "different" || p.label == "variant")
            << "identity_pairs.tsv:" << p.line << ": label '" << p.label << "'";
        const auto ra = resolver.resolve(p.a);
        const auto rb = resolver.resolve(p.b);
        const bool labelled_same = p.label != "different";
        const bool resolved_same = ra.key == rb.key;
        ++counts[p.label == "same" ? 0 : p.label == "variant" ? 1 : 2];
        if (labelled_same && resolved_same) {
            ++true_pos;
        } else if (!labelled_same && resolved_same) {
            ++false_pos;
        } else if (labelled_same) {
            ++false_neg;
        } else {
            ++true_neg;
        }
        if (labelled_same != resolved_same) {
            mistakes << "  line " << p.line << " (" << p.label << "): '" << p.a << "' -> " << ra.key
                     << " | '" << p.b << "' -> " << rb.key << "\n";
        }
        if (p.label == "variant" && resolved_same) {
            EXPECT_NE(ra.variant, rb.variant)
                << "identity_pairs.tsv:" << p.line << ": a variant pair with one variant";
        }
        if (p.label == "same" && resolved_same) {
            EXPECT_EQ(ra.variant, rb.variant)
                << "identity_pairs.tsv:" << p.line << ": one model, two variants";
        }
    }
    const double precision =
        true_pos + false_pos ? static_cast<double>(true_pos) / (true_pos + false_pos) : 1.0;
    const double recall =
        true_pos + false_neg ? static_cast<double>(true_pos) / (true_pos + false_neg) : 1.0;
    std::cout << "identity pairs: " << pairs.size() << " (same " << counts[0] << ", variant "
              << counts[1] << ", different " << counts[2] << ")\n"
              << "same model: precision " << precision << " (" << true_pos << "/"
              << true_pos + false_pos << "), recall " << recall << " (" << true_pos << "/"
              << true_pos + false_neg << "); true negatives " << true_neg << "\n";
    if (!mistakes.str().empty()) {
        std::cout << "disagreements with the labels:\n" << mistakes.str();
    }
    EXPECT_GE(precision, 0.99);
    EXPECT_GE(recall, 0.95);
}

} // namespace

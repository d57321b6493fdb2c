// Precision and recall of "same model" over two hand-labelled sets of model-name pairs
// (same / different / variant):
//  - tests/data/identity_pairs.tsv: real names from ../shared/data's pages, re-spelled as other
//    boards and formats print them;
//  - tests/data/identity_pairs_real.tsv: pairs taken verbatim from two different boards of
//    ../shared/data, labelled by someone who never saw the rules.
// A pair counts as "same model" when labelled same or variant; the resolver says "same model"
// when both names get one key. Variant pairs must also differ in variant or be one spelling of
// the same precision. Uses the real registry, config/models.toml. Figures are printed per file
// and asserted on all pairs together.

#include "lbtrack/ingest/model_resolver.hpp"
#include "lbtrack/settings/model_registry_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct labelled_pair {
    std::string file;
    std::size_t line = 0;
    std::string a;
    std::string b;
    std::string label;
};

std::vector<labelled_pair> read_pairs(const std::string& file) {
    std::ifstream in(std::string(LBTRACK_TEST_DATA_DIR) + "/" + file);
    EXPECT_TRUE(in.good()) << file << ": cannot open";
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
            ADD_FAILURE() << file << ":" << number << ": expected 4 tab-separated fields";
            continue;
        }
        pairs.push_back({file, number, fields[0], fields[1], fields[2]});
    }
    return pairs;
}

struct tally {
    std::size_t true_pos = 0;
    std::size_t false_pos = 0;
    std::size_t false_neg = 0;
    std::size_t true_neg = 0;
    std::size_t same = 0;
    std::size_t variant = 0;
    std::size_t different = 0;

    std::size_t pairs() const { return same + variant + different; }
    double precision() const {
        return true_pos + false_pos ? static_cast<double>(true_pos) / (true_pos + false_pos) : 1.0;
    }
    double recall() const {
        return true_pos + false_neg ? static_cast<double>(true_pos) / (true_pos + false_neg) : 1.0;
    }
    tally& operator+=(const tally& o) {
        true_pos += o.true_pos;
        false_pos += o.false_pos;
        false_neg += o.false_neg;
        true_neg += o.true_neg;
        same += o.same;
        variant += o.variant;
        different += o.different;
        return *this;
    }
};

void print(std::string_view what, const tally& t) {
    std::cout << what << ": " << t.pairs() << " pairs (same " << t.same << ", variant " << t.variant
              << ", different " << t.different << "); same model: precision " << t.precision()
              << " (" << t.true_pos << "/" << t.true_pos + t.false_pos << "), recall " << t.recall()
              << " (" << t.true_pos << "/" << t.true_pos + t.false_neg << "); true negatives "
              << t.true_neg << "\n";
}

/// Resolves every pair, counts agreements with the labels, checks variants, prints mistakes.
tally measure(const std::vector<labelled_pair>& pairs,
              const lbtrack::ingest::model_resolver& resolver) {
    tally t;
    std::ostringstream mistakes;
    for (const auto& p : pairs) {
        EXPECT_TRUE(p.label == "same" || p.label == "different" || p.label == "variant")
            << p.file << ":" << p.line << ": label '" << p.label << "'";
        const auto ra = resolver.resolve(p.a);
        const auto rb = resolver.resolve(p.b);
        const bool labelled_same = p.label != "different";
        const bool resolved_same = ra.key == rb.key;
        ++(p.label == "same" ? t.same : p.label == "variant" ? t.variant : t.different);
        if (labelled_same && resolved_same) {
            ++t.true_pos;
        } else if (!labelled_same && resolved_same) {
            ++t.false_pos;
        } else if (labelled_same) {
            ++t.false_neg;
        } else {
            ++t.true_neg;
        }
        if (labelled_same != resolved_same) {
            mistakes << "  " << p.file << ":" << p.line << " (" << p.label << "): '" << p.a
                     << "' -> " << ra.key << " | '" << p.b << "' -> " << rb.key << "\n";
        }
        if (p.label == "variant" && resolved_same) {
            EXPECT_NE(ra.variant, rb.variant)
                << p.file << ":" << p.line << ": a variant pair with one variant";
        }
        if (p.label == "same" && resolved_same) {
            EXPECT_EQ(ra.variant, rb.variant)
                << p.file << ":" << p.line << ": one model, two variants";
        }
    }
    if (!mistakes.str().empty()) {
        std::cout << "disagreements with the labels:\n" << mistakes.str();
    }
    return t;
}

TEST(IdentityPairs, SameModelPrecisionAndRecall) {
    const lbtrack::ingest::model_resolver resolver(lbtrack::settings::load_model_registry(
        std::string(LBTRACK_SOURCE_DIR) + "/config/models.toml"));
    tally all;
    for (const std::string file : {"identity_pairs.tsv", "identity_pairs_real.tsv"}) {
        const auto pairs = read_pairs(file);
        ASSERT_GE(pairs.size(), 400u) << file;
        const auto t = measure(pairs, resolver);
        print(file, t);
        all += t;
    }
    print("all pairs", all);
    EXPECT_GE(all.precision(), 0.995);
    EXPECT_GE(all.recall(), 0.97);
}

} // namespace

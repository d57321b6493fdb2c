// Text fields before they are stored (ingest/text_limits.hpp, validate_text_fields) and text
// before it is printed (core/printable_text.hpp): issue 16, items 1 and 2.

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/printable_text.hpp"
#include "lbtrack/ingest/extract.hpp"
#include "lbtrack/ingest/text_limits.hpp"
#include "lbtrack/ingest/validate.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace lbtrack;
using ingest::text_field_fault;

std::string fault(std::string_view text, std::size_t max_bytes = 512) {
    return text_field_fault(text, max_bytes).value_or("");
}

TEST(TextFieldFault, AcceptsPrintableUnicode) {
    EXPECT_EQ(text_field_fault("Gemini-2.5-Pro", 512), std::nullopt);
    EXPECT_EQ(text_field_fault("深度求索 ☛ 🧝‍♂️ (ZWJ) ±3 元/M tokens", 512),
              std::nullopt);
    EXPECT_EQ(text_field_fault("", 0), std::nullopt);
}

TEST(TextFieldFault, RefusesInvalidUtf8NamingTheByte) {
    EXPECT_EQ(fault("ab\xff"), "invalid UTF-8 at byte 3 (0xff)");
    EXPECT_EQ(fault("\xc0\xaf"), "invalid UTF-8 at byte 1 (0xc0)");      // overlong '/'
    EXPECT_EQ(fault("x\xed\xa0\x80"), "invalid UTF-8 at byte 2 (0xed)"); // a surrogate
    EXPECT_EQ(fault("\xe4\xb8"), "invalid UTF-8 at byte 1 (0xe4)");      // cut short
}

TEST(TextFieldFault, RefusesEveryControlCharacterTabIncluded) {
    EXPECT_EQ(fault(std::string("a\0b", 3)), "control character U+0000 at byte 2");
    EXPECT_EQ(fault("a\tb"), "control character U+0009 at byte 2");
    EXPECT_EQ(fault("a\nb"), "control character U+000A at byte 2");
    EXPECT_EQ(fault("\x1b[2J"), "control character U+001B at byte 1");
    EXPECT_EQ(fault("x\x7f"), "control character U+007F at byte 2");
    EXPECT_EQ(fault("x\xc2\x9b"), "control character U+009B at byte 2"); // C1 CSI
}

TEST(TextFieldFault, RefusesTextOverTheLimit) {
    EXPECT_EQ(text_field_fault(std::string(512, 'a'), 512), std::nullopt);
    EXPECT_EQ(fault(std::string(513, 'a')), "513 bytes, over the limit of 512");
    // The limits leave an index row of name + variant far below PostgreSQL's 2704 bytes.
    EXPECT_LT(ingest::max_model_name_bytes + ingest::max_variant_bytes, 2704u / 2);
}

TEST(PrintableText, EscapesControlsAndInvalidBytesKeepsTheRest) {
    EXPECT_EQ(printable_text("Gemini 深度求索 🧝‍♂️"),
              "Gemini 深度求索 🧝‍♂️");
    EXPECT_EQ(printable_text("\x1b[2Jx"), "\\u001b[2Jx");
    EXPECT_EQ(printable_text("\x1b]8;;http://e.vil\x1b\\link"),
              "\\u001b]8;;http://e.vil\\u001b\\link");
    EXPECT_EQ(printable_text("a\xc2\x9b"
                             "2J"),
              "a\\u009b2J");
    EXPECT_EQ(printable_text("a\nb\r\tc"), "a\\nb\\r\\tc");
    EXPECT_EQ(printable_text(std::string("a\0b\xff", 4)), "a\\u0000b\\xff");
    EXPECT_EQ(printable_message("line 1\n\tline 2\x1b"), "line 1\n\tline 2\\u001b");
}

source board() {
    source src;
    src.id = "board";
    src.columns.model = "Model";
    src.columns.organization = "Org";
    src.columns.metrics = {{"price", "Price"}};
    return src;
}

entry named(std::size_t row, std::string name) {
    entry e;
    e.row = row;
    e.raw_name = name;
    e.model_key = std::move(name);
    return e;
}

std::string text_error(const std::vector<entry>& entries) {
    try {
        ingest::validate_text_fields(entries, board(), "day.csv");
    } catch (const validation_error& e) {
        return e.what();
    }
    return "";
}

TEST(ValidateTextFields, NamesSourceFileDataRowColumnAndField) {
    std::vector<entry> entries{named(1, "good"), named(2, "fine")};
    EXPECT_EQ(text_error(entries), "");
    entries[1].organization = "Acme\xff";
    EXPECT_EQ(text_error(entries), "source 'board': day.csv: data row 2, column 'Org' "
                                   "(organization): invalid UTF-8 at byte 5 (0xff): 'Acme\\xff'");
    entries[1].organization = "Acme";
    entries[0].metrics.push_back({"price", 0.7, "\x1b[2J元"});
    EXPECT_EQ(text_error(entries),
              "source 'board': day.csv: data row 1, column 'Price' (unit of metric 'price'): "
              "control character U+001B at byte 1: '\\u001b[2J元'");
}

TEST(ValidateTextFields, ALongNameIsRefusedWithItsSizeAndCut) {
    std::vector<entry> entries{named(1, "ok"), named(2, std::string(3000, 'x'))};
    const auto what = text_error(entries);
    EXPECT_NE(what.find("data row 2, column 'Model' (model name): 3000 bytes, over the limit of "
                        "512: 'xxx"),
              std::string::npos)
        << what;
    EXPECT_LT(what.size(), 250u); // the value is cut, not quoted whole
}

TEST(ExtractEntries, AModelCellLongerThanAnyPrintedNameIsRefusedBeforeItIsCopied) {
    // Issue 16 item 7: a 50 MB model cell took 1.46 GB before validate_text_fields refused it,
    // cleaning and Unicode folding having copied it over and over. A cell past
    // max_printed_name_bytes is refused as extraction reaches its row, with the message
    // validate_text_fields gives the name.
    ingest::table t;
    t.header = {"Model", "Org", "Price"};
    t.rows = {{"ok", "", ""},
              {std::string(ingest::max_printed_name_bytes, 'x'), "", ""},
              {std::string(ingest::max_printed_name_bytes + 1, 'y'), "", ""}};
    t.row_lines = {2, 3, 4};
    try {
        (void)ingest::extract_entries(t, board(), "day.csv");
        ADD_FAILURE() << "no validation_error";
    } catch (const validation_error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(fmt::format("day.csv: data row 3, column 'Model' (model name): {} "
                                        "bytes, over the limit of {}: 'yyy",
                                        ingest::max_printed_name_bytes + 1,
                                        ingest::max_model_name_bytes)),
                  std::string::npos)
            << what;
        EXPECT_LT(what.size(), 300u);
    }
    // Up to the printed limit the row is extracted; the name limit itself is validate's.
    t.rows.pop_back();
    EXPECT_EQ(ingest::extract_entries(t, board(), "day.csv").size(), 2u);
}

TEST(ValidateTextFields, ANewlineInANameIsRefusedAndShownEscaped) {
    const auto what = text_error({named(1, "evil\n2025-01-01 info: forged")});
    EXPECT_NE(what.find("control character U+000A at byte 5: 'evil\\n2025-01-01"),
              std::string::npos)
        << what;
    EXPECT_EQ(what.find('\n'), std::string::npos);
}

} // namespace

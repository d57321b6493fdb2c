// core/utf8_text.hpp, the one home of UTF-8 reading and writing (issue 22, item 4): general
// properties over many code points and random bytes rather than chosen examples.

#include "lbtrack/core/utf8_text.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace lbtrack;

bool is_surrogate(char32_t cp) {
    return cp >= 0xD800 && cp <= 0xDFFF;
}

/// Whether every byte of `text` belongs to a valid sequence.
bool all_valid(std::string_view text) {
    for (std::size_t at = 0; at < text.size();) {
        const auto c = utf8_char_at(text, at);
        if (!c) {
            return false;
        }
        at += c->size;
    }
    return true;
}

/// Random bytes, biased towards lead and continuation bytes so sequences are often almost
/// valid.
std::string random_bytes(std::mt19937& engine, std::size_t size) {
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> kind(0, 3);
    std::string out;
    for (std::size_t i = 0; i < size; ++i) {
        const int b = byte(engine);
        switch (kind(engine)) {
        case 0:
            out += static_cast<char>(0x80 | (b & 0x3F)); // continuation
            break;
        case 1:
            out += static_cast<char>(0xC0 | (b & 0x3F)); // lead (some invalid)
            break;
        default:
            out += static_cast<char>(b);
        }
    }
    return out;
}

TEST(Utf8Text, EveryScalarValueEncodesAndReadsBack) {
    for (char32_t cp = 0; cp <= 0x10FFFF; cp += (cp < 0x800 ? 1 : 61)) {
        if (is_surrogate(cp)) {
            continue;
        }
        std::string text;
        append_utf8(text, cp);
        const auto c = utf8_char_at(text, 0);
        ASSERT_TRUE(c.has_value()) << std::hex << static_cast<unsigned>(cp);
        EXPECT_EQ(c->code_point, cp);
        EXPECT_EQ(c->size, text.size());
        const auto back = utf8_char_before(text, text.size());
        ASSERT_TRUE(back.has_value());
        EXPECT_EQ(back->code_point, cp);
    }
}

TEST(Utf8Text, WhatHasNoUtf8FormIsWrittenAsTheReplacementCharacter) {
    for (const char32_t cp :
         {char32_t{0xD800}, char32_t{0xDFFF}, char32_t{0x110000}, char32_t{0x7FFFFFFF}}) {
        std::string text;
        append_utf8(text, cp);
        EXPECT_EQ(text, utf8_replacement) << std::hex << static_cast<unsigned>(cp);
    }
}

TEST(Utf8Text, ValidUtf8OfAnyBytesIsValidAndKeepsValidTextAsIs) {
    std::mt19937 engine(22);
    for (int round = 0; round < 500; ++round) {
        const std::string bytes = random_bytes(engine, 1 + round % 40);
        const std::string valid = valid_utf8(bytes);
        EXPECT_TRUE(all_valid(valid));
        EXPECT_EQ(valid_utf8(valid), valid);
        if (all_valid(bytes)) {
            EXPECT_EQ(valid, bytes);
        }
    }
}

TEST(Utf8Text, CharactersReadBackwardsAreThoseReadForwards) {
    std::mt19937 engine(4);
    for (int round = 0; round < 500; ++round) {
        const std::string text = valid_utf8(random_bytes(engine, 1 + round % 40));
        std::vector<utf8_char> forwards;
        for (std::size_t at = 0; at < text.size(); at += forwards.back().size) {
            forwards.push_back(*utf8_char_at(text, at));
        }
        std::size_t end = text.size();
        for (auto it = forwards.rbegin(); it != forwards.rend(); ++it) {
            const auto c = utf8_char_before(text, end);
            ASSERT_TRUE(c.has_value());
            EXPECT_EQ(c->code_point, it->code_point);
            EXPECT_EQ(c->size, it->size);
            end -= c->size;
        }
        EXPECT_EQ(end, 0u);
    }
}

TEST(Utf8Text, APrefixEndsOnACharacterBoundaryAndIsTheLongestThatFits) {
    std::mt19937 engine(15);
    for (int round = 0; round < 200; ++round) {
        const std::string text = valid_utf8(random_bytes(engine, 1 + round % 30));
        for (std::size_t max = 0; max <= text.size() + 1; ++max) {
            const auto prefix = utf8_prefix(text, max);
            EXPECT_LE(prefix.size(), max);
            EXPECT_TRUE(all_valid(prefix)) << max;
            if (prefix.size() < text.size()) {
                // The next character would not have fitted.
                EXPECT_GT(prefix.size() + utf8_char_at(text, prefix.size())->size, max);
            }
        }
    }
}

} // namespace

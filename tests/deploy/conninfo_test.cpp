// Passwords kept out of connection messages (deploy/conninfo.hpp, issue 16 item 5): libpq quotes
// the parts of a connection string it cannot read, a malformed password among them.

#include "lbtrack/deploy/conninfo.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using lbtrack::deploy::mask_password;

TEST(MaskPassword, HidesAMalformedUriPasswordThatLibpqQuotes) {
    const std::string url = "postgresql://u:Pw%ZZsecret@db.example/lb";
    // libpq 15's words for it.
    EXPECT_EQ(mask_password("cannot connect to PostgreSQL: invalid percent-encoded token: "
                            "\"Pw%ZZsecret\"",
                            url),
              "cannot connect to PostgreSQL: invalid percent-encoded token: \"***\"");
    EXPECT_EQ(mask_password(url, url), "postgresql://u:***@db.example/lb");
}

TEST(MaskPassword, HidesTheDecodedSpellingAndAPasswordHoldingSlashOrAt) {
    EXPECT_EQ(
        mask_password("password authentication failed: s3cr@t!", "postgres://u:s3cr%40t%21@h/db"),
        "password authentication failed: ***");
    // "u:se/cret@h": libpq reads "u:se" as host and port and quotes the port.
    EXPECT_EQ(mask_password("invalid integer value \"se\" for connection option \"port\"",
                            "postgresql://u:se/cret@h/db"),
              "invalid integer value \"***\" for connection option \"port\"");
    EXPECT_EQ(mask_password("at p@ss@word@host", "postgresql://u:p@ss@word@host/db"),
              "at ***@host");
}

TEST(MaskPassword, HidesKeywordValuesQuotedOrNot) {
    EXPECT_EQ(mask_password("bad: host=/tmp password=hunter2 port=x",
                            "host=/tmp password=hunter2 port=x"),
              "bad: host=/tmp password=*** port=x");
    EXPECT_EQ(mask_password("got 'a b' here", "host=/tmp password='a b' sslmode=bogus"),
              "got '***' here");
    EXPECT_EQ(mask_password("token \"Pw%ZZq\"", "postgresql://u@h/db?password=Pw%ZZq&x=1"),
              "token \"***\"");
}

TEST(MaskPassword, MasksPasswordsInTheMessageWhateverTheConnectionString) {
    EXPECT_EQ(mask_password("tried postgresql://me:topsecret@h/db and password = 'x y'", ""),
              "tried postgresql://me:***@h/db and password = ***");
    EXPECT_EQ(mask_password("connection to server at \"h\" failed: refused", "host=h"),
              "connection to server at \"h\" failed: refused");
}

} // namespace

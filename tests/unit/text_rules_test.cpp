#include "domain/field_validation.hpp"
#include "domain/text_rules.hpp"

#include <gtest/gtest.h>

#include "ropa/error.hpp"

using namespace ropa;
using namespace ropa::detail;

TEST(Utf8, AcceptsWellFormedText) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("Zorgen voor coördinatie in België"));
    EXPECT_TRUE(is_valid_utf8("\u2713 \U0001F600"));
}

TEST(Utf8, RejectsMalformedSequences) {
    EXPECT_FALSE(is_valid_utf8("\xC3"));              // truncated
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong, 3 bytes
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // UTF-16 surrogate
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\x80"));              // lone continuation byte
    EXPECT_FALSE(is_valid_utf8("ok\xFF"));
}

TEST(Utf8, CountsCodePoints) {
    EXPECT_EQ(utf8_length("België"), 6u);
    EXPECT_EQ(utf8_length("\u2713"), 1u);
}

namespace {
Error validation_error(auto&& call) {
    try {
        call();
    } catch (const Error& e) {
        return e;
    }
    return Error(Errc::internal, "no error thrown");
}
}  // namespace

TEST(RequireText, NamesTheFieldAndTheFault) {
    auto e = validation_error([] { require_text("", "purpose.name.nl", 10); });
    EXPECT_EQ(e.code(), Errc::validation);
    EXPECT_EQ(e.field(), "purpose.name.nl");
    EXPECT_NE(std::string(e.what()).find("empty"), std::string::npos);

    e = validation_error([] { require_text("abcdefghijk", "f", 10); });
    EXPECT_NE(std::string(e.what()).find("limit is 10"), std::string::npos);

    e = validation_error([] { require_text("bad\xFF", "f", 100); });
    EXPECT_NE(std::string(e.what()).find("UTF-8"), std::string::npos);

    e = validation_error([] { require_text(std::string("a\0b", 3), "f", 100); });
    EXPECT_NE(std::string(e.what()).find("NUL"), std::string::npos);

    e = validation_error([] { require_text("a\x1b[31mred", "f", 100); });
    EXPECT_NE(std::string(e.what()).find("control"), std::string::npos);

    // C1 controls: U+009B is a terminal's CSI, as ESC [ is.
    e = validation_error([] { require_text("a\xc2\x9b" "31mred", "f", 100); });
    EXPECT_NE(std::string(e.what()).find("C1 control"), std::string::npos);
    e = validation_error([] { require_text("a\xc2\x85", "f", 100); });
    EXPECT_NE(std::string(e.what()).find("C1 control"), std::string::npos);
    // Bidirectional overrides and isolates make a printed name read otherwise than stored.
    for (const char* bidi : {"\xe2\x80\xae", "\xe2\x80\xaa", "\xe2\x81\xa6", "\xe2\x81\xa9"}) {
        e = validation_error([&] { require_text(std::string("invoice") + bidi + "fdp.exe", "f", 100); });
        EXPECT_NE(std::string(e.what()).find("bidirectional"), std::string::npos) << bidi;
    }
    // Names that look empty: no-break, ideographic and zero-width spaces, a BOM.
    for (const char* blank : {" ", " \t\n", "\xc2\xa0\xc2\xa0", "\xe2\x80\x8b", "\xe3\x80\x80", "\xef\xbb\xbf",
                              "\xe2\x80\xaf\xe2\x81\xa0"}) {
        e = validation_error([&] { require_text(blank, "f", 100); });
        EXPECT_NE(std::string(e.what()).find("blank"), std::string::npos) << blank;
    }
    // Right-to-left text and its marks, accents and a no-break space inside a name stay.
    EXPECT_NO_THROW(require_text("\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d\xe2\x80\x8f", "f", 100));
    EXPECT_NO_THROW(require_text("Caf\xc3\xa9\xc2\xa0" "Belge", "f", 100));
    EXPECT_NO_THROW(require_text("line one\nline two\twith tab", "f", 100));
    EXPECT_NO_THROW(require_text("x'); DROP TABLE purpose; --", "f", 100));  // stored literally
}

// BCP 47 (issue: recording real registers): "--lang NL", "--lang nederlands" and
// "--lang xx-yy-zz" were each stored as a language of their own.
TEST(LanguageTags, CanonicalFormOrNothing) {
    using ropa::detail::canonical_language_tag;
    const std::vector<std::pair<std::string, std::string>> canonical{
        {"nl", "nl"},           {"NL", "nl"},       {"fr-be", "fr-BE"},         {"FR-BE", "fr-BE"},
        {"sr-latn-rs", "sr-Latn-RS"}, {"de-CH-1996", "de-CH-1996"}, {"es-419", "es-419"},
        {"gsw", "gsw"},         {"en-x-legal", "en-x-legal"}, {"x-klingon", "x-klingon"},
        // BCP 47 uses the shortest code: the three-letter codes of a two-letter language fold
        {"nld", "nl"},          {"dut", "nl"},      {"FRA", "fr"},              {"fre-BE", "fr-BE"},
        {"deu-CH-1996", "de-CH-1996"}};
    for (const auto& [given, expected] : canonical)
        EXPECT_EQ(canonical_language_tag(given).value_or("<none>"), expected) << given;
    for (const char* bad : {"", "nederlands", "xx", "xx-yy-zz", "n l", "nl-", "-nl", "nl--be", "nl-ZZ", "e",
                            "nl-Latn-BE-x", "toolongtag-toolong-tool-toolong-tool-x", "nl_BE", "qq"})
        EXPECT_FALSE(canonical_language_tag(bad)) << bad;
    // A field holds the canonical form only; the message gives it.
    const auto e = validation_error([] { ropa::detail::require_language_tag("NL", "purpose.name"); });
    EXPECT_EQ(e.field(), "purpose.name");
    EXPECT_NE(std::string(e.what()).find("is written \"nl\""), std::string::npos) << e.what();
    EXPECT_NO_THROW(ropa::detail::require_language_tag("fr-BE", "f"));
}

TEST(RequireCode, AcceptsOnlyStableIdentifierCharacters) {
    EXPECT_NO_THROW(require_code("P01", "code"));
    EXPECT_NO_THROW(require_code("art6-1-e", "code"));
    EXPECT_NO_THROW(require_code("a.b_c-D9", "code"));
    EXPECT_THROW(require_code("", "code"), Error);
    EXPECT_THROW(require_code("has space", "code"), Error);
    EXPECT_THROW(require_code("é", "code"), Error);
    EXPECT_THROW(require_code(std::string(65, 'a'), "code"), Error);
    EXPECT_NO_THROW(require_code(std::string(64, 'a'), "code"));
}

TEST(RequireLocalizedText, ChecksEveryLanguage) {
    LocalizedText text{{"nl", {"Doel", TextStatus::source}}, {"en", {"", TextStatus::unofficial}}};
    auto e = validation_error([&] { require_localized_text(text, "name", 100, true); });
    EXPECT_EQ(e.field(), "name.en");
    EXPECT_THROW(require_localized_text({}, "name", 100, true), Error);
    EXPECT_NO_THROW(require_localized_text({}, "description", 100, false));
    LocalizedText bad_tag{{"n l", {"x", TextStatus::source}}};
    EXPECT_THROW(require_localized_text(bad_tag, "name", 100, true), Error);
}

TEST(RequireCountryCode, IsoAlpha2AndOptionallyEu) {
    EXPECT_NO_THROW(require_country_code("BE", "country", false));
    EXPECT_THROW(require_country_code("be", "country", false), Error);
    EXPECT_THROW(require_country_code("BEL", "country", false), Error);
    EXPECT_THROW(require_country_code("EU", "country", false), Error);
    EXPECT_NO_THROW(require_country_code("EU", "jurisdiction", true));
    // Only assigned codes: not ZZ, not UK (the ISO code is GB), not EL (GR).
    for (const char* unassigned : {"ZZ", "UK", "EL", "AA", "XX"})
        EXPECT_THROW(require_country_code(unassigned, "country", false), Error) << unassigned;
    for (const char* assigned : {"GB", "US", "CH", "XK", "AX", "IN"})
        EXPECT_NO_THROW(require_country_code(assigned, "country", false)) << assigned;
    // A transfer's destination is a third country: an EEA member is refused, naming it.
    const auto e = validation_error([] { require_country_code("NL", "transfer.country", false, true); });
    EXPECT_EQ(e.field(), "transfer.country");
    EXPECT_NE(std::string(e.what()).find("NL is in the EEA"), std::string::npos);
    for (const char* eea : {"NO", "IS", "LI", "RE", "AX"})
        EXPECT_THROW(require_country_code(eea, "transfer.country", false, true), Error) << eea;
    for (const char* third : {"US", "GB", "CH", "IN"})
        EXPECT_NO_THROW(require_country_code(third, "transfer.country", false, true)) << third;
}

TEST(Moments, DatesAndTimesBecomeTheUtcInstantsChangesAreRecordedIn) {
    using ropa::detail::utc_instant;
    EXPECT_EQ(utc_instant("2026-11-23", false), "2026-11-23T00:00:00.000Z");
    EXPECT_EQ(utc_instant("2026-11-23", true), "2026-11-23T23:59:59.999Z");
    EXPECT_EQ(utc_instant("2026-11-23T14:05", false), "2026-11-23T14:05:00.000Z");
    EXPECT_EQ(utc_instant("2026-11-23T14:05:09.5Z", false), "2026-11-23T14:05:09.500Z");
    EXPECT_EQ(utc_instant("2026-11-23T00:30:00+01:00", false), "2026-11-22T23:30:00.000Z");
    EXPECT_EQ(utc_instant("2026-12-31T23:30:00-01:00", false), "2027-01-01T00:30:00.000Z");
    for (const char* bad : {"2026-02-30", "2026-13-01", "yesterday", "2026-11-23T24:00", "2026-11-23T12:60",
                            "2026-11-23T12:00+1", "2026-11-23T12:00:00.Z", "2026-11-23X12:00", "26-11-23"})
        EXPECT_FALSE(utc_instant(bad, false)) << bad;
}

TEST(EmailAddresses, NeedOneAtAndADomainWithADot) {
    using ropa::detail::is_email_address;
    for (const char* good : {"dpo@example.org", "a.b+c@sub.example.be", "x@y.z"})
        EXPECT_TRUE(is_email_address(good)) << good;
    for (const char* bad : {"not-an-address", "@example.org", "dpo@", "dpo@example", "dpo@.org", "dpo@example.",
                            "a@b@example.org", "dpo @example.org", "dpo@exa\tmple.org"})
        EXPECT_FALSE(is_email_address(bad)) << bad;
}

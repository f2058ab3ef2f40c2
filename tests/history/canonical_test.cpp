// The canonical encoding that seals each change, and its hash computed piece by piece.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "history/canonical.hpp"
#include "history/sha256.hpp"
#include "ropa/error.hpp"

using namespace ropa;
using namespace ropa::detail;

namespace {

const ChangeHeader small_header{7, "2026-01-02T03:04:05.000Z", "dpo", "why", ""};
const std::vector<RowEffect> small_effects{
    {"purpose", "3", std::nullopt, R"({"id":3})"},
    {"purpose", "4", R"({"id":4})", std::nullopt},
};

std::string hash_piece_by_piece(const ChangeHeader& header, const std::vector<RowEffect>& effects) {
    ChangeHasher hasher(header, effects.size());
    for (const auto& effect : effects)
        hasher.add(effect);
    return hasher.hex_digest();
}

}  // namespace

TEST(Sha256, KnownAnswersWholeAndPieceByPiece) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    Sha256 pieces;
    pieces.update("a");
    pieces.update("");
    pieces.update("bc");
    EXPECT_EQ(pieces.hex_digest(), sha256_hex("abc"));
}

// The bytes docs/versioning.md specifies. Every register's chain was sealed over exactly these
// bytes, so they can never change under the same "ropa-change-1" prefix.
TEST(CanonicalEncoding, IsTheSpecifiedNetstrings) {
    EXPECT_EQ(canonical_encoding(small_header, small_effects),
              "ropa-change-1" "1:7," "24:2026-01-02T03:04:05.000Z," "3:dpo," "3:why," "0:," "1:2,"
              "7:purpose," "1:3," "-" R"(8:{"id":3},)"
              "7:purpose," "1:4," R"(8:{"id":4},)" "-");
}

TEST(ChangeHasher, HashesTheCanonicalEncoding) {
    // the expected digest comes from another implementation (Python's hashlib) over the bytes above
    EXPECT_EQ(hash_piece_by_piece(small_header, small_effects),
              "eed267b0da6488d6d947eb6f8718b58da45c267231c004e9559b5a7ec3218ddf");
    EXPECT_EQ(hash_piece_by_piece(small_header, small_effects), sha256_hex(canonical_encoding(small_header, small_effects)));
}

TEST(ChangeHasher, AChangeLargerThanOnePieceHashesAsTheWholeEncoding) {
    // ~640 KB of effects: the hasher flushes about ten 64 KB pieces, one effect straddling each edge
    std::vector<RowEffect> effects;
    for (int i = 0; i < 640; ++i) {
        const std::string image = R"({"id":)" + std::to_string(i) + R"(,"note":")" + std::string(1000 + i % 7, 'x') + "\"}";
        effects.push_back({"processing_activity", std::to_string(i), i % 3 == 0 ? std::optional<std::string>() : image,
                           i % 5 == 0 ? std::optional<std::string>() : image});
    }
    const ChangeHeader header{42, "2026-11-24T20:00:00.000Z", "importer", "import a large file", std::string(64, 'a')};
    const auto whole = canonical_encoding(header, effects);
    ASSERT_GT(whole.size(), 10u * 64 * 1024);
    EXPECT_EQ(hash_piece_by_piece(header, effects), sha256_hex(whole));
    // and a single changed byte anywhere changes it
    effects[321].row_key = "322";
    EXPECT_NE(hash_piece_by_piece(header, effects), sha256_hex(whole));
}

TEST(ChangeHasher, RefusesAnEncodingWhoseCountDisagreesWithItsEffects) {
    ChangeHasher hasher(small_header, 3);
    for (const auto& effect : small_effects)
        hasher.add(effect);
    try {
        hasher.hex_digest();
        FAIL() << "a change hashed with a wrong effect count";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), Errc::internal);
    }
}

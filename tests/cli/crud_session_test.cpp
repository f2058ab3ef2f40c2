// A DPO's session with the CLI, compared with a reviewed transcript (golden file). After
// every refused command the register file must be byte for byte what it was.

#include <gtest/gtest.h>

#include "test_support.hpp"

using ropa::test::read_file;
using ropa::test::run_ropa;
using ropa::test::TempDir;

namespace {

struct Step {
    std::vector<std::string> args;
    int expected_status;
};

const std::vector<Step> session{
    {{"init", "--seed", "ccb-annex"}, 0},
    {{"controller", "edit", "--dpo-name", "Jan Peeters", "--dpo-email", "dpo@example.be", "-m", "DPO designated"}, 0},
    {{"subject", "add", "visitors", "--name", "Bezoekers", "--lang", "nl", "-m", "visitors of the building"}, 0},
    {{"recipient", "add", "security-firm", "--name", "Security contractor", "--kind", "processor"}, 0},
    {{"measure", "add", "cctv-access", "--type", "access-control", "--name", "Footage viewed by two named staff"}, 0},
    {{"activity", "add", "A-VISIT", "--name", "Visitor reception", "--category", "video-surveillance"}, 4},
    {{"activity", "add", "A-VISIT", "--name", "Visitor reception and building surveillance", "--status", "active",
      "--start-date", "2024-01-01", "--purpose", "P52", "--basis", "art6-1-e", "--category", "identification",
      "--category", "video-surveillance", "--subject", "visitors", "--recipient", "security-firm", "--measure",
      "cctv-access", "-m", "record visitor reception"},
     0},
    {{"retention", "add", "--activity", "A-VISIT", "--data-category", "video-surveillance", "--duration-value", "1",
      "--duration-unit", "month", "--trigger", "recording"},
     0},
    {{"retention", "add", "--activity", "A-VISIT", "--data-category", "identification", "--duration-value", "1"}, 3},
    {{"retention", "add", "--activity", "A-VISIT", "--data-category", "identification", "--criteria",
      "until the visitor log is closed each year"},
     0},
    {{"link", "activity-category", "A-VISIT", "sanctions"}, 4},
    {{"unlink", "purpose-category", "P52", "video-surveillance"}, 4},
    {{"purpose", "rm", "P52"}, 4},
    {{"activity", "edit", "A-VISIT", "--end-date", "2026-02-30"}, 3},
    {{"activity", "edit", "A-VISIT", "--end-date", "2023-12-31"}, 3},
    {{"activity", "edit", "A-VISIT", "--owner", "Facility management", "--expect-revision", "7"}, 6},
    {{"activity", "edit", "A-VISIT", "--owner", "Facility management", "--expect-revision", "1"}, 0},
    {{"activity", "edit", "A-VISIT", "--name", "Invalid \xff byte"}, 3},
    {{"transfer", "add", "US-CLOUD", "--country", "US"}, 4},
    {{"transfer", "add", "US-CLOUD", "--country", "US", "--transfer-tool", "art46-2-c"}, 0},
    {{"processor", "rm", "nobody"}, 5},
    {{"activity", "show", "A-VISIT"}, 0},
    {{"activity", "list"}, 0},
    {{"category", "list", "--purpose", "P52", "--lang", "en"}, 0},
    {{"purpose", "list", "--search", "websites", "--lang", "en"}, 0},
    {{"retention", "list"}, 0},
    {{"check"}, 0},
};

}  // namespace

TEST(CliSession, MatchesTheReviewedTranscriptAndRefusalsChangeNothing) {
    TempDir dir;
    std::string transcript;
    for (const auto& step : session) {
        std::string command = "$ ropa";
        for (auto arg : step.args) {
            for (std::size_t at; (at = arg.find('\xff')) != std::string::npos;)
                arg.replace(at, 1, "\\xff");  // keep the transcript valid UTF-8
            command += " " + (arg.find(' ') == std::string::npos ? arg : "'" + arg + "'");
        }
        const auto before = std::filesystem::exists(dir / "ropa.db") ? read_file(dir / "ropa.db") : "";
        const auto result = run_ropa(dir.path(), step.args, {"ROPA_ACTOR=dpo"});
        EXPECT_EQ(result.status, step.expected_status) << command << "\n" << result.err;
        if (step.expected_status != 0) {
            EXPECT_EQ(read_file(dir / "ropa.db"), before) << command << " was refused but changed the register";
        }
        transcript += command + "\n" + result.out + result.err + "[exit " + std::to_string(result.status) + "]\n\n";
    }
    const auto golden = std::filesystem::path(ROPA_SOURCE_DIR) / "tests/cli/golden/crud_session.txt";
    if (std::getenv("ROPA_UPDATE_GOLDEN"))
        ropa::test::write_file(golden, transcript);
    EXPECT_EQ(transcript, read_file(golden)) << "to review a deliberate change: ROPA_UPDATE_GOLDEN=1, then git diff";
}

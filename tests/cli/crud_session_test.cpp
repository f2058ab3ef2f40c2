// A DPO's session with the CLI, compared with a reviewed transcript (golden file). After
// every refused command the register file must be byte for byte what it was.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

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
    {{"subject", "add", "visitors", "--name", "Bezoekers", "--lang", "nl"}, 2},
    {{"subject", "add", "visitors", "--name", "Bezoekers", "--lang", "nl", "-m", "visitors of the building"}, 0},
    {{"recipient", "add", "security-firm", "--name", "Security contractor", "--kind", "processor", "-m", "guards"}, 0},
    {{"measure", "add", "cctv-access", "--type", "access-control", "--name", "Footage viewed by two named staff", "-m",
      "CCTV access rule"},
     0},
    // Approved at once (--status active), the rules hold: refused, nothing written.
    {{"activity", "add", "A-VISIT", "--name", "Visitor reception", "--status", "active", "--category",
      "video-surveillance", "-m", "try"},
     4},
    // A draft records reality as it is, broken rules included; check names each break; approval
    // is refused until they are mended, then records who approved it, and when.
    {{"activity", "add", "A-BADGE", "--name", "Badge photos", "--category", "video-surveillance", "-m",
      "as the facility team describes it"},
     0},
    {{"activity", "approve", "A-BADGE", "-m", "try"}, 4},
    {{"activity", "edit", "A-BADGE", "--status", "in_review", "-m", "sent to the DPO"}, 0},
    {{"activity", "rm", "A-BADGE", "-m", "merged into the visitor reception"}, 0},
    {{"activity", "add", "A-VISIT", "--name", "Visitor reception and building surveillance", "--status", "active",
      "--start-date", "2024-01-01", "--purpose", "P52", "--basis", "art6-1-e", "--category", "identification",
      "--category", "video-surveillance", "--subject", "visitors", "--recipient", "security-firm", "--measure",
      "cctv-access", "--next-review-date", "2049-06-30", "-m", "record visitor reception"},
     0},
    {{"retention", "add", "--activity", "A-VISIT", "--data-category", "video-surveillance", "--duration-value", "1",
      "--duration-unit", "month", "--trigger", "recording", "-m", "camera law: one month"},
     0},
    {{"retention", "add", "--activity", "A-VISIT", "--data-category", "identification", "--duration-value", "1", "-m",
      "x"},
     3},
    {{"retention", "add", "--activity", "A-VISIT", "--data-category", "identification", "--criteria",
      "until the visitor log is closed each year", "-m", "visitor log"},
     0},
    {{"tag", "sent-to-apd", "-m", "copy sent to the authority"}, 0},
    {{"link", "activity-category", "A-VISIT", "sanctions", "-m", "try"}, 4},
    {{"unlink", "purpose-category", "P52", "video-surveillance", "-m", "try"}, 4},
    {{"purpose", "rm", "P52", "-m", "try"}, 4},
    {{"activity", "edit", "A-VISIT", "--end-date", "2026-02-30", "-m", "try"}, 3},
    {{"activity", "edit", "A-VISIT", "--end-date", "2023-12-31", "-m", "try"}, 3},
    {{"activity", "edit", "A-VISIT", "--owner", "Facility management", "--expect-revision", "7", "-m", "try"}, 6},
    {{"activity", "edit", "A-VISIT", "--owner", "Facility management", "--expect-revision", "1", "-m", "owner named"},
     0},
    {{"activity", "edit", "A-VISIT", "--name", "Invalid \xff byte", "-m", "try"}, 3},
    {{"--at", "sent-to-apd", "activity", "edit", "A-VISIT", "--owner", "x", "-m", "try"}, 2},
    // A transfer is recorded as it is; an approved activity cannot use it without a tool.
    {{"transfer", "add", "US-CLOUD", "--country", "US", "-m", "hosting in the US, tool being negotiated"}, 0},
    {{"link", "activity-transfer", "A-VISIT", "US-CLOUD", "-m", "try"}, 4},
    {{"transfer", "edit", "US-CLOUD", "--transfer-tool", "art46-2-c", "-m", "standard clauses signed"}, 0},
    {{"processor", "rm", "nobody", "-m", "try"}, 5},
    {{"activity", "show", "A-VISIT"}, 0},
    {{"activity", "list"}, 0},
    {{"category", "list", "--purpose", "P52", "--lang", "en"}, 0},
    {{"purpose", "list", "--search", "websites", "--lang", "en"}, 0},
    {{"retention", "list"}, 0},
    {{"check"}, 0},
    // A warning known and accepted stays in the record with its reason; an error cannot be.
    {{"acknowledge", "art6-3-law-missing", "activity:A-VISIT", "-m",
      "the reception of visitors rests on the CCB's public task; the act is being identified"},
     0},
    {{"acknowledge", "art6-3-law-missing", "activity:NOPE", "-m", "try"}, 5},
    {{"acknowledge", "legal-basis-missing", "activity:A-VISIT", "-m", "try"}, 5},
    {{"check"}, 0},
    {{"acknowledgements"}, 0},
    {{"log", "--entity", "activity:A-VISIT"}, 0},
    {{"diff", "sent-to-apd"}, 0},
    {{"--at", "sent-to-apd", "activity", "show", "A-VISIT"}, 0},
    {{"tag", "sent-to-apd", "-m", "again"}, 6},
    {{"tags"}, 0},
    {{"revert", "{change:owner named}", "-m", "the owner was right before"}, 0},
    {{"activity", "show", "A-VISIT", "--json"}, 0},
    {{"verify"}, 0},
};

}  // namespace

TEST(CliSession, MatchesTheReviewedTranscriptAndRefusalsChangeNothing) {
    TempDir dir;
    std::string transcript;
    for (auto step : session) {
        // {change:REASON} stands for the id of the change made for that reason, so that the
        // session does not hard-code ids that move whenever a step is added before it.
        for (auto& arg : step.args)
            if (arg.rfind("{change:", 0) == 0) {
                const auto reason = arg.substr(8, arg.size() - 9);
                for (const auto& change : nlohmann::json::parse(run_ropa(dir.path(), {"log", "--json"}).out))
                    if (change["reason"] == reason)
                        arg = std::to_string(change["id"].get<std::int64_t>());
                ASSERT_EQ(arg.find('{'), std::string::npos) << "no change made for " << reason;
            }
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
        transcript += command + "\n" + ropa::test::mask_clock(result.out + result.err) + "[exit " + std::to_string(result.status) +
                      "]\n\n";
    }
    const auto golden = std::filesystem::path(ROPA_SOURCE_DIR) / "tests/cli/golden/crud_session.txt";
    if (std::getenv("ROPA_UPDATE_GOLDEN"))
        ropa::test::write_file(golden, transcript);
    EXPECT_EQ(transcript, read_file(golden)) << "to review a deliberate change: ROPA_UPDATE_GOLDEN=1, then git diff";
}

// Every entity through the CLI: add, show, edit, list, rm, compared with a reviewed
// transcript (golden file).

#include <gtest/gtest.h>

#include "test_support.hpp"

using ropa::test::read_file;
using ropa::test::run_ropa;
using ropa::test::TempDir;

namespace {

struct EntitySteps {
    std::string noun;
    std::vector<std::string> add;   // after "ropa NOUN add"
    std::string ref;                // how to name it afterwards
    std::vector<std::string> edit;  // after "ropa NOUN edit REF"
};

const std::vector<EntitySteps> every_entity{
    {"party", {"CLIENT", "--name", "Client SA", "--country", "FR"}, "CLIENT", {"--contact", "privacy@client.fr"}},
    {"processor", {"HOST", "--name", "Host NV", "--contract-date", "2024-02-29"}, "HOST", {"--contract-reference", "DPA-7"}},
    {"basis", {"be-law-art5", "--article", "Art. 5 Example Act", "--kind", "lawfulness", "--name", "Example basis"},
     "be-law-art5", {"--name", "Example basis, amended"}},
    {"tool", {"adhoc", "--article", "Art. 46(3)(a) GDPR", "--name", "Ad hoc clauses"}, "adhoc",
     {"--requires-safeguards-documentation", "false"}},
    {"source", {"EX-ACT", "--title", "Example Act", "--jurisdiction", "BE"}, "EX-ACT", {"--article", "Art. 5"}},
    {"group", {"G1", "--name", "Own purposes"}, "G1", {"--provenance", "the DPO"}},
    {"purpose", {"HR", "--name", "Staff administration", "--group", "G1"}, "HR", {"--description", "Payroll and leave"}},
    {"category", {"IDENT", "--name", "Identification data"}, "IDENT", {"--is-special", "false"}},
    {"subject", {"STAFF", "--name", "Employees"}, "STAFF", {"--description", "Including trainees"}},
    {"recipient", {"BANK", "--name", "Banks", "--kind", "external"}, "BANK", {"--location", "eea"}},
    {"transfer", {"CH", "--country", "CH", "--transfer-tool", "art45"}, "CH", {"--safeguards-documentation", "n/a"}},
    {"measure-type", {"audit", "--name", "Yearly audit"}, "audit", {"--article", "Art. 32(1)(d) GDPR"}},
    {"measure", {"BACKUP", "--type", "backup", "--name", "Nightly backups"}, "BACKUP", {"--description", "Kept 30 days"}},
    {"activity", {"PAY", "--name", "Payroll", "--purpose", "HR"}, "PAY", {"--owner", "HR"}},
    {"retention", {"--activity", "PAY", "--criteria", "until the end of the contract"}, "#1",
     {"--justification", "tax law"}},
    {"controller", {"--name", "Example Ltd", "--email", "privacy@example.org"}, "", {"--dpo-email", "dpo@example.org"}},
};

}  // namespace

TEST(CliEveryEntity, AddShowEditListRemoveMatchTheReviewedTranscript) {
    TempDir dir;
    std::string transcript;
    auto step = [&](std::vector<std::string> args, int expected) {
        const auto result = run_ropa(dir.path(), args, {"ROPA_ACTOR=dpo"});
        std::string command = "$ ropa";
        for (const auto& arg : args)
            command += " " + (arg.find(' ') == std::string::npos ? arg : "'" + arg + "'");
        EXPECT_EQ(result.status, expected) << command << "\n" << result.err;
        transcript += command + "\n" + ropa::test::mask_clock(result.out + result.err) + "[exit " + std::to_string(result.status) +
                      "]\n\n";
    };
    step({"init"}, 0);
    for (const auto& e : every_entity) {
        auto add = std::vector<std::string>{e.noun, "add"};
        add.insert(add.end(), e.add.begin(), e.add.end());
        add.insert(add.end(), {"-m", "add " + e.noun});
        step(add, 0);
        auto show = std::vector<std::string>{e.noun, "show"};
        if (!e.ref.empty())
            show.push_back(e.ref);
        step(show, 0);
        auto edit = std::vector<std::string>{e.noun, "edit"};
        if (!e.ref.empty())
            edit.push_back(e.ref);
        edit.insert(edit.end(), e.edit.begin(), e.edit.end());
        edit.insert(edit.end(), {"-m", "edit " + e.noun});
        step(edit, 0);
        step({e.noun, "list"}, 0);
    }
    // Removal in reverse order, so that nothing is still in use; the controller stays.
    for (auto it = every_entity.rbegin(); it != every_entity.rend(); ++it)
        if (it->noun != "controller")
            step({it->noun, "rm", it->ref, "-m", "remove " + it->noun}, 0);
    step({"log", "--entity", "activity:PAY"}, 0);
    step({"verify"}, 0);
    const auto golden = std::filesystem::path(ROPA_SOURCE_DIR) / "tests/cli/golden/every_entity.txt";
    if (std::getenv("ROPA_UPDATE_GOLDEN"))
        ropa::test::write_file(golden, transcript);
    EXPECT_EQ(transcript, read_file(golden)) << "review with ROPA_UPDATE_GOLDEN=1, then git diff";
}

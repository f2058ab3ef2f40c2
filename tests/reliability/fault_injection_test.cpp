// I/O faults, as SQLite tests itself (issue: reliability): the Nth write, fsync or read of a
// command fails (tests/fault/fault_shim.c, preloaded), looped over N. Whatever N, the command
// either completes, or answers with a clean error and leaves the register as it was; and the
// register verifies afterwards.
//
// Every N is tried when a command makes few calls of a kind; otherwise N is sampled evenly
// (first and last always), so the whole suite stays quick. ROPA_FAULT_EXHAUSTIVE=1 tries every
// N (scripts/fault-exhaustive.sh; docs/reliability.md has the figures).

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "register_builders.hpp"
#include "ropa/export.hpp"
#include "ropa/register.hpp"
#include "test_support.hpp"

using namespace ropa;
using ropa::test::read_file;
using ropa::test::run_ropa;
using ropa::test::TempDir;

namespace {

/// What a user can see of a register, in short: the size and a hash of its content (the JSON
/// export without its version stamp) and the names of its tags; "" when there is none.
std::string observed(const std::filesystem::path& dir, const std::string& db) {
    if (!std::filesystem::exists(dir / db))
        return "";
    const auto exported = run_ropa(dir, {"--db", db, "export", "-f", "json"});
    if (exported.status != 0)
        return "unreadable: " + exported.err;
    auto doc = nlohmann::json::parse(exported.out);
    doc.erase("version");
    const auto content = doc.dump();
    std::string tags;
    std::istringstream lines(run_ropa(dir, {"--db", db, "tags"}).out);
    for (std::string line; std::getline(lines, line);)
        tags += " " + line.substr(0, line.find(' '));
    return std::to_string(content.size()) + " bytes, hash " + std::to_string(std::hash<std::string>{}(content)) +
           ", tags:" + tags;
}

struct Command {
    std::string name;
    std::string db;                 // the register it works on, copied from `pristine` (or none)
    std::filesystem::path pristine;  // empty: the command creates the register
    std::vector<std::string> args;
    std::string output;  // a file the command writes, to check it is whole or absent
    /// Made of several transactions (migrate: one per level): a refusal may leave the register
    /// at a whole step, never between two.
    bool in_steps = false;
};

class FaultInjection : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        work_ = new TempDir;
        auto reg = Register::create(*work_ / "pristine.ropa");
        reg.apply_seed("ccb-annex", ropa::test::change);
        ropa::test::build_complete_register_on_seed(reg);
        // The file import --replace loads: the same register with one purpose renamed.
        std::ostringstream out;
        export_record(reg, {ExportFormat::json, ""}, out);
        auto doc = nlohmann::ordered_json::parse(out.str());
        doc["purposes"][0]["name"] = {{"en", "Renamed purpose"}};
        ropa::test::write_file(*work_ / "import.json", doc.dump(2));
    }
    static void TearDownTestSuite() {
        delete work_;
        work_ = nullptr;
    }

    /// Runs `command` with the `n`th call of `op` failing (0: none fails), in a fresh folder
    /// holding a copy of its register; returns the result and how many calls of `op` it made.
    std::pair<ropa::test::RunResult, long> run_with_fault(const Command& command, const std::string& op, long n,
                                                          const std::filesystem::path& folder) {
        std::filesystem::remove_all(folder);
        std::filesystem::create_directories(folder);
        if (!command.pristine.empty())
            std::filesystem::copy_file(command.pristine, folder / command.db);
        std::filesystem::copy_file(*work_ / "import.json", folder / "import.json");
        std::vector<std::string> args{"--db", command.db, "--actor", "faults"};
        args.insert(args.end(), command.args.begin(), command.args.end());
        const auto count_file = folder.parent_path() / "count";
        const auto result = run_ropa(folder, args,
                                     {"LD_PRELOAD=" ROPA_FAULT_SHIM, "ROPA_FAULT_OP=" + op,
                                      "ROPA_FAULT_AT=" + std::to_string(n), "ROPA_FAULT_COUNT=" + count_file.string(),
                                      // a sanitizer build must accept the shim loaded before its runtime
                                      "ASAN_OPTIONS=verify_asan_link_order=0:detect_leaks=0"});
        long calls = -1;
        std::ifstream(count_file) >> calls;
        return {result, calls};
    }

    void check(const Command& command) {
        const bool exhaustive = std::getenv("ROPA_FAULT_EXHAUSTIVE") != nullptr;
        const auto base = work_->path() / command.name;
        // The register before, and after a run without faults.
        const auto before_dir = base / "before";
        std::filesystem::create_directories(before_dir);
        if (!command.pristine.empty())
            std::filesystem::copy_file(command.pristine, before_dir / command.db,
                                       std::filesystem::copy_options::overwrite_existing);
        const auto before = observed(before_dir, command.db);
        const auto before_bytes = command.pristine.empty() ? std::string() : read_file(command.pristine);
        std::size_t runs = 0, completed = 0, refused = 0;
        for (const std::string op : {"write", "fsync", "read"}) {
            const auto [clean, calls] = run_with_fault(command, op, 0, base / "run");
            ASSERT_EQ(clean.status, 0) << command.name << ": " << clean.err;
            ASSERT_GT(calls, 0) << command.name << " made no " << op << " call the shim saw";
            const auto after = observed(base / "run", command.db);
            const auto whole_output = command.output.empty() ? std::string() : read_file(base / "run" / command.output);
            std::set<long> points{1, calls};
            const long samples = exhaustive ? calls : std::min<long>(calls, 12);
            for (long i = 0; i < samples; ++i)
                points.insert(1 + i * (calls - 1) / std::max<long>(samples - 1, 1));
            for (const long n : points) {
                const auto folder = base / "run";
                const auto [result, ignored] = run_with_fault(command, op, n, folder);
                const std::string where = command.name + ", " + op + " #" + std::to_string(n) + " of " +
                                          std::to_string(calls) + ": exit " + std::to_string(result.status) + " " +
                                          result.err.substr(0, 300);
                ++runs;
                EXPECT_LT(result.status, 64) << where;  // no internal error (70), no signal (128+)
                const auto now = observed(folder, command.db);
                if (result.status == 0) {
                    ++completed;
                    EXPECT_EQ(now, after) << where;
                    if (!command.output.empty()) {
                        EXPECT_EQ(read_file(folder / command.output), whole_output) << where;
                    }
                } else {
                    ++refused;
                    EXPECT_EQ(result.err.rfind("ropa: error: ", 0), 0u) << where;
                    // A refused command changes nothing: the register says what it said (a
                    // register being created may be left at a whole schema level, or not at all).
                    if (!command.pristine.empty() && !command.in_steps) {
                        EXPECT_EQ(now, before) << where;
                        EXPECT_EQ(read_file(folder / command.db), before_bytes) << where;
                    }
                    if (!command.output.empty()) {
                        EXPECT_FALSE(std::filesystem::exists(folder / command.output)) << where;
                    }
                }
                if (std::filesystem::exists(folder / command.db)) {
                    const auto verified = run_ropa(folder, {"--db", command.db, "verify"});
                    if (verified.status == 9) {  // a register created or migrated part way
                        EXPECT_EQ(run_ropa(folder, {"--db", command.db, "migrate"}).status, 0) << where;
                    } else {
                        EXPECT_EQ(verified.status, 0) << where << "\n" << verified.out << verified.err;
                    }
                }
            }
        }
        std::printf("[ faults   ] %s: %zu runs, %zu completed, %zu refused cleanly, 0 registers changed by a "
                    "refusal\n",
                    command.name.c_str(), runs, completed, refused);
    }

    static TempDir* work_;
};

TempDir* FaultInjection::work_ = nullptr;

}  // namespace

TEST_F(FaultInjection, InitWithSeed) { check({"init", "new.ropa", {}, {"init", "--seed", "ccb-annex"}, ""}); }

TEST_F(FaultInjection, ActivityAdd) {
    check({"activity-add", "reg.ropa", *work_ / "pristine.ropa",
           {"activity", "add", "NEW", "--name", "New activity", "--purpose", "P58", "--category", "identification", "-m", "faults"}, ""});
}

TEST_F(FaultInjection, ImportReplace) {
    check({"import-replace", "reg.ropa", *work_ / "pristine.ropa",
           {"import", "import.json", "--replace", "-m", "faults"}, ""});
}

TEST_F(FaultInjection, Tag) {
    check({"tag", "reg.ropa", *work_ / "pristine.ropa", {"tag", "sent-to-apd", "-m", "faults"}, ""});
}

TEST_F(FaultInjection, Migrate) {
    check({"migrate", "old.ropa", std::filesystem::path(ROPA_SOURCE_DIR) / "tests/fixtures/level1.ropa",
           {"migrate"}, "", true});
}

TEST_F(FaultInjection, Export) {
    check({"export", "reg.ropa", *work_ / "pristine.ropa", {"export", "-f", "json", "-o", "out.json"}, "out.json"});
    check({"export-xlsx", "reg.ropa", *work_ / "pristine.ropa", {"export", "-f", "xlsx", "-o", "out.xlsx"}, ""});
}

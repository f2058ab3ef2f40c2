// Crash harness: a large import (one change) is killed with SIGKILL at 100 random moments.
// After each kill the register must pass integrity_check and verify, and equal exactly the
// state before the import or the state after it, never anything in between.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../bench/generate.hpp"
#include "ropa/export.hpp"
#include "ropa/register.hpp"
#include "test_support.hpp"

using namespace ropa;
using ropa::test::TempDir;

namespace {

std::string record_without_version(const Register& reg) {
    std::ostringstream out;
    export_record(reg, {ExportFormat::json, ""}, out);
    auto doc = nlohmann::ordered_json::parse(out.str());
    doc.erase("version");
    return doc.dump();
}

}  // namespace

TEST(Crash, KilledImportsLeaveTheRegisterBeforeOrAfterNeverBetween) {
    TempDir dir;
    // The file to import: a register of 300 activities with all their links and retention.
    ropa::bench::generate_register(dir / "source.ropa", 300);
    {
        auto source = Register::open(dir / "source.ropa", {.mode = OpenMode::read_only});
        std::ostringstream out;
        export_record(source, {ExportFormat::json, ""}, out);
        ropa::test::write_file(dir / "import.json", out.str());
    }
    // The states before and after, and how long a whole import takes.
    const auto base = dir / "base.ropa";
    Register::create(base).apply_seed("ccb-annex", {"test", "base"});
    const std::string before = record_without_version(Register::open(base, {.mode = OpenMode::read_only}));
    // The longer of two whole imports: under load (CTest runs tests in parallel) a killed
    // import can be slower than one calibration run, and kill points must still reach its end.
    std::chrono::steady_clock::duration full{};
    for (int run = 0; run < 2; ++run) {
        std::filesystem::remove(dir / "complete.ropa");
        std::filesystem::copy_file(base, dir / "complete.ropa");
        const auto started = std::chrono::steady_clock::now();
        ASSERT_EQ(ropa::test::run_ropa(dir.path(),
                                       {"--db", "complete.ropa", "import", "import.json", "--replace", "-m", "x"},
                                       {"ROPA_ACTOR=test"})
                      .status,
                  0);
        full = std::max(full, std::chrono::steady_clock::now() - started);
    }
    const std::string after = record_without_version(Register::open(dir / "complete.ropa", {.mode = OpenMode::read_only}));
    ASSERT_NE(before, after);

    std::mt19937 random(1123);
    const auto full_us = std::chrono::duration_cast<std::chrono::microseconds>(full).count();
    int saw_before = 0, saw_after = 0;
    constexpr int kills = 100;
    for (int k = 0; k < kills; ++k) {
        const auto victim = dir / "victim.ropa";
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(victim.string() + suffix);
        std::filesystem::copy_file(base, victim);
        const pid_t pid = fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            const std::string db = victim.string(), file = (dir / "import.json").string();
            ::setenv("ROPA_ACTOR", "test", 1);
            execl(ROPA_CLI_PATH, "ropa", "--db", db.c_str(), "import", file.c_str(), "--replace", "-m", "killed",
                  static_cast<char*>(nullptr));
            _exit(127);
        }
        // anywhere from start-up to past the end of a whole import (a kill after the end finds
        // the state after, as a kill between the commit and the exit does)
        std::this_thread::sleep_for(std::chrono::microseconds(random() % (full_us + full_us / 2 + 1)));
        ::kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);

        auto reg = Register::open(victim, {.mode = OpenMode::read_only});
        const auto report = reg.verify();  // includes integrity_check and foreign_key_check
        ASSERT_TRUE(report.ok()) << "kill " << k << ": " << report.problems.front();
        const std::string state = record_without_version(reg);
        if (state == before)
            ++saw_before;
        else if (state == after)
            ++saw_after;
        else
            FAIL() << "kill " << k << " left a state between before and after";
    }
    EXPECT_EQ(saw_before + saw_after, kills);
    // Both outcomes occur, or the kill points did not spread over the write.
    EXPECT_GT(saw_before, 0);
    EXPECT_GT(saw_after, 0);
    std::printf("crash harness: %d kills, %d left the state before, %d after, none in between\n", kills, saw_before,
                saw_after);
}

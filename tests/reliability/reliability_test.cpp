// Reliability: concurrent writers, and reading a register the user cannot write.

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <SQLiteCpp/Database.h>

#include "register_builders.hpp"
#include "ropa/register.hpp"
#include "test_support.hpp"

using namespace ropa;
using ropa::test::TempDir;

TEST(Concurrency, FourProcessesEachMaking500ChangesLoseNothing) {
    TempDir dir;
    const auto path = dir / "shared.ropa";
    {
        auto reg = Register::create(path);
        ropa::test::build_complete_register(reg);
    }
    constexpr int writers = 4, changes_each = 500;
    std::vector<pid_t> children;
    for (int w = 0; w < writers; ++w) {
        const pid_t pid = fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            int failures = 0;
            try {
                auto reg = Register::open(path);
                for (int i = 0; i < changes_each; ++i) {
                    try {
                        reg.create(EntityKind::data_subject, "W" + std::to_string(w) + "-" + std::to_string(i),
                                   {{"name", ropa::test::en("Subjects of writer " + std::to_string(w))}},
                                   {"writer" + std::to_string(w), "concurrency test"});
                    } catch (const Error& e) {
                        std::fprintf(stderr, "writer %d: %s\n", w, e.what());
                        ++failures;
                    }
                }
            } catch (const std::exception& e) {
                std::fprintf(stderr, "writer %d could not open the register: %s\n", w, e.what());
                ++failures;
            }
            _exit(failures == 0 ? 0 : 1);
        }
        children.push_back(pid);
    }
    for (pid_t pid : children) {
        int status = 0;
        waitpid(pid, &status, 0);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "a writer saw an error (database locked?)";
    }
    auto reg = Register::open(path, {.mode = OpenMode::read_only});
    EXPECT_EQ(reg.list(EntityKind::data_subject).size(), 1u + writers * changes_each);
    EXPECT_EQ(reg.log().size(), 2u + writers * changes_each);  // history begins, the complete register
    const auto report = reg.verify();
    EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
}

TEST(ReadOnly, EveryReadingCommandWorksOnARegisterTheUserCannotWrite) {
    TempDir dir;
    ::chmod(dir.path().c_str(), 0755);
    auto ok = ropa::test::run_ropa(dir.path(), {"init", "--seed", "ccb-annex"});
    ASSERT_EQ(ok.status, 0);
    ::chmod((dir / "ropa.db").c_str(), 0444);
    ::chmod(dir.path().c_str(), 0555);  // no -shm can be created beside it
    // As root permissions do not apply: run the reads as an unprivileged user.
    std::vector<std::string> prefix;
    if (::geteuid() == 0) {
        if (std::system("command -v runuser >/dev/null 2>&1") != 0)
            GTEST_SKIP() << "running as root without runuser";
        prefix = {"runuser", "-u", "nobody", "--"};
    }
    auto run_as_reader = [&](std::vector<std::string> args) {
        std::string command = "cd " + ropa::test::shell_quote(dir.path().string()) + " &&";
        for (const auto& word : prefix)
            command += " " + word;
        command += " " + ropa::test::shell_quote(ROPA_CLI_PATH) + " --read-only";
        for (const auto& arg : args)
            command += " " + ropa::test::shell_quote(arg);
        command += " >/dev/null 2>&1";
        const int raw = std::system(command.c_str());
        return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    };
    EXPECT_EQ(run_as_reader({"info"}), 0);
    EXPECT_EQ(run_as_reader({"matrix"}), 0);
    EXPECT_EQ(run_as_reader({"purpose", "list"}), 0);
    EXPECT_EQ(run_as_reader({"purpose", "show", "P01"}), 0);
    EXPECT_EQ(run_as_reader({"check"}), 1);  // the seeded annex has one error: no DPO
    EXPECT_EQ(run_as_reader({"verify"}), 0);
    EXPECT_EQ(run_as_reader({"log"}), 0);
    EXPECT_EQ(run_as_reader({"--at", "1", "purpose", "list"}), 0);
    EXPECT_EQ(run_as_reader({"diff", "1", "2"}), 0);
    for (const char* format : {"json", "csv", "csv-matrix", "html", "md"})
        EXPECT_EQ(run_as_reader({"export", "-f", format}), 0) << format;
    ::chmod(dir.path().c_str(), 0755);
}

// An export runs inside Register::read_consistently: a change committed by another connection
// meanwhile is not seen half-way through, neither by the activities read one at a time nor by
// the version the export states.
TEST(Concurrency, AReadSeesOneVersionWhileAnotherConnectionWrites) {
    TempDir dir;
    const auto path = dir / "shared.ropa";
    {
        auto reg = Register::create(path);
        ropa::test::build_complete_register(reg);
    }
    auto reader = Register::open(path, {.mode = OpenMode::read_only});
    auto writer = Register::open(path);
    auto count_activities = [&] {
        std::size_t n = 0;
        reader.for_each_activity([&](const ActivityRecord&) { ++n; });
        return n;
    };
    std::size_t before = 0, during = 0;
    std::optional<ChangeInfo> version_before, version_during;
    reader.read_consistently([&] {
        before = count_activities();
        version_before = reader.version();
        writer.write({"writer", "meanwhile"}, [](Writer& w) {
            w.create(EntityKind::activity, "LATER", {{"name", ropa::test::en("Added meanwhile")}});
            w.link({LinkKind::activity_purpose, "LATER", "HR-PAY", {}});
        });
        during = count_activities();
        version_during = reader.version();
    });
    EXPECT_EQ(during, before);
    ASSERT_TRUE(version_before && version_during);
    EXPECT_EQ(version_during->id, version_before->id);
    EXPECT_EQ(count_activities(), before + 1);  // a new read sees the change
}

// What the register path can be besides a register (issue: reliability): a FIFO once blocked
// every command forever, a folder gave "disk I/O error" (exit 10), an empty file was called
// "a SQLite database of another application", and a ropa file with user_version -1 was sent
// to `ropa migrate`, which then changed it.
TEST(RegisterPath, WhatIsNotARegisterFileIsRefusedByNameAndLeftAsItWas) {
    using ropa::test::run_ropa;
    TempDir dir;
    ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0600), 0);
    ASSERT_TRUE(std::filesystem::create_directory(dir / "folder"));
    ropa::test::write_file(dir / "empty", "");
    {
        auto reg = Register::create(dir / "damaged.ropa");
    }
    ASSERT_EQ(std::system(("sqlite3 " + (dir / "damaged.ropa").string() + " 'PRAGMA user_version = -1'").c_str()), 0);
    const auto damaged = ropa::test::read_file(dir / "damaged.ropa");
    struct Case {
        std::string db;
        int status;
        std::string message;
    };
    for (const auto& c : std::vector<Case>{{"fifo", 11, "not a regular file"},
                                           {"folder", 11, "is a folder"},
                                           {"empty", 7, "empty file"},
                                           {"damaged.ropa", 7, "damaged"}})
        for (const std::vector<std::string>& command : {std::vector<std::string>{"info"}, {"activity", "list"},
                                                        {"verify"}, {"migrate"}, {"export"}}) {
            std::vector<std::string> args{"--db", c.db};
            args.insert(args.end(), command.begin(), command.end());
            const auto result = run_ropa(dir.path(), args);  // a hang would time the test out
            EXPECT_EQ(result.status, c.status) << c.db << " " << command[0] << ": " << result.err;
            EXPECT_NE(result.err.find(c.message), std::string::npos) << c.db << ": " << result.err;
        }
    EXPECT_EQ(ropa::test::read_file(dir / "damaged.ropa"), damaged);
    EXPECT_EQ(ropa::test::read_file(dir / "empty"), "");
}

// Text that is not UTF-8, put into the register behind ropa's back, stopped the JSON export
// with an internal error (exit 70). It is a damaged register: exit 10, and verify names it.
TEST(RegisterPath, TextWrittenOutsideRopaThatIsNotUtf8IsAStorageErrorNotABug) {
    using ropa::test::run_ropa;
    TempDir dir;
    ASSERT_EQ(run_ropa(dir.path(), {"init", "--seed", "ccb-annex"}).status, 0);
    ASSERT_EQ(std::system(("sqlite3 " + (dir / "ropa.db").string() +
                           " \"DROP TRIGGER history_translation_update; UPDATE translation SET value = "
                           "CAST(X'61FF62' AS TEXT) WHERE lang = 'nl' AND text_id = (SELECT min(text_id) FROM "
                           "translation WHERE lang = 'nl')\"")
                              .c_str()),
              0);
    const auto exported = run_ropa(dir.path(), {"export", "-f", "json"});
    EXPECT_EQ(exported.status, 10) << exported.err;
    EXPECT_NE(exported.err.find("not valid UTF-8"), std::string::npos) << exported.err;
    const auto verified = run_ropa(dir.path(), {"verify"});
    EXPECT_EQ(verified.status, 1) << verified.out;
    EXPECT_NE(verified.out.find("edited outside ropa"), std::string::npos) << verified.out;
}

// --read-only was not honest (issue: reliability): it left -wal and -shm files beside the
// register, and where the committed changes in a -wal could not be read (the -shm gone after a
// writer stopped abruptly) it showed an older version as current, and verify said ok.
TEST(ReadOnly, CreatesNoFileAndChangesNoByte) {
    using ropa::test::run_ropa;
    TempDir dir;
    ASSERT_EQ(run_ropa(dir.path(), {"init", "--seed", "ccb-annex"}).status, 0);
    const auto before = ropa::test::read_file(dir / "ropa.db");
    for (const std::vector<std::string>& command :
         {std::vector<std::string>{"--read-only", "info"}, {"--read-only", "activity", "list"}, {"--read-only", "verify"},
          {"--read-only", "export", "-f", "html"}, {"--read-only", "--at", "1", "matrix"}, {"check"}, {"log"}}) {
        const auto result = run_ropa(dir.path(), command);
        EXPECT_LE(result.status, 1) << command.back() << ": " << result.err;
        EXPECT_EQ(ropa::test::read_file(dir / "ropa.db"), before) << command.back();
        EXPECT_FALSE(std::filesystem::exists(dir / "ropa.db-wal")) << command.back();
        EXPECT_FALSE(std::filesystem::exists(dir / "ropa.db-shm")) << command.back();
    }
}

TEST(ReadOnly, RefusesToShowAnOlderVersionWhenTheWalCannotBeRead) {
    using ropa::test::run_ropa;
    TempDir dir;
    ASSERT_EQ(run_ropa(dir.path(), {"init", "--seed", "ccb-annex"}).status, 0);
    ASSERT_EQ(run_ropa(dir.path(), {"--actor", "t", "purpose", "add", "NEW", "--name", "New", "-m", "t"}).status, 0);
    // A writer that commits a change and stops without closing: the change is in the -wal.
    const pid_t child = ::fork();
    if (child == 0) {
        SQLite::Database raw((dir / "ropa.db").string(), SQLite::OPEN_READWRITE);
        raw.exec("PRAGMA wal_autocheckpoint = 0");
        raw.exec("BEGIN; INSERT INTO change (recorded_at, actor, reason) VALUES ('2100-01-01T00:00:00.000Z', 'a', 'b');"
                 " UPDATE purpose SET revision = revision WHERE code = 'NEW'; UPDATE change SET state = 'sealed', "
                 "hash = printf('%064d', 0) WHERE state = 'open'; COMMIT;");
        ::_exit(0);  // no close: the -wal and -shm stay, as after a crash
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ASSERT_GT(std::filesystem::file_size(dir / "ropa.db-wal"), 0u);
    std::filesystem::remove(dir / "ropa.db-shm");
    const auto main_bytes = ropa::test::read_file(dir / "ropa.db");
    const auto wal_bytes = ropa::test::read_file(dir / "ropa.db-wal");
    for (const char* command : {"verify", "info", "log"}) {
        const auto result = run_ropa(dir.path(), {"--read-only", command});
        EXPECT_EQ(result.status, 11) << command << ": " << result.out << result.err;
        EXPECT_NE(result.err.find("-shm is missing"), std::string::npos) << result.err;
        EXPECT_EQ(ropa::test::read_file(dir / "ropa.db"), main_bytes);
        EXPECT_EQ(ropa::test::read_file(dir / "ropa.db-wal"), wal_bytes);
        EXPECT_FALSE(std::filesystem::exists(dir / "ropa.db-shm"));
    }
    // Opened to write (migrate does, as the message says), SQLite recovers the change.
    EXPECT_EQ(run_ropa(dir.path(), {"migrate"}).status, 0);
    const auto recovered = run_ropa(dir.path(), {"log"});
    EXPECT_EQ(recovered.status, 0) << recovered.err;
    EXPECT_NE(recovered.out.find("2100-01-01"), std::string::npos) << recovered.out;
}

// On a full disk every command failed, even verify and export ("cannot read the register's
// identity: disk I/O error"), because SQLite could not make the -shm a reader needs. Needs a
// small file system of its own: a tmpfs, which root can mount here; skipped where it cannot.
TEST(FullDisk, ReadingCommandsWorkAndAWriteIsRefusedSayingWhy) {
    using ropa::test::run_ropa;
    TempDir dir;
    const auto disk = dir / "disk";
    std::filesystem::create_directory(disk);
    if (::geteuid() != 0 ||
        std::system(("mount -t tmpfs -o size=3m tmpfs " + disk.string() + " 2>/dev/null").c_str()) != 0)
        GTEST_SKIP() << "cannot mount a small tmpfs here (needs root with the right to mount)";
    struct Unmount {
        std::filesystem::path at;
        ~Unmount() { std::system(("umount " + at.string()).c_str()); }
    } unmount{disk};
    ASSERT_EQ(run_ropa(disk, {"init", "--seed", "ccb-annex"}).status, 0);
    ASSERT_EQ(std::system(("dd if=/dev/zero of=" + (disk / "fill").string() + " bs=1k 2>/dev/null").c_str()) >> 8, 1);
    const auto before = ropa::test::read_file(disk / "ropa.db");
    // Run from outside the full disk: the test's own capture of stderr needs room.
    const std::string db = (disk / "ropa.db").string();
    for (const std::vector<std::string>& command :
         {std::vector<std::string>{"info"}, {"verify"}, {"activity", "list"}, {"export", "-f", "json"}, {"check"}}) {
        std::vector<std::string> args{"--db", db};
        args.insert(args.end(), command.begin(), command.end());
        const auto result = run_ropa(dir.path(), args);
        EXPECT_LE(result.status, 1) << command.front() << ": " << result.err;
    }
    EXPECT_NE(run_ropa(dir.path(), {"--db", db, "export", "-f", "json"}).out.find("\"ropa-record\""), std::string::npos);
    const auto write = run_ropa(dir.path(), {"--db", db, "--actor", "t", "purpose", "add", "NEW", "--name", "x", "-m", "t"});
    EXPECT_EQ(write.status, 10) << write.err;
    EXPECT_NE(write.err.find("is full"), std::string::npos) << write.err;
    EXPECT_EQ(ropa::test::read_file(disk / "ropa.db"), before);
    EXPECT_FALSE(std::filesystem::exists(disk / "ropa.db-shm"));
}

// Writers gave up with "database is locked" after a fixed 10 s while a long import ran. They
// now wait (up to 10 minutes), and say so after 2 s.
TEST(Contention, AWriterWaitsForAnotherAndSaysSo) {
    using ropa::test::run_ropa;
    TempDir dir;
    ASSERT_EQ(run_ropa(dir.path(), {"init", "--seed", "ccb-annex"}).status, 0);
    int ready[2];
    ASSERT_EQ(::pipe(ready), 0);
    const pid_t holder = ::fork();
    if (holder == 0) {  // holds the write lock for 3 s, as a long import would
        ::close(ready[0]);
        SQLite::Database raw((dir / "ropa.db").string(), SQLite::OPEN_READWRITE);
        raw.exec("BEGIN IMMEDIATE");
        (void)!::write(ready[1], "x", 1);
        ::sleep(3);
        raw.exec("COMMIT");
        ::_exit(0);
    }
    ::close(ready[1]);
    char byte;
    ASSERT_EQ(::read(ready[0], &byte, 1), 1);
    ::close(ready[0]);
    const auto result = run_ropa(dir.path(), {"--actor", "t", "purpose", "add", "NEW", "--name", "x", "-m", "t"});
    int status = 0;
    ::waitpid(holder, &status, 0);
    EXPECT_EQ(result.status, 0) << result.err;
    EXPECT_NE(result.err.find("waiting for another process that is writing"), std::string::npos) << result.err;
    EXPECT_NE(run_ropa(dir.path(), {"purpose", "show", "NEW"}).out.find("NEW"), std::string::npos);
}

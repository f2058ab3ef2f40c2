// `ropa export -o FILE` never destroys anything (issue: reliability). The first trial lost a
// whole register to `ropa export -o ropa.db`, exit 0: every case here was one way to lose data.

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "test_support.hpp"

using ropa::test::read_file;
using ropa::test::contains;
using ropa::test::run_ropa;
using ropa::test::TempDir;
using ropa::test::write_file;

namespace {


/// Names in `dir` (the temporary files of a refused export must not be left behind).
std::vector<std::string> names_in(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

class ExportOutput : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(run_ropa(dir.path(), {"init", "--seed", "ccb-annex"}).status, 0);
        register_bytes = read_file(dir / "ropa.db");
    }

    /// Runs the export to `target` and checks it is refused with `status`, naming `why`, with
    /// the register and the folder's names as they were.
    void expect_refused(const std::string& target, int status, const std::string& why,
                        std::vector<std::string> extra = {}) {
        const auto before = names_in(dir.path());
        std::vector<std::string> args{"export", "-f", "json", "-o", target};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto result = run_ropa(dir.path(), args);
        EXPECT_EQ(result.status, status) << target << ": " << result.err;
        EXPECT_TRUE(contains(result.err, "ropa: error: ")) << result.err;
        EXPECT_TRUE(contains(result.err, why)) << target << ": " << result.err;
        EXPECT_EQ(read_file(dir / "ropa.db"), register_bytes) << target;
        EXPECT_EQ(names_in(dir.path()), before) << target;
    }

    TempDir dir;
    std::string register_bytes;
};

}  // namespace

TEST_F(ExportOutput, RefusesTheRegisterAndItsWorkingFilesByAnyName) {
    expect_refused("ropa.db", 6, "is the register");
    expect_refused("./ropa.db", 6, "is the register", {"--force"});
    expect_refused((dir / "ropa.db").string(), 6, "is the register", {"--force"});
    expect_refused("ropa.db-wal", 6, "working file of the register", {"--force"});
    // The trial's case: a -wal that does not exist yet, named with ./ (an export written there
    // became the register's WAL, and the next open threw it away with the export in it).
    expect_refused("./ropa.db-wal", 6, "working file of the register", {"--force"});
    expect_refused((dir / "ropa.db-shm").string(), 6, "working file of the register");
    expect_refused("ropa.db-shm", 6, "working file of the register");
    // A -journal that does not exist yet would be taken for a hot journal by SQLite.
    expect_refused("ropa.db-journal", 6, "working file of the register");
    ASSERT_EQ(::link((dir / "ropa.db").c_str(), (dir / "hard-link").c_str()), 0);
    expect_refused("hard-link", 6, "is the register", {"--force"});
    // The register named by --db is protected whatever the export reads, the schema included.
    expect_refused("ropa.db", 6, "is the register", {"--schema", "--force"});
    // And as of a past version.
    const auto past = run_ropa(dir.path(), {"--at", "1", "export", "-o", "ropa.db", "--force"});
    EXPECT_EQ(past.status, 6) << past.err;
    EXPECT_EQ(read_file(dir / "ropa.db"), register_bytes);
}

TEST_F(ExportOutput, RefusesOtherDatabasesFoldersDevicesFifosAndLinks) {
    const TempDir other;
    ASSERT_EQ(run_ropa(other.path(), {"init"}).status, 0);
    std::filesystem::copy_file(other / "ropa.db", dir / "other.db");
    const auto other_bytes = read_file(dir / "other.db");
    expect_refused("other.db", 6, "is a SQLite database", {"--force"});
    EXPECT_EQ(read_file(dir / "other.db"), other_bytes);

    expect_refused(".", 11, "is a folder");
    expect_refused(dir.path().string() + "/", 11, "is a folder", {"--force"});
    expect_refused("/dev/null", 11, "not a regular file", {"--force"});
    ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0600), 0);
    expect_refused("fifo", 11, "not a regular file", {"--force"});
    struct stat status {};
    ASSERT_EQ(::lstat((dir / "fifo").c_str(), &status), 0);
    EXPECT_TRUE(S_ISFIFO(status.st_mode));

    write_file(dir / "target.txt", "keep me");
    std::filesystem::create_symlink("target.txt", dir / "link");
    expect_refused("link", 11, "symbolic link", {"--force"});
    EXPECT_EQ(read_file(dir / "target.txt"), "keep me");
    EXPECT_TRUE(std::filesystem::is_symlink(dir / "link"));

    expect_refused("", 3, "output");
    expect_refused("no-such-folder/out.json", 11, "no-such-folder");
}

TEST_F(ExportOutput, ReplacesAnExistingFileOnlyWhenAskedKeepingItsMode) {
    write_file(dir / "out.json", "an older export");
    ASSERT_EQ(::chmod((dir / "out.json").c_str(), 0640), 0);
    expect_refused("out.json", 6, "--force");
    EXPECT_EQ(read_file(dir / "out.json"), "an older export");

    const auto replaced = run_ropa(dir.path(), {"export", "-o", "out.json", "--force"});
    ASSERT_EQ(replaced.status, 0) << replaced.err;
    const auto stdout_export = run_ropa(dir.path(), {"export"});
    EXPECT_EQ(read_file(dir / "out.json"), stdout_export.out);
    struct stat status {};
    ASSERT_EQ(::stat((dir / "out.json").c_str(), &status), 0);
    EXPECT_EQ(status.st_mode & 07777, 0640u);
    EXPECT_EQ(read_file(dir / "ropa.db"), register_bytes);
}

TEST_F(ExportOutput, ANewFileIsPrivateAndNothingElseIsLeftBehind) {
    for (const char* format : {"json", "xlsx", "html"}) {
        const std::string name = std::string("new.") + format;
        const auto result = run_ropa(dir.path(), {"export", "-f", format, "-o", name});
        ASSERT_EQ(result.status, 0) << result.err;
        struct stat status {};
        ASSERT_EQ(::stat((dir / name).c_str(), &status), 0);
        EXPECT_EQ(status.st_mode & 0777, 0600u) << name;  // an export holds contact details
    }
    for (const auto& name : names_in(dir.path()))
        EXPECT_FALSE(contains(name, ".ropa-")) << name;  // no temporary file
}

TEST_F(ExportOutput, AFailedExportLeavesNoTemporaryFile) {
    // An export that fails after the temporary file was made (a past version that does not
    // exist is found only when the export reads it) leaves the folder as it was.
    const auto unknown = run_ropa(dir.path(), {"--at", "999999", "export", "-o", "out.json"});
    EXPECT_EQ(unknown.status, 5) << unknown.err;
    EXPECT_TRUE(contains(unknown.err, "999999")) << unknown.err;
    EXPECT_EQ(read_file(dir / "ropa.db"), register_bytes);
    for (const auto& name : names_in(dir.path()))
        EXPECT_TRUE(name.rfind("ropa.db", 0) == 0) << name;  // no out.json, no temporary file
    const auto missing_tmp = run_ropa(dir.path(), {"export", "-f", "xlsx", "-o", "out.xlsx"},
                                      {"TMPDIR=" + (dir / "no-such-tmp").string()});
    EXPECT_EQ(missing_tmp.status, 11) << missing_tmp.err;
    EXPECT_TRUE(contains(missing_tmp.err, "TMPDIR")) << missing_tmp.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "out.xlsx"));
}

// Issue: a library other tools can build on. The thread model of docs/api.md ("Threads"), as a
// tool uses it: one Register shared by several threads, readers and a writer at the same time,
// every call whole and every result consistent. Run by the suite, and under ThreadSanitizer by
// scripts/tsan.sh, which proves the sharing free of data races. A plain program (no test
// framework), so that everything it runs is ropa's: exit status 0 when every check holds.

#include <atomic>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "ropa/export.hpp"
#include "ropa/register.hpp"

namespace {

ropa::LocalizedText en(const std::string& value) { return {{"en", {value, ropa::TextStatus::source}}}; }

std::atomic<int> failures{0};

void fail(const std::string& what) {
    ++failures;
    std::cerr << "FAILED: " << what << "\n";
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: shared_register_test FOLDER\n";
        return 2;
    }
    const std::filesystem::path folder(argv[1]);
    std::filesystem::create_directories(folder);
    const auto path = folder / "shared.ropa";
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path.string() + suffix);

    auto reg = ropa::Register::create(path);
    constexpr int base = 5, writes = 40, readers = 3, reads = 25;
    for (int i = 0; i < base; ++i)
        reg.create(ropa::EntityKind::purpose, "BASE-" + std::to_string(i), {{"name", en("Base purpose")}},
                   {"setup", "base"});

    std::vector<std::thread> threads;
    for (int r = 0; r < readers; ++r)
        threads.emplace_back([&reg, r] {
            std::size_t seen = base;
            for (int i = 0; i < reads; ++i) {
                try {
                    const auto purposes = reg.list(ropa::EntityKind::purpose);
                    // Every read sees a whole version: never fewer purposes than before.
                    if (purposes.size() < seen)
                        fail("reader " + std::to_string(r) + " saw " + std::to_string(purposes.size()) +
                             " purposes after " + std::to_string(seen));
                    seen = purposes.size();
                    std::ostringstream json;
                    ropa::export_record(reg, {ropa::ExportFormat::json, "", false}, json);
                    if (json.str().find("\"BASE-4\"") == std::string::npos)
                        fail("reader " + std::to_string(r) + ": an export without the base purposes");
                    reg.check();
                    if (!reg.version())
                        fail("reader " + std::to_string(r) + ": no version");
                    reg.log();
                } catch (const std::exception& e) {
                    fail("reader " + std::to_string(r) + ": " + e.what());
                }
            }
        });
    threads.emplace_back([&reg] {
        for (int i = 0; i < writes; ++i) {
            try {
                reg.write({"writer", "shared handle"}, [i](ropa::Writer& w) {
                    w.create(ropa::EntityKind::purpose, "W-" + std::to_string(i), {{"name", en("Written")}});
                    w.create(ropa::EntityKind::data_category, "C-" + std::to_string(i), {{"name", en("Data")}});
                    w.link({ropa::LinkKind::purpose_data_category, "W-" + std::to_string(i), "C-" + std::to_string(i), {}});
                });
            } catch (const std::exception& e) {
                fail(std::string("writer: ") + e.what());
            }
        }
    });
    for (auto& thread : threads)
        thread.join();

    if (reg.list(ropa::EntityKind::purpose).size() != static_cast<std::size_t>(base + writes))
        fail("not every write is there");
    if (reg.list_links(ropa::LinkKind::purpose_data_category).size() != static_cast<std::size_t>(writes))
        fail("not every link is there");
    const auto report = reg.verify();
    if (!report.ok())
        fail("verify: " + report.problems.front());
    std::cout << "shared register: " << (failures == 0 ? 1 : 0) << " passed, " << failures.load() << " failed\n";
    return failures == 0 ? 0 : 1;
}

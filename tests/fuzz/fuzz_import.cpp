// libFuzzer target: the JSON importer, end to end. Any input must either load as one change or
// be refused with ropa::Error leaving the register as it was; a crash, a sanitizer report or
// an abort below is a finding.

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "ropa/register.hpp"

namespace {

ropa::Register& fuzz_register() {
    static ropa::Register reg = [] {
        const auto path = std::filesystem::temp_directory_path() / ("ropa-fuzz-" + std::to_string(::getpid()) + ".ropa");
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(path.string() + suffix);
        auto created = ropa::Register::create(path);
        created.apply_seed("ccb-annex", {"fuzz", "seed"});
        return created;
    }();
    return reg;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto& reg = fuzz_register();
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto before = reg.version()->id;
    try {
        reg.import_json(text, true, {"fuzz", "fuzz"});
    } catch (const ropa::Error&) {
        if (reg.version()->id != before)
            std::abort();  // a refused import changed the register
    }
    return 0;
}

#include "ropa/register.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/log_internal.hpp"
#include "storage/register_facts.hpp"
#include "storage/connection.hpp"
#include "storage/embedded_resources.hpp"
#include "storage/migrator.hpp"
#include "storage/history_store.hpp"

namespace ropa {

namespace {

// An empty name is a mistake in what was given, not a file that cannot be found or made.
void require_path(const std::filesystem::path& path) {
    if (path.empty())
        throw Error(Errc::validation, "path: is empty; name the register's file", "path");
}

void remove_register_files(const std::filesystem::path& path) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(path.string() + suffix, ignored);
}

} // namespace

RegisterView::RegisterView(std::unique_ptr<detail::Connection> connection) : connection_(std::move(connection)) {}
RegisterView::RegisterView(RegisterView&&) noexcept = default;
RegisterView& RegisterView::operator=(RegisterView&&) noexcept = default;
RegisterView::~RegisterView() = default;

Snapshot::Snapshot(std::unique_ptr<detail::Connection> connection, PastVersion past)
    : RegisterView(std::move(connection)) {
    past_ = std::move(past);
}
Snapshot::Snapshot(Snapshot&&) noexcept = default;
Snapshot& Snapshot::operator=(Snapshot&&) noexcept = default;
Snapshot::~Snapshot() = default;

Register::Register(std::unique_ptr<detail::Connection> connection) : RegisterView(std::move(connection)) {}
Register::Register(Register&&) noexcept = default;
Register& Register::operator=(Register&&) noexcept = default;
Register::~Register() = default;

std::unique_lock<std::recursive_mutex> RegisterView::hold() const {
    return std::unique_lock<std::recursive_mutex>(connection_->calls());
}

int Register::program_schema_level() noexcept { return detail::latest_schema_level(); }

Register Register::create(const std::filesystem::path& path) {
    require_path(path);
    // O_EXCL: never take over an existing file; 0600: the register holds contact details.
    const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        const int error = errno;
        if (error == EEXIST)
            throw Error(Errc::conflict, path.string() + " already exists; not creating a register over it", "path");
        throw Error(Errc::io, "cannot create " + path.string() + ": " + std::strerror(error), "path");
    }
    ::close(fd);
    try {
        detail::probe_schema_level(path, true);
        auto connection = std::make_unique<detail::Connection>(path, OpenMode::read_write);
        detail::apply_pending_migrations(*connection);
        detail::logger()->info("created register {}", path.string());
        return Register(std::move(connection));
    } catch (...) {
        remove_register_files(path);  // the file did not exist before: leave nothing behind
        throw;
    }
}

Register Register::open(const std::filesystem::path& path, OpenOptions options) {
    require_path(path);
    std::error_code error;
    if (!std::filesystem::exists(path, error))
        throw Error(Errc::not_found, "no register at " + path.string() + " (create one with `ropa init`)", "path");
    const int level = detail::probe_schema_level(path, false, options.mode);
    const int latest = detail::latest_schema_level();
    if (level > latest)
        throw Error(Errc::schema_too_new, path.string() + " is at schema level " + std::to_string(level) +
                                              ", newer than this ropa understands (" + std::to_string(latest) +
                                              "); use a newer ropa. The file was not changed.");
    if (level < latest && !options.upgrade && !options.allow_older)
        throw Error(Errc::schema_too_old, path.string() + " is at schema level " + std::to_string(level) +
                                              "; this ropa needs level " + std::to_string(latest) +
                                              ". Run `ropa migrate` first (back the file up if you like).");
    Register opened(std::make_unique<detail::Connection>(path, options.mode));
    if (level < latest && options.upgrade)
        opened.migrate();
    return opened;
}

int RegisterView::schema_level() const { const auto held = hold(); return connection_->schema_level(); }

std::vector<int> Register::migrate() { const auto held = hold(); return detail::apply_pending_migrations(*connection_); }

void RegisterView::require_current() const {
    const int level = schema_level();
    if (level != detail::latest_schema_level())
        throw Error(Errc::schema_too_old, connection_->path().string() + " is at schema level " +
                                              std::to_string(level) + "; run `ropa migrate` first");
}

std::filesystem::path RegisterView::file_path() const {
    const auto held = hold();
    return past_ ? past_->file : connection_->path();
}

RegisterInfo RegisterView::info() const {
    const auto held = hold();
    return detail::translating_storage_errors("read the register's summary", [&] {
        RegisterInfo info;
        info.path = connection_->path().string();
        info.schema_level = schema_level();
        info.program_schema_level = detail::latest_schema_level();
        info.tables = detail::count_rows(connection_->db());
        if (info.schema_level >= 1)
            info.seeds_applied = detail::seeds_applied(connection_->db());
        return info;
    });
}

} // namespace ropa

// Writing an export to a file the user named, without ever damaging something else.
//
// The first trial of ropa lost a whole register to `ropa export -o ropa.db` (exit 0): the old
// code renamed a new file over whatever the path was. Every guard below answers a case that
// was tried: the register and its -wal/-shm/-journal, another SQLite database, a directory, a
// device node, a FIFO, a symbolic link, another user's file. The bytes go to a temporary file
// in the target's folder, are synced, and take the target's name in one rename, so a reader
// sees the old file or the new one, never half of one.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "export/formats.hpp"
#include "ropa/export.hpp"

namespace ropa {

namespace {

constexpr std::array companion_suffixes{"", "-wal", "-shm", "-journal"};

[[noreturn]] void refuse(Errc code, const std::filesystem::path& path, const std::string& why) {
    throw Error(code, path.string() + ": " + why, "output");
}

std::string errno_text(int error) { return std::strerror(error); }

/// The same file, by name (even where it does not exist yet) or by identity (hard links).
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
    // Absolute first: weakly_canonical leaves a relative path none of whose parts exists as it
    // is ("ropa.db-wal"), and "./ropa.db-wal" would then not match it.
    std::error_code error;
    const auto canonical_a = std::filesystem::weakly_canonical(std::filesystem::absolute(a), error).lexically_normal();
    if (error)
        return false;
    const auto canonical_b = std::filesystem::weakly_canonical(std::filesystem::absolute(b), error).lexically_normal();
    if (!error && canonical_a == canonical_b)
        return true;
    struct stat sa {}, sb {};
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

bool is_sqlite_database(const std::filesystem::path& path) {
    static constexpr char header[] = "SQLite format 3";  // and a NUL: the first 16 bytes of every database
    std::ifstream in(path, std::ios::binary);
    std::array<char, sizeof header> start{};
    in.read(start.data(), start.size());
    return in.gcount() == static_cast<std::streamsize>(start.size()) &&
           std::memcmp(start.data(), header, sizeof header) == 0;
}

/// What is at `path` now, refused unless an export may take its place. Returns the existing
/// regular file's status, or nothing when there is no file.
std::optional<struct stat> examine_target(const std::filesystem::path& path, const OutputFileOptions& options,
                                          const std::vector<std::filesystem::path>& protect) {
    if (path.empty())
        throw Error(Errc::validation, "output: give a file name, or - for standard output", "output");
    for (const auto& kept : protect)
        for (const char* suffix : companion_suffixes)
            if (same_file(path, kept.string() + suffix))
                refuse(Errc::conflict, path,
                       std::string(*suffix ? "is a working file of the register " : "is the register ") +
                           kept.string() + "; an export never writes over it");
    struct stat status {};
    if (::lstat(path.c_str(), &status) != 0) {
        if (errno == ENOENT)
            return std::nullopt;
        refuse(Errc::io, path, "cannot be examined: " + errno_text(errno));
    }
    if (S_ISLNK(status.st_mode))
        refuse(Errc::io, path, "is a symbolic link; ropa writes an export only to a regular file or a new name");
    if (S_ISDIR(status.st_mode))
        refuse(Errc::io, path, "is a folder; give the name of the file to write");
    if (!S_ISREG(status.st_mode))
        refuse(Errc::io, path, "is not a regular file (a device, FIFO or socket); not writing to it");
    if (is_sqlite_database(path))
        refuse(Errc::conflict, path, "is a SQLite database (a register?); an export never writes over one");
    if (!options.replace_existing)
        refuse(Errc::conflict, path, "already exists; not replacing it unless asked to (ropa export --force)");
    if (status.st_uid != ::geteuid())
        refuse(Errc::conflict, path, "belongs to another user; not replacing it");
    return status;
}

/// Removes the temporary file unless it was renamed into place.
class TemporaryFile {
public:
    explicit TemporaryFile(const std::filesystem::path& target) {
        const auto folder = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
        name_ = (folder / ("." + target.filename().string() + ".ropa-XXXXXX")).string();
        fd_ = ::mkostemp(name_.data(), O_CLOEXEC);  // mode 0600: an export holds contact details
        if (fd_ < 0)
            refuse(Errc::io, target, "cannot write in the folder " + folder.string() + ": " + errno_text(errno));
    }
    ~TemporaryFile() {
        if (fd_ >= 0)
            ::close(fd_);
        if (!kept_)
            ::unlink(name_.c_str());
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    const std::string& name() const { return name_; }
    int fd() const { return fd_; }
    void keep() { kept_ = true; }

private:
    std::string name_;
    int fd_ = -1;
    bool kept_ = false;
};

void sync_folder(const std::filesystem::path& target) {
    const auto folder = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);  // the rename itself survives a power cut; best effort, the file is in place
        ::close(fd);
    }
}

} // namespace

void write_output_file(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write,
                       const OutputFileOptions& options, const std::vector<std::filesystem::path>& protect) {
    const auto existing = examine_target(path, options, protect);
    TemporaryFile temporary(path);
    {
        std::ofstream out(temporary.name(), std::ios::binary | std::ios::trunc);
        if (!out)
            refuse(Errc::io, path, "cannot open the temporary file " + temporary.name());
        write(out);
        out.close();
        if (!out)
            refuse(Errc::io, path, "writing failed (disk full?)");
    }
    if (::fsync(temporary.fd()) != 0)
        refuse(Errc::io, path, "writing failed: " + errno_text(errno));
    if (existing) {
        // The replaced file keeps the permissions its owner gave it.
        if (::fchmod(temporary.fd(), existing->st_mode & 07777) != 0)
            refuse(Errc::io, path, "cannot keep its permissions: " + errno_text(errno));
        if (::rename(temporary.name().c_str(), path.c_str()) != 0)
            refuse(Errc::io, path, "cannot be replaced: " + errno_text(errno));
    } else {
        // A file that appeared since it was examined is not overwritten: RENAME_NOREPLACE (or,
        // where the file system lacks it, link()) fails on an existing name where rename()
        // would replace it.
        if (::renameat2(AT_FDCWD, temporary.name().c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) == 0) {
            temporary.keep();
        } else if (errno != EINVAL && errno != ENOSYS) {
            if (errno == EEXIST)
                refuse(Errc::conflict, path, "appeared while the export was written; not replacing it");
            refuse(Errc::io, path, "cannot be created: " + errno_text(errno));
        } else if (::link(temporary.name().c_str(), path.c_str()) != 0) {
            if (errno == EEXIST)
                refuse(Errc::conflict, path, "appeared while the export was written; not replacing it");
            refuse(Errc::io, path, "cannot be created: " + errno_text(errno));
        }
    }
    if (existing)
        temporary.keep();  // renamed: its name is gone
    sync_folder(path);
}

void export_record_to_file(const RegisterView& reg, const ExportOptions& options, const std::filesystem::path& path,
                           const OutputFileOptions& file_options) {
    write_output_file(path, [&](std::ostream& out) { export_record(reg, options, out); }, file_options,
                      {reg.file_path()});
}

} // namespace ropa

#pragma once
/// @file
/// ropa::Register, the handle on one register file.

#include <filesystem>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include <functional>

#include "ropa/entity.hpp"
#include "ropa/error.hpp"
#include "ropa/model.hpp"
#include "ropa/signing.hpp"

#include "ropa/ropa_export.h"

namespace ropa {

namespace detail {
class Connection;
struct WriteContext;
class RecordImporter;
}

/// The writes of one change, handed to the callback of Register::write. Every write is
/// validated (fields, then the register's rules for every activity it affects) before the
/// change commits; the first refusal throws and the whole change is rolled back.
/// Records are named by code, or by id as "#12" (retention rows have no code).
class ROPA_EXPORT Writer {
public:
    /// Creates a record; `code` is required for entities that have codes. Throws
    /// Error{validation} for a bad field, Error{conflict} for a code already taken,
    /// Error{not_found} for a reference to a record that does not exist.
    Record create(EntityKind kind, const std::optional<std::string>& code, const Fields& fields);
    /// Sets the given fields (std::monostate clears one; text merges by language). With
    /// `expected_revision`, throws Error{conflict} if the record has changed since.
    Record update(EntityKind kind, std::string_view ref, const Fields& fields,
                  std::optional<std::int64_t> expected_revision = std::nullopt);
    /// As update, but each text field given replaces all its translations instead of merging.
    Record replace_fields(EntityKind kind, std::string_view ref, const Fields& fields);
    /// Throws Error{rule_violation} naming the activities that still use the record.
    void remove(EntityKind kind, std::string_view ref);
    void link(const Link& link);
    /// Sets the fields given of an existing link: a note, a joint controller's
    /// responsibilities, a basis's legal sources (the list given replaces the old one; an
    /// empty list removes them). Throws Error{not_found} if the two are not linked.
    void edit_link(const Link& link);
    void unlink(LinkKind kind, std::string_view from, std::string_view to);
    /// Sets the register's settings (only what differs is written). Throws Error{validation}
    /// for a language tag that is not canonical BCP 47 or an interval outside 1-120 months.
    void change_settings(const Settings& settings);
    /// Accepts a warning `check` reports now for `subject`, with the reason (required). Throws
    /// Error{not_found} when check reports no such warning, Error{rule_violation} when the
    /// finding is an error (a rule: fix it instead), Error{validation} for an empty reason.
    /// Acknowledging it again replaces the reason.
    void acknowledge(std::string_view finding_code, std::string_view subject, std::string_view reason);
    /// Withdraws an acknowledgement; throws Error{not_found} when there is none.
    void withdraw_acknowledgement(std::string_view finding_code, std::string_view subject);

private:
    friend class Register;
    friend class detail::RecordImporter;
    explicit Writer(detail::WriteContext& context) : context_(context) {}
    /// create() without reading the new record back, for the importer (which does not use it).
    Id insert(EntityKind kind, const std::optional<std::string>& code, const Fields& fields);
    /// The importer's: the acknowledgements of a file as recorded there (author and time
    /// kept); with `replace`, the register's others are withdrawn.
    void restore_acknowledgements(const std::vector<Acknowledgement>& acknowledgements, bool replace);
    /// Register::apply_seed's: whether seed `name` was applied, and the mark that it is (its
    /// name and the SHA-256 of its file), in the change that loads it.
    bool seed_applied(std::string_view name) const;
    void mark_seed_applied(std::string_view name, std::string_view sha256);
    detail::WriteContext& context_;
};

struct OpenOptions {
    OpenMode mode = OpenMode::read_write;
    /// An older register is refused with Errc::schema_too_old unless this is set, in which
    /// case it is upgraded (one IMMEDIATE transaction per level) before use. Upgrading is an
    /// explicit act, like `ropa migrate`: see docs/decisions.md.
    bool upgrade = false;
    /// Allow opening an older register without upgrading it; only `info()` and `migrate()`
    /// may be used on such a handle (ropa info, ropa migrate).
    bool allow_older = false;
};

/// Result of applying a seed.
enum class SeedOutcome { applied, already_applied };

class Snapshot;

/// What every version of a register can be asked: its records and links, the check, the
/// catalogue, the version it shows. A Register (the file itself: the newest version, and
/// every write and the history) and a Snapshot (a past version, read-only, from Register::at)
/// are both views; the exports and every reading command take a `const RegisterView&`.
///
/// Threads: one view may be shared; its calls run one at a time, each whole (a call that
/// takes a function holds the handle while it runs). For reads in parallel, open one Register
/// per thread on the same file. docs/api.md, Threads.
class ROPA_EXPORT RegisterView {
public:
    RegisterView(const RegisterView&) = delete;
    RegisterView& operator=(const RegisterView&) = delete;

    int schema_level() const;

    RegisterInfo info() const;

    /// The register's settings (defaults where none was set).
    Settings settings() const;

    /// The register file this view reads: for a Snapshot, the file it was read from.
    std::filesystem::path file_path() const;

    // --- reading records ---------------------------------------------------------------

    std::optional<Record> find(EntityKind kind, std::string_view ref) const;
    /// Throws Error{not_found}.
    Record get(EntityKind kind, std::string_view ref) const;
    std::vector<Record> list(EntityKind kind, const RecordFilter& filter = {}) const;
    /// How many records list() gives for `filter`, its limit and offset aside (a page's total).
    std::size_t count(EntityKind kind, const RecordFilter& filter = {}) const;
    /// Links of `kind`, all or those from the record `from`.
    std::vector<Link> list_links(LinkKind kind, const std::optional<std::string>& from = std::nullopt) const;

    /// Every activity in code order, with its links and retention rows, one at a time: memory
    /// stays that of one activity however large the register. All are read from one version.
    void for_each_activity(const std::function<void(const ActivityRecord&)>& visit) const;
    /// One activity with its links and retention rows, read as for_each_activity reads each.
    /// Throws Error{not_found}.
    ActivityRecord activity_record(std::string_view code) const;

    /// The languages of the register's texts and whether any is an unofficial translation;
    /// `shown_unofficial` tells whether a text shown in `lang` ("" = each text in its source
    /// language, the choice of ropa::pick) is one.
    TextSummary text_summary(std::string_view lang) const;

    /// Runs `read` so that every reading call it makes sees one version of the register, even
    /// while other processes write (one read transaction; SQLite's WAL keeps that version).
    void read_consistently(const std::function<void()>& read) const;

    /// Art. 30 completeness of the controller and every activity, plus warnings, each marked
    /// with its acknowledgement where the DPO accepted it.
    CheckReport check() const;
    /// The check as it reads on `date` (YYYY-MM-DD): what is overdue or past its end depends on
    /// the day. Exports check a version on the day it was recorded, so that exporting it again
    /// later gives the same bytes. Throws Error{validation} for a date that is not one.
    CheckReport check_on(std::string_view date) const;
    /// The check handed on one record at a time, for a report on a large register: for each
    /// record, the Art. 30 items it lacks (when it lacks some) and then its findings, each
    /// marked with its acknowledgement; the report returned has the totals (completeness,
    /// activities checked, stale acknowledgements) but neither list.
    CheckReport check_each(const CheckVisit& visit) const;
    /// The check of one activity, as check() gives it for that activity, without checking the
    /// others (a page or tool showing one activity): its findings, each marked with its
    /// acknowledgement, the Art. 30 items it lacks in `completeness.incomplete`, and its own
    /// acknowledgements that no longer match a finding; the counts in `completeness` are of the
    /// controller and this activity. Throws Error{not_found}.
    CheckReport check_activity(std::string_view code) const;
    /// The warnings the DPO has accepted, by finding code and subject.
    std::vector<Acknowledgement> acknowledgements() const;

    // --- the version shown ------------------------------------------------------------

    /// The change this view shows: for a Register the newest, for a Snapshot the one `at`
    /// chose. Its `summary` is left empty (counting a change's rows costs time in proportion
    /// to the change); Register::log fills it.
    std::optional<ChangeInfo> version() const;

    /// Changes up to and including `change_id`, newest first; on a Snapshot, the log of the
    /// file it was read from up to that version.
    std::vector<ChangeInfo> log_until(std::int64_t change_id) const;

    /// When each activity was recorded and last changed, in activity id order (Record::id), up
    /// to the version this view shows (a Snapshot reads the file's history up to its own).
    /// Empty for a register with no history. One pass over history, not a query per activity;
    /// about 90 bytes per activity.
    std::vector<RecordDates> activity_dates() const;

    // --- the annex view and the catalogue -----------------------------------------------

    std::optional<Controller> controller() const;
    std::vector<LegalBasis> legal_bases() const;
    std::vector<TransferTool> transfer_tools() const;
    std::vector<LegalSource> legal_sources() const;
    std::vector<PurposeGroup> purpose_groups() const;
    std::vector<Purpose> purposes() const;
    std::vector<DataCategory> data_categories() const;
    std::vector<PurposeCategoryLink> purpose_category_links() const;
    std::vector<PurposeBasisLink> purpose_basis_links() const;
    std::vector<PurposeSourceLink> purpose_source_links() const;

    /// The purpose x data-category table (the annex view).
    PurposeMatrix purpose_matrix() const;

protected:
    explicit RegisterView(std::unique_ptr<detail::Connection> connection);
    RegisterView(RegisterView&&) noexcept;
    RegisterView& operator=(RegisterView&&) noexcept;
    ~RegisterView();  // not virtual: a view is never deleted through this type

    /// Every public call holds this for its duration: a view shared by threads serves one
    /// call at a time (docs/api.md, Threads).
    [[nodiscard]] std::unique_lock<std::recursive_mutex> hold() const;
    void require_current() const;

    /// Which past version a Snapshot shows (empty for a Register): the change, its description
    /// (read from the file, which the snapshot lacks) and the file it was read from, whose
    /// history answers log_until and activity_dates.
    struct PastVersion {
        std::int64_t change = 0;
        ChangeInfo info;
        std::filesystem::path file;
    };

    std::unique_ptr<detail::Connection> connection_;
    std::optional<PastVersion> past_;
};

/// The register as it was after one change: read-only, held in memory, made by Register::at.
/// It has every reading function of RegisterView and nothing that writes, so a write to the
/// past is a compile error rather than a run-time refusal. Movable, not copyable.
class ROPA_EXPORT Snapshot final : public RegisterView {
public:
    Snapshot(Snapshot&&) noexcept;
    Snapshot& operator=(Snapshot&&) noexcept;
    ~Snapshot();

    /// The change this snapshot shows.
    std::int64_t change() const noexcept { return past_->change; }

private:
    friend class Register;
    Snapshot(std::unique_ptr<detail::Connection> connection, PastVersion past);
};

/// One register file: the newest version, every write (each one SQLite transaction, applied
/// whole or not at all) and the history. Movable, not copyable; closing happens in the
/// destructor.
class ROPA_EXPORT Register final : public RegisterView {
public:
    /// Creates a new register at `path` (file mode 0600: it holds contact details) at the
    /// newest schema level. Throws Error{conflict} if anything exists at `path`, Error{io}
    /// if the file cannot be created. On failure no file is left behind.
    static Register create(const std::filesystem::path& path);

    /// Opens an existing register. Throws Error{not_found} if there is no file,
    /// Error{not_a_register} if it is not a ropa register, Error{schema_too_new} if a newer
    /// ropa wrote it, Error{schema_too_old} (see OpenOptions::upgrade). A refused file is
    /// left byte for byte as it was.
    static Register open(const std::filesystem::path& path, OpenOptions options = {});

    /// The newest schema level this build of ropa knows.
    static int program_schema_level() noexcept;

    Register(Register&&) noexcept;
    Register& operator=(Register&&) noexcept;
    ~Register();

    /// Applies pending migrations, each in its own IMMEDIATE transaction; returns the levels
    /// applied (empty when already current).
    std::vector<int> migrate();

    // --- seeds ------------------------------------------------------------------------

    /// The seeds compiled into this build.
    static std::vector<SeedInfo> available_seeds();

    /// The seed called `name`; throws Error{not_found} (listing the available ones) if
    /// there is none. Lets a caller check a name before creating a register for it.
    static SeedInfo seed_info(std::string_view name);

    /// Loads seed `name` in one transaction. Applying a seed that was already applied
    /// changes nothing. Throws Error{not_found} for an unknown seed, Error{conflict} if a
    /// record of the seed already exists under the same code (for example the controller).
    SeedOutcome apply_seed(std::string_view name, const ChangeRequest& change);

    // --- writing ----------------------------------------------------------------------

    /// Runs `work` as one change: one IMMEDIATE transaction, committed only if every write
    /// and every rule passes. `change` says who and why (validated: actor required). Returns
    /// false when the writes changed nothing (every value already as given): then no change
    /// is recorded and the register's version stays where it was.
    bool write(const ChangeRequest& change, const std::function<void(Writer&)>& work);

    /// Single-write conveniences, each one change.
    Record create(EntityKind kind, const std::optional<std::string>& code, const Fields& fields,
                  const ChangeRequest& change);
    Record update(EntityKind kind, std::string_view ref, const Fields& fields,
                  std::optional<std::int64_t> expected_revision, const ChangeRequest& change);
    void remove(EntityKind kind, std::string_view ref, const ChangeRequest& change);
    void link(const Link& link, const ChangeRequest& change);
    /// Returns false when the link already had every value given (nothing is recorded).
    bool edit_link(const Link& link, const ChangeRequest& change);
    void unlink(LinkKind kind, std::string_view from, std::string_view to, const ChangeRequest& change);

    /// Loads a "ropa-record" JSON export (docs/export-format.md) as one change. The file is
    /// read as a stream, one record at a time (memory does not grow with the file), inside the
    /// change's transaction: a fault anywhere is refused with Error{validation} naming its JSON
    /// path, and nothing is written. Without `replace` the register must hold no records of its
    /// own (the legal catalogue may be there); with it, the register becomes exactly the file's
    /// content, and only what differs is written. Every rule applies to the result. Returns the
    /// number of records and links loaded; with `replace`, a file whose content the register
    /// already holds exactly records no change and returns 0.
    std::size_t import_json(std::istream& json, bool replace, const ChangeRequest& change);
    /// The same, from text in memory.
    std::size_t import_json(std::string_view json_text, bool replace, const ChangeRequest& change);

    /// Creates or updates one activity from a document (ropa::activity_document: the
    /// activity's block of the JSON export) as one change: its fields, its links (with their
    /// legal sources, notes, responsibilities) and its retention rows become exactly the
    /// document's; what the document leaves out is cleared or removed. The whole document is
    /// validated first, naming the JSON path of a fault (Error{validation}); every rule applies
    /// to the result. A status of active in the document is the approval (who, when, why: the
    /// change's). The approval fields are recorded by approvals, not written by documents: a
    /// document that changes them is refused. With `expected_revision`, an activity changed
    /// since that revision is refused (Error{conflict}). Returns false when nothing differed.
    bool apply_activity_document(std::string_view json_text, const ChangeRequest& change,
                                 std::optional<std::int64_t> expected_revision = std::nullopt);

    // --- history ----------------------------------------------------------------------

    /// The register as it was recorded after version `ref`: a change id, a tag, or an
    /// ISO 8601 date or time (a date alone means the end of that day, UTC). The result is a
    /// Snapshot held in memory: every reading function of RegisterView works on it, and it
    /// has no function that writes. Throws Error{not_found} for an unknown version.
    Snapshot at(std::string_view ref) const;

    /// The change a version reference names (a change id, a tag, a chain hash or a time, as
    /// `at` takes them), without reading the register as it was: std::nullopt when none does.
    /// Error{validation} for a malformed date. `summary` is left empty, as for version().
    std::optional<ChangeInfo> find_version(std::string_view ref) const;

    /// Changes, newest first.
    std::vector<ChangeInfo> log(const LogFilter& filter = {}) const;
    /// Names the current version. Throws Error{conflict} if the name is taken: tags never move.
    /// With `signer`, the tag carries its signature of the version it names (the tag's name,
    /// the change's id and hash; docs/versioning.md), which verify checks from then on.
    TagInfo tag(const std::string& name, const std::string& message, const std::string& actor,
                const SigningKey* signer = nullptr);
    std::vector<TagInfo> tags() const;

    /// Records added, removed and changed (field by field) from version `from` to `to` ("":
    /// the version the register shows).
    Diff diff(std::string_view from, std::string_view to = {}) const;

    /// Recomputes the hash chain, runs integrity and foreign-key checks, finds every row
    /// inserted, edited or deleted outside ropa, and checks every signed tag's signature
    /// against the change it names; with `options`, also that the history still holds a head
    /// kept outside the register, and that the tags are signed by the key given.
    VerifyReport verify(const VerifyOptions& options = {}) const;

    /// A new change undoing change `change_id`. Refused (Error{conflict}) if a row it touched
    /// changed again later, and (Error{rule_violation}) if the result would break a rule.
    void revert(std::int64_t change_id, const ChangeRequest& change);

private:
    explicit Register(std::unique_ptr<detail::Connection> connection);
    /// The snapshot after change `change`; with `changed_between` (older, newer], only the rows
    /// those changes touched and what reading them needs (what diff compares).
    Snapshot snapshot_at(std::int64_t change,
                         std::optional<std::pair<std::int64_t, std::int64_t>> changed_between = std::nullopt) const;
};

} // namespace ropa

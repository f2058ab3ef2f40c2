#pragma once
/// @file
/// Value types of the register: plain data with no storage behind them.

#include <cstdint>
#include <map>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ropa/ropa_export.h"

namespace ropa {

/// How a register file is opened (Register::open).
enum class OpenMode { read_only, read_write };

using Id = std::int64_t;

/// How far a piece of text can be relied on.
enum class TextStatus {
    source,      ///< the text as written by its author or taken from the source document
    official,    ///< an official translation
    unofficial,  ///< a translation without legal value (for example made for ropa's seed)
};

ROPA_EXPORT std::string_view to_string(TextStatus status) noexcept;

struct Translation {
    std::string value;
    TextStatus status = TextStatus::source;
    bool operator==(const Translation&) const = default;
};

/// Text in several languages, keyed by BCP 47 language tag ("nl", "fr", "en", "de-BE").
using LocalizedText = std::map<std::string, Translation, std::less<>>;

/// The translation for `lang`, else the first `source` one, else any; nullptr when empty.
ROPA_EXPORT const Translation* pick(const LocalizedText& text, std::string_view lang) noexcept;

/// Throws Error{validation} naming `field` unless `tag` is a BCP 47 language tag in its
/// canonical form ("nl", "fr-BE", "sr-Latn"): what every field that names a language accepts,
/// so that a register never holds "NL" beside "nl". The message gives the canonical form.
ROPA_EXPORT void require_language_tag(std::string_view tag, std::string_view field);

/// The canonical form of a BCP 47 language tag ("NL" -> "nl", "fr-be" -> "fr-BE"), for a
/// program that takes a tag from a person. Throws Error{validation} naming `field` when `tag`
/// is not one ("nederlands", "xx-yy-zz"; a two-letter language must be an ISO 639-1 code).
ROPA_EXPORT std::string canonical_language_tag(std::string_view tag, std::string_view field);

/// Codes in the order a person counts them: BZ-207 before BZ-1431, P9 before P10 (numbers
/// compared by value, the rest byte by byte). Lists of codes ropa writes use this order.
ROPA_EXPORT bool natural_less(std::string_view a, std::string_view b);

/// Today's date in UTC, YYYY-MM-DD: the day the library reads as "today" (an approval's date,
/// the reviews due, the check), for callers that ask the same question (`ropa activity list
/// --due`, the dashboard of `ropa serve`).
ROPA_EXPORT std::string utc_today();

/// The value `pick` finds, or "" when the text is empty.
ROPA_EXPORT std::string_view pick_value(const LocalizedText& text, std::string_view lang) noexcept;

/// Art. 30(1)(a): the organisation keeping the register.
struct Controller {
    LocalizedText name;
    std::optional<std::string> address, email, phone, website, registration_number;
    bool is_public_authority = false;
    std::optional<std::string> representative_name, representative_contact;
    std::optional<std::string> dpo_name, dpo_email, dpo_phone, dpo_address;
    std::int64_t revision = 1;
};

enum class LegalBasisKind { lawfulness, special_category, criminal_data };

/// An entry of the GDPR catalogue: Art. 6(1)(a)-(f), Art. 9(2)(a)-(j) or Art. 10.
struct LegalBasis {
    Id id = 0;
    std::string code;     ///< e.g. "art6-1-e"
    std::string article;  ///< e.g. "Art. 6(1)(e) GDPR"
    LegalBasisKind kind = LegalBasisKind::lawfulness;
    LocalizedText name;
    bool to_be_determined = false;  ///< a placeholder (tbd-art6, tbd-art9, tbd-art10): no ground yet
};

/// A Chapter V transfer tool: Art. 45, 46(2)(a)-(f), 47, 49(1).
struct TransferTool {
    Id id = 0;
    std::string code;
    std::string article;
    bool requires_safeguards_documentation = false;
    LocalizedText name;
};

/// An act of Union or Member State law a basis or purpose relies on (Art. 6(3)).
struct LegalSource {
    Id id = 0;
    std::string code;
    LocalizedText title;
    std::optional<std::string> reference, article, url;
    std::string jurisdiction;  ///< "EU" or an ISO 3166-1 alpha-2 code
};

struct PurposeGroup {
    Id id = 0;
    std::string code;
    LocalizedText name;  ///< empty when the source shows no legible label
    std::optional<std::string> provenance;
};

/// Art. 30(1)(b).
struct Purpose {
    Id id = 0;
    std::string code;
    LocalizedText name;
    LocalizedText description;
    std::optional<std::string> group_code;
    std::optional<int> display_order;  ///< position in the source document, if any
    std::optional<std::string> provenance;
    std::int64_t revision = 1;
};

/// Art. 30(1)(c): a category of personal data.
struct DataCategory {
    Id id = 0;
    std::string code;
    LocalizedText name;
    LocalizedText description;
    bool is_special = false;   ///< Art. 9(1) data
    bool is_criminal = false;  ///< Art. 10 data
    std::optional<int> display_order;  ///< position in the source document, if any
    std::int64_t revision = 1;
};

/// An allowed link: `purpose_code` may use `data_category_code`.
struct PurposeCategoryLink {
    std::string purpose_code;
    std::string data_category_code;
    LocalizedText note;  ///< empty when the link carries no note
    std::optional<std::string> provenance;
};

/// An allowed link: `purpose_code` may rely on `legal_basis_code`.
struct PurposeBasisLink {
    std::string purpose_code;
    std::string legal_basis_code;
    std::vector<std::string> legal_source_codes;  ///< the law and provisions it cites, by code
    std::optional<std::string> provenance;
};

/// A legal source named in the text of a purpose.
struct PurposeSourceLink {
    std::string purpose_code;
    std::string legal_source_code;
    std::optional<std::string> provenance;
};

/// The purpose x data-category table, purposes and categories in display order.
struct PurposeMatrix {
    struct Cell {
        LocalizedText note;  ///< empty when the allowed link has no note
    };
    struct Row {
        Purpose purpose;
        std::vector<std::optional<Cell>> cells;  ///< one per column; nullopt = not allowed
    };
    std::vector<DataCategory> columns;
    std::vector<Row> rows;
    std::vector<PurposeGroup> groups;  ///< the groups rows refer to by code
};

struct TableCount {
    std::string table;
    std::int64_t rows = 0;
};

/// What `ropa info` reports.
/// What the texts of a register hold (Register::text_summary).
struct TextSummary {
    std::vector<std::string> languages;  ///< every language tag in use, sorted
    bool has_unofficial = false;         ///< some translation is unofficial
    bool shown_unofficial = false;       ///< some text shown in the language asked is unofficial
};

/// Register-wide settings (ropa settings; `ropa init --lang`).
struct Settings {
    /// The language texts are stored in when a person names none (canonical BCP 47 tag), and
    /// the one names are shown in first.
    std::string default_language = "en";
    /// Months from an approval to the activity's next review, unless the approval gives a date.
    int review_interval_months = 12;
    /// The fields of an activity's record, beyond what Art. 30 requires, that the DPO requires
    /// of every activity (names from requirable_fields(), as the JSON format names them): `ropa
    /// check` counts the share each activity holds, beside its Art. 30 items.
    std::vector<std::string> required_fields;
    bool operator==(const Settings&) const = default;
};

/// A field a DPO may require of every activity (Settings::required_fields): its name, and the
/// item as check names it, with the template or article that asks for it.
struct RequirableField {
    std::string name;
    std::string item;
    /// Asked of the controller alone (what it must tell the data subjects, Art. 13-14, and its
    /// DPIA, Art. 35): not counted for an activity done as processor.
    bool controller_only = false;
};
/// Every field a register can require, in the order check lists them.
ROPA_EXPORT const std::vector<RequirableField>& requirable_fields();

struct RegisterInfo {
    std::string path;
    int schema_level = 0;
    int program_schema_level = 0;  ///< the newest level this build knows
    std::vector<TableCount> tables;
    std::vector<std::string> seeds_applied;
};

/// A seed compiled into the library (see seed/).
struct SeedInfo {
    std::string name;
    std::string title;
    std::string sha256;  ///< of the seed file as embedded
};

/// Who makes a write and why. Every write takes one, so that history (attributed changes)
/// can be recorded without changing the signatures of the write functions.
struct ChangeRequest {
    std::string actor;
    std::string reason;
};

} // namespace ropa

namespace ropa {

enum class Severity { error, warning };

/// A warning of `check` the DPO has accepted, with the reason: a known and accepted gap stays in
/// the record (who, when, why) without standing among the open warnings of every report. An
/// error is a rule and cannot be acknowledged.
struct Acknowledgement {
    std::string finding_code;     ///< the finding's stable code, e.g. "retention-overlaps"
    std::string subject;          ///< as the finding names it: "activity:CODE", "controller", ...
    std::string reason;
    std::string acknowledged_by;  ///< the actor of the change that made it (set by ropa)
    std::string acknowledged_at;  ///< UTC, ISO 8601 (set by ropa)
};

/// One finding of `Register::check()`.
struct Finding {
    Severity severity = Severity::error;
    std::string subject;  ///< "controller", "activity:CODE", "purpose:CODE", "transfer:CODE"
    std::string article;  ///< e.g. "Art. 30(1)(b)"
    std::string message;
    /// Stable, for tools to act on ("purpose-missing", "art9-condition-missing"; docs/cli.md lists
    /// every code); the message may be reworded, the code is not.
    std::string code;
    /// Set when the DPO accepted this warning (Writer::acknowledge); it is then not counted
    /// among the open warnings.
    std::optional<Acknowledgement> acknowledgement;
};

/// The Art. 30 items one subject's record lacks ("controller", "activity:CODE").
struct MissingItems {
    std::string subject;
    std::size_t items = 0;    ///< items looked for
    std::size_t present = 0;  ///< of which the record has
    /// What it lacks, by article: "Art. 30(1)(d): categories of recipients"
    std::vector<std::string> missing;
    /// The fields the register requires (Settings::required_fields): how many, how many it
    /// holds, and those it lacks ("data_location: where the data are kept (ICO)").
    std::size_t required = 0;
    std::size_t required_present = 0;
    std::vector<std::string> missing_required;
};

/// How much of what Art. 30 asks the record holds: the controller's items (Art. 30(1)(a)) and
/// each activity's (Art. 30(1)(b)-(g), or 30(2)(b)-(d) for processing done as processor).
/// Complete subjects are counted, not listed, so the report stays small on a large register.
struct Completeness {
    std::size_t items = 0;
    std::size_t present = 0;
    std::size_t complete_activities = 0;  ///< with every Art. 30 item (the required fields aside)
    /// controller first, then activities by code: those lacking Art. 30 items or required fields
    std::vector<MissingItems> incomplete;
    /// The share of items present, in whole per cent, rounded down (100 only when all are).
    int percent() const { return items == 0 ? 100 : static_cast<int>(present * 100 / items); }
    /// The fields the register requires, over every activity checked (0 when it requires none).
    std::size_t required = 0;
    std::size_t required_present = 0;
    int required_percent() const {
        return required == 0 ? 100 : static_cast<int>(required_present * 100 / required);
    }
};

/// How Register::check_each runs and where it hands what it finds.
struct CheckVisit {
    std::string date;            ///< YYYY-MM-DD the check reads as (overdue reviews); "": today (UTC)
    bool approved_only = false;  ///< check the approved (active) activities alone
    std::function<void(const MissingItems&)> incomplete;
    std::function<void(const Finding&)> finding;
};

/// Completeness of the record against Art. 30(1)(a)-(g) and 30(2)(a)-(d), plus warnings.
struct CheckReport {
    std::vector<Finding> findings;  ///< controller first, then activities by code, then purposes
    std::size_t activities_checked = 0;
    Completeness completeness;
    /// The open findings of that severity: acknowledged warnings are not counted.
    std::size_t count(Severity severity) const {
        std::size_t n = 0;
        for (const auto& f : findings)
            n += f.severity == severity && !f.acknowledgement;
        return n;
    }
    std::size_t acknowledged() const {
        std::size_t n = 0;
        for (const auto& f : findings)
            n += f.acknowledgement.has_value();
        return n;
    }
    /// Acknowledgements that match no finding any more (the gap was closed, or the record it
    /// named is gone): kept in the register's history, listed so the DPO can withdraw them.
    std::vector<Acknowledgement> stale_acknowledgements;
};

} // namespace ropa

namespace ropa {

/// One change of the register: who, when, why, and its place in the hash chain.
struct ChangeInfo {
    std::int64_t id = 0;
    std::string recorded_at;  ///< UTC, ISO 8601 with milliseconds
    std::string actor;
    std::string reason;
    std::string hash;
    std::string prev_hash;
    std::vector<std::string> tags;
    std::string summary;  ///< e.g. "activity: 1 added; activity links: 3 added"
};

struct TagInfo {
    std::string name;
    std::int64_t change_id = 0;
    std::string created_at;
    std::string actor;
    std::string message;
    /// A signed tag (schema level 7): the signer's Ed25519 public key (64 hex digits) and its
    /// signature of the tagged version (docs/versioning.md); both "" when unsigned.
    std::string signer_key;
    std::string signature;
};

/// When a record was first recorded and last changed: the change that created it and the
/// latest that touched it (for an activity, its fields, links or retention rows: the changes
/// `Register::log` lists for it), with the day each was recorded (UTC).
struct RecordDates {
    std::int64_t activity_id = 0;  ///< Record::id of the activity
    std::int64_t created_in = 0;  ///< change id
    std::string created_on;       ///< YYYY-MM-DD
    std::int64_t changed_in = 0;  ///< change id
    std::string changed_on;       ///< YYYY-MM-DD
};

/// Which changes `Register::log` lists.
struct LogFilter {
    std::optional<std::string> entity;  ///< CLI noun, e.g. "activity"
    std::optional<std::string> code;    ///< with entity: only changes to that record
    std::optional<std::string> since;   ///< ISO 8601 date or time: changes recorded at or after
    std::optional<std::int64_t> until;  ///< a change id: that change and those before it
    std::optional<std::size_t> limit;   ///< at most this many, the newest (a page of the log)
};

/// What `Register::verify` found. `ok()` when there are no problems.
struct VerifyReport {
    std::vector<std::string> problems;
    std::size_t changes_checked = 0;
    std::size_t rows_checked = 0;
    std::size_t signatures_checked = 0;  ///< signed tags (and a signed head) whose signature was checked
    /// Fingerprints of the keys that signed the tags checked, each once, in tag order.
    std::vector<std::string> signers;
    bool ok() const { return problems.empty(); }
};

/// What Register::verify checks beyond the register itself: what someone kept outside it.
struct VerifyOptions {
    /// A change hash published before (an export's stamp, a signed export, a tag sent to the
    /// authority): "HASH" or "CHANGE:HASH". The history must still hold it; a history
    /// rewritten up to that change, even with every later hash recomputed, no longer does.
    std::optional<std::string> head;
    /// The DPO's public key (64 hex digits): every signed tag must be signed by it, not just
    /// by some key.
    std::optional<std::string> trusted_key;
};

/// One record that differs between two versions.
struct RecordDiff {
    enum class Kind { added, removed, changed };
    Kind kind = Kind::changed;
    std::string entity;  ///< CLI noun, or a link name ("activity-purpose")
    std::string code;    ///< record code, "#id", or "FROM -> TO" for a link
    struct Field {
        std::string name;
        std::string before;  ///< display text; "" when unset
        std::string after;
    };
    std::vector<Field> fields;  ///< for changed records (and links with data)
};

struct Diff {
    std::int64_t from_change = 0;
    std::int64_t to_change = 0;
    std::vector<RecordDiff> records;
};

} // namespace ropa

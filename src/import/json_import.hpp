#pragma once
// Reading a "ropa-record" JSON export back into records and links (no SQL: the Register
// loads them through the Writer, so every rule applies).

#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ropa/entity.hpp"

namespace ropa::detail {

struct ImportedRecord {
    EntityKind kind;
    std::optional<std::string> code;
    Fields fields;
    std::string path;  ///< JSON path, for messages
};

struct ImportedLink {
    Link link;
    std::string path;
};

struct ImportData {
    std::optional<ImportedRecord> controller;
    std::vector<ImportedRecord> records;  ///< every entity but controller and retention
    std::vector<ImportedLink> links;
    std::vector<ImportedRecord> retention;  ///< "activity" field set
};

/// The fields of one JSON object as the export writes them (see read_fields in the .cpp).
Fields fields_from_json_text(EntityKind kind, std::string_view json_object, const std::string& path);

/// The fields of one link as a JSON object in the export's form ({"legal_sources": [...],
/// "note": {"en": "..."}}); throws Error{validation} naming the path.
Fields link_fields_from_json_text(LinkKind kind, std::string_view json_object, const std::string& path);

/// Receives a ropa-record file one record at a time, as read_record_json reads it.
class RecordSink {
public:
    virtual ~RecordSink() = default;
    virtual void controller(ImportedRecord controller) = 0;
    /// One record of a section (`piece.records` holds it alone), with the links that start from
    /// it and, for an activity, its retention rows; each validated on its own.
    virtual void record(ImportData piece) = 0;
    /// The file's "acknowledgements" (the warnings its DPO accepted), validated; called once,
    /// where the file has them.
    virtual void acknowledgements(std::vector<Acknowledgement> acknowledgements) = 0;
    /// The file's "settings" (format version 4: its register's default language, review
    /// interval and required fields; a setting the file leaves out keeps its default), of the
    /// right types (the library checks the values); called once, where the file has them.
    virtual void settings(Settings settings) = 0;
};

/// Reads a "ropa-record" export as a stream, handing each record to `sink` as soon as it has
/// been read and validated, and keeping none: memory holds one record (with its links) at a
/// time, however large the file. Records come in the file's order; those a file gives before
/// its "format_version" wait for it. Throws Error{validation} naming the JSON path of the first
/// fault (for example "$.activities[2].start_date: ... is not a valid date"), after the sink has
/// had the records before it: the caller rolls back what it did with them.
void read_record_json(std::istream& in, RecordSink& sink);
void read_record_json(std::string_view text, RecordSink& sink);

/// What a seed file (seed/NAME.json, compiled in) says of itself beside its ropa-record content.
struct SeedHeader {
    std::string name;   ///< the seed's code, the file's name
    std::string title;  ///< the source document it transcribes
};

/// The "seed" member of a seed file (a ropa-record document that names itself); Error
/// {validation} naming its path when it is missing or malformed. read_record_json checks the
/// same member where a file has it, and loads what the file holds as any ropa-record.
SeedHeader read_seed_header(std::string_view json_text);

/// One activity as the export writes it in "activities" (its fields, links and retention
/// rows), validated whole; paths start at "$" (for example "$.legal_bases[0].legal_sources").
ImportData parse_activity_document(std::string_view text);

} // namespace ropa::detail

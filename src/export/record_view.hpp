#pragma once
// The record as every export format reads it, from a Register (current or past): everything
// but the activities is read once, ordered, with the links of purposes grouped by record; the
// activities, which make a register large, are read one at a time while a format writes them,
// so an export's memory does not grow with the number of activities. The formats only lay it
// out.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ropa/entity.hpp"
#include "ropa/export.hpp"
#include "ropa/register.hpp"

namespace ropa::detail {

struct RecordView {
    const RegisterView* source = nullptr;  ///< read the activities from here (for_each_activity)
    bool approved_only = false;        ///< for_each_activity gives the active activities only
    std::optional<ChangeInfo> version;
    std::optional<Record> controller;
    std::map<EntityKind, std::vector<Record>> records;  ///< every entity but the controller, activities, retention
    /// links that do not start from an activity, by kind, then by the code of the record they start from
    std::map<LinkKind, std::map<std::string, std::vector<Link>>> links;
    std::vector<ChangeInfo> changes;  ///< oldest first, up to the version (for the change log sheet)
    PurposeMatrix matrix;             ///< the annex view
    TextSummary texts;                ///< languages, and unofficial translations in the language shown
    std::string since;                ///< ExportOptions::since, "" for none
    std::optional<Diff> changes_since;  ///< from that version to the one shown
    std::vector<Acknowledgement> acknowledgements;  ///< the warnings the DPO accepted
    Settings settings;  ///< the register's (its language, review interval, required fields)
    /// The day the version shown was recorded: its check reads as on that day, so the same
    /// version exports the same bytes later ("": no history, today).
    std::string checked_on;
    /// When each activity was recorded and last changed, in activity id order (the formats
    /// with an activity table: csv, xlsx, html, md, dpv).
    std::vector<RecordDates> activity_dates;
    /// The JSON format's version to write (ExportOptions::format_version, 0 resolved).
    int format_version = 0;
    /// The dates of `activity_id`, if read.
    const RecordDates* dates_of(std::int64_t activity_id) const;

    const std::vector<Record>& of(EntityKind kind) const;
    const std::vector<Link>& links_from(LinkKind kind, const std::string& code) const;
    const Record* find(EntityKind kind, const std::string& code) const;
    /// Every activity, in code order, one at a time.
    void for_each_activity(const std::function<void(const ActivityRecord&)>& visit) const;
};

/// Call inside Register::read_consistently, and write the export inside it too, so that the
/// activities read later come from the same version.
/// What the format of `options` shows is read: the change log for xlsx, the activities' dates
/// for every format but json.
RecordView build_record_view(const RegisterView& reg, const ExportOptions& options);


/// Display helpers shared by the tabular formats.
struct TextPicker {
    std::string lang;  ///< "" = each text in its source language
    /// The language of the form itself (headings, labels, the words around values): en, nl, fr
    /// or de (form_language). The register's texts are in `lang`, whatever the form's is.
    std::string form = "en";
    /// HTML: each register text whose language is not the page's is wrapped in language marks
    /// (language_mark_open ...), which the HTML writer turns into <span lang="...">.
    bool mark_languages = false;
    std::string operator()(const FieldValue& value) const;  ///< any field value as text
    std::string name_of(const Record& record) const;        ///< name/title, else code
    /// `english`, a label or phrase of the form, in the form's language (form_labels.cpp);
    /// English where the table has no translation.
    std::string label(std::string_view english) const;
    /// The language of the page: the one asked for, else the form's.
    std::string page_language() const { return lang.empty() ? form : lang; }
};

/// The language the form is shown in for an export language: its primary subtag where ropa's
/// form is translated into it (nl, fr, de), else English.
std::string form_language(std::string_view lang);

/// Language marks, for HTML: a text in another language than the page's is written
/// "\x01TAG\x02TEXT\x03". These control characters can occur in no register text (they are
/// refused on input: text_rules.hpp), so the marks are unambiguous.
inline constexpr char language_mark_open = '\x01', language_mark_text = '\x02', language_mark_close = '\x03';
/// `text` without its language marks (for an attribute, a title, a cut label).
std::string without_language_marks(std::string_view text);

/// The labels looked up with no translation in the form's language since the process began
/// (tests: every label the exports use is translated).
std::vector<std::string> untranslated_labels();

/// The values of a multi-valued cell, one per line. A line break inside a value becomes ", ",
/// so that each line is one value whatever the values hold ("; " separated them once, and
/// values contain "; "): docs/export-format.md.
std::string one_per_line(const std::vector<std::string>& values);
/// A list inside one value ("of Couriers, Requesters").
std::string join_with(const std::vector<std::string>& items, const char* separator);

/// The legal sources a purpose-basis or activity-basis link cites, by code (none: empty).
std::vector<std::string> cited_sources(const Link& basis_link);

/// The legal sources an activity's basis rests on: those its link cites, else those its
/// purposes cite for that basis (a public body's basis is laid down by the purpose's law).
std::vector<std::string> sources_of_basis(const RecordView& view, const ActivityRecord& entry, const Link& basis_link);

/// A legal basis with the Union or Member State law that lays it down, as the authority reads
/// it (Art. 6(3)): "Art. 6(1)(c) GDPR: Paspoortwet art. 26(1)(d)". `sources` are legal source
/// codes; each shows its title and article.
std::string basis_with_sources(const RecordView& view, const TextPicker& text, const std::string& basis_code,
                               const std::vector<std::string>& sources);

/// The activity register as a table, columns in Art. 30 order (docs/export-format.md).
std::vector<std::string> activity_columns();
/// The position of `heading` among activity_columns(); Error{internal} for none.
std::size_t activity_column(std::string_view heading);

/// What a heading says of an activity that is not approved: " (draft: not approved)", " (in
/// review: not approved)"; "" for an approved or retired one. A printed page must not let a
/// draft pass for an approved record.
std::string approval_mark(const ActivityRecord& activity, const TextPicker& text);
std::vector<std::string> activity_row(const RecordView& view, const TextPicker& text, const ActivityRecord& activity);

/// One activity's sheet (html, md): its row as (label, value) pairs, labelled by the article of
/// its record (Art. 30(2)(b)-(d) for processing done as processor, where Art. 30(1)(b)-(d) and
/// (f) items that are empty are left out, being no part of that record), and the empty fields
/// that are no Art. 30 item left out, so that a sheet holds what the record says.
std::vector<std::pair<std::string, std::string>> activity_items(const std::vector<std::string>& row,
                                                                const TextPicker& text);

/// Labels (of columns, of rows) in the form's language; the values are left as they are.
std::vector<std::string> labels_in(const TextPicker& text, std::vector<std::string> english);
std::vector<std::pair<std::string, std::string>> row_labels_in(const TextPicker& text,
                                                               std::vector<std::pair<std::string, std::string>> rows);

/// A country by name, in the form's language, and code: "United States (US)", "Verenigde Staten
/// (US)" (a code ropa has no name for: the code).
std::string country_shown(const std::string& code, const TextPicker& text);
/// A party (joint controller, the controller a processor acts for), a processor and a
/// recipient with what Art. 30 asks of each: contact details, country, representative, DPO;
/// a processor's Art. 28 contract; a recipient's kind and location.
std::string party_shown(const RecordView& view, const TextPicker& text, const std::string& code);
std::string processor_shown(const RecordView& view, const TextPicker& text, const std::string& code);
std::string recipient_shown(const RecordView& view, const TextPicker& text, const std::string& code);

/// "<n> <unit>s from <trigger>" or the criteria.
std::string retention_summary(const Record& retention, const TextPicker& text);

/// The lines that state what an export shows: controller, version, language.
std::vector<std::pair<std::string, std::string>> version_stamp(const RecordView& view, const TextPicker& text);

} // namespace ropa::detail

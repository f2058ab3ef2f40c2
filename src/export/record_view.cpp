#include "import/json_layout.hpp"
#include "export/record_view.hpp"

#include "domain/countries.hpp"

#include <set>

#include <algorithm>

namespace ropa::detail {

namespace {

const std::vector<Record> no_records;
const std::vector<Link> no_links;

std::string code_of(const Record& record) { return record.code ? *record.code : "#" + std::to_string(record.id); }

} // namespace

const std::vector<Record>& RecordView::of(EntityKind kind) const {
    auto it = records.find(kind);
    return it == records.end() ? no_records : it->second;
}

const std::vector<Link>& RecordView::links_from(LinkKind kind, const std::string& code) const {
    auto by_kind = links.find(kind);
    if (by_kind == links.end())
        return no_links;
    auto it = by_kind->second.find(code);
    return it == by_kind->second.end() ? no_links : it->second;
}

const Record* RecordView::find(EntityKind kind, const std::string& code) const {
    for (const auto& record : of(kind))
        if (record.code == code)
            return &record;
    return nullptr;
}

void RecordView::for_each_activity(const std::function<void(const ActivityRecord&)>& visit) const {
    if (!approved_only)
        return source->for_each_activity(visit);
    source->for_each_activity([&](const ActivityRecord& activity) {
        if (const auto* status = std::get_if<std::string>(&activity.activity.fields.at("status"));
            status && *status == "active")
            visit(activity);
    });
}

RecordView build_record_view(const RegisterView& reg, const ExportOptions& options) {
    const auto format = options.format;
    const bool approved_only = options.approved_only;
    const std::string& lang = options.lang;
    const std::string& since = options.since;
    RecordView view;
    view.source = &reg;
    view.approved_only = approved_only;
    view.version = reg.version();
    view.acknowledgements = reg.acknowledgements();
    view.settings = reg.settings();
    view.checked_on = view.version ? view.version->recorded_at.substr(0, 10) : std::string();
    view.format_version = options.format_version ? options.format_version : current_format_version;
    for (const auto& entity : entities()) {
        if (entity.kind == EntityKind::activity || entity.kind == EntityKind::retention)
            continue;  // read one activity at a time, with its retention rows
        auto records = reg.list(entity.kind);
        if (entity.kind == EntityKind::controller) {
            if (!records.empty())
                view.controller = std::move(records.front());
            continue;
        }
        view.records[entity.kind] = std::move(records);
    }
    for (const auto& link : links())
        if (link.from != EntityKind::activity)
            for (auto& found : reg.list_links(link.kind))
                view.links[link.kind][found.from].push_back(std::move(found));
    view.matrix = reg.purpose_matrix();
    if (approved_only) {
        // The record as the organisation stands by it: the purposes of its approved activities
        // and the data they may use, not those a draft is still being worked out with.
        std::set<std::string> purposes;
        view.for_each_activity([&](const ActivityRecord& activity) {
            for (const auto& link : activity.links_of(LinkKind::activity_purpose))
                purposes.insert(link.to);
        });
        auto& matrix = view.matrix;
        std::erase_if(matrix.rows, [&](const auto& row) { return !purposes.count(row.purpose.code); });
        std::vector<bool> used(matrix.columns.size(), false);
        for (const auto& row : matrix.rows)
            for (std::size_t c = 0; c < row.cells.size(); ++c)
                used[c] = used[c] || row.cells[c].has_value();
        std::vector<DataCategory> columns;
        for (std::size_t c = 0; c < matrix.columns.size(); ++c)
            if (used[c])
                columns.push_back(matrix.columns[c]);
        for (auto& row : matrix.rows) {
            std::vector<std::optional<PurposeMatrix::Cell>> cells;
            for (std::size_t c = 0; c < row.cells.size(); ++c)
                if (used[c])
                    cells.push_back(row.cells[c]);
            row.cells = std::move(cells);
        }
        matrix.columns = std::move(columns);
    }
    view.texts = reg.text_summary(lang);
    if (!since.empty() && view.version) {
        // Read from the file, up to the version shown: a past version (Register::at) holds no
        // history of its own, and the version is pinned by its id, whatever is written since.
        const auto file = Register::open(reg.file_path(), {.mode = OpenMode::read_only});
        view.since = since;
        view.changes_since = file.diff(since, std::to_string(view.version->id));
    }
    // The dates of a record's history belong to the readable record; the interchange format
    // carries none (a register imported from it would show other dates).
    if (format != ExportFormat::json && format != ExportFormat::csv_matrix)
        view.activity_dates = reg.activity_dates();
    if (format == ExportFormat::xlsx && view.version) {
        // the log of the file up to the version shown; a past version has no log of its own
        for (const auto& change : reg.log_until(view.version->id))
            view.changes.insert(view.changes.begin(), change);
    }
    return view;
}

std::string TextPicker::operator()(const FieldValue& value) const {
    if (const auto* flag = std::get_if<bool>(&value))
        return label(*flag ? "yes" : "no");
    const auto* text = std::get_if<LocalizedText>(&value);
    if (!text)
        return value_text(value, lang);
    const Translation* chosen = pick(*text, lang);
    if (!chosen)
        return "";
    for (const auto& [tag, translation] : *text) {
        if (&translation != chosen)
            continue;
        // Asked for one language, a text shown in another says which, and an unofficial
        // translation says so, at the text itself: a reader must not take either for the
        // language asked.
        std::string shown = translation.value;
        if (!lang.empty() && tag != lang)
            shown += " [" + tag + "]";
        else if (!lang.empty() && translation.status == TextStatus::unofficial)
            shown += " [" + tag + ", " + label("unofficial translation") + "]";
        if (mark_languages && tag != page_language())
            return std::string(1, language_mark_open) + tag + language_mark_text + shown + language_mark_close;
        return shown;
    }
    return chosen->value;
}

std::string without_language_marks(std::string_view text) {
    std::string out;
    bool in_tag = false;
    for (const char c : text) {
        if (c == language_mark_open)
            in_tag = true;
        else if (c == language_mark_text)
            in_tag = false;
        else if (c != language_mark_close && !in_tag)
            out += c;
    }
    return out;
}

const RecordDates* RecordView::dates_of(std::int64_t activity_id) const {
    const auto found = std::lower_bound(activity_dates.begin(), activity_dates.end(), activity_id,
                                        [](const RecordDates& dates, std::int64_t id) { return dates.activity_id < id; });
    return found != activity_dates.end() && found->activity_id == activity_id ? &*found : nullptr;
}

std::vector<std::string> labels_in(const TextPicker& text, std::vector<std::string> english) {
    for (auto& label : english)
        label = text.label(label);
    return english;
}

std::vector<std::pair<std::string, std::string>> row_labels_in(const TextPicker& text,
                                                               std::vector<std::pair<std::string, std::string>> rows) {
    for (auto& row : rows)
        row.first = text.label(row.first);
    return rows;
}

std::string one_per_line(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& value : values) {
        if (!out.empty())
            out += '\n';
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (value[i] == '\r' || value[i] == '\n') {
                if (value[i] == '\r' && i + 1 < value.size() && value[i + 1] == '\n')
                    ++i;
                out += ", ";
            } else {
                out += value[i];
            }
        }
    }
    return out;
}

std::string country_shown(const std::string& code, const TextPicker& text) {
    if (code.empty())
        return code;
    const auto name = country_name(code, text.form);
    return name.empty() ? code : std::string(name) + " (" + code + ")";
}

namespace {

/// "name (item; item; ...)", leaving out what is not recorded.
std::string with_details(std::string name, const std::vector<std::string>& details) {
    std::string shown;
    for (const auto& detail : details)
        if (!detail.empty())
            shown += (shown.empty() ? "" : "; ") + detail;
    return shown.empty() ? name : name + " (" + shown + ")";
}

} // namespace

std::string party_shown(const RecordView& view, const TextPicker& text, const std::string& code) {
    const Record* party = view.find(EntityKind::party, code);
    if (!party)
        return code;
    const auto& f = party->fields;
    const auto representative = text(f.at("representative")), dpo = text(f.at("dpo_contact"));
    return with_details(text.name_of(*party),
                        {text(f.at("address")), text(f.at("contact")), country_shown(text(f.at("country")), text),
                         representative.empty() ? "" : text.label("representative") + ": " + representative,
                         dpo.empty() ? "" : text.label("DPO") + ": " + dpo});
}

std::string processor_shown(const RecordView& view, const TextPicker& text, const std::string& code) {
    const Record* processor = view.find(EntityKind::processor, code);
    if (!processor)
        return code;
    const auto& f = processor->fields;
    const auto dpo = text(f.at("dpo_contact")), reference = text(f.at("contract_reference")),
               date = text(f.at("contract_date")), link = text(f.at("contract_link"));
    std::string contract;
    if (!reference.empty() || !date.empty() || !link.empty()) {
        contract = text.label("Art. 28 contract");
        if (!reference.empty())
            contract += " " + reference;
        if (!date.empty())
            contract += " " + text.label("of|date") + " " + date;
        if (!link.empty())
            contract += ", " + link;
    }
    return with_details(text.name_of(*processor), {text(f.at("address")), text(f.at("contact")),
                                                   country_shown(text(f.at("country")), text),
                                                   dpo.empty() ? "" : text.label("DPO") + ": " + dpo, contract});
}

std::string recipient_shown(const RecordView& view, const TextPicker& text, const std::string& code) {
    const Record* recipient = view.find(EntityKind::recipient, code);
    if (!recipient)
        return code;
    const auto& f = recipient->fields;
    std::string kind = text(f.at("kind"));
    kind = text.label(kind == "public_authority" ? "public authority" : kind);
    if (const auto processor = text(f.at("processor")); !processor.empty()) {
        const Record* p = view.find(EntityKind::processor, processor);
        kind += ": " + (p ? text.name_of(*p) : processor);
    }
    const auto location = text(f.at("location"));
    std::string shown = with_details(text.name_of(*recipient),
                                     {kind, location == "third_country"                ? text.label("in a third country")
                                            : location == "international_organisation" ? text.label("an international organisation")
                                            : location == "eea"                         ? text.label("in the EEA")
                                                                                        : location});
    if (const auto description = text(f.at("description")); !description.empty())
        shown += ": " + description;
    return shown;
}

std::string TextPicker::name_of(const Record& record) const {
    for (const char* field : {"name", "title"})
        if (auto it = record.fields.find(field); it != record.fields.end()) {
            auto shown = (*this)(it->second);
            if (!shown.empty())
                return shown;
        }
    return code_of(record);
}

std::string retention_summary(const Record& retention, const TextPicker& text) {
    const auto& f = retention.fields;
    std::string out;
    if (const auto* value = std::get_if<std::int64_t>(&f.at("duration_value"))) {
        const auto unit = text(f.at("duration_unit"));
        out = std::to_string(*value) + " " + text.label(*value == 1 ? unit : unit + "s");
        if (const auto trigger = text(f.at("trigger")); !trigger.empty())
            out += " " + text.label("from") + " " + trigger;
    }
    // criteria beside a duration are part of the limit too
    if (const auto criteria = text(f.at("criteria")); !criteria.empty())
        out += (out.empty() ? "" : "; ") + criteria;
    if (const auto justification = text(f.at("justification")); !justification.empty())
        out += " (" + justification + ")";
    return out;
}

std::vector<std::pair<std::string, std::string>> version_stamp(const RecordView& view, const TextPicker& text) {
    const bool unofficial = view.texts.shown_unofficial;
    std::vector<std::pair<std::string, std::string>> stamp;
    stamp.emplace_back("Controller", view.controller ? text.name_of(*view.controller) : text.label("(not recorded)"));
    if (view.version) {
        std::string version = text.label("change") + " " + std::to_string(view.version->id);
        for (const auto& tag : view.version->tags)
            version += ", " + text.label("tag") + " " + tag;
        stamp.emplace_back("Version", version);
        stamp.emplace_back("Recorded at", view.version->recorded_at);
        stamp.emplace_back("Chain hash", view.version->hash);
        if (view.changes_since)
            stamp.emplace_back("Changes since", view.since + " (" + text.label("change") + " " +
                                                    std::to_string(view.changes_since->from_change) + ")");
    } else {
        stamp.emplace_back("Version", text.label("(no history)"));
    }
    // Always there, so that a CSV has the same columns whichever activities it holds.
    stamp.emplace_back("Activities",
                       text.label(view.approved_only ? "approved (active) activities only; drafts, activities in "
                                                       "review and retired ones are left out"
                                                     : "all, each with its status"));
    stamp.emplace_back("Language", text.lang.empty() ? text.label("each text in its source language") : text.lang);
    stamp.emplace_back("Translations", text.label(unofficial ? "some texts are unofficial translations; the source text "
                                                               "is authoritative"
                                                             : "no unofficial translations shown"));
    return stamp;
}

} // namespace ropa::detail

// XLSX with libxlsxwriter: sheets for the controller (with the version stamp), the activities
// (one row each, columns in Art. 30 order as in the Belgian authority's and the ICO's
// templates), the purpose matrix, the legal catalogue and the change log. Header rows frozen,
// autofilter, wrapped text. The document's creation time is the version's own, so the same
// version gives the same bytes.

#include "export/xlsx_workbook.hpp"

namespace ropa::detail {

void write_xlsx(const RecordView& view, const TextPicker& text, const std::filesystem::path& file) {
    Workbook book(file);
    const auto stamp = version_stamp(view, text);
    book.properties(text.label("Record of processing activities (GDPR Art. 30)"), stamp[0].second, version_time(view));
    book.page_footer(text);
    // sheet names and headers in the form's language (a sheet's name: at most 31 characters)
    const auto name = [&](const char* english) { return text.label(english); };

    auto controller = as_rows(row_labels_in(text, stamp));
    controller.push_back({"", ""});
    for (auto& row : as_rows(row_labels_in(text, controller_rows(view, text))))
        controller.push_back(std::move(row));
    book.sheet(name("Controller").c_str(), labels_in(text, {"Item", "Value"}), controller, {42, 90});

    std::vector<double> activity_widths(activity_columns().size(), 28);
    activity_widths[0] = 14;
    activity_widths[1] = 36;
    activity_widths[2] = 40;
    auto activities = book.sheet(name("Activities").c_str(), labels_in(text, activity_columns()), activity_widths,
                                 labels_in(text, {"Last changed in change", "Revision"}));
    view.for_each_activity([&](const ActivityRecord& activity) { activities.row(activity_row(view, text, activity)); });
    activities.finish();

    std::vector<double> matrix_widths{8, 60, 24, 18};
    for (std::size_t c = 0; c < view.matrix.columns.size(); ++c)
        matrix_widths.push_back(16);
    matrix_widths.push_back(50);
    book.sheet(name("Purposes").c_str(), matrix_columns(view, text), matrix_rows(view, text), matrix_widths);

    book.sheet(name("Legal catalogue").c_str(), labels_in(text, {"Kind", "Code", "Article or reference", "Name"}),
               catalogue_rows(view, text), {20, 16, 30, 90});

    // What check says of this version, one record at a time (what it lacks, then its findings,
    // accepted ones with the reason), the summary below.
    auto findings = book.sheet(name("Check").c_str(), labels_in(text, check_columns()), {24, 12, 22, 90, 30});
    const auto summary = check_table(view, text, [&](const std::vector<std::string>& row) { findings.row(row); });
    findings.row({});
    for (const auto& [item, value] : summary)
        findings.row({text.label(item), "", "", value, ""});
    findings.finish();

    std::vector<std::vector<std::string>> log;
    for (const auto& change : view.changes) {
        std::string tags;
        for (const auto& tag : change.tags)
            tags += (tags.empty() ? "" : ", ") + tag;
        log.push_back({std::to_string(change.id), change.recorded_at, change.actor, change.reason, change.summary,
                       tags, change.hash});
    }
    book.sheet(name("Change log").c_str(),
               labels_in(text, {"Change", "Recorded at (UTC)", "Actor", "Reason", "What changed", "Tags", "Chain hash"}),
               log, {9, 26, 16, 50, 60, 16, 70}, labels_in(text, {"Change"}));
    if (view.changes_since)
        book.sheet(name("Changes since").c_str(), labels_in(text, changes_columns()), changes_rows(view, text),
                   {10, 22, 24, 24, 50, 50});
    book.close();
}

} // namespace ropa::detail

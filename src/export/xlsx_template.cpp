// An authority's template as an XLSX workbook: its table under its own headings (one row per
// activity it holds), the controller with the version stamp, and for a template that is a form
// for each activity (the CNIL's) the forms, one after the other, each from a new page on paper.

#include "export/xlsx_workbook.hpp"

namespace ropa::detail {

void write_xlsx_template(const RecordView& view, const TextPicker& text, const TemplateView& layout,
                         const std::filesystem::path& file) {
    Workbook book(file);
    const auto stamp = template_stamp(view, text, layout);
    book.properties(layout.title, stamp[1].second, version_time(view));
    book.page_footer(text);
    // the template's own headings, as its authority wrote them; the values in the form's language
    auto activities = book.sheet(layout.sheet.c_str(), layout.columns, std::vector<double>(layout.columns.size(), 30));
    view.for_each_activity([&](const ActivityRecord& activity) {
        if (layout.includes(activity))
            activities.row(layout.row(view, text, activity));
    });
    activities.finish();
    // who keeps the record, and which version this is (the template's own header block)
    auto controller = as_rows(row_labels_in(text, stamp));
    controller.push_back({"", ""});
    for (auto& row : as_rows(row_labels_in(text, controller_rows(view, text))))
        controller.push_back(std::move(row));
    book.sheet(text.label("Controller").c_str(), labels_in(text, {"Item", "Value"}), controller, {42, 90});
    if (layout.form) {
        // a label column, then as many as the widest section has (the actors: seven)
        auto forms = book.form(layout.form_sheet.c_str(), layout.title, {36, 24, 22, 20, 14, 14, 16, 26});
        bool first = true;
        view.for_each_activity([&](const ActivityRecord& activity) {
            if (!layout.includes(activity))
                return;
            forms.form_row({""});
            if (!first)
                forms.break_page();
            first = false;
            forms.form_row({layout.form_title, *activity.activity.code}, true);
            // the sections one under the other, their shaded headings parting them (no blank
            // rows: a fiche fits a landscape page at a size that reads)
            for (const auto& section : layout.form(view, text, activity)) {
                std::vector<std::string> headings{section.heading};
                headings.insert(headings.end(), section.columns.begin(), section.columns.end());
                forms.form_row(headings, true);
                for (const auto& row : section.rows)
                    forms.form_row(row);
            }
        });
        forms.finish_form();
    }
    book.close();
}

} // namespace ropa::detail

// The record laid out as an authority's own template (ExportOptions::template_name): its
// columns, in its order, with its headings in its language, filled from the same activity row
// every tabular format prints (activity_table.cpp), so a DPO can hand the authority the form it
// knows. The headings are compared with the template's, kept in tests/templates/ with their
// source, by tests/export/template_test.cpp.

#include <algorithm>

#include "export/formats.hpp"
#include "ropa/error.hpp"

namespace ropa::detail {

namespace {

// The activity's legal bases of one kind (lawfulness: Art. 6(1); special_category: Art. 9(2);
// criminal_data: Art. 10), each with the law it rests on, and for a legitimate interest what it
// is and where it was assessed.
struct BasesOfKind {
    std::vector<std::string> shown, interests, assessments;
};

BasesOfKind bases_of_kind(const RecordView& view, const TextPicker& text, const ActivityRecord& entry,
                          std::initializer_list<std::string_view> kinds) {
    BasesOfKind found;
    for (const auto& link : entry.links_of(LinkKind::activity_legal_basis)) {
        const Record* basis = view.find(EntityKind::legal_basis, link.to);
        if (!basis || std::find(kinds.begin(), kinds.end(), text(basis->fields.at("kind"))) == kinds.end())
            continue;
        found.shown.push_back(basis_with_sources(view, text, link.to, sources_of_basis(view, entry, link)));
        if (const auto it = link.fields.find("legitimate_interest"); it != link.fields.end() && !text(it->second).empty())
            found.interests.push_back(text(it->second));
        if (const auto it = link.fields.find("assessment_reference"); it != link.fields.end() && !text(it->second).empty())
            found.assessments.push_back(text(it->second));
    }
    return found;
}

// The third countries and international organisations an activity's transfers go to, by name.
std::string destinations(const RecordView& view, const TextPicker& text, const ActivityRecord& entry) {
    std::vector<std::string> names;
    for (const auto& link : entry.links_of(LinkKind::activity_transfer))
        if (const Record* transfer = view.find(EntityKind::transfer, link.to)) {
            auto shown = country_shown(text(transfer->fields.at("country")), text);
            if (shown.empty())
                shown = text(transfer->fields.at("international_organisation"));
            if (std::find(names.begin(), names.end(), shown) == names.end())
                names.push_back(shown);
        }
    return one_per_line(names);
}

// UK ICO, documentation template for controllers: its 30 columns (tests/templates/
// ico-controller.columns). Columns ropa does not record (a consent record, breaches, the
// retention policy document) are left empty; a controller's activities only (the ICO keeps a
// separate template for processors).
TemplateView ico_controller() {
    TemplateView view;
    view.name = "ico";
    view.title = "ICO documentation template for controllers";
    view.columns = {"Business function",
                    "Purpose of processing",
                    "Name and contact details of joint controller (if applicable)",
                    "Categories of individuals",
                    "Categories of personal data",
                    "Categories of recipients",
                    "Link to contract with processor",
                    "Names of third countries or international organisations that personal data are transferred to (if applicable)",
                    "Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)",
                    "Retention schedule (if possible)",
                    "General description of technical and organisational security measures (if possible)",
                    "Article 6 lawful basis for processing personal data",
                    "Article 9 condition for processing special category data",
                    "Legitimate interests for the processing (if applicable)",
                    "Link to record of legitimate interests assessment (if applicable)",
                    "Rights available to individuals",
                    "Existence of automated decision-making, including profiling (if applicable)",
                    "The source of the personal data (if applicable)",
                    "Link to record of consent",
                    "Location of personal data",
                    "Data Protection Impact Assessment required?",
                    "Data Protection Impact Assessment progress",
                    "Link to Data Protection Impact Assessment",
                    "Has a personal data breach occurred?",
                    "Link to record of personal data breach",
                    "Data Protection Act 2018 Schedule 1 Condition for processing",
                    "GDPR Article 6 lawful basis for processing",
                    "Link to retention and erasure policy document",
                    "Is personal data retained and erased in accordance with the policy document?",
                    "Reasons for not adhering to policy document (if applicable)"};
    view.includes = done_as_controller;
    view.row = [](const RecordView& records, const TextPicker& text, const ActivityRecord& entry) {
        const auto ours = activity_row(records, text, entry);
        const auto column = [&](std::string_view heading) { return ours.at(activity_column(heading)); };
        const auto lawful = bases_of_kind(records, text, entry, {"lawfulness"});
        const auto special = bases_of_kind(records, text, entry, {"special_category"});
        // the DPA 2018's Schedule 1 conditions are the law an Art. 9(2) or Art. 10 basis rests on
        const auto schedule = bases_of_kind(records, text, entry, {"special_category", "criminal_data"});
        // the template has no status column: an activity not yet approved says so by its name
        const auto name = column("Name of the processing") + approval_mark(entry, text);
        const auto purposes = column("Purposes (Art. 30(1)(b))");
        // the Data Protection Act 2018 section is about special category and criminal data alone
        const bool sensitive = !column("Special or criminal data (Art. 9, 10)").empty();
        return std::vector<std::string>{
            column("Department"),
            purposes.empty() ? name : name + ": " + purposes,
            column("Joint controllers (Art. 30(1)(a))"),
            column("Categories of data subjects (Art. 30(1)(c))"),
            column("Categories of personal data (Art. 30(1)(c))"),
            column("Recipients (Art. 30(1)(d))"),
            column("Processors"),
            destinations(records, text, entry),
            column("Transfers to third countries (Art. 30(1)(e))"),
            column("Time limits for erasure (Art. 30(1)(f))"),
            column("Security measures (Art. 30(1)(g))"),
            one_per_line(lawful.shown),
            one_per_line(special.shown),
            one_per_line(lawful.interests),
            one_per_line(lawful.assessments),
            column("Data subjects' rights"),
            column("Automated decision-making, profiling (Art. 22, 13(2)(f))"),
            column("Source of the data (Art. 14(2)(f))"),
            "",
            column("Where the data are kept"),
            column("DPIA required"),
            column("DPIA status"),
            column("DPIA link"),
            "",
            "",
            sensitive ? one_per_line(schedule.shown) : std::string(),
            sensitive ? one_per_line(lawful.shown) : std::string(),
            "",
            "",
            ""};
    };
    return view;
}

const std::vector<TemplateView>& template_views() {
    static const std::vector<TemplateView> views{ico_controller(), cnil_register()};
    return views;
}

} // namespace

bool done_as_controller(const ActivityRecord& entry) {
    const auto* role = std::get_if<std::string>(&entry.activity.fields.at("role"));
    return !role || *role != "processor";
}

std::vector<std::pair<std::string, std::string>> template_stamp(const RecordView& view, const TextPicker& text,
                                                               const TemplateView& layout) {
    auto stamp = version_stamp(view, text);
    // which activities the template holds, and how many it leaves to the processors' record:
    // a workbook that says "all" while it holds the controller's activities alone misleads
    std::size_t left_out = 0;
    view.for_each_activity([&](const ActivityRecord& activity) { left_out += !layout.includes(activity); });
    for (auto& [item, value] : stamp)
        if (item == "Activities") {
            value = text.label(view.approved_only ? "the approved (active) activities done as controller"
                                                  : "the activities done as controller, each with its status");
            if (left_out > 0)
                value += "; " + std::to_string(left_out) + " " +
                         text.label(left_out == 1 ? "activity done as processor (Art. 30(2)) is not in this template: "
                                                    "ropa export without --template holds it"
                                                  : "activities done as processor (Art. 30(2)) are not in this "
                                                    "template: ropa export without --template holds them");
        }
    stamp.insert(stamp.begin(), {"Layout", layout.title});
    return stamp;
}

std::vector<std::string> template_names() {
    std::vector<std::string> names;
    for (const auto& view : template_views())
        names.push_back(view.name);
    return names;
}

const TemplateView& template_view(std::string_view name) {
    for (const auto& view : template_views())
        if (view.name == name)
            return view;
    throw Error(Errc::validation,
                "template: \"" + std::string(name) +
                    "\" is not a template ropa lays out; it knows ico (the UK ICO's documentation template for "
                    "controllers) and cnil (the CNIL's model register, a form for each activity)",
                "template");
}

} // namespace ropa::detail

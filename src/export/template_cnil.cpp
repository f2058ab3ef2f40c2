// The CNIL's model register (modèle de registre simplifié, 2019) as a view of the record: the
// list of processings of its sheet "2 - Liste des traitements", and for each activity the fiche
// of its sheet "3 - Modèle de fiche de registre", section by section under the CNIL's own
// headings (tests/templates/cnil-registre-simplifie.columns, with its source). The headings
// stay in French, as the CNIL wrote them; the values are the register's, in the form's language.
//
// Where the model offers its own typology (six kinds of ordinary data, the nine kinds of
// sensitive data), the rows are the activity's own categories, each under its own name: ropa's
// categories are the register's (the annex's), and sorting them into the CNIL's kinds would be
// ropa's guess, not the DPO's record (decision D47). Numbered rows ("Destinataire 1") are as many
// as the activity has, and never fewer than the model prints, so the fiche keeps its shape.

#include <algorithm>

#include "export/formats.hpp"

namespace ropa::detail {

namespace {

bool is_set(const Record& record, const char* flag) {
    const auto* value = std::get_if<bool>(&record.fields.at(flag));
    return value && *value;
}

// Rows "Destinataire 1", "Destinataire 2", ... for `cells`, padded with empty rows up to the
// model's own count; where there are none, the first says `none` (a blank form reads as one
// not filled in).
std::vector<std::vector<std::string>> numbered(const std::string& label, std::vector<std::vector<std::string>> cells,
                                               std::size_t at_least, std::size_t width, const std::string& none = "") {
    if (cells.empty() && !none.empty()) {
        cells.emplace_back(width, "");
        cells.back().back() = none;
    }
    while (cells.size() < at_least)
        cells.emplace_back(width, "");
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        std::vector<std::string> row{label + " " + std::to_string(i + 1)};
        row.insert(row.end(), cells[i].begin(), cells[i].end());
        rows.push_back(std::move(row));
    }
    return rows;
}

// The activity's time limits for one data category: its own rows, then those for all the data
// (labelled so where the category has its own too: check warns of the overlap, the fiche shows
// both, as the other exports do).
std::string time_limits(const RecordView& view, const TextPicker& text, const ActivityRecord& entry,
                        const std::string& category) {
    std::vector<std::string> own, all;
    for (const auto& row : entry.retention) {
        const auto scope = text(row.fields.at("data_category"));
        if (!scope.empty() && scope != category)
            continue;
        std::string shown = retention_summary(row, text);
        if (const auto group = text(row.fields.at("data_subject")); !group.empty()) {
            const Record* g = view.find(EntityKind::data_subject, group);
            shown = text.label("of") + " " + (g ? text.name_of(*g) : group) + ": " + shown;
        }
        (scope.empty() ? all : own).push_back(std::move(shown));
    }
    if (!own.empty())
        for (auto& row : all)
            own.push_back(text.label("all data") + ": " + row);
    return one_per_line(own.empty() ? all : own);
}

// A data category as the fiche describes it: its description, the data subjects it is about,
// where it comes from.
std::string category_description(const RecordView& view, const TextPicker& text, const Record& category,
                                 const Link& link) {
    std::vector<std::string> parts;
    if (const auto description = text(category.fields.at("description")); !description.empty())
        parts.push_back(description);
    if (auto it = link.fields.find("data_subjects"); it != link.fields.end())
        if (const auto* codes = std::get_if<Codes>(&it->second); codes && !codes->empty()) {
            std::vector<std::string> about;
            for (const auto& code : *codes) {
                const Record* group = view.find(EntityKind::data_subject, code);
                about.push_back(group ? text.name_of(*group) : code);
            }
            parts.push_back(text.label("of") + " " + join_with(about, ", "));
        }
    if (auto it = link.fields.find("source"); it != link.fields.end() && !text(it->second).empty())
        parts.push_back(text.label("source") + ": " + text(it->second));
    return one_per_line(parts);
}

std::vector<FormSection> cnil_fiche(const RecordView& view, const TextPicker& text, const ActivityRecord& entry) {
    const auto& f = entry.activity.fields;
    const RecordDates* dates = view.dates_of(entry.activity.id);
    std::vector<FormSection> fiche;

    fiche.push_back({"Description du traitement",
                     {},
                     {{"Nom du traitement", text(f.at("name")) + approval_mark(entry, text)},
                      {"N° / RÉF", *entry.activity.code},
                      {"Date de création du traitement", text(f.at("start_date"))},
                      {"Mise à jour du traitement", dates ? dates->changed_on : std::string()}}});

    // The actors: the controller and its DPO and representative as the register holds them
    // (an address is one text: the postcode and town are in it), then each joint controller.
    const auto controller = [&](const char* field) {
        return view.controller ? text(view.controller->fields.at(field)) : std::string();
    };
    FormSection actors{"Acteurs", {"Nom", "Adresse", "Code Postal", "Ville", "Pays", "Téléphone", "Adresse mél"}, {}};
    actors.rows.push_back({"Responsable du traitement", controller("name"), controller("address"), "", "", "",
                           controller("phone"), controller("email")});
    actors.rows.push_back({"Délégué à la protection des données", controller("dpo_name"), controller("dpo_address"), "",
                           "", "", controller("dpo_phone"), controller("dpo_email")});
    actors.rows.push_back({"Société du DPO (si celui-ci est externe)", "", "", "", "", "", "", ""});
    actors.rows.push_back({"Représentant", controller("representative_name"), controller("representative_contact"), "",
                           "", "", "", ""});
    // A joint controller: its name with its representative, DPO and share of the
    // responsibilities under it; its contact, one free text in ropa, under the e-mail where it
    // is an address (it holds "@"), else under the telephone.
    bool joint = false;
    for (const auto& link : entry.links_of(LinkKind::activity_joint_controller)) {
        const Record* party = view.find(EntityKind::party, link.to);
        if (!party) continue;
        std::string name = text.name_of(*party);
        if (const auto representative = text(party->fields.at("representative")); !representative.empty())
            name += "\n" + text.label("representative") + ": " + representative;
        if (const auto dpo = text(party->fields.at("dpo_contact")); !dpo.empty())
            name += "\n" + text.label("DPO") + ": " + dpo;
        if (auto r = link.fields.find("responsibilities"); r != link.fields.end() && !text(r->second).empty())
            name += "\n" + text.label("responsible for") + ": " + text(r->second);
        const auto contact = text(party->fields.at("contact"));
        const bool mail = contact.find('@') != std::string::npos;
        actors.rows.push_back({"Responsable(s) conjoint(s)", name, text(party->fields.at("address")), "", "",
                               country_shown(text(party->fields.at("country")), text), mail ? "" : contact,
                               mail ? contact : ""});
        joint = true;
    }
    if (!joint)
        actors.rows.push_back({"Responsable(s) conjoint(s)", "", "", "", "", "", "", ""});
    fiche.push_back(std::move(actors));

    // The purposes: the first the main one, the others its sub-purposes.
    FormSection purposes{"Finalité(s) du traitement effectué", {}, {}};
    std::vector<std::vector<std::string>> subs;
    for (const auto& link : entry.links_of(LinkKind::activity_purpose)) {
        const Record* purpose = view.find(EntityKind::purpose, link.to);
        const auto name = purpose ? text.name_of(*purpose) : link.to;
        if (purposes.rows.empty())
            purposes.rows.push_back({"Finalité principale", name});
        else
            subs.push_back({name});
    }
    if (purposes.rows.empty())
        purposes.rows.push_back({"Finalité principale", text.label("none recorded")});
    for (auto& row : numbered("Sous-finalité", std::move(subs), 5, 1))
        purposes.rows.push_back(std::move(row));
    fiche.push_back(std::move(purposes));

    FormSection ordinary{"Catégories de données personnelles concernées", {"Description", "Durée de conservation"}, {}};
    FormSection sensitive{"Données sensibles", {"Description", "Durée de conservation"}, {}};
    for (const auto& link : entry.links_of(LinkKind::activity_data_category)) {
        const Record* category = view.find(EntityKind::data_category, link.to);
        if (!category) continue;
        const bool special = is_set(*category, "is_special"), criminal = is_set(*category, "is_criminal");
        std::string name = text.name_of(*category);
        if (special) name += " (Art. 9)";
        if (criminal) name += " (Art. 10)";
        (special || criminal ? sensitive : ordinary)
            .rows.push_back({name, category_description(view, text, *category, link),
                             time_limits(view, text, entry, link.to)});
    }
    for (auto* section : {&ordinary, &sensitive})
        if (section->rows.empty())
            section->rows.push_back({text.label("none recorded"), "", ""});
    fiche.push_back(std::move(ordinary));
    fiche.push_back(std::move(sensitive));

    std::vector<std::vector<std::string>> subjects;
    for (const auto& link : entry.links_of(LinkKind::activity_data_subject)) {
        const Record* subject = view.find(EntityKind::data_subject, link.to);
        subjects.push_back({subject ? text.name_of(*subject) : link.to,
                            subject ? text(subject->fields.at("description")) : std::string()});
    }
    fiche.push_back({"Catégories de personnes concernées", {"Description", "Précisions"},
                     numbered("Catégorie de personnes", std::move(subjects), 2, 2, text.label("none recorded"))});

    // Who receives the data: each recipient by its kind, with its name and details, then each
    // processor (a recipient too, Art. 4(9)); "none" where the DPO confirmed there are none.
    // A recipient that is one of the activity's processors carries that processor's details
    // (its contract), and the processor is not listed again.
    std::vector<std::vector<std::string>> recipients;
    std::vector<std::string> processors_named;
    const auto& engaged = entry.links_of(LinkKind::activity_processor);
    for (const auto& link : entry.links_of(LinkKind::activity_recipient)) {
        const Record* recipient = view.find(EntityKind::recipient, link.to);
        std::string kind = recipient ? text(recipient->fields.at("kind")) : std::string();
        kind = text.label(kind == "public_authority" ? "public authority" : kind);
        std::string shown = recipient_shown(view, text, link.to);
        const auto processor = recipient ? text(recipient->fields.at("processor")) : std::string();
        if (!processor.empty() && std::any_of(engaged.begin(), engaged.end(),
                                              [&](const Link& p) { return p.to == processor; })) {
            shown += "\n" + processor_shown(view, text, processor);
            processors_named.push_back(processor);
        }
        recipients.push_back({kind, shown});
    }
    for (const auto& link : engaged)
        if (std::find(processors_named.begin(), processors_named.end(), link.to) == processors_named.end())
            recipients.push_back({text.label("processor"), processor_shown(view, text, link.to)});
    if (recipients.empty() && is_set(entry.activity, "no_recipients"))
        recipients.push_back({"", text.label("none: the data are disclosed to no recipient (confirmed)")});
    fiche.push_back({"Destinataires", {"Type de destinataire", "Précisions"},
                     numbered("Destinataire", std::move(recipients), 4, 2, text.label("none recorded"))});

    std::vector<std::vector<std::string>> measures;
    for (const auto& link : entry.links_of(LinkKind::activity_security_measure)) {
        const Record* measure = view.find(EntityKind::security_measure, link.to);
        if (!measure) continue;
        const Record* type = view.find(EntityKind::measure_type, text(measure->fields.at("type")));
        std::string shown = text.name_of(*measure);
        if (const auto description = text(measure->fields.at("description")); !description.empty())
            shown += ": " + description;
        measures.push_back({type ? text.name_of(*type) : text(measure->fields.at("type")), shown});
    }
    fiche.push_back({"Mesures de sécurité", {"Type de mesure de sécurité", "Précisions"},
                     numbered("Mesure de sécurité", std::move(measures), 3, 2, text.label("none recorded"))});

    std::vector<std::vector<std::string>> transfers;
    for (const auto& link : entry.links_of(LinkKind::activity_transfer)) {
        const Record* transfer = view.find(EntityKind::transfer, link.to);
        if (!transfer) continue;
        const auto& t = transfer->fields;
        std::string to = text(t.at("recipient"));
        if (const Record* r = to.empty() ? nullptr : view.find(EntityKind::recipient, to))
            to = text.name_of(*r);
        std::string where = country_shown(text(t.at("country")), text);
        if (where.empty())
            where = text(t.at("international_organisation"));
        std::string tool = text(t.at("transfer_tool"));
        if (const Record* used = tool.empty() ? nullptr : view.find(EntityKind::transfer_tool, tool))
            tool = text(used->fields.at("article")) + ": " + text.name_of(*used);
        transfers.push_back({to, where, tool, text(t.at("safeguards_documentation"))});
    }
    fiche.push_back({"Transferts hors UE", {"Destinataire", "Pays", "Type de Garanties", "Liens vers la documentation"},
                     numbered("Organisme destinataire", std::move(transfers), 4, 4, text.label("none recorded"))});

    // What the register records that the model has no place for (its legal bases first), in a
    // section of ropa's own, said to be so: a fiche must not drop what the DPO recorded.
    FormSection more{text.label("Other facts the register records (not in the CNIL's model)"), {}, {}};
    const auto columns = activity_columns();
    const auto row = activity_row(view, text, entry);
    for (const char* column : {"Description", "Legal bases (Art. 6, 9, 10)", "Obligation to provide the data (Art. 13(2)(e))",
                               "Automated decision-making, profiling (Art. 22, 13(2)(f))", "Systems used",
                               "Where the data are kept", "Data subjects' rights",
                               "Entry in another controller's register", "Department", "Process owner",
                               "Mandated officials", "Status", "Approved by", "Approved at (UTC)", "Why approved",
                               "Next review", "End date", "DPIA required", "DPIA status", "DPIA link", "Replaced by",
                               "Notes"}) {
        const auto& value = row.at(activity_column(column));
        if (!value.empty() || std::string_view(column) == "Legal bases (Art. 6, 9, 10)")
            more.rows.push_back({text.label(column), value});
        // the source of the data as a whole, after the description (each category's own
        // source is with the category, above)
        if (std::string_view(column) == "Description")
            if (const auto source = text(f.at("data_source")); !source.empty())
                more.rows.push_back({text.label("Source of the data (Art. 14(2)(f))"), source});
    }
    fiche.push_back(std::move(more));
    return fiche;
}

} // namespace

TemplateView cnil_register() {
    TemplateView view;
    view.name = "cnil";
    view.title = "CNIL, modèle de registre simplifié";
    // sheet "2 - Liste des traitements": its row of headings (row 8, under "Identification du
    // traitement", "Finalité du traitement" and "Données sensibles ?" of row 7)
    view.columns = {"Nom du traitement",
                    "N° / RÉF",
                    "Date de création de la fiche",
                    "Dernière mise à jour de la fiche",
                    "Finalité du traitement",
                    "Données sensibles ? Oui/non"};
    view.includes = done_as_controller;
    view.row = [](const RecordView& records, const TextPicker& text, const ActivityRecord& entry) {
        const RecordDates* dates = records.dates_of(entry.activity.id);
        std::vector<std::string> purposes;
        bool sensitive = false;
        for (const auto& link : entry.links_of(LinkKind::activity_purpose)) {
            const Record* purpose = records.find(EntityKind::purpose, link.to);
            purposes.push_back(purpose ? text.name_of(*purpose) : link.to);
        }
        for (const auto& link : entry.links_of(LinkKind::activity_data_category))
            if (const Record* category = records.find(EntityKind::data_category, link.to))
                sensitive = sensitive || is_set(*category, "is_special") || is_set(*category, "is_criminal");
        return std::vector<std::string>{text(entry.activity.fields.at("name")) + approval_mark(entry, text),
                                        *entry.activity.code,
                                        dates ? dates->created_on : std::string(),
                                        dates ? dates->changed_on : std::string(),
                                        one_per_line(purposes),
                                        text.label(sensitive ? "yes" : "no")};
    };
    view.sheet = "Liste des traitements";
    view.form = cnil_fiche;
    view.form_sheet = "Fiches de registre";
    view.form_title = "Fiche de registre";
    return view;
}

} // namespace ropa::detail

#include "domain/rules.hpp"

#include "domain/countries.hpp"

#include <algorithm>
#include <array>

namespace ropa::detail {

namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : ", ") + item;
    return out;
}

bool allowed_by_some_purpose(const std::map<std::string, std::set<std::string>>& allowed,
                             const std::vector<std::string>& purposes, const std::string& code) {
    for (const auto& purpose : purposes)
        if (auto it = allowed.find(purpose); it != allowed.end() && it->second.count(code))
            return true;
    return false;
}

} // namespace

std::optional<RuleViolation> transfer_violation(const TransferView& transfer) {
    const bool outside_eea = transfer.international_organisation.has_value() ||
                             (transfer.country && !is_eea_country(*transfer.country));
    if (!outside_eea)
        return std::nullopt;
    const std::string destination = transfer.country ? *transfer.country : *transfer.international_organisation;
    if (!transfer.tool_code)
        return RuleViolation{"transfer tool", "Art. 44-49",
                             "transfer " + transfer.code + " to " + destination +
                                 " (outside the EEA) needs a transfer tool (Art. 45, 46, 47 or 49)", "transfer-tool-missing"};
    if (transfer.tool_requires_documentation && !transfer.safeguards_documentation)
        return RuleViolation{"documented safeguards", "Art. 49(1) second subparagraph, Art. 30(1)(e)",
                             "transfer " + transfer.code + " relies on the second subparagraph of Art. 49(1) and "
                                                           "needs its suitable safeguards documented", "transfer-safeguards-undocumented"};
    return std::nullopt;
}

std::vector<RuleViolation> activity_violations(const ActivityView& activity) {
    std::vector<RuleViolation> found;
    const std::string who = "activity " + activity.code;
    // What makes it a record at all: without these, approving it would approve nothing.
    if (activity.role == "processor") {
        if (!activity.has_description)
            found.push_back({completeness_rule, "Art. 30(2)(b)",
                             who + ": the categories of processing carried out on behalf of the controller "
                                   "(description) are missing", "processor-description-missing"});
    } else {
        if (activity.purposes.empty())
            found.push_back({completeness_rule, "Art. 30(1)(b)", who + ": no purpose", "purpose-missing"});
        if (activity.subjects == 0)
            found.push_back({completeness_rule, "Art. 30(1)(c)", who + ": no category of data subjects", "data-subjects-missing"});
        if (activity.categories.empty())
            found.push_back({completeness_rule, "Art. 30(1)(c)", who + ": no category of personal data", "data-categories-missing"});
        if (activity.bases.empty())
            found.push_back({completeness_rule, "Art. 6(1)", who + ": no legal basis", "legal-basis-missing"});
        else if (std::none_of(activity.bases.begin(), activity.bases.end(),
                              [](const auto& b) { return b.kind == LegalBasisKind::lawfulness; }))
            found.push_back({completeness_rule, "Art. 6(1)",
                             who + ": no Art. 6(1) basis: an Art. 9(2) condition or the Art. 10 basis is not a "
                                   "lawful basis on its own", "art6-basis-missing"});
    }
    for (const auto& category : activity.categories)
        if (!allowed_by_some_purpose(activity.allowed_categories, activity.purposes, category.code))
            found.push_back({"purpose limitation", "Art. 5(1)(b)",
                             who + ": data category " + category.code + " is not allowed for any of its purposes (" +
                                 (activity.purposes.empty() ? std::string("it has none") : join(activity.purposes)) +
                                 "); link the purpose first or allow the category for one of them", "category-not-allowed"});
    for (const auto& basis : activity.bases)
        if (!basis.to_be_determined && !allowed_by_some_purpose(activity.allowed_bases, activity.purposes, basis.code))
            found.push_back({"purpose limitation", "Art. 5(1)(b), Art. 6(1)",
                             who + ": legal basis " + basis.code + " is not allowed for any of its purposes (" +
                                 (activity.purposes.empty() ? std::string("it has none") : join(activity.purposes)) +
                                 ")", "basis-not-allowed"});
    // A placeholder records that the ground is still being worked out; it satisfies no rule.
    // determined: a real basis of that kind (for Art. 10, one citing its source); pending: a
    // placeholder of that kind.
    const auto determined = [&](LegalBasisKind kind) {
        return std::any_of(activity.bases.begin(), activity.bases.end(), [&](const auto& b) {
            return b.kind == kind && !b.to_be_determined &&
                   (kind != LegalBasisKind::criminal_data || b.cites_a_source);
        });
    };
    const auto pending = [&](LegalBasisKind kind) {
        return std::any_of(activity.bases.begin(), activity.bases.end(),
                           [&](const auto& b) { return b.kind == kind && b.to_be_determined; });
    };
    // Every placeholder is listed: an approved record says what the ground is, never "to be
    // determined", even beside a real basis of the same kind.
    for (const auto& basis : activity.bases) {
        if (!basis.to_be_determined)
            continue;
        switch (basis.kind) {
        case LegalBasisKind::lawfulness:
            found.push_back({"legal basis to be determined", "Art. 6(1)",
                             who + ": its legal basis (Art. 6(1)) is still to be determined (" + basis.code + ")", "art6-basis-to-be-determined"});
            break;
        case LegalBasisKind::special_category:
            found.push_back({"special categories", "Art. 9(2)",
                             who + ": its Art. 9(2) condition for special categories of data is still to be "
                                   "determined (" + basis.code + ")", "art9-condition-to-be-determined"});
            break;
        case LegalBasisKind::criminal_data:
            found.push_back({"criminal data", "Art. 10",
                             who + ": its Art. 10 basis for data on criminal convictions and offences is still to "
                                   "be determined (" + basis.code + ")", "art10-basis-to-be-determined"});
            break;
        }
    }
    const bool special = std::any_of(activity.categories.begin(), activity.categories.end(),
                                     [](const auto& c) { return c.is_special; });
    const bool criminal = std::any_of(activity.categories.begin(), activity.categories.end(),
                                      [](const auto& c) { return c.is_criminal; });
    if (special && !determined(LegalBasisKind::special_category) && !pending(LegalBasisKind::special_category))
        found.push_back({"special categories", "Art. 9(2)",
                         who + " processes special categories of data (Art. 9(1)) and needs an Art. 9(2) condition "
                               "among its legal bases", "art9-condition-missing"});
    if (criminal && !determined(LegalBasisKind::criminal_data) && !pending(LegalBasisKind::criminal_data))
        found.push_back({"criminal data", "Art. 10",
                         who + " processes data on criminal convictions and offences and needs the Art. 10 basis "
                               "citing the legal source that authorises it", "art10-basis-missing"});
    for (const auto& transfer : activity.transfers)
        if (auto violation = transfer_violation(transfer))
            found.push_back(*violation);
    // A recipient outside the EEA is a transfer (Chapter V): the record must show it, with its
    // country and tool, before it is approved. A transfer that names no recipient may be the
    // one: no finding then.
    const bool unnamed_transfer = std::any_of(activity.transfers.begin(), activity.transfers.end(),
                                              [](const auto& t) { return !t.recipient_code; });
    for (const auto& [name, location] : activity.recipients_outside_eea) {
        const std::string& recipient = name;  // a plain reference: lambdas cannot capture bindings in clang 14
        const bool recorded = std::any_of(activity.transfers.begin(), activity.transfers.end(),
                                          [&](const auto& t) { return t.recipient_code == recipient; });
        if (!recorded && !unnamed_transfer)
            found.push_back({"transfers", "Art. 30(1)(e)",
                             who + ": recipient " + recipient + " is located " +
                                 (location == "international_organisation" ? "in an international organisation"
                                                                           : "in a third country") +
                                 ", but no transfer to it is recorded (country or organisation, and transfer tool)",
                             "transfer-missing-for-recipient"});
    }
    return found;
}

RegisterCheck::RegisterCheck(const ControllerView& controller, std::string today,
                             std::vector<Acknowledgement> acknowledgements, const Sink* sink)
    : public_authority_(controller.is_public_authority), today_(std::move(today)), sink_(sink) {
    for (auto& acknowledgement : acknowledgements) {
        auto key = std::make_pair(acknowledgement.finding_code, acknowledgement.subject);
        acknowledgements_.emplace(std::move(key), std::move(acknowledgement));
    }
    // The DPO is an item of the record where one is designated, and where a public authority
    // must designate one (Art. 37(1)(a)).
    std::vector<std::pair<std::string, bool>> items{
        {"Art. 30(1)(a): name and contact details of the controller", controller.exists && controller.has_contact}};
    if (controller.is_public_authority || controller.has_dpo)
        items.emplace_back("Art. 30(1)(a): name and contact details of the data protection officer",
                           controller.has_dpo && controller.has_dpo_contact);
    count("controller", items);
    if (!controller.exists) {
        add(Severity::error, "controller-missing", "controller", "Art. 30(1)(a)", "no controller: name and contact details are missing");
    } else {
        if (!controller.has_contact)
            add(Severity::error, "controller-contact-missing", "controller", "Art. 30(1)(a)",
                "the controller's contact details (address, e-mail or telephone) are missing");
        if (!controller.has_dpo)
            add(controller.is_public_authority ? Severity::error : Severity::warning, "dpo-missing", "controller", "Art. 30(1)(a)",
                controller.is_public_authority
                    ? "the data protection officer's name and contact details are missing (a public authority must "
                      "designate one, Art. 37(1)(a))"
                    : "no data protection officer is recorded (needed where Art. 37(1) applies)");
        else if (!controller.has_dpo_contact)
            add(controller.is_public_authority ? Severity::error : Severity::warning, "dpo-contact-missing", "controller",
                "Art. 30(1)(a), 37(7)",
                "the data protection officer's contact details (e-mail, telephone or address) are missing: the "
                "record gives them (Art. 30(1)(a)), and the controller publishes them and communicates them to the "
                "supervisory authority (Art. 37(7))");
    }
}

void RegisterCheck::add(Severity severity, std::string code, std::string subject, std::string article,
                        std::string message) {
    Finding finding{severity, std::move(subject), std::move(article), std::move(message), std::move(code), {}};
    // An error is a rule: never accepted, whatever was recorded.
    if (severity == Severity::warning)
        if (auto it = acknowledgements_.find({finding.code, finding.subject}); it != acknowledgements_.end()) {
            finding.acknowledgement = it->second;
            acknowledged_.insert(it->first);
        }
    if (sink_)
        sink_->finding(finding);
    else
        report_.findings.push_back(std::move(finding));
}

void RegisterCheck::count(const std::string& subject, const std::vector<std::pair<std::string, bool>>& items,
                          const std::vector<std::pair<std::string, bool>>& required) {
    MissingItems missing{subject, items.size(), 0, {}};
    for (const auto& [item, present] : items)
        if (present)
            ++missing.present;
        else
            missing.missing.push_back(item);
    missing.required = required.size();
    for (const auto& [item, present] : required)
        if (present)
            ++missing.required_present;
        else
            missing.missing_required.push_back(item);
    auto& completeness = report_.completeness;
    completeness.items += missing.items;
    completeness.present += missing.present;
    completeness.required += missing.required;
    completeness.required_present += missing.required_present;
    // complete: all of its Art. 30 items (the law's figure, whatever the register requires)
    if (missing.missing.empty() && subject != "controller")
        ++completeness.complete_activities;
    if (!missing.missing.empty() || !missing.missing_required.empty()) {
        if (sink_)
            sink_->incomplete(missing);
        else
            completeness.incomplete.push_back(std::move(missing));
    }
}

void RegisterCheck::add_activity(const ActivityView& a) {
    report_.activities_checked++;
    const std::string subject = "activity:" + a.code;
    const bool processor = a.role == "processor";
    // The items of its record. Transfers are an item only where there are some, or a recipient
    // outside the EEA calls for them (an activity without either is not more complete for it);
    // the time limits where every category the activity processes has one (or one covers all).
    const bool transfers_apply = !a.recipients_outside_eea.empty() || !a.transfers.empty();
    const std::pair<std::string, bool> transfers{
        std::string("Art. 30(") + (processor ? "2)(c)" : "1)(e)") +
            ": transfers to third countries or international organisations",
        !a.transfers.empty()};
    // Every datum has a time limit: a row for all the activity's data, rows for all the data of
    // each of its categories of data subjects, or a row for each data category it processes.
    const bool all_data_covered =
        a.has_general_retention ||
        (!a.subject_codes.empty() &&
         std::all_of(a.subject_codes.begin(), a.subject_codes.end(),
                     [&](const auto& s) { return a.subjects_with_all_data_retention.count(s) > 0; }));
    std::vector<std::pair<std::string, bool>> items;
    if (processor) {
        items = {{"Art. 30(2)(a): name and contact details of the controller it acts for", a.on_behalf_has_contact},
                 {"Art. 30(2)(b): categories of processing (the description)", a.has_description}};
        if (transfers_apply)
            items.push_back(transfers);
        items.emplace_back("Art. 30(2)(d): technical and organisational security measures", a.measures > 0);
    } else {
        items = {{"Art. 30(1)(b): purposes", !a.purposes.empty()},
                 {"Art. 30(1)(c): categories of data subjects", a.subjects > 0},
                 {"Art. 30(1)(c): categories of personal data", !a.categories.empty()},
                 {"Art. 30(1)(d): categories of recipients", a.recipients > 0 || a.no_recipients}};
        if (transfers_apply)
            items.push_back(transfers);
        items.emplace_back("Art. 30(1)(f): time limits for erasure",
                           all_data_covered ||
                               (!a.categories.empty() &&
                                std::all_of(a.categories.begin(), a.categories.end(),
                                            [&](const auto& c) { return a.retention_categories.count(c.code) > 0; })));
        items.emplace_back("Art. 30(1)(g): technical and organisational security measures", a.measures > 0);
    }
    // The fields the DPO requires beyond Art. 30, each by its name and what it holds
    std::vector<std::pair<std::string, bool>> required;
    for (const auto& field : requirable_fields())
        if (std::find(required_.begin(), required_.end(), field.name) != required_.end() &&
            !(processor && field.controller_only))
            required.emplace_back(field.name + ": " + field.item, a.fields_present.count(field.name) > 0);
    count(subject, items, required);
    // The items without which the record is not a record (Art. 30(1)(b), (c), Art. 6(1); Art.
    // 30(2)(b)) come first: they are rules, which an approval must meet (activity_violations).
    const auto violations = activity_violations(a);
    for (const auto& violation : violations)
        if (violation.rule == completeness_rule)
            add(Severity::error, violation.code, subject, violation.article, violation.message);
    if (processor) {
        if (!a.on_behalf_has_contact)
            add(Severity::warning, "acting-for-contact-missing", subject, "Art. 30(2)(a)",
                "the contact details of the controller it processes for are missing (party address or contact)");
        if (a.measures == 0)
            add(Severity::warning, "security-measures-missing", subject, "Art. 30(2)(d)", "no security measures are described");
    } else {
        if (a.recipients == 0 && !a.no_recipients)
            add(Severity::warning, "recipients-missing", subject, "Art. 30(1)(d)",
                "no category of recipients (record them, or confirm that the data are disclosed to no one)");
        if (a.recipients > 0 && a.no_recipients)
            add(Severity::warning, "no-recipients-contradicted", subject, "Art. 30(1)(d)",
                "confirmed as disclosed to no recipient, yet " + std::to_string(a.recipients) +
                    (a.recipients == 1 ? " category of recipients is" : " categories of recipients are") +
                    " linked: unlink them, or clear \"no recipients\"");
        if (!all_data_covered)
            for (const auto& category : a.categories)
                if (!a.retention_categories.count(category.code))
                    add(Severity::warning, "retention-missing", subject, "Art. 30(1)(f)",
                        "no time limit for erasure of data category " + category.code);
        if (a.measures == 0)
            add(Severity::warning, "security-measures-missing", subject, "Art. 30(1)(g)", "no security measures are described");
    }
    for (const auto& violation : violations)
        if (violation.rule != completeness_rule)
            add(Severity::error, violation.code, subject, violation.article, violation.message);
    // A retention row for data the activity does not process says something untrue about it.
    for (const auto& category : a.retention_categories)
        if (std::none_of(a.categories.begin(), a.categories.end(), [&](const auto& c) { return c.code == category; }))
            add(Severity::warning, "retention-for-unprocessed-category", subject, "Art. 30(1)(f)",
                "a time limit for erasure is recorded for data category " + category +
                    ", which the activity does not process: remove the row, or link the category");
    // A time limit for a wider scope beside limits within it (all data and a category; a
    // category and that category of one group of data subjects): the record says two things
    // about the narrower data, unless the DPO meant them as exceptions.
    const auto scope_shown = [](const std::pair<std::string, std::string>& scope) {
        std::string shown = scope.first.empty() ? std::string("all its data") : "data category " + scope.first;
        return scope.second.empty() ? shown : shown + " of data subjects " + scope.second;
    };
    for (const auto& wide : a.retention_scopes) {
        std::vector<std::string> within;
        for (const auto& narrow : a.retention_scopes)
            if (narrow != wide && (wide.first.empty() || wide.first == narrow.first) &&
                (wide.second.empty() || wide.second == narrow.second))
                within.push_back(scope_shown(narrow));
        if (!within.empty())
            add(Severity::warning, "retention-overlaps", subject, "Art. 30(1)(f), 5(1)(e)",
                "a time limit is recorded for " + scope_shown(wide) + " and " +
                    (within.size() == 1 ? "another" : "others") + " for " + join(within) +
                    ", within it: the record states two limits for the same data; narrow the wider row, or remove "
                    "the one that does not apply");
    }
    // "5 years" from what? A duration without the event it counts from is no time limit
    // anyone can apply.
    for (const auto& scope : a.retention_without_start)
        add(Severity::warning, "retention-start-missing", subject, "Art. 30(1)(f)",
            "the time limit for " + scope_shown(scope) +
                " gives a duration but not the event it counts from (the end of the contract, the decision, ...)");
    for (const auto& group : a.retention_subjects)
        if (!a.subject_codes.count(group))
            add(Severity::warning, "retention-for-unlinked-subjects", subject, "Art. 30(1)(f)",
                "a time limit for erasure is recorded for data subjects " + group +
                    ", which are not among the activity's categories of data subjects: remove the row, or link them");
    for (const auto& category : a.categories)
        for (const auto& group : category.subjects)
            if (!a.subject_codes.count(group))
                add(Severity::warning, "category-subjects-not-linked", subject, "Art. 30(1)(c)",
                    "data category " + category.code + " is said to be about data subjects " + group +
                        ", which are not among the activity's categories of data subjects: link them (activity-subject)");
    if (a.automated_decision && !a.has_automated_decision_logic)
        add(Severity::warning, "automated-decision-logic-missing", subject, "Art. 13(2)(f), 14(2)(g), 22",
            "takes automated decisions (Art. 22), and the logic involved, its significance and envisaged "
            "consequences are not recorded (the data subjects must be told them)");
    for (const auto& basis : a.bases)
        if (basis.code == "art6-1-f" && !basis.states_legitimate_interest)
            add(Severity::warning, "legitimate-interest-missing", subject, "Art. 6(1)(f), 13(1)(d)",
                "relies on legitimate interests (Art. 6(1)(f)), and the interest pursued is not recorded with the "
                "basis, nor a reference to the assessment that weighs it");
    // Art. 6(1)(c) and (e): the basis is laid down by Union or Member State law (Art. 6(3)).
    for (const auto& basis : a.bases)
        if ((basis.code == "art6-1-c" || basis.code == "art6-1-e") && !basis.cites_a_source &&
            !a.bases_cited_by_purposes.count(basis.code))
            add(Severity::warning, "art6-3-law-missing", subject, "Art. 6(3)",
                "legal basis " + basis.code + " is laid down by Union or Member State law, and none is cited: "
                "name the act and its provision");
    if (a.replaced_by && (a.status == "active" || a.status == "in_review" || a.status == "draft"))
        add(Severity::warning, "replaced-but-not-retired", subject, "Art. 30(1)",
            "replaced by " + *a.replaced_by + (a.replaced_by_status == std::optional<std::string>("retired")
                                                    ? ", which is itself retired"
                                                    : "") +
                ", yet still " + (a.status == "active" ? "active" : "not retired") +
                ": retire it, or clear \"replaced by\"");
    if (public_authority_ &&
        std::any_of(a.bases.begin(), a.bases.end(), [](const auto& b) { return b.code == "art6-1-f"; }))
        add(Severity::warning, "legitimate-interests-public-authority", subject, "Art. 6(1) last sentence",
            "relies on legitimate interests (Art. 6(1)(f)), which a public authority cannot use for the "
            "performance of its tasks");
    if (a.dpia_required.value_or(false) && !a.dpia_link)
        add(Severity::warning, "dpia-link-missing", subject, "Art. 35", "a DPIA is marked as required but no link to it is recorded");
    if (a.status == "active" && a.end_date && *a.end_date < today_)
        add(Severity::warning, "end-date-passed", subject, "Art. 30(1)", "active, but its end date " + *a.end_date + " has passed");
    if (a.status == "active" && a.next_review_date && *a.next_review_date < today_)
        add(Severity::warning, "review-overdue", subject, "Art. 24(1)",
            "its review was due on " + *a.next_review_date + ": review it, and approve it again or update it");
    if (a.status == "draft" || a.status == "in_review")
        add(Severity::warning, "not-approved", subject, "Art. 5(2), 24(1)",
            std::string(a.status == "draft" ? "a draft" : "in review") +
                ", not approved yet: the write-time rules hold for it from its approval on (any rule it breaks "
                "is listed as an error)");
}

CheckReport RegisterCheck::finish(const std::vector<std::string>& purposes_without_basis) && {
    // With no activity there is no activity finding, so this stands where it always did:
    // after the controller's findings, before the purposes'.
    if (report_.activities_checked == 0)
        add(Severity::warning, "no-activities", "register", "Art. 30(1)", "no processing activities are recorded yet");
    for (const auto& purpose : purposes_without_basis)
        add(Severity::warning, "purpose-without-basis", "purpose:" + purpose, "Art. 6(1)", "no legal basis is allowed for this purpose");
    for (auto& [key, acknowledgement] : acknowledgements_)
        if (!acknowledged_.count(key))
            report_.stale_acknowledgements.push_back(std::move(acknowledgement));
    return std::move(report_);
}

} // namespace ropa::detail

namespace ropa {

// What the authorities' templates ask for beyond Art. 30 (docs/cli.md, `ropa settings
// --require`): the ICO's documentation template, the CNIL's model, Art. 13 and 14's duties to
// inform, each a field of the activity.
const std::vector<RequirableField>& requirable_fields() {
    static const std::vector<RequirableField> fields{
        {"description", "description of the processing (APD/GBA; Art. 30(2)(b) for a processor)"},
        {"department", "business function or department (ICO)"},
        {"owner", "process owner (APD/GBA)"},
        {"start_date", "date the processing began (CNIL)"},
        {"data_source", "source of the personal data, the data subjects themselves included (ICO; Art. 14(2)(f))", true},
        {"provision_requirement", "whether the data must be provided (Art. 13(2)(e))", true},
        {"automated_decision", "whether decisions are automated (ICO; Art. 22)", true},
        {"profiling", "whether there is profiling (ICO; Art. 4(4))", true},
        {"systems", "software or systems used"},
        {"data_location", "location of the personal data (ICO)"},
        {"data_subject_rights", "rights available to individuals (ICO)", true},
        {"dpia_required", "whether a DPIA is required (ICO; Art. 35)", true},
        {"next_review_date", "date of the next review (Art. 24(1))"},
    };
    return fields;
}

} // namespace ropa

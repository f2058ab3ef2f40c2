#pragma once
// The register's rules, evaluated on plain views of the data. Storage loads the views;
// nothing here knows SQL. Each violation names the rule and the article.

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ropa/model.hpp"

namespace ropa::detail {

struct TransferView {
    std::string code;
    std::optional<std::string> country;
    std::optional<std::string> international_organisation;
    std::optional<std::string> tool_code;
    bool tool_requires_documentation = false;
    std::optional<std::string> safeguards_documentation;
    std::optional<std::string> recipient_code;  ///< the recipient it goes to, where recorded
};

struct ActivityView {
    std::string code;
    std::string status = "draft";
    std::string role = "controller";
    bool has_description = false;
    std::optional<std::string> start_date, end_date;
    std::optional<bool> dpia_required;
    std::optional<std::string> dpia_link;
    std::optional<std::string> next_review_date;
    std::vector<std::string> purposes;
    struct Category {
        std::string code;
        bool is_special = false;
        bool is_criminal = false;
        std::vector<std::string> subjects;  ///< the categories of data subjects it is about, where named
    };
    std::vector<Category> categories;
    struct Basis {
        std::string code;
        LegalBasisKind kind = LegalBasisKind::lawfulness;
        bool cites_a_source = false;    ///< at least one legal source (Art. 6(3), Art. 10)
        bool to_be_determined = false;  ///< a placeholder: the real basis is still being worked out
        bool states_legitimate_interest = false;  ///< Art. 6(1)(f): the interest pursued is recorded
    };
    std::vector<Basis> bases;
    std::size_t subjects = 0, recipients = 0, measures = 0;
    std::set<std::string> subject_codes;  ///< its categories of data subjects
    bool no_recipients = false;           ///< confirmed that the data are disclosed to no one
    bool automated_decision = false;      ///< Art. 22 decision-making recorded as taking place
    bool has_automated_decision_logic = false;
    /// Processing done as processor: whether the controller it acts for has contact details.
    bool on_behalf_has_contact = false;
    /// The activity's recipients outside the EEA: code -> location (third_country,
    /// international_organisation).
    std::map<std::string, std::string> recipients_outside_eea;
    /// The activity that replaces it, and that one's status.
    std::optional<std::string> replaced_by, replaced_by_status;
    /// The bases for which one of its purposes cites a legal source (Art. 6(3)).
    std::set<std::string> bases_cited_by_purposes;
    std::vector<TransferView> transfers;
    std::set<std::string> retention_categories;  ///< categories with their own retention row
    bool has_general_retention = false;          ///< a retention row for all of the activity's data
    std::set<std::string> retention_subjects;    ///< categories of data subjects with their own row
    std::set<std::string> subjects_with_all_data_retention;  ///< ... with a row for all their data
    /// Each retention row's scope: data category and category of data subjects ("": all).
    std::vector<std::pair<std::string, std::string>> retention_scopes;
    /// The scopes whose row gives a duration without the event it counts from.
    std::vector<std::pair<std::string, std::string>> retention_without_start;
    /// The allowed links of the activity's purposes: purpose code -> codes.
    std::map<std::string, std::set<std::string>> allowed_categories, allowed_bases;
    /// The requirable fields (requirable_fields()) it holds, by name; a yes/no counts once
    /// answered, either way.
    std::set<std::string> fields_present;
};

struct ControllerView {
    bool exists = false;
    bool has_contact = false;  ///< address, e-mail or telephone
    bool has_dpo = false;      ///< DPO name or any DPO contact detail
    bool has_dpo_contact = false;  ///< DPO e-mail, telephone or address (Art. 37(7))
    bool is_public_authority = false;
};

struct RuleViolation {
    std::string rule;     ///< e.g. "purpose limitation"
    std::string article;  ///< e.g. "Art. 5(1)(b)"
    std::string message;
    std::string code;     ///< the finding's stable code, e.g. "category-not-allowed" (docs/cli.md)
};

/// The rule name of the items without which an entry is not a record: purpose, data subjects,
/// data categories, an Art. 6(1) basis (Art. 30(1)(b), (c), Art. 6(1)); a processor's
/// description (Art. 30(2)(b)).
inline constexpr const char* completeness_rule = "Art. 30 record incomplete";

/// What an approved activity must meet: the record's required items (completeness_rule),
/// rules 1 and 2 of the CRUD issue (purpose limitation; Art. 9 and Art. 10 conditions), no
/// basis still to be determined, and rule 3 for each of the activity's transfers.
std::vector<RuleViolation> activity_violations(const ActivityView& activity);

/// Rule 3: a transfer outside the EEA needs a transfer tool; one under Art. 49(1) second
/// subparagraph needs its documented safeguards.
std::optional<RuleViolation> transfer_violation(const TransferView& transfer);

/// Art. 30 completeness and warnings, taken one activity at a time, so that checking a large
/// register holds one activity and the findings, never every activity. `today` (YYYY-MM-DD)
/// decides "past its end date".
class RegisterCheck {
public:
    /// Where findings go as they are made, instead of into the report, so that a report on a
    /// large register holds nothing but its totals: each record's missing items (when it lacks
    /// some), then its findings, record by record.
    struct Sink {
        std::function<void(const MissingItems&)> incomplete;
        std::function<void(const Finding&)> finding;
    };
    /// `acknowledgements`: the warnings the DPO accepted, marked on the findings they match.
    RegisterCheck(const ControllerView& controller, std::string today, std::vector<Acknowledgement> acknowledgements = {},
                  const Sink* sink = nullptr);
    /// The fields the register requires of every activity (Settings::required_fields), counted
    /// apart from the Art. 30 items. Call before the first add_activity.
    void require(std::vector<std::string> fields) { required_ = std::move(fields); }
    /// Activities in the order their findings are to be reported (by code).
    void add_activity(const ActivityView& activity);
    /// `purposes_without_basis`: the codes of purposes that allow no legal basis.
    CheckReport finish(const std::vector<std::string>& purposes_without_basis) &&;

private:
    void add(Severity severity, std::string code, std::string subject, std::string article, std::string message);
    /// Counts `items` (article and item, each present or not) for `subject`, and the fields the
    /// register requires of it.
    void count(const std::string& subject, const std::vector<std::pair<std::string, bool>>& items,
               const std::vector<std::pair<std::string, bool>>& required = {});

    bool public_authority_;
    std::string today_;
    const Sink* sink_;
    std::vector<std::string> required_;
    std::map<std::pair<std::string, std::string>, Acknowledgement> acknowledgements_;  ///< by code, subject
    std::set<std::pair<std::string, std::string>> acknowledged_;  ///< those a finding matched
    CheckReport report_;
};


} // namespace ropa::detail

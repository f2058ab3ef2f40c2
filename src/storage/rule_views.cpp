// The plain views the rules read (rule_views.hpp): storage loads them, domain/rules judges.

#include "storage/rule_views.hpp"

#include "storage/record_sql.hpp"
#include "storage/record_store.hpp"

namespace ropa::detail {

std::set<Id> activities_using(const Database& db, EntityKind kind, Id id) {
    std::set<Id> result;
    if (kind == EntityKind::activity)
        return {id};
    for (const auto& link : links()) {
        if (link.from != EntityKind::activity || link.to != kind)
            continue;
        const auto table = link_table_of(link.kind);
        PreparedStatement query(db, std::string("SELECT activity_id FROM ") + table.table + " WHERE " +
                                        table.to_column + " = ?");
        query.bind(1, static_cast<std::int64_t>(id));
        for (Id activity : ids(query))
            result.insert(activity);
    }
    for (const auto& link : links()) {
        if (link.from != EntityKind::activity)
            continue;
        for (const auto& field : link.fields) {
            if (field.type != FieldType::references || field.references != kind)
                continue;
            const auto citations = citation_table_of(link.kind, field);
            PreparedStatement query(db, "SELECT activity_id FROM " + citations.table + " WHERE " +
                                            citations.target_column + " = ?");
            query.bind(1, static_cast<std::int64_t>(id));
            for (Id activity : ids(query))
                result.insert(activity);
        }
    }
    if (kind == EntityKind::retention) {
        PreparedStatement query(db, "SELECT activity_id FROM retention WHERE id = ?");
        query.bind(1, static_cast<std::int64_t>(id));
        for (Id activity : ids(query))
            result.insert(activity);
    }
    return result;
}

std::set<Id> activities_affected_by_link(const Database& db, LinkKind kind, Id from_id) {
    if (link_info(kind).from == EntityKind::activity)
        return {from_id};
    return activities_using(db, EntityKind::purpose, from_id);  // an allowed link of this purpose
}

std::vector<Id> retention_rows_for(const Database& db, Id activity_id, std::optional<Id> category_id,
                                   std::optional<Id> subject_id) {
    // "All" rows have no category or subject (NULL); the terms are those of the unique index
    // retention_one_per_scope, so the lookup is one index search (with `IS ?` SQLite chose
    // the index on the subject and scanned every row without one: quadratic imports).
    PreparedStatement query(db, "SELECT id FROM retention WHERE activity_id = ? AND ifnull(data_category_id, 0) ="
                                " ifnull(?, 0) AND ifnull(data_subject_id, 0) = ifnull(?, 0) ORDER BY id");
    query.bind(1, static_cast<std::int64_t>(activity_id));
    const auto bind_optional = [&](int index, std::optional<Id> id) {
        if (id)
            query.bind(index, static_cast<std::int64_t>(*id));
        else
            query.bind(index);
    };
    bind_optional(2, category_id);
    bind_optional(3, subject_id);
    std::vector<Id> rows;
    while (query.executeStep())
        rows.push_back(query.getColumn(0).getInt64());
    return rows;
}

std::vector<std::string> replacement_chain(const Database& db, Id activity_id) {
    PreparedStatement query(db,
        "SELECT r.id, r.code FROM processing_activity a JOIN processing_activity r ON r.id = a.replaced_by_activity_id"
        " WHERE a.id = ?");
    std::vector<std::string> chain;
    std::set<std::int64_t> seen{static_cast<std::int64_t>(activity_id)};
    std::int64_t next = static_cast<std::int64_t>(activity_id);
    while (true) {
        query.reset();
        query.bind(1, next);
        if (!query.executeStep())
            return chain;
        next = query.getColumn(0).getInt64();
        chain.push_back(query.getColumn(1).getString());
        if (!seen.insert(next).second)
            return chain;
    }
}

TransferView load_transfer_view(const Database& db, Id transfer_id) {
    PreparedStatement query(db,
        "SELECT t.code, t.country, t.international_organisation, tool.code,"
        " coalesce(tool.requires_safeguards_documentation, 0), t.safeguards_documentation,"
        " (SELECT code FROM recipient WHERE id = t.recipient_id)"
        " FROM transfer t LEFT JOIN transfer_tool tool ON tool.id = t.transfer_tool_id WHERE t.id = ?");
    query.bind(1, static_cast<std::int64_t>(transfer_id));
    if (!query.executeStep())
        throw Error(Errc::not_found, "no transfer #" + std::to_string(transfer_id));
    auto optional = [&](int i) {
        return query.getColumn(i).isNull() ? std::nullopt : std::optional<std::string>(query.getColumn(i).getString());
    };
    return {query.getColumn(0).getString(), optional(1), optional(2), optional(3), query.getColumn(4).getInt() != 0,
            optional(5), optional(6)};
}

ActivityView load_activity_view(const Database& db, Id id) {
    ActivityView view;
    {
        PreparedStatement query(db,
            "SELECT a.code, a.status, a.role, a.description_text_id IS NOT NULL, a.start_date, a.end_date,"
            " a.dpia_required, a.dpia_link, a.next_review_date, r.code, r.status, coalesce(a.no_recipients, 0),"
            " coalesce(a.automated_decision, 0), a.automated_decision_logic_text_id IS NOT NULL,"
            " (SELECT p.contact IS NOT NULL OR p.address IS NOT NULL FROM party p WHERE p.id = a.on_behalf_of_party_id),"
            // the requirable fields it holds (Settings::required_fields), in `requirable` order
            " a.department IS NOT NULL, a.owner IS NOT NULL, a.data_source_text_id IS NOT NULL OR EXISTS"
            " (SELECT 1 FROM activity_data_category s WHERE s.activity_id = a.id AND s.source IS NOT NULL),"
            " a.provision_requirement IS NOT NULL, a.automated_decision IS NOT NULL, a.profiling IS NOT NULL,"
            " a.systems IS NOT NULL, a.data_location IS NOT NULL, a.data_subject_rights_text_id IS NOT NULL"
            " FROM processing_activity a"
            " LEFT JOIN processing_activity r ON r.id = a.replaced_by_activity_id WHERE a.id = ?");
        query.bind(1, static_cast<std::int64_t>(id));
        if (!query.executeStep())
            throw Error(Errc::not_found, "no activity #" + std::to_string(id));
        auto optional = [&](int i) {
            return query.getColumn(i).isNull() ? std::nullopt
                                               : std::optional<std::string>(query.getColumn(i).getString());
        };
        view.code = query.getColumn(0).getString();
        view.status = query.getColumn(1).getString();
        view.role = query.getColumn(2).getString();
        view.has_description = query.getColumn(3).getInt() != 0;
        view.start_date = optional(4);
        view.end_date = optional(5);
        if (!query.getColumn(6).isNull())
            view.dpia_required = query.getColumn(6).getInt() != 0;
        view.dpia_link = optional(7);
        view.next_review_date = optional(8);
        view.replaced_by = optional(9);
        view.replaced_by_status = optional(10);
        view.no_recipients = query.getColumn(11).getInt() != 0;
        view.automated_decision = query.getColumn(12).getInt() != 0;
        view.has_automated_decision_logic = query.getColumn(13).getInt() != 0;
        view.on_behalf_has_contact = !query.getColumn(14).isNull() && query.getColumn(14).getInt() != 0;
        // a data source is the activity's, or one of its categories' (where each comes from)
        static constexpr const char* requirable[] = {"department", "owner", "data_source", "provision_requirement",
                                                     "automated_decision", "profiling", "systems", "data_location",
                                                     "data_subject_rights"};
        int column = 15;
        for (const char* field : requirable)
            if (query.getColumn(column++).getInt() != 0)
                view.fields_present.insert(field);
        if (view.has_description)
            view.fields_present.insert("description");
        if (view.start_date)
            view.fields_present.insert("start_date");
        if (view.dpia_required)
            view.fields_present.insert("dpia_required");
        if (view.next_review_date)
            view.fields_present.insert("next_review_date");
    }
    auto bind_id = [&](PreparedStatement& query) { query.bind(1, static_cast<std::int64_t>(id)); };
    {
        PreparedStatement query(db, "SELECT p.code FROM activity_purpose l JOIN purpose p ON p.id = l.purpose_id"
                                    " WHERE l.activity_id = ? ORDER BY p.code");
        bind_id(query);
        view.purposes = strings(query);
    }
    {
        PreparedStatement query(db,
            "SELECT c.code, c.is_special, c.is_criminal, s.code FROM activity_data_category l"
            " JOIN data_category c ON c.id = l.data_category_id"
            " LEFT JOIN activity_data_category_data_subject_category x ON x.activity_id = l.activity_id"
            " AND x.data_category_id = l.data_category_id"
            " LEFT JOIN data_subject_category s ON s.id = x.data_subject_category_id"
            " WHERE l.activity_id = ? ORDER BY c.code, s.code");
        bind_id(query);
        while (query.executeStep()) {
            const std::string code = query.getColumn(0).getString();
            if (view.categories.empty() || view.categories.back().code != code)
                view.categories.push_back(
                    {code, query.getColumn(1).getInt() != 0, query.getColumn(2).getInt() != 0, {}});
            if (!query.getColumn(3).isNull())
                view.categories.back().subjects.push_back(query.getColumn(3).getString());
        }
    }
    {
        PreparedStatement query(db,
            "SELECT b.code, b.kind, b.to_be_determined, (SELECT count(*) FROM activity_legal_basis_legal_source x"
            " WHERE x.activity_id = l.activity_id AND x.legal_basis_id = l.legal_basis_id),"
            " l.legitimate_interest IS NOT NULL"
            " FROM activity_legal_basis l JOIN legal_basis b ON b.id = l.legal_basis_id"
            " WHERE l.activity_id = ? ORDER BY b.code");
        bind_id(query);
        while (query.executeStep()) {
            const std::string kind = query.getColumn(1).getString();
            view.bases.push_back({query.getColumn(0).getString(),
                                  kind == "special_category" ? LegalBasisKind::special_category
                                  : kind == "criminal_data"  ? LegalBasisKind::criminal_data
                                                             : LegalBasisKind::lawfulness,
                                  query.getColumn(3).getInt64() > 0, query.getColumn(2).getInt() != 0,
                                  query.getColumn(4).getInt() != 0});
        }
    }
    auto count = [&](const char* sql) {
        PreparedStatement query(db, sql);
        bind_id(query);
        query.executeStep();
        return static_cast<std::size_t>(query.getColumn(0).getInt64());
    };
    {
        PreparedStatement query(db, "SELECT s.code FROM activity_data_subject l JOIN data_subject_category s"
                                    " ON s.id = l.data_subject_category_id WHERE l.activity_id = ?");
        bind_id(query);
        for (auto& code : strings(query))
            view.subject_codes.insert(std::move(code));
        view.subjects = view.subject_codes.size();
    }
    view.recipients = count("SELECT count(*) FROM activity_recipient WHERE activity_id = ?");
    {
        PreparedStatement query(db, "SELECT r.code, r.location FROM activity_recipient l JOIN recipient r ON r.id ="
                                    " l.recipient_id WHERE l.activity_id = ? AND r.location <> 'eea'");
        bind_id(query);
        while (query.executeStep())
            view.recipients_outside_eea[query.getColumn(0).getString()] = query.getColumn(1).getString();
    }
    {
        PreparedStatement query(db,
            "SELECT DISTINCT b.code FROM activity_purpose a JOIN purpose_legal_basis_legal_source x ON x.purpose_id ="
            " a.purpose_id JOIN legal_basis b ON b.id = x.legal_basis_id WHERE a.activity_id = ?");
        bind_id(query);
        while (query.executeStep())
            view.bases_cited_by_purposes.insert(query.getColumn(0).getString());
    }
    view.measures = count("SELECT count(*) FROM activity_security_measure WHERE activity_id = ?");
    {
        PreparedStatement query(db, "SELECT transfer_id FROM activity_transfer WHERE activity_id = ?");
        bind_id(query);
        for (Id transfer : ids(query))
            view.transfers.push_back(load_transfer_view(db, transfer));
    }
    {
        PreparedStatement query(db, "SELECT c.code, s.code, r.duration_value IS NOT NULL AND r.trigger_text_id IS NULL"
                                    " FROM retention r"
                                    " LEFT JOIN data_category c ON c.id = r.data_category_id"
                                    " LEFT JOIN data_subject_category s ON s.id = r.data_subject_id"
                                    " WHERE r.activity_id = ? ORDER BY c.code, s.code");
        bind_id(query);
        while (query.executeStep()) {
            view.retention_scopes.emplace_back(query.getColumn(0).isNull() ? "" : query.getColumn(0).getString(),
                                               query.getColumn(1).isNull() ? "" : query.getColumn(1).getString());
            if (query.getColumn(2).getInt() != 0)
                view.retention_without_start.push_back(view.retention_scopes.back());
            if (!query.getColumn(1).isNull())
                view.retention_subjects.insert(query.getColumn(1).getString());
            if (query.getColumn(0).isNull()) {
                if (query.getColumn(1).isNull())
                    view.has_general_retention = true;
                else
                    view.subjects_with_all_data_retention.insert(query.getColumn(1).getString());
            } else {
                view.retention_categories.insert(query.getColumn(0).getString());
            }
        }
    }
    {
        PreparedStatement query(db,
            "SELECT p.code, c.code FROM activity_purpose a JOIN purpose p ON p.id = a.purpose_id"
            " JOIN purpose_data_category l ON l.purpose_id = a.purpose_id JOIN data_category c ON c.id = "
            "l.data_category_id WHERE a.activity_id = ?");
        bind_id(query);
        while (query.executeStep())
            view.allowed_categories[query.getColumn(0).getString()].insert(query.getColumn(1).getString());
    }
    {
        PreparedStatement query(db,
            "SELECT p.code, b.code FROM activity_purpose a JOIN purpose p ON p.id = a.purpose_id"
            " JOIN purpose_legal_basis l ON l.purpose_id = a.purpose_id JOIN legal_basis b ON b.id = "
            "l.legal_basis_id WHERE a.activity_id = ?");
        bind_id(query);
        while (query.executeStep())
            view.allowed_bases[query.getColumn(0).getString()].insert(query.getColumn(1).getString());
    }
    return view;
}

ControllerView load_controller_view(const Database& db) {
    PreparedStatement query(db,
        "SELECT coalesce(address, email, phone) IS NOT NULL, coalesce(dpo_name, dpo_email, dpo_phone, dpo_address)"
        " IS NOT NULL, is_public_authority, coalesce(dpo_email, dpo_phone, dpo_address) IS NOT NULL"
        " FROM controller WHERE id = 1");
    if (!query.executeStep())
        return {};
    return {.exists = true,
            .has_contact = query.getColumn(0).getInt() != 0,
            .has_dpo = query.getColumn(1).getInt() != 0,
            .has_dpo_contact = query.getColumn(3).getInt() != 0,
            .is_public_authority = query.getColumn(2).getInt() != 0};
}

std::vector<Id> activity_ids(const Database& db) {
    PreparedStatement query(db, "SELECT id FROM processing_activity ORDER BY code");
    std::vector<Id> out;
    while (query.executeStep())
        out.push_back(query.getColumn(0).getInt64());
    return out;
}

std::vector<std::string> purposes_without_basis(const Database& db) {
    PreparedStatement query(db,
        "SELECT code FROM purpose p WHERE NOT EXISTS (SELECT 1 FROM purpose_legal_basis l WHERE l.purpose_id = p.id)"
        " ORDER BY display_order IS NULL, display_order, code");
    return strings(query);
}

} // namespace ropa::detail

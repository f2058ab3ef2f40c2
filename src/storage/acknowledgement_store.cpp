#include "storage/acknowledgement_store.hpp"

#include <string>

namespace ropa::detail {

std::vector<Acknowledgement> read_acknowledgements(const Database& db) {
    PreparedStatement query(db, "SELECT finding_code, subject, reason, acknowledged_by, acknowledged_at"
                                " FROM acknowledgement ORDER BY finding_code, subject");
    std::vector<Acknowledgement> out;
    while (query.executeStep())
        out.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(), query.getColumn(2).getString(),
                       query.getColumn(3).getString(), query.getColumn(4).getString()});
    return out;
}

void write_acknowledgement(Database& db, const Acknowledgement& acknowledgement) {
    PreparedStatement upsert(db,
        "INSERT INTO acknowledgement (finding_code, subject, reason, acknowledged_by, acknowledged_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (finding_code, subject) DO UPDATE SET reason = excluded.reason,"
        " acknowledged_by = excluded.acknowledged_by, acknowledged_at = excluded.acknowledged_at"
        " WHERE reason IS NOT excluded.reason OR acknowledged_by IS NOT excluded.acknowledged_by"
        " OR acknowledged_at IS NOT excluded.acknowledged_at");
    upsert.bind(1, acknowledgement.finding_code);
    upsert.bind(2, acknowledgement.subject);
    upsert.bind(3, acknowledgement.reason);
    upsert.bind(4, acknowledgement.acknowledged_by);
    upsert.bind(5, acknowledgement.acknowledged_at);
    upsert.exec();
}

bool delete_acknowledgement(Database& db, std::string_view finding_code, std::string_view subject) {
    PreparedStatement remove(db, "DELETE FROM acknowledgement WHERE finding_code = ? AND subject = ?");
    remove.bind(1, std::string(finding_code));
    remove.bind(2, std::string(subject));
    return remove.exec() > 0;
}

} // namespace ropa::detail

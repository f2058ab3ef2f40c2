#pragma once
// What the Register's writes share across its files (src/api): the open change a Writer writes
// under, the clock, and the whole check that both `check` and `acknowledge` read.

#include <set>
#include <string>

#include "domain/rules.hpp"
#include "ropa/register.hpp"
#include "storage/connection.hpp"

namespace ropa::detail {

struct WriteContext {
    Connection& connection;
    const ChangeRequest& change;
    std::set<Id> activities;  // to re-check before commit
};

/// Now, UTC, ISO 8601 with milliseconds ("2026-11-30T18:05:08.123Z").
std::string utc_now();

/// The whole check as on `today`: the controller, every activity (one at a time; the approved
/// ones alone with `approved_only`), the purposes, each warning the DPO accepted marked as such.
CheckReport check_register(const Database& db, const std::string& today = ropa::utc_today(),
                           const RegisterCheck::Sink* sink = nullptr, bool approved_only = false);

} // namespace ropa::detail

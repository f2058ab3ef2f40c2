#pragma once
// What the subcommands of one entity (ropa <entity> add|list|show|edit|rm) share: the values
// their options bind to, and the reading commands (entity_reads.cpp) the writing ones
// (entity_commands.cpp) register beside them.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/context.hpp"
#include "cli/record_format.hpp"
#include "ropa/entity.hpp"

namespace ropa::cli {

// What one entity's subcommands bind their options to. Shared by the callbacks.
struct EntityOptions {
    std::string ref;  // code, or #id
    std::map<std::string, std::string> values;  // by field name, as typed
    std::map<std::string, CLI::Option*> given;
    std::map<LinkKind, std::vector<std::string>> link_targets;  // add: links made in the same change
    std::vector<std::string> clear;
    TextOptions text;
    std::string reason;
    std::optional<std::int64_t> expect_revision;
    RecordFilter filter;
    bool due = false;  // list: activities whose review is due today (filter.review_due_by: by a date)
    bool json = false;
    bool document = false;  // activity show: the activity as one JSON document
    bool editor = false;    // activity edit: in $EDITOR, as one document
    std::string file;       // activity apply
};

/// ropa <entity> list: the records (filtered), as a table or JSON.
int run_list(const Context& context, const EntityInfo& entity, const EntityOptions& options);
/// ropa <entity> show: every field with its Art. 30 label, then the record's links.
int run_show(const Context& context, const EntityInfo& entity, const EntityOptions& options);

} // namespace ropa::cli

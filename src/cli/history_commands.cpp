// ropa log, diff, tag, tags, verify, revert.

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/exit_status.hpp"
#include "cli/terminal.hpp"
#include "ropa/export.hpp"

namespace ropa::cli {

namespace {

Register open_file(const Context& context) {
    if (!context.global.at.empty())
        throw UsageError("--at does not apply here: name the versions as arguments");
    return open_register(context, {.mode = OpenMode::read_only});
}

} // namespace

void setup_history_commands(CLI::App& app, Context& context) {
    struct LogOptions {
        std::string entity, since;
        bool json = false;
    };
    auto log_options = std::make_shared<LogOptions>();
    auto* log = app.add_subcommand("log", "Changes, newest first: who, when, why, what");
    log->add_option("--entity", log_options->entity, "Only changes to this entity, or one record: KIND[:CODE]");
    log->add_option("--since", log_options->since, "Only changes recorded at or after this ISO 8601 date or time");
    log->add_flag("--json", log_options->json, "Print JSON");
    log->callback([&context, log_options] {
        context.action = [&context, log_options] {
            LogFilter filter;
            if (!log_options->entity.empty()) {
                const auto colon = log_options->entity.find(':');
                filter.entity = log_options->entity.substr(0, colon);
                if (colon != std::string::npos)
                    filter.code = log_options->entity.substr(colon + 1);
            }
            if (!log_options->since.empty())
                filter.since = log_options->since;
            const auto changes = open_file(context).log(filter);
            if (log_options->json) {
                std::cout << changes_json(changes, 2) << "\n";
                return exit_ok;
            }
            const std::size_t width = terminal_width();
            for (const auto& change : changes) {
                std::cout << "change " << change.id << "  " << change.recorded_at << "  " << change.actor;
                for (const auto& tag : change.tags)
                    std::cout << "  [tag " << tag << "]";
                std::cout << "\n";
                for (const auto& line : wrap(change.reason, width - 4))
                    std::cout << "    " << line << "\n";
                for (const auto& line : wrap(change.summary, width - 4))
                    std::cout << "    " << line << "\n";
            }
            return exit_ok;
        };
    });

    struct DiffOptions {
        std::string from, to;
        bool json = false;
    };
    auto diff_options = std::make_shared<DiffOptions>();
    auto* diff = app.add_subcommand("diff", "What changed between two versions, record by record and field by field");
    diff->add_option("from", diff_options->from, "The earlier version: change id, tag, or ISO 8601 date or time")
        ->required();
    diff->add_option("to", diff_options->to, "The later version (default: the newest change)");
    diff->add_flag("--json", diff_options->json, "Print JSON");
    diff->callback([&context, diff_options] {
        context.action = [&context, diff_options] {
            auto reg = open_file(context);
            const auto result = reg.diff(diff_options->from, diff_options->to);
            if (diff_options->json) {
                std::cout << diff_json(result, 2) << "\n";
                return exit_ok;
            }
            std::cout << "from change " << result.from_change << " to change " << result.to_change << ": "
                      << result.records.size() << (result.records.size() == 1 ? " record differs\n" : " records differ\n");
            for (const auto& record : result.records) {
                const char sign = record.kind == RecordDiff::Kind::added     ? '+'
                                  : record.kind == RecordDiff::Kind::removed ? '-'
                                                                             : '~';
                std::cout << sign << " " << record.entity << " " << record.code << "\n";
                for (const auto& field : record.fields)
                    std::cout << "    " << field.name << ": " << (field.before.empty() ? "(empty)" : field.before)
                              << " -> " << (field.after.empty() ? "(empty)" : field.after) << "\n";
            }
            return exit_ok;
        };
    });

    struct TagOptions {
        std::string name, message, key;
    };
    auto tag_options = std::make_shared<TagOptions>();
    auto* tag = app.add_subcommand("tag", "Name the current version (tags cannot be moved or deleted)");
    tag->add_option("name", tag_options->name, "Tag name: letters, digits, . _ -")->required();
    tag->add_option("-m,--message", tag_options->message, "What this version is, e.g. sent to the authority");
    tag->add_option("--sign", tag_options->key,
                    "Sign the version with this private key file (ropa key new): verify then detects a history "
                    "rewritten up to it");
    tag->callback([&context, tag_options] {
        context.action = [&context, tag_options] {
            if (!context.global.at.empty())
                throw UsageError("a tag names the current version; --at does not apply");
            std::optional<SigningKey> key;
            if (!tag_options->key.empty())
                key = SigningKey::load(tag_options->key);
            auto reg = open_register(context);
            const auto created =
                reg.tag(tag_options->name, tag_options->message,
                        context.global.actor.empty() ? current_actor() : context.global.actor, key ? &*key : nullptr);
            std::cout << "tagged change " << created.change_id << " as " << created.name;
            if (key)
                std::cout << ", signed by " << key->public_key().fingerprint();
            std::cout << "\n";
            return exit_ok;
        };
    });

    auto tags_as_json = std::make_shared<bool>(false);
    auto* tags = app.add_subcommand("tags", "List the tags");
    tags->add_flag("--json", *tags_as_json, "Print JSON");
    tags->callback([&context, tags_as_json] {
        context.action = [&context, tags_as_json] {
            if (*tags_as_json) {
                std::cout << tags_json(open_file(context).tags(), 2) << "\n";
                return exit_ok;
            }
            for (const auto& t : open_file(context).tags())
                std::cout << t.name << "  change " << t.change_id << "  " << t.created_at << "  " << t.actor
                          << (t.message.empty() ? "" : "  " + t.message)
                          << (t.signer_key.empty() ? ""
                                                   : "  signed by " + PublicKey::from_hex(t.signer_key).fingerprint())
                          << "\n";
            return exit_ok;
        };
    });

    struct VerifyCommandOptions {
        std::string head, public_key;
    };
    auto verify_options = std::make_shared<VerifyCommandOptions>();
    auto* verify = app.add_subcommand(
        "verify", "Prove the history untouched: hash chain, integrity, every row against its history, signed tags");
    verify->add_option("--head", verify_options->head,
                       "A version kept outside the register: its chain hash (HASH or CHANGE:HASH, from an export's "
                       "stamp) or a signed export's FILE.sig; a history rewritten up to it is reported");
    verify->add_option("--public-key", verify_options->public_key,
                       "The DPO's public key file: signed tags (and a --head signature) must be signed by it");
    verify->callback([&context, verify_options] {
        context.action = [&context, verify_options] {
            VerifyOptions options;
            std::optional<PublicKey> trusted;
            if (!verify_options->public_key.empty()) {
                trusted = PublicKey::load(verify_options->public_key);
                options.trusted_key = trusted->hex();
            }
            std::vector<std::string> head_problems;
            if (!verify_options->head.empty()) {
                options.head = verify_options->head;
                if (std::filesystem::is_regular_file(verify_options->head)) {
                    // A signed export's signature: its signer, then the version it names.
                    const auto signature = export_signature_from_json(read_input(verify_options->head, "head"));
                    const auto key = PublicKey::from_hex(signature.signer_key, "signer.key");
                    if (trusted && !(key == *trusted))
                        head_problems.push_back("head: " + verify_options->head + " is signed by key " +
                                                key.fingerprint() + ", not by the key given (" + trusted->fingerprint() +
                                                ")");
                    options.head = std::to_string(signature.change_id) + ":" + signature.change_hash;
                }
            }
            auto report = open_file(context).verify(options);
            report.problems.insert(report.problems.begin(), head_problems.begin(), head_problems.end());
            for (const auto& problem : report.problems)
                std::cout << "problem: " << problem << "\n";
            if (!report.signers.empty()) {
                std::cout << "tags signed by:";
                for (const auto& signer : report.signers)
                    std::cout << " " << signer;
                std::cout << "\n";
            }
            std::cout << (report.ok() ? "ok: " : "FAILED: ") << report.changes_checked << " changes, "
                      << report.rows_checked << " rows and " << report.signatures_checked << " signature"
                      << (report.signatures_checked == 1 ? "" : "s") << " checked"
                      << (options.head && report.ok() ? ", the head found in the history" : "") << ", "
                      << report.problems.size()
                      << " problem" << (report.problems.size() == 1 ? "" : "s") << "\n";
            return report.ok() ? exit_ok : exit_findings;
        };
    });

    struct RevertOptions {
        std::int64_t change = 0;
        std::string reason;
    };
    auto revert_options = std::make_shared<RevertOptions>();
    auto* revert = app.add_subcommand("revert", "Undo one change with a new change (refused if it breaks a rule)");
    revert->add_option("change", revert_options->change, "The change to undo (see ropa log)")->required();
    revert->add_option("-m,--message", revert_options->reason, "Why (recorded with the change) [required]");
    revert->callback([&context, revert_options] {
        context.action = [&context, revert_options] {
            const auto change = change_request(context, revert_options->reason);
            auto reg = open_register(context);
            reg.revert(revert_options->change, change);
            std::cout << "reverted change " << revert_options->change << " as change " << reg.version()->id << "\n";
            return exit_ok;
        };
    });
}

} // namespace ropa::cli

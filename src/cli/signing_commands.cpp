// ropa key new|show, ropa verify-export: the DPO's signing key, and checking an export received.

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/exit_status.hpp"
#include "ropa/export.hpp"

namespace ropa::cli {

void setup_signing_commands(CLI::App& app, Context& context) {
    auto* key = app.add_subcommand("key", "The DPO's signing key (Ed25519), kept outside the register");
    key->require_subcommand(1);

    auto key_file = std::make_shared<std::string>();
    auto* key_new = key->add_subcommand(
        "new", "Create a signing key: FILE (private, mode 0600) and FILE.pub (to give to auditors)");
    key_new->add_option("file", *key_file, "Where to write the private key; never an existing file")->required();
    key_new->callback([&context, key_file] {
        context.action = [key_file] {
            const auto made = SigningKey::generate();
            made.save(*key_file);
            std::cout << "wrote " << *key_file << " (private: keep it outside the register) and " << *key_file
                      << ".pub\nfingerprint " << made.public_key().fingerprint() << "\n";
            return exit_ok;
        };
    });

    auto shown_file = std::make_shared<std::string>();
    auto* key_show = key->add_subcommand("show", "The fingerprint and public key of a key file (private or .pub)");
    key_show->add_option("file", *shown_file, "A key file")->required();
    key_show->callback([&context, shown_file] {
        context.action = [shown_file] {
            const auto shown = PublicKey::load(*shown_file);
            std::cout << "fingerprint " << shown.fingerprint() << "\n" << shown.file_text();
            return exit_ok;
        };
    });

    struct VerifyExportOptions {
        std::string file, signature, public_key, format, lang, since, base;
        bool approved_only = false;
    };
    auto options = std::make_shared<VerifyExportOptions>();
    auto* verify_export_command = app.add_subcommand(
        "verify-export",
        "Tell whether an export is exactly what the register produced (re-exported and compared byte for byte), "
        "and whether its signature holds");
    verify_export_command->add_option("file", options->file, "The export to check")->required();
    verify_export_command->add_option("--signature", options->signature,
                                      "Its signature file (default: FILE.sig, when it exists)");
    verify_export_command->add_option("--public-key", options->public_key,
                                      "The DPO's public key file: the signature must be by it");
    verify_export_command->add_option("--format,-f", options->format,
                                      "For an unsigned file: its format (default: read from its content)");
    verify_export_command->add_option("--lang", options->lang, "For an unsigned file: the --lang it was made with")
        ->transform(language_tag());
    verify_export_command->add_flag("--approved-only", options->approved_only,
                                    "For an unsigned file: it was made with --approved-only");
    verify_export_command->add_option("--since", options->since, "For an unsigned file: the --since it was made with");
    verify_export_command->add_option("--base", options->base,
                                      "For an unsigned dpv file: the --base it was made with (default: read from it)");
    verify_export_command->footer(
        "With a register (--db, default ropa.db, when it exists) the version the file names (its signature's, "
        "else the chain hash in its stamp, else --at) is exported again and compared. Without one, a signed file "
        "is checked against its signature alone. Exit status 0 when everything checked holds, 1 when not.");
    verify_export_command->callback([&context, options] {
        context.action = [&context, options] {
            ExportVerifyOptions verify;
            verify.signature = read_export_signature(
                options->file, options->signature.empty() ? std::nullopt
                                                          : std::optional<std::filesystem::path>(options->signature));
            if (!options->public_key.empty())
                verify.trusted_key = PublicKey::load(options->public_key).hex();
            if (!options->format.empty())
                verify.format = export_format_from(options->format);
            verify.lang = options->lang;
            verify.approved_only = options->approved_only;
            verify.since = options->since;
            verify.base = options->base;
            if (!context.global.at.empty())
                verify.at = context.global.at;
            std::optional<Register> reg;
            if (std::filesystem::exists(context.global.db)) {
                reg = Register::open(context.global.db, {.mode = OpenMode::read_only});
                verify.reg = &*reg;
            }
            const auto result = verify_export(options->file, verify);
            if (result.signature_checked)
                std::cout << "signature: by " << result.signer_fingerprint << ", of change " << result.change_id
                          << "\n";
            for (const auto& problem : result.problems)
                std::cout << "problem: " << problem << "\n";
            if (!reg)
                std::cout << "no register at " << context.global.db
                          << ": the content was checked against its signature only\n";
            std::cout << (result.ok() ? "ok: " : "FAILED: ") << options->file;
            if (result.ok())
                std::cout << (result.content_compared ? " is exactly what the register produced at change "
                                                      : " is what was signed at change ")
                          << result.change_id;
            std::cout << "\n";
            return result.ok() ? exit_ok : exit_findings;
        };
    });
}

} // namespace ropa::cli

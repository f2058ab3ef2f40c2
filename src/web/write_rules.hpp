#pragma once
// What a signed-in visitor may write, and how a write knows the form it comes from is not
// stale: shared by the forms and the HTTP API. docs/security.md lists what each role may do.

#include <mutex>
#include <optional>
#include <string>

#include "ropa/entity.hpp"
#include "ropa/register.hpp"
#include "web/reading.hpp"

namespace ropa::web {

/// What `visitor`'s role does not allow of a write to a record of `entity` (`before` as it is,
/// none for a new one; `changes` the fields given), as a refusal says it; std::nullopt when it
/// is allowed. The forms and the HTTP API ask it before every write; the library's rules apply
/// after it.
std::optional<std::string> role_refusal(const Visitor& visitor, const EntityInfo& entity, const Register& file,
                                        const std::optional<Record>& before, const Fields& changes);

/// Whether the page `r` shows may offer to write a record of `entity` (the newest version, and
/// a role that writes it).
bool may_write(const Reading& r, const EntityInfo& entity);

/// Whether records of `kind` are the DPO's alone: the catalogue, the allowed links and the
/// controller, the purpose limitation every approval is checked against.
bool dpo_only(EntityKind kind);

/// Whether a field is set by approving (approved_by, approved_at, approval_reason), never typed.
bool set_by_approval(const FieldInfo& field);

/// What a form was read from: the record's fields, the links from it and, for an activity, its
/// time limits for erasure, hashed (hex). A link or a time limit changed does not raise the
/// record's revision, so the revision alone would let a form read before such a change
/// overwrite it, or the DPO approve an activity whose links changed after the page was opened.
std::string fingerprint(const RegisterView& view, const EntityInfo& entity, const Record& record);

/// Whether two fingerprints are the same, compared in constant time.
bool same_fingerprint(const std::string& a, const std::string& b);

/// Writes are made one at a time by this process (the forms and the API share it).
std::mutex& write_lock();

} // namespace ropa::web

#pragma once
// The HTTP API of `ropa serve` under /api/v1: the library's operations in JSON, for tools. The
// same records, rules, error codes and field paths as the library (docs/api-http.md); described
// by the OpenAPI document the server publishes at /api/v1/openapi.json.

#include <filesystem>
#include <string>
#include <string_view>

#include "web/pages.hpp"

namespace ropa::web {

struct ApiRequest {
    std::string method;  ///< GET, POST, PATCH, PUT, DELETE
    std::string path;    ///< from /api/v1/
    Query query;
    std::string body;  ///< JSON, for the writes
};

/// The reply to `request` by `visitor` (signed in by the API token its Authorization header
/// carried; the server has checked it). Every reply is JSON: the result, or {"error": {"code",
/// "message", "field", "broken_rules"}} with the status of its code (400/422 validation and
/// rules, 404, 409, 403 for the role).
Reply api(const std::filesystem::path& db, const ApiRequest& request, const Visitor& visitor);

/// The OpenAPI 3.0 document of the API.
std::string_view openapi_document();

/// A JSON error reply, as every API refusal is.
Reply api_error(int status, std::string_view code, const std::string& message, const std::string& field = {});

} // namespace ropa::web

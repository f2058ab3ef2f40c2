// The OpenAPI 3.0 document of ropa serve's HTTP API (api.cpp), published at /api/v1/openapi.json
// and validated by an independent validator in tests/web/api_test.py.

#include "web/api.hpp"

namespace ropa::web {

std::string_view openapi_document() {
    return R"json({
  "openapi": "3.0.3",
  "info": {
    "title": "ropa register of processing activities",
    "version": "1",
    "description": "The operations of the ropa library over HTTP, served by `ropa serve` under /api/v1. Every request carries an account's API token (`ropa user token NAME`) as `Authorization: Bearer TOKEN`; what it may do is the account's role (viewer, auditor, editor, dpo; docs/security.md). Every write is one change, recorded with the account's name and the reason given, under the same rules as the library: a refusal is an Error naming the field or the rules broken, and nothing is written."
  },
  "servers": [
    {
      "url": "/api/v1"
    }
  ],
  "security": [
    {
      "token": []
    }
  ],
  "paths": {
    "/model": {
      "get": {
        "summary": "What the register can hold",
        "description": "Every kind of record and link, and their fields (ropa::model_json).",
        "responses": {
          "200": {
            "description": "Done",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/records/{kind}": {
      "get": {
        "summary": "The records of a kind",
        "description": "Records in code order, filtered by `q` (text in the code or any translation). Paged by `limit` and `offset`.",
        "responses": {
          "200": {
            "description": "Done",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Record"
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/at"
          },
          {
            "name": "q",
            "in": "query",
            "required": false,
            "description": "Text to find",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "$ref": "#/components/parameters/offset"
          }
        ]
      },
      "post": {
        "summary": "Add a record",
        "description": "Creates a record: its code and fields (texts as {\"lang\": \"text\"}, references by code).",
        "responses": {
          "201": {
            "description": "Done",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Record"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "reason"
                ],
                "properties": {
                  "code": {
                    "type": "string"
                  },
                  "fields": {
                    "type": "object"
                  },
                  "reason": {
                    "type": "string",
                    "minLength": 1,
                    "description": "Why: recorded with the change"
                  }
                }
              }
            }
          }
        }
      }
    },
    "/records/{kind}/{ref}": {
      "get": {
        "summary": "One record",
        "description": "The record with every field; absent values are null.",
        "responses": {
          "200": {
            "description": "Done",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Record"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/ref"
          },
          {
            "$ref": "#/components/parameters/at"
          }
        ]
      },
      "patch": {
        "summary": "Change a record",
        "description": "Sets the fields given (null clears one; texts merge by language). With `revision`, a record changed since is refused (409).",
        "responses": {
          "200": {
            "description": "Done",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Record"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/ref"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "reason"
                ],
                "properties": {
                  "fields": {
                    "type": "object"
                  },
                  "revision": {
                    "type": "integer"
                  },
                  "reason": {
                    "type": "string",
                    "minLength": 1,
                    "description": "Why: recorded with the change"
                  }
                }
              }
            }
          }
        }
      },
      "delete": {
        "summary": "Remove a record",
        "description": "Refused (422) while an activity uses it.",
        "responses": {
          "200": {
            "description": "Done",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/ref"
          },
          {
            "name": "reason",
            "in": "query",
            "required": false,
            "description": "Why (or in a JSON body)",
            "schema": {
              "type": "string"
            }
          }
        ]
      }
    },
    "/links/{link}": {
      "get": {
        "summary": "The links of a kind",
        "description": "All, or those from the record `from`. Paged by `limit` and `offset`.",
        "responses": {
          "200": {
            "description": "Done",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Link"
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "name": "link",
            "in": "path",
            "required": true,
            "description": "activity-purpose, activity-basis, purpose-category, ...",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "from",
            "in": "query",
            "required": false,
            "description": "The record the links start from",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/at"
          },
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "$ref": "#/components/parameters/offset"
          }
        ]
      },
      "post": {
        "summary": "Link two records",
        "description": "For an approved activity, the rules are checked (purpose limitation, Art. 9 and 10 bases, ...).",
        "responses": {
          "201": {
            "description": "Done",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Link"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/link"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "from",
                  "to",
                  "reason"
                ],
                "properties": {
                  "from": {
                    "type": "string"
                  },
                  "to": {
                    "type": "string"
                  },
                  "fields": {
                    "type": "object"
                  },
                  "reason": {
                    "type": "string",
                    "minLength": 1,
                    "description": "Why: recorded with the change"
                  }
                }
              }
            }
          }
        }
      }
    },
    "/links/{link}/{from}/{to}": {
      "patch": {
        "summary": "Change a link's fields",
        "description": "A basis's legal sources, a joint controller's responsibilities, a note.",
        "responses": {
          "200": {
            "description": "Done",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Link"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/link"
          },
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "reason"
                ],
                "properties": {
                  "fields": {
                    "type": "object"
                  },
                  "reason": {
                    "type": "string",
                    "minLength": 1,
                    "description": "Why: recorded with the change"
                  }
                }
              }
            }
          }
        }
      },
      "delete": {
        "summary": "Unlink",
        "description": "Refused when it would leave an approved activity breaking a rule.",
        "responses": {
          "200": {
            "description": "Done",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/link"
          },
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          },
          {
            "name": "reason",
            "in": "query",
            "required": false,
            "description": "Why (or in a JSON body)",
            "schema": {
              "type": "string"
            }
          }
        ]
      }
    },
    "/activities/{code}/document": {
      "get": {
        "summary": "An activity as a document",
        "description": "Its block of the JSON export: fields, links with their fields, time limits.",
        "responses": {
          "200": {
            "description": "Done",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/code"
          },
          {
            "$ref": "#/components/parameters/at"
          }
        ]
      },
      "put": {
        "summary": "Write an activity from a document",
        "description": "The activity becomes exactly the document (what it leaves out is cleared); a status of active is the approval (the DPO's).",
        "responses": {
          "200": {
            "description": "Done",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/code"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "document",
                  "reason"
                ],
                "properties": {
                  "document": {
                    "type": "object"
                  },
                  "revision": {
                    "type": "integer"
                  },
                  "reason": {
                    "type": "string",
                    "minLength": 1,
                    "description": "Why: recorded with the change"
                  }
                }
              }
            }
          }
        }
      }
    },
    "/check": {
      "get": {
        "summary": "The check",
        "description": "Art. 30 completeness and every finding, with the acknowledgements (ropa check --json).",
        "responses": {
          "200": {
            "description": "Done",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/at"
          }
        ]
      }
    },
    "/log": {
      "get": {
        "summary": "The changes",
        "description": "Newest first (ropa log --json); auditors and the DPO. Paged by `limit` and `before`.",
        "responses": {
          "200": {
            "description": "Done",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "type": "object"
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/at"
          },
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "name": "before",
            "in": "query",
            "required": false,
            "description": "Changes before this change id (the next page: the last id seen)",
            "schema": {
              "type": "integer",
              "minimum": 1
            }
          }
        ]
      }
    },
    "/tags": {
      "get": {
        "summary": "The tags",
        "description": "Every tag, the version it names, who made it and why (ropa tags --json).",
        "responses": {
          "200": {
            "description": "Done",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Tag"
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "post": {
        "summary": "Tag the newest version",
        "description": "The DPO names the newest version (the copy sent to the authority, an audit's start). A tag never moves: a name taken is a conflict.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "name"
                ],
                "properties": {
                  "name": {
                    "type": "string"
                  },
                  "message": {
                    "type": "string",
                    "description": "Why the version is named"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Tagged",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Tag"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/diff": {
      "get": {
        "summary": "What changed between two versions",
        "description": "As ropa diff --json; auditors and the DPO.",
        "responses": {
          "200": {
            "description": "Done",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "name": "from",
            "in": "query",
            "required": true,
            "description": "A change, tag or date",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "to",
            "in": "query",
            "required": false,
            "description": "A change, tag or date (the newest when absent)",
            "schema": {
              "type": "string"
            }
          }
        ]
      }
    },
    "/openapi.json": {
      "get": {
        "summary": "This document",
        "security": [],
        "responses": {
          "200": {
            "description": "The OpenAPI document",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          }
        }
      }
    }
  },
  "components": {
    "parameters": {
      "at": {
        "name": "at",
        "in": "query",
        "required": false,
        "description": "A past version: a change id, a tag or an ISO 8601 date (auditors and the DPO)",
        "schema": {
          "type": "string"
        }
      },
      "kind": {
        "name": "kind",
        "in": "path",
        "required": true,
        "description": "The kind of record, as the CLI names it: activity, purpose, category, subject, recipient, ...",
        "schema": {
          "type": "string"
        }
      },
      "ref": {
        "name": "ref",
        "in": "path",
        "required": true,
        "description": "The record's code, or #ID for a record without one (a time limit)",
        "schema": {
          "type": "string"
        }
      },
      "link": {
        "name": "link",
        "in": "path",
        "required": true,
        "description": "activity-purpose, activity-basis, purpose-category, ...",
        "schema": {
          "type": "string"
        }
      },
      "from": {
        "name": "from",
        "in": "path",
        "required": true,
        "description": "",
        "schema": {
          "type": "string"
        }
      },
      "to": {
        "name": "to",
        "in": "path",
        "required": true,
        "description": "",
        "schema": {
          "type": "string"
        }
      },
      "code": {
        "name": "code",
        "in": "path",
        "required": true,
        "description": "",
        "schema": {
          "type": "string"
        }
      },
      "limit": {
        "name": "limit",
        "in": "query",
        "required": false,
        "description": "At most this many (1 to 10000); without it, all. A page shorter than the limit is the last.",
        "schema": {
          "type": "integer",
          "minimum": 1,
          "maximum": 10000
        }
      },
      "offset": {
        "name": "offset",
        "in": "query",
        "required": false,
        "description": "Leave out this many first (with limit: the next page starts at offset + limit)",
        "schema": {
          "type": "integer",
          "minimum": 0
        }
      }
    },
    "securitySchemes": {
      "token": {
        "type": "http",
        "scheme": "bearer",
        "description": "An account's API token: ropa user token NAME"
      }
    },
    "responses": {
      "Error": {
        "description": "Refused, and nothing was written: 401 no token or one that is no account's, 403 the role does not allow it, 404 none such, 409 changed since (revision) or taken, 415 not JSON, 422 a value or a rule",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    },
    "schemas": {
      "Record": {
        "type": "object",
        "required": [
          "kind",
          "id",
          "revision",
          "fields"
        ],
        "properties": {
          "kind": {
            "type": "string"
          },
          "id": {
            "type": "integer"
          },
          "code": {
            "type": "string",
            "nullable": true
          },
          "revision": {
            "type": "integer"
          },
          "fields": {
            "type": "object"
          }
        }
      },
      "Link": {
        "type": "object",
        "required": [
          "link",
          "from",
          "to"
        ],
        "properties": {
          "link": {
            "type": "string"
          },
          "from": {
            "type": "string"
          },
          "to": {
            "type": "string"
          }
        }
      },
      "Error": {
        "type": "object",
        "required": [
          "error"
        ],
        "properties": {
          "error": {
            "type": "object",
            "required": [
              "code",
              "message"
            ],
            "properties": {
              "code": {
                "type": "string",
                "description": "validation, rule_violation, not_found, conflict, forbidden, unauthorized, unsupported_media_type, ..."
              },
              "message": {
                "type": "string"
              },
              "field": {
                "type": "string",
                "description": "The field or input at fault, as the library names it"
              },
              "broken_rules": {
                "type": "array",
                "items": {
                  "type": "object",
                  "properties": {
                    "code": {
                      "type": "string"
                    },
                    "rule": {
                      "type": "string"
                    },
                    "article": {
                      "type": "string"
                    },
                    "message": {
                      "type": "string"
                    }
                  }
                }
              }
            }
          }
        }
      },
      "Tag": {
        "type": "object",
        "required": [
          "name",
          "change_id",
          "created_at",
          "actor",
          "message"
        ],
        "properties": {
          "name": {
            "type": "string"
          },
          "change_id": {
            "type": "integer"
          },
          "created_at": {
            "type": "string"
          },
          "actor": {
            "type": "string"
          },
          "message": {
            "type": "string"
          },
          "signer": {
            "type": "string",
            "nullable": true,
            "description": "A signed tag: the fingerprint of its signer's public key"
          },
          "signature": {
            "type": "string",
            "nullable": true
          }
        }
      }
    }
  }
})json";
}

} // namespace ropa::web

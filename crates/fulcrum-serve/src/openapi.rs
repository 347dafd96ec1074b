//! The OpenAPI 3 document served at `/openapi.json`, written by hand so that it says exactly
//! what the handlers accept.

use serde_json::{json, Value};

fn param(name: &str, description: &str, required: bool, schema: Value) -> Value {
    json!({
        "name": name, "in": "query", "required": required,
        "description": description, "schema": schema
    })
}

fn s() -> Value {
    json!({ "type": "string" })
}

fn date() -> Value {
    json!({ "type": "string", "format": "date" })
}

fn int(min: u64, max: u64, default: u64) -> Value {
    json!({ "type": "integer", "minimum": min, "maximum": max, "default": default })
}

fn period(default: &str) -> Value {
    json!({ "type": "string", "enum": ["day", "week", "month", "quarter", "year"], "default": default })
}

fn ok(description: &str, schema: Value) -> Value {
    json!({
        "200": { "description": description, "content": { "application/json": { "schema": schema } } },
        "400": { "$ref": "#/components/responses/BadRequest" }
    })
}

fn range_params() -> Vec<Value> {
    vec![
        param("from", "First day (inclusive) of the events' start dates.", false, date()),
        param("to", "Last day (inclusive).", false, date()),
        param(
            "factuality",
            "Factuality values, comma-separated (asserted, negated, future, hypothetical). The analyses default to asserted.",
            false,
            s(),
        ),
    ]
}

pub fn document() -> Value {
    let balance_params = {
        let mut v = vec![
            param(
                "focus",
                "The state whose balance is measured: a code (PRK) or a name.",
                true,
                s(),
            ),
            param(
                "between",
                "The powers, comma-separated codes or names (CHN,USA).",
                true,
                s(),
            ),
            param("by", "Period length.", false, period("quarter")),
            param(
                "bootstrap",
                "Bootstrap resamples for the intervals.",
                false,
                int(1, crate::MAX_BOOTSTRAP as u64, 1000),
            ),
            param("seed", "Seed of the bootstrap.", false, int(0, u64::MAX, 0)),
        ];
        v.extend(range_params());
        v
    };
    let mut event_params = vec![
        param(
            "actor",
            "Events with this actor (code or name) as source or target.",
            false,
            s(),
        ),
        param(
            "dyad",
            "Events between two actors in either direction: PRK,USA.",
            false,
            s(),
        ),
        param(
            "type",
            "PLOVER types, comma-separated (CONSULT,THREATEN).",
            false,
            s(),
        ),
        param(
            "cameo",
            "CAMEO code or prefix (04 matches 040–046).",
            false,
            s(),
        ),
        param(
            "text",
            "Words the sentence contains (case-insensitive, at most 200 characters).",
            false,
            s(),
        ),
        param(
            "after",
            "Cursor: only events with an id greater than this (the previous page's next).",
            false,
            int(0, i64::MAX as u64, 0),
        ),
        param(
            "limit",
            "Page size.",
            false,
            int(1, crate::MAX_PAGE as u64, 50),
        ),
    ];
    event_params.extend(range_params());
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "fulcrum",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Coded political events, dyad relations and balance between powers, read from a fulcrum store. Spans are character offsets into a document's text. Errors are JSON objects {\"error\": message, \"status\": code}."
        },
        "paths": {
            "/api/health": { "get": {
                "summary": "Liveness and the store's counts",
                "responses": ok("Counts of documents, events and unique events", json!({"type": "object"}))
            }},
            "/api/events": { "get": {
                "summary": "Events (mentions) with filters and cursor pagination, in id order",
                "parameters": event_params,
                "responses": ok("A page of events and the cursor of the next page (null on the last)", json!({
                    "type": "object",
                    "properties": {
                        "events": { "type": "array", "items": { "$ref": "#/components/schemas/Event" } },
                        "next": { "type": "integer", "nullable": true }
                    }
                }))
            }},
            "/api/relations": { "get": {
                "summary": "One dyad's relations period by period (unique events), as `fulcrum relations --format json`",
                "parameters": [
                    param("a", "First actor (code or name).", true, s()),
                    param("b", "Second actor.", true, s()),
                    param("by", "Period length.", false, period("month")),
                    range_params()[0].clone(), range_params()[1].clone(), range_params()[2].clone()
                ],
                "responses": ok("One row per period", json!({"type": "array", "items": {"type": "object"}}))
            }},
            "/api/balance": { "get": {
                "summary": "A focus state's balance between powers, as `fulcrum balance --format json`",
                "parameters": balance_params.clone(),
                "responses": ok("Baselines, periods with scores, tilt and shares, and shifts", json!({"type": "object"}))
            }},
            "/api/balance.svg": { "get": {
                "summary": "The balance chart as SVG (the chart of `fulcrum balance --chart`)",
                "parameters": balance_params,
                "responses": {
                    "200": { "description": "SVG", "content": { "image/svg+xml": { "schema": { "type": "string" } } } },
                    "400": { "$ref": "#/components/responses/BadRequest" }
                }
            }},
            "/api/network": { "get": {
                "summary": "The network of the most active actors",
                "parameters": [
                    param("top", "How many actors.", false, int(1, 200, 20)),
                    param("actor", "Only events with this actor.", false, s()),
                    range_params()[0].clone(), range_params()[1].clone(), range_params()[2].clone()
                ],
                "responses": ok("Nodes and directed edges", json!({"type": "object"}))
            }},
            "/api/actors": { "get": {
                "summary": "Search the actors seen in the store by code or name",
                "parameters": [
                    param("q", "Start of a code, or part of a name (at most 100 characters); empty lists the most active.", false, s()),
                    param("limit", "How many.", false, int(1, 200, 20))
                ],
                "responses": ok("Actors, most events first", json!({"type": "object"}))
            }},
            "/api/documents": { "post": {
                "summary": "Code and store one article (needs the server's bearer token)",
                "security": [{ "bearer": [] }],
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Article" } } } },
                "responses": {
                    "201": { "description": "Stored (new document or new version)" },
                    "200": { "description": "Already stored; nothing changed" },
                    "400": { "$ref": "#/components/responses/BadRequest" },
                    "401": { "description": "Missing or wrong token" },
                    "403": { "description": "Writes are disabled (no token configured)" },
                    "413": { "description": "Body larger than the limit" }
                }
            }},
            "/api/documents/{id}": { "get": {
                "summary": "A document: text, blocks and quotes (character spans), and its events with their spans and provenance",
                "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "integer", "minimum": 1 } }],
                "responses": {
                    "200": { "description": "The document" },
                    "400": { "$ref": "#/components/responses/BadRequest" },
                    "404": { "description": "No such document" }
                }
            }}
        },
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "responses": {
                "BadRequest": {
                    "description": "A parameter is missing or invalid; the message names it",
                    "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
                }
            },
            "schemas": {
                "Error": { "type": "object", "properties": {
                    "error": { "type": "string" }, "status": { "type": "integer" } } },
                "Article": { "type": "object", "additionalProperties": false, "properties": {
                    "url": { "type": "string" }, "title": { "type": "string" },
                    "text": { "type": "string" }, "html": { "type": "string" },
                    "published": { "type": "string", "format": "date" } } },
                "Event": { "type": "object", "description": "One mention; the columns of docs/store.md, spans as [start, end] character offsets", "properties": {
                    "id": { "type": "integer" }, "doc_id": { "type": "integer", "nullable": true },
                    "source_code": { "type": "string" }, "target_code": { "type": "string", "nullable": true },
                    "plover": { "type": "string" }, "cameo": { "type": "string" },
                    "goldstein": { "type": "number" }, "factuality": { "type": "string" },
                    "factuality_cue": { "type": "string", "nullable": true },
                    "rule": { "type": "string", "nullable": true }, "date_basis": { "type": "string" },
                    "sentence_span": { "type": "array", "items": { "type": "integer" }, "nullable": true },
                    "source_span": { "type": "array", "items": { "type": "integer" }, "nullable": true },
                    "target_span": { "type": "array", "items": { "type": "integer" }, "nullable": true },
                    "trigger_span": { "type": "array", "items": { "type": "integer" }, "nullable": true } } }
            }
        }
    })
}

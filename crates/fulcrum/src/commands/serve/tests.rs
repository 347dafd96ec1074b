//! API tests: every endpoint driven in-process through the router, on the demo store built
//! once for this test binary, with the command line's own engine behind it.

use super::app;
use crate::cli::DemoSettings;
use crate::commands::{analyse, demo};
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use fulcrum_serve::Config;
use http_body_util::BodyExt;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;
use tower::ServiceExt;

const TOKEN: &str = "test-token-0123456789abcdef";

fn scratch() -> PathBuf {
    let d = std::env::temp_dir().join(format!("fulcrum-serve-tests-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("scratch folder");
    d
}

/// The demo store, built on first use.
fn demo_db() -> String {
    static DB: OnceLock<String> = OnceLock::new();
    DB.get_or_init(|| {
        let dir = scratch();
        let db = dir.join("demo.db").to_string_lossy().into_owned();
        demo::run(&DemoSettings {
            db: db.clone(),
            chart: dir.join("demo.svg"),
            threads: None,
            quiet: true,
        })
        .expect("demo store");
        db
    })
    .clone()
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    fn error(&self) -> String {
        self.json()["error"].as_str().unwrap_or("").to_string()
    }
}

fn call_with(config: Config, req: Request<Body>) -> Reply {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async move {
        let res = app(config).oneshot(req).await.expect("infallible");
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.into_body().collect().await.expect("body").to_bytes();
        Reply {
            status,
            headers,
            body: body.to_vec(),
        }
    })
}

fn get(uri: &str) -> Reply {
    let req = Request::get(uri).body(Body::empty()).expect("request");
    call_with(Config::new(demo_db()), req)
}

fn ok(uri: &str) -> Value {
    let r = get(uri);
    assert_eq!(
        r.status,
        StatusCode::OK,
        "{uri}: {}",
        String::from_utf8_lossy(&r.body)
    );
    r.json()
}

/// A 400 whose message names `param`.
fn bad(uri: &str, param: &str) {
    let r = get(uri);
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{uri}");
    let m = r.error();
    assert!(
        m.contains(param),
        "{uri}: message {m:?} should name {param}"
    );
}

#[test]
fn every_response_carries_the_security_headers() {
    for uri in [
        "/",
        "/app.js",
        "/api/health",
        "/api/events?limit=x",
        "/nope",
    ] {
        let r = get(uri);
        let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && csp.contains("object-src 'none'"));
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("base-uri 'none'"));
        assert_eq!(r.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert!(
            !r.headers
                .keys()
                .any(|k| k.as_str().starts_with("access-control")),
            "{uri}: no CORS headers"
        );
    }
}

#[test]
fn health_counts_the_store() {
    let h = ok("/api/health");
    assert_eq!(h["status"], "ok");
    assert!(h["documents"].as_i64().unwrap() > 200);
    assert!(h["unique_events"].as_i64().unwrap() > 0);
    bad("/api/health?x=1", "\"x\"");
}

#[test]
fn openapi_document_lists_every_endpoint() {
    let d = ok("/openapi.json");
    assert_eq!(d["openapi"], "3.0.3");
    for p in [
        "/api/health",
        "/api/events",
        "/api/relations",
        "/api/balance",
        "/api/balance.svg",
        "/api/network",
        "/api/actors",
        "/api/documents",
        "/api/documents/{id}",
    ] {
        assert!(d["paths"][p].is_object(), "{p} missing");
    }
}

#[test]
fn dashboard_is_served_from_the_binary() {
    let r = get("/");
    assert_eq!(r.status, StatusCode::OK);
    let html = String::from_utf8_lossy(&r.body);
    assert!(html.contains("<script src=\"/app.js\""));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no outside resources"
    );
    let js = get("/app.js");
    assert!(js.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    let js = String::from_utf8_lossy(&js.body);
    assert!(
        !js.contains("innerHTML"),
        "text never goes through innerHTML"
    );
    assert_eq!(get("/style.css").status, StatusCode::OK);
    assert_eq!(get("/nope").status, StatusCode::NOT_FOUND);
}

#[test]
fn events_filter_and_paginate() {
    let first = ok("/api/events?dyad=PRK,USA&limit=5");
    let rows = first["events"].as_array().unwrap();
    assert_eq!(rows.len(), 5);
    for e in rows {
        let pair = (
            e["source_code"].as_str().unwrap(),
            e["target_code"].as_str().unwrap(),
        );
        assert!(matches!(pair, ("PRK", "USA") | ("USA", "PRK")), "{pair:?}");
    }
    let next = first["next"].as_i64().expect("a next page");
    assert_eq!(next, rows[4]["id"].as_i64().unwrap());
    let second = ok(&format!("/api/events?dyad=PRK,USA&limit=5&after={next}"));
    assert!(second["events"][0]["id"].as_i64().unwrap() > next);
    // A name is as good as a code.
    let named = ok("/api/events?dyad=North%20Korea,USA&limit=5");
    assert_eq!(named["events"], first["events"]);

    let typed =
        ok("/api/events?type=consult&factuality=asserted&from=2018-01-01&to=2018-12-31&limit=50");
    for e in typed["events"].as_array().unwrap() {
        assert_eq!(e["plover"], "CONSULT");
        assert_eq!(e["factuality"], "asserted");
        let d = e["date_start"].as_str().unwrap();
        assert!(("2018-01-01".."2019-01-01").contains(&d), "{d}");
    }
    let cameo = ok("/api/events?cameo=04&actor=PRK&limit=20");
    for e in cameo["events"].as_array().unwrap() {
        assert!(e["cameo"].as_str().unwrap().starts_with("04"));
    }
    let text = ok("/api/events?text=summit&limit=20");
    assert!(!text["events"].as_array().unwrap().is_empty());
    for e in text["events"].as_array().unwrap() {
        assert!(e["sentence"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("summit"));
    }
    // The last page says so.
    let all = ok("/api/events?text=summit&limit=500");
    assert!(all["next"].is_null());
}

#[test]
fn events_reject_bad_parameters() {
    bad("/api/events?limit=0", "\"limit\"");
    bad("/api/events?limit=100000", "\"limit\"");
    bad("/api/events?limit=ten", "\"limit\"");
    bad("/api/events?after=-3", "\"after\"");
    bad("/api/events?from=2018-13-01", "\"from\"");
    bad("/api/events?to=yesterday", "\"to\"");
    bad("/api/events?from=2019-01-01&to=2018-01-01", "\"from\"");
    bad("/api/events?dyad=PRK", "\"dyad\"");
    bad("/api/events?actor=Atlantis%20Republic", "\"actor\"");
    bad("/api/events?factuality=maybe", "\"factuality\"");
    bad("/api/events?cameo=04';--", "\"cameo\"");
    bad("/api/events?type=CONSULT;DROP", "\"type\"");
    bad("/api/events?colour=red", "\"colour\"");
    bad("/api/events?limit=1&limit=2", "\"limit\"");
}

#[test]
fn relations_match_the_analysis() {
    let uri = "/api/relations?a=PRK&b=USA&by=year&from=2016-01-01&to=2019-12-31";
    let raw = get(uri);
    let rows = ok(uri);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["period"], "2016");
    let mut store = fulcrum_store::Store::open(&demo_db()).unwrap();
    let filter = fulcrum_store::EventFilter {
        factuality: vec!["asserted".into()],
        from: Some("2016-01-01".into()),
        to: Some("2019-12-31".into()),
        ..Default::default()
    };
    let events = analyse::load_events(&mut store, &filter).unwrap();
    let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    let cli = fulcrum_relations::relations(
        &events,
        "PRK",
        "USA",
        fulcrum_relations::Period::Year,
        day("2016-01-01"),
        day("2019-12-31"),
    );
    // Compared as text: serde_json prints floats exactly, but its default parsing may be a
    // unit in the last place off.
    assert_eq!(
        String::from_utf8_lossy(&raw.body),
        serde_json::to_string(&cli).unwrap()
    );
    bad("/api/relations?a=PRK", "\"b\"");
    bad("/api/relations?a=PRK&b=USA&by=fortnight", "\"by\"");
}

#[test]
fn balance_equals_the_command_line() {
    let uri = "/api/balance?focus=North%20Korea&between=CHN,USA&from=2016-01-01&to=2019-12-31";
    let raw = get(uri);
    let api = ok(uri);
    let mut store = fulcrum_store::Store::open(&demo_db()).unwrap();
    let settings = demo::demo_balance(&demo_db());
    let cli = analyse::compute_balance(&mut store, &settings).unwrap();
    // What `fulcrum balance PRK --between CHN,USA --from … --to … --format json` prints.
    let cli_text = serde_json::to_string(&cli).unwrap();
    assert_eq!(String::from_utf8_lossy(&raw.body), cli_text);
    let printed: Value = serde_json::from_str(&cli.to_json()).unwrap();
    assert_eq!(printed, serde_json::from_str::<Value>(&cli_text).unwrap());
    assert_eq!(api["focus"], "PRK");
    assert_eq!(api["periods"].as_array().unwrap().len(), 16);

    let svg = get("/api/balance.svg?focus=PRK&between=CHN,USA&from=2016-01-01&to=2019-12-31");
    assert_eq!(svg.status, StatusCode::OK);
    assert!(svg.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("image/svg+xml"));
    assert!(String::from_utf8_lossy(&svg.body).contains("<svg"));

    bad("/api/balance?between=CHN,USA", "\"focus\"");
    bad("/api/balance?focus=PRK", "\"between\"");
    bad(
        "/api/balance?focus=PRK&between=CHN,Atlantis%20Republic",
        "\"between\"",
    );
    bad(
        "/api/balance?focus=PRK&between=CHN,USA&bootstrap=1000000",
        "\"bootstrap\"",
    );
    bad(
        "/api/balance.svg?focus=PRK&between=CHN,USA&by=decade",
        "\"by\"",
    );
}

#[test]
fn network_lists_the_most_active() {
    let n = ok("/api/network?top=5&from=2016-01-01&to=2019-12-31");
    let nodes = n["nodes"].as_array().unwrap();
    assert!(!nodes.is_empty() && nodes.len() <= 5);
    bad("/api/network?top=0", "\"top\"");
    bad("/api/network?top=5000", "\"top\"");
}

#[test]
fn actors_are_searched_by_code_and_name() {
    let a = ok("/api/actors?q=PR");
    assert!(a["actors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["code"] == "PRK"));
    let a = ok("/api/actors?q=north%20korea");
    assert_eq!(a["actors"][0]["code"], "PRK");
    let a = ok("/api/actors?limit=3");
    assert_eq!(a["actors"].as_array().unwrap().len(), 3);
    bad("/api/actors?limit=0", "\"limit\"");
    bad("/api/actors?q=PRK&sort=name", "\"sort\"");
}

#[test]
fn documents_come_with_their_events_and_spans() {
    let page = ok("/api/events?dyad=PRK,USA&limit=1");
    let id = page["events"][0]["doc_id"].as_i64().unwrap();
    let d = ok(&format!("/api/documents/{id}"));
    assert_eq!(d["id"], id);
    let text: Vec<char> = d["text"].as_str().unwrap().chars().collect();
    let events = d["events"].as_array().unwrap();
    assert!(!events.is_empty());
    for e in events {
        assert_eq!(e["doc_id"], id);
        assert!(e["rule"].is_string() && e["date_basis"].is_string());
        // Spans are character offsets: the span's characters are the trigger's words.
        let s = &e["trigger_span"];
        let (a, b) = (
            s[0].as_u64().unwrap() as usize,
            s[1].as_u64().unwrap() as usize,
        );
        let got: String = text[a..b].iter().collect();
        assert_eq!(got, e["trigger_text"].as_str().unwrap());
    }
    for b in d["blocks"].as_array().unwrap() {
        assert!(b["end"].as_u64().unwrap() as usize <= text.len());
    }
    let r = get("/api/documents/999999");
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.error().contains("999999"));
    bad("/api/documents/abc", "\"abc\"");
    bad("/api/documents/-1", "\"-1\"");
}

fn post(config: Config, token: Option<&str>, body: &str) -> Reply {
    let mut req = Request::builder()
        .method(Method::POST)
        .uri("/api/documents")
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    call_with(
        config,
        req.body(Body::from(body.to_string())).expect("request"),
    )
}

#[test]
fn posting_an_article_needs_the_token_and_codes_it() {
    let db = scratch().join("writes.db").to_string_lossy().into_owned();
    let _ = std::fs::remove_file(&db);
    let mut config = Config::new(db.clone());
    let article = serde_json::json!({
        "url": "https://example.org/talks",
        "title": "Talks",
        "text": "SEOUL, March 3, 2018 (Wire) -- North Korea's leader Kim Jong Un met South Korean envoys in Pyongyang on Monday. <script>window.__pwned=1</script>",
        "published": "2018-03-06",
    })
    .to_string();

    let r = post(config.clone(), Some(TOKEN), &article);
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "disabled without a configured token"
    );
    config.token = Some(TOKEN.into());
    let r = post(config.clone(), None, &article);
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.headers.contains_key(header::WWW_AUTHENTICATE));
    let r = post(
        config.clone(),
        Some("wrong-token-0123456789abcdef"),
        &article,
    );
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    let r = post(config.clone(), Some(TOKEN), &article);
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
    let out = r.json();
    assert_eq!(out["status"], "new");
    assert!(out["events"].as_u64().unwrap() >= 1);
    let id = out["id"].as_i64().unwrap();
    let again = post(config.clone(), Some(TOKEN), &article);
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json()["status"], "unchanged");
    assert_eq!(again.json()["id"], id);

    let req = Request::get(format!("/api/documents/{id}"))
        .body(Body::empty())
        .unwrap();
    let d = call_with(config.clone(), req).json();
    // Stored as text, exactly; escaping is the page's business.
    assert!(d["text"]
        .as_str()
        .unwrap()
        .contains("<script>window.__pwned=1</script>"));
    assert!(!d["events"].as_array().unwrap().is_empty());

    for (body, what) in [
        ("not json", "not an article"),
        ("{\"title\": \"no text\"}", "\"text\""),
        ("{\"text\": \"x\", \"html\": \"<p>x</p>\"}", "\"text\""),
        (
            "{\"text\": \"Some text.\", \"published\": \"March\"}",
            "\"published\"",
        ),
        (
            "{\"text\": \"Some text.\", \"url\": \"javascript:alert(1)\"}",
            "\"url\"",
        ),
        ("{\"text\": \"Some text.\", \"colour\": \"red\"}", "colour"),
    ] {
        let r = post(config.clone(), Some(TOKEN), body);
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}");
        assert!(r.error().contains(what), "{body}: {}", r.error());
    }
    let huge = format!("{{\"text\": \"{}\"}}", "a".repeat(3 * 1024 * 1024));
    let r = post(config.clone(), Some(TOKEN), &huge);
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    let r = call_with(
        config,
        Request::get("/api/documents").body(Body::empty()).unwrap(),
    );
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[test]
fn errors_do_not_leak_internals() {
    // A store that cannot be opened: the client hears only that something went wrong.
    let dir = scratch().join("no-such-folder").join("x.db");
    let req = Request::get("/api/health").body(Body::empty()).unwrap();
    let r = call_with(Config::new(dir.to_string_lossy()), req);
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    let body = String::from_utf8_lossy(&r.body);
    assert!(
        !body.contains("no-such-folder") && !body.to_lowercase().contains("sql"),
        "{body}"
    );
}

/// The API answers the same on PostgreSQL as on SQLite: the same demo corpus in both stores
/// gives byte-identical answers (ids included, since ingest assigns them in input order).
#[test]
fn postgres_store_answers_as_the_sqlite_one() {
    let Some(pg) = fulcrum_store::testing::fresh_postgres("serve_api") else {
        return;
    };
    let dir = scratch();
    demo::run(&DemoSettings {
        db: pg.clone(),
        chart: dir.join("demo-pg.svg"),
        threads: None,
        quiet: true,
    })
    .expect("demo store on PostgreSQL");
    for uri in [
        "/api/health",
        "/api/events?dyad=PRK,USA&from=2017-08-01&to=2017-11-30&limit=50",
        "/api/events?text=missile&limit=20",
        "/api/relations?a=PRK&b=CHN&by=quarter&from=2016-01-01&to=2019-12-31",
        "/api/balance?focus=PRK&between=CHN,USA&by=quarter&from=2016-01-01&to=2019-12-31",
        "/api/network?top=5",
        "/api/actors?q=kor",
        "/api/documents/1",
    ] {
        let req = || Request::get(uri).body(Body::empty()).expect("request");
        let lite = call_with(Config::new(demo_db()), req());
        let post = call_with(Config::new(pg.clone()), req());
        assert_eq!(lite.status, StatusCode::OK, "{uri}");
        assert_eq!(post.status, StatusCode::OK, "{uri} on PostgreSQL");
        let (mut a, mut b) = (lite.json(), post.json());
        // The health answer names its backend.
        for v in [&mut a, &mut b] {
            if let Some(o) = v.as_object_mut() {
                o.remove("backend");
                o.remove("store");
            }
        }
        assert_eq!(a, b, "{uri}");
    }
}

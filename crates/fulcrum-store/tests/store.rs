//! The store's behaviour, run against SQLite and, when a server is configured
//! (`FULCRUM_TEST_PG`, always under CI), against PostgreSQL.

use fulcrum_store::testing::fresh_postgres;
use fulcrum_store::{DocStatus, EventFilter, EventRow, NewDocument, Store};

/// Every backend to run a test against: a fresh SQLite file and, when available, a fresh
/// PostgreSQL database.
fn stores(test: &str) -> Vec<(String, Store)> {
    let dir = std::env::temp_dir().join(format!("fulcrum-store-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("t.db");
    let mut out = vec![(
        "sqlite".to_string(),
        Store::open(path.to_str().unwrap()).unwrap(),
    )];
    if let Some(url) = fresh_postgres(test) {
        out.push(("postgres".to_string(), Store::open(&url).unwrap()));
    }
    out
}

fn event(src: &str, tgt: &str, plover: &str, date: &str) -> EventRow {
    EventRow {
        provenance: "coded:test".into(),
        source_code: src.into(),
        source_sector: "GOV".into(),
        target_code: Some(tgt.into()),
        target_sector: Some("GOV".into()),
        plover: plover.into(),
        cameo: "040".into(),
        goldstein: 1.0,
        quad: "verbal_cooperation".into(),
        date_start: Some(date.into()),
        date_end: Some(date.into()),
        date_basis: "explicit".into(),
        factuality: "asserted".into(),
        sentence: Some(format!("{src} met {tgt}.")),
        sentence_span: Some([0, 10]),
        mentions: 1,
        ..Default::default()
    }
}

fn doc(key: &str, text: &str, events: Vec<EventRow>) -> NewDocument {
    NewDocument {
        key: key.into(),
        content_hash: format!("hash-of-{text}"),
        url: Some(key.into()),
        origin: "test".into(),
        title: Some("A title".into()),
        published: Some("2018-06-12".into()),
        published_basis: Some("given".into()),
        captured: None,
        body: format!("{{\"text\":{text:?}}}"),
        events,
    }
}

#[test]
fn writing_twice_adds_nothing_and_a_change_is_a_new_version() {
    for (backend, mut s) in stores("idempotence") {
        let docs = vec![
            doc(
                "u1",
                "a",
                vec![event("PRK", "USA", "CONSULT", "2018-06-12")],
            ),
            doc(
                "u2",
                "b",
                vec![event("USA", "PRK", "CONSULT", "2018-06-12")],
            ),
        ];
        let w = s.write_documents(&docs, "v1").unwrap();
        assert_eq!((w.new, w.unchanged, w.events), (2, 0, 2), "{backend}");
        let w = s.write_documents(&docs, "v1").unwrap();
        assert_eq!((w.new, w.unchanged, w.events), (0, 2, 0), "{backend}");
        assert_eq!(s.status("u1", "hash-of-a").unwrap(), DocStatus::Unchanged);
        assert_eq!(s.status("u1", "hash-of-z").unwrap(), DocStatus::Changed);
        assert_eq!(s.status("u9", "hash-of-a").unwrap(), DocStatus::New);
        let w = s.write_documents(&[doc("u1", "a2", vec![])], "v1").unwrap();
        assert_eq!(w.versions, 1, "{backend}");
        let (d, e, _) = s.counts().unwrap();
        assert_eq!((d, e), (3, 2), "{backend}");
    }
}

#[test]
fn mentions_of_one_event_form_one_cluster() {
    for (backend, mut s) in stores("clusters") {
        let docs = vec![
            doc(
                "u1",
                "a",
                vec![event("PRK", "USA", "CONSULT", "2018-06-12")],
            ),
            doc(
                "u2",
                "b",
                vec![event("PRK", "USA", "CONSULT", "2018-06-13")],
            ),
            // Outside the window: a different meeting.
            doc(
                "u3",
                "c",
                vec![event("PRK", "USA", "CONSULT", "2018-06-30")],
            ),
            // Another direction is another event.
            doc(
                "u4",
                "d",
                vec![event("USA", "PRK", "CONSULT", "2018-06-12")],
            ),
        ];
        s.write_documents(&docs, "v1").unwrap();
        assert!(s.clusters_dirty().unwrap());
        let n = s.recluster(3).unwrap();
        assert_eq!(n, 3, "{backend}");
        assert!(!s.clusters_dirty().unwrap());
        let c = s.clusters(&EventFilter::default()).unwrap();
        let first = c
            .iter()
            .find(|c| c.source_code == "PRK" && c.date_start == "2018-06-12")
            .unwrap();
        assert_eq!((first.events, first.mentions, first.documents), (2, 2, 2));
        // Recomputing gives the same clusters.
        s.recluster(3).unwrap();
        assert_eq!(s.clusters(&EventFilter::default()).unwrap(), c, "{backend}");
        let ev = s.events(&EventFilter::default()).unwrap();
        assert_eq!(ev[0].cluster_mentions, Some(2), "{backend}");
    }
}

#[test]
fn filters_select_the_same_events_on_every_backend() {
    for (backend, mut s) in stores("filters") {
        let docs = vec![
            doc(
                "u1",
                "a",
                vec![
                    event("PRK", "USA", "CONSULT", "2018-06-12"),
                    event("CHN", "PRK", "AGREE", "2018-03-27"),
                ],
            ),
            doc(
                "u2",
                "b",
                vec![event("USA", "PRK", "THREATEN", "2017-08-08")],
            ),
        ];
        s.write_documents(&docs, "v1").unwrap();
        s.recluster(3).unwrap();
        let mut count = |f: EventFilter| s.events(&f).unwrap().len();
        let got = vec![
            count(EventFilter {
                from: Some("2018-01-01".into()),
                ..Default::default()
            }),
            count(EventFilter {
                to: Some("2018-06-12".into()),
                ..Default::default()
            }),
            count(EventFilter {
                dyad: Some(("USA".into(), "PRK".into())),
                ..Default::default()
            }),
            count(EventFilter {
                actor: Some("CHN".into()),
                ..Default::default()
            }),
            count(EventFilter {
                types: vec!["threaten".into(), "AGREE".into()],
                ..Default::default()
            }),
            count(EventFilter {
                text: Some("MET usa".into()),
                ..Default::default()
            }),
            count(EventFilter {
                after_id: Some(1),
                limit: Some(1),
                ..Default::default()
            }),
        ];
        assert_eq!(got, vec![2, 3, 2, 1, 2, 1, 1], "{backend}");
    }
}

#[test]
fn imported_events_are_stored_once() {
    for (backend, mut s) in stores("imported") {
        let mut e = event("PRK", "USA", "THREATEN", "2017-08-09");
        e.provenance = "imported:gdelt1".into();
        e.external_id = Some("123".into());
        let (a, k) = s.write_imported(&[e.clone(), e.clone()]).unwrap();
        // The second copy in the same batch is already stored when it is reached.
        assert_eq!((a, k), (1, 1), "{backend}");
        let (a, k) = s.write_imported(&[e]).unwrap();
        assert_eq!((a, k), (0, 1), "{backend}");
    }
}

#[test]
fn recoding_replaces_events_and_version() {
    for (backend, mut s) in stores("recode") {
        s.write_documents(
            &[doc(
                "u1",
                "a",
                vec![event("PRK", "USA", "CONSULT", "2018-06-12")],
            )],
            "v1",
        )
        .unwrap();
        let stale = s.stale_documents("v2", 10).unwrap();
        assert_eq!(stale.len(), 1, "{backend}");
        let n = s
            .replace_events(
                &[(
                    stale[0].id,
                    vec![
                        event("PRK", "USA", "CONSULT", "2018-06-12"),
                        event("USA", "PRK", "AGREE", "2018-06-12"),
                    ],
                )],
                "v2",
            )
            .unwrap();
        assert_eq!(n, 2);
        assert!(s.stale_documents("v2", 10).unwrap().is_empty(), "{backend}");
        assert_eq!(s.counts().unwrap().1, 2, "{backend}");
    }
}

#[test]
fn a_transaction_that_fails_midway_leaves_nothing_behind() {
    for (backend, mut s) in stores("rollback") {
        s.write_documents(&[doc("u1", "a", vec![])], "v1").unwrap();
        // The store's writes rest on this: a transaction whose later statement fails, rolled
        // back as the writer does, leaves none of its earlier rows.
        let before = s.counts().unwrap();
        let r = s.db().begin().and_then(|_| {
            s.db().exec(
                "INSERT INTO documents (id, doc_key, version, content_hash, origin, body, \
                 coder_version, events, ingested_at) VALUES (2, 'u2', 1, 'h', 'o', '{}', 'v1', 0, 'now')",
                &[],
            )?;
            s.db().exec("INSERT INTO no_such_table VALUES (1)", &[])
        });
        assert!(r.is_err(), "{backend}");
        s.db().rollback().unwrap();
        assert_eq!(s.counts().unwrap(), before, "{backend}");
    }
}

#[test]
fn a_long_statement_can_be_interrupted_from_another_thread() {
    for (backend, mut s) in stores("interrupt") {
        let stop = s.interrupter();
        let t = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(200));
            stop.interrupt();
        });
        let slow = match s.backend() {
            fulcrum_store::Backend::Sqlite => {
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000000000) SELECT COUNT(*) FROM n"
            }
            fulcrum_store::Backend::Postgres => "SELECT pg_sleep(30)::text",
        };
        let started = std::time::Instant::now();
        let err = s.db().query(slow, &[]).unwrap_err();
        t.join().unwrap();
        assert!(err.is_interrupted(), "{backend}: {err}");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{backend}"
        );
        // The store is usable afterwards.
        assert_eq!(s.counts().unwrap().0, 0, "{backend}");
    }
}

//! The store through the command line: ingest of every input format, exactly-once and crash
//! safety, import, export round trips and re-coding. Each test runs against SQLite and, when a
//! server is configured (`FULCRUM_TEST_PG`; always under CI), against PostgreSQL.

use fulcrum_store::db::Val;
use fulcrum_store::testing::fresh_postgres;
use fulcrum_store::Store;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_fulcrum")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("fulcrum-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A fresh SQLite store and, when available, a fresh PostgreSQL one.
fn stores(test: &str) -> Vec<String> {
    let mut v = vec![tmp(&format!("{test}-db"))
        .join("t.db")
        .display()
        .to_string()];
    v.extend(fresh_postgres(test));
    v
}

fn fulcrum(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .output()
        .expect("run fulcrum")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Everything a store holds except bookkeeping times, in id order.
fn dump(db: &str) -> Vec<Vec<Vec<Val>>> {
    let mut s = Store::open(db).unwrap();
    [
        "SELECT id, doc_key, version, content_hash, url, origin, title, published, \
         published_basis, captured, body, coder_version, events FROM documents ORDER BY id",
        "SELECT * FROM events ORDER BY id",
        "SELECT * FROM clusters ORDER BY id",
        "SELECT key, value FROM meta ORDER BY key",
    ]
    .iter()
    .map(|q| s.db().query(q, &[]).unwrap())
    .collect()
}

fn counts(db: &str) -> (i64, i64, i64) {
    Store::open(db).unwrap().counts().unwrap()
}

#[test]
fn ingesting_twice_changes_nothing() {
    let examples = repo().join("examples");
    for db in stores("twice") {
        let o = fulcrum(&["ingest", "-q", "--db", &db, examples.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        let first = dump(&db);
        assert_eq!(first[0].len(), 12, "12 example articles");
        assert!(!first[1].is_empty());
        let o = fulcrum(&["ingest", "-q", "--db", &db, examples.to_str().unwrap()]);
        assert!(o.status.success());
        assert!(stderr(&o).contains("0 new documents"), "{}", stderr(&o));
        assert!(stderr(&o).contains("12 unchanged"), "{}", stderr(&o));
        assert_eq!(dump(&db), first, "{db}");
    }
}

/// A small deterministic generator for kill moments; the seed is printed for reproduction.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn killed_runs_resume_to_the_same_store() {
    let corpus = repo().join("demo/corpus");
    let corpus = corpus.to_str().unwrap();
    let postgres = fresh_postgres("crash_ref");
    let mut backends = vec![None];
    if postgres.is_some() {
        backends.push(postgres);
    }
    for reference in backends {
        let sqlite = reference.is_none();
        let reference =
            reference.unwrap_or_else(|| tmp("crash-ref").join("ref.db").display().to_string());
        // The uninterrupted run, timed to spread the kills over its length.
        let t = Instant::now();
        let o = fulcrum(&["ingest", "-q", "--batch", "4", "--db", &reference, corpus]);
        assert!(o.status.success(), "{}", stderr(&o));
        let mut span = t.elapsed().as_millis().max(50) as u64;
        let expected = dump(&reference);

        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64;
        let mut rng = Lcg(seed);
        let mut kills = 0;
        // Each round starts from an empty store, is killed at random moments until a run
        // finishes on its own, and must then hold exactly what the uninterrupted run wrote.
        // Kill moments are drawn from the first 60% of a full run's length, re-measured
        // whenever a run from an empty store finishes, so that the machine's load at the time
        // does not leave most runs finishing before their kill.
        for round in 0..60 {
            if kills >= 20 {
                break;
            }
            let db = if sqlite {
                tmp(&format!("crash-{round}"))
                    .join("t.db")
                    .display()
                    .to_string()
            } else {
                fresh_postgres(&format!("crash_{round}")).unwrap()
            };
            eprintln!("crash test round {round} on {db}: seed {seed}, run {span} ms");
            for attempt in 0..4 {
                let started = Instant::now();
                let mut child = Command::new(bin())
                    .args(["ingest", "-q", "--batch", "4", "--db", &db, corpus])
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap();
                std::thread::sleep(Duration::from_millis(rng.next() % (span * 6 / 10).max(1)));
                if child.try_wait().unwrap().is_some() {
                    if attempt == 0 {
                        span = started.elapsed().as_millis().max(50) as u64;
                    }
                    break;
                }
                child.kill().unwrap(); // SIGKILL on Unix
                child.wait().unwrap();
                kills += 1;
            }
            let o = fulcrum(&["ingest", "-q", "--batch", "4", "--db", &db, corpus]);
            assert!(o.status.success(), "{}", stderr(&o));
            assert_eq!(
                dump(&db),
                expected,
                "store after kills in round {round} (seed {seed}) on {db}"
            );
        }
        assert!(kills >= 20, "only {kills} runs could be killed");
    }
}

const ARTICLE: &str = "<html><head><title>Leaders meet</title></head><body><nav>Home | World</nav>\
<article><h1>Leaders of two states meet in Beijing</h1><p>BEIJING, March 28 (Fulcrum Wire) - \
Chinese President Xi Jinping met North Korean leader Kim Jong Un in Beijing on Tuesday, state \
media said.</p><p>The two leaders held talks on the Korean peninsula.</p></article>\
<footer>Copyright</footer></body></html>";

fn warc_record(url: &str, html: &str) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2018-03-29T00:00:00Z\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    r.extend_from_slice(http.as_bytes());
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn every_input_format_lands() {
    let dir = tmp("formats");
    let jsonl_line = |url: &str| {
        serde_json::json!({"url": url, "published": "2018-03-28", "title": "Xi meets Kim",
            "text": "BEIJING, March 28 (Fulcrum Wire) - Chinese President Xi Jinping met North Korean leader Kim Jong Un in Beijing on Tuesday."})
            .to_string()
    };
    std::fs::write(dir.join("a.html"), ARTICLE).unwrap();
    std::fs::write(
        dir.join("b.txt"),
        "Kim visits Beijing\n\nBEIJING, March 28 (Fulcrum Wire) - North Korean leader Kim Jong Un visited China and met President Xi Jinping.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("c.jsonl"),
        format!(
            "{}\n{}\n",
            jsonl_line("https://example.org/c1"),
            jsonl_line("https://example.org/c2")
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("d.rss"),
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title>\
         <item><title>Xi meets Kim</title><link>https://example.org/d1</link>\
         <pubDate>Wed, 28 Mar 2018 09:00:00 GMT</pubDate><description>&lt;p&gt;Chinese President Xi Jinping met North Korean leader Kim Jong Un in Beijing.&lt;/p&gt;</description></item>\
         </channel></rss>",
    )
    .unwrap();
    std::fs::write(
        dir.join("e.atom"),
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Wire</title>\
         <entry><title>Kim in Beijing</title><link href=\"https://example.org/e1\"/>\
         <published>2018-03-28T09:00:00Z</published><content type=\"html\">&lt;p&gt;North Korean leader Kim Jong Un met Chinese President Xi Jinping in Beijing.&lt;/p&gt;</content></entry></feed>",
    )
    .unwrap();
    let mut warc = warc_record("https://example.org/f1", ARTICLE);
    warc.extend(warc_record(
        "https://example.org/f2",
        &ARTICLE.replace("Tuesday", "Wednesday"),
    ));
    std::fs::write(dir.join("f.warc"), &warc).unwrap();
    // Multi-member gzip, as Common Crawl writes it: one member per record.
    let mut wgz = gz(&warc_record("https://example.org/g1", ARTICLE));
    wgz.extend(gz(&warc_record(
        "https://example.org/g2",
        &ARTICLE.replace("Tuesday", "Monday"),
    )));
    std::fs::write(dir.join("g.warc.gz"), wgz).unwrap();
    std::fs::write(
        dir.join("h.jsonl.zst"),
        zstd::encode_all(jsonl_line("https://example.org/h1").as_bytes(), 3).unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.join("i.jsonl.gz"),
        gz(jsonl_line("https://example.org/i1").as_bytes()),
    )
    .unwrap();

    for db in stores("formats") {
        let o = fulcrum(&["ingest", "-q", "--db", &db, dir.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        // Standard input.
        let mut child = Command::new(bin())
            .args(["ingest", "-q", "--db", &db, "-"])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(jsonl_line("https://example.org/stdin").as_bytes())
            .unwrap();
        let o = child.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));

        let mut s = Store::open(&db).unwrap();
        let keys: Vec<String> = s
            .db()
            .query("SELECT doc_key FROM documents ORDER BY doc_key", &[])
            .unwrap()
            .into_iter()
            .map(|r| r[0].text())
            .collect();
        for url in [
            "https://example.org/c1",
            "https://example.org/c2",
            "https://example.org/d1",
            "https://example.org/e1",
            "https://example.org/f1",
            "https://example.org/f2",
            "https://example.org/g1",
            "https://example.org/g2",
            "https://example.org/h1",
            "https://example.org/i1",
            "https://example.org/stdin",
        ] {
            assert!(
                keys.contains(&url.to_string()),
                "{url} missing from {keys:?}"
            );
        }
        // The HTML and text files have no URL: they are known by their text's hash.
        assert_eq!(keys.iter().filter(|k| k.starts_with("sha256:")).count(), 2);
        // Feed and JSON Lines dates are the sources' own.
        let published = s
            .db()
            .query(
                "SELECT published, published_basis FROM documents WHERE doc_key = $1",
                &["https://example.org/d1".into()],
            )
            .unwrap();
        assert_eq!(published[0][0].text(), "2018-03-28");
        assert_eq!(published[0][1].text(), "source");
        // Events were coded from them.
        assert!(s.counts().unwrap().1 >= 10, "{:?}", s.counts());
    }
}

#[test]
fn bad_input_inside_a_batch_is_reported_and_the_rest_lands() {
    let dir = tmp("bad");
    let good = serde_json::json!({"url": "https://example.org/ok", "text": "North Korean leader Kim Jong Un met Chinese President Xi Jinping in Beijing."}).to_string();
    std::fs::write(
        dir.join("a.jsonl"),
        format!("{good}\n{{not json\n{}\n", good.replace("/ok", "/ok2")),
    )
    .unwrap();
    let full = gz(format!("{}\n", good.replace("/ok", "/gz"))
        .repeat(1)
        .as_bytes());
    std::fs::write(dir.join("b.jsonl.gz"), &full[..full.len() - 6]).unwrap();
    for db in stores("bad") {
        let o = fulcrum(&["ingest", "-q", "--db", &db, dir.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "failures give exit status 1");
        let err = stderr(&o);
        assert!(err.contains("a.jsonl#line 2"), "{err}");
        assert!(err.contains("b.jsonl.gz"), "{err}");
        // The gzip stream's complete line before the cut still lands.
        assert!(err.contains("3 new documents"), "{err}");
        assert!(err.contains("2 failed"), "{err}");
        assert_eq!(counts(&db).0, 3);
    }
}

#[test]
fn each_import_format_loads_once() {
    let fixtures = repo().join("crates/fulcrum-import/tests/fixtures");
    for db in stores("import") {
        for (format, file) in [
            ("gdelt1", "gdelt1.tsv"),
            ("gdelt2", "gdelt2.tsv"),
            ("icews", "icews.tab"),
            ("polecat", "polecat.txt"),
        ] {
            let path = fixtures.join(file);
            let before = counts(&db).1;
            let o = fulcrum(&[
                "import",
                "--format",
                format,
                "--db",
                &db,
                path.to_str().unwrap(),
            ]);
            // The samples hold malformed rows on purpose: reported, skipped, status 1.
            assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
            assert!(stderr(&o).contains(&format!("{file}:")), "{}", stderr(&o));
            let after = counts(&db).1;
            assert!(after > before + 5, "{format}: {before} → {after}");
            let o = fulcrum(&[
                "import",
                "--format",
                format,
                "--db",
                &db,
                path.to_str().unwrap(),
            ]);
            assert!(stderr(&o).contains("imported 0 events"), "{}", stderr(&o));
            assert_eq!(counts(&db).1, after);
            let mut s = Store::open(&db).unwrap();
            let prov = s
                .db()
                .query(
                    "SELECT COUNT(*) FROM events WHERE provenance = $1",
                    &[format!("imported:{format}").into()],
                )
                .unwrap();
            assert_eq!(prov[0][0].int(), after - before);
        }
        // Imported events take part in the analyses like coded ones.
        let o = fulcrum(&["relations", "PRK", "USA", "--db", &db, "--format", "json"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
}

#[test]
fn exports_read_back_to_the_stored_events() {
    let examples = repo().join("examples");
    let dir = tmp("export");
    for db in stores("export") {
        let o = fulcrum(&["ingest", "-q", "--db", &db, examples.to_str().unwrap()]);
        assert!(o.status.success());
        let mut s = Store::open(&db).unwrap();
        let stored = s.events(&Default::default()).unwrap();
        let key = |id: i64, src: &str, plover: &str, date: &str, sentence: &str| {
            format!("{id}|{src}|{plover}|{date}|{sentence}")
        };
        let expected: Vec<String> = stored
            .iter()
            .map(|e| {
                key(
                    e.id,
                    &e.event.source_code,
                    &e.event.plover,
                    e.event.date_start.as_deref().unwrap_or(""),
                    e.event.sentence.as_deref().unwrap_or(""),
                )
            })
            .collect();

        let jsonl = dir.join("e.jsonl");
        let o = fulcrum(&["export", "--db", &db, "-o", jsonl.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stderr(&o).contains("mentions"));
        let got: Vec<String> = std::fs::read_to_string(&jsonl)
            .unwrap()
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                assert_eq!(v["row"], "mention");
                key(
                    v["id"].as_i64().unwrap(),
                    v["source_code"].as_str().unwrap(),
                    v["plover"].as_str().unwrap(),
                    v["date_start"].as_str().unwrap_or(""),
                    v["sentence"].as_str().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(got, expected, "JSON Lines round trip");

        let csvp = dir.join("e.csv");
        let o = fulcrum(&[
            "export",
            "--db",
            &db,
            "--format",
            "csv",
            "-o",
            csvp.to_str().unwrap(),
        ]);
        assert!(o.status.success());
        let mut r = csv::Reader::from_path(&csvp).unwrap();
        let h = r.headers().unwrap().clone();
        let col = |n: &str| h.iter().position(|c| c == n).unwrap();
        let got: Vec<String> = r
            .records()
            .map(|rec| {
                let rec = rec.unwrap();
                key(
                    rec[col("id")].parse().unwrap(),
                    &rec[col("source_code")],
                    &rec[col("plover")],
                    &rec[col("date_start")],
                    &rec[col("sentence")],
                )
            })
            .collect();
        assert_eq!(got, expected, "CSV round trip");

        let pq = dir.join("e.parquet");
        let o = fulcrum(&[
            "export",
            "--db",
            &db,
            "--format",
            "parquet",
            "-o",
            pq.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(
            std::fs::File::open(&pq).unwrap(),
        )
        .unwrap()
        .build()
        .unwrap();
        let mut got = Vec::new();
        for batch in reader {
            let b = batch.unwrap();
            let text = |n: &str| {
                b.column_by_name(n)
                    .unwrap()
                    .as_any()
                    .downcast_ref::<arrow_array::StringArray>()
                    .unwrap()
                    .clone()
            };
            let ids = b
                .column_by_name("id")
                .unwrap()
                .as_any()
                .downcast_ref::<arrow_array::Int64Array>()
                .unwrap()
                .clone();
            let (src, pl, ds, se) = (
                text("source_code"),
                text("plover"),
                text("date_start"),
                text("sentence"),
            );
            for i in 0..b.num_rows() {
                use arrow_array::Array;
                let opt = |a: &arrow_array::StringArray| {
                    if a.is_null(i) {
                        String::new()
                    } else {
                        a.value(i).to_string()
                    }
                };
                got.push(key(
                    ids.value(i),
                    &opt(&src),
                    &opt(&pl),
                    &opt(&ds),
                    &opt(&se),
                ));
            }
        }
        assert_eq!(got, expected, "Parquet round trip");

        // Unique events: one row per cluster, and they say so.
        let o = fulcrum(&["export", "--db", &db, "--unique"]);
        let out = String::from_utf8_lossy(&o.stdout);
        assert_eq!(out.lines().count() as i64, s.counts().unwrap().2);
        assert!(out.lines().all(|l| l.contains("\"row\":\"unique_event\"")));
    }
}

#[test]
fn recode_after_a_dictionary_change_runs_once() {
    let examples = repo().join("examples");
    let dict = tmp("recode-dict");
    std::fs::create_dir_all(dict.join("patterns")).unwrap();
    std::fs::write(
        dict.join("patterns/extra.toml"),
        "plover = \"CONSULT\"\n\n[[pattern]]\nid = \"consult.user.confer\"\ncameo = \"040\"\nverb = \"confer with {target}\"\n",
    )
    .unwrap();
    for db in stores("recode") {
        let o = fulcrum(&["ingest", "-q", "--db", &db, examples.to_str().unwrap()]);
        assert!(o.status.success());
        let o = fulcrum(&["recode", "-q", "--db", &db]);
        assert!(
            stderr(&o).contains("re-coded 0 documents"),
            "{}",
            stderr(&o)
        );
        let o = fulcrum(&[
            "recode",
            "-q",
            "--db",
            &db,
            "--dict",
            dict.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("re-coded 12 documents"),
            "{}",
            stderr(&o)
        );
        let o = fulcrum(&[
            "recode",
            "-q",
            "--db",
            &db,
            "--dict",
            dict.to_str().unwrap(),
        ]);
        assert!(
            stderr(&o).contains("re-coded 0 documents"),
            "{}",
            stderr(&o)
        );
        let mut s = Store::open(&db).unwrap();
        let versions = s
            .db()
            .query("SELECT DISTINCT coder_version FROM events", &[])
            .unwrap();
        assert_eq!(versions.len(), 1, "one version after re-coding");
    }
}

//! `fulcrum demo` and the documented turns of the demo corpus's series.
//!
//! The demo corpus (demo/corpus) tells 2016–2019 on the Korean peninsula through its own wire
//! briefs. Coded by fulcrum and measured by `fulcrum relations`, the series must show what
//! happened: North Korea–China relations at their lowest in 2017 and warming from March 2018;
//! North Korea–United States relations most conflictual between August and November 2017
//! ("fire and fury", the sixth nuclear test, the Hwasong-15), most cooperative around the
//! Singapore summit of June 2018, and down again after the Hanoi summit of February 2019.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_fulcrum")
}

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("fulcrum-demo-test-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Builds the demo store once per test binary.
fn demo_db() -> String {
    static DB: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DB.get_or_init(|| {
        let d = dir();
        let db = d.join("demo.db").display().to_string();
        let chart = d.join("balance.svg");
        let o = Command::new(bin())
            .args([
                "demo",
                "-q",
                "--db",
                &db,
                "--chart",
                chart.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(
            out.contains("North Korea between China and the United States"),
            "{out}"
        );
        assert!(out.contains("2018-Q2"), "{out}");
        assert!(
            out.contains("fulcrum relations PRK USA"),
            "tells what to try next: {out}"
        );
        let svg = std::fs::read_to_string(&chart).unwrap();
        assert!(
            svg.starts_with("<svg") || svg.contains("<svg"),
            "chart is SVG"
        );
        db
    })
    .clone()
}

/// (period, events, goldstein sum, goldstein mean) of a dyad, both directions.
fn series(a: &str, b: &str, by: &str) -> Vec<(String, u64, f64, Option<f64>)> {
    let o = Command::new(bin())
        .args([
            "relations",
            a,
            b,
            "--db",
            &demo_db(),
            "--by",
            by,
            "--from",
            "2016-01-01",
            "--to",
            "2019-12-31",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    rows.iter()
        .map(|r| {
            let both = &r["both"];
            (
                r["period"].as_str().unwrap().to_string(),
                both["events"].as_u64().unwrap(),
                both["goldstein_sum"].as_f64().unwrap(),
                both["goldstein_mean"].as_f64(),
            )
        })
        .collect()
}

/// Mean Goldstein over the events of the periods in [from, to] (labels compare as strings).
fn mean_between(s: &[(String, u64, f64, Option<f64>)], from: &str, to: &str) -> f64 {
    let (n, sum) = s
        .iter()
        .filter(|r| r.0.as_str() >= from && r.0.as_str() <= to)
        .fold((0u64, 0.0), |(n, sum), r| (n + r.1, sum + r.2));
    assert!(n > 0, "no events between {from} and {to}");
    sum / n as f64
}

#[test]
fn north_korea_china_lowest_in_2017_and_warming_from_march_2018() {
    let years = series("PRK", "CHN", "year");
    let means: Vec<(String, f64)> = years
        .iter()
        .map(|r| (r.0.clone(), r.3.expect("every year has events")))
        .collect();
    let lowest = means.iter().min_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
    assert_eq!(lowest.0, "2017", "yearly means {means:?}");
    let months = series("PRK", "CHN", "month");
    let y2017 = mean_between(&months, "2017-01", "2017-12");
    let warm = mean_between(&months, "2018-03", "2018-12");
    assert!(
        warm > y2017 + 1.0,
        "2017 {y2017:.2}, from March 2018 {warm:.2}"
    );
    // The turn is in March 2018, not before: the months before it are cooler.
    let before = mean_between(&months, "2017-06", "2018-02");
    assert!(warm > before, "before {before:.2}, after {warm:.2}");
}

#[test]
fn north_korea_united_states_conflict_peak_summit_peak_and_decline() {
    let months = series("PRK", "USA", "month");
    let most_conflictual = months
        .iter()
        .filter(|r| r.1 > 0)
        .min_by(|a, b| a.2.total_cmp(&b.2))
        .unwrap();
    assert!(
        ("2017-08".."2017-12").contains(&most_conflictual.0.as_str()),
        "most conflictual month {most_conflictual:?}"
    );
    let most_cooperative = months.iter().max_by(|a, b| a.2.total_cmp(&b.2)).unwrap();
    assert!(
        ("2018-04".."2018-08").contains(&most_cooperative.0.as_str()),
        "most cooperative month {most_cooperative:?}"
    );
    let engagement = mean_between(&months, "2018-04", "2019-02");
    let after_hanoi = mean_between(&months, "2019-03", "2019-12");
    assert!(
        after_hanoi < engagement,
        "engagement {engagement:.2}, after Hanoi {after_hanoi:.2}"
    );
    let crisis = mean_between(&months, "2017-08", "2017-11");
    assert!(
        crisis < engagement - 1.0,
        "crisis {crisis:.2}, engagement {engagement:.2}"
    );
}

#[test]
fn balance_json_has_sixteen_quarters_with_ordered_intervals() {
    let o = Command::new(bin())
        .args([
            "balance",
            "North Korea",
            "--between",
            "CHN,USA",
            "--db",
            &demo_db(),
            "--from",
            "2016-01-01",
            "--to",
            "2019-12-31",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let b: Value = serde_json::from_slice(&o.stdout).unwrap();
    let periods = b["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 16, "16 quarters from 2016 to 2019");
    for p in periods {
        if let Some(t) = p["tilt"].as_object() {
            let (l, v, u) = (
                t["lower"].as_f64().unwrap(),
                t["value"].as_f64().unwrap(),
                t["upper"].as_f64().unwrap(),
            );
            assert!(l <= v && v <= u, "{p}");
        }
    }
}

#[test]
fn network_of_the_most_active_actors_as_json_and_graphml() {
    let db = demo_db();
    let run = |extra: &[&str]| {
        let mut args = vec!["network", "--db", db.as_str(), "--top", "5"];
        args.extend_from_slice(extra);
        let o = Command::new(bin()).args(&args).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let json: Value = serde_json::from_str(&run(&[])).unwrap();
    let nodes = json["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 5);
    let ids: Vec<&str> = nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
    for actor in ["PRK", "USA", "CHN"] {
        assert!(
            ids.contains(&actor),
            "{actor} among the most active: {ids:?}"
        );
    }
    let graphml = run(&["--graphml"]);
    assert!(graphml.contains("<graphml"), "{graphml}");
    assert!(graphml.contains("<node id=\"PRK\""), "{graphml}");
}

//! `fulcrum relations`, `fulcrum balance` and `fulcrum network`: the store's unique events
//! (clusters of mentions) through the analyses of `fulcrum-relations`.

use crate::cli::{BalanceSettings, NetworkSettings, RelationsSettings, TableFormat};
use anyhow::Context;
use fulcrum_relations::{Balance, Period, Quad, RelEvent, RelationRow};
use fulcrum_store::{EventFilter, Store};
use std::path::Path;
use std::process::ExitCode;

/// Unique events from the store as the analyses take them: dated, typed, with a target.
pub fn load_events(store: &mut Store, filter: &EventFilter) -> anyhow::Result<Vec<RelEvent>> {
    store.refresh_clusters(fulcrum_store::DEFAULT_WINDOW_DAYS)?;
    let rows = store.clusters(filter)?;
    Ok(rows
        .into_iter()
        .filter_map(|c| {
            let date = fulcrum_store::cluster::parse_day(&c.date_start)?;
            let quad: Quad = c.quad.parse().ok()?;
            if c.target_code.is_empty() || c.source_code.is_empty() {
                return None;
            }
            Some(RelEvent {
                id: c.id,
                date,
                source: c.source_code,
                target: c.target_code,
                plover: c.plover,
                cameo: c.cameo,
                quad,
                goldstein: c.goldstein,
                mentions: c.mentions.clamp(1, u32::MAX as i64) as u32,
            })
        })
        .collect())
}

fn open(db: &str) -> anyhow::Result<Store> {
    Store::open(db).with_context(|| format!("opening the store {db}"))
}

fn day(d: &Option<String>) -> Option<chrono::NaiveDate> {
    d.as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

fn fmt_opt(v: Option<f64>) -> String {
    v.map(|v| format!("{v:+.2}")).unwrap_or_else(|| "—".into())
}

/// Writes a chart as SVG or PNG according to the file's extension.
fn write_chart(
    path: &Path,
    svg: impl FnOnce() -> Result<String, fulcrum_relations::ChartError>,
    png: impl FnOnce() -> Result<Vec<u8>, fulcrum_relations::ChartError>,
) -> anyhow::Result<()> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let bytes = match ext.as_deref() {
        Some("png") => png()?,
        _ => svg()?.into_bytes(),
    };
    std::fs::write(path, bytes)
        .with_context(|| format!("{}: cannot write the chart", path.display()))?;
    Ok(())
}

pub fn relations(s: &RelationsSettings) -> anyhow::Result<ExitCode> {
    let mut store = open(&s.db)?;
    let events = load_events(&mut store, &s.filter)?;
    let rows = fulcrum_relations::relations(
        &events,
        &s.a,
        &s.b,
        s.by,
        day(&s.filter.from),
        day(&s.filter.to),
    );
    match s.format {
        TableFormat::Json => say!("{}", serde_json::to_string_pretty(&rows)?),
        TableFormat::Csv => print!("{}", fulcrum_relations::relations_csv(&rows)),
        TableFormat::Table => print_relations(&rows, &s.a, &s.b),
    }
    if let Some(path) = &s.chart {
        let title = format!("{} – {} relations", s.a, s.b);
        write_chart(
            path,
            || fulcrum_relations::relations_chart_svg(&rows, &title),
            || fulcrum_relations::relations_chart_png(&rows, &title),
        )?;
        eprintln!("fulcrum: chart written to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn print_relations(rows: &[RelationRow], a: &str, b: &str) {
    say!(
        "{:<10} {:>6} {:>8} {:>6} {:>6} {:>6} {:>6} {:>9} {:>9} {:>8}",
        "period",
        "events",
        "mentions",
        "v.coop",
        "m.coop",
        "v.conf",
        "m.conf",
        "goldstein",
        "net coop",
        format!("{a}→{b}")
    );
    for r in rows {
        let q = &r.both.by_quad;
        say!(
            "{:<10} {:>6} {:>8} {:>6} {:>6} {:>6} {:>6} {:>9} {:>9} {:>8}",
            r.period,
            r.both.events,
            r.both.mentions,
            q.verbal_cooperation,
            q.material_cooperation,
            q.verbal_conflict,
            q.material_conflict,
            fmt_opt(r.both.goldstein_mean),
            fmt_opt(r.both.net_cooperation),
            r.a_to_b.events
        );
    }
    say!("(unique events, both directions; goldstein is the mean; net coop = (cooperative − conflictual) / all)");
}

/// The balance as the settings ask for it.
pub fn compute_balance(store: &mut Store, s: &BalanceSettings) -> anyhow::Result<Balance> {
    let events = load_events(store, &s.filter)?;
    let powers: Vec<&str> = s.powers.iter().map(String::as_str).collect();
    let opts = fulcrum_relations::BalanceOptions {
        bootstrap: s.bootstrap,
        seed: s.seed,
        from: day(&s.filter.from),
        to: day(&s.filter.to),
        ..Default::default()
    };
    Ok(fulcrum_relations::balance(
        &events, &s.focus, &powers, s.by, &opts,
    ))
}

pub fn balance(s: &BalanceSettings) -> anyhow::Result<ExitCode> {
    let mut store = open(&s.db)?;
    let b = compute_balance(&mut store, s)?;
    match s.format {
        TableFormat::Json => say!("{}", b.to_json()),
        TableFormat::Csv => print!("{}", b.to_csv()),
        TableFormat::Table => print_balance(&b),
    }
    if let Some(path) = &s.chart {
        write_chart(
            path,
            || fulcrum_relations::chart_svg(&b, &b.title()),
            || fulcrum_relations::chart_png(&b, &b.title()),
        )?;
        eprintln!("fulcrum: chart written to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// The balance as a table: one line per period, score and share per power, and the tilt.
pub fn print_balance(b: &Balance) {
    let est = |e: &Option<fulcrum_relations::Estimate>| match e {
        Some(e) => format!("{:+.2} [{:+.2},{:+.2}]", e.value, e.lower, e.upper),
        None => "—".to_string(),
    };
    let share = |e: &Option<fulcrum_relations::Estimate>| match e {
        Some(e) => format!("{:.0}%", e.value * 100.0),
        None => "—".to_string(),
    };
    let mut head = format!("{:<9} {:>6}", "period", "events");
    for p in &b.powers {
        head += &format!(" {:>22} {:>6}", format!("score {p}"), format!("{p}%"));
    }
    head += &format!(" {:>22}", "tilt");
    say!("{head}");
    for p in &b.periods {
        let mut line = format!("{:<9} {:>6}", p.period, p.events);
        for pp in &p.powers {
            line += &format!(
                " {:>22} {:>6}",
                format!("{} ({})", est(&pp.score), pp.events),
                share(&pp.share)
            );
        }
        line += &format!(" {:>22}", est(&p.tilt));
        say!("{line}");
    }
    say!(
        "(scores are mean Goldstein shrunk toward each dyad's baseline; [ ] = {:.0}% bootstrap interval; \
         tilt = {} minus the others; % = share of {}'s cooperative events; see docs/balance.md)",
        b.options.level * 100.0,
        b.powers.first().map(String::as_str).unwrap_or(""),
        b.focus
    );
    for sh in &b.shifts {
        say!(
            "shift: {} {} {:?} in {} ({:+.2} → {:+.2}); events {:?}",
            match sh.series {
                fulcrum_relations::ShiftSeries::Tilt => "tilt",
                fulcrum_relations::ShiftSeries::Score => "score",
            },
            sh.power,
            sh.direction,
            sh.period,
            sh.before,
            sh.after,
            sh.events_after
        );
    }
}

pub fn network(s: &NetworkSettings) -> anyhow::Result<ExitCode> {
    let mut store = open(&s.db)?;
    let events = load_events(&mut store, &s.filter)?;
    let net = fulcrum_relations::network(&events, day(&s.filter.from), day(&s.filter.to), s.top);
    let text = if s.graphml {
        net.to_graphml()
    } else {
        net.to_json()
    };
    match &s.output {
        Some(p) => std::fs::write(p, text)
            .with_context(|| format!("{}: cannot write the network", p.display()))?,
        None => say!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// Parses a period name for the command line.
pub fn parse_period(s: &str) -> anyhow::Result<Period> {
    s.parse::<Period>()
        .map_err(|_| anyhow::anyhow!("--by {s:?}: expected day, week, month, quarter or year"))
}

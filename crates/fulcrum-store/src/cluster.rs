//! Event clusters: the same real-world event told by many articles becomes one cluster.
//!
//! Two events tell the same event when they have the same source, target, type (PLOVER type,
//! or CAMEO code when there is none) and factuality, and start within `window_days` of the
//! first event of the cluster. Events are taken in (date, id) order, so clusters — and their
//! ids — depend only on the events, never on the order documents arrived in a run.
//! Undated events belong to no cluster.

use crate::db::{Db, Val};
use crate::StoreError;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Default window: wires report an event over two or three days.
pub const DEFAULT_WINDOW_DAYS: i64 = 3;

struct Member {
    id: i64,
    doc_id: Option<i64>,
    key: (String, String, String, String),
    cameo: String,
    quad: String,
    goldstein: f64,
    start: NaiveDate,
    end: NaiveDate,
    mentions: i64,
    cluster: Option<i64>,
}

struct Cluster {
    id: i64,
    anchor: NaiveDate,
    end: NaiveDate,
    first: usize,
    events: i64,
    mentions: i64,
    docs: Vec<i64>,
    imported: i64,
}

/// Parses the date an event starts (and ends) on; `YYYY-MM` and `YYYY` count from their first day.
pub fn parse_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d")
        .ok()
        .or_else(|| NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").ok())
        .or_else(|| NaiveDate::parse_from_str(&format!("{s}-01-01"), "%Y-%m-%d").ok())
}

/// Recomputes every cluster; returns how many there are. Runs inside the caller's transaction.
pub fn recluster(db: &mut Db, window_days: i64) -> Result<usize, StoreError> {
    let rows = db.query(
        "SELECT id, doc_id, source_code, COALESCE(target_code, ''), plover, cameo, quad, \
         goldstein, factuality, date_start, date_end, mentions, cluster_id FROM events \
         WHERE date_start IS NOT NULL ORDER BY id",
        &[],
    )?;
    let mut members: Vec<Member> = rows
        .into_iter()
        .filter_map(|r| {
            let start = parse_day(&r[9].text())?;
            let end = r[10]
                .opt_text()
                .and_then(|e| parse_day(&e))
                .unwrap_or(start)
                .max(start);
            let plover = r[4].text();
            let kind = if plover.is_empty() {
                r[5].text()
            } else {
                plover
            };
            Some(Member {
                id: r[0].int(),
                doc_id: match r[1] {
                    Val::Null => None,
                    ref v => Some(v.int()),
                },
                key: (r[2].text(), r[3].text(), kind, r[8].text()),
                cameo: r[5].text(),
                quad: r[6].text(),
                goldstein: r[7].real(),
                start,
                end,
                mentions: r[11].int().max(1),
                cluster: match r[12] {
                    Val::Null => None,
                    ref v => Some(v.int()),
                },
            })
        })
        .collect();
    members.sort_by(|a, b| a.start.cmp(&b.start).then(a.id.cmp(&b.id)));

    // The open cluster of each key: a later event joins it while within the window.
    let mut open: HashMap<(String, String, String, String), usize> = HashMap::new();
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut assignment: Vec<i64> = Vec::with_capacity(members.len());
    for (i, m) in members.iter().enumerate() {
        let joined = open
            .get(&m.key)
            .copied()
            .filter(|&c| (m.start - clusters[c].anchor).num_days() <= window_days);
        let c = match joined {
            Some(c) => c,
            None => {
                clusters.push(Cluster {
                    id: clusters.len() as i64 + 1,
                    anchor: m.start,
                    end: m.end,
                    first: i,
                    events: 0,
                    mentions: 0,
                    docs: Vec::new(),
                    imported: 0,
                });
                open.insert(m.key.clone(), clusters.len() - 1);
                clusters.len() - 1
            }
        };
        let cl = &mut clusters[c];
        cl.events += 1;
        cl.mentions += m.mentions;
        cl.end = cl.end.max(m.end);
        match m.doc_id {
            Some(d) => cl.docs.push(d),
            None => cl.imported += 1,
        }
        assignment.push(cl.id);
    }

    db.exec("DELETE FROM clusters", &[])?;
    for c in &mut clusters {
        c.docs.sort_unstable();
        c.docs.dedup();
        let m = &members[c.first];
        db.exec(
            "INSERT INTO clusters (id, source_code, target_code, plover, cameo, quad, \
             goldstein, factuality, date_start, date_end, events, mentions, documents, \
             first_event) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            &[
                c.id.into(),
                m.key.0.as_str().into(),
                m.key.1.as_str().into(),
                if m.key.2 == m.cameo {
                    String::new()
                } else {
                    m.key.2.clone()
                }
                .into(),
                m.cameo.as_str().into(),
                m.quad.as_str().into(),
                m.goldstein.into(),
                m.key.3.as_str().into(),
                c.anchor.to_string().into(),
                c.end.to_string().into(),
                c.events.into(),
                c.mentions.into(),
                (c.docs.len() as i64 + c.imported).into(),
                m.id.into(),
            ],
        )?;
    }
    // Only rows whose cluster changed are touched, so a re-run after a small ingest is cheap.
    for (m, cid) in members.iter().zip(&assignment) {
        if m.cluster != Some(*cid) {
            db.exec(
                "UPDATE events SET cluster_id = $1 WHERE id = $2",
                &[(*cid).into(), m.id.into()],
            )?;
        }
    }
    Ok(clusters.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_partial_dates() {
        assert_eq!(
            parse_day("2018-06-12"),
            NaiveDate::from_ymd_opt(2018, 6, 12)
        );
        assert_eq!(parse_day("2018-06"), NaiveDate::from_ymd_opt(2018, 6, 1));
        assert_eq!(parse_day("2018"), NaiveDate::from_ymd_opt(2018, 1, 1));
        assert_eq!(
            parse_day("2018-06-12T10:00:00Z"),
            NaiveDate::from_ymd_opt(2018, 6, 12)
        );
        assert_eq!(parse_day("June"), None);
    }
}

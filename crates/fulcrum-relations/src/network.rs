//! Who engages whom among the most active actors, as a directed network.

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::stats::QuadCounts;
use crate::{select, RelEvent};

/// An actor in the network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkNode {
    /// The actor's code.
    pub id: String,
    /// Events the actor takes part in (as source or target) with any other actor, in the
    /// range, including partners outside the network.
    pub events: usize,
    /// How many other actors of the network it has an edge with, in either direction.
    pub degree: usize,
}

/// Events from one actor to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkEdge {
    /// The acting actor.
    pub source: String,
    /// The actor acted upon.
    pub target: String,
    /// Unique events from source to target.
    pub events: usize,
    /// Their article mentions, summed.
    pub mentions: u64,
    /// Their mean Goldstein value.
    pub goldstein_mean: f64,
    /// (cooperative − conflictual) / events.
    pub net_cooperation: f64,
    /// Events by quad class.
    pub by_quad: QuadCounts,
}

/// A directed event network: nodes most active first, edges by source then target.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Network {
    /// The actors.
    pub nodes: Vec<NetworkNode>,
    /// The directed edges between them.
    pub edges: Vec<NetworkEdge>,
}

/// Builds the network among the `top` most active actors between `from` and `to`.
///
/// An actor's activity is the number of events it takes part in with another actor; ties are
/// broken by code so that the choice is deterministic. Edges are directed, from source to
/// target, and only join actors of the network. Events with an empty source or target, and
/// events of an actor with itself (domestic events under a state code), are left out: they
/// have no partner to draw an edge to.
pub fn network(
    events: &[RelEvent],
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    top: usize,
) -> Network {
    let kept: Vec<&RelEvent> = select(events, from, to)
        .into_iter()
        .filter(|e| !e.source.is_empty() && !e.target.is_empty() && e.source != e.target)
        .collect();
    let mut activity: FxHashMap<&str, usize> = FxHashMap::default();
    for e in &kept {
        *activity.entry(&e.source).or_insert(0) += 1;
        *activity.entry(&e.target).or_insert(0) += 1;
    }
    let mut ranked: Vec<(&str, usize)> = activity.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked.truncate(top);
    let members: FxHashMap<&str, usize> = ranked
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();

    // A BTreeMap keeps the edges sorted by (source, target) for stable output.
    let mut acc: BTreeMap<(&str, &str), (usize, u64, f64, QuadCounts)> = BTreeMap::new();
    for e in &kept {
        if members.contains_key(e.source.as_str()) && members.contains_key(e.target.as_str()) {
            let a = acc
                .entry((e.source.as_str(), e.target.as_str()))
                .or_insert((0, 0, 0.0, QuadCounts::default()));
            a.0 += 1;
            a.1 += u64::from(e.mentions);
            a.2 += e.goldstein;
            a.3.add(e.quad);
        }
    }
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); ranked.len()];
    for (s, t) in acc.keys() {
        let (i, j) = (members[s], members[t]);
        neighbours[i].push(j);
        neighbours[j].push(i);
    }
    let nodes = ranked
        .iter()
        .zip(&mut neighbours)
        .map(|((id, events), n)| {
            n.sort_unstable();
            n.dedup();
            NetworkNode {
                id: id.to_string(),
                events: *events,
                degree: n.len(),
            }
        })
        .collect();
    let edges = acc
        .into_iter()
        .map(|((s, t), (n, mentions, sum, quads))| NetworkEdge {
            source: s.to_string(),
            target: t.to_string(),
            events: n,
            mentions,
            goldstein_mean: sum / n as f64,
            net_cooperation: quads.net_cooperation().unwrap_or(0.0),
            by_quad: quads,
        })
        .collect();
    Network { nodes, edges }
}

/// Escapes text for XML content and attribute values.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab and line breaks are not allowed in XML 1.0
            // at all, escaped or not, so they are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Formats a number for GraphML's `double` type, which has no NaN-free guarantee of its own.
fn xml_number(x: f64) -> String {
    if x.is_finite() {
        crate::stats::round6(x).to_string()
    } else {
        "NaN".into()
    }
}

impl Network {
    /// The network as pretty-printed JSON: `{"nodes": [...], "edges": [...]}`.
    pub fn to_json(&self) -> String {
        // Serialising these plain structs cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The network as a GraphML document: a directed graph whose nodes carry `label`,
    /// `events` and `degree`, and whose edges carry `events`, `mentions`, `goldstein_mean`,
    /// `net_cooperation` and the four quad counts, each declared with a `<key>`.
    pub fn to_graphml(&self) -> String {
        let mut out = String::new();
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str(
            "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
             xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
             http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
        );
        let keys: [(&str, &str, &str, &str); 11] = [
            ("n_label", "node", "label", "string"),
            ("n_events", "node", "events", "int"),
            ("n_degree", "node", "degree", "int"),
            ("e_events", "edge", "events", "int"),
            ("e_mentions", "edge", "mentions", "long"),
            ("e_goldstein_mean", "edge", "goldstein_mean", "double"),
            ("e_net_cooperation", "edge", "net_cooperation", "double"),
            ("e_verbal_cooperation", "edge", "verbal_cooperation", "int"),
            (
                "e_material_cooperation",
                "edge",
                "material_cooperation",
                "int",
            ),
            ("e_verbal_conflict", "edge", "verbal_conflict", "int"),
            ("e_material_conflict", "edge", "material_conflict", "int"),
        ];
        for (id, domain, name, ty) in keys {
            // Writing to a String cannot fail.
            let _ = writeln!(
                out,
                "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
            );
        }
        out.push_str("  <graph id=\"events\" edgedefault=\"directed\">\n");
        for n in &self.nodes {
            let id = xml_escape(&n.id);
            let _ = writeln!(out, "    <node id=\"{id}\">");
            let _ = writeln!(out, "      <data key=\"n_label\">{id}</data>");
            let _ = writeln!(out, "      <data key=\"n_events\">{}</data>", n.events);
            let _ = writeln!(out, "      <data key=\"n_degree\">{}</data>", n.degree);
            out.push_str("    </node>\n");
        }
        for (i, e) in self.edges.iter().enumerate() {
            let _ = writeln!(
                out,
                "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
                xml_escape(&e.source),
                xml_escape(&e.target)
            );
            let data = [
                ("e_events", e.events.to_string()),
                ("e_mentions", e.mentions.to_string()),
                ("e_goldstein_mean", xml_number(e.goldstein_mean)),
                ("e_net_cooperation", xml_number(e.net_cooperation)),
                (
                    "e_verbal_cooperation",
                    e.by_quad.verbal_cooperation.to_string(),
                ),
                (
                    "e_material_cooperation",
                    e.by_quad.material_cooperation.to_string(),
                ),
                ("e_verbal_conflict", e.by_quad.verbal_conflict.to_string()),
                (
                    "e_material_conflict",
                    e.by_quad.material_conflict.to_string(),
                ),
            ];
            for (k, v) in data {
                let _ = writeln!(out, "      <data key=\"{k}\">{v}</data>");
            }
            out.push_str("    </edge>\n");
        }
        out.push_str("  </graph>\n</graphml>\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Quad;
    use quick_xml::events::Event;
    use quick_xml::Reader;

    fn ev(id: i64, s: &str, t: &str, quad: Quad, g: f64) -> RelEvent {
        RelEvent {
            id,
            date: NaiveDate::from_ymd_opt(2018, 1, 1 + (id % 28) as u32).unwrap(),
            source: s.into(),
            target: t.into(),
            plover: String::new(),
            cameo: "010".into(),
            quad,
            goldstein: g,
            mentions: 2,
        }
    }

    fn sample() -> Vec<RelEvent> {
        use Quad::*;
        vec![
            ev(1, "PRK", "USA", VerbalConflict, -4.0),
            ev(2, "USA", "PRK", MaterialConflict, -8.0),
            ev(3, "PRK", "USA", VerbalCoop, 8.0),
            ev(4, "PRK", "CHN", VerbalCoop, 1.0),
            ev(5, "CHN", "PRK", MaterialCoop, 7.0),
            ev(6, "USA", "CHN", VerbalConflict, -2.0),
            ev(7, "A&B", "<X>", VerbalCoop, 1.0),
            ev(8, "PRK", "PRK", VerbalCoop, 1.0),
            ev(9, "KOR", "", VerbalCoop, 1.0),
        ]
    }

    #[test]
    fn top_actors_and_edges() {
        let net = network(&sample(), None, None, 3);
        let ids: Vec<&str> = net.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["PRK", "USA", "CHN"]);
        assert_eq!(net.nodes[0].events, 5);
        assert_eq!(net.nodes[0].degree, 2);
        assert_eq!(net.nodes[2].degree, 2);
        let prk_usa = net
            .edges
            .iter()
            .find(|e| e.source == "PRK" && e.target == "USA")
            .unwrap();
        assert_eq!(prk_usa.events, 2);
        assert_eq!(prk_usa.mentions, 4);
        assert!((prk_usa.goldstein_mean - 2.0).abs() < 1e-12);
        assert_eq!(prk_usa.net_cooperation, 0.0);
        assert_eq!(net.edges.len(), 5);
        let json: serde_json::Value = serde_json::from_str(&net.to_json()).unwrap();
        assert_eq!(json["edges"][0]["source"], "CHN");
        assert_eq!(json["edges"][0]["by_quad"]["material_cooperation"], 1);
        assert!(network(&[], None, None, 10).nodes.is_empty());
        assert!(network(&sample(), None, None, 0).edges.is_empty());
    }

    #[test]
    fn graphml_is_well_formed_and_escaped() {
        let net = network(&sample(), None, None, 10);
        assert!(net.nodes.iter().any(|n| n.id == "A&B"));
        let xml = net.to_graphml();
        assert!(xml.contains("<node id=\"A&amp;B\">"));
        assert!(xml.contains("target=\"&lt;X&gt;\""));
        let mut reader = Reader::from_str(&xml);
        let mut depth = 0i32;
        let (mut nodes, mut edges, mut keys) = (0, 0, 0);
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) => {
                    depth += 1;
                    match e.name().as_ref() {
                        b"node" => nodes += 1,
                        b"edge" => edges += 1,
                        _ => {}
                    }
                }
                Event::Empty(e) if e.name().as_ref() == b"key" => keys += 1,
                Event::End(_) => depth -= 1,
                Event::Text(t) => {
                    t.unescape().expect("valid entities");
                }
                Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(depth, 0);
        assert_eq!(nodes, net.nodes.len());
        assert_eq!(edges, net.edges.len());
        assert_eq!(keys, 11);
    }
}

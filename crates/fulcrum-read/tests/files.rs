//! Reading the plain file formats from fixtures: HTML, text, JSON Lines, RSS and Atom, and
//! folders.

mod common;

use std::path::PathBuf;

use common::{fixture, split, Scratch};
use fulcrum_read::{plan, read_all, read_source, Body, Compression, Kind, Limits, Source};

fn read_path(path: PathBuf) -> (Vec<fulcrum_read::RawDoc>, Vec<fulcrum_read::ReadError>) {
    split(read_all(&[path], &Limits::default()).collect())
}

#[test]
fn html_file_is_one_html_document() {
    let path = fixture("article.html");
    let (docs, errors) = read_path(path.clone());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc.origin, path.display().to_string());
    assert_eq!(doc.url, None);
    assert_eq!(doc.published, None);
    assert_eq!(doc.title, None);
    assert_eq!(doc.body, Body::Html(std::fs::read(&path).unwrap()));
}

#[test]
fn text_file_is_one_text_document() {
    let (docs, errors) = read_path(fixture("note.txt"));
    assert!(errors.is_empty());
    match &docs[0].body {
        Body::Text(t) => assert!(t.starts_with("Villagers protest quarry plan\n")),
        other => panic!("expected text, got {other:?}"),
    }
}

#[test]
fn jsonl_lines_become_documents_and_bad_lines_are_reported() {
    let path = fixture("articles.jsonl");
    let origin = path.display().to_string();
    let items: Vec<_> = read_all(&[path], &Limits::default()).collect();
    let summary: Vec<String> = items
        .iter()
        .map(|r| match r {
            Ok(d) => format!("ok {}", d.origin),
            Err(e) => format!("err {}", e.origin),
        })
        .collect();
    assert_eq!(
        summary,
        [
            format!("ok {origin}#line 1"),
            format!("ok {origin}#line 2"),
            // Line 3 is blank and skipped silently.
            format!("err {origin}#line 4"),
            format!("ok {origin}#line 5"),
            format!("err {origin}#line 6"),
            format!("err {origin}#line 7"),
        ]
    );
    let (docs, errors) = split(items);
    assert_eq!(
        docs[0].url.as_deref(),
        Some("https://news.example/2024/05/01/talks")
    );
    assert_eq!(docs[0].published.as_deref(), Some("2024-05-01T08:30:00Z"));
    assert_eq!(
        docs[0].title.as_deref(),
        Some("Neighbours resume border talks")
    );
    assert!(matches!(&docs[0].body, Body::Text(t) if t.starts_with("Delegations from Arland")));
    assert_eq!(
        docs[1].published.as_deref(),
        Some("Thu, 02 May 2024 14:00:00 +0200")
    );
    assert!(matches!(&docs[1].body, Body::Html(h) if h.starts_with(b"<p>The foreign minister")));
    assert_eq!(docs[2].url, None);
    assert!(errors[0]
        .to_string()
        .starts_with(&format!("{origin}#line 4: not a JSON object: ")));
    assert!(errors[1].message.contains("found an array"));
    assert!(errors[2].message.contains("neither \"text\" nor \"html\""));
}

#[test]
fn rss_items_become_documents() {
    let path = fixture("feed.rss");
    let origin = path.display().to_string();
    let items: Vec<_> = read_all(&[path], &Limits::default()).collect();
    assert_eq!(items.len(), 5);
    let (docs, errors) = split(items);
    assert_eq!(docs.len(), 3);

    let pact = &docs[0];
    assert_eq!(pact.origin, format!("{origin}#item 1"));
    assert_eq!(pact.title.as_deref(), Some("Ministers sign river pact"));
    assert_eq!(
        pact.url.as_deref(),
        Some("https://wire.example/world/river-pact")
    );
    assert_eq!(
        pact.published.as_deref(),
        Some("Mon, 06 May 2024 09:15:00 GMT")
    );
    // content:encoded wins over description.
    assert_eq!(
        pact.body,
        Body::Html(
            b"<p>The water ministers of Arland and Bestia signed a pact on Monday to share the \
              Sela river.</p><p>The pact takes effect in June.</p>"
                .to_vec()
        )
    );

    let strike = &docs[1];
    assert_eq!(
        strike.title.as_deref(),
        Some("Strike closes Lindau port & rail depot")
    );
    assert_eq!(
        strike.url.as_deref(),
        Some("https://wire.example/world/port-strike")
    );
    assert_eq!(
        strike.published.as_deref(),
        Some("2024-05-07T11:00:00+02:00")
    );
    assert_eq!(
        strike.body,
        Body::Html(
            b"<p>Dock workers in Lindau walked out on Tuesday, closing the port.</p>".to_vec()
        )
    );

    let envoy = &docs[2];
    assert_eq!(envoy.origin, format!("{origin}#item 4"));
    assert_eq!(envoy.title.as_deref(), Some("Envoy recalled"));
    assert_eq!(
        envoy.body,
        Body::Text("Corvia recalled its envoy to Dunmarsh on Wednesday.".into())
    );

    assert_eq!(errors[0].origin, format!("{origin}#item 3"));
    assert!(
        errors[0].message.starts_with("malformed XML in this item"),
        "{}",
        errors[0]
    );
    assert_eq!(errors[1].origin, format!("{origin}#item 5"));
    assert!(errors[1]
        .message
        .contains("no <content:encoded> or <description>"));
}

#[test]
fn atom_entries_become_documents() {
    let path = fixture("feed.atom");
    let origin = path.display().to_string();
    let (docs, errors) = read_path(path);
    assert_eq!(docs.len(), 2);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].origin, format!("{origin}#item 2"));

    let elections = &docs[0];
    assert_eq!(
        elections.url.as_deref(),
        Some("https://estvale.example/2024/06/elections")
    );
    // published wins over updated; content wins over summary.
    assert_eq!(
        elections.published.as_deref(),
        Some("2024-06-01T18:45:00+01:00")
    );
    assert_eq!(
        elections.title.as_deref(),
        Some("Opposition calls for new elections")
    );
    assert_eq!(
        elections.body,
        Body::Html(
            b"<p>The opposition bloc in Estvale demanded early elections on Saturday after the \
              budget vote failed.</p>"
                .to_vec()
        )
    );

    let toll = &docs[1];
    assert_eq!(toll.origin, format!("{origin}#item 3"));
    assert_eq!(toll.published.as_deref(), Some("2024-06-02T07:30:00Z"));
    assert!(matches!(&toll.body, Body::Text(t) if t.starts_with("Police used tear gas")));
}

#[test]
fn feeds_are_sniffed_when_the_name_does_not_tell() {
    let scratch = Scratch::new("sniff-feed");
    let atom = std::fs::read(fixture("feed.atom")).unwrap();
    let path = scratch.write("estvale-feed", &atom);
    let (docs, errors) = read_path(path);
    assert_eq!((docs.len(), errors.len()), (2, 1));
}

#[test]
fn an_xml_file_that_is_not_a_feed_is_reported() {
    let scratch = Scratch::new("not-feed");
    let path = scratch.write(
        "sitemap.xml",
        b"<?xml version=\"1.0\"?><urlset><url><loc>x</loc></url></urlset>",
    );
    let (docs, errors) = read_path(path);
    assert!(docs.is_empty());
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].message.contains("not an RSS or Atom feed"),
        "{}",
        errors[0]
    );
}

#[test]
fn folders_are_walked_sorted_without_hidden_or_unknown_files() {
    let tree = fixture("tree");
    let sources = plan(std::slice::from_ref(&tree));
    let names: Vec<String> = sources
        .iter()
        .map(|s| {
            s.path
                .as_ref()
                .unwrap()
                .strip_prefix(&tree)
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(
        names,
        ["README", "Z.htm", "a.html", "sub/b.txt", "sub/c.jsonl"]
    );
    let kinds: Vec<Kind> = sources.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [Kind::Sniff, Kind::Html, Kind::Html, Kind::Text, Kind::Jsonl]
    );
    assert!(sources.iter().all(|s| s.compression == Compression::None));

    let (docs, errors) = split(read_all(&[tree], &Limits::default()).collect());
    assert!(errors.is_empty());
    assert_eq!(docs.len(), 5);
    assert_eq!(
        docs[0].body,
        Body::Unknown(b"Tree file without extension.\n".to_vec())
    );
    assert!(docs[4].origin.ends_with("c.jsonl#line 1"));
}

#[test]
fn explicit_paths_keep_their_order_and_missing_files_are_reported() {
    let missing = fixture("no-such-file.html");
    let items: Vec<_> = read_all(
        &[
            fixture("note.txt"),
            missing.clone(),
            fixture("article.html"),
        ],
        &Limits::default(),
    )
    .collect();
    assert_eq!(items.len(), 3);
    assert!(items[0].as_ref().unwrap().origin.ends_with("note.txt"));
    let err = items[1].as_ref().unwrap_err();
    assert_eq!(err.origin, missing.display().to_string());
    assert!(err.message.contains("cannot open"));
    assert!(err.message.contains("check the path"));
    assert!(items[2].as_ref().unwrap().origin.ends_with("article.html"));
}

#[test]
fn reading_is_deterministic() {
    let paths = [
        fixture("tree"),
        fixture("feed.rss"),
        fixture("articles.jsonl"),
    ];
    let first: Vec<_> = read_all(&paths, &Limits::default()).collect();
    let second: Vec<_> = read_all(&paths, &Limits::default()).collect();
    assert_eq!(first, second);
}

#[test]
fn oversized_documents_are_skipped_and_reading_goes_on() {
    let limits = Limits {
        max_doc_bytes: 230,
        ..Limits::default()
    };
    // The HTML fixture is over 230 bytes; refused from its size alone.
    let html = read_source(&Source::file(fixture("article.html")), &limits).collect::<Vec<_>>();
    let err = html[0].as_ref().unwrap_err();
    assert!(
        err.message
            .contains("over the max_doc_bytes limit of 230 bytes"),
        "{err}"
    );

    // In JSON Lines, only the long lines are refused.
    let (docs, errors) =
        split(read_source(&Source::file(fixture("articles.jsonl")), &limits).collect());
    assert_eq!(docs.len(), 2);
    assert!(docs
        .iter()
        .all(|d| d.origin.ends_with("#line 2") || d.origin.ends_with("#line 5")));
    assert!(errors[0].origin.ends_with("#line 1"));
    assert!(errors[0]
        .message
        .contains("max_doc_bytes limit of 230 bytes"));

    // In a feed, the big item is refused and the others are read.
    let (docs, _) = split(read_source(&Source::file(fixture("feed.rss")), &limits).collect());
    assert!(docs.iter().all(|d| !d.origin.ends_with("#item 1")));
    assert!(docs.iter().any(|d| d.origin.ends_with("#item 4")));
}

#[test]
fn a_folder_read_as_a_file_says_so() {
    let items: Vec<_> = read_source(&Source::file(fixture("tree")), &Limits::default()).collect();
    assert_eq!(items.len(), 1);
    assert!(items[0]
        .as_ref()
        .unwrap_err()
        .message
        .starts_with("is a folder"));
}

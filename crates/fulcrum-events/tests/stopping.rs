//! `Coder::code_document_with` asks before every sentence whether to go on, and a stop drops
//! the document's events: what callers build time and memory limits on.

use fulcrum_events::Coder;
use std::ops::ControlFlow;

const TEXT: &str = "Russian forces seized three Ukrainian navy ships near Crimea on Sunday.\n\n\
                    China criticised Japan on Monday. Nothing else happened.";

#[test]
fn the_callback_is_asked_once_per_sentence_and_can_stop_coding() {
    let coder = Coder::new(None).unwrap();
    let doc = fulcrum_extract::extract_text(TEXT);
    let mut asked = 0;
    let events = coder
        .code_document_with(&doc, "d", Some("2018-11-26"), || {
            asked += 1;
            ControlFlow::<()>::Continue(())
        })
        .unwrap();
    assert_eq!(asked, 3, "one question per sentence");
    assert_eq!(events, coder.code_document(&doc, "d", Some("2018-11-26")));
    assert!(!events.is_empty());

    let mut asked = 0;
    let stopped = coder.code_document_with(&doc, "d", Some("2018-11-26"), || {
        asked += 1;
        if asked == 2 {
            ControlFlow::Break("over the limit")
        } else {
            ControlFlow::Continue(())
        }
    });
    assert_eq!(stopped, Err("over the limit"), "no partial events");
}

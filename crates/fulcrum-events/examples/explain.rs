//! Prints how fulcrum reads one sentence: tokens, tags, lemmas, dependency tree, mentions and
//! events. `cargo run --release -p fulcrum-events --example explain -- "Russia seized ships."`

use fulcrum_actors::DocContext;
use fulcrum_events::{analyse::analyse, Coder};

fn main() {
    let text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    let coder = Coder::new(None).expect("dictionaries load");
    let mut ctx = DocContext {
        date: Some("2019-01-01".into()),
        ..Default::default()
    };
    let s = analyse(&text, (0, text.len()), &coder.gazetteer, &mut ctx);
    for i in 0..s.len() {
        let head = s.head[i]
            .map(|h| format!("{} {}", h, s.words[h]))
            .unwrap_or_else(|| "ROOT".into());
        println!(
            "{i:>3} {:<16} {:<6} {:<5} {:<14} {:<12} <- {head}  {}",
            s.words[i],
            s.tags[i].upos.as_str(),
            s.tags[i].xpos,
            s.lemmas[i],
            s.deprel[i],
            s.mention_of[i]
                .map(|m| format!("[{} {}]", s.mentions[m].code, s.mentions[m].sector))
                .unwrap_or_default()
        );
    }
    for e in coder.code_sentence(&s) {
        let p = &coder.patterns.patterns[e.pattern];
        let tg = e
            .target
            .map(|t| s.mentions[t].code.clone())
            .unwrap_or_else(|| "-".into());
        println!(
            "EVENT {} -> {} {:?} {} ({}) {} at {}",
            s.mentions[e.source].code,
            tg,
            p.plover,
            p.cameo,
            p.id,
            e.factuality,
            s.words[e.trigger]
        );
    }
}

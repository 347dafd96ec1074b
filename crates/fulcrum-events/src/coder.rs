//! The coder: patterns matched against analysed sentences, source and target read off the
//! dependency tree.

use crate::analyse::{analyse_from, Sentence};
use crate::dating::{EventKey, SentenceDates, Timeline};
use crate::document::{mention_records, AnalysedDoc, Located, MentionRecord};
use crate::event::{ActorRef, Event, Resolved, Trigger};
use crate::factuality::factuality_at;
use crate::landmarks::Landmarks;
use crate::patterns::{Elem, LoadError, Naming, Pattern, PatternSet, TriggerPos, PREPOSITIONS};
use fulcrum_actors::{DocContext, Gazetteer, MentionKind};
use fulcrum_extract::BlockKind;
use fulcrum_extract::{DateCandidate, Document};
use fulcrum_syntax::tagger::Upos;
use std::ops::ControlFlow;

/// Nouns whose "of" complement names who they belong to ("leaders of", "a fighter of").
const MEMBER_NOUNS: &[&str] = &[
    "leader",
    "leaders",
    "fighter",
    "jet",
    "plane",
    "aircraft",
    "ship",
    "vessel",
    "warship",
    "boat",
    "drone",
    "troops",
    "troop",
    "soldier",
    "force",
    "forces",
    "official",
    "officials",
    "member",
    "members",
    "citizen",
    "citizens",
    "national",
    "nationals",
    "embassy",
    "ambassador",
    "envoy",
    "delegation",
    "diplomat",
    "minister",
    "president",
    "government",
    "army",
    "navy",
    "unit",
    "convoy",
    "base",
    "crew",
    "crews",
    "head",
    "heads",
    "representative",
    "representatives",
];

/// Verbs whose complement is the act decided on, not an intention: see `code_sentence`.
const DECISION_VERBS: &[&str] = &[
    "agree", "decide", "vote", "move", "begin", "start", "continue", "resume",
];

/// The longest run of skippable words allowed between two elements of a phrase.
const MAX_GAP: usize = 6;

/// A pattern matched at a trigger, before source and target are turned into output records.
#[derive(Debug, Clone, PartialEq)]
pub struct RawEvent {
    pub trigger: usize,
    pub pattern: usize,
    pub source: usize,
    pub target: Option<usize>,
    pub confidence: f64,
    pub factuality: &'static str,
    pub cue: String,
    /// The token of the cue, when it is a word of the sentence.
    pub cue_token: Option<usize>,
    /// The tokens the pattern's fixed words matched.
    pub words: Vec<usize>,
}

/// The identity of an event for dating later mentions of it.
fn key_of(e: &Event) -> EventKey {
    EventKey {
        source: e.source.code.clone(),
        target: e
            .target
            .as_ref()
            .map(|t| t.code.clone())
            .unwrap_or_default(),
        plover: e.plover.clone().unwrap_or_default(),
        factuality: e.factuality.clone(),
    }
}

/// Whether `FULCRUM_DEBUG` is set: then every pattern tried is reported on stderr. Read once,
/// since the coder asks for every candidate.
fn debug() -> bool {
    static DEBUG: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *DEBUG.get_or_init(|| std::env::var_os("FULCRUM_DEBUG").is_some())
}

/// Where a sentence sits: its document, index, first character and the date in force.
struct Place<'a> {
    text: &'a str,
    doc: &'a str,
    index: usize,
    char0: usize,
    published: Option<&'a str>,
    dates: Option<&'a SentenceDates>,
}

/// Dictionaries loaded once and shared by every thread.
#[derive(Debug)]
pub struct Coder {
    pub patterns: PatternSet,
    pub gazetteer: Gazetteer,
    /// The record of landmark events, which dates pages that print no date.
    pub landmarks: Landmarks,
    /// Whether to emit events whose target could not be identified ("Russia seized them").
    /// Off by default: an event between actors needs both, and a half-known event is more
    /// often a misreading than a finding. Shows of force (MOBILIZE) are always emitted.
    pub null_targets: bool,
}

/// Why the coder could not be built: a dictionary file is wrong.
#[derive(Debug, thiserror::Error)]
pub enum CoderError {
    #[error(transparent)]
    Patterns(#[from] LoadError),
    #[error(transparent)]
    Actors(#[from] fulcrum_actors::LoadError),
}

impl Coder {
    /// The coder with the built-in dictionaries, plus those of `extra` (`DIR/actors/*.toml`,
    /// `DIR/patterns/*.toml`) when given.
    pub fn new(extra: Option<&std::path::Path>) -> Result<Coder, CoderError> {
        let mut patterns = PatternSet::builtin()?;
        let mut gazetteer = Gazetteer::builtin()?;
        let mut landmarks = Landmarks::builtin(&patterns.cameo)?;
        if let Some(dir) = extra {
            let a = dir.join("actors");
            if a.is_dir() {
                gazetteer.add_dir(&a)?;
            }
            let p = dir.join("patterns");
            if p.is_dir() {
                patterns.add_dir(&p)?;
            }
            let l = dir.join("landmarks");
            if l.is_dir() {
                landmarks.add_dir(&l, &patterns.cameo)?;
            }
        }
        Ok(Coder {
            patterns,
            gazetteer,
            landmarks,
            null_targets: false,
        })
    }

    /// The version of what produced the events: fulcrum's release (which fixes the syntax
    /// models and the code) and every dictionary file loaded, built-in or the user's. Stored
    /// with each event so that a store knows which documents to re-code after a change.
    pub fn version(&self) -> String {
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        for (name, digest) in self.patterns.loaded.iter().chain(&self.gazetteer.loaded) {
            h.update(name.as_bytes());
            h.update(digest);
        }
        let d = h.finalize();
        let hex: String = d.iter().take(6).map(|b| format!("{b:02x}")).collect();
        format!("{}+{hex}", env!("CARGO_PKG_VERSION"))
    }

    /// Codes every sentence of an extracted document.
    pub fn code_document(
        &self,
        doc: &Document,
        doc_id: &str,
        published: Option<&str>,
    ) -> Vec<Event> {
        let analysed = self.analyse_document(doc, published);
        self.code_analysed(&analysed, doc, doc_id, published)
    }

    /// Codes every sentence of an extracted document like [`Coder::code_document`], asking
    /// `between` before each sentence whether to go on. The caller enforces its own limits this
    /// way (time, memory) without the coder knowing about them: `ControlFlow::Break(reason)`
    /// stops and returns `Err(reason)`, and nothing found so far is kept, because half a
    /// document's events would misstate it.
    pub fn code_document_with<B>(
        &self,
        doc: &Document,
        doc_id: &str,
        published: Option<&str>,
        between: impl FnMut() -> ControlFlow<B>,
    ) -> Result<Vec<Event>, B> {
        let analysed = self.analyse_document_with(doc, published, between)?;
        Ok(self.code_analysed(&analysed, doc, doc_id, published))
    }

    /// Analyses a document like [`Coder::analyse_document_with`]; when `published` is `None`
    /// it first tries to date the page from the landmark record ([`Landmarks::date_page`]) and,
    /// if that succeeds, analyses it against the date found, which it returns beside.
    pub fn analyse_dated_with<B>(
        &self,
        doc: &Document,
        published: Option<&str>,
        mut between: impl FnMut() -> ControlFlow<B>,
    ) -> Result<(AnalysedDoc, Option<DateCandidate>), B> {
        let analysed = self.analyse_document_with(doc, published, &mut between)?;
        if published.is_some() {
            return Ok((analysed, None));
        }
        match self
            .landmarks
            .date_page_with(self, &analysed, doc, &mut between)?
        {
            Some(found) => {
                let again = self.analyse_document_with(doc, Some(&found.date), between)?;
                Ok((again, Some(found)))
            }
            None => Ok((analysed, None)),
        }
    }

    /// Gives a document that has no publication date the one the landmark record implies, if
    /// any, and adds it to the document's date evidence.
    pub fn date_undated(&self, doc: &mut Document) {
        if doc.published.is_some() {
            return;
        }
        let analysed = self.analyse_document(doc, None);
        if let Some(found) = self.landmarks.date_page(self, &analysed, doc) {
            doc.date_candidates.push(found.clone());
            doc.published = Some(found);
        }
    }

    /// Splits an extracted document into sentences and analyses each in order, carrying what
    /// the document has said so far (people named, salient actors) from one to the next.
    pub fn analyse_document(&self, doc: &Document, published: Option<&str>) -> AnalysedDoc {
        let go_on = || ControlFlow::<std::convert::Infallible>::Continue(());
        match self.analyse_document_with(doc, published, go_on) {
            Ok(a) => a,
            Err(never) => match never {},
        }
    }

    /// [`Coder::analyse_document`], asking `between` before each sentence whether to go on
    /// (see [`Coder::code_document_with`]).
    pub fn analyse_document_with<B>(
        &self,
        doc: &Document,
        published: Option<&str>,
        mut between: impl FnMut() -> ControlFlow<B>,
    ) -> Result<AnalysedDoc, B> {
        let text = doc.text.as_str();
        let mut ctx = DocContext {
            date: published.map(str::to_string),
            ..Default::default()
        };
        let mut sentences = Vec::new();
        let mut chars_before = 0usize;
        let mut counted_to = 0usize;
        // The dateline prefix of the first body paragraph is skipped when parsing.
        let first_para = doc
            .blocks
            .iter()
            .position(|b| b.kind == BlockKind::Paragraph);
        let prefix = doc.dateline.as_ref().map(|d| d.prefix_len).unwrap_or(0);
        for (bi, block) in doc.blocks.iter().enumerate() {
            let (b0, b1) = block.span;
            if b1 > text.len()
                || b0 > b1
                || !text.is_char_boundary(b0)
                || !text.is_char_boundary(b1)
            {
                continue;
            }
            for (s0, s1) in fulcrum_text::split_sentences(&text[b0..b1]) {
                let span = (b0 + s0, b0 + s1);
                chars_before += text[counted_to..span.0].chars().count();
                counted_to = span.0;
                if let ControlFlow::Break(reason) = between() {
                    return Err(reason);
                }
                let lead = Some(bi) == first_para && s0 == 0;
                let from = if lead { b0 + prefix } else { span.0 };
                let s = analyse_from(text, span, from, &self.gazetteer, &mut ctx);
                sentences.push(Located {
                    index: sentences.len(),
                    block: bi,
                    char0: chars_before,
                    lead,
                    s,
                });
            }
        }
        Ok(AnalysedDoc {
            sentences,
            people: ctx.people,
        })
    }

    /// Codes the sentences of an analysed document.
    pub fn code_analysed(
        &self,
        analysed: &AnalysedDoc,
        doc: &Document,
        doc_id: &str,
        published: Option<&str>,
    ) -> Vec<Event> {
        let text = doc.text.as_str();
        let mut events = Vec::new();
        let mut timeline = Timeline::default();
        for at in &analysed.sentences {
            let s = &at.s;
            let raws = self.code_sentence(s);
            timeline.at_sentence(at.index);
            let dates = if raws.is_empty() && !at.lead {
                None
            } else {
                Some(SentenceDates::find(s, text, published))
            };
            if let (true, Some(d)) = (at.lead, &dates) {
                timeline.read_lead(s, d, published);
            }
            for r in raws {
                let place = Place {
                    text,
                    doc: doc_id,
                    index: at.index,
                    char0: at.char0,
                    published,
                    dates: dates.as_ref(),
                };
                let e = self.to_event(s, &r, &place, &timeline);
                timeline.record(key_of(&e), &e.date);
                events.push(e);
            }
        }
        events
    }

    /// Codes a document and finds its quotations, each with its speaker and the events
    /// inside it.
    pub fn code_with_quotes(
        &self,
        doc: &Document,
        doc_id: &str,
        published: Option<&str>,
    ) -> (Vec<Event>, Vec<crate::quotes::Quote>) {
        let analysed = self.analyse_document(doc, published);
        let events = self.code_analysed(&analysed, doc, doc_id, published);
        let quotes = self.quotes(&analysed, doc, doc_id, &events);
        (events, quotes)
    }

    /// The quotations of an analysed document; `events` are its coded events, so that each
    /// quotation lists the events inside it.
    pub fn quotes(
        &self,
        analysed: &AnalysedDoc,
        doc: &Document,
        doc_id: &str,
        events: &[Event],
    ) -> Vec<crate::quotes::Quote> {
        crate::quotes::find_quotes(analysed, doc, doc_id, events, &self.gazetteer)
    }

    /// The mention records of an analysed document.
    pub fn mention_records(&self, analysed: &AnalysedDoc, doc: &Document) -> Vec<MentionRecord> {
        mention_records(analysed, doc, &self.gazetteer)
    }

    /// Every actor and person mention of a document, resolved: what each names, and where the
    /// mention it was resolved from stands.
    pub fn mentions(&self, doc: &Document, published: Option<&str>) -> Vec<MentionRecord> {
        let analysed = self.analyse_document(doc, published);
        self.mention_records(&analysed, doc)
    }

    fn to_event(&self, s: &Sentence, r: &RawEvent, at: &Place, timeline: &Timeline) -> Event {
        let (text, doc, idx, sent_char0, published) =
            (at.text, at.doc, at.index, at.char0, at.published);
        let p = &self.patterns.patterns[r.pattern];
        let sent = &text[s.span.0..s.span.1];
        let char_span = |b0: usize, b1: usize| -> [usize; 2] {
            let a = sent_char0 + text[s.span.0..b0].chars().count();
            [a, a + text[b0..b1].chars().count()]
        };
        let tt = s.tokens[r.trigger];
        // The event's own date decides which office a person held: Kim Il Sung is a former
        // leader in 2018 but was the leader in the 1972 a sentence speaks of.
        let key = EventKey {
            source: s.mentions[r.source].code.clone(),
            target: r
                .target
                .map(|t| s.mentions[t].code.clone())
                .unwrap_or_default(),
            plover: p.plover.clone().unwrap_or_default(),
            factuality: r.factuality.to_string(),
        };
        let date = timeline.date(at.dates, s, r.trigger, &key, published);
        let actor = |mi: usize| {
            let m = &s.mentions[mi];
            let (b0, b1) = (s.tokens[m.start].start, s.tokens[m.end - 1].end);
            let (mut code, mut sector) = (m.code.clone(), m.sector.clone());
            // An interval open at the start ("before ... 1972") is placed by its end.
            let day = date.start.as_deref().or(date.end.as_deref());
            if let (Some(pi), Some(day), "ELI" | "") = (m.person, day, sector.as_str()) {
                let person = &self.gazetteer.people[pi];
                if !matches!(person.sector_on(Some(day)).as_str(), "ELI" | "") {
                    code = person.code_on(Some(day));
                    sector = person.sector_on(Some(day));
                }
            }
            ActorRef {
                code,
                sector,
                text: text[b0..b1].to_string(),
                span: char_span(b0, b1),
                resolved_from: m.antecedent.map(|(a0, a1)| Resolved {
                    text: text[a0..a1].to_string(),
                    span: [
                        text[..a0].chars().count(),
                        text[..a0].chars().count() + text[a0..a1].chars().count(),
                    ],
                }),
            }
        };
        let source = actor(r.source);
        let target = r.target.map(actor);
        // "China sent troops during the Korean War": the war as China fought it.
        let mut date = date;
        // "Premier Zhou Enlai visited Pyongyang before ... 1972": not before he was premier.
        // The title says which office, so only a titled mention of someone in office then
        // closes the interval; otherwise its start stays open.
        if let (None, Some(end)) = (&date.start, &date.end) {
            let m = &s.mentions[r.source];
            date.start = m
                .person
                .map(|pi| &self.gazetteer.people[pi])
                .filter(|p| s.titled_person(m, text, &p.name))
                .filter(|p| !matches!(p.sector_on(Some(end)).as_str(), "ELI" | ""))
                .and_then(|p| p.role_on(Some(end)))
                .map(|role| role.from.clone())
                .filter(|from| !from.is_empty() && from.as_str() <= end.as_str());
        }
        if date.basis == "explicit" {
            if let Some((a, b)) = fulcrum_time::party_span(&date.text, &source.code) {
                date.start = Some(a);
                date.end = Some(b);
            }
        }
        Event {
            doc: doc.to_string(),
            sentence_index: idx,
            sentence: sent.to_string(),
            sentence_span: [sent_char0, sent_char0 + sent.chars().count()],
            source,
            target,
            trigger: Trigger {
                text: tt.text(text).to_string(),
                span: char_span(tt.start, tt.end),
            },
            plover: p.plover.clone(),
            cameo: p.cameo.clone(),
            goldstein: p.goldstein,
            quad: p.quad.clone(),
            date,
            factuality: r.factuality.to_string(),
            factuality_cue: r.cue.clone(),
            factuality_cue_span: r.cue_token.map(|c| {
                let ct = s.tokens[c];
                char_span(ct.start, ct.end)
            }),
            rule: p.id.clone(),
            confidence: (r.confidence * 100.0).round() / 100.0,
        }
    }

    /// Codes one analysed sentence.
    pub fn code_sentence(&self, s: &Sentence) -> Vec<RawEvent> {
        let mut out: Vec<(RawEvent, usize)> = Vec::new();
        if s.mentions.is_empty() {
            return Vec::new();
        }
        for t in 0..s.len() {
            let Some(cands) = self
                .patterns
                .by_trigger
                .get(&s.lemmas[t])
                .or_else(|| self.patterns.by_trigger.get(&s.lower[t]))
                // Headline verbs tagged as plural nouns ("Xi Briefs Trump").
                .or_else(|| {
                    s.headline
                        .then(|| s.lower[t].strip_suffix('s'))
                        .flatten()
                        .and_then(|w| self.patterns.by_trigger.get(w))
                })
            else {
                continue;
            };
            let mut best: Vec<(RawEvent, usize)> = Vec::new();
            let mut best_spec = 0;
            for &pi in cands {
                let p = &self.patterns.patterns[pi];
                if !pos_ok(s, t, p) || !naming_ok(s, t, p) {
                    continue;
                }
                let Some(m) = match_elems(s, t, p) else {
                    continue;
                };
                let evs = attribute(s, t, pi, &m, &self.patterns);
                if debug() {
                    eprintln!(
                        "matched {} at {} targets {:?} -> {} events",
                        p.id,
                        s.words[t],
                        m.targets,
                        evs.len()
                    );
                }
                if evs.is_empty() {
                    continue;
                }
                // A reading that finds a target beats one that does not; then the more
                // specific pattern wins.
                let spec = p.specificity()
                    + 1
                    + if evs.iter().any(|e| e.target.is_some()) {
                        1000
                    } else {
                        0
                    };
                if spec > best_spec {
                    best_spec = spec;
                    best.clear();
                }
                if spec == best_spec {
                    for e in evs {
                        best.push((e, spec));
                    }
                }
            }
            for (e, spec) in best {
                let p = &self.patterns.patterns[e.pattern];
                let dup = out.iter().any(|(o, _)| {
                    let q = &self.patterns.patterns[o.pattern];
                    o.trigger == e.trigger
                        && q.plover == p.plover
                        && same_actor(s, o.source, e.source)
                        && o.target
                            .zip(e.target)
                            .is_none_or(|(a, b)| same_actor(s, a, b))
                });
                if !dup {
                    out.push((e, spec));
                }
            }
        }
        if debug() {
            for (e, spec) in &out {
                let p = &self.patterns.patterns[e.pattern];
                eprintln!(
                    "candidate {} at {} ({}) src {} tgt {:?} spec {spec}",
                    p.id,
                    e.trigger,
                    s.words[e.trigger],
                    s.mentions[e.source].code,
                    e.target.map(|t| &s.mentions[t].code)
                );
            }
        }
        let mut out = self.threats_not_acts(s, out);
        // The same event read twice through linked triggers ("made a visit to", "visit to"):
        // keep the more specific reading.
        let mut keep = vec![true; out.len()];
        let mut fills: Vec<(usize, usize)> = Vec::new();
        let mut drop_governor: Vec<usize> = Vec::new();
        for i in 0..out.len() {
            let e = &out[i].0;
            // A word already matched as part of another pattern ("impose sanctions on") does
            // not trigger a second event of its own.
            if out.iter().any(|(o, _)| {
                o.words.contains(&e.trigger) && (o.target.is_some() || e.target.is_none())
            }) {
                keep[i] = false;
                continue;
            }
            // The complement of an appeal, a promise, a refusal or a threat is what is asked,
            // promised, refused or threatened, not an event of its own: "urged Canada to
            // release Meng" is one REQUEST, "pledged to meet U.S. officials" one AGREE.
            let mut x = e.trigger;
            if s.deprel[x] == "conj" {
                x = s.head[x].unwrap_or(x);
            }
            if matches!(s.deprel[x], "xcomp" | "ccomp") {
                if let Some(h) = s.head[x] {
                    let governs = out.iter().any(|(o, _)| {
                        o.trigger == h
                            && matches!(
                                self.patterns.patterns[o.pattern].plover.as_deref(),
                                Some("REQUEST" | "AGREE" | "REJECT" | "THREATEN")
                            )
                    });
                    // Verbs of decision report the act itself: "agreed to implement
                    // sanctions", "decided to expel diplomats" code the sanctions and the
                    // expulsion, and the decision is dropped in their favour.
                    if governs && DECISION_VERBS.contains(&s.lemmas[h].as_str()) {
                        for (k, (o, _)) in out.iter().enumerate() {
                            if o.trigger == h {
                                drop_governor.push(k);
                            }
                        }
                        continue;
                    }
                    if governs {
                        keep[i] = false;
                        // What is promised, asked or refused names the target of the promise:
                        // "pledged to meet U.S. officials" is an AGREE towards the US.
                        if let Some(tg) = e.target {
                            for (k, (o, _)) in out.iter().enumerate() {
                                if fills.iter().any(|(f, _)| *f == k) {
                                    continue;
                                }
                                if o.trigger == h
                                    && o.target.is_none()
                                    && o.source != tg
                                    && s.mentions[o.source].code != s.mentions[tg].code
                                {
                                    fills.push((k, tg));
                                }
                            }
                        }
                    }
                }
            }
        }
        for (k, tg) in fills {
            out[k].0.target = Some(tg);
        }
        for k in drop_governor {
            keep[k] = false;
        }
        // An event between actors needs both. Only shows of force ("test-fired a missile",
        // "put troops on alert") are commonly reported without anyone they are aimed at.
        for (i, (e, _)) in out.iter().enumerate() {
            if e.target.is_none()
                && !self.null_targets
                && self.patterns.patterns[e.pattern].plover.as_deref() != Some("MOBILIZE")
            {
                keep[i] = false;
            }
        }
        for i in 0..out.len() {
            for j in 0..out.len() {
                if i == j || !keep[i] || !keep[j] {
                    continue;
                }
                let (a, sa) = (&out[i].0, out[i].1);
                let (b, sb) = (&out[j].0, out[j].1);
                let pa = &self.patterns.patterns[a.pattern];
                let pb = &self.patterns.patterns[b.pattern];
                let linked =
                    s.head[a.trigger] == Some(b.trigger) || s.head[b.trigger] == Some(a.trigger);
                if linked
                    && pa.plover == pb.plover
                    && same_actor(s, a.source, b.source)
                    && a.target
                        .zip(b.target)
                        .is_none_or(|(x, y)| same_actor(s, x, y))
                    && (sb > sa || (sb == sa && j < i))
                {
                    keep[i] = false;
                }
            }
        }
        out.into_iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|((e, _), _)| e)
            .collect()
    }
}

impl Coder {
    /// Force that is threatened, vowed or declared ready is a threat, not an attack: "threatened
    /// to launch a strike against", "vowed to make the United States pay", "was prepared to use
    /// military force against", "warned it would take action against". Each becomes a threat
    /// read at the governing word, which replaces a target-less threat or promise found there.
    /// Force one is merely able to use ("a nuclear power able to strike the mainland") is a
    /// claim of capability, not an event.
    fn threats_not_acts(
        &self,
        s: &Sentence,
        mut out: Vec<(RawEvent, usize)>,
    ) -> Vec<(RawEvent, usize)> {
        let threat_force = self
            .patterns
            .index_of("threaten.threaten-military-action-against");
        let threat_any = self.patterns.index_of("threaten.threaten");
        let plover = |e: &RawEvent| self.patterns.patterns[e.pattern].plover.clone();
        let mut gone = vec![false; out.len()];
        for i in 0..out.len() {
            let pl = plover(&out[i].0);
            let kind = match pl.as_deref() {
                Some("ASSAULT" | "COERCE" | "THREATEN") => modal_governor(s, out[i].0.trigger),
                _ => None,
            };
            let Some((g, kind)) = kind else { continue };
            let is_threat = pl.as_deref() == Some("THREATEN");
            match kind {
                Governor::Capability if !is_threat => {
                    gone[i] = true;
                    continue;
                }
                Governor::Capability => continue,
                // Threats under threats are read by the complement rule of `code_sentence`.
                Governor::Threat if is_threat => continue,
                _ => {}
            }
            let tg = out[i].0.target;
            // A threat already read at the governor with a target says it all.
            let covered = out.iter().enumerate().any(|(k, (o, _))| {
                k != i
                    && !gone[k]
                    && o.trigger == g
                    && plover(o).as_deref() == Some("THREATEN")
                    && o.target.is_some()
                    && o.target.zip(tg).is_none_or(|(a, b)| same_actor(s, a, b))
            });
            if covered {
                gone[i] = true;
                continue;
            }
            let new_pattern = if is_threat {
                out[i].0.pattern
            } else if pl.as_deref() == Some("ASSAULT") {
                match threat_force {
                    Some(x) => x,
                    None => continue,
                }
            } else {
                match threat_any {
                    Some(x) => x,
                    None => continue,
                }
            };
            // The target-less promise or threat at the governor is this same threat.
            for (k, (o, _)) in out.iter().enumerate() {
                if k != i
                    && o.trigger == g
                    && o.target.is_none()
                    && matches!(plover(o).as_deref(), Some("AGREE" | "THREATEN"))
                {
                    gone[k] = true;
                }
            }
            let (fact, cue_token) = match kind {
                // Declaring oneself ready to strike is itself the threat.
                Governor::Readiness => ("asserted", None),
                _ => factuality_at(s, g),
            };
            let e = &mut out[i].0;
            e.pattern = new_pattern;
            e.trigger = g;
            e.factuality = fact;
            e.cue_token = cue_token;
            e.cue = cue_token.map(|c| s.words[c].clone()).unwrap_or_default();
            e.words.clear();
        }
        out.into_iter()
            .zip(gone)
            .filter(|(_, g)| !*g)
            .map(|(e, _)| e)
            .collect()
    }
}

/// What kind of word governs an act of force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Governor {
    /// "threatened to", "warned it would".
    Threat,
    /// "vowed to", "pledged to".
    Promise,
    /// "ready to", "prepared to".
    Readiness,
    /// "able to", "capable of".
    Capability,
}

/// The word that makes an act of force a threat, a promise, a readiness or a capability, if
/// one governs its clause: up through coordination and through the verb whose object the
/// trigger is ("threatened to launch a strike").
fn modal_governor(s: &Sentence, t: usize) -> Option<(usize, Governor)> {
    let mut x = t;
    for _ in 0..4 {
        let h = s.head[x]?;
        match s.deprel[x] {
            "conj" => x = h,
            "obj" if s.upos(x) == Upos::Noun && s.upos(h) == Upos::Verb => x = h,
            rel @ ("xcomp" | "ccomp" | "advcl" | "acl") => {
                let lemma = s.lemmas[h].as_str();
                // "was prepared to" is read as a passive participle as often as an adjective.
                let adjective = s.upos(h) == Upos::Adj
                    || s.kids(h, "cop").next().is_some()
                    || (s.tags[h].xpos == "VBN" && s.kids(h, "aux:pass").next().is_some());
                // A reported clause is a threat only when it speaks of what would or will be
                // done: "warned that it would strike", not "warned that it had been struck".
                let modal = s.children[x].iter().any(|&c| {
                    s.deprel[c] == "aux"
                        && matches!(s.lower[c].as_str(), "would" | "will" | "'ll" | "shall")
                });
                let infinitive = s.kids(x, "mark").any(|m| s.lower[m] == "to");
                let kind = match lemma {
                    "threaten" | "warn" if rel == "xcomp" || infinitive || modal => {
                        Governor::Threat
                    }
                    "vow" | "pledge" | "promise" | "swear"
                        if rel == "xcomp" || infinitive || modal =>
                    {
                        Governor::Promise
                    }
                    "ready" | "prepared" | "prepare" | "poised" | "willing" | "determined"
                        if adjective && (infinitive || rel == "xcomp") =>
                    {
                        Governor::Readiness
                    }
                    "able" | "capable" if infinitive || rel == "xcomp" => Governor::Capability,
                    _ => return None,
                };
                return Some((h, kind));
            }
            _ => return None,
        }
    }
    None
}

fn same_actor(s: &Sentence, a: usize, b: usize) -> bool {
    s.mentions[a].code == s.mentions[b].code
}

fn pos_ok(s: &Sentence, t: usize, p: &Pattern) -> bool {
    let u = s.upos(t);
    match p.pos {
        TriggerPos::Verb => {
            u == Upos::Verb
                || (u == Upos::Noun && s.headline)
                || (u == Upos::Adj && s.tags[t].xpos == "VBN")
                // "had talks", "held meetings": a light verb the tagger took for an
                // auxiliary, confirmed by the pattern's own noun.
                || (u == Upos::Aux && p.elems.iter().any(|e| matches!(e, Elem::Word { optional: false, .. })))
                // "shake hands", "open fire": a verb the tagger took for a noun or adjective,
                // confirmed by the pattern's next word right after it.
                || (matches!(u, Upos::Noun | Upos::Adj)
                    && t + 1 < s.len()
                    && matches!(p.elems.first(), Some(Elem::Word { alts, optional: false }) if alts.iter().any(|a| word_matches(a, s, t + 1))))
        }
        TriggerPos::Noun => {
            if s.mention_of[t].is_some() {
                return false;
            }
            // A noun the tagger took for an adjective ("withdrawal from") still reads as the
            // pattern's noun when the pattern's next word follows it.
            matches!(u, Upos::Noun | Upos::Propn)
                || (matches!(u, Upos::Adj | Upos::Verb)
                    && t + 1 < s.len()
                    && matches!(p.elems.first(), Some(Elem::Word { alts, .. }) if alts.contains(&s.lower[t + 1])))
        }
    }
}

/// Head words of a description that praise whoever it describes ("called Kim a friend").
const PRAISE_NOUNS: &[&str] = &[
    "friend",
    "partner",
    "ally",
    "hero",
    "success",
    "triumph",
    "breakthrough",
    "statesman",
    "gentleman",
    "patriot",
    "genius",
    "treasure",
    "asset",
    "cornerstone",
    "pillar",
];

/// Words that make a neutral description praise ("a great leader", "a very good man").
const PRAISE_WORDS: &[&str] = &[
    "great",
    "good",
    "wonderful",
    "terrific",
    "excellent",
    "fantastic",
    "brilliant",
    "smart",
    "honest",
    "honourable",
    "honorable",
    "tremendous",
    "fine",
    "outstanding",
    "remarkable",
    "nice",
    "decent",
    "talented",
    "respected",
    "close",
    "strong",
    "trusted",
    "true",
    "reliable",
    "capable",
    "precious",
    "invaluable",
    "unbreakable",
    "indestructible",
    "ironclad",
    "unshakable",
    "unshakeable",
    "solid",
    "valuable",
    "special",
];

/// Heads of descriptions that say nothing for or against on their own ("a great leader").
const NEUTRAL_NOUNS: &[&str] = &[
    "leader",
    "man",
    "woman",
    "person",
    "guy",
    "negotiator",
    "president",
    "politician",
];

/// The description after the object of a verb of naming, if there is one: "called Trump a
/// dotard", "calls the sanctions 'a declaration of war'", "called the move irresponsible". It
/// is a second nominal or adjectival complement after the first object.
fn description(s: &Sentence, t: usize) -> Option<usize> {
    let comps: Vec<usize> = s.children[t]
        .iter()
        .copied()
        .filter(|&c| {
            c > t
                && matches!(
                    s.deprel[c],
                    "obj" | "iobj" | "obl:unmarked" | "xcomp" | "obl:npmod"
                )
                && matches!(s.upos(c), Upos::Noun | Upos::Propn | Upos::Pron | Upos::Adj)
                && s.kids(c, "case").next().is_none()
                && time_phrase_end(s, c).is_none()
        })
        .collect();
    (comps.len() >= 2).then(|| *comps.last().unwrap())
}

/// The predicate a noun is the subject of, when it is a noun or adjective with a copula
/// ("… are a treasure", "… is unbreakable").
fn predicate_of(s: &Sentence, t: usize) -> Option<usize> {
    let h = s.head[t]?;
    (s.deprel[t] == "nsubj"
        && matches!(s.upos(h), Upos::Noun | Upos::Adj)
        && s.kids(h, "cop").next().is_some())
    .then_some(h)
}

/// Whether a description praises: its head is a word of praise, or a neutral head carries a
/// word of praise, and nothing in it is negated.
fn praises(s: &Sentence, d: usize) -> bool {
    let sub = s.subtree(d);
    if sub
        .iter()
        .any(|&x| matches!(s.lower[x].as_str(), "not" | "no" | "never" | "n't"))
    {
        return false;
    }
    let head = s.lemmas[d].as_str();
    PRAISE_NOUNS.contains(&head)
        || (PRAISE_WORDS.contains(&head) && s.upos(d) == Upos::Adj)
        || (NEUTRAL_NOUNS.contains(&head)
            && sub
                .iter()
                .any(|&x| x != d && PRAISE_WORDS.contains(&s.lemmas[x].as_str())))
}

/// Whether a pattern's requirement on a description after the object holds (`naming` in the
/// pattern file): "called Xi" is a telephone call, "called Xi a liar" an insult.
fn naming_ok(s: &Sentence, t: usize, p: &Pattern) -> bool {
    if p.pos == TriggerPos::Noun {
        // A noun is described by the predicate it is the subject of: "the friendly traditions
        // between China and North Korea are a treasure".
        let described = predicate_of(s, t);
        return match p.naming {
            None => true,
            Some(Naming::None) => described.is_none(),
            Some(Naming::Blame) => described.is_some_and(|d| !praises(s, d)),
            Some(Naming::Praise) => described.is_some_and(|d| praises(s, d)),
        };
    }
    match p.naming {
        None => true,
        Some(Naming::None) => description(s, t).is_none(),
        Some(Naming::Blame) => description(s, t).is_some_and(|d| !praises(s, d)),
        Some(Naming::Praise) => description(s, t).is_some_and(|d| praises(s, d)),
    }
}

/// A successful match of a pattern's elements.
#[derive(Debug, Default)]
struct Match {
    /// Targets found for `{target}`: one or several (coordinated) mentions.
    targets: Vec<usize>,
    /// The tokens matched by the pattern's fixed words after the trigger.
    words: Vec<usize>,
    /// Whether the target came from the direct object.
    object_target: bool,
    /// The source, when the match itself found it ("the Trump-Kim summit": Trump).
    source: Option<usize>,
}

fn skippable(s: &Sentence, j: usize) -> bool {
    let u = s.upos(j);
    // "very good and constructive meetings": a conjunction between modifiers.
    let between_modifiers =
        u == Upos::Cconj && j + 1 < s.len() && matches!(s.upos(j + 1), Upos::Adj | Upos::Adv);
    // Participles before a noun modify it: "refined petroleum", "detained activists".
    let participle = u == Upos::Verb
        && matches!(s.tags[j].xpos, "VBN" | "VBG")
        && j + 1 < s.len()
        && matches!(s.upos(j + 1), Upos::Noun | Upos::Adj);
    between_modifiers
        || participle
        || matches!(u, Upos::Det | Upos::Adj | Upos::Adv | Upos::Num)
        || (u == Upos::Pron && s.tags[j].xpos == "PRP$")
        || (u == Upos::Part && (s.lower[j] == "'s" || s.lower[j] == "'"))
        || s.mention_of[j].is_some()
        || matches!(s.lower[j].as_str(), "-" | "\"" | "“" | "”")
        || (u == Upos::Noun && j + 1 < s.len() && s.upos(j + 1) == Upos::Noun)
}

fn match_elems(s: &Sentence, t: usize, p: &Pattern) -> Option<Match> {
    match_in_order(s, t, p).or_else(|| pair_before(s, t, p))
}

/// "The Trump-Kim summit", "US-China talks": two actors joined by a hyphen or slash before a
/// noun of meeting name both sides, and the second stands where "with {target}" would. Only
/// meetings read this way: "the US-China trade war" is a name for a dispute, not a battle.
fn pair_before(s: &Sentence, t: usize, p: &Pattern) -> Option<Match> {
    let meeting = p.pos == TriggerPos::Noun
        && p.plover.as_deref() == Some("CONSULT")
        && matches!(p.elems.as_slice(), [Elem::Word { alts, .. }, Elem::Target] if alts.iter().any(|a| a == "between"));
    // A meeting named only as a time reference ("before the US-North Korea summit", "on the
    // eve of the Trump-Xi summit") is not reported by this reading.
    let reference = s.kids(t, "case").any(|c| {
        matches!(
            s.lower[c].as_str(),
            "before" | "after" | "until" | "following"
        ) || (s.lower[c] == "of"
            && c > 0
            && matches!(s.lower[c - 1].as_str(), "ahead" | "prior" | "eve"))
    });
    if !meeting || reference || t < 3 {
        return None;
    }
    let b = s.mention_of[t - 1].filter(|&b| s.mentions[b].end == t)?;
    let joint = s.mentions[b].start.checked_sub(1)?;
    if !matches!(s.lower[joint].as_str(), "-" | "–" | "/") {
        return None;
    }
    let a = s.mention_of[joint.checked_sub(1)?].filter(|&a| s.mentions[a].end == joint)?;
    (s.mentions[a].code != s.mentions[b].code).then(|| Match {
        targets: vec![b],
        source: Some(a),
        ..Match::default()
    })
}

fn match_in_order(s: &Sentence, t: usize, p: &Pattern) -> Option<Match> {
    let mut m = Match::default();
    let mut pos = t + 1;
    let n = s.len();
    let mut prev_word: Option<usize> = None;
    for (ei, e) in p.elems.iter().enumerate() {
        match e {
            Elem::Word { alts, optional } => {
                let mut found = None;
                let mut j = pos;
                // A time phrase inside the verb phrase is passed over and does not count
                // towards the gap: "demanded on Tuesday that", "threatened on Monday to".
                let mut allowance = 0;
                while j < n && j < pos + MAX_GAP + 1 + allowance {
                    if let Some(e) = time_phrase_end(s, j) {
                        allowance += e - j;
                        j = e;
                        continue;
                    }
                    // A literal word may sit inside a mention ("Canada's ambassador"), never at
                    // its start, where it would be the actor's own name.
                    let inside_ok = s.mention_of[j].is_none_or(|mi| s.mentions[mi].start < j);
                    if alts.iter().any(|a| word_matches(a, s, j)) && inside_ok {
                        found = Some(j);
                        break;
                    }
                    // A short quotation inside the phrase is passed over: "accepted an
                    // invitation “with pleasure” from Kim".
                    if matches!(s.tags[j].xpos, "``") || s.lower[j] == "“" {
                        if let Some(close) = (j + 1..(j + 8).min(n))
                            .find(|&k| matches!(s.tags[k].xpos, "''") || s.lower[k] == "”")
                        {
                            // Unless the word looked for is inside it: "had “very good
                            // meetings”".
                            if let Some(k) =
                                (j + 1..close).find(|&k| alts.iter().any(|a| word_matches(a, s, k)))
                            {
                                found = Some(k);
                                break;
                            }
                            j = close + 1;
                            continue;
                        }
                    }
                    if !skippable(s, j) {
                        break;
                    }
                    j += 1;
                }
                // The clause is anchored on the trigger, or on its head when the trigger is a
                // light verb parsed as a copula or auxiliary ("had good meetings").
                let anchor = if matches!(s.deprel[t], "cop" | "aux") {
                    s.head[t].unwrap_or(t)
                } else {
                    t
                };
                match found {
                    // Fixed words must stay in the trigger's clause.
                    Some(j)
                        if j <= pos + 1
                            || s.dominated_by(j, t)
                            || s.dominated_by(j, anchor)
                            || s.head[t] == Some(j)
                            || s.head[j].is_some_and(|h| s.dominated_by(h, t)) =>
                    {
                        pos = j + 1;
                        prev_word = Some(j);
                        m.words.push(j);
                    }
                    _ if *optional => {}
                    _ => return None,
                }
            }
            Elem::Target => {
                let direct = ei == 0 && p.pos == TriggerPos::Verb;
                if direct {
                    m.object_target = true;
                    let objs: Vec<usize> = s.children[t]
                        .iter()
                        .copied()
                        .filter(|&c| matches!(s.deprel[c], "obj" | "iobj"))
                        .collect();
                    for o in objs {
                        m.targets.extend(mentions_for(s, o, true));
                    }
                    if !m.targets.is_empty() {
                        pos = s.mentions[m.targets[0]].end;
                        continue;
                    }
                }
                let prep_before =
                    prev_word.is_some_and(|w| PREPOSITIONS.contains(&s.lower[w].as_str()));
                let mut targets = linear_targets(s, pos, if prep_before || direct { 3 } else { 1 });
                if targets.is_empty()
                    && prep_before
                    && pos < n
                    && matches!(s.lower[pos].as_str(), "and" | "or")
                {
                    // A preposition left stranded by coordination shares the object of the
                    // coordinated verb: "opened fire on and seized three Ukrainian vessels".
                    for c in s.children[t]
                        .iter()
                        .copied()
                        .filter(|&c| s.deprel[c] == "conj")
                    {
                        for o in s.kids(c, "obj") {
                            targets.extend(mentions_for(s, o, true));
                        }
                    }
                }
                if targets.is_empty()
                    && (prep_before || direct)
                    && p.pos == TriggerPos::Verb
                    && !is_passive(s, t)
                {
                    // The noun phrase right after names its owner further on: "shot down a
                    // US-made fighter of the Pakistan Air Force".
                    targets = np_targets(s, pos);
                }
                if targets.is_empty() {
                    if is_passive(s, t) && direct {
                        // Passive: the target is the passive subject, found by `attribute`.
                        continue;
                    }
                    return None;
                }
                pos = s.mentions[*targets.last().unwrap()].end;
                m.targets = targets;
            }
        }
    }
    Some(m)
}

/// Adds the other half of every "the two leaders" pair in `v`.
fn with_partners(s: &Sentence, v: Vec<usize>) -> Vec<usize> {
    let mut out = v.clone();
    for &mi in &v {
        for mj in pair_partners(s, mi) {
            if !out.contains(&mj) {
                out.push(mj);
            }
        }
    }
    out.sort_by_key(|&x| (s.mentions[x].start, x));
    out
}

/// Mentions starting at `pos` after at most `gap` skippable words, with coordinated ones
/// ("between China and North Korea").
fn linear_targets(s: &Sentence, pos: usize, gap: usize) -> Vec<usize> {
    with_partners(s, linear_targets_inner(s, pos, gap))
}

fn linear_targets_inner(s: &Sentence, pos: usize, gap: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut j = pos;
    let mut skipped = 0;
    while j < s.len() {
        if let Some(mi) = s.mention_of[j] {
            out.push(mi);
            j = s.mentions[mi].end;
            // Coordination: ", X", "and X", "& X".
            let mut k = j;
            while k < s.len() && matches!(s.lower[k].as_str(), "," | "and" | "&" | "or") {
                k += 1;
            }
            while k < s.len() && matches!(s.upos(k), Upos::Det) {
                k += 1;
            }
            if k > j && k < s.len() && s.mention_of[k].is_some() {
                // A comma alone joins a list only when the list goes on: "X, Y and Z" but not
                // "met U.S. officials, China said".
                let joined_by_word = s.lower[j..k]
                    .iter()
                    .any(|w| matches!(w.as_str(), "and" | "&" | "or"));
                let after = s.mentions[s.mention_of[k].unwrap()].end;
                let list_goes_on =
                    after < s.len() && matches!(s.lower[after].as_str(), "," | "and" | "or" | "&");
                if joined_by_word || list_goes_on {
                    skipped = 0;
                    j = k;
                    continue;
                }
            }
            break;
        }
        if skipped >= gap
            || !(matches!(s.upos(j), Upos::Det | Upos::Adj | Upos::Num)
                || (s.upos(j) == Upos::Pron && s.tags[j].xpos == "PRP$")
                || s.lower[j] == "\"")
        {
            break;
        }
        skipped += 1;
        j += 1;
    }
    out
}

fn is_passive(s: &Sentence, t: usize) -> bool {
    s.children[t]
        .iter()
        .any(|&c| matches!(s.deprel[c], "aux:pass" | "nsubj:pass"))
}

/// The mentions that token `h` stands for: the mention it is part of, or the one in its
/// premodifiers or "of" complement ("the leaders of China"), plus coordinated ones.
fn mentions_for(s: &Sentence, h: usize, with_conj: bool) -> Vec<usize> {
    let mut out = Vec::new();
    if let Some(mi) = s.mention_of[h] {
        out.push(mi);
        // "the two leaders", "they": both halves of the pair.
        for mj in pair_partners(s, mi) {
            if !out.contains(&mj) {
                out.push(mj);
            }
        }
        out.sort_by_key(|&x| (s.mentions[x].start, x));
    } else if !matches!(s.upos(h), Upos::Pron) {
        // Premodifiers ("Russian coast guard crews", "Canada's ambassador") and complements
        // ("a fighter of the Pakistan Air Force", "officials including President Moon"), by
        // preference: a possessor, an adjacent modifier, an "of" complement, a farther modifier.
        let mut best: Option<(usize, usize)> = None;
        for &c in &s.children[h] {
            let rel = s.deprel[c];
            let cand = if c < h && matches!(rel, "amod" | "compound" | "nmod:poss" | "nmod") {
                s.subtree(c)
                    .into_iter()
                    .rev()
                    .find_map(|x| s.mention_of[x])
                    .map(|mi| {
                        let adjacent = s.mentions[mi].end + 1 >= h;
                        (
                            if rel == "nmod:poss" {
                                0
                            } else if adjacent {
                                1
                            } else {
                                3
                            },
                            mi,
                        )
                    })
            } else if c > h
                && rel == "nmod"
                && s.kids(c, "case").any(|k| {
                    // "of" names an owner only after nouns for units, craft and people: "a
                    // fighter of the Pakistan Air Force", not "the stationing of US forces".
                    (s.lower[k] == "of"
                        && (MEMBER_NOUNS.contains(&s.lemmas[h].as_str())
                            || s.upos(h) == Upos::Propn
                            || s.words[h]
                                .chars()
                                .any(|c| c.is_ascii_digit() || c.is_uppercase())))
                        || s.lower[k] == "including"
                })
            {
                let mut all = mentions_for(s, c, true);
                // A coordination the parse did not build ("North and South Korea" with the
                // conjunct hanging off a name part): every actor in the complement.
                let sub = s.subtree(c);
                if all.len() < 2
                    && sub
                        .iter()
                        .any(|&x| matches!(s.lower[x].as_str(), "and" | "or"))
                {
                    all.clear();
                    for x in sub {
                        if let Some(mi) = s.mention_of[x] {
                            if !all.contains(&mi) {
                                all.push(mi);
                            }
                        }
                    }
                }
                if all.len() > 1 {
                    // "the leaders of North and South Korea": every coordinated actor.
                    out.extend(all);
                    return out;
                }
                s.subtree(c)
                    .into_iter()
                    .find_map(|x| s.mention_of[x])
                    .map(|mi| (2, mi))
            } else {
                None
            };
            if let Some((rank, mi)) = cand {
                if best.is_none_or(|(br, _)| rank < br) {
                    best = Some((rank, mi));
                }
            }
        }
        if let Some((_, mi)) = best {
            out.push(mi);
        }
    }
    if with_conj {
        for &c in &s.children[h] {
            if s.deprel[c] == "conj" {
                for mi in mentions_for(s, c, false) {
                    if !out.contains(&mi) {
                        out.push(mi);
                    }
                }
            }
        }
        // The mention's own head may be deeper in a flat name; its conjuncts hang off the
        // mention's last token too.
        if let Some(mi) = s.mention_of[h] {
            let m = &s.mentions[mi];
            for x in m.start..m.end {
                if x == h {
                    continue;
                }
                for &c in &s.children[x] {
                    if s.deprel[c] == "conj" && (c < m.start || c >= m.end) {
                        for mj in mentions_for(s, c, false) {
                            if !out.contains(&mj) {
                                out.push(mj);
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// The subjects of a verb, following control and coordination up the tree when it has none
/// of its own ("Xi agreed to implement", "opened fire on and seized").
fn verb_sources(s: &Sentence, t: usize, depth: usize) -> (Vec<usize>, f64) {
    let (v, c) = verb_sources_tree(s, t, depth);
    if !v.is_empty() {
        return (with_left_conjuncts(s, v), c);
    }
    if is_passive(s, t) {
        return (v, c);
    }
    if let Some(mi) = subject_before_time(s, t) {
        return (with_left_conjuncts(s, vec![mi]), 0.7);
    }
    if depth > 0 {
        return (v, c);
    }
    // The parse found no subject: an actor right before the verb is its subject, with any
    // actors coordinated with it ("Moon Jae-in and Kim Jong Un shake hands").
    match adjacent_subject(s, t) {
        Some(mi) => {
            let mut v = vec![mi];
            let mut start = s.mentions[mi].start;
            while start >= 2 && matches!(s.lower[start - 1].as_str(), "and" | ",") {
                match s.mention_of[start - 2] {
                    Some(mj) if !v.contains(&mj) => {
                        v.insert(0, mj);
                        start = s.mentions[mj].start;
                    }
                    _ => break,
                }
            }
            (v, 0.6)
        }
        None => (Vec::new(), 0.0),
    }
}

/// Adds the actors coordinated before each subject that the parse left out: in "China and
/// South Korea agreed" and "The United States, Japan and South Korea announced" parsers often
/// make only the last conjunct the subject. The list must be joined by "and" next to the
/// subject, and a conjunct governed by a preposition ("In Beijing, China and ...") is not one.
fn with_left_conjuncts(s: &Sentence, mut v: Vec<usize>) -> Vec<usize> {
    let firsts: Vec<usize> = v.clone();
    for mi in firsts {
        let mut start = s.mentions[mi].start;
        let mut joined_by_and = false;
        let mut found: Vec<usize> = Vec::new();
        while start >= 2 {
            let link = s.lower[start - 1].as_str();
            let ok_link = match link {
                "and" | "&" => true,
                "," => joined_by_and,
                _ => false,
            };
            if !ok_link {
                break;
            }
            let Some(mj) = s.mention_of[start - 2] else {
                break;
            };
            let m = &s.mentions[mj];
            let before = m.start.checked_sub(1).map(|b| s.upos(b));
            if matches!(before, Some(Upos::Adp | Upos::Verb | Upos::Aux)) {
                break;
            }
            joined_by_and |= matches!(link, "and" | "&");
            found.push(mj);
            start = m.start;
        }
        if !joined_by_and {
            continue;
        }
        for mj in found {
            if !v.contains(&mj) {
                v.push(mj);
            }
        }
    }
    v.sort_by_key(|&x| (s.mentions[x].start, x));
    v
}

fn verb_sources_tree(s: &Sentence, t: usize, depth: usize) -> (Vec<usize>, f64) {
    if depth > 4 {
        return (Vec::new(), 0.0);
    }
    if is_passive(s, t) {
        for c in s.kids(t, "obl").chain(s.kids(t, "obl:agent")) {
            if s.kids(c, "case").any(|k| s.lower[k] == "by") {
                let v = mentions_for(s, c, true);
                if !v.is_empty() {
                    return (v, 0.85);
                }
            }
        }
        return (Vec::new(), 0.0);
    }
    let subs: Vec<usize> = s.children[t]
        .iter()
        .copied()
        .filter(|&c| matches!(s.deprel[c], "nsubj" | "csubj"))
        .collect();
    // Parsers sometimes attach a date as a second subject ("said Sunday that Russia seized"):
    // the subject nearest the verb that names an actor wins.
    for &sub in subs.iter().rev() {
        let v = mentions_for(s, sub, true);
        if !v.is_empty() {
            return (v, 0.9);
        }
    }
    if let Some(&sub) = subs.last() {
        // A relative pronoun subject ("Russia, which annexed Crimea") stands for the noun the
        // clause modifies.
        if matches!(s.lower[sub].as_str(), "which" | "who" | "that") && s.deprel[t] == "acl:relcl" {
            if let Some(h) = s.head[t] {
                return (mentions_for(s, h, false), 0.8);
            }
        }
        if !matches!(s.upos(sub), Upos::Propn | Upos::Num) || subs.len() == 1 {
            return (Vec::new(), 0.0);
        }
    }
    // "for Xi to reciprocate", "for him [Xi] to go": the subject of an infinitive
    // introduced by "for".
    if let Some(mk) = s.kids(t, "mark").find(|&m| s.lower[m] == "to") {
        let mut k = mk;
        if k >= 1 && s.lower[k - 1] == "]" {
            while k >= 1 && s.lower[k - 1] != "[" {
                k -= 1;
            }
            k = k.saturating_sub(1);
        }
        if k >= 1 {
            if let Some(mi) = s.mention_of[k - 1] {
                if s.mentions[mi].start >= 1 && s.lower[s.mentions[mi].start - 1] == "for" {
                    return (vec![mi], 0.8);
                }
            }
        }
    }
    let Some(h) = s.head[t] else {
        return (Vec::new(), 0.0);
    };
    match s.deprel[t] {
        // A light verb parsed as a copula or auxiliary shares its head's subject.
        "cop" | "aux" => verb_sources(s, h, depth + 1),
        // Raising: "Wang Yi is expected to visit", "the leaders are set to meet".
        "xcomp" if is_passive(s, h) || s.kids(h, "nsubj:pass").next().is_some() => {
            let mut v: Vec<usize> = s
                .kids(h, "nsubj:pass")
                .flat_map(|c| mentions_for(s, c, true))
                .collect();
            if v.is_empty() {
                v.extend(adjacent_subject(s, h));
            }
            if v.is_empty() {
                verb_sources(s, h, depth + 1)
            } else {
                (v, 0.85)
            }
        }
        "xcomp" | "conj" => {
            let (v, c) = verb_sources(s, h, depth + 1);
            (v, c * 0.95)
        }
        // Adverbial clauses without a subject share the main clause's: "went to Beijing to
        // meet Xi", "left without signing anything", "reciprocate by visiting".
        "advcl"
            if s.tags[t].xpos == "VBG"
                || s.kids(t, "mark").all(|m| {
                    matches!(
                        s.lower[m].as_str(),
                        "to" | "by"
                            | "without"
                            | "after"
                            | "before"
                            | "while"
                            | "when"
                            | "upon"
                            | "in"
                    )
                }) =>
        {
            let (v, c) = verb_sources(s, h, depth + 1);
            (v, c * 0.9)
        }
        "acl" | "acl:relcl" if matches!(s.upos(h), Upos::Noun | Upos::Propn) => {
            let v = mentions_for(s, h, false);
            // "In addition to sending troops, China ...": a clause on an adverbial phrase
            // shares the subject of the verb that phrase modifies.
            match (v.is_empty(), s.deprel[h], s.head[h]) {
                (true, "obl", Some(g)) => {
                    let (v, c) = verb_sources(s, g, depth + 1);
                    (v, c * 0.85)
                }
                _ => (v, 0.75),
            }
        }
        _ => (Vec::new(), 0.0),
    }
}

/// Verbs that take a stance on a deed named by their object rather than perform it.
const ATTITUDE_VERBS: &[&str] = &[
    "oppose",
    "condemn",
    "criticize",
    "criticise",
    "denounce",
    "protest",
    "welcome",
    "praise",
    "deplore",
    "decry",
    "slam",
    "reject",
    "fear",
    "question",
    "regret",
    "resent",
    "hail",
];

/// Verbs that report what their subject said or stressed.
const REPORTING_VERBS: &[&str] = &[
    "say",
    "stress",
    "emphasize",
    "emphasise",
    "note",
    "declare",
    "state",
    "hail",
    "affirm",
    "reaffirm",
    "underline",
    "underscore",
    "add",
    "tell",
];

/// Sources of a noun trigger: possessor, actor modifier, "by" phrase, or the subject of the
/// verb that governs it ("Kim made a visit").
fn noun_sources(s: &Sentence, t: usize) -> (Vec<usize>, f64) {
    for &c in &s.children[t] {
        if s.deprel[c] == "nmod:poss" {
            let v = mentions_for(s, c, true);
            if !v.is_empty() {
                return (v, 0.85);
            }
        }
    }
    // Actor modifiers: "Chinese sanctions", and all of "Trump-Kim summit".
    let mods: Vec<usize> = s.children[t]
        .iter()
        .copied()
        .filter(|&c| c < t && matches!(s.deprel[c], "amod" | "compound"))
        .filter_map(|c| s.mention_of[c])
        .collect();
    let mut mods_dedup: Vec<usize> = Vec::new();
    for m in mods {
        if !mods_dedup.contains(&m) {
            mods_dedup.push(m);
        }
    }
    if !mods_dedup.is_empty() {
        return (mods_dedup, 0.75);
    }
    // The trigger's own premodifying mention ("the Chinese foreign minister's trip" is
    // covered above; "U.S. sanctions" may be parsed flat).
    if t > 0 {
        if let Some(mi) = s.mention_of[t - 1] {
            if s.mentions[mi].end == t {
                return (vec![mi], 0.7);
            }
        }
    }
    for &c in &s.children[t] {
        if s.deprel[c] == "nmod" && s.kids(c, "case").any(|k| s.lower[k] == "by") {
            let v = mentions_for(s, c, true);
            if !v.is_empty() {
                return (v, 0.8);
            }
        }
    }
    // "Xi stressed that the friendly traditions … are a treasure": the speaker of the clause
    // the noun is the subject of.
    if let Some(h) = predicate_of(s, t) {
        if let (Some(g), "ccomp") = (s.head[h], s.deprel[h]) {
            if s.upos(g) == Upos::Verb && REPORTING_VERBS.contains(&s.lemmas[g].as_str()) {
                let (v, c) = verb_sources(s, g, 1);
                return (v, c * 0.8);
            }
        }
    }
    if let Some(h) = s.head[t] {
        // "Kim made a visit", "Trump announces withdrawal from the deal". Who opposes,
        // condemns or welcomes a deed is not its doer: "Russia opposed the deployment of U.S.
        // missiles" is not a Russian deployment.
        if matches!(s.deprel[t], "obj" | "xcomp")
            && s.upos(h) == Upos::Verb
            && !ATTITUDE_VERBS.contains(&s.lemmas[h].as_str())
        {
            let (v, c) = verb_sources(s, h, 1);
            return (v, c * 0.9);
        }
    }
    (Vec::new(), 0.0)
}

/// Turns a match into events: one per (source, target) pair.
fn attribute(s: &Sentence, t: usize, pi: usize, m: &Match, set: &PatternSet) -> Vec<RawEvent> {
    let p = &set.patterns[pi];
    let (refusals, restrictions) = (&set.refusals, &set.restrictions);
    let (mut sources, mut conf) = match (m.source, p.pos) {
        (Some(a), _) => (vec![a], 0.75),
        (None, TriggerPos::Verb) => verb_sources(s, t, 0),
        (None, TriggerPos::Noun) => noun_sources(s, t),
    };
    let mut targets = m.targets.clone();
    if debug() {
        eprintln!(
            "attribute {} sources {:?} targets {:?}",
            p.id, sources, targets
        );
    }
    let has_target_slot = p.elems.iter().any(|e| matches!(e, Elem::Target));
    if p.pos == TriggerPos::Verb && is_passive(s, t) && p.object_target() {
        // "Ukrainian ships were seized by Russia": the passive subject is the target.
        let subj: Vec<usize> = s
            .kids(t, "nsubj:pass")
            .flat_map(|c| mentions_for(s, c, true))
            .collect();
        if !subj.is_empty() {
            targets = subj;
        }
    }
    // A reciprocal event with two parties in its subject ("the two leaders met at the hotel")
    // needs no target from elsewhere.
    if !has_target_slot && targets.is_empty() && !(p.symmetric && sources.len() >= 2) {
        targets = implicit_targets(s, t, p, m, &sources);
    }
    // Reciprocal events: "X and Y met", "talks between X and Y". Agreement, consultation and
    // cooperation between coordinated subjects are reciprocal too: "Moon and Kim agreed to
    // halt hostile acts".
    // Only agreement to do something is joint ("agreed to halt"); agreeing to a thing ("may not
    // agree to it") is each side's own consent.
    let joint_verb = s.children[t]
        .iter()
        .any(|&c| matches!(s.deprel[c], "xcomp" | "ccomp"));
    let reciprocal = p.symmetric
        || (targets.is_empty()
            && sources.len() == 2
            && (p.plover.as_deref() == Some("CONSULT")
                || (matches!(p.plover.as_deref(), Some("AGREE" | "COOPERATE")) && joint_verb)));
    if reciprocal {
        if targets.is_empty() && sources.len() >= 2 {
            targets = vec![sources[1]];
            sources.truncate(1);
        } else if sources.is_empty() && m.targets.len() >= 2 {
            sources = vec![targets[0]];
            targets = targets[1..].to_vec();
            conf = 0.8;
        }
    }
    // A reciprocal event needs two parties: "Kim met" alone is not an event between actors.
    if sources.is_empty()
        || (has_target_slot && targets.is_empty())
        || (p.symmetric && targets.is_empty())
    {
        return Vec::new();
    }
    let (fact, cue_token) = factuality_at(s, t);
    // Refusing to yield is an event of its own in CAMEO (124): "was not willing to lift
    // sanctions" is a rejection, not a concession that did not happen.
    let (pi, fact) = match (fact, refusals.get(&pi)) {
        ("negated", Some(&r)) => (r, "asserted"),
        _ => (pi, fact),
    };
    // Trade or aid that is banned, cut or capped is a sanction: "ban exports to North Korea".
    let pi = match restrictions.get(&pi) {
        Some(&r) if restricted(s, t) => r,
        _ => pi,
    };
    let (fact, cue_token) = if performed_by_announcement(s, t, &set.patterns[pi], fact, cue_token) {
        ("asserted", None)
    } else {
        (fact, cue_token)
    };
    let cue = cue_token.map(|c| s.words[c].clone()).unwrap_or_default();
    let mut out = Vec::new();
    let tlist: Vec<Option<usize>> = if targets.is_empty() {
        vec![None]
    } else {
        targets.iter().map(|&x| Some(x)).collect()
    };
    for &src in &sources {
        for &tg in &tlist {
            let sm = &s.mentions[src];
            if let Some(tg) = tg {
                let tm = &s.mentions[tg];
                // Within one state only distinct institutions act on each other ("Saudi
                // authorities detained activists"); "China" acting on "Beijing" is noise.
                if tg == src
                    || (tm.code == sm.code
                        && (tm.sector == sm.sector || tm.sector.is_empty() || sm.sector.is_empty()))
                {
                    continue;
                }
            }
            let mut c = conf;
            if sm.kind == MentionKind::Adjectival {
                c *= 0.8;
            }
            if !m.object_target && tg.is_some() {
                c *= 0.95;
            }
            out.push(RawEvent {
                trigger: t,
                pattern: pi,
                source: src,
                target: tg,
                confidence: c.clamp(0.05, 0.99),
                factuality: fact,
                cue: cue.clone(),
                cue_token,
                words: m.words.clone(),
            });
        }
    }
    out
}

/// Whether an acceptance or a rejection announced for the future is performed by the
/// announcement itself: "Trump announced that the United States will withdraw from the deal"
/// is the rejection, made that day, though the withdrawal takes effect later. Only verbal acts
/// of accepting and rejecting are performed so; "announced that it will expel the ambassador"
/// still announces an expulsion to come.
fn performed_by_announcement(
    s: &Sentence,
    t: usize,
    p: &Pattern,
    fact: &str,
    cue: Option<usize>,
) -> bool {
    if fact != "future" || !matches!(p.plover.as_deref(), Some("REJECT" | "AGREE")) {
        return false;
    }
    let Some(c) = cue else { return false };
    if !matches!(s.lower[c].as_str(), "will" | "shall" | "'ll") || s.head[c] != Some(t) {
        return false;
    }
    // A relative clause under a verb is a complement clause the parser misread ("announcing
    // today that the United States will withdraw").
    s.head[t].is_some_and(|h| {
        matches!(s.deprel[t], "ccomp" | "parataxis" | "acl:relcl")
            && s.upos(h) == Upos::Verb
            && matches!(s.lemmas[h].as_str(), "announce" | "declare" | "proclaim")
    })
}

/// The target of a pattern without `{target}`, read from the words it matched: the passive
/// subject ("two ships were seized"), the actor inside the object noun phrase ("expelled
/// Canada's ambassador", "shot down a fighter of the Pakistan Air Force"), or an actor in a
/// prepositional complement of the trigger or its object ("recalled its envoy to Ottawa",
/// "called for Russia to restore access").
fn implicit_targets(
    s: &Sentence,
    t: usize,
    p: &Pattern,
    m: &Match,
    sources: &[usize],
) -> Vec<usize> {
    // The source named again ("North Korea carried out its test") is not a target.
    let not_source = |v: Vec<usize>| -> Vec<usize> {
        v.into_iter()
            .filter(|&x| {
                !sources.contains(&x)
                    && !sources.iter().any(|&y| {
                        let (a, b) = (&s.mentions[y], &s.mentions[x]);
                        a.code == b.code
                            && (a.sector == b.sector || a.sector.is_empty() || b.sector.is_empty())
                    })
            })
            .collect()
    };
    if p.pos == TriggerPos::Verb && is_passive(s, t) {
        let v = not_source(
            s.kids(t, "nsubj:pass")
                .flat_map(|c| mentions_for(s, c, true))
                .collect(),
        );
        if !v.is_empty() {
            return v;
        }
    }
    // The last fixed word, if it is a noun the trigger governs ("expel ambassador").
    let mut heads: Vec<usize> = Vec::new();
    if let Some(&w) = m.words.last() {
        if let Some(mi) = s.mention_of[w] {
            let v = not_source(vec![mi]);
            if !v.is_empty() {
                return v;
            }
        }
        heads.push(w);
    }
    if p.pos == TriggerPos::Verb {
        heads.extend(s.kids(t, "obj"));
    }
    heads.push(t);
    for h in heads {
        if h != t {
            let v = not_source(mentions_for(s, h, true));
            if !v.is_empty() {
                return v;
            }
        }
        for &c in &s.children[h] {
            if matches!(s.deprel[c], "obl" | "nmod")
                && s.kids(c, "case").any(|k| {
                    matches!(
                        s.lower[k].as_str(),
                        "to" | "against" | "with" | "for" | "from" | "toward" | "towards" | "of"
                    )
                })
            {
                let v = not_source(mentions_for(s, c, true));
                if !v.is_empty() {
                    return v;
                }
            }
        }
    }
    Vec::new()
}

/// Whether a pattern word matches token `j`: its lemma, its form, or its form without a plural
/// "s" (the treebank lemmatises some plurals as themselves: "troops").
fn word_matches(alt: &str, s: &Sentence, j: usize) -> bool {
    let w = &s.lower[j];
    alt == s.lemmas[j]
        || alt == w
        || w.strip_suffix('s').is_some_and(|x| x == alt)
        || w.strip_suffix("ies")
            .is_some_and(|x| alt.strip_suffix('y') == Some(x))
}

/// The actor named right before a verb's auxiliaries ("Wang Yi is expected"), for when the
/// parse attached the subject elsewhere. Not taken when a preposition governs the mention.
fn adjacent_subject(s: &Sentence, v: usize) -> Option<usize> {
    let mut k = v;
    while k > 0
        && (matches!(s.deprel[k - 1], "aux" | "aux:pass" | "advmod") || s.upos(k - 1) == Upos::Aux)
    {
        k -= 1;
    }
    let mi = s.mention_of[k.checked_sub(1)?]?;
    let m = &s.mentions[mi];
    let before = m.start.checked_sub(1).map(|b| s.upos(b));
    (m.end == k && before != Some(Upos::Adp)).then_some(mi)
}

/// The actor named right before a time phrase that stands right before a verb: "China on
/// Tuesday banned", "Russia, on Sunday, seized". Parsers often take the date for the subject
/// or hang the verb off the actor, and the actor is then lost.
fn subject_before_time(s: &Sentence, v: usize) -> Option<usize> {
    let mut k = v;
    while k > 0
        && (matches!(s.deprel[k - 1], "aux" | "aux:pass" | "advmod") || s.upos(k - 1) == Upos::Aux)
    {
        k -= 1;
    }
    s.mentions.iter().enumerate().rev().find_map(|(mi, m)| {
        let before = m.start.checked_sub(1).map(|b| s.upos(b));
        (m.end < k && time_phrase_end(s, m.end) == Some(k) && before != Some(Upos::Adp))
            .then_some(mi)
    })
}

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan.",
    "feb.",
    "aug.",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
];

/// Words that name a day on their own.
const DAY_WORDS: &[&str] = &["today", "yesterday", "tonight", "tomorrow"];

/// Words that open or join a time phrase ("on", "earlier this", "late on").
const TIME_FUNCTION_WORDS: &[&str] = &[
    "on", "in", "at", "during", "over", "last", "this", "next", "earlier", "later", "early",
    "late", "the", "mid", "same", "that", "of", ",",
];

/// Units that make a time phrase with a deictic word ("last week", "earlier this month").
const TIME_UNITS: &[&str] = &[
    "week",
    "weekend",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "day",
];

/// The end of a time phrase starting at `j` ("on Tuesday", ", on Sunday,", "earlier this
/// month", "late on Friday night"), if one starts there. A phrase needs a word that names a
/// time: a weekday, a capitalised month, a year, "today", or a unit after "last", "this",
/// "next", "earlier" or "later".
fn time_phrase_end(s: &Sentence, j: usize) -> Option<usize> {
    let mut k = j;
    let mut last_content = None;
    let mut anchored = false;
    let mut deictic = false;
    while k < s.len() && k < j + 8 {
        let w = s.lower[k].as_str();
        let capitalised = s.words[k].chars().next().is_some_and(char::is_uppercase);
        let year =
            w.len() == 4 && w.starts_with(['1', '2']) && w.chars().all(|c| c.is_ascii_digit());
        if WEEKDAYS.contains(&w)
            || DAY_WORDS.contains(&w)
            || year
            || (capitalised && MONTHS.contains(&w))
        {
            anchored = true;
            last_content = Some(k);
        } else if TIME_UNITS.contains(&w) {
            anchored |= deictic;
            last_content = Some(k);
        } else if s.upos(k) == Upos::Num && w.len() <= 4 {
            last_content = Some(k);
        } else if TIME_FUNCTION_WORDS.contains(&w) {
            deictic |= matches!(w, "last" | "this" | "next" | "earlier" | "later" | "same");
        } else {
            break;
        }
        k += 1;
    }
    if !anchored {
        return None;
    }
    let mut end = last_content? + 1;
    // A comma closing the phrase belongs to it: "Russia, on Sunday, seized".
    if end < s.len() && s.lower[end] == "," && j < s.len() && s.lower[j] == "," {
        end += 1;
    }
    Some(end)
}

/// The other half of a pair mention: the adjacent pair mention ("the two | leaders") or the
/// one on the same word ("they").
fn pair_partners(s: &Sentence, mi: usize) -> Vec<usize> {
    let m = &s.mentions[mi];
    if m.kind != MentionKind::Pair {
        return Vec::new();
    }
    s.mentions
        .iter()
        .enumerate()
        .filter(|(mj, o)| {
            *mj != mi
                && o.kind == MentionKind::Pair
                && (o.end == m.start || o.start == m.end || (o.start == m.start && o.end == m.end))
        })
        .map(|(mj, _)| mj)
        .collect()
}

/// Verbs that restrict what they govern.
const RESTRICTING: &[&str] = &[
    "ban", "cap", "cut", "halt", "restrict", "limit", "curb", "freeze", "suspend", "block", "stop",
    "end", "squeeze", "reduce", "prohibit", "embargo", "bar",
];

/// Whether the trigger is what a restricting verb acts on, directly or through one noun:
/// "ban exports", "ban 90 per cent of exports".
fn restricted(s: &Sentence, t: usize) -> bool {
    let mut x = t;
    for _ in 0..3 {
        let Some(h) = s.head[x] else { return false };
        if RESTRICTING.contains(&s.lemmas[h].as_str())
            && matches!(s.upos(h), Upos::Verb | Upos::Noun)
        {
            return true;
        }
        if !matches!(s.deprel[x], "obj" | "nmod" | "compound" | "conj") {
            return false;
        }
        x = h;
    }
    false
}

/// The actors a noun phrase starting at `pos` stands for, through its head noun: the owner in
/// its modifiers or its "of" complement.
fn np_targets(s: &Sentence, pos: usize) -> Vec<usize> {
    let mut j = pos;
    while j < s.len() && j < pos + 6 && !matches!(s.upos(j), Upos::Noun | Upos::Propn) {
        if matches!(
            s.upos(j),
            Upos::Verb | Upos::Aux | Upos::Sconj | Upos::Cconj | Upos::Adp | Upos::Part
        ) || s.lower[j] == ","
        {
            return Vec::new();
        }
        j += 1;
    }
    if j >= s.len() || j >= pos + 6 {
        return Vec::new();
    }
    // Climb from the first noun to the head of its phrase.
    let mut h = j;
    for _ in 0..4 {
        match s.head[h] {
            Some(g)
                if g > h && matches!(s.deprel[h], "compound" | "flat" | "amod" | "nmod:poss") =>
            {
                h = g
            }
            _ => break,
        }
    }
    let v = mentions_for(s, h, true);
    if !v.is_empty() || !HOSTED_NOUNS.contains(&s.lemmas[h].as_str()) {
        return v;
    }
    // What is deployed somewhere concerns the state that hosts it: "opposed the deployment of
    // THAAD in South Korea" is an objection addressed to South Korea.
    s.children[h]
        .iter()
        .copied()
        .filter(|&c| {
            s.deprel[c] == "nmod"
                && s.kids(c, "case")
                    .any(|k| matches!(s.lower[k].as_str(), "in" | "on" | "to" | "into"))
        })
        .flat_map(|c| mentions_for(s, c, true))
        .collect()
}

/// Nouns for military presence placed in a host state.
const HOSTED_NOUNS: &[&str] = &[
    "deployment",
    "stationing",
    "installation",
    "placement",
    "presence",
    "buildup",
    "build-up",
];

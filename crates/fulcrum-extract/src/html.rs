//! HTML pages: metadata (title, dates, site name) from `<meta>`, JSON-LD, `<time>` and the URL;
//! the article body from the element with the most paragraph text and the least link text, after
//! removing chrome subtrees (navigation, share widgets, comments, related lists, footers).
//!
//! Every walk over the tree is iterative (ego_tree's `traverse`, or an explicit stack), and the
//! page's nesting is bounded before parsing (see [`crate::depth`]), so no page can overflow the
//! stack or make the parser quadratic.

use std::collections::{HashMap, HashSet};

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::{Html, Node};

use crate::assemble::{classify_line, refine_body, Builder, LineClass, Role};
use crate::cues;
use crate::dates;
use crate::{BlockKind, Document};

type NRef<'a> = NodeRef<'a, Node>;

/// Elements laid out inside a line of text.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    "img", "label", "del", "ins", "nobr", "tt", "big", "strike", "acronym", "output", "meter",
    "progress", "ruby", "rt", "rp",
];

/// Elements whose whole text is one block.
const ALWAYS_LEAF: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "pre"];

/// Elements whose text is one block unless they hold blocks themselves (`<li><p>..</p></li>`).
const LEAF_UNLESS_NESTED: &[&str] = &[
    "li",
    "dt",
    "dd",
    "td",
    "th",
    "caption",
    "blockquote",
    "address",
    "summary",
];

/// Elements that never hold article text.
const JUNK_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "canvas",
    "iframe",
    "nav",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "input",
    "textarea",
    "object",
    "embed",
    "map",
    "dialog",
    "menu",
    "video",
    "audio",
    "head",
    "title",
    "link",
    "meta",
    "math",
    "frameset",
    "frame",
    "applet",
    "amp-ad",
    "amp-analytics",
    "amp-sidebar",
    "amp-social-share",
];

/// ARIA roles of page furniture.
const JUNK_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "dialog",
    "alert",
    "toolbar",
];

/// Class or id words that mark chrome wherever they appear.
const STRONG_NEGATIVE: &[&str] = &[
    "share",
    "sharing",
    "shares",
    "social",
    "sharebar",
    "related",
    "comment",
    "comments",
    "disqus",
    "newsletter",
    "promo",
    "promotion",
    "promoted",
    "advert",
    "advertisement",
    "advertising",
    "sponsor",
    "sponsored",
    "footer",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "outbrain",
    "taboola",
    "cookie",
    "cookies",
    "tags",
    "taglist",
    "keywords",
    "widget",
    "recirc",
    "recirculation",
    "recommended",
    "recommendations",
    "trending",
    "popular",
    "mostread",
    "subscribe",
    "subscription",
    "signup",
    "paywall",
    "modal",
    "popup",
    "overlay",
    "toolbar",
    "pagination",
    "pager",
    "skip",
    "rss",
    "follow",
    "login",
    "masthead",
];

/// Class or id words that mark chrome unless a positive word says otherwise.
const WEAK_NEGATIVE: &[&str] = &[
    "ad", "ads", "adslot", "more", "header", "hidden", "bio", "teaser", "teasers", "banner",
    "print", "extra", "links",
];

/// Class or id words of article containers.
const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "story", "text", "prose", "copy",
];

/// Substrings that mark chrome inside compound class names ("shareButtons", "relatedLinks").
const NEGATIVE_SUBSTRINGS: &[&str] = &[
    "share",
    "social",
    "related",
    "newsletter",
    "promo",
    "breadcrumb",
    "sidebar",
    "outbrain",
    "taboola",
    "advert",
    "cookie",
    "navbar",
];

const STANDFIRST_WORDS: &[&str] = &[
    "standfirst",
    "dek",
    "deck",
    "subtitle",
    "subheadline",
    "summary",
    "lede",
    "intro",
    "excerpt",
    "strapline",
    "description",
    "synopsis",
    "kicker-summary",
];
const BYLINE_WORDS: &[&str] = &[
    "byline",
    "author",
    "authors",
    "writer",
    "contributor",
    "reporter",
    "byl",
];
const DATE_WORDS: &[&str] = &[
    "date",
    "time",
    "timestamp",
    "published",
    "pubdate",
    "updated",
    "posted",
    "datetime",
    "publish",
];
const CAPTION_WORDS: &[&str] = &["caption", "figcaption", "cutline", "legend"];
const CREDIT_WORDS: &[&str] = &[
    "credit",
    "credits",
    "copyright",
    "photographer",
    "attribution",
    "source",
];

fn tokens(el: &Element) -> Vec<String> {
    let mut s = String::new();
    for c in el.classes() {
        s.push_str(c);
        s.push(' ');
    }
    for a in ["id", "itemprop", "rel", "data-component", "data-type"] {
        if let Some(v) = el.attr(a) {
            s.push_str(v);
            s.push(' ');
        }
    }
    s.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn compound(el: &Element) -> String {
    let mut s = el.classes().collect::<Vec<_>>().join(" ");
    if let Some(id) = el.attr("id") {
        s.push(' ');
        s.push_str(id);
    }
    s.to_ascii_lowercase()
}

fn has_any(tokens: &[String], words: &[&str]) -> bool {
    tokens.iter().any(|t| words.contains(&t.as_str()))
}

/// Structural facts about each element, computed in one iterative pass.
#[derive(Default)]
struct Facts {
    /// Number of `<p>` descendants, for elements with any.
    paragraphs: HashMap<NodeId, u32>,
    /// Elements that have a block-level element inside them.
    holds_blocks: HashSet<NodeId>,
}

fn facts(root: NRef<'_>) -> Facts {
    let mut f = Facts::default();
    let mut stack: Vec<(u32, bool)> = Vec::new();
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) if n.value().is_element() => stack.push((0, false)),
            Edge::Close(n) => {
                let Some(el) = n.value().as_element() else {
                    continue;
                };
                let (mut count, blocks) = stack.pop().unwrap_or((0, false));
                if count > 0 {
                    f.paragraphs.insert(n.id(), count);
                }
                if blocks {
                    f.holds_blocks.insert(n.id());
                }
                let name = el.name();
                if name == "p" {
                    count += 1;
                }
                if let Some(top) = stack.last_mut() {
                    top.0 += count;
                    top.1 |= blocks || !INLINE.contains(&name);
                }
            }
            _ => {}
        }
    }
    f
}

/// Decides whether an element's subtree is chrome: by tag, ARIA role, hidden state, and
/// class/id words. A subtree with many paragraphs and a positive word ("article-body") is kept
/// whatever else its class says, so one odd class name cannot drop a whole article.
fn is_junk(el: &Element, id: NodeId, in_article: bool, facts: &Facts) -> bool {
    let name = el.name();
    if matches!(name, "html" | "body" | "main") {
        return false;
    }
    if JUNK_TAGS.contains(&name) {
        return true;
    }
    if name == "header" && !in_article {
        return true;
    }
    if el
        .attr("role")
        .is_some_and(|r| JUNK_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
    {
        return true;
    }
    if el.attr("aria-hidden") == Some("true") || el.attr("hidden").is_some() {
        return true;
    }
    if el.attr("style").is_some_and(|s| {
        let s: String = s
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        s.contains("display:none") || s.contains("visibility:hidden")
    }) {
        return true;
    }
    let toks = tokens(el);
    let positive = has_any(&toks, POSITIVE) || name == "article";
    let big = facts.paragraphs.get(&id).copied().unwrap_or(0) >= 5;
    if positive && big {
        return false;
    }
    let comp = compound(el);
    let strong = has_any(&toks, STRONG_NEGATIVE)
        || NEGATIVE_SUBSTRINGS.iter().any(|s| comp.contains(s))
        || comp.contains("comment") && !comp.contains("commentary");
    strong || (has_any(&toks, WEAK_NEGATIVE) && !positive)
}

/// Hints inherited from an element and its ancestors' class names.
#[derive(Debug, Clone, Copy, Default)]
struct Hints {
    standfirst: bool,
    byline: bool,
    date: bool,
    caption: bool,
    credit: bool,
}

impl Hints {
    fn with(mut self, el: &Element) -> Hints {
        let toks = tokens(el);
        let comp = compound(el);
        self.standfirst |= has_any(&toks, STANDFIRST_WORDS);
        self.byline |= has_any(&toks, BYLINE_WORDS) || el.attr("rel") == Some("author");
        self.date |= has_any(&toks, DATE_WORDS) || el.name() == "time";
        self.caption |=
            has_any(&toks, CAPTION_WORDS) || comp.contains("caption") || el.name() == "figcaption";
        self.credit |= has_any(&toks, CREDIT_WORDS) || comp.contains("credit");
        self
    }
}

/// A block of text found in the page.
#[derive(Debug)]
struct HBlock {
    /// Tag of the leaf element, or "#text" for loose text inside a container.
    tag: String,
    text: String,
    /// Non-space characters, in all and inside links, for link density.
    chars: usize,
    link_chars: usize,
    /// The element whose score the block feeds: the leaf's parent, or the container itself.
    parent: NodeId,
    hints: Hints,
    /// A photo credit marked up separately inside a caption.
    credit: Option<String>,
}

impl HBlock {
    fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// Collapses HTML whitespace runs into one space (keeping no-break spaces, which are text).
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    cues::trim(&out).to_string()
}

struct Gathered {
    text: String,
    chars: usize,
    link_chars: usize,
    credit: Option<String>,
}

/// Gathers the text of the given nodes (one leaf element, or a run of inline siblings), skipping
/// chrome inside them and setting aside credits marked up inside captions.
fn gather(nodes: &[NRef<'_>], in_caption: bool, in_article: bool, facts: &Facts) -> Gathered {
    let mut text = String::new();
    let mut credit = String::new();
    let (mut chars, mut link_chars) = (0usize, 0usize);
    for &start in nodes {
        let mut skip: Option<NodeId> = None;
        let mut links = 0usize;
        let mut credit_depth: Option<NodeId> = None;
        for edge in start.traverse() {
            match edge {
                Edge::Open(n) => {
                    if skip.is_some() {
                        continue;
                    }
                    match n.value() {
                        Node::Text(t) => {
                            let buf = if credit_depth.is_some() {
                                &mut credit
                            } else {
                                &mut text
                            };
                            buf.push_str(t);
                            let nonspace = t.chars().filter(|c| !c.is_whitespace()).count();
                            chars += nonspace;
                            if links > 0 {
                                link_chars += nonspace;
                            }
                        }
                        Node::Element(el) => {
                            let name = el.name();
                            if n.id() != start.id()
                                && is_junk(el, n.id(), in_article, facts)
                                && name != "header"
                            {
                                skip = Some(n.id());
                                continue;
                            }
                            if name == "a" {
                                links += 1;
                            }
                            if in_caption
                                && credit_depth.is_none()
                                && n.id() != start.id()
                                && Hints::default().with(el).credit
                            {
                                credit_depth = Some(n.id());
                                credit.push(' ');
                            }
                            if name == "br" || !INLINE.contains(&name) {
                                text.push(' ');
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(n) => {
                    if skip == Some(n.id()) {
                        skip = None;
                        continue;
                    }
                    if skip.is_some() {
                        continue;
                    }
                    if let Some(el) = n.value().as_element() {
                        if el.name() == "a" {
                            links = links.saturating_sub(1);
                        }
                        if credit_depth == Some(n.id()) {
                            credit_depth = None;
                        }
                        if !INLINE.contains(&el.name()) {
                            text.push(' ');
                        }
                    }
                }
            }
        }
    }
    let credit = collapse(&credit);
    Gathered {
        text: collapse(&text),
        chars,
        link_chars,
        credit: (!credit.is_empty()).then_some(credit),
    }
}

enum Work<'a> {
    Visit(NRef<'a>, bool, Hints),
    Run(Vec<NRef<'a>>, NodeId, bool, Hints),
}

/// Walks the body in document order with an explicit stack, returning the text blocks outside
/// chrome subtrees and the text of the chrome subtrees dropped (for inspection).
fn collect_blocks<'a>(body: NRef<'a>, facts: &Facts) -> (Vec<HBlock>, Vec<String>) {
    let mut blocks = Vec::new();
    let mut dropped = Vec::new();
    let mut stack: Vec<Work<'a>> = vec![Work::Visit(body, false, Hints::default())];
    while let Some(work) = stack.pop() {
        match work {
            Work::Run(nodes, parent, in_article, hints) => {
                let g = gather(&nodes, hints.caption, in_article, facts);
                if !g.text.is_empty() || g.credit.is_some() {
                    blocks.push(HBlock {
                        tag: "#text".into(),
                        text: g.text,
                        chars: g.chars,
                        link_chars: g.link_chars,
                        parent,
                        hints,
                        credit: g.credit,
                    });
                }
            }
            Work::Visit(node, in_article, hints) => {
                let Some(el) = node.value().as_element() else {
                    continue;
                };
                let name = el.name();
                if is_junk(el, node.id(), in_article, facts) {
                    if !matches!(
                        name,
                        "script"
                            | "style"
                            | "noscript"
                            | "template"
                            | "svg"
                            | "head"
                            | "title"
                            | "link"
                            | "meta"
                    ) {
                        let g = gather(&[node], false, true, &Facts::default());
                        if !g.text.is_empty() {
                            dropped.push(g.text.chars().take(300).collect());
                        }
                    }
                    continue;
                }
                let hints = hints.with(el);
                let in_article = in_article || matches!(name, "article" | "main");
                let leaf = ALWAYS_LEAF.contains(&name)
                    || LEAF_UNLESS_NESTED.contains(&name)
                        && !facts.holds_blocks.contains(&node.id());
                if leaf {
                    let g = gather(
                        &[node],
                        hints.caption || name == "figcaption",
                        in_article,
                        facts,
                    );
                    if !g.text.is_empty() || g.credit.is_some() {
                        blocks.push(HBlock {
                            tag: name.to_string(),
                            text: g.text,
                            chars: g.chars,
                            link_chars: g.link_chars,
                            parent: node.parent().map_or(node.id(), |p| p.id()),
                            hints,
                            credit: g.credit,
                        });
                    }
                    continue;
                }
                // A container: loose inline content between its block children forms blocks of
                // its own (a double <br> also ends one), visited in document order.
                let mut items: Vec<Work<'a>> = Vec::new();
                let mut run: Vec<NRef<'a>> = Vec::new();
                let mut last_br = false;
                let flush = |run: &mut Vec<NRef<'a>>, items: &mut Vec<Work<'a>>| {
                    if run.iter().any(|n| match n.value() {
                        Node::Text(t) => !t.trim().is_empty(),
                        Node::Element(_) => true,
                        _ => false,
                    }) {
                        items.push(Work::Run(std::mem::take(run), node.id(), in_article, hints));
                    } else {
                        run.clear();
                    }
                };
                for child in node.children() {
                    match child.value() {
                        Node::Text(t) => {
                            if !t.trim().is_empty() {
                                last_br = false;
                            }
                            run.push(child);
                        }
                        Node::Element(ce) => {
                            let cname = ce.name();
                            if cname == "br" {
                                if last_br {
                                    flush(&mut run, &mut items);
                                } else {
                                    run.push(child);
                                }
                                last_br = true;
                            } else if INLINE.contains(&cname)
                                && !facts.holds_blocks.contains(&child.id())
                            {
                                if is_junk(ce, child.id(), in_article, facts) {
                                    flush(&mut run, &mut items);
                                    items.push(Work::Visit(child, in_article, hints));
                                } else {
                                    run.push(child);
                                }
                                last_br = false;
                            } else {
                                flush(&mut run, &mut items);
                                items.push(Work::Visit(child, in_article, hints));
                                last_br = false;
                            }
                        }
                        _ => {}
                    }
                }
                flush(&mut run, &mut items);
                stack.extend(items.into_iter().rev());
            }
        }
    }
    (blocks, dropped)
}

/// Whether a block counts as article prose for scoring: long enough, mostly not links.
fn is_prose(b: &HBlock) -> bool {
    matches!(
        b.tag.as_str(),
        "p" | "#text" | "pre" | "blockquote" | "dd" | "td" | "li"
    ) && b.text.chars().count() >= 25
        && b.link_density() < 0.5
        && !b.hints.caption
}

/// Chooses the elements that hold the article, readability-style: every prose block gives
/// points (one, plus one per comma, plus one per 100 characters up to three) to its parent, half
/// to its grandparent and a third or less further up; containers get a bonus or malus from their
/// tag and class words, and lose in proportion to their link density. The best container is
/// kept together with siblings that score at least a fifth as well, since some sites split the
/// body over several sibling elements.
fn choose_content(
    tree: &ego_tree::Tree<Node>,
    blocks: &[HBlock],
) -> Option<(HashSet<NodeId>, HashSet<usize>)> {
    let mut score: HashMap<NodeId, f32> = HashMap::new();
    let mut totals: HashMap<NodeId, (usize, usize)> = HashMap::new();
    for b in blocks {
        let mut node = tree.get(b.parent);
        let prose = is_prose(b);
        let points = 1.0
            + b.text.matches([',', '，']).count() as f32
            + (b.text.chars().count() as f32 / 100.0).floor().min(3.0);
        let mut level = 0usize;
        while let Some(n) = node {
            if !n.value().is_element() {
                break;
            }
            let t = totals.entry(n.id()).or_insert((0, 0));
            t.0 += b.chars;
            t.1 += b.link_chars;
            if prose && level < 5 {
                let share = match level {
                    0 => points,
                    1 => points / 2.0,
                    l => points / (l as f32 * 3.0),
                };
                *score.entry(n.id()).or_insert(0.0) += share;
            }
            level += 1;
            node = n.parent();
        }
    }
    let final_score = |id: NodeId, raw: f32| -> f32 {
        let Some(el) = tree.get(id).and_then(|n| n.value().as_element().cloned()) else {
            return 0.0;
        };
        let mut base = match el.name() {
            "div" | "article" => 5.0,
            "main" | "section" => 3.0,
            "pre" | "td" | "blockquote" => 3.0,
            "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        let toks = tokens(&el);
        if has_any(&toks, POSITIVE) {
            base += 25.0;
        }
        if has_any(&toks, STRONG_NEGATIVE) || has_any(&toks, WEAK_NEGATIVE) {
            base -= 25.0;
        }
        let (chars, links) = totals.get(&id).copied().unwrap_or((0, 0));
        let ld = if chars == 0 {
            0.0
        } else {
            links as f32 / chars as f32
        };
        (base + raw) * (1.0 - ld)
    };
    let scored: Vec<(NodeId, f32)> = score
        .iter()
        .map(|(&id, &raw)| (id, final_score(id, raw)))
        .collect();
    let &(top, top_score) = scored.iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
    let mut set = HashSet::new();
    let mut loose = HashSet::new();
    set.insert(top);
    let threshold = (top_score * 0.2).max(10.0);
    if let Some(parent) = tree.get(top).and_then(|n| n.parent()) {
        for sib in parent.children() {
            if sib.id() == top {
                continue;
            }
            if let Some(&raw) = score.get(&sib.id()) {
                if final_score(sib.id(), raw) >= threshold {
                    set.insert(sib.id());
                }
            }
        }
        // Loose prose paragraphs beside the best container belong to the article too.
        for (i, b) in blocks.iter().enumerate() {
            if b.parent == parent.id()
                && b.tag == "p"
                && b.text.chars().count() > 80
                && b.link_density() < 0.25
            {
                loose.insert(i);
            }
        }
    }
    Some((set, loose))
}

/// Whether `id` lies inside one of `set` (or is one of them).
fn inside(tree: &ego_tree::Tree<Node>, id: NodeId, set: &HashSet<NodeId>) -> bool {
    let mut node = tree.get(id);
    while let Some(n) = node {
        if set.contains(&n.id()) {
            return true;
        }
        node = n.parent();
    }
    false
}

/// Metadata found in the page head and JSON-LD.
#[derive(Default)]
struct Meta {
    og_title: Option<String>,
    doc_title: Option<String>,
    ld_headline: Option<String>,
    site_name: Option<String>,
    canonical: Option<String>,
    author: Option<String>,
}

/// Meta names that carry the first publication date.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "published_time",
    "publish_date",
    "publish-date",
    "publishdate",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.created",
    "dcterms.issued",
    "sailthru.date",
    "parsely-pub-date",
    "datepublished",
    "article.published",
    "article_date_original",
    "original-publish-date",
    "cxenseparse:recs:publishtime",
    "release_date",
    "displaydate",
    "date.available",
    "citation_publication_date",
    "citation_date",
    "pub_date",
];

fn collect_meta(root: NRef<'_>, b: &mut Builder) -> Meta {
    let mut m = Meta::default();
    let mut times: Vec<(bool, String)> = Vec::new();
    for n in root.descendants() {
        let Some(el) = n.value().as_element() else {
            continue;
        };
        match el.name() {
            "meta" => {
                let key = el
                    .attr("property")
                    .or_else(|| el.attr("name"))
                    .or_else(|| el.attr("itemprop"));
                let (Some(key), Some(content)) = (key, el.attr("content")) else {
                    continue;
                };
                let key = key.trim().to_ascii_lowercase();
                let content = content.trim();
                match key.as_str() {
                    "og:title" | "twitter:title" if m.og_title.is_none() && !content.is_empty() => {
                        m.og_title = Some(content.to_string())
                    }
                    "og:site_name" | "application-name" if m.site_name.is_none() => {
                        m.site_name = Some(content.to_string())
                    }
                    "og:url" if m.canonical.is_none() => m.canonical = Some(content.to_string()),
                    "author" | "article:author" | "byl" | "parsely-author" | "sailthru.author"
                        if m.author.is_none()
                            && !content.starts_with("http")
                            && !content.is_empty() =>
                    {
                        let name = content.trim_start_matches("By ").trim_start_matches("by ");
                        m.author = Some(name.to_string());
                    }
                    k if PUBLISHED_KEYS.contains(&k) => {
                        if let Some(d) = dates::parse_machine_date(content) {
                            b.candidate(d, &format!("meta {key}"), content, false);
                        }
                    }
                    _ => {}
                }
            }
            "link"
                if el
                    .attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                if let Some(h) = el.attr("href") {
                    m.canonical = Some(h.to_string());
                }
            }
            "title" if m.doc_title.is_none() => {
                let t = collapse(
                    &n.descendants()
                        .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
                        .collect::<String>(),
                );
                if !t.is_empty() {
                    m.doc_title = Some(t);
                }
            }
            "script"
                if el
                    .attr("type")
                    .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")) =>
            {
                let src: String = n
                    .children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .collect();
                json_ld(&src, &mut m, b);
            }
            "time" => {
                if let Some(dt) = el.attr("datetime") {
                    let toks = tokens(el);
                    let strong = el.attr("pubdate").is_some()
                        || toks
                            .iter()
                            .any(|t| t.contains("publish") || t == "datepublished");
                    times.push((strong, dt.to_string()));
                }
            }
            _ => {
                if el
                    .attr("itemprop")
                    .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
                {
                    if let Some(v) = el.attr("content").or_else(|| el.attr("datetime")) {
                        if let Some(d) = dates::parse_machine_date(v) {
                            b.candidate(d, "meta datePublished", v, false);
                        }
                    }
                }
            }
        }
    }
    // Prefer a <time> marked as the publication time; otherwise the first one in the page.
    times.sort_by_key(|t| !t.0);
    if let Some((_, dt)) = times.first() {
        if let Some(d) = dates::parse_machine_date(dt) {
            b.candidate(d, "time element", dt, false);
        }
    }
    m
}

/// Reads a JSON-LD block: the article's `datePublished`, `headline`, `author` and publisher
/// name. The walk over the JSON is iterative; serde_json refuses nesting beyond 128 levels.
fn json_ld(src: &str, m: &mut Meta, b: &mut Builder) {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(src.trim()) else {
        return;
    };
    let mut stack = vec![&value];
    let mut dates_found: Vec<(bool, String)> = Vec::new();
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Array(a) => stack.extend(a.iter().rev()),
            serde_json::Value::Object(o) => {
                let ty = o
                    .get("@type")
                    .map(|t| t.to_string().to_ascii_lowercase())
                    .unwrap_or_default();
                let article =
                    ty.contains("article") || ty.contains("posting") || ty.contains("report");
                if let Some(serde_json::Value::String(d)) = o.get("datePublished") {
                    dates_found.push((article, d.clone()));
                }
                if article {
                    if let (None, Some(serde_json::Value::String(h))) =
                        (&m.ld_headline, o.get("headline"))
                    {
                        m.ld_headline = Some(h.trim().to_string());
                    }
                    if m.author.is_none() {
                        m.author = ld_names(o.get("author"));
                    }
                    if m.site_name.is_none() {
                        if let Some(serde_json::Value::Object(p)) = o.get("publisher") {
                            if let Some(serde_json::Value::String(n)) = p.get("name") {
                                m.site_name = Some(n.clone());
                            }
                        }
                    }
                }
                stack.extend(o.values());
            }
            _ => {}
        }
    }
    dates_found.sort_by_key(|d| !d.0);
    if let Some((_, d)) = dates_found.first() {
        if let Some(date) = dates::parse_machine_date(d) {
            b.candidate(date, "json-ld datePublished", d, false);
        }
    }
}

fn ld_names(v: Option<&serde_json::Value>) -> Option<String> {
    let names: Vec<String> = match v? {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Object(o) => o
            .get("name")
            .and_then(|n| n.as_str())
            .map(str::to_string)
            .into_iter()
            .collect(),
        serde_json::Value::Array(a) => a
            .iter()
            .filter_map(|x| match x {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Object(o) => {
                    o.get("name").and_then(|n| n.as_str()).map(str::to_string)
                }
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let names: Vec<String> = names
        .into_iter()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    (!names.is_empty()).then(|| names.join(" and "))
}

/// Removes a site-name suffix or prefix from a page title: any part equal to the site name, and
/// the last part after " | " when it is short. Dashes are only cut at the site name, because
/// headlines use them ("Talks Stall - Analysts").
fn strip_site(title: &str, site: Option<&str>) -> String {
    let t = cues::trim(title);
    let site_n = site.map(cues::norm);
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " » "] {
        if let Some(site_n) = &site_n {
            if let Some((head, tail)) = t.rsplit_once(sep) {
                if cues::norm(tail) == *site_n
                    || site_n.contains(&cues::norm(tail)) && cues::word_count(tail) <= 4
                {
                    return strip_site(head, site);
                }
            }
            if let Some((head, tail)) = t.split_once(sep) {
                if cues::norm(head) == *site_n {
                    return strip_site(tail, site);
                }
            }
        }
    }
    if let Some((head, tail)) = t.rsplit_once(" | ") {
        if cues::word_count(tail) <= 4 && cues::word_count(head) >= 2 {
            return strip_site(head, site);
        }
    }
    t.to_string()
}

/// Picks the headline: the page's `<h1>` when it agrees with the metadata title (some sites put
/// their logo in an `<h1>`), otherwise `og:title`, the JSON-LD headline, or `<title>`, each
/// without the site name.
fn choose_title(h1: Option<&str>, m: &Meta) -> Option<String> {
    let site = m.site_name.as_deref();
    let metas: Vec<String> = [
        m.og_title.as_deref(),
        m.ld_headline.as_deref(),
        m.doc_title.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(|t| strip_site(t, site))
    .filter(|t| !t.is_empty())
    .collect();
    if let Some(h) = h1.map(cues::trim).filter(|h| cues::word_count(h) >= 2) {
        let hn = cues::norm(h);
        let agrees = metas.is_empty()
            || metas.iter().any(|t| {
                let tn = cues::norm(t);
                tn.contains(&hn) || hn.contains(&tn)
            });
        let is_site_name = site.is_some_and(|s| cues::norm(s) == hn);
        if agrees && !is_site_name {
            return Some(h.to_string());
        }
    }
    metas.into_iter().next().or_else(|| {
        h1.map(|h| cues::trim(h).to_string())
            .filter(|h| !h.is_empty())
    })
}

pub(crate) fn extract(html: &str, url_hint: Option<&str>) -> Document {
    let limited = crate::depth::limit_nesting(html);
    let page = Html::parse_document(&limited);
    let tree = &page.tree;
    let mut b = Builder::default();
    let root = tree.root();
    let meta = collect_meta(root, &mut b);
    let url = url_hint
        .map(str::to_string)
        .or_else(|| meta.canonical.clone());
    if let Some((d, t)) = url.as_deref().and_then(dates::url_date) {
        b.candidate(d, "url path", &t, false);
    }
    let body = root
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
        .unwrap_or(root);
    let facts = facts(body);
    let (blocks, dropped) = collect_blocks(body, &facts);
    for d in &dropped {
        b.boilerplate(d);
    }
    let h1 = blocks
        .iter()
        .find(|x| x.tag == "h1")
        .map(|x| x.text.clone());
    let title = choose_title(h1.as_deref(), &meta);
    if let Some(t) = &title {
        b.title = Some(t.clone());
        b.block(BlockKind::Title, t);
    }
    if let Some(a) = &meta.author {
        b.set_byline(a);
    }
    let content = choose_content(tree, &blocks);
    let caption_scope: Option<HashSet<NodeId>> = content.as_ref().map(|(set, _)| {
        set.iter()
            .filter_map(|&id| tree.get(id).and_then(|n| n.parent()).map(|p| p.id()))
            .chain(set.iter().copied())
            .collect()
    });
    let title_n = title.as_deref().map(cues::norm);
    let mut items: Vec<(Role, String)> = Vec::new();
    let mut seen_paragraph = false;
    let mut in_list = false;
    let mut standfirst_done = false;
    for (i, blk) in blocks.iter().enumerate() {
        let is_caption = blk.tag == "figcaption" || blk.hints.caption;
        let kept = match (&content, &caption_scope) {
            (Some((set, loose)), Some(scope)) => {
                loose.contains(&i)
                    || inside(tree, blk.parent, set)
                    || is_caption && inside(tree, blk.parent, scope)
            }
            _ => true,
        };
        if !kept {
            if blk.tag != "h1" {
                b.boilerplate(&blk.text);
            }
            continue;
        }
        if let Some(c) = &blk.credit {
            b.credit(c);
        }
        let text = blk.text.as_str();
        if text.is_empty() {
            continue;
        }
        if blk.tag == "h1" && title_n.as_deref() == Some(cues::norm(text).as_str()) {
            continue;
        }
        if blk.hints.byline && cues::word_count(text) <= 16 {
            // Bylines often share a line with the date: "By Jane Roe | June 14, 2021".
            for part in text
                .split(['|', '·', '•'])
                .map(cues::trim)
                .filter(|p| !p.is_empty())
            {
                if let Some((d, u)) = dates::printed_date_line(part) {
                    b.candidate(d, "printed date", part, u);
                } else if dates::full_dates(part).is_empty() {
                    b.set_byline(&cues::byline(part).unwrap_or_else(|| part.to_string()));
                }
            }
            b.boilerplate(text);
            continue;
        }
        if blk.hints.date && cues::word_count(text) <= 12 {
            if let Some(d) = dates::full_dates(text).first() {
                b.candidate(
                    d.date,
                    "printed date",
                    text,
                    cues::norm(text).contains("updated"),
                );
                b.boilerplate(text);
                continue;
            }
        }
        let class = classify_line(text);
        if matches!(class, LineClass::ListHeading) {
            in_list = true;
        }
        if b.absorb(&class, text) {
            continue;
        }
        if in_list {
            if cues::headline_like(text) || blk.tag == "li" || blk.link_density() > 0.3 {
                b.boilerplate(text);
                continue;
            }
            in_list = false;
        }
        if blk.link_density() > 0.5 {
            b.boilerplate(text);
            continue;
        }
        let wc = cues::word_count(text);
        let role = match blk.tag.as_str() {
            "figcaption" => Role::Caption,
            _ if is_caption => Role::Caption,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                if !seen_paragraph && !standfirst_done && (blk.hints.standfirst || wc >= 8) {
                    Role::Standfirst
                } else if wc <= 20 {
                    Role::Subheading
                } else {
                    Role::Paragraph
                }
            }
            _ if blk.hints.standfirst && !seen_paragraph && !standfirst_done => Role::Standfirst,
            _ if cues::caption_score(text) >= 3 => Role::Caption,
            "li" | "td" | "th" | "dt" | "dd"
                if wc < 12 && !(wc >= 6 && cues::ends_with_terminal(text)) =>
            {
                Role::Drop
            }
            _ => Role::Paragraph,
        };
        seen_paragraph |= role == Role::Paragraph;
        standfirst_done |= role == Role::Standfirst;
        items.push((role, text.to_string()));
    }
    let mut refs: Vec<(Role, &str)> = items.iter().map(|(r, t)| (*r, t.as_str())).collect();
    refine_body(&mut refs);
    for (role, text) in refs {
        match role {
            Role::Title => b.block(BlockKind::Title, text),
            Role::Standfirst => b.block(BlockKind::Standfirst, text),
            Role::Subheading => b.block(BlockKind::Subheading, text),
            Role::Paragraph => b.block(BlockKind::Paragraph, text),
            Role::Caption => b.block(BlockKind::Caption, cues::strip_widget_suffix(text)),
            Role::Drop => b.boilerplate(text),
        }
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_site_names_from_titles() {
        assert_eq!(
            strip_site("Talks Stall | The Daily Planet", None),
            "Talks Stall"
        );
        assert_eq!(
            strip_site("Talks Stall - Analysts", None),
            "Talks Stall - Analysts"
        );
        assert_eq!(
            strip_site("Talks Stall - The Daily Planet", Some("The Daily Planet")),
            "Talks Stall"
        );
        assert_eq!(
            strip_site(
                "Daily Planet: News | Talks Stall",
                Some("Daily Planet: News")
            ),
            "Talks Stall"
        );
    }

    #[test]
    fn paragraphs_only_page() {
        let d = extract("<p>The first paragraph of a small page, long enough to count.</p><p>A second one, also long enough to count.</p>", None);
        assert_eq!(d.paragraphs.len(), 2);
        assert_eq!(d.title, None);
    }
}

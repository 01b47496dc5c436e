//! Saved web pages to the outline the page readers walk.
//!
//! A page's HTML is rendered as a browser's copy of it would read: headings, paragraphs and
//! blocks on their own lines, list items indented two columns per level with their bullet or
//! number, table cells on their own lines (a header row or a `<th>` label row on one line),
//! `<br>` as a line break, entities decoded. Scripts, styles, navigation, page headers and
//! footers, forms, frames, hidden elements and cookie banners are left out, since a reader of
//! the page never sees them. The site's section reader then reads that outline exactly as it
//! reads copied text, so one reader per site serves both.
//!
//! Data a page embeds for machines (JSON-LD, `__NEXT_DATA__`, JSON script blocks) is kept
//! aside in [`Page::embedded`] for the readers that want it.

use std::sync::LazyLock;

use ego_tree::NodeRef;
use scraper::node::Node;
use scraper::{Html, Selector};

use crate::sources::page::furniture::{is_furniture, visible_text};
use crate::sources::page::outline::Outline;

/// Nesting deeper than this is read as plain text, so hostile input cannot exhaust the stack.
const MAX_DEPTH: usize = 128;

/// Why a saved page could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PageError {
    /// Elements nest deeper than [`MAX_NESTING`].
    #[error("elements nest {depth} deep, over the limit of {limit}")]
    TooDeep {
        /// The deepest nesting found.
        depth: usize,
        /// The limit.
        limit: usize,
    },
}

/// A page read from HTML.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The visible text, as lines.
    pub outline: Outline,
    /// The document's `<title>`, trimmed.
    pub title: Option<String>,
    /// The page's main heading: the text of its first visible `<h1>`, spaces folded. The
    /// study pages of both ClinicalTrials.gov sites print the brief title there.
    pub heading: Option<String>,
    /// JSON the page embeds in script blocks, in document order.
    pub embedded: Vec<serde_json::Value>,
}

/// Element nesting deeper than this is refused before the page is built: building the tree
/// checks scopes along the open elements, which is quadratic in the depth, and no study page
/// nests anywhere near this deep.
pub const MAX_NESTING: usize = 1024;

/// Reads an HTML page. Fails, saying why, for a page nested deeper than [`MAX_NESTING`].
pub fn read(html: &str) -> Result<Page, PageError> {
    let depth = nesting(html);
    if depth > MAX_NESTING {
        return Err(PageError::TooDeep {
            depth,
            limit: MAX_NESTING,
        });
    }
    let doc = Html::parse_document(html);
    let mut r = Renderer::default();
    r.node(doc.tree.root(), 0);
    r.break_line();
    let text = r.lines.join("\n");
    Ok(Page {
        outline: Outline::from_text(&text),
        title: select_text(&doc, "title"),
        heading: r.heading,
        embedded: embedded(&doc),
    })
}

/// The visible text of `html` as lines, without the embedded data.
pub fn outline(html: &str) -> Result<Outline, PageError> {
    read(html).map(|p| p.outline)
}

/// How deep `html`'s elements nest, from html5ever's tokenizer alone (linear in the input).
/// Elements whose end tag may be left out (`p`, `li`, `td`, ...) and void elements do not
/// count, so a long list of unclosed items is not mistaken for depth.
fn nesting(html: &str) -> usize {
    use html5ever::tokenizer::states::RawKind;
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };
    use std::cell::Cell;

    #[derive(Default)]
    struct Depth {
        now: Cell<usize>,
        max: Cell<usize>,
    }
    impl TokenSink for Depth {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            let Token::TagToken(tag) = token else {
                return TokenSinkResult::Continue;
            };
            let name: &str = &tag.name;
            let uncounted = matches!(
                name,
                "p" | "li"
                    | "dt"
                    | "dd"
                    | "tr"
                    | "td"
                    | "th"
                    | "option"
                    | "optgroup"
                    | "thead"
                    | "tbody"
                    | "tfoot"
                    | "colgroup"
                    | "caption"
                    | "rb"
                    | "rt"
                    | "rp"
                    | "rtc"
                    | "area"
                    | "base"
                    | "br"
                    | "col"
                    | "embed"
                    | "hr"
                    | "img"
                    | "input"
                    | "link"
                    | "meta"
                    | "source"
                    | "track"
                    | "wbr"
                    | "html"
                    | "head"
                    | "body"
            );
            match tag.kind {
                TagKind::StartTag if !tag.self_closing && !uncounted => {
                    self.now.set(self.now.get() + 1);
                    self.max.set(self.max.get().max(self.now.get()));
                }
                TagKind::EndTag if !uncounted => self.now.set(self.now.get().saturating_sub(1)),
                _ => {}
            }
            // Text elements' content is not markup, as the tree builder would tell the
            // tokenizer.
            match (tag.kind, name) {
                (TagKind::StartTag, "script") => TokenSinkResult::RawData(RawKind::ScriptData),
                (
                    TagKind::StartTag,
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript",
                ) => TokenSinkResult::RawData(RawKind::Rawtext),
                (TagKind::StartTag, "title" | "textarea") => {
                    TokenSinkResult::RawData(RawKind::Rcdata)
                }
                (TagKind::StartTag, "plaintext") => TokenSinkResult::Plaintext,
                _ => TokenSinkResult::Continue,
            }
        }
    }
    let tokenizer = Tokenizer::new(Depth::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(html.into());
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.max.get()
}

fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("a valid selector")
}

fn select_text(doc: &Html, sel: &str) -> Option<String> {
    let s = selector(sel);
    let el = doc.select(&s).next()?;
    crate::normalize::text::line(&el.text().collect::<String>())
}

fn embedded(doc: &Html) -> Vec<serde_json::Value> {
    static SCRIPTS: LazyLock<Selector> = LazyLock::new(|| {
        selector(
            r#"script[type="application/ld+json"], script[type="application/json"], script#__NEXT_DATA__"#,
        )
    });
    doc.select(&SCRIPTS)
        .filter_map(|s| {
            let raw = s.text().collect::<String>();
            serde_json::from_str(&raw)
                .ok()
                .or_else(|| serde_json::from_str(&angular_unescape(&raw)).ok())
        })
        .collect()
}

/// Angular's server-side rendering (before version 16) escaped its transfer state script
/// as `&q;` for `"`, `&a;` for `&`, `&s;` for `'`, `&l;` for `<` and `&g;` for `>`.
fn angular_unescape(raw: &str) -> String {
    raw.replace("&q;", "\"")
        .replace("&s;", "'")
        .replace("&l;", "<")
        .replace("&g;", ">")
        .replace("&a;", "&")
}

/// Elements whose content no reader of the page sees.
pub(super) fn is_dropped(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "nav"
            | "form"
            | "iframe"
            | "svg"
            | "button"
            | "select"
            | "input"
            | "textarea"
            | "img"
            | "object"
            | "canvas"
            | "dialog"
    )
}

/// Elements a browser lays out as blocks (each starts and ends a line).
pub(super) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "section"
            | "article"
            | "main"
            | "aside"
            | "address"
            | "blockquote"
            | "dl"
            | "dt"
            | "dd"
            | "figure"
            | "figcaption"
            | "fieldset"
            | "details"
            | "summary"
            | "center"
            | "caption"
            | "hr"
            | "body"
            | "html"
            | "header"
            | "footer"
            | "legend"
    ) || name.contains('-') // custom elements (`ctg-…`) are styled as blocks
}

fn attr_has(el: &scraper::node::Element, name: &str, pred: impl Fn(&str) -> bool) -> bool {
    el.attr(name).is_some_and(pred)
}

/// Hidden by markup, or a cookie or consent banner.
pub(super) fn is_hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() {
        return true;
    }
    if attr_has(el, "aria-hidden", |v| v.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    // Landmarks that are page furniture, whatever element carries them.
    let furniture = |v: &str| {
        matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "navigation" | "banner" | "contentinfo" | "tablist" | "search" | "menu" | "menubar"
        )
    };
    if attr_has(el, "role", furniture) {
        return true;
    }
    let style_hides = |v: &str| {
        let s: String = v
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    };
    if attr_has(el, "style", style_hides) {
        return true;
    }
    let banner = |v: &str| {
        let v = v.to_ascii_lowercase();
        v.contains("cookie") || v.contains("consent") || v.contains("onetrust")
    };
    // The U.S. government site banner ("An official website of the United States
    // government") that every USWDS page, ClinicalTrials.gov's included, opens with.
    attr_has(el, "id", banner) || el.classes().any(|c| banner(c) || c == "usa-banner")
}

/// Where list items are numbered or bulleted, and how deep.
#[derive(Clone, Copy)]
enum ListKind {
    Bullet,
    Number(i64, NumberStyle),
    /// Styled without markers (`list-style: none`, an "unstyled" class): items are lines.
    Plain,
}

/// How an ordered list counts (`type` attribute).
#[derive(Clone, Copy)]
enum NumberStyle {
    Decimal,
    Lower,
    Upper,
    LowerRoman,
    UpperRoman,
}

impl NumberStyle {
    fn of(el: &scraper::node::Element) -> NumberStyle {
        match el.attr("type").map(str::trim) {
            Some("a") => NumberStyle::Lower,
            Some("A") => NumberStyle::Upper,
            Some("i") => NumberStyle::LowerRoman,
            Some("I") => NumberStyle::UpperRoman,
            _ => NumberStyle::Decimal,
        }
    }

    /// The marker of item `n`, as a browser draws it ("3.", "c.", "iii.").
    fn marker(self, n: i64) -> String {
        let letters = |base: u8| -> String {
            if !(1..=26).contains(&n) {
                return n.to_string();
            }
            char::from(base + (n - 1) as u8).to_string()
        };
        let roman = |n: i64| -> String {
            if !(1..4000).contains(&n) {
                return n.to_string();
            }
            let mut n = n;
            let mut out = String::new();
            for (v, s) in [
                (1000, "m"),
                (900, "cm"),
                (500, "d"),
                (400, "cd"),
                (100, "c"),
                (90, "xc"),
                (50, "l"),
                (40, "xl"),
                (10, "x"),
                (9, "ix"),
                (5, "v"),
                (4, "iv"),
                (1, "i"),
            ] {
                while n >= v {
                    out.push_str(s);
                    n -= v;
                }
            }
            out
        };
        let m = match self {
            NumberStyle::Decimal => n.to_string(),
            NumberStyle::Lower => letters(b'a'),
            NumberStyle::Upper => letters(b'A'),
            NumberStyle::LowerRoman => roman(n),
            NumberStyle::UpperRoman => roman(n).to_uppercase(),
        };
        format!("{m}. ")
    }
}

/// A list its page styles without markers.
fn is_unstyled(el: &scraper::node::Element) -> bool {
    let style_none = |v: &str| {
        let s: String = v.chars().filter(|c| !c.is_whitespace()).collect();
        let s = s.to_ascii_lowercase();
        s.contains("list-style:none") || s.contains("list-style-type:none")
    };
    attr_has(el, "style", style_none)
        || el
            .classes()
            .any(|c| matches!(c, "list-unstyled" | "unstyled" | "list-none" | "list-reset"))
}

#[derive(Default)]
struct Renderer {
    lines: Vec<String>,
    current: String,
    /// Open lists, innermost last, with the next number of each numbered one.
    lists: Vec<ListKind>,
    /// The marker the next text of a fresh list item starts with.
    marker: Option<String>,
    /// Inside `<main>` or `<article>`: a `<header>` or `<footer>` there is content.
    in_content: bool,
    /// Inside `<pre>`: white space is kept.
    in_pre: bool,
    /// The text of the first `<h1>`.
    heading: Option<String>,
}

impl Renderer {
    fn break_line(&mut self) {
        let line = std::mem::take(&mut self.current);
        let line = line.trim_end();
        if !line.trim().is_empty() {
            self.lines.push(line.to_string());
        }
    }

    fn blank_line(&mut self) {
        self.break_line();
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    fn hard_break(&mut self) {
        if self.current.trim().is_empty() {
            self.current.clear();
            self.lines.push(String::new());
        } else {
            self.break_line();
        }
    }

    fn text(&mut self, raw: &str) {
        if self.in_pre {
            for (i, part) in raw.split('\n').enumerate() {
                if i > 0 {
                    self.hard_break();
                }
                self.inline(part);
            }
            return;
        }
        // HTML folds runs of ASCII white space; non-breaking spaces are kept, as in a copy.
        let mut folded = String::with_capacity(raw.len());
        let mut space = false;
        for c in raw.chars() {
            if c.is_ascii_whitespace() {
                space = true;
            } else {
                if space {
                    folded.push(' ');
                }
                space = false;
                folded.push(c);
            }
        }
        if space {
            folded.push(' ');
        }
        self.inline(&folded);
    }

    fn inline(&mut self, s: &str) {
        if self.current.is_empty() {
            let s = s.trim_start_matches(' ');
            if s.is_empty() {
                return;
            }
            let depth = self
                .lists
                .iter()
                .filter(|l| !matches!(l, ListKind::Plain))
                .count();
            self.current.extend(std::iter::repeat_n(' ', 2 * depth));
            if let Some(m) = self.marker.take() {
                self.current.push_str(&m);
            }
            self.current.push_str(s);
        } else if self.current.ends_with(' ') {
            self.current.push_str(s.trim_start_matches(' '));
        } else {
            self.current.push_str(s);
        }
    }

    fn children(&mut self, node: NodeRef<'_, Node>, depth: usize) {
        for child in node.children() {
            self.node(child, depth + 1);
        }
    }

    fn node(&mut self, node: NodeRef<'_, Node>, depth: usize) {
        match node.value() {
            Node::Text(t) => self.text(t),
            Node::Document | Node::Fragment => self.children(node, depth),
            Node::Element(el) => {
                if depth > MAX_DEPTH {
                    self.flat_text(node);
                    return;
                }
                let name = el.name();
                if is_dropped(name) || is_hidden(el) || is_furniture(node, el) {
                    return;
                }
                if matches!(name, "header" | "footer") && !self.in_content {
                    return;
                }
                self.element(node, name, depth);
            }
            _ => {}
        }
    }

    /// The visible text under `node` as one run, walked without recursion: what nesting too
    /// deep to lay out still shows. Dropped and hidden elements stay left out.
    fn flat_text(&mut self, node: NodeRef<'_, Node>) {
        let text = visible_text(node);
        self.text(&text);
    }

    fn element(&mut self, node: NodeRef<'_, Node>, name: &str, depth: usize) {
        match name {
            "br" => self.hard_break(),
            "p" => {
                // A paragraph opening a list item starts on the item's own line.
                if self.marker.is_none() {
                    self.blank_line();
                }
                self.children(node, depth);
                self.blank_line();
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                if name == "h1" && self.heading.is_none() {
                    self.heading = crate::normalize::text::line(&visible_text(node));
                }
                self.blank_line();
                self.children(node, depth);
                self.blank_line();
            }
            "ul" | "ol" | "menu" => {
                let top = self.lists.is_empty();
                if top {
                    self.blank_line();
                } else {
                    self.break_line();
                }
                let unstyled = node.value().as_element().is_some_and(is_unstyled);
                let kind = if unstyled {
                    ListKind::Plain
                } else if name == "ol" {
                    let start = node
                        .value()
                        .as_element()
                        .and_then(|e| e.attr("start"))
                        .and_then(|s| s.trim().parse().ok())
                        .unwrap_or(1);
                    let style = node
                        .value()
                        .as_element()
                        .map_or(NumberStyle::Decimal, NumberStyle::of);
                    ListKind::Number(start, style)
                } else {
                    ListKind::Bullet
                };
                self.lists.push(kind);
                self.children(node, depth);
                self.lists.pop();
                if top {
                    self.blank_line();
                } else {
                    self.break_line();
                }
            }
            "li" => {
                self.break_line();
                let value = node
                    .value()
                    .as_element()
                    .and_then(|e| e.attr("value"))
                    .and_then(|v| v.trim().parse::<i64>().ok());
                self.marker = match self.lists.last_mut() {
                    Some(ListKind::Number(n, style)) => {
                        if let Some(v) = value {
                            *n = v;
                        }
                        let m = style.marker(*n);
                        *n += 1;
                        Some(m)
                    }
                    Some(ListKind::Bullet) => Some("• ".to_string()),
                    Some(ListKind::Plain) | None => None,
                };
                self.children(node, depth);
                self.marker = None;
                self.break_line();
            }
            "table" => {
                self.break_line();
                self.children(node, depth);
                self.break_line();
            }
            "tr" => self.row(node, depth),
            "td" | "th" => {
                self.break_line();
                self.children(node, depth);
                self.break_line();
            }
            "pre" => {
                self.break_line();
                let was = std::mem::replace(&mut self.in_pre, true);
                self.children(node, depth);
                self.in_pre = was;
                self.break_line();
            }
            "main" | "article" => {
                self.break_line();
                let was = std::mem::replace(&mut self.in_content, true);
                self.children(node, depth);
                self.in_content = was;
                self.break_line();
            }
            _ if is_block(name) => {
                self.break_line();
                self.children(node, depth);
                self.break_line();
            }
            _ => self.children(node, depth),
        }
    }

    /// A table row. A row of header cells reads as one line ("Condition Intervention
    /// Phase"); a label cell followed by values reads "Label: value" on one line; other
    /// cells stand on their own lines, in order.
    fn row(&mut self, node: NodeRef<'_, Node>, depth: usize) {
        self.break_line();
        let cells: Vec<NodeRef<'_, Node>> = node
            .children()
            .filter(|c| {
                c.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "td" | "th") && !is_hidden(e))
            })
            .collect();
        let is_th =
            |c: &NodeRef<'_, Node>| c.value().as_element().is_some_and(|e| e.name() == "th");
        let all_th = !cells.is_empty() && cells.iter().all(is_th);
        // A label cell is a header cell, or any cell whose text ends with a colon.
        let is_label = |c: &NodeRef<'_, Node>| {
            is_th(c) || {
                let text: String = c
                    .descendants()
                    .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
                    .collect();
                text.trim_end_matches(|ch: char| ch.is_whitespace())
                    .ends_with(':')
            }
        };
        let label_row = cells.len() >= 2 && is_label(&cells[0]) && !cells[1..].iter().any(is_th);
        if all_th {
            for c in &cells {
                self.inline(" ");
                self.children(*c, depth + 1);
            }
        } else if label_row {
            // "Label:<tab>value", cells separated by tabs as a copy gives them
            // ("Principal Investigator:<tab>Jane Doe, MD<tab>Some University"). The label
            // is one line even where it breaks ("Current Primary Outcome Measures<br>
            // (submitted: …)").
            self.flat_text(cells[0]);
            for c in &cells[1..] {
                self.current.push('\t');
                self.children(*c, depth + 1);
            }
        } else {
            for c in &cells {
                self.break_line();
                let before = self.lines.len();
                self.children(*c, depth + 1);
                self.break_line();
                // An empty cell of a row with several is an empty line, as in a copy, so
                // the reader of a table keeps its columns.
                if cells.len() > 1 && self.lines.len() == before {
                    self.lines.push(String::new());
                }
            }
            // A blank line closes a data row, so a row of several lines (a group and its
            // description) stays apart from the next.
            if !cells.is_empty() {
                self.blank_line();
            }
        }
        self.break_line();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(html: &str) -> Vec<String> {
        outline(html)
            .unwrap()
            .lines
            .iter()
            .map(|l| format!("{}{}", " ".repeat(l.indent), l.text))
            .collect()
    }

    #[test]
    fn lists_indent_and_number_like_a_copy() {
        let got = lines(
            "<h3>Criteria</h3><ol><li><p>One</p></li><li><p>Two:</p><ul><li>a</li>\
             <li>b<ol start=\"3\"><li>deep</li></ol></li></ul></li></ol><p>After</p>",
        );
        assert_eq!(
            got,
            [
                "Criteria",
                "",
                "  1. One",
                "",
                "  2. Two:",
                "",
                "    • a",
                "    • b",
                "      3. deep",
                "",
                "After",
                ""
            ]
        );
    }

    #[test]
    fn ordered_list_types_give_their_markers() {
        let got = lines(
            "<ol type=\"a\"><li>x</li><li>y</li></ol><ol type=\"I\" start=\"4\"><li>z</li></ol>",
        );
        assert_eq!(got, ["  a. x", "  b. y", "", "  IV. z", ""]);
    }

    #[test]
    fn furniture_and_hidden_elements_are_dropped() {
        let got = lines(
            "<html><head><title>T</title><style>p{}</style></head><body><nav>Menu</nav>\
             <header>Site</header><div id=\"cookie-banner\">Accept</div>\
             <p hidden>h1</p><p aria-hidden=\"true\">h2</p><p style=\"display: none\">h3</p>\
             <script>var x = 1;</script><main><header><h1>Title&nbsp;&amp; more</h1></header>\
             <p>a<br>b</p></main><footer>Foot</footer></body></html>",
        );
        assert_eq!(got, ["Title & more", "", "a", "b", ""]);
    }

    #[test]
    fn table_rows_read_as_a_copy_does() {
        let got = lines(
            "<table><tr><th>Condition</th><th>Phase</th></tr>\
             <tr><td>A<br>B</td><td>Phase 2</td></tr>\
             <tr><th>Study Type:</th><td>Interventional</td></tr></table>",
        );
        assert_eq!(
            got,
            [
                "Condition Phase",
                "A",
                "B",
                "Phase 2",
                "",
                "Study Type:\tInterventional"
            ]
        );
        let got = lines(
            "<table><tr><td>Study Chair:</td><td>Jane Doe, MD</td><td>Univ</td></tr>\
             <tr><td>Outcome</td><td></td><td>6 months</td></tr></table>",
        );
        assert_eq!(
            got,
            [
                "Study Chair:\tJane Doe, MD\tUniv",
                "Outcome",
                "",
                "6 months",
                ""
            ]
        );
    }

    #[test]
    fn furniture_is_left_out_by_its_structure() {
        let got = lines(
            "<body><div id=\"skip\"><a href=\"#main\">Skip to Main Content</a></div>\
             <ul class=\"menu\"><li><a href=\"/a\">Find Studies</a><ul><li><a href=\"/b\">New \
             Search</a></li></ul></li><li><a href=\"/c\">About Site</a></li></ul>\
             <ul><li><a href=\"/\">Home</a></li><li>Study Record Detail</li></ul>\
             <label><input type=\"checkbox\"> Save this study</label>\
             <h1>A Title</h1><div class=\"dd\">Go to <button>v</button><div>\
             <a href=\"#top\">Top of Page</a></div></div>\
             <table class=\"tr-layout_table\"><caption>Layout table for study information\
             </caption><tr><td>Study Type :</td><td>Observational</td></tr></table>\
             <ul><li>Condition one</li><li>Condition two</li></ul>\
             <div id=\"to-top\"><a href=\"#wrapper\">To Top</a></div>\
             <ul><li><a href=\"/p\">For Patients and Families</a></li>\
             <li><a href=\"/r\">For Researchers</a></li></ul></body>",
        );
        assert_eq!(
            got,
            [
                "A Title",
                "",
                "Study Type :\tObservational",
                "",
                "  • Condition one",
                "  • Condition two",
                ""
            ]
        );
        let page = read("<h1>  A&nbsp;Title </h1><h1>Another</h1>").unwrap();
        assert_eq!(page.heading.as_deref(), Some("A Title"));
    }

    #[test]
    fn deep_nesting_is_flattened_then_refused() {
        let html = "<div>".repeat(600)
            + "deep <script>var x = '<div>';</script><span hidden>no</span>text"
            + &"</div>".repeat(600);
        assert_eq!(lines(&html), ["deep text"]);
        let too_deep = "<div>".repeat(5000) + "x";
        assert!(read(&too_deep)
            .unwrap_err()
            .to_string()
            .contains("5000 deep"));
        // Unclosed list items are not depth.
        let list = "<ul>".to_string() + &"<li>item".repeat(5000) + "</ul>";
        let items = lines(&list).into_iter().filter(|l| l == "  • item").count();
        assert_eq!(items, 5000);
    }

    #[test]
    fn embedded_json_is_kept_aside() {
        let p = read(
            "<html><head><link rel=\"canonical\" href=\"https://x.org/study/NCT00000001\">\
             <script type=\"application/ld+json\">{\"@type\":\"MedicalTrial\"}</script>\
             </head><body><p>x</p></body></html>",
        )
        .unwrap();
        assert_eq!(p.embedded.len(), 1);
        assert_eq!(p.embedded[0]["@type"], "MedicalTrial");
    }
}

//! Page furniture a saved page carries by its structure, whatever its site: links within the
//! page ("Skip to Main Content", "To Top", "Go to" section menus), captions of layout tables
//! ("Layout table for location information", written for screen readers), form labels
//! ("Save this study"), labelled controls, and lists of links (menus, breadcrumbs, tab bars,
//! footers). None of it is study data; [`is_furniture`] tells the HTML renderer to leave it
//! out, as it leaves out navigation landmarks and hidden elements.

use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::node::{Element, Node};

use super::html::{is_dropped, is_hidden};

/// Most words a menu or control label has ("Go to", "For Study Record Managers").
const MENU_WORDS: usize = 6;

/// True for an element that is page furniture by its structure.
pub fn is_furniture(node: NodeRef<'_, Node>, el: &Element) -> bool {
    match el.name() {
        "a" => is_in_page_link(el),
        "caption" => is_layout_caption(node),
        "label" => has_descendant(node, "input"),
        "ul" | "ol" => is_link_list(node),
        _ => is_labelled_control(node),
    }
}

/// A link to a place in the same page: navigation, never data.
fn is_in_page_link(el: &Element) -> bool {
    el.attr("href")
        .is_some_and(|h| h.trim_start().starts_with('#'))
}

/// The caption of a layout table: the classic pages caption every layout table ("Layout
/// table for eligibility information") for screen readers and hide it from view.
fn is_layout_caption(node: NodeRef<'_, Node>) -> bool {
    let in_layout_table = node.ancestors().any(|a| {
        a.value()
            .as_element()
            .is_some_and(|e| e.name() == "table" && e.classes().any(|c| c.contains("layout_table")))
    });
    in_layout_table || visible_text(node).trim_start().starts_with("Layout table")
}

fn has_descendant(node: NodeRef<'_, Node>, name: &str) -> bool {
    node.descendants()
        .skip(1)
        .any(|d| d.value().as_element().is_some_and(|e| e.name() == name))
}

/// A control with its few words of label ("Go to" before a section menu's button): an
/// element holding a button whose other visible text is a menu label at most.
fn is_labelled_control(node: NodeRef<'_, Node>) -> bool {
    let has_button = node.children().any(|c| {
        c.value()
            .as_element()
            .is_some_and(|e| matches!(e.name(), "button" | "select"))
    });
    has_button && words(&visible_text(node)) <= MENU_WORDS.min(3)
}

/// A list whose items are links and nothing else (menus, breadcrumbs, tab bars, footers).
/// One item may be plain text: the current page, which such lists show unlinked. Link texts
/// are short, so a list of linked citations is not taken for a menu.
fn is_link_list(node: NodeRef<'_, Node>) -> bool {
    let items: Vec<NodeRef<'_, Node>> = node
        .children()
        .filter(|c| c.value().as_element().is_some_and(|e| e.name() == "li"))
        .collect();
    if items.len() < 2 {
        return false;
    }
    let mut unlinked = 0;
    for item in &items {
        let (linked, other) = link_text(*item);
        if !other.trim().is_empty() {
            if !linked.trim().is_empty() || unlinked > 0 || words(&other) > MENU_WORDS {
                return false;
            }
            unlinked += 1;
        } else if linked.trim().is_empty() {
            return false;
        }
    }
    unlinked < items.len()
}

/// The visible text under `node` split into the texts of its links and the rest; a link
/// longer than a menu item's few words counts as "other" text.
fn link_text(node: NodeRef<'_, Node>) -> (String, String) {
    let mut links: Vec<String> = Vec::new();
    let mut other = String::new();
    let mut open_link: Option<ego_tree::NodeId> = None;
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in node.traverse() {
        match edge {
            Edge::Open(n) if skipping.is_none() => match n.value() {
                Node::Element(e) if is_dropped(e.name()) || is_hidden(e) => skipping = Some(n.id()),
                Node::Element(e)
                    if open_link.is_none() && e.name() == "a" && e.attr("href").is_some() =>
                {
                    open_link = Some(n.id());
                    links.push(String::new());
                }
                Node::Text(t) => match (open_link, links.last_mut()) {
                    (Some(_), Some(l)) => l.push_str(t),
                    _ => other.push_str(t),
                },
                _ => {}
            },
            Edge::Close(n) if skipping == Some(n.id()) => skipping = None,
            Edge::Close(n) if open_link == Some(n.id()) => open_link = None,
            _ => {}
        }
    }
    let mut linked = String::new();
    for l in links {
        let target = if words(&l) > MENU_WORDS {
            &mut other
        } else {
            &mut linked
        };
        target.push(' ');
        target.push_str(&l);
    }
    (linked, other)
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The visible text under `node`: dropped and hidden elements and in-page links left out,
/// line breaks and blocks as spaces. Walked without recursion.
pub fn visible_text(node: NodeRef<'_, Node>) -> String {
    let mut text = String::new();
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in node.traverse() {
        match edge {
            Edge::Open(n) if skipping.is_none() => match n.value() {
                Node::Text(t) => text.push_str(t),
                Node::Element(el)
                    if is_dropped(el.name())
                        || is_hidden(el)
                        || (el.name() == "a" && is_in_page_link(el)) =>
                {
                    skipping = Some(n.id())
                }
                Node::Element(el) if el.name() == "br" || super::html::is_block(el.name()) => {
                    text.push(' ')
                }
                _ => {}
            },
            Edge::Close(n) if skipping == Some(n.id()) => skipping = None,
            _ => {}
        }
    }
    text
}

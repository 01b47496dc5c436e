//! The criteria reader: eligibility text, in any registry's style, to ordered inclusion and
//! exclusion trees. Every source (pages, XML, API JSON) goes through this one reader.
//!
//! Structure comes from headings ("Inclusion Criteria:", "EXCLUSION CRITERIA"), list markers
//! (`•`, `*`, `-`, `o`, "1.", "1)", "a.", "i.") and indentation. Text before any heading is
//! inclusion. A line with no marker continues the item above when it is indented under that
//! item's text, and is an item of its own otherwise.
//!
//! Layouts read as a careful reader would (each has its own test below):
//! - headings and lists run into one line ("Inclusion Criteria: 1. … 2. … Exclusion
//!   Criteria: 1. …", "* a * b", "- a - b") are split at the headings and the markers first;
//! - a sponsor's boilerplate before the first heading ("For more information regarding …
//!   participation, please visit …") is no criterion;
//! - a plain sentence among bullets holds the bullets indented under it only when it
//!   announces them ("… either:", "Group 1", "… the following"); otherwise they are its
//!   siblings, as the same text without indentation (API v2 Markdown) reads;
//! - a numbering one level down at a lesser indent, right after an item that announces a list
//!   ("2. … at least 1 of the following:" then "i." at the margin), is that item's sub-list;
//! - a short label ("Age:", "Life expectancy:") holds the plain lines under it, and an
//!   upper-case sub-heading ("PATIENT CHARACTERISTICS:") holds everything up to the next one,
//!   so neither is left as an empty criterion;
//! - a sub-study's, cohort's or part's heading ("… lamivudine+abacavir Inclusion criteria")
//!   opens its section and scopes the bare heading of the other section after it
//!   (`headings`).

use super::lean::Lean;

use crate::model::Criterion;

mod headings;

use super::scan;
use headings::{heading, split_inline_headings, Heading};

/// Inclusion and exclusion criteria, as trees in source order.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Criteria {
    /// Inclusion criteria.
    pub inclusion: Vec<Criterion>,
    /// Exclusion criteria.
    pub exclusion: Vec<Criterion>,
}

/// The deepest nesting the reader builds.
pub const MAX_DEPTH: usize = 12;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Marker {
    /// A heading kept as a criterion: it holds every item after it.
    Heading,
    /// An upper-case sub-heading ("PATIENT CHARACTERISTICS:"): it holds every item after it
    /// up to the next sub-heading at its column.
    SubHeading,
    /// A short unmarked label ("Age:", "Hepatic:"): it holds the unmarked lines after it.
    Label,
    None,
    Bullet,
    Number,
    Letter,
    Roman,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Inclusion,
    Exclusion,
}

/// A list marker at the start of a line, as the reader first matched it; `marker_match`
/// reads it now, and the tests check it against this pattern.
#[cfg(test)]
const MARKER: &str = r"(?x)^(?:
          (?P<bullet>[•*\-–—·▪◦●○■□➢►✓]|o\s)
        | \(?(?P<num>\d{1,2})[.)](?:\s|$)
        | \(?(?P<roman>(?:i{1,3}|iv|v|vi{1,3}|ix|x))[.)]\s
        | \(?(?P<letter>[a-zA-Z])[.)]\s
        )\s*";

/// A short label line that announces the items under it ("Group 1", "Part A:", "For
/// cohort 2").
fn is_label(text: &str) -> bool {
    let t = text.trim();
    // The word count last, and only up to six: items are often long sentences.
    t.ends_with(':')
        || (!t.ends_with(['.', ';', ','])
            && t.chars().next().is_some_and(char::is_uppercase)
            && t.split_whitespace().nth(5).is_none())
}

/// Words that end a sentence announcing a list ("… any of the following", "… either").
/// Words that end a sentence announcing a list ("… any of the following", "… either"), as
/// the reader first matched them; `ends_announcing` reads them now, and the tests check it
/// against this pattern.
#[cfg(test)]
const ANNOUNCES: &str = r"(?i)\b(?:following|either|both|including|as follows|any of|one of|all of|criteria|criterion)\s*[.:;]?$";

/// The words of [`ANNOUNCES`].
const ANNOUNCING: &[&str] = &[
    "following",
    "either",
    "both",
    "including",
    "as follows",
    "any of",
    "one of",
    "all of",
    "criteria",
    "criterion",
];

/// True where [`ANNOUNCES`] matches `t`, scanned: before an optional stop and white space at
/// its end, `t` ends on one of its words (any case, as `(?i)` folds them) with no word
/// character before it. The pattern's Unicode build cost more than all its searching.
fn ends_announcing(t: &str) -> bool {
    let end = t.strip_suffix(['.', ':', ';']).unwrap_or(t).trim_end();
    ANNOUNCING.iter().any(|w| {
        let mut tail = end.chars().rev();
        w.chars()
            .rev()
            .all(|c| tail.next().map(headings::fold) == Some(c))
            && !tail.next().is_some_and(scan::is_word_char)
    })
}

/// True when a line announces the items after it: it ends with a colon, is a short label,
/// or ends on "the following", "either".
fn announces_list(text: &str) -> bool {
    is_label(text) || ends_announcing(text.trim())
}

/// A short unmarked label that holds the plain lines under it ("Age:", "Life expectancy:").
/// A sentence that announces alternatives ("Severe disease with either:") is not one: with no
/// markers or indentation to say where its list ends (a text copy of a page), the plain
/// lines after it stay its siblings rather than all becoming its alternatives.
fn is_short_label(text: &str) -> bool {
    let t = text.trim();
    t.ends_with(':')
        && t.split_whitespace().count() <= 5
        && t.chars().next().is_some_and(char::is_uppercase)
        && !ends_announcing(t)
}

/// An upper-case sub-heading ("PATIENT CHARACTERISTICS:", "PRIOR CONCURRENT THERAPY:").
fn is_subheading(text: &str) -> bool {
    let t = text.trim();
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    t.ends_with(':')
        && letters >= 6
        && t.split_whitespace().count() <= 6
        && t.chars().all(|c| !c.is_lowercase())
}

/// A sponsor's notice before the criteria ("For more information regarding BMS clinical
/// trial participation, please visit www.BMSStudyConnect.com"): no criterion.
static BOILERPLATE: Lean = Lean::unicode(
    r"(?i)^(?:for (?:more|further) information\b.*\b(?:visit|see|go to|contact)\b.*(?:www\.|https?://|\.com\b|\.org\b)|(?:please )?visit (?:www\.|https?://)\S+\.?$)",
);

/// The marker an item was written with, kept to split items that run several into one
/// line ("Adults. 2. BMI …", "Age 50 to 85 * MMSE 18 to 26").
#[derive(Clone, Debug, Default)]
struct Written {
    /// The number of a numbered item and its delimiter ('.' or ')').
    number: Option<(u32, char)>,
    /// The bullet character of a bulleted item.
    bullet: Option<char>,
}

impl Written {
    fn of(marker: &str) -> Written {
        let m = marker.trim().trim_start_matches('(');
        let digits: String = m.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            let delim = m[digits.len()..].chars().next().unwrap_or('.');
            return Written {
                number: digits.parse().ok().map(|n| (n, delim)),
                bullet: None,
            };
        }
        Written {
            number: None,
            bullet: m.chars().next().filter(|c| !c.is_alphanumeric()),
        }
    }
}

/// Splits an item that holds several run into one line: at the next numbers in sequence
/// after a sentence end ("… years. 2. Body …") or, three items or more, before anything but
/// a lower-case word ("… 64 years 2. Participants …"); or at the item's own bullet ("… years
/// * Mini-Mental …"); a dash needs three items, as "Impression - Severity" is one.
fn split_run(text: &str, written: &Written) -> Vec<String> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    if let Some((mut n, delim)) = written.number {
        // Each next number in sequence, and whether a sentence ends before it.
        let mut from = 0;
        let mut found: Vec<(usize, usize, bool)> = Vec::new();
        loop {
            n += 1;
            let marker = format!(" {n}{delim} ");
            let Some(i) = text[from..].find(&marker).map(|i| i + from) else {
                break;
            };
            let ends_sentence = ends_sentence(&text[..i]);
            let opens = !text[i + marker.len()..].starts_with(char::is_lowercase);
            if !(ends_sentence || opens) {
                break;
            }
            found.push((i, i + marker.len(), ends_sentence));
            from = i + marker.len();
        }
        // After sentence ends, or three items or more in sequence ("1. a 2. b 3. c"), not
        // "stage 4. Other" alone.
        if found.iter().all(|f| f.2) || found.len() >= 2 {
            cuts = found.into_iter().map(|(s, e, _)| (s, e)).collect();
        }
    } else if let Some(b) = written.bullet {
        // `\s{b}\s+[\p{L}(]`, scanned: a regex per bullet would be compiled per item.
        for (start, at) in scan::bullet_runs(text, b) {
            let upper = text[at..].starts_with(|c: char| c.is_uppercase());
            if matches!(b, '-' | '–') && !upper {
                continue;
            }
            cuts.push((start, at));
        }
        if matches!(b, '-' | '–') && cuts.len() < 2 {
            cuts.clear();
        }
    }
    if cuts.is_empty() {
        return vec![text.to_string()];
    }
    let mut out = Vec::new();
    let mut from = 0;
    for (s, e) in cuts {
        out.push(text[from..s].trim().to_string());
        from = e;
    }
    out.push(text[from..].trim().to_string());
    out.retain(|p| !p.is_empty());
    out
}

struct Item {
    section: Section,
    depth: usize,
    text: String,
    marker: Marker,
    written: Written,
    /// Read before any section heading.
    preamble: bool,
}

/// Splits criteria text into inclusion and exclusion trees, and reads each criterion's
/// constraints (`normalize::constraints`).
pub fn split(text: &str) -> Criteria {
    // API v2 Markdown escapes ("\>=") are undone here too, whoever calls.
    let text = if text.contains('\\') {
        std::borrow::Cow::Owned(crate::normalize::text::unescape_markdown(text))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let text = split_inline_headings(&text);
    let items = read_items(&text);
    let mut out = Criteria::default();
    for section in [Section::Inclusion, Section::Exclusion] {
        let flat: Vec<(usize, String, Marker)> = items
            .iter()
            .filter(|i| i.section == section)
            .map(|i| (i.depth, i.text.clone(), i.marker))
            .collect();
        let mut tree = build_tree(&flat);
        crate::normalize::constraints::fill(&mut tree);
        match section {
            Section::Inclusion => out.inclusion = tree,
            Section::Exclusion => out.exclusion = tree,
        }
    }
    out
}

/// A line's indent (a tab counts 4) and its text without surrounding space. Indents can be
/// thousands of columns in odd input, so ASCII space is skipped as bytes first.
fn indent_and_text(line: &str) -> (usize, &str) {
    let rest = line.trim_ascii_start().trim_start();
    let ws = &line[..line.len() - rest.len()];
    let columns = if ws.is_ascii() {
        ws.len()
    } else {
        ws.chars().count()
    };
    (columns + 3 * ws.matches('\t').count(), rest.trim_end())
}

/// How a text is hard-wrapped: its lines stop near a fixed width of 80-100 columns, and a
/// line that reached that width continues on the next one.
#[derive(Clone, Copy, PartialEq)]
enum Wrap {
    /// Not wrapped: each line is its own (API v1 texts put one item per line, of any width,
    /// all flush left).
    None,
    /// Indented and wrapped, as legacy XML textblocks are.
    Indented,
    /// Wrapped flush left at `width` columns (its longest line), as the WHO ICTRP's copies
    /// of some registries' texts are ("…and any<br>authorizations required by local law…").
    /// A line goes on from the line before only where that one stopped mid-sentence and the
    /// line's first word would not have fitted on it: a list of long items is flush left
    /// too, and a greedy wrap moves a word down only when it must.
    FlushLeft { width: usize },
}

fn hard_wrapped(text: &str) -> Wrap {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let widths: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    let at_width =
        widths.iter().all(|&w| w <= 100) && widths.iter().filter(|&&w| w >= 70).count() >= 2;
    let width = widths.iter().copied().max().unwrap_or(0);
    if !at_width {
        Wrap::None
    } else if lines.iter().any(|l| l.starts_with(char::is_whitespace)) {
        Wrap::Indented
    } else if dangling_cuts(text, width) >= 2 {
        Wrap::FlushLeft { width }
    } else {
        // Flush-left lines of 70 columns and more are as often a list of long items that
        // leave off their full stops.
        Wrap::None
    }
}

/// Words a phrase does not end with ("…and any", "…with the", "…or, if engaged in").
const DANGLING: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "with",
    "in",
    "to",
    "for",
    "by",
    "as",
    "at",
    "on",
    "from",
    "than",
    "that",
    "which",
    "who",
    "be",
    "is",
    "are",
    "any",
    "per",
    "into",
    "between",
    "including",
    "without",
    "within",
];

/// How many unmarked lines of `text` go on from a line that a wrap at `width` cut mid-phrase:
/// a line of 60 columns or more ending in a word no phrase ends with, a comma or an opening
/// parenthesis, whose next word would not have fitted on it. A hard wrap leaves several; a
/// list of items, marked or not, none.
fn dangling_cuts(text: &str, width: usize) -> usize {
    let mut count = 0;
    let mut prev: Option<&str> = None;
    for line in text.lines().map(str::trim_end) {
        if let Some(p) = prev {
            let last = p.rsplit(char::is_whitespace).next().unwrap_or("");
            let dangling = scan::is_one_of(last, DANGLING) || p.ends_with([',', '(', '/', '-']);
            let cut = dangling && wrapped_from(p, line, width);
            count += usize::from(cut && marker_match(line).is_none());
        }
        prev = (!line.trim().is_empty()).then_some(line);
    }
    count
}

/// Columns a wrapped line may stop short of the text's longest and still count as cut there:
/// copies re-encode characters ("≥" as "*") and were often wrapped by another measure.
const WRAP_SLACK: usize = 5;

/// Whether `line` can be the rest of `prev` cut by a wrap at `width` columns: `prev` is 60
/// columns or more, does not end a sentence, and `line`'s first word would not have fitted
/// on it (within [`WRAP_SLACK`]).
fn wrapped_from(prev: &str, line: &str, width: usize) -> bool {
    let first = line.split_whitespace().next().unwrap_or("");
    let prev_width = prev.chars().count();
    prev_width >= 60
        && !ends_sentence(prev)
        && prev_width + 1 + first.chars().count() + WRAP_SLACK > width
}

/// Whether a line's text ends a sentence (or a parenthesis, which may).
fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', ':', ';', '!', '?', ')'])
}

/// A line's list marker: its kind, how it was written, its text and the column the text
/// starts at. Unmarked lines are labels or sub-headings when they read as one.
fn marker_of(indent: usize, trimmed: &str) -> (Marker, Written, &str, usize) {
    match marker_match(trimmed) {
        Some((kind, len)) => (
            kind,
            Written::of(&trimmed[..len]),
            trimmed[len..].trim(),
            indent + len,
        ),
        None if is_subheading(trimmed) => (Marker::SubHeading, Written::default(), trimmed, indent),
        None if is_short_label(trimmed) => (Marker::Label, Written::default(), trimmed, indent),
        None => (Marker::None, Written::default(), trimmed, indent),
    }
}

/// The bullet characters of [`MARKER`].
const BULLETS: &[char] = &[
    '•', '*', '-', '–', '—', '·', '▪', '◦', '●', '○', '■', '□', '➢', '►', '✓',
];

/// The roman numerals of [`MARKER`] (`i{1,3}|iv|v|vi{1,3}|ix|x`).
const ROMANS: &[&str] = &["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];

/// [`MARKER`]'s match at the start of a line: the marker's kind and length, scanned (the
/// pattern's Unicode build cost more than every line's reading). Its alternatives in order:
/// a bullet character, or "o" and white space; an optional "(" then one or two digits (`\d`,
/// any script), "." or ")", and white space or the end; an optional "(" then a roman
/// numeral or one ASCII letter up to the first "." or ")" (the numerals are letters, so the
/// text up to it must be one), and white space. Then the white space after it (`\s*`, as
/// `char::is_whitespace`).
fn marker_match(s: &str) -> Option<(Marker, usize)> {
    let first = s.chars().next()?;
    let spaced = |at: usize| scan::skip_space(s, at);
    if BULLETS.contains(&first) {
        return Some((Marker::Bullet, spaced(first.len_utf8())));
    }
    if first == 'o' && s[1..].starts_with(char::is_whitespace) {
        return Some((Marker::Bullet, spaced(1)));
    }
    let body = s.strip_prefix('(').unwrap_or(s);
    let digits = scan::skip_digits(body, 0);
    if digits > 0 {
        let after = body[digits..].strip_prefix(['.', ')'])?;
        let two = body[..digits].chars().nth(2).is_none();
        let ends = after.is_empty() || after.starts_with(char::is_whitespace);
        return (two && ends).then(|| (Marker::Number, spaced(s.len() - after.len())));
    }
    // The longest numeral ("viii") is four letters: "." or ")" is within five bytes.
    let stop = body.bytes().take(5).position(|b| b == b'.' || b == b')')?;
    let after = &body[stop + 1..];
    if !after.starts_with(char::is_whitespace) {
        return None;
    }
    let token = &body[..stop];
    let kind = if ROMANS.contains(&token) {
        Marker::Roman
    } else if token.len() == 1 && token.as_bytes()[0].is_ascii_alphabetic() {
        Marker::Letter
    } else {
        return None;
    };
    Some((kind, spaced(s.len() - after.len())))
}

/// A number run into its item's text ("5.Confirmed diagnosis …", as EU CTR copies write
/// their lists): the number and the length of "5.". Only [`Reader::numbers_next`] makes it a
/// marker, as "2.Patients" can as well be the rest of a wrapped line.
fn run_in_number(line: &str) -> Option<(u32, usize)> {
    let digits = scan::skip_digits(line, 0);
    let after = line[digits..].strip_prefix('.')?;
    let n = line[..digits].parse().ok().filter(|_| digits <= 2)?;
    after
        .starts_with(char::is_alphabetic)
        .then_some((n, digits + 1))
}

/// The letter of a line lettered with one ASCII letter ("i.", "(v)").
fn single_letter(line: &str) -> Option<char> {
    let body = line.strip_prefix('(').unwrap_or(line).as_bytes();
    match body {
        [c, b'.' | b')', ..] if c.is_ascii_alphabetic() => Some(*c as char),
        _ => None,
    }
}

/// Whether the next marked line of `rest` is numbered "ii" (a roman list going on).
fn second_roman_follows(rest: std::str::Lines<'_>) -> bool {
    rest.map(str::trim)
        .find(|l| marker_match(l).is_some())
        .is_some_and(|l| {
            let body = l.strip_prefix('(').unwrap_or(l);
            body.starts_with("ii.") || body.starts_with("ii)") || body.starts_with("II.")
        })
}

/// The letter after `c` ("h" → "i").
fn next_letter(c: char) -> char {
    char::from_u32(c as u32 + 1).unwrap_or(c)
}

/// The reader's state while it goes through the lines.
struct Reader {
    items: Vec<Item>,
    section: Section,
    seen_heading: bool,
    /// Open levels: (indent of the marker, marker kind, column where the item's text starts).
    stack: Vec<(usize, Marker, usize)>,
    /// The sub-study a kept heading named before its section's words, and that section: the
    /// bare heading of the other section after it holds its items under the name.
    scope: Option<(Section, String)>,
    /// The depth and number of the last item of the section's outermost numbered list
    /// ([`Reader::push_item`]).
    numbered: Option<(usize, u32)>,
}

impl Reader {
    fn new() -> Reader {
        Reader {
            items: Vec::new(),
            section: Section::Inclusion,
            seen_heading: false,
            stack: Vec::new(),
            scope: None,
            numbered: None,
        }
    }

    /// A line's marker as [`marker_of`] reads it, or a number run into its text ("5.Confirmed
    /// diagnosis …") where it numbers the list's next item: item 5 after item 4, not the rest
    /// of the line before.
    fn marker_of<'a>(&self, indent: usize, trimmed: &'a str) -> (Marker, Written, &'a str, usize) {
        match run_in_number(trimmed).filter(|&(n, _)| self.numbers_next(n)) {
            Some((_, len)) => (
                Marker::Number,
                Written::of(&trimmed[..len]),
                trimmed[len..].trim(),
                indent + len,
            ),
            None => marker_of(indent, trimmed),
        }
    }

    /// Adds an item, noting its number where it numbers the section's outermost list, or
    /// goes on with it under a label ("3. …", "Sub-study:", "4. …").
    fn push_item(&mut self, item: Item) {
        if let (Marker::Number, Some((n, _))) = (item.marker, item.written.number) {
            if self
                .numbered
                .is_none_or(|(d, last)| item.depth <= d || n == last + 1)
            {
                self.numbered = Some((item.depth, n));
            }
        }
        self.items.push(item);
    }

    /// Opens the section a heading line names, at `indent`; a kept heading (or a bare one in
    /// a sub-study's scope) becomes a criterion holding everything up to the next heading.
    fn open(&mut self, h: Heading<'_>, indent: usize, text_col: usize) -> bool {
        let scoped = match (&self.scope, h.kept) {
            (Some((opened, name)), None) if *opened != h.section => Some(name.clone()),
            _ => None,
        };
        self.scope = h
            .kept
            .and(h.scope)
            .map(|name| (h.section, name.to_string()));
        self.section = h.section;
        self.seen_heading = true;
        self.stack.clear();
        self.numbered = None;
        let Some(text) = h.kept.map(str::to_string).or(scoped) else {
            return false;
        };
        // Everything under a kept heading, up to the next one, is its children.
        self.stack.push((indent, Marker::Heading, text_col));
        self.items.push(Item {
            section: self.section,
            depth: 0,
            text,
            marker: Marker::Heading,
            written: Written::default(),
            preamble: false,
        });
        true
    }

    /// Whether `n` numbers the next item of the section's outermost list: one more than its
    /// last item, or 1 before any.
    fn numbers_next(&self, n: u32) -> bool {
        self.numbered.map_or(1, |(_, last)| last + 1) == n
    }

    /// The last item ends with ":" or announces a list ("… any of the following").
    fn last_announces(&self) -> bool {
        self.items.last().is_some_and(|i| {
            let t = i.text.trim();
            t.ends_with(':') || ends_announcing(t)
        })
    }

    /// Adds a wrapped line to the last item; a plain item that the line completes into a
    /// heading ("Eligibility criteria for the secondary randomisation to …" then
    /// "lamivudine+abacavir Inclusion criteria") is read as that heading.
    fn continue_last(&mut self, body: &str, indent: usize) {
        let last = self.items.last_mut().expect("only called after an item");
        last.text.push(' ');
        last.text.push_str(body);
        if last.marker != Marker::None {
            return;
        }
        let item = self.items.pop().expect("checked above");
        match heading(&item.text, true) {
            Some(h) => {
                self.open(h, indent, indent);
            }
            None => self.items.push(item),
        }
    }
}

/// The shape of a label that numbers or letters what it names ("Cohort 2:" is "cohort"),
/// for labels only.
fn enumerated_label(marker: Marker, body: &str) -> Option<String> {
    if marker != Marker::Label {
        return None;
    }
    let words: Vec<&str> = body.trim_end_matches(':').split_whitespace().collect();
    let (last, name) = words.split_last()?;
    let enumerates = last.chars().all(|c| c.is_ascii_digit())
        || (last.chars().count() == 1 && last.chars().all(char::is_alphabetic))
        || ROMANS.contains(&last.to_ascii_lowercase().as_str());
    (enumerates && !name.is_empty()).then(|| name.join(" ").to_lowercase())
}

/// The items read, a sponsor's notice before the first heading left out and items that run
/// several into one line split.
fn without_notices(items: Vec<Item>) -> Vec<Item> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let text = crate::normalize::text::line(&item.text).unwrap_or_default();
        // BOILERPLATE starts with "for", "please" or "visit" (letters no other character
        // case-folds to): its first byte says whether the regex can match.
        let may_be_notice = matches!(
            text.as_bytes().first(),
            Some(b'f' | b'F' | b'p' | b'P' | b'v' | b'V')
        );
        if item.preamble && may_be_notice && BOILERPLATE.is_match(&text) {
            continue;
        }
        for piece in split_run(&text, &item.written) {
            out.push(Item {
                text: piece,
                written: Written::default(),
                ..item
            });
        }
    }
    out
}

/// Where an enumerated label goes: "Cohort 2:" where "Cohort 1:" went, however indented
/// (`labels` holds the shapes met, with their places); any other line where it stands.
fn peer_place(
    labels: &mut Vec<(String, usize, usize)>,
    marker: Marker,
    body: &str,
    (indent, text_col): (usize, usize),
) -> (usize, usize) {
    let Some(shape) = enumerated_label(marker, body) else {
        return (indent, text_col);
    };
    match labels.iter().find(|(s, _, _)| *s == shape) {
        Some(&(_, at, col)) => (at, col),
        None => {
            labels.push((shape, indent, text_col));
            (indent, text_col)
        }
    }
}

/// True for a line that is only a word joining two items: "AND", "or", "and/or".
fn is_connector(body: &str) -> bool {
    let word = body.trim_end_matches([':', ',', ';']).trim();
    ["and", "or", "and/or", "and / or"]
        .iter()
        .any(|c| word.eq_ignore_ascii_case(c))
}

fn read_items(text: &str) -> Vec<Item> {
    let mut r = Reader::new();
    let mut blank_before = false;
    let wrapped = hard_wrapped(text);
    // Width of the previous line and indent of the previous item's first line.
    let mut prev_width = 0;
    let mut prev_indent = 0;
    // The previous line's text; empty after a blank line.
    let mut prev_line = "";
    // The letter and indent of the previous item, when it was lettered "a." to "z.".
    let mut last_letter: Option<(char, usize)> = None;
    let mut lines = text.lines();
    // The enumerated labels met ("Cohort 1:"), by shape, with where they were placed.
    let mut labels: Vec<(String, usize, usize)> = Vec::new();
    while let Some(raw_line) = lines.next() {
        let line = if raw_line.contains('\u{a0}') {
            std::borrow::Cow::Owned(raw_line.replace('\u{a0}', " "))
        } else {
            std::borrow::Cow::Borrowed(raw_line)
        };
        let (indent, trimmed) = indent_and_text(&line);
        if trimmed.is_empty() {
            blank_before = true;
            prev_width = 0;
            prev_line = "";
            continue;
        }
        let width = line.chars().count();
        let (mut marker, written, body, text_col) = r.marker_of(indent, trimmed);
        // "h." then "i." at its column: the next letter, not a roman one, unless "h."
        // announces a list or an "ii." follows ("a." then "i." is always a sub-list).
        let letter = single_letter(trimmed);
        if marker == Marker::Roman
            && last_letter.is_some_and(|(l, at)| Some(next_letter(l)) == letter && at == indent)
            && !r.last_announces()
            && !second_roman_follows(lines.clone())
        {
            marker = Marker::Letter;
        }
        // A wrapped line: no marker, no blank line, indented under the open item's text.
        let same_section = r.items.last().is_some_and(|i| i.section == r.section);
        let under_text = r.stack.last().is_some_and(|&(_, m, col)| {
            matches!(
                m,
                Marker::Bullet | Marker::Number | Marker::Letter | Marker::Roman
            ) && indent >= col.saturating_sub(1)
        });
        // In hard-wrapped text, a line after one that reached the wrap width goes on.
        let filled = match wrapped {
            Wrap::None => false,
            Wrap::Indented => prev_width >= 60 && indent >= prev_indent,
            Wrap::FlushLeft { width } => wrapped_from(prev_line, trimmed, width),
        };
        let unmarked = matches!(marker, Marker::None | Marker::Label | Marker::SubHeading);
        // Wrapped flush left, a heading is not the rest of a line ("…at baseline visit"
        // then "Exclusion criteria:"); indented, a heading's words may be (a sub-study's
        // heading wrapped in legacy XML, "…to once vs twice daily" then
        // "lamivudine+abacavir Inclusion criteria").
        let flush = matches!(wrapped, Wrap::FlushLeft { .. });
        let continues = unmarked
            && !blank_before
            && same_section
            && (under_text || filled)
            && !(flush && heading(body, true).is_some());
        blank_before = false;
        prev_width = width;
        prev_line = raw_line.trim();
        // "AND" or "OR" on a line of its own between two items ends the item before
        // ("…appearance AND"): it is no item of its own, to hold the next as its child.
        let connector = unmarked && same_section && is_connector(body);
        if continues || connector {
            r.continue_last(body, prev_indent);
            continue;
        }
        if let Some(h) = heading(body, unmarked) {
            last_letter = None;
            labels.clear();
            if r.open(h, indent, text_col) {
                prev_indent = indent;
            }
            continue;
        }
        if body.is_empty() {
            continue;
        }
        // "Cohort 2:" is a peer of "Cohort 1:" however it is indented (NCT01298141 indents
        // it under the last item of cohort 1, which would take it, and its items, in).
        let (indent, text_col) = peer_place(&mut labels, marker, body, (indent, text_col));
        prev_indent = indent;
        last_letter = (marker == Marker::Letter)
            .then_some(letter)
            .flatten()
            .map(|l| (l, indent));
        // Real lists nest a few levels; past MAX_DEPTH items stay at the deepest level, so
        // hostile input cannot make the tree (and its recursive readers) arbitrarily deep.
        let restart = written.number.is_some_and(|(n, _)| n == 1);
        let depth = place(
            &mut r.stack,
            (indent, marker, text_col),
            restart,
            r.items.last(),
        )
        .min(MAX_DEPTH);
        r.push_item(Item {
            section: r.section,
            depth,
            text: body.to_string(),
            marker,
            written,
            preamble: !r.seen_heading,
        });
    }
    without_notices(r.items)
}

/// Finds the depth of a new item (its indent, marker and text column; `restart` when it is
/// numbered 1) and updates the open levels.
fn place(
    stack: &mut Vec<(usize, Marker, usize)>,
    (indent, marker, text_col): (usize, Marker, usize),
    restart: bool,
    previous: Option<&Item>,
) -> usize {
    let announced = previous.is_some_and(|p| announces_list(&p.text));
    if marker == Marker::SubHeading {
        // A sub-heading closes every level up to the sub-heading before it at its column.
        while let Some(&(top_indent, top_marker, _)) = stack.last() {
            if top_marker == Marker::Heading
                || (top_marker == Marker::SubHeading && top_indent < indent)
            {
                break;
            }
            stack.pop();
            if top_marker == Marker::SubHeading {
                break;
            }
        }
    } else if let Some(&(top_indent, top_marker, _)) = stack.last() {
        // "2. … at least 1 of the following:" then "i." at the margin: the numbering one
        // level down, or numbering that starts again at 1, is the announcing item's
        // sub-list, whatever its indent.
        let down = rank(marker) > rank(top_marker) || (marker == top_marker && restart);
        let sub_list = indent < top_indent
            && announced
            && down
            && rank(top_marker) > 0
            && !stack.iter().any(|&(i, m, _)| i == indent && m == marker);
        if sub_list {
            return push(stack, indent, marker, text_col);
        }
        // A plain sentence holds the items indented under it only when it announces them.
        let plain_over_items = top_marker == Marker::None
            && indent > top_indent
            && marker != Marker::None
            && marker != Marker::Label
            && !announced;
        if plain_over_items {
            stack.pop();
        }
        pop_levels(stack, indent, marker, previous);
    }
    push(stack, indent, marker, text_col)
}

/// Closes the open levels a new item at `indent` with `marker` does not belong under.
fn pop_levels(
    stack: &mut Vec<(usize, Marker, usize)>,
    indent: usize,
    marker: Marker,
    previous: Option<&Item>,
) {
    let mut first = true;
    while let Some(&(top_indent, top_marker, _)) = stack.last() {
        let holds = match top_marker {
            Marker::Heading => true,
            Marker::SubHeading => indent >= top_indent,
            // A label holds the plain lines at its own column right under it ("Age:" then
            // "18 and over"); after marked items, a plain line at its column closes it.
            Marker::Label => {
                indent > top_indent || (indent == top_indent && marker == Marker::None && first)
            }
            _ => indent > top_indent,
        };
        if holds {
            break;
        }
        if indent == top_indent {
            if top_marker == marker {
                stack.pop();
                break;
            }
            // Same column, another marker: a child of the item just before when that item
            // announces a list ("Severe disease with either:", "Group 1") or when the
            // numbering goes one level down ("1." then "a."); otherwise the level closes.
            let announces = first
                && previous.is_some_and(|p| {
                    p.text.trim_end().ends_with(':')
                        || (top_marker == Marker::None && is_label(&p.text))
                });
            let lower = rank(marker) > rank(top_marker) && rank(top_marker) > 0;
            let marked = !matches!(marker, Marker::None | Marker::Label);
            if marked && (announces || (first && lower)) {
                break;
            }
            stack.pop();
            first = false;
            continue;
        }
        stack.pop();
        first = false;
    }
}

/// Opens a level for a new item and gives its depth. Trees deeper than any real list come
/// from odd input; they stay flat from `MAX_DEPTH` on, so that building and reading the tree
/// stays within bounds.
fn push(
    stack: &mut Vec<(usize, Marker, usize)>,
    indent: usize,
    marker: Marker,
    text_col: usize,
) -> usize {
    if stack.len() >= MAX_DEPTH {
        stack.pop();
    }
    stack.push((indent, marker, text_col));
    stack.len() - 1
}

/// Depth of a numbering style: "1." above "a." above "i.".
fn rank(marker: Marker) -> u8 {
    match marker {
        Marker::Number => 1,
        Marker::Letter => 2,
        Marker::Roman => 3,
        Marker::None | Marker::Bullet | Marker::Heading | Marker::SubHeading | Marker::Label => 0,
    }
}

fn build_tree(flat: &[(usize, String, Marker)]) -> Vec<Criterion> {
    fn take(flat: &[(usize, String, Marker)], pos: &mut usize, depth: usize) -> Vec<Criterion> {
        let mut out = Vec::new();
        while *pos < flat.len() {
            let (d, ref text, marker) = flat[*pos];
            if d < depth {
                break;
            }
            // Deeper than expected without a parent at this depth: attach as a child anyway.
            *pos += 1;
            let children = take(flat, pos, d + 1);
            // A sub-heading with nothing under it only structures the text, as a bare
            // heading does: it is no criterion.
            if marker == Marker::SubHeading && children.is_empty() {
                continue;
            }
            out.push(Criterion {
                text: text.clone(),
                children,
                constraints: Vec::new(),
            });
        }
        out
    }
    let mut pos = 0;
    let min_depth = flat.iter().map(|(d, _, _)| *d).min().unwrap_or(0);
    take(flat, &mut pos, min_depth)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`marker_match`] gives what [`MARKER`] gives, on edge cases and on
    /// every line of the fixtures' texts.
    #[test]
    fn marker_shortcuts_agree_with_the_regex() {
        let mut lines: Vec<String> = [
            "* a",
            "*",
            "-  x",
            "– y",
            "•\u{2003}z",
            "o x",
            "o\tx",
            "ox",
            "o\u{a0}x",
            "1. a",
            "12) b",
            "123. c",
            "(1) d",
            "(a) e",
            "a. f",
            "B) g",
            "iv. h",
            "viii) i",
            "ix.j",
            "x. k",
            "\u{664}. l",
            "1\u{664}. m",
            "Age. n",
            "Age 18",
            "\"q\"",
            ". r",
            "(",
            "1.",
            "i.",
            "A)",
            "v)\u{2003}w",
            "(12) x",
            "(123) x",
            "ii) x",
            "iiii. x",
            "vx. x",
            "o",
            "o\u{2003}x",
            "12.",
            "(1)",
            "\u{663})",
            "\u{663}\u{663}\u{663}) x",
            "\u{663}\u{663}) x",
            "ix.x",
            "I. x",
            "(i) x",
            "(ab) x",
            "((1) x",
            "(o x",
            "(. x",
            "é. x",
            "ab",
            "viii)\n",
        ]
        .map(String::from)
        .into();
        lines.extend(fixture_lines());
        assert!(lines.len() > 10_000, "{} lines", lines.len());
        let regex = regex::Regex::new(MARKER).unwrap();
        let mut marked = 0;
        for l in &lines {
            let by_regex = regex.captures(l).map(|c| {
                let kind = if c.name("bullet").is_some() {
                    Marker::Bullet
                } else if c.name("num").is_some() {
                    Marker::Number
                } else if c.name("roman").is_some() {
                    Marker::Roman
                } else {
                    Marker::Letter
                };
                (kind, c[0].len())
            });
            marked += usize::from(by_regex.is_some());
            assert_eq!(marker_match(l), by_regex, "{l:?}");
        }
        assert!(marked > 1_000, "{marked} marked lines");
    }

    /// `ends_announcing` says what [`ANNOUNCES`] (as `regex::Regex` reads it) says: on every
    /// line of the fixtures' texts, without its list marker, and on variants (case, "ſ",
    /// stops and white space at the end, word characters before the words).
    #[test]
    fn announcing_scanner_matches_the_regex() {
        let regex = regex::Regex::new(ANNOUNCES).unwrap();
        let mut lines: Vec<String> = [
            "any of the FOLLOWING",
            "either;",
            "as follows :",
            "as \u{17F}ollows",
            "a\u{17F} follows.",
            "ONE OF\u{2003}.",
            "criterion..",
            "criteria:\u{a0}",
            "nonfollowing",
            "both\n",
            "following: ",
            "following..",
            "éfollowing",
            "-following",
            "_both",
            "3both",
            "x\u{2003}both\u{2003};",
            "both\u{2003};\u{2003}",
            "All Of",
            "all  of",
        ]
        .map(String::from)
        .into();
        for l in fixture_lines() {
            let l = l.trim_start_matches(|c: char| !c.is_alphanumeric()).trim();
            lines.push(l.to_string());
            lines.push(l.to_uppercase());
            lines.push(l.replace('s', "\u{17F}"));
        }
        let mut matched = 0;
        for l in &lines {
            let want = regex.is_match(l);
            assert_eq!(ends_announcing(l), want, "{l:?}");
            matched += usize::from(want);
        }
        assert!(matched > 200, "{matched}");
    }

    /// Every line of the fixtures' texts (pages, and the strings with line breaks of JSON
    /// records), trimmed.
    fn fixture_lines() -> Vec<String> {
        let mut lines = Vec::new();
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
        for entry in walkdir::WalkDir::new(fixtures) {
            let path = entry.unwrap().into_path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !matches!(ext, "json" | "txt") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let mut texts = Vec::new();
            match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(v) if ext == "json" => strings(&v, &mut texts),
                _ => texts.push(text),
            }
            for t in texts {
                lines.extend(t.lines().map(|l| l.trim().to_string()));
            }
        }
        lines
    }

    fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) if s.contains('\n') => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
            serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }

    fn texts(c: &[Criterion]) -> Vec<&str> {
        c.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn bullets_under_headings() {
        let c = split(
            "Inclusion Criteria:\n\n  • More than 18 years old\n  • Signed consent\n\nExclusion Criteria:\n\n  • Pregnancy\n",
        );
        assert_eq!(
            texts(&c.inclusion),
            ["More than 18 years old", "Signed consent"]
        );
        assert_eq!(texts(&c.exclusion), ["Pregnancy"]);
    }

    #[test]
    fn wrapped_xml_items_and_nesting() {
        let raw = "        Inclusion Criteria:\n\n          -  Women with systemic autoimmune disease,\n             including:\n\n               -  Lupus\n\n               -  Vasculitis\n\n          -  Able to consent\n\n        Exclusion Criteria:\n\n          -  Unable to speak English\n";
        let c = split(raw);
        assert_eq!(
            texts(&c.inclusion),
            [
                "Women with systemic autoimmune disease, including:",
                "Able to consent"
            ]
        );
        assert_eq!(texts(&c.inclusion[0].children), ["Lupus", "Vasculitis"]);
        assert_eq!(texts(&c.exclusion), ["Unable to speak English"]);
    }

    #[test]
    fn markdown_numbers_and_sub_bullets() {
        let raw = "Inclusion Criteria:\n\n* Adults\n* Severe disease:\n  * mRSS >= 20\n  * or organ involvement:\n    1. lung\n    2. heart\n\nExclusion Criteria:\n\n1. Age < 18\n2. Pregnancy";
        let c = split(raw);
        assert_eq!(texts(&c.inclusion), ["Adults", "Severe disease:"]);
        assert_eq!(
            texts(&c.inclusion[1].children[1].children),
            ["lung", "heart"]
        );
        assert_eq!(texts(&c.exclusion), ["Age < 18", "Pregnancy"]);
    }

    #[test]
    fn letters_nest_under_numbers_and_escapes_are_undone() {
        let c = split("1. Severe disease\na. mRSS \\>= 20\nb. CRP > 5 mg/l\n2. Consent");
        assert_eq!(texts(&c.inclusion), ["Severe disease", "Consent"]);
        assert_eq!(
            texts(&c.inclusion[0].children),
            ["mRSS >= 20", "CRP > 5 mg/l"]
        );
        assert_eq!(c.inclusion[0].children[0].constraints[0].value, 20.0);
    }

    #[test]
    fn headings_inline_labelled_and_hidden_in_a_list() {
        let c = split(
            "Inclusion Criteria:Fulfilling all the following criteria\n- Adults\n- EXCLUSION CRITERIA:\n- Pregnancy",
        );
        assert_eq!(
            texts(&c.inclusion),
            ["Fulfilling all the following criteria"]
        );
        assert_eq!(texts(&c.inclusion[0].children), ["Adults"]);
        assert_eq!(texts(&c.exclusion), ["Pregnancy"]);
        let c = split("Part A:\n- age 18 to 65 years\nFor cohort 2\n- BMI < 30 kg/m2");
        assert_eq!(texts(&c.inclusion), ["Part A:", "For cohort 2"]);
        assert_eq!(texts(&c.inclusion[1].children), ["BMI < 30 kg/m2"]);
        // A criterion that names the criteria is not a heading.
        let c = split("Exclusion Criteria:\n- Does not meet inclusion criteria");
        assert_eq!(texts(&c.exclusion), ["Does not meet inclusion criteria"]);
    }

    #[test]
    fn odd_input_never_panics() {
        let deep: String = (0..500)
            .map(|i| format!("{}- x\n", " ".repeat(i)))
            .collect();
        for raw in [
            "",
            "≥",
            "1.",
            "- ≥ 5 x",
            "(((",
            ">",
            "10^9/L",
            "× ULN",
            "é 5 é",
            "a-",
            "\\",
            &deep,
        ] {
            let c = split(raw);
            let _ = crate::normalize::constraints::extract(raw);
            assert!(c.inclusion.len() + c.exclusion.len() <= 500);
        }
        fn depth(c: &[Criterion]) -> usize {
            c.iter().map(|x| 1 + depth(&x.children)).max().unwrap_or(0)
        }
        let c = split(&deep);
        assert_eq!(depth(&c.inclusion), MAX_DEPTH);
    }

    #[test]
    fn a_sentence_announcing_alternatives_holds_only_marked_items() {
        // With bullets, the alternatives nest under the sentence that announces them.
        let marked = split(
            "Severe disease with either:\n- duration under 2 years\n- mRSS 15\nHealth insurance.",
        );
        assert_eq!(
            texts(&marked.inclusion),
            ["Severe disease with either:", "Health insurance."]
        );
        assert_eq!(marked.inclusion[0].children.len(), 2);
        // A text copy that lost its bullets cannot say where the list ends: the lines stay
        // siblings instead of all becoming alternatives.
        let flat = split(
            "Severe disease with either:\n\nduration under 2 years\n\nmRSS 15\n\nHealth insurance.",
        );
        assert_eq!(flat.inclusion.len(), 4);
        assert!(flat.inclusion[0].children.is_empty());
        // A short label ("Age:") still holds the plain line under it.
        let label = split("Age:\n18 and over\nLife expectancy:\nAt least 12 weeks");
        assert_eq!(texts(&label.inclusion), ["Age:", "Life expectancy:"]);
        assert_eq!(texts(&label.inclusion[1].children), ["At least 12 weeks"]);
    }

    #[test]
    fn no_heading_is_inclusion() {
        let c = split("- a\n- b");
        assert_eq!(texts(&c.inclusion), ["a", "b"]);
        assert!(c.exclusion.is_empty());
    }
}

//! Regexes searched in short texts (a line, a criterion, the words around a number) for
//! where they match and their groups, built for a one-record process: each compiled the first time it is
//! searched, with no literal prefilter, and without Unicode for an ASCII text.
//!
//! What compiling cost was most of a one-record process: the literal prefilter of a
//! case-insensitive alternation (its extraction and Teddy searcher) cost more than the rest,
//! and Unicode classes (`\w`, `\s`, `\d`, `\b`, case folding) more than doubled the automata.
//! On the texts searched here a prefilter saves little, and most texts are ASCII. Matches are
//! those of `regex::Regex` with the same pattern: a prefilter only skips ahead, and on an ASCII
//! text every class and word boundary without Unicode matches as with it (ASCII case folding,
//! ASCII `\w`, `\s`, `\d`, and classes cut to their ASCII part). A text whose only other
//! characters are neutral (signs such as "≥", "×", "°": no word character, no space) is
//! searched with the pattern read without Unicode too, where it has such a reading.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex_automata::meta::{self, FindMatches, Regex};
use regex_automata::util::captures::Captures;
use regex_automata::util::syntax;
use regex_automata::{Input, Match};
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};

use super::scan::is_word_char;

/// Texts up to this many bytes are checked for being ASCII; longer ones take the Unicode
/// build, so that searching every number of a long text does not scan it again each time.
const ASCII_CHECKED: usize = 1024;

/// One pattern, compiled lazily: once for ASCII texts, once for others.
/// A pattern written in the source is a `static` of its own (`static X: Lean = Lean::new(…)`):
/// nothing is done until the first search.
pub struct Lean {
    /// Written in the source (borrowed) or made at run time from a table row (owned).
    pattern: Cow<'static, str>,
    /// No ASCII build: every text is searched with the Unicode one.
    unicode_only: bool,
    /// The ASCII build, and whether it is the pattern read without Unicode as it is (then
    /// it also serves texts whose other characters are neutral: see `text_kind`).
    ascii: OnceLock<Option<(Regex, bool)>>,
    unicode: OnceLock<Regex>,
}

impl Lean {
    /// The regex of one pattern written in the source.
    pub const fn new(pattern: &'static str) -> Lean {
        Lean::build(Cow::Borrowed(pattern), false)
    }

    /// The regex of one pattern written in the source, with no ASCII build: for texts that
    /// mostly hold some non-ASCII character (list lines with their bullets), where it would
    /// be a second one.
    pub const fn unicode(pattern: &'static str) -> Lean {
        Lean::build(Cow::Borrowed(pattern), true)
    }

    /// The regex of one pattern made at run time (from a table's row).
    pub fn made(pattern: String) -> Lean {
        Lean::build(Cow::Owned(pattern), false)
    }

    const fn build(pattern: Cow<'static, str>, unicode_only: bool) -> Lean {
        Lean {
            pattern,
            unicode_only,
            ascii: OnceLock::new(),
            unicode: OnceLock::new(),
        }
    }

    fn builder(&self) -> meta::Builder {
        // No full DFA either (built when a dev-dependency turns on regex-automata's
        // `dfa-build`, as examples do), nor a one-pass DFA for the groups (another automaton
        // built up front): the lazy DFA and the backtracker do as well on texts this short.
        let config = meta::Config::new()
            .auto_prefilter(false)
            .dfa(false)
            .onepass(false);
        let mut builder = meta::Builder::new();
        builder.configure(config);
        builder
    }

    /// The Unicode build: the pattern as `regex::Regex` reads it.
    fn compile_unicode(&self) -> Regex {
        self.builder()
            .build(&self.pattern)
            .unwrap_or_else(|e| panic!("{:?}: {e}", &self.pattern))
    }

    /// The pattern read without Unicode, if they can be (no `.`, negated class or non-ASCII
    /// character in a class).
    fn compile_plain(&self) -> Option<Regex> {
        self.builder()
            .syntax(syntax::Config::new().unicode(false))
            .build(&self.pattern)
            .ok()
    }

    /// The ASCII build: each pattern read as with Unicode, then every class cut to its ASCII
    /// part and every word boundary made ASCII (on ASCII text, each matches as before).
    fn compile_ascii(&self) -> Option<(Regex, bool)> {
        // Most patterns read without Unicode at once (the cheapest parse); those that then
        // could match a non-ASCII character (`.`, a negated class) or that hold one in a
        // class are cut down from the Unicode reading.
        if let Some(plain) = self.compile_plain() {
            return Some((plain, true));
        }
        let hir = ascii(&regex_syntax::Parser::new().parse(&self.pattern).ok()?);
        self.builder()
            .build_from_hir(&hir)
            .ok()
            .map(|cut| (cut, false))
    }

    /// The build that searches `text`.
    pub fn regex(&self, text: &str) -> &Regex {
        // Once built, the Unicode build serves every text: no second build for ASCII ones.
        if let Some(unicode) = self.unicode.get() {
            return unicode;
        }
        if !self.unicode_only && text.len() <= ASCII_CHECKED {
            let kind = text_kind(text);
            let built = match kind {
                Kind::Ascii => self.ascii.get_or_init(|| self.compile_ascii()),
                // A neutral text is served by a plain build only, so no cut one is built
                // for it; when there is no plain one, the Unicode build made below serves
                // every text from then on.
                Kind::Neutral => self
                    .ascii
                    .get_or_init(|| self.compile_plain().map(|p| (p, true))),
                Kind::Other => &None,
            };
            if let Some((ascii, plain)) = built {
                if *plain || kind == Kind::Ascii {
                    return ascii;
                }
            }
        }
        self.unicode.get_or_init(|| self.compile_unicode())
    }

    /// True when the pattern matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.regex(text).is_match(text)
    }

    /// The leftmost-first match in `text`.
    pub fn find(&self, text: &str) -> Option<Match> {
        self.regex(text).find(text)
    }

    /// The leftmost-first match in `text` from `start` on (what comes before still counts
    /// for anchors and word boundaries).
    pub fn find_at(&self, text: &str, start: usize) -> Option<Match> {
        self.regex(text)
            .find(Input::new(text).span(start..text.len()))
    }

    /// Every non-overlapping match in `text`.
    pub fn find_iter<'r, 'h>(&'r self, text: &'h str) -> FindMatches<'r, 'h> {
        self.regex(text).find_iter(text)
    }

    /// The leftmost-first match in `text` with its groups.
    pub fn captures<'h>(&self, text: &'h str) -> Option<Groups<'h>> {
        let regex = self.regex(text);
        let mut caps = regex.create_captures();
        regex.captures(text, &mut caps);
        caps.is_match().then_some(Groups { text, caps })
    }

    /// Every non-overlapping match in `text`, with its groups.
    pub fn captures_iter<'r, 'h>(&'r self, text: &'h str) -> impl Iterator<Item = Groups<'h>> + 'r
    where
        'h: 'r,
    {
        self.regex(text)
            .captures_iter(text)
            .map(move |caps| Groups { text, caps })
    }

    /// [`Lean::check_builds_agree`] on `cases` and every line of every fixture file.
    #[cfg(test)]
    pub fn check_on_fixture_lines(&self, cases: &[&str]) -> usize {
        self.check_builds_agree(&crate::test_texts::with_fixture_lines(cases))
    }

    /// Checks that both builds find the same matches, each group where the other finds it,
    /// in each of `texts` the ASCII build serves (ASCII ones; neutral ones for a plain
    /// build); how many texts were compared (none when the pattern has no ASCII build).
    #[cfg(test)]
    pub fn check_builds_agree(&self, texts: &[String]) -> usize {
        let Some((ascii, plain)) = self.compile_ascii() else {
            return 0;
        };
        let unicode = self.compile_unicode();
        let all = |r: &Regex, text: &str| -> Vec<Vec<Option<(usize, usize)>>> {
            r.captures_iter(text)
                .map(|c| {
                    (0..c.group_len())
                        .map(|i| c.get_group(i).map(|s| (s.start, s.end)))
                        .collect()
                })
                .collect()
        };
        let mut compared = 0;
        for text in texts {
            let kind = text_kind(text);
            if !(kind == Kind::Ascii || (kind == Kind::Neutral && plain)) {
                continue;
            }
            compared += 1;
            assert_eq!(
                all(&ascii, text),
                all(&unicode, text),
                "{:?} in {text:?}",
                &self.pattern
            );
        }
        compared
    }
}

/// What a text holds besides ASCII, for choosing a build.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Ascii,
    /// Other characters, all neutral (see `text_kind`).
    Neutral,
    Other,
}

/// Whether `text` is ASCII, or holds only neutral characters besides: none a word character
/// (`\w`) or white space (`\s`) with Unicode, as "≥", "×", "°", "–" are not. On such a text
/// a pattern read without Unicode matches as with it: `\w`, `\s`, `\d` and `\b` treat a
/// neutral character alike in both readings (as no word character, no space), ASCII case
/// folding misses only letters (KELVIN SIGN, LONG S, and case variants of a pattern's own
/// non-ASCII letters, which are word characters), a literal "≥" is the same bytes, and a
/// pattern with `.`, a negated class or a non-ASCII character in a class has no such reading.
fn text_kind(text: &str) -> Kind {
    if text.is_ascii() {
        Kind::Ascii
    } else if text
        .chars()
        .all(|c| c.is_ascii() || !(is_word_char(c) || c.is_whitespace()))
    {
        Kind::Neutral
    } else {
        Kind::Other
    }
}

/// The groups of one match (as `regex::Captures`).
pub struct Groups<'h> {
    text: &'h str,
    caps: Captures,
}

impl<'h> Groups<'h> {
    /// Group `i` (0: the whole match), if it took part.
    pub fn get(&self, i: usize) -> Option<Group<'h>> {
        self.caps.get_group(i).map(|s| Group {
            text: self.text,
            start: s.start,
            end: s.end,
        })
    }

    /// The named group, if it took part.
    pub fn name(&self, name: &str) -> Option<Group<'h>> {
        self.caps.get_group_by_name(name).map(|s| Group {
            text: self.text,
            start: s.start,
            end: s.end,
        })
    }
}

impl std::ops::Index<&str> for Groups<'_> {
    type Output = str;

    /// The named group's text; panics when it took no part.
    fn index(&self, name: &str) -> &str {
        self.name(name)
            .unwrap_or_else(|| panic!("no group {name}"))
            .as_str()
    }
}

/// One group of a match: where it is in the text searched.
#[derive(Clone, Copy, Debug)]
pub struct Group<'h> {
    text: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Group<'h> {
    /// The matched text.
    pub fn as_str(&self) -> &'h str {
        &self.text[self.start..self.end]
    }

    /// Where it starts.
    pub fn start(&self) -> usize {
        self.start
    }

    /// Where it ends.
    pub fn end(&self) -> usize {
        self.end
    }
}

/// `hir` for ASCII texts: each class cut to its ASCII part, each Unicode word boundary made
/// an ASCII one. On an ASCII text it matches where `hir` does, with far smaller automata
/// (Unicode `\w` alone is hundreds of ranges, and case folding adds more).
fn ascii(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(lit) => Hir::literal(lit.0.clone()),
        HirKind::Class(Class::Unicode(class)) => {
            let mut class = class.clone();
            class.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7F')]));
            Hir::class(Class::Unicode(class))
        }
        HirKind::Class(Class::Bytes(class)) => Hir::class(Class::Bytes(class.clone())),
        HirKind::Look(look) => Hir::look(match look {
            Look::WordUnicode => Look::WordAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            other => *other,
        }),
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: Box::new(ascii(&rep.sub)),
            ..rep.clone()
        }),
        HirKind::Capture(cap) => Hir::capture(Capture {
            sub: Box::new(ascii(&cap.sub)),
            ..cap.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(ascii).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(ascii).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_texts_take_the_ascii_build_and_others_the_unicode_one() {
        let word = Lean::new(r"(?i)\bk\w+");
        assert_eq!(word.find("an OK Kelvin").map(|m| m.range()), Some(6..12));
        // KELVIN SIGN folds to k, and é is a word character, only with Unicode.
        assert_eq!(
            word.find("an \u{212A}elvin").map(|m| m.range()),
            Some(3..11)
        );
        assert_eq!(word.find("éKelvin"), None);
        assert!(word.ascii.get().is_some_and(Option::is_some));
        assert!(word.unicode.get().is_some());
        // `.` and negated classes keep their ASCII part.
        let any = Lean::new(r"a.c[^x]");
        assert!(any.is_match("abcd") && any.is_match("aécé") && !any.is_match("abcx"));
        assert!(any.ascii.get().is_some_and(Option::is_some));
        let c = Lean::new(r"(?P<n>\d+)\s*(?P<u>\w+)?")
            .captures("x 12 kg")
            .unwrap();
        assert_eq!((&c["n"], c.name("u").map(|g| g.start())), ("12", Some(5)));
        assert_eq!(c.get(0).map(|g| (g.start(), g.end())), Some((2, 7)));
        // Around neutral characters ("≥", "×") the plain build serves, and matches as the
        // Unicode one; a pattern with a non-ASCII class item has none for such a text.
        let ge = Lean::new(r"(?i)(?:\bat least|≥)\s*\d+\b");
        assert_eq!(ge.find("ALT ≥3×ULN").map(|m| m.range()), Some(4..8));
        assert!(ge
            .ascii
            .get()
            .is_some_and(|b| b.as_ref().is_some_and(|b| b.1)));
        assert!(ge.unicode.get().is_none());
        assert_eq!(ge.find("x ≥\u{a0}3").map(|m| m.range()), Some(2..8));
        assert!(ge.unicode.get().is_some());
        let minus = Lean::new(r"[-−]\d");
        assert_eq!(minus.find("≥ −2").map(|m| m.range()), Some(4..8));
        assert!(minus.ascii.get().is_some_and(Option::is_none));
        assert_eq!(
            Lean::new(r"\d+").find_at("ab 12", 4).map(|m| m.range()),
            Some(4..5)
        );
    }
}

//! Text cleaning: trimmed, spaces folded, paragraph breaks kept only where they carry structure.

/// True for the characters folded into a plain space (NBSP and other Unicode spaces).
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}'
}

/// One line of text: every run of white space (line breaks included) becomes one space.
/// Returns `None` for empty or blank input.
pub fn line(raw: &str) -> Option<String> {
    if is_clean_line(raw) {
        return Some(raw.to_owned());
    }
    let mut out = String::with_capacity(raw.len());
    push_line(&mut out, raw);
    (!out.is_empty()).then_some(out)
}

/// Whether `raw` is one clean line already: printable words (ASCII, or other characters
/// that are no space) with one space between them, as most registry text is. [`line()`]
/// and [`line_paragraphs`] give such text back unchanged, so it is copied (or moved)
/// instead of rebuilt character by character (a test checks they agree).
pub fn is_clean_line(raw: &str) -> bool {
    // Most text is ASCII: checked first, with the other characters' check apart (not
    // inlined) so that the ASCII one stays small enough to be.
    words_between(raw, |c| c.wrapping_sub(b' ') < 0x5f)
        || (!raw.is_ascii() && is_clean_unicode_line(raw))
}

/// [`is_clean_line`] of text with non-ASCII characters.
#[inline(never)]
fn is_clean_unicode_line(raw: &str) -> bool {
    words_between(raw, |c| c >= b' ' && c != 0x7f) && !has_unicode_space(raw)
}

/// Whether `raw` is bytes `printable` says are, with one space (a printable byte) between
/// its words. One fold over the pairs of neighbours, without an early exit, which the
/// compiler vectorizes (most texts are short, and all of a clean one is read anyway); the
/// first byte is the one no pair ends with.
fn words_between(raw: &str, printable: impl Fn(u8) -> bool) -> bool {
    let b = raw.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return false;
    };
    let pairs = b.iter().zip(&b[1..]);
    let clean = pairs.fold(true, |ok, (&x, &y)| {
        ok & printable(y) & !(x == b' ' && y == b' ')
    });
    clean && printable(first) && first != b' ' && last != b' '
}

/// Whether `raw` has a non-ASCII character that [`line()`] folds (NBSP, an em space…).
fn has_unicode_space(raw: &str) -> bool {
    // Each of them starts with one of these bytes (a test checks), which SIMD finds:
    // only the characters they start are read.
    let b = raw.as_bytes();
    let at = |i: usize| raw[i..].chars().next().is_some_and(is_space);
    memchr::memchr3_iter(0xc2, 0xe2, 0xe3, b).any(at) || memchr::memchr2_iter(0xe1, 0xef, b).any(at)
}

/// Appends [`line()`] of `raw` to `out` (nothing for blank input), so that a caller joining
/// several lines builds one string instead of one per line.
pub fn push_line(out: &mut String, raw: &str) {
    let start = out.len();
    let b = raw.as_bytes();
    // Copies each run of words with single spaces between them whole (most of a text is
    // one run); `run` is where the current one starts.
    let mut run: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        // ASCII letters, digits and punctuation, the most of any text, in a tight loop.
        if (b'!'..0x80).contains(&b[i]) {
            run.get_or_insert(i);
            i += 1;
            while i < b.len() && (b'!'..0x80).contains(&b[i]) {
                i += 1;
            }
            continue;
        }
        let (space, len) = space_at(raw, i);
        if !space {
            run.get_or_insert(i);
        } else if b[i] == b' ' && run.is_some() && i + 1 < b.len() && !space_at(raw, i + 1).0 {
            // One space between two words: the run goes on.
        } else if let Some(r) = run.take() {
            push_word(out, start, &raw[r..i]);
        }
        i += len;
    }
    if let Some(r) = run {
        push_word(out, start, &raw[r..]);
    }
}

/// Whether the character at byte `i` of `raw` is white space [`line()`] folds, and its
/// length. Bytes, not chars: only a non-ASCII byte needs decoding.
fn space_at(raw: &str, i: usize) -> (bool, usize) {
    match raw.as_bytes()[i] {
        // `char::is_whitespace` in ASCII: U+0009..=U+000D and the space.
        b @ 0..=0x7f => (matches!(b, b'\t'..=b'\r' | b' '), 1),
        _ => {
            let c = raw[i..].chars().next().expect("a char starts here");
            (is_space(c), c.len_utf8())
        }
    }
}

/// Appends words of [`line()`] (whose text starts at `start` in `out`), after a space
/// unless they are the first.
fn push_word(out: &mut String, start: usize, word: &str) {
    if word.is_empty() {
        return;
    }
    if out.len() > start {
        out.push(' ');
    }
    out.push_str(word);
}

/// Like [`line()`], for an optional value.
pub fn opt_line(raw: Option<&str>) -> Option<String> {
    raw.and_then(line)
}

/// Paragraphs: blank lines separate paragraphs (kept as one blank line); the lines inside a
/// paragraph are joined with a space, since sources wrap them at arbitrary widths.
pub fn paragraphs(raw: &str) -> Option<String> {
    let normalized = unix_lines(raw);
    let mut paras: Vec<String> = Vec::new();
    let mut current = String::new();
    for l in normalized.split('\n') {
        match line(l) {
            Some(l) => {
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(&l);
            }
            None if !current.is_empty() => paras.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        paras.push(current);
    }
    (!paras.is_empty()).then(|| paras.join("\n\n"))
}

/// Paragraphs of text that nobody wrapped (the API JSON): every line break the source keeps
/// is structure (a list item, a heading), so each non-blank line is a paragraph. Wrapped text
/// (the legacy XML) goes through [`paragraphs`] instead; both give one paragraph per item.
pub fn line_paragraphs(raw: &str) -> Option<String> {
    let paras: Vec<String> = raw.lines().filter_map(line).collect();
    (!paras.is_empty()).then(|| paras.join("\n\n"))
}

/// A block of text as given, with its common indentation removed: the legacy XML indents
/// every line of a `<textblock>` by the element's depth. Relative indentation (which nests
/// list items) is kept; line ends and blank lines around the block are trimmed.
pub fn dedent(raw: &str) -> Option<String> {
    let normalized = unix_lines(raw);
    let mut lines: Vec<&str> = normalized.split('\n').map(str::trim_end).collect();
    // Text that starts on the opening tag's line has no indentation of its own to measure.
    let first = lines.first().map(|l| l.trim_start()).unwrap_or_default();
    let measured = if lines.len() > 1 {
        &lines[1..]
    } else {
        &lines[..]
    };
    let indent = measured
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    if let Some(l) = lines.first_mut() {
        *l = first;
    }
    let body: Vec<&str> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l
            } else {
                l.get(indent..).unwrap_or("")
            }
        })
        .collect();
    let start = body.iter().position(|l| !l.is_empty())?;
    let end = body.iter().rposition(|l| !l.is_empty())?;
    Some(body[start..=end].join("\n"))
}

/// `raw` with its line ends as `\n`: a copy only when it has a `\r`.
fn unix_lines(raw: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr(b'\r', raw.as_bytes()).is_some() {
        raw.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        raw.into()
    }
}

/// Removes the Markdown backslash escapes the API v2 puts before punctuation (`\>=`, `\*`).
pub fn unescape_markdown(raw: &str) -> String {
    let b = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    // Copies the text between escapes whole: `copied` is where the next copy starts.
    let (mut copied, mut at) = (0, 0);
    while let Some(k) = memchr::memchr(b'\\', &b[at..]) {
        let i = at + k;
        if b.get(i + 1).is_some_and(u8::is_ascii_punctuation) {
            // Drops the backslash; the escaped character starts the next copy, and is
            // never an escape itself (`\\` is one backslash).
            out.push_str(&raw[copied..i]);
            copied = i + 1;
            at = i + 2;
        } else {
            at = i + 1;
        }
    }
    out.push_str(&raw[copied..]);
    out
}

/// Lowercase ASCII letters and digits only: the key that wording variants are compared by
/// ("Non-Randomized", "NON_RANDOMIZED" and "non randomized" all give `nonrandomized`).
pub fn squash(raw: &str) -> String {
    if raw.is_ascii() {
        // The same filter and case for ASCII, byte by byte into a string of the right size.
        let mut out = String::with_capacity(raw.len());
        let kept = raw.bytes().filter(u8::is_ascii_alphanumeric);
        out.extend(kept.map(|b| char::from(b.to_ascii_lowercase())));
        return out;
    }
    raw.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `per_len` strings of every length up to `max_len`, drawn from `alphabet` by a fixed
    /// linear congruential sequence from `seed` (the same strings on every run): mostly its
    /// first entry (a letter) and second (a space), `weights` out of the draw, as text is.
    fn sample_texts(
        seed: u64,
        alphabet: &[&str],
        weights: (u64, u64),
        max_len: usize,
        per_len: usize,
    ) -> Vec<String> {
        let (letters, spaces) = weights;
        let draw = letters + spaces + alphabet.len() as u64 - 2;
        let mut state = seed;
        let mut texts = Vec::new();
        for len in 0..=max_len {
            for _ in 0..per_len {
                let mut s = String::new();
                for _ in 0..len {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    let r = (state >> 33) % draw;
                    let pick = if r < letters {
                        0
                    } else if r < letters + spaces {
                        1
                    } else {
                        (r - letters - spaces + 2) as usize
                    };
                    s.push_str(alphabet[pick]);
                }
                texts.push(s);
            }
        }
        texts
    }

    #[test]
    fn folds_spaces_and_nbsp() {
        assert_eq!(line("  a\u{a0}\u{a0}b \t c\n").as_deref(), Some("a b c"));
        assert_eq!(line(" \u{a0} "), None);
    }

    #[test]
    fn keeps_paragraphs_only() {
        let raw = "  First line\n  wrapped here.\r\n\r\n\n  Second.  ";
        assert_eq!(
            paragraphs(raw).as_deref(),
            Some("First line wrapped here.\n\nSecond.")
        );
    }

    #[test]
    fn unwrapped_lines_are_paragraphs() {
        assert_eq!(
            line_paragraphs("Aims:\n\n* one\n*  two \r\n").as_deref(),
            Some("Aims:\n\n* one\n\n* two")
        );
        assert_eq!(line_paragraphs("\n \n"), None);
    }

    #[test]
    fn dedents_blocks() {
        let raw = "\n        Inclusion:\n\n          -  a\n             wrapped  \n        Exclusion:\n      ";
        assert_eq!(
            dedent(raw).as_deref(),
            Some("Inclusion:\n\n  -  a\n     wrapped\nExclusion:")
        );
        assert_eq!(dedent(" \n\t\n"), None);
        assert_eq!(
            dedent("Criteria:\n    - a\n      b").as_deref(),
            Some("Criteria:\n- a\n  b")
        );
    }

    /// Copying runs of words gives what joining the words one by one gave, on strings of
    /// every length up to 24 made of letters and every kind of white space.
    #[test]
    fn runs_of_words_are_the_words_joined() {
        let by_words = |raw: &str| {
            let words: Vec<&str> = raw.split(is_space).filter(|w| !w.is_empty()).collect();
            words.join(" ")
        };
        let alphabet = [
            "a", " ", "b", "\t", "\n", "\u{a0}", "\u{2003}", "\u{200b}", "\u{feff}", "\u{e9}", "!",
            "\r\n", "\u{b}",
        ];
        for s in sample_texts(7, &alphabet, (8, 6), 24, 300) {
            let mut out = String::from("x");
            push_line(&mut out, &s);
            assert_eq!(out[1..], by_words(&s), "{s:?}");
        }
    }

    /// The clean-line check says what a plain character-by-character reading says, on
    /// strings of every length up to 40 made of clean and unclean characters.
    #[test]
    fn clean_line_check_reads_as_characters_do() {
        let by_chars = |s: &str| {
            !s.is_empty()
                && !s.starts_with(' ')
                && !s.ends_with(' ')
                && s.chars()
                    .all(|c| (' '..='~').contains(&c) || !(c.is_ascii() || is_space(c)))
                && !s.contains("  ")
        };
        let alphabet = [
            "a",
            " ",
            "~",
            "\u{1f}",
            "\u{7f}",
            "\t",
            "\u{e9}",
            "!",
            "\u{a0}",
            "\u{85}",
            "\u{2003}",
            "\u{200b}",
            "\u{feff}",
            "\u{3000}",
            "\u{2265}",
            "\u{1f600}",
        ];
        let mut clean = 0;
        for s in sample_texts(1, &alphabet, (9, 4), 40, 400) {
            assert_eq!(is_clean_line(&s), by_chars(&s), "{s:?}");
            clean += usize::from(is_clean_line(&s));
        }
        assert!(clean > 500, "{clean} clean");
    }

    /// Every non-ASCII character [`line()`] folds starts with a byte `has_unicode_space`
    /// looks for.
    #[test]
    fn unicode_spaces_start_with_the_bytes_looked_for() {
        let spaces: Vec<char> = (char::MIN..=char::MAX)
            .filter(|&c| !c.is_ascii() && is_space(c))
            .collect();
        assert!(spaces.len() > 20, "{spaces:?}");
        for c in spaces {
            assert!(has_unicode_space(&format!("a{c}b")), "{c:?}");
        }
    }

    #[test]
    fn markdown_escapes() {
        assert_eq!(unescape_markdown(r"age \>= 18 \* x\y"), r"age >= 18 * x\y");
        assert_eq!(unescape_markdown(r"\\\* a\\b \"), r"\* a\b \");
        assert_eq!(unescape_markdown("\\é\\\\\\"), "\\é\\\\");
        assert_eq!(unescape_markdown(r"\\\\"), r"\\");
        assert_eq!(unescape_markdown("plain"), "plain");
        // The character-by-character reading it replaced, on every mix of these pieces.
        let by_chars = |raw: &str| {
            let mut out = String::new();
            let mut chars = raw.chars().peekable();
            while let Some(c) = chars.next() {
                match chars.peek() {
                    Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                        out.push(next);
                        chars.next();
                    }
                    _ => out.push(c),
                }
            }
            out
        };
        let pieces = ["\\", "*", "a", "é", ">", " "];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        let raw = [a, b, c, d].concat();
                        assert_eq!(unescape_markdown(&raw), by_chars(&raw), "{raw:?}");
                    }
                }
            }
        }
        assert_eq!(squash("Non-Randomized"), "nonrandomized");
        // ASCII text, read byte by byte, as the character reading reads it.
        for raw in [
            "NON_RANDOMIZED",
            "95% Confidence Interval",
            "a-Z 0_9 ~!",
            "",
            "  ",
        ] {
            let by_chars: String = (raw.chars())
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            assert_eq!(squash(raw), by_chars, "{raw:?}");
        }
        assert_eq!(squash("Ré-Évalué"), "réévalué");
    }
}

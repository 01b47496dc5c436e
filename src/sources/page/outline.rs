//! The outline a page's section reader walks: lines of text with their indentation.
//!
//! Copied page text is already an outline. Saved HTML is rendered to the same outline
//! (headings, label/value lines, paragraphs, indented list items, table rows), so one
//! section reader per site serves both forms.

/// One line of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Leading white space, in columns (a tab counts 4).
    pub indent: usize,
    /// The text, trimmed, with non-breaking and other Unicode spaces made plain spaces.
    /// Empty for a blank line.
    pub text: String,
}

impl Line {
    /// True for a blank line.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// One line with its indentation measured and its text trimmed.
fn line_of(raw: &str) -> Line {
    let indent = raw
        .chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum();
    Line {
        indent,
        text: raw.trim().to_string(),
    }
}

/// A page as lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// The lines, blank ones included (they separate paragraphs).
    pub lines: Vec<Line>,
}

impl Outline {
    /// Reads copied text: CRLF, CR, non-breaking spaces and trailing blanks make no difference.
    pub fn from_text(text: &str) -> Outline {
        let lines = text
            .split('\n')
            .flat_map(|raw| {
                let raw = raw.strip_suffix('\r').unwrap_or(raw);
                // Plain ASCII lines (nearly all) need no Unicode space mapping.
                let raw: std::borrow::Cow<str> = if raw.is_ascii() && !raw.contains('\r') {
                    raw.into()
                } else {
                    raw.chars()
                        .map(|c| match c {
                            '\t' => '\t',
                            '\r' => '\n',
                            c if c.is_whitespace() || c == '\u{feff}' => ' ',
                            c => c,
                        })
                        .collect::<String>()
                        .into()
                };
                raw.split('\n').map(line_of).collect::<Vec<_>>()
            })
            .collect();
        Outline {
            lines: fold_blank_runs(lines),
        }
    }

    /// The lines as text again, each indented as read; what the criteria reader takes.
    pub fn render(lines: &[Line]) -> String {
        let mut out = String::new();
        for l in lines {
            if !l.is_blank() {
                out.extend(std::iter::repeat_n(' ', l.indent));
                out.push_str(&l.text);
            }
            out.push('\n');
        }
        out
    }
}

/// A run of blank lines reads as one: how many a copy holds between two paragraphs or list
/// items depends on the browser, never on the page.
fn fold_blank_runs(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for l in lines {
        if l.is_blank() && out.last().is_some_and(Line::is_blank) {
            continue;
        }
        out.push(l);
    }
    out
}

/// Joins lines into paragraphs (blank lines separate them), as description fields want.
pub fn paragraphs(lines: &[Line]) -> Option<String> {
    let text: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    crate::normalize::text::paragraphs(&text.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_and_spaces_do_not_matter() {
        let a = Outline::from_text("Title\n\n  • item\u{a0}one  \n");
        let b = Outline::from_text("Title\r\n\r\n  \u{a0}• item one\t\r\n");
        assert_eq!(a.lines[2].text, "• item one");
        assert_eq!(a.lines[2].text, b.lines[2].text);
        assert_eq!(a.lines[2].indent, 2);
        assert_eq!(b.lines[2].indent, 3);
        let doubled = Outline::from_text("Title\r\n\r\n\r\n \u{a0}\r\n  • item one  \n");
        assert_eq!(doubled.lines.len(), a.lines.len());
    }
}

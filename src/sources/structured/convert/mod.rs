//! The older structured formats converted into the API v2 shape, which the one mapper
//! reads: fields are moved to where v2 keeps them, nothing is interpreted. Values keep the
//! older wording ("Non-Randomized", "Anticipated"), which the mapper's vocabularies read,
//! and text is written as v2 writes it, Markdown: plain text has its backslashes escaped,
//! so that the mapper's one unescaping gives it back unchanged.

mod api_v1;
mod api_v1_results;
mod ctgov_xml;
mod ctgov_xml_results;

pub use api_v1::from_api_v1;
pub use ctgov_xml::from_ctgov_xml;

/// Plain text as Markdown: a backslash is written `\\`.
pub(crate) fn escape(text: String) -> String {
    if text.contains('\\') {
        text.replace('\\', "\\\\")
    } else {
        text
    }
}

/// [`escape`] for an optional text.
pub(crate) fn md(text: Option<String>) -> Option<String> {
    text.map(escape)
}

/// [`escape`] for every text of a list.
pub(crate) fn md_all(texts: Vec<String>) -> Vec<String> {
    texts.into_iter().map(escape).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::text::unescape_markdown;

    #[test]
    fn escaped_plain_text_unescapes_to_itself() {
        for plain in [
            r"a\>b",
            r"C:\path\n",
            r"\",
            r"\\",
            "no backslash",
            r"x \* y",
        ] {
            assert_eq!(unescape_markdown(&escape(plain.to_string())), plain);
        }
    }
}

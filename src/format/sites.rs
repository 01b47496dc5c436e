//! The study page sites' own section headings and label lines, which say that a text is one
//! of their pages (a page mentioned in notes or a README has none of them as lines).

use crate::Format;

/// A study page site: its name and the headings and labels only its pages print.
pub struct Site {
    /// What a page of the site is called in messages.
    pub name: &'static str,
    /// The site's page copied as text, and saved as HTML.
    pub formats: [Format; 2],
    /// Headings and labels of the site's pages that the other sites' pages do not print
    /// (so "Contacts and Locations" and "More Information", on both ClinicalTrials.gov
    /// sites, are in neither list). A line holds one when it starts with it and then ends, or
    /// goes on with a colon, a tab or spaces before a colon ("Recruitment Status  :").
    pub labels: &'static [&'static str],
    /// Sentences the site starts lines with ("ClinicalTrials.gov processed this record on …").
    pub sentences: &'static [&'static str],
    /// Lines the site prints whole ("ClinicalTrials.Veeva", its header).
    pub whole: &'static [&'static str],
}

/// The ClinicalTrials.gov classic site (`/ct2/show/NCT…`): the full text, tabular and results
/// views.
pub const CLASSIC: Site = Site {
    name: "ClinicalTrials.gov classic page",
    formats: [Format::CtgovClassicText, Format::CtgovClassicHtml],
    labels: &[
        "ClinicalTrials.gov Identifier",
        "Information provided by (Responsible Party)",
        "Recruitment Status",
        "First received",
        "Study Description",
        "Study Design",
        "Tracking Information",
        "Descriptive Information",
        "Recruitment Information",
        "Administrative Information",
    ],
    sentences: &["ClinicalTrials.gov processed this record on"],
    whole: &[],
};

/// The ClinicalTrials.gov modern site (`/study/NCT…`).
pub const MODERN: Site = Site {
    name: "ClinicalTrials.gov modern page",
    formats: [Format::CtgovModernText, Format::CtgovModernHtml],
    labels: &[
        "Study Overview",
        "Participation Criteria",
        "Study Plan",
        "Collaborators and Investigators",
        "Study Record Dates",
        "ClinicalTrials.gov ID",
    ],
    sentences: &[],
    whole: &[],
};

/// ClinicalTrials.Veeva (`ctv.veeva.com/study/…`).
pub const VEEVA: Site = Site {
    name: "ClinicalTrials.Veeva page",
    formats: [Format::VeevaText, Format::VeevaHtml],
    labels: &[
        "Status and phase",
        "Funder types",
        "Details and patient eligibility",
        "Trial contacts and locations",
        "Central trial contact",
        "Trial design",
        "Identifiers",
        "Treatments",
        "Study type",
    ],
    sentences: &[],
    // The site's name, alone or run together with its menu in a copy, opens every page.
    whole: &["ClinicalTrials.Veeva", "ClinicalTrials.VeevaMenu"],
};

/// How many of a site's headings and labels a page holds at least: every page, even the
/// results tab's header block, has more than two; notes that mention one have one at most.
pub const MIN_LINES: usize = 2;

/// The sites, in the order detection prefers them when a text has as many lines of two.
pub const SITES: [&Site; 3] = [&VEEVA, &CLASSIC, &MODERN];

/// The site whose page `format` reads, if it is a study page format.
pub fn of(format: Format) -> Option<&'static Site> {
    SITES.into_iter().find(|s| s.formats.contains(&format))
}

impl Site {
    /// How many of the site's headings and labels begin a line of `text`, each counted once.
    pub fn lines_in(&self, text: &str) -> usize {
        let (labels, sentences) = (self.labels.len(), self.sentences.len());
        let mut seen = vec![false; labels + sentences + self.whole.len()];
        for line in text.lines() {
            let line = line.trim_matches(|c: char| c.is_whitespace());
            let matched = (self.labels.iter())
                .map(|l| line.strip_prefix(l).is_some_and(ends_a_label))
                .chain(self.sentences.iter().map(|s| line.starts_with(s)))
                .chain(self.whole.iter().map(|w| line == *w));
            for (seen, matched) in seen.iter_mut().zip(matched) {
                *seen |= matched;
            }
        }
        seen.iter().filter(|&&s| s).count()
    }

    /// How many of the site's headings and labels a saved page's markup holds as words.
    pub fn words_in(&self, markup: &str) -> usize {
        (self.labels.iter().chain(self.sentences).chain(self.whole))
            .filter(|label| {
                markup.match_indices(*label).any(|(i, _)| {
                    !markup[i + label.len()..].starts_with(|c: char| c.is_alphanumeric())
                })
            })
            .count()
    }

    /// A few of the site's headings, to name in a message.
    pub fn examples(&self) -> String {
        let mut s = self.labels[..3].join(", ");
        s.push_str(", …");
        s
    }
}

/// What may follow a label at the start of a line: nothing, its value after a colon or tab,
/// spaces before the colon, or the tabular view's "ICMJE" mark.
fn ends_a_label(rest: &str) -> bool {
    rest.is_empty()
        || rest.starts_with([':', '\t'])
        || rest.trim_start_matches(' ').starts_with(':')
        || rest.starts_with(" ICMJE")
}

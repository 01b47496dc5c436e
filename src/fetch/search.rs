//! A search, paged through `nextPageToken`, each study given once.

use std::collections::HashSet;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::client::BodyError;
use super::{Client, FetchError, RawStudy};

/// The largest page the API serves.
pub const MAX_PAGE_SIZE: u32 = 1000;

/// What to search for: the API's `query.term`, `query.cond` and `filter.overallStatus`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Search {
    /// Free text over the whole record (`query.term`).
    pub term: Option<String>,
    /// A condition or disease (`query.cond`).
    pub condition: Option<String>,
    /// Overall statuses to keep (`filter.overallStatus`), API v2 members such as
    /// `RECRUITING`.
    pub statuses: Vec<String>,
    /// Studies per page, at most [`MAX_PAGE_SIZE`].
    pub page_size: u32,
    /// Stop after this many studies.
    pub max: Option<usize>,
}

impl Search {
    /// A search for free text.
    pub fn term(text: impl Into<String>) -> Self {
        Search {
            term: Some(text.into()),
            page_size: MAX_PAGE_SIZE,
            ..Search::default()
        }
    }

    /// The same search, stopping after `n` studies.
    pub fn max(mut self, n: usize) -> Self {
        self.max = Some(n);
        self
    }

    /// The query parameters of the page after `token` (the first page without one).
    fn query(&self, token: Option<&str>) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if let Some(t) = &self.term {
            q.push(("query.term", t.clone()));
        }
        if let Some(c) = &self.condition {
            q.push(("query.cond", c.clone()));
        }
        if !self.statuses.is_empty() {
            q.push(("filter.overallStatus", self.statuses.join(",")));
        }
        // No point asking for more than the whole download.
        let size = match self.max {
            Some(m) => (self.page_size as usize).min(m.max(1)),
            None => self.page_size as usize,
        };
        q.push((
            "pageSize",
            size.clamp(1, MAX_PAGE_SIZE as usize).to_string(),
        ));
        match token {
            Some(t) => q.push(("pageToken", t.to_string())),
            // The total is counted on the first page only.
            None => q.push(("countTotal", "true".to_string())),
        }
        q
    }
}

/// The pages of a search, as an iterator of each page's studies not seen on an earlier
/// page. A page that fails after its retries ends the iteration with that error; a page is
/// yielded only whole, so a retried page never gives a study twice.
pub struct SearchPages<'c> {
    client: &'c Client,
    search: Search,
    /// The token of the next page; `None` once the last page is read.
    next: Option<Option<String>>,
    seen: HashSet<String>,
    /// Every page token followed, to stop a loop of pages.
    tokens: HashSet<String>,
    pages: usize,
    total: Option<u64>,
    given: usize,
}

/// A page of search results as the API sends it; the studies' text is kept as sent.
#[derive(Deserialize)]
struct Page<'a> {
    #[serde(borrow)]
    studies: Vec<&'a RawValue>,
    #[serde(rename = "nextPageToken")]
    next_page_token: Option<String>,
    #[serde(rename = "totalCount")]
    total_count: Option<u64>,
}

/// A page read and checked, before de-duplication.
struct PageRead {
    studies: Vec<RawStudy>,
    next: Option<String>,
    total: Option<u64>,
}

impl<'c> SearchPages<'c> {
    pub(crate) fn new(client: &'c Client, search: Search) -> Self {
        SearchPages {
            client,
            search,
            next: Some(None),
            seen: HashSet::new(),
            tokens: HashSet::new(),
            pages: 0,
            total: None,
            given: 0,
        }
    }

    /// How many studies the search matches, as the API counted on the first page.
    pub fn total(&self) -> Option<u64> {
        self.total
    }

    /// How many pages were read so far.
    pub fn pages(&self) -> usize {
        self.pages
    }

    /// How many distinct studies were given so far.
    pub fn given(&self) -> usize {
        self.given
    }

    fn read_page(&self, token: Option<&str>) -> Result<PageRead, FetchError> {
        let what = format!("search page {}", self.pages + 1);
        let url = self.client.config().studies_url();
        self.client
            .get(&what, &url, &self.search.query(token), |body| {
                let text = BodyError::utf8(body)?;
                let page: Page = serde_json::from_str(text).map_err(BodyError::from_json)?;
                let studies = page
                    .studies
                    .into_iter()
                    .map(RawStudy::from_raw)
                    .collect::<Result<_, _>>()?;
                Ok(PageRead {
                    studies,
                    next: page.next_page_token.filter(|t| !t.is_empty()),
                    total: page.total_count,
                })
            })
    }
}

impl Iterator for SearchPages<'_> {
    type Item = Result<Vec<RawStudy>, FetchError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.search.max.is_some_and(|m| self.given >= m) {
            return None;
        }
        let token = self.next.take()?;
        let page = match self.read_page(token.as_deref()) {
            Ok(p) => p,
            Err(e) => return Some(Err(e)),
        };
        // A token that comes back again would page forever.
        if let Some(next) = &page.next {
            if !self.tokens.insert(next.clone()) {
                return Some(Err(FetchError::Malformed(format!(
                    "the next page token {next:?} was already followed: the pages loop"
                ))));
            }
        }
        self.pages += 1;
        if self.pages == 1 {
            self.total = page.total;
        }
        self.next = page.next.map(Some);
        let mut studies = Vec::with_capacity(page.studies.len());
        for s in page.studies {
            if self.search.max.is_some_and(|m| self.given >= m) {
                break;
            }
            // Results can shift between pages while the registry updates: keep the first.
            if self.seen.insert(s.nct_id.clone()) {
                self.given += 1;
                studies.push(s);
            }
        }
        Some(Ok(studies))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_names_the_api_parameters() {
        let s = Search {
            term: Some("heart attack".into()),
            condition: Some("diabetes".into()),
            statuses: vec!["RECRUITING".into(), "COMPLETED".into()],
            page_size: 1000,
            max: Some(250),
        };
        assert_eq!(
            s.query(None),
            [
                ("query.term", "heart attack".to_string()),
                ("query.cond", "diabetes".to_string()),
                ("filter.overallStatus", "RECRUITING,COMPLETED".to_string()),
                ("pageSize", "250".to_string()),
                ("countTotal", "true".to_string()),
            ]
        );
        let s = Search::term("x");
        assert_eq!(
            s.query(Some("abc")),
            [
                ("query.term", "x".to_string()),
                ("pageSize", "1000".to_string()),
                ("pageToken", "abc".to_string()),
            ]
        );
    }
}

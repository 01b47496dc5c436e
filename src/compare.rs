//! Trials side by side: a table of design facts, one column per trial, one row per fact,
//! each row knowing whether its values differ across the trials; and its renderings as
//! Markdown, one self-contained HTML page, CSV and JSON.
//!
//! Values are written in the record's own vocabulary (`PHASE2`, `QUADRUPLE`), so the table
//! reads the same as the JSON it was built from.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::model::{Age, Constraint, Criterion, DatedEvent, Trial};

/// Trials side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// One heading per trial, in input order: its NCT id (or `trial N`), made unique.
    pub columns: Vec<String>,
    /// The rows, grouped by [`Row::section`] in display order.
    pub rows: Vec<Row>,
}

/// One fact about every trial.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The group the row belongs to ("Design").
    pub section: &'static str,
    /// Stable machine name of the row (`design.phases`).
    pub key: &'static str,
    /// Human label ("Phases").
    pub label: &'static str,
    /// Whether the trials' values differ (ignoring the order of list items).
    pub differs: bool,
    /// One cell per trial, in column order; a cell is a list of lines, empty when the
    /// record does not say.
    pub values: Vec<Vec<String>>,
}

/// Which rows to build, in order: section, key, label, and how to read the cell.
type Extract = fn(&Trial) -> Vec<String>;

/// A row whose cell is `$read` of one field, keyed by the field's path (`status.start`), so
/// that the key and the field read cannot disagree.
macro_rules! field_row {
    ($section:literal, $label:literal, $read:ident, $first:ident $(. $rest:ident)*) => {
        (
            $section,
            concat!(stringify!($first) $(, ".", stringify!($rest))*),
            $label,
            |t| $read(&t.$first $(.$rest)*),
        )
    };
}

// One line a row where it fits, as a table is read.
#[rustfmt::skip]
const ROWS: &[(&str, &str, &str, Extract)] = &[
    field_row!("Trial", "NCT id", opt, ids.nct_id),
    // Every number, so that a trial with no NCT id (a WHO, EU or ISRCTN record) is named too.
    ("Trial", "ids.registry_ids", "Registry ids", |t| {
        opt(t.ids.registry_ids.iter().map(|r| r.id.as_str()))
    }),
    ("Trial", "titles", "Title", |t| {
        opt(t.titles.brief.as_ref().or(t.titles.official.as_ref()))
    }),
    field_row!("Trial", "Registry", opt_code, source.registry),
    ("Trial", "source.format", "Format", |t| {
        opt(t.source.format.map(|f| f.to_string()))
    }),
    ("Trial", "sponsors.lead", "Lead sponsor", |t| {
        let Some(lead) = &t.sponsors.lead else {
            return vec![];
        };
        let class = lead.class.as_ref().map(code);
        match (&lead.name, class) {
            (Some(n), Some(c)) => vec![format!("{n} ({c})")],
            (Some(n), None) => vec![n.clone()],
            (None, Some(c)) => vec![format!("({c})")],
            (None, None) => vec![],
        }
    }),
    field_row!("Status", "Overall status", opt_code, status.overall),
    field_row!("Status", "Start", event, status.start),
    field_row!("Status", "Primary completion", event, status.primary_completion),
    field_row!("Status", "Completion", event, status.completion),
    field_row!("Status", "Last updated", opt, status.last_updated),
    field_row!("Design", "Study type", opt_code, design.study_type),
    field_row!("Design", "Phases", joined, design.phases),
    field_row!("Design", "Allocation", opt_code, design.allocation),
    field_row!("Design", "Intervention model", opt_code, design.intervention_model),
    field_row!("Design", "Masking", opt_code, design.masking.level),
    field_row!("Design", "Masked roles", joined, design.masking.who),
    field_row!("Design", "Primary purpose", opt_code, design.primary_purpose),
    ("Design", "enrollment", "Enrollment", |t| {
        (t.enrollment.count.iter())
            .map(|count| with_kind(count.to_string(), t.enrollment.kind.as_ref()))
            .collect()
    }),
    ("Arms and interventions", "arms", "Arms", |t| {
        (t.arms.iter())
            .map(|a| with_kind(a.label.clone(), a.kind.as_ref()))
            .collect()
    }),
    (
        "Arms and interventions",
        "interventions",
        "Interventions",
        |t| {
            t.interventions
                .iter()
                .map(|i| match &i.kind {
                    Some(k) => format!("{}: {}", code(k), i.name),
                    None => i.name.clone(),
                })
                .collect()
        },
    ),
    ("Outcomes", "outcomes.primary", "Primary outcomes", |t| {
        t.outcomes
            .iter()
            .filter(|o| o.kind == Some(crate::model::OutcomeKind::Primary))
            .map(|o| {
                if o.time_points.is_empty() {
                    o.measure.clone()
                } else {
                    format!("{} [{}]", o.measure, o.time_points.join(", "))
                }
            })
            .collect()
    }),
    (
        "Eligibility",
        "eligibility.minimum_age",
        "Minimum age (years)",
        |t| age(t.eligibility.minimum_age.as_ref()),
    ),
    (
        "Eligibility",
        "eligibility.maximum_age",
        "Maximum age (years)",
        |t| age(t.eligibility.maximum_age.as_ref()),
    ),
    field_row!("Eligibility", "Sex", opt_code, eligibility.sex),
    (
        "Eligibility",
        "eligibility.healthy_volunteers",
        "Healthy volunteers",
        |t| match t.eligibility.healthy_volunteers {
            Some(true) => vec!["yes".into()],
            Some(false) => vec!["no".into()],
            None => vec![],
        },
    ),
    (
        "Eligibility",
        "eligibility.inclusion.count",
        "Inclusion criteria",
        |t| vec![t.eligibility.inclusion.len().to_string()],
    ),
    (
        "Eligibility",
        "eligibility.exclusion.count",
        "Exclusion criteria",
        |t| vec![t.eligibility.exclusion.len().to_string()],
    ),
    (
        "Eligibility",
        "eligibility.inclusion.constraints",
        "Inclusion constraints",
        |t| constraints(&t.eligibility.inclusion),
    ),
    (
        "Eligibility",
        "eligibility.exclusion.constraints",
        "Exclusion constraints",
        |t| constraints(&t.eligibility.exclusion),
    ),
    ("Sites", "sites.count", "Sites", |t| {
        vec![t.sites.len().to_string()]
    }),
    ("Sites", "sites.countries", "Countries", |t| countries(t)),
    (
        "Results",
        "results.first_posted",
        "Results first posted",
        |t| opt(t.results.as_ref().and_then(|r| r.first_posted.as_ref())),
    ),
    (
        "Results",
        "results.primary_outcomes",
        "Primary outcome results",
        primary_results,
    ),
    (
        "Results",
        "results.adverse_events.serious",
        "Serious adverse events (affected / at risk)",
        |t| event_totals(t, |g| g.serious.as_ref()),
    ),
    (
        "Results",
        "results.adverse_events.other",
        "Other adverse events (affected / at risk)",
        |t| event_totals(t, |g| g.other.as_ref()),
    ),
    (
        "Results",
        "results.adverse_events.deaths",
        "Deaths (affected / at risk)",
        |t| event_totals(t, |g| g.deaths.as_ref()),
    ),
];

/// Each primary outcome's posted result, one line per value row: `title [unit]: group
/// value (± spread) [lower, upper]; …`, with the category or class where there is one.
fn primary_results(t: &Trial) -> Vec<String> {
    use crate::model::results::ResultOutcomeKind;
    let Some(r) = &t.results else {
        return vec![];
    };
    let mut out = Vec::new();
    for o in (r.outcome_measures.iter()).filter(|o| o.kind == Some(ResultOutcomeKind::Primary)) {
        let title = o.title.clone().unwrap_or_default();
        let head = match &o.unit {
            Some(u) => format!("{title} [{u}]"),
            None => title,
        };
        let group = |id: &str| {
            (o.groups.iter())
                .find(|g| g.id == id)
                .and_then(|g| g.title.clone())
                .unwrap_or_else(|| id.to_string())
        };
        for class in &o.classes {
            for cat in &class.categories {
                let label: Vec<&str> = [&class.title, &cat.title]
                    .into_iter()
                    .filter_map(|x| x.as_deref())
                    .collect();
                let values: Vec<String> = (cat.measurements.iter())
                    .map(|m| format!("{} {}", group(&m.group_id), measurement(m)))
                    .collect();
                let at = if label.is_empty() {
                    head.clone()
                } else {
                    format!("{head} / {}", label.join(" / "))
                };
                out.push(format!("{at}: {}", values.join("; ")));
            }
        }
        if o.classes.is_empty() {
            out.push(format!("{head}: no values posted"));
        }
    }
    out
}

/// A value as posted: `83.7`, `39.9 (± 14.04)`, `12 [8, 15]`, or the source's text.
fn measurement(m: &crate::model::results::Measurement) -> String {
    let show = |v: Option<f64>, raw: &Option<String>| match (v, raw) {
        (Some(v), _) => Some(v.to_string()),
        (None, Some(r)) => Some(r.clone()),
        (None, None) => None,
    };
    let mut out = show(m.value, &m.raw).unwrap_or_else(|| EMPTY.to_string());
    if let Some(s) = show(m.spread, &m.spread_raw) {
        let _ = write!(out, " (± {s})");
    }
    let lower = show(m.lower_limit, &m.lower_limit_raw);
    let upper = show(m.upper_limit, &m.upper_limit_raw);
    if lower.is_some() || upper.is_some() {
        let _ = write!(
            out,
            " [{}, {}]",
            lower.as_deref().unwrap_or(EMPTY),
            upper.as_deref().unwrap_or(EMPTY)
        );
    }
    out
}

/// One adverse-event total per group: `Placebo: 0 / 97`.
fn event_totals(
    t: &Trial,
    pick: fn(&crate::model::results::EventGroup) -> Option<&crate::model::results::Affected>,
) -> Vec<String> {
    let Some(a) = t.results.as_ref().and_then(|r| r.adverse_events.as_ref()) else {
        return vec![];
    };
    let n = |v: Option<u64>| v.map_or(EMPTY.to_string(), |v| v.to_string());
    (a.groups.iter())
        .filter_map(|g| {
            let total = pick(g)?;
            let name = g.title.as_deref().unwrap_or(&g.id);
            Some(format!(
                "{name}: {} / {}",
                n(total.affected),
                n(total.at_risk)
            ))
        })
        .collect()
}

/// Builds the comparison of `trials`, one column each, in order.
pub fn compare(trials: &[Trial]) -> Comparison {
    let rows = ROWS
        .iter()
        .map(|&(section, key, label, extract)| {
            let values: Vec<Vec<String>> = trials.iter().map(extract).collect();
            Row {
                section,
                key,
                label,
                differs: differs(&values),
                values,
            }
        })
        .collect();
    Comparison {
        columns: headings(trials),
        rows,
    }
}

/// Whether any two cells hold different lines, ignoring their order: two copies of one
/// trial that list the same arms in another order have the same design.
fn differs(values: &[Vec<String>]) -> bool {
    let mut sorted = values.iter().map(|cell| {
        let mut cell = cell.clone();
        cell.sort();
        cell
    });
    let Some(first) = sorted.next() else {
        return false;
    };
    sorted.any(|cell| cell != first)
}

/// Column headings: the NCT id, else the record's own registry number (`DRKS00032447`), else
/// `trial N`; a repeated heading gets ` (2)`, ` (3)`… so CSV readers keyed by heading see every
/// column.
fn headings(trials: &[Trial]) -> Vec<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    trials
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let own = t.ids.registry_ids.first().map(|r| r.id.clone());
            let base = (t.ids.nct_id.clone().or(own)).unwrap_or_else(|| format!("trial {}", i + 1));
            let n = seen.entry(base.clone()).or_default();
            *n += 1;
            if *n == 1 {
                base
            } else {
                format!("{base} ({n})")
            }
        })
        .collect()
}

/// The vocabulary name of an enum member (`PHASE2`), as the JSON record writes it.
fn code<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn opt_code<T: Serialize>(value: &Option<T>) -> Vec<String> {
    value.iter().map(code).collect()
}

fn opt<S: AsRef<str>>(value: impl IntoIterator<Item = S>) -> Vec<String> {
    value.into_iter().map(|s| s.as_ref().to_string()).collect()
}

/// A list of enum members on one line (`PHASE1, PHASE2`); nothing when the list is empty.
fn joined<T: Serialize>(items: &[T]) -> Vec<String> {
    if items.is_empty() {
        return vec![];
    }
    vec![items.iter().map(code).collect::<Vec<_>>().join(", ")]
}

/// A value with its kind after it, when it has one: `2007-12 (ACTUAL)`, `Placebo
/// (PLACEBO_COMPARATOR)`.
fn with_kind<T: Serialize>(value: String, kind: Option<&T>) -> String {
    match kind {
        Some(k) => format!("{value} ({})", code(k)),
        None => value,
    }
}

/// `2007-12 (ACTUAL)`.
fn event(e: &DatedEvent) -> Vec<String> {
    (e.date.iter())
        .map(|date| with_kind(date.clone(), e.kind.as_ref()))
        .collect()
}

/// The bound in years, with the source's own value when it was not in years
/// (`0.5 (6 MONTHS)`).
fn age(bound: Option<&Age>) -> Vec<String> {
    let Some(a) = bound else {
        return vec![];
    };
    let years = number(a.years);
    if a.unit == crate::model::AgeUnit::Years {
        vec![years]
    } else {
        vec![format!("{years} ({} {})", number(a.value), code(&a.unit))]
    }
}

/// A number without a useless `.0`, rounded to two decimals.
fn number(x: f64) -> String {
    let rounded = (x * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}

/// Every constraint in a criteria tree, depth first: `hemoglobin < 11 g/dL`.
fn constraints(criteria: &[Criterion]) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack: Vec<&Criterion> = criteria.iter().rev().collect();
    // An explicit stack: criteria trees come from input, so no recursion on their depth.
    while let Some(c) = stack.pop() {
        out.extend(c.constraints.iter().map(constraint));
        stack.extend(c.children.iter().rev());
    }
    out
}

/// One constraint as a person writes it: `hemoglobin < 11 g/dL`, `AST < 2 × ULN`,
/// `DLCO < 80 % predicted`, `mRSS > 20 /51`; the normalized key in brackets unless the
/// wording is the key itself (`bilirubin, SGOT, SGPT, creatinine [alt] > 1.5 × ULN`), so
/// that constraints sharing one wording are told apart.
fn constraint(k: &Constraint) -> String {
    let mut line = k.subject.clone();
    if let Some(key) = &k.key {
        let key = code(key);
        if line.to_lowercase() != key.replace('_', " ") {
            let _ = write!(line, " [{key}]");
        }
    }
    let _ = write!(line, " {} {}", code(&k.operator), number(k.value));
    if let Some(unit) = &k.unit {
        let _ = write!(line, " {unit}");
    }
    match (&k.multiple_of, k.unit.is_some()) {
        (Some(reference), true) => {
            let _ = write!(line, " {}", code(reference));
        }
        (Some(reference), false) => {
            let _ = write!(line, " × {}", code(reference));
        }
        (None, _) => {}
    }
    if let Some(top) = k.out_of {
        let _ = write!(line, " /{}", number(top));
    }
    line
}

/// Distinct site countries in order of first appearance, with their site counts:
/// `France (12)`.
fn countries(t: &Trial) -> Vec<String> {
    let mut order: Vec<String> = Vec::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for site in &t.sites {
        let Some(country) = site.country.as_ref().or(site.country_code.as_ref()) else {
            continue;
        };
        let n = counts.entry(country.clone()).or_default();
        if *n == 0 {
            order.push(country.clone());
        }
        *n += 1;
    }
    order
        .into_iter()
        .map(|c| format!("{c} ({})", counts[&c]))
        .collect()
}

/// Shown in a cell the record says nothing about.
const EMPTY: &str = "—";

/// The mark of a row whose values differ.
pub const DIFFERS_MARK: &str = "≠";

impl Comparison {
    /// The rows grouped by section, in order.
    fn sections(&self) -> Vec<(&'static str, Vec<&Row>)> {
        let mut out: Vec<(&'static str, Vec<&Row>)> = Vec::new();
        for row in &self.rows {
            match out.last_mut() {
                Some((s, rows)) if *s == row.section => rows.push(row),
                _ => out.push((row.section, vec![row])),
            }
        }
        out
    }

    /// "3 trials", "1 trial": how many records the comparison has.
    fn trials(&self) -> String {
        crate::words::counted(self.columns.len() as u64, "trial", "trials")
    }

    /// "2 rows", "1 row": how many rows differ.
    fn differing(&self) -> String {
        let n = self.rows.iter().filter(|r| r.differs).count();
        crate::words::counted(n as u64, "row", "rows")
    }

    /// Markdown: one table per section; a differing row starts with `≠` and has its label
    /// in bold.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Comparison of {}\n", self.trials());
        let differing = self.differing();
        let _ = writeln!(
            out,
            "{DIFFERS_MARK} marks the {differing} whose values differ; {EMPTY} means the record does not say.\n"
        );
        for (section, rows) in self.sections() {
            let _ = writeln!(out, "## {section}\n");
            let _ = write!(out, "|   | Field |");
            for c in &self.columns {
                let _ = write!(out, " {} |", md_cell(std::slice::from_ref(c)));
            }
            out.push('\n');
            out.push_str("|---|---|");
            out.push_str(&"---|".repeat(self.columns.len()));
            out.push('\n');
            for row in rows {
                let (mark, label) = if row.differs {
                    (DIFFERS_MARK, format!("**{}**", row.label))
                } else {
                    (" ", row.label.to_string())
                };
                let _ = write!(out, "| {mark} | {label} |");
                for cell in &row.values {
                    let _ = write!(out, " {} |", md_cell(cell));
                }
                out.push('\n');
            }
            out.push('\n');
        }
        out
    }

    /// CSV: a header `section,field,differs,<column>…`, then one record per row; a cell's
    /// lines are joined with a newline (quoted, as CSV allows).
    pub fn to_csv(&self) -> Result<String, csv::Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut header = vec!["section", "field", "differs"];
        header.extend(self.columns.iter().map(String::as_str));
        w.write_record(&header)?;
        for row in &self.rows {
            let mut record = vec![
                row.section.to_string(),
                row.label.to_string(),
                row.differs.to_string(),
            ];
            record.extend(row.values.iter().map(|cell| cell.join("\n")));
            w.write_record(&record)?;
        }
        let bytes = w.into_inner().map_err(|e| e.into_error())?;
        Ok(String::from_utf8(bytes).expect("the CSV writer writes the UTF-8 it is given"))
    }

    /// JSON: `{ "columns": [...], "rows": [{ section, key, label, differs, values }] }`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("a comparison serializes")
    }

    /// One self-contained HTML page (inline CSS, no scripts, no external assets) that reads
    /// in a browser and prints.
    pub fn to_html(&self) -> String {
        use html_escape::encode_text as esc;
        let title = format!(
            "Comparison of {}: {}",
            self.trials(),
            self.columns.join(", ")
        );
        let differing = self.differing();
        let mut out = String::new();
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
            esc(&title)
        );
        let _ = writeln!(
            out,
            "<h1>Comparison of {}</h1>\n<p class=\"legend\"><span class=\"mark\">{DIFFERS_MARK}</span> \
             marks the {differing} whose values differ across the trials; {EMPTY} means the record does not say.</p>",
            self.trials()
        );
        out.push_str("<table>\n<colgroup><col class=\"field\">");
        for _ in &self.columns {
            out.push_str("<col>");
        }
        out.push_str("</colgroup>\n<thead><tr><th scope=\"col\">Field</th>");
        for c in &self.columns {
            let _ = write!(out, "<th scope=\"col\">{}</th>", esc(c));
        }
        out.push_str("</tr></thead>\n");
        for (section, rows) in self.sections() {
            let _ = writeln!(
                out,
                "<tbody>\n<tr class=\"section\"><th colspan=\"{}\" scope=\"rowgroup\">{}</th></tr>",
                self.columns.len() + 1,
                esc(section)
            );
            for row in rows {
                // Every label has the mark's slot, so labels line up whether or not marked.
                let (class, mark) = if row.differs {
                    (
                        " class=\"differs\"",
                        format!("<span class=\"mark\" title=\"differs\">{DIFFERS_MARK}</span>"),
                    )
                } else {
                    ("", "<span class=\"mark\"></span>".to_string())
                };
                let _ = write!(
                    out,
                    "<tr{class} data-key=\"{}\"><th scope=\"row\">{mark}{}</th>",
                    html_escape::encode_double_quoted_attribute(row.key),
                    esc(row.label)
                );
                for cell in &row.values {
                    out.push_str("<td>");
                    match cell.as_slice() {
                        [] => {
                            let _ = write!(out, "<span class=\"empty\">{EMPTY}</span>");
                        }
                        [one] => out.push_str(&esc(one)),
                        many => {
                            out.push_str("<ul>");
                            for line in many {
                                let _ = write!(out, "<li>{}</li>", esc(line));
                            }
                            out.push_str("</ul>");
                        }
                    }
                    out.push_str("</td>");
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n");
        }
        out.push_str("</table>\n<p class=\"footer\">Made by trialnorm from the normalized records.</p>\n</body>\n</html>\n");
        out
    }
}

/// A Markdown table cell: lines joined with `<br>`, pipes escaped, nothing becomes `—`.
fn md_cell(lines: &[String]) -> String {
    if lines.is_empty() {
        return EMPTY.to_string();
    }
    lines
        .iter()
        .map(|l| l.replace('|', "\\|").replace(['\n', '\r'], " "))
        .collect::<Vec<_>>()
        .join("<br>")
}

/// The page's whole style sheet: screen first, then print.
const STYLE: &str = r#":root { --ink: #1d2330; --muted: #5b6475; --rule: #d5dae3; --band: #eef1f6; --diff: #fff4d6; --mark: #b45309; }
* { box-sizing: border-box; }
body { margin: 2rem auto; max-width: 90rem; padding: 0 1.5rem; color: var(--ink);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .4rem; }
.legend, .footer { color: var(--muted); margin: 0 0 1.2rem; }
.footer { margin-top: 1.2rem; font-size: .85rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
col.field { width: 15rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .7rem; border-bottom: 1px solid var(--rule);
  overflow-wrap: anywhere; }
thead th { position: sticky; top: 0; background: var(--ink); color: #fff; font-size: 1rem; }
tbody th { font-weight: 600; }
tr.section th { background: var(--band); font-size: .8rem; letter-spacing: .06em; text-transform: uppercase;
  color: var(--muted); padding-top: .9rem; }
tr.differs td, tr.differs th { background: var(--diff); }
.mark { display: inline-block; width: 1.2em; color: var(--mark); font-weight: 700; }
.legend .mark { width: auto; }
.empty { color: var(--muted); }
ul { margin: 0; padding-left: 1.1rem; }
li + li { margin-top: .2rem; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
  thead { display: table-header-group; }
  thead th { position: static; background: #fff; color: #000; border-bottom: 2px solid #000; }
  tr { break-inside: avoid; }
  tr.section { break-after: avoid; }
  tr.section th { background: none; color: #000; border-bottom: 1px solid #000; }
  tr.differs td, tr.differs th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .footer { display: none; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AgeUnit, Constraint, Operator};

    fn constraint(subject: &str, operator: Operator, value: f64, unit: Option<&str>) -> Constraint {
        Constraint {
            subject: subject.into(),
            operator,
            value,
            unit: unit.map(String::from),
            text: String::new(),
            ..Constraint::default()
        }
    }

    #[test]
    fn constraints_are_listed_from_every_level_of_the_tree() {
        let mut t = Trial::default();
        t.eligibility.exclusion = vec![Criterion {
            text: "Laboratory values:".into(),
            children: vec![Criterion {
                text: "hemoglobin < 11 g/dL".into(),
                constraints: vec![constraint("hemoglobin", Operator::Lt, 11.0, Some("g/dL"))],
                ..Criterion::default()
            }],
            constraints: vec![constraint("age", Operator::Ge, 18.5, None)],
        }];
        let c = compare(&[t.clone(), Trial::default()]);
        let row = c
            .rows
            .iter()
            .find(|r| r.key == "eligibility.exclusion.constraints")
            .unwrap();
        assert_eq!(row.values[0], ["age >= 18.5", "hemoglobin < 11 g/dL"]);
        assert!(row.values[1].is_empty());
        assert!(row.differs);
    }

    /// "bilirubin, SGOT, SGPT, creatinine > 1.5 × upper normal limit" gives four constraints
    /// of one wording: each line names its key and the reference, never a bare "> 1.5".
    #[test]
    fn a_constraint_line_names_its_reference_scale_and_key() {
        use crate::model::{ConstraintKey, ReferenceRange};
        let shared = "bilirubin, SGOT, SGPT, creatinine";
        let times_uln = |key| Constraint {
            key: Some(key),
            multiple_of: Some(ReferenceRange::Uln),
            ..constraint(shared, Operator::Gt, 1.5, None)
        };
        assert_eq!(
            super::constraint(&times_uln(ConstraintKey::Alt)),
            "bilirubin, SGOT, SGPT, creatinine [alt] > 1.5 × ULN"
        );
        assert_eq!(
            super::constraint(&times_uln(ConstraintKey::Bilirubin)),
            "bilirubin, SGOT, SGPT, creatinine [bilirubin] > 1.5 × ULN"
        );
        let age = Constraint {
            key: Some(ConstraintKey::Age),
            ..constraint("Age", Operator::Ge, 18.0, Some("a"))
        };
        assert_eq!(super::constraint(&age), "Age >= 18 a");
        let dlco = Constraint {
            multiple_of: Some(ReferenceRange::Predicted),
            ..constraint("DLCO", Operator::Lt, 80.0, Some("%"))
        };
        assert_eq!(super::constraint(&dlco), "DLCO < 80 % predicted");
        let score = Constraint {
            out_of: Some(51.0),
            ..constraint("m-Rodnan score", Operator::Gt, 20.0, None)
        };
        assert_eq!(super::constraint(&score), "m-Rodnan score > 20 /51");
    }

    #[test]
    fn ages_not_in_years_show_their_source_value() {
        let mut t = Trial::default();
        t.eligibility.minimum_age = Some(crate::normalize::age::age(6.0, AgeUnit::Months));
        let c = compare(&[t]);
        let row = c
            .rows
            .iter()
            .find(|r| r.key == "eligibility.minimum_age")
            .unwrap();
        assert_eq!(row.values[0], ["0.5 (6 MONTHS)"]);
    }

    #[test]
    fn order_of_list_items_is_no_difference() {
        assert!(!differs(&[
            vec!["a".into(), "b".into()],
            vec!["b".into(), "a".into()]
        ]));
        assert!(differs(&[vec!["a".into()], vec!["a".into(), "b".into()]]));
        assert!(!differs(&[vec!["a".into()]]));
    }

    #[test]
    fn markdown_cells_escape_pipes_and_show_absence() {
        assert_eq!(md_cell(&["a|b".into(), "c\nd".into()]), "a\\|b<br>c d");
        assert_eq!(md_cell(&[]), EMPTY);
    }
}

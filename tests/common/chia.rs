//! trialnorm's numeric eligibility constraints scored against the Chia development split
//! (`fixtures/criteria/chia-dev/`), shared by `tests/chia_gold.rs` and
//! `examples/chia_eval.rs`.
//!
//! A port of `fixtures/criteria/chia-dev/evaluate.py`, which stays the reference: the same
//! trial texts, the same locating of constraints in them, the same unit canonicalization,
//! the same one-to-one matching and the same constraints left out of precision, so both give
//! the same match counts (checked by running both; see the README's "Measured" section). The
//! Python scorer runs the `trialnorm` binary (`parse -q`); this one calls the library, which
//! gives the same records. Positions are counted in characters (code points), as Python's
//! are; patterns are found with `regex` (and `fancy_regex` where the Python pattern looks
//! around).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;
use serde_json::{json, Value};

const INC_HEAD: &str = "Inclusion Criteria:\n\n";
const EXC_HEAD: &str = "\n\nExclusion Criteria:\n\n";

/// The folder holding the gold standard.
pub fn folder() -> String {
    format!("{}/fixtures/criteria/chia-dev", env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------------------------------
// numbers and units (evaluate.py's, from the LCT evaluator)

fn re(p: &str) -> Regex {
    Regex::new(p).expect("a valid pattern")
}

fn fre(p: &str) -> fancy_regex::Regex {
    fancy_regex::Regex::new(p).expect("a valid pattern")
}

static NUM_RE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[+\-−]?(\d{1,3}(?:,\d{3})+|\d+(?:[.,]\d+)?|\.\d+)$"));
static GROUPED: LazyLock<Regex> = LazyLock::new(|| re(r"^\d{1,3}(?:,\d{3})+$"));
static DIGIT_RUN: LazyLock<Regex> = LazyLock::new(|| re(r"\d+(?:[.,]\d+)*"));

/// The value of a run of digits as `parse_number` reads it ("1,500" 1500, "1,5" 1.5).
fn digit_run_value(t: &str) -> Option<f64> {
    if !NUM_RE.is_match(t) {
        return None;
    }
    let neg = t.starts_with('-');
    let u = t.trim_start_matches(['+', '-']);
    let u = if GROUPED.is_match(u) {
        u.replace(',', "")
    } else {
        u.replace(',', ".")
    };
    let v: f64 = u.parse().ok()?;
    Some(if neg { -v } else { v })
}

/// (value, start, end) of the plain numbers written in `text`, in characters, not inside
/// words like "m2".
fn numbers_in(text: &str) -> Vec<(f64, usize, usize)> {
    let mut out = Vec::new();
    for m in DIGIT_RUN.find_iter(text) {
        let prev = text[..m.start()].chars().next_back();
        if prev.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == ',') {
            continue;
        }
        if let Some(v) = digit_run_value(m.as_str()) {
            let s = text[..m.start()].chars().count();
            out.push((v, s, s + m.as_str().chars().count()));
        }
    }
    out
}

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * 1f64.max(b.abs())
}

const TIME: &[(&str, &str)] = &[
    ("a", "a"),
    ("y", "a"),
    ("yr", "a"),
    ("yrs", "a"),
    ("year", "a"),
    ("years", "a"),
    ("yo", "a"),
    ("mo", "mo"),
    ("mos", "mo"),
    ("mth", "mo"),
    ("mths", "mo"),
    ("month", "mo"),
    ("months", "mo"),
    ("wk", "wk"),
    ("wks", "wk"),
    ("week", "wk"),
    ("weeks", "wk"),
    ("w", "wk"),
    ("d", "d"),
    ("day", "d"),
    ("days", "d"),
    ("daily", "d"),
    ("h", "h"),
    ("hr", "h"),
    ("hrs", "h"),
    ("hour", "h"),
    ("hours", "h"),
    ("min", "min"),
    ("mins", "min"),
    ("minute", "min"),
    ("minutes", "min"),
    ("s", "s"),
    ("sec", "s"),
    ("secs", "s"),
    ("second", "s"),
    ("seconds", "s"),
    ("ms", "ms"),
    ("msec", "ms"),
    ("millisecond", "ms"),
    ("milliseconds", "ms"),
];

const UNITS: &[(&str, &str)] = &[
    ("kg", "kg"),
    ("kgs", "kg"),
    ("kilogram", "kg"),
    ("kilograms", "kg"),
    ("g", "g"),
    ("gm", "g"),
    ("gr", "g"),
    ("gram", "g"),
    ("grams", "g"),
    ("mg", "mg"),
    ("milligram", "mg"),
    ("milligrams", "mg"),
    ("ug", "ug"),
    ("mcg", "ug"),
    ("microgram", "ug"),
    ("micrograms", "ug"),
    ("ng", "ng"),
    ("pg", "pg"),
    ("lb", "lb"),
    ("lbs", "lb"),
    ("lb_av", "lb"),
    ("pound", "lb"),
    ("pounds", "lb"),
    ("l", "l"),
    ("liter", "l"),
    ("litre", "l"),
    ("liters", "l"),
    ("litres", "l"),
    ("dl", "dl"),
    ("ml", "ml"),
    ("cc", "ml"),
    ("ul", "ul"),
    ("mcl", "ul"),
    ("fl", "fl"),
    ("mm3", "mm3"),
    ("mm^3", "mm3"),
    ("cumm", "mm3"),
    ("cubicmm", "mm3"),
    ("mmol", "mmol"),
    ("umol", "umol"),
    ("nmol", "nmol"),
    ("pmol", "pmol"),
    ("mol", "mol"),
    ("meq", "meq"),
    ("mosm", "mosm"),
    ("iu", "iu"),
    ("u", "u"),
    ("miu", "miu"),
    ("kiu", "kiu"),
    ("ku", "ku"),
    ("mu", "mu"),
    ("mmhg", "mmhg"),
    ("cmh2o", "cmh2o"),
    ("kpa", "kpa"),
    ("m", "m"),
    ("meter", "m"),
    ("meters", "m"),
    ("metre", "m"),
    ("metres", "m"),
    ("cm", "cm"),
    ("mm", "mm"),
    ("um", "um"),
    ("micron", "um"),
    ("microns", "um"),
    ("km", "km"),
    ("kilometre", "km"),
    ("kilometres", "km"),
    ("kilometer", "km"),
    ("kilometers", "km"),
    ("m2", "m2"),
    ("cm2", "cm2"),
    ("mm2", "mm2"),
    ("1.73m2", "1.73m2"),
    ("1.73m^2", "1.73m2"),
    ("%", "%"),
    ("percent", "%"),
    ("pct", "%"),
    ("percentage", "%"),
    ("percentile", "percentile"),
    ("cel", "cel"),
    ("°c", "cel"),
    ("ºc", "cel"),
    ("degc", "cel"),
    ("degreesc", "cel"),
    ("degreec", "cel"),
    ("degreescelsius", "cel"),
    ("celsius", "cel"),
    ("℃", "cel"),
    ("°f", "degf"),
    ("degf", "degf"),
    ("fahrenheit", "degf"),
    ("°", "deg"),
    ("º", "deg"),
    ("deg", "deg"),
    ("degree", "deg"),
    ("degrees", "deg"),
    ("db", "db"),
    ("dbhl", "db"),
    ("dba", "db"),
    ("gy", "gy"),
    ("cgy", "cgy"),
    ("ppm", "ppm"),
    ("bpm", "/min"),
    ("kpa.s", "kpa.s"),
    ("k", "10^3"),
    ("thousand", "10^3"),
    ("million", "10^6"),
    ("mikrog", "ug"),
    ("milliliter", "ml"),
    ("milliliters", "ml"),
    ("millilitre", "ml"),
    ("millilitres", "ml"),
    ("microliter", "ul"),
    ("microliters", "ul"),
    ("microlitre", "ul"),
    ("microlitres", "ul"),
    ("deciliter", "dl"),
    ("deciliters", "dl"),
    ("decilitre", "dl"),
    ("decilitres", "dl"),
    ("squaremeter", "m2"),
    ("squaremeters", "m2"),
    ("squaremetre", "m2"),
    ("squaremetres", "m2"),
    ("meterssquared", "m2"),
    ("metersquared", "m2"),
    ("sqm", "m2"),
    ("micromolar", "umol/l"),
    ("millimolar", "mmol/l"),
    ("umol/l", "umol/l"),
    ("mmol/l", "mmol/l"),
];

const COUNT_NOUNS: &str = "cell cells copies copy cigarette cigarettes drink drinks alcoholicdrinks
  alcoholic serving servings unit units time times episode episodes beat beats breath breaths step
  steps letter letters point points pts cycle cycles session sessions stage stages staging grade
  grades class classification score scores status group type axis site sites occasion occasions
  mean range z-score zscore pack packs visit visits dose doses tablet tablets capsule capsules
  event events attack attacks seizure seizures fold";

static UNIT_TABLE: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| UNITS.iter().chain(TIME).copied().collect());
static COUNTS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| COUNT_NOUNS.split_whitespace().collect());
static ULN_RE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(uln|upper limits? (?:of )?(?:the )?normal|upper normal limit|upper limit|upper (?:level|range) of normal|normal upper|maximum normal|upper normal|times (?:the )?normal|x normal)",
    )
});
static LLN_RE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(lln|lower limits? (?:of )?(?:the )?normal|lower normal limit|lower limit)")
});

fn canon_part(p: &str) -> String {
    static BSA: LazyLock<Regex> =
        LazyLock::new(|| re(r"^1\.73\s*(?:m2|meters?\s+squared|square\s+met(?:er|re)s?)\b"));
    static SQUEEZE: LazyLock<Regex> = LazyLock::new(|| re(r"[\s.]+"));
    let p = p.trim();
    if BSA.is_match(p) {
        return "1.73m2".into();
    }
    let q = SQUEEZE.replace_all(p, "");
    let q = q.trim_matches(|c| "-()*·,;".contains(c));
    if let Some(u) = UNIT_TABLE.get(q) {
        return (*u).into();
    }
    if COUNTS.contains(q) || q.is_empty() {
        return String::new();
    }
    let toks: Vec<&str> = p
        .split_whitespace()
        .map(|t| t.trim_matches(|c| "()*·.,;".contains(c)))
        .collect();
    for (i, tok) in toks.iter().enumerate() {
        if let Some(u) = UNIT_TABLE.get(tok) {
            if tok.chars().count() > 1 || i == 0 {
                return (*u).into();
            }
        }
    }
    String::new()
}

/// Canonical lowercase unit for a UCUM code or a unit as written; `None` for no unit.
pub fn canon_unit(u: &str) -> Option<String> {
    static BSA_BRACE: LazyLock<Regex> = LazyLock::new(|| re(r"\{\s*1\.73_?\s*m2\s*\}"));
    static BRACES: LazyLock<Regex> = LazyLock::new(|| re(r"\{[^}]*\}"));
    static OVER: LazyLock<fancy_regex::Regex> =
        LazyLock::new(|| fre(r"^\s*/\s*\d+(?:[.,]\d+)?\s*(?=[a-z%])"));
    static MULT: LazyLock<fancy_regex::Regex> = LazyLock::new(|| {
        fre(r"^(?:[x*·]|times)?\s*10\s*(?:\^|\*|e|x)?\s*(\d{1,2})(?=\s*(?:/|per\b|cells?\b|$))")
    });
    static POWER: LazyLock<Regex> = LazyLock::new(|| re(r"^10\s*[\^*]"));
    static MINUS1: LazyLock<Regex> = LazyLock::new(|| re(r"[\s·.]*([a-z]+)-1\b"));
    static MINUS23: LazyLock<Regex> = LazyLock::new(|| re(r"[\s·.]*([a-z]+)-([23])\b"));
    static TIMES: LazyLock<Regex> = LazyLock::new(|| re(r"^[x*·]\s*"));
    static PER: LazyLock<Regex> = LazyLock::new(|| re(r"\s+per\s+|^per\s+|\s*/\s*"));
    let mut s = u.trim().to_lowercase();
    for (a, b) in [
        ("µ", "u"),
        ("μ", "u"),
        ("²", "2"),
        ("³", "3"),
        ("⁹", "9"),
        ("⁶", "6"),
        ("\u{a0}", " "),
        ("×", "x"),
        ("–", "-"),
        ("∙", "·"),
        ("⋅", "·"),
    ] {
        s = s.replace(a, b);
    }
    s = BSA_BRACE.replace_all(&s, "1.73m2").into_owned();
    s = BRACES.replace_all(&s, "").into_owned();
    s = s.replace(['[', ']'], "");
    if ULN_RE.is_match(&s) {
        return Some("xuln".into());
    }
    if LLN_RE.is_match(&s) {
        return Some("xlln".into());
    }
    if s.contains('(') {
        let head = s.split('(').next().unwrap_or("").trim().to_string();
        if canon_unit(&head).is_some() {
            s = head;
        }
    }
    let st = s.trim().to_string();
    s = OVER.replace(&st, "").into_owned();
    let s = s.trim_matches(|c| " ,;:()".contains(c)).to_string();
    let mut s = s.as_str().to_string();
    let mut mult = String::new();
    if let Ok(Some(c)) = MULT.captures(&s) {
        let whole = c.get(0).expect("group 0");
        let first = whole.as_str().trim_start().chars().next();
        if first.is_some_and(|f| "x*·t".contains(f)) || POWER.is_match(&s) {
            mult = format!("10^{}", &c[1]);
            s = s[whole.end()..].to_string();
        }
    }
    s = s.replace('^', "");
    s = MINUS1.replace_all(&s, "/$1").into_owned();
    s = MINUS23.replace_all(&s, "/$1$2").into_owned();
    s = TIMES.replace(&s, "").into_owned();
    s = PER.replace_all(&s, "/").into_owned();
    let parts: Vec<&str> = s.split('/').collect();
    let mut num = if parts[0].is_empty() {
        String::new()
    } else {
        canon_part(parts[0])
    };
    if !mult.is_empty() {
        num = format!(
            "{mult}{}",
            if num.is_empty() || num == "10^3" {
                ""
            } else {
                &num
            }
        );
    }
    let mut dens: Vec<String> = parts[1..]
        .iter()
        .map(|p| canon_part(p))
        .filter(|d| !d.is_empty())
        .collect();
    if let Some(rest) = num.strip_prefix('/') {
        dens.insert(0, rest.to_string());
        num = String::new();
    }
    let out = num + &dens.iter().map(|d| format!("/{d}")).collect::<String>();
    (!out.is_empty()).then_some(out)
}

fn canon_tn_unit(c: &Value) -> Option<String> {
    match c["multiple_of"].as_str() {
        Some("ULN") => Some("xuln".into()),
        Some("LLN") => Some("xlln".into()),
        _ => c["unit"].as_str().and_then(canon_unit),
    }
}

// ---------------------------------------------------------------------------------------
// the criteria texts, with character positions

/// One trial's criteria text as trialnorm gets it, with character/byte conversion.
#[derive(Debug)]
pub struct TrialText {
    pub text: String,
    /// Byte offset of each character, and the text's length at the end.
    bytes: Vec<usize>,
    /// Offset (in characters) of each document (`NCT…_inc`, `NCT…_exc`) in the text.
    base: HashMap<String, usize>,
    /// Where the exclusion heading starts, in characters.
    exc_head: usize,
}

impl TrialText {
    fn new(nct: &str, inc: &str, exc: &str) -> TrialText {
        let text = format!("{INC_HEAD}{inc}{EXC_HEAD}{exc}");
        let mut bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bytes.push(text.len());
        let len = |s: &str| s.chars().count();
        let base_inc = len(INC_HEAD);
        let exc_head = base_inc + len(inc);
        let base = HashMap::from([
            (format!("{nct}_inc"), base_inc),
            (format!("{nct}_exc"), exc_head + len(EXC_HEAD)),
        ]);
        TrialText {
            text,
            bytes,
            base,
            exc_head,
        }
    }

    fn chars(&self) -> usize {
        self.bytes.len() - 1
    }

    fn byte(&self, ch: usize) -> usize {
        self.bytes[ch.min(self.chars())]
    }

    fn char_at(&self, byte: usize) -> usize {
        self.bytes.partition_point(|&b| b < byte)
    }

    fn span(&self, m: regex::Match, offset: usize) -> (usize, usize) {
        (
            self.char_at(m.start() + offset),
            self.char_at(m.end() + offset),
        )
    }

    fn slice(&self, s: usize, e: usize) -> &str {
        &self.text[self.byte(s)..self.byte(e)]
    }
}

/// The words of `text` joined by any run of white space.
fn flex_pattern(text: &str) -> Option<Regex> {
    let toks: Vec<String> = text.split_whitespace().map(regex::escape).collect();
    (!toks.is_empty()).then(|| re(&toks.join(r"\s*")))
}

/// The occurrence of `text` in `[lo, hi)` closest to `near`.
fn find_near(
    t: &TrialText,
    text: &str,
    lo: usize,
    hi: usize,
    near: usize,
) -> Option<(usize, usize)> {
    let pat = flex_pattern(text)?;
    let (lb, hb) = (t.byte(lo), t.byte(hi.max(lo)));
    let mut best: Option<(usize, (usize, usize))> = None;
    for m in pat.find_iter(&t.text[lb..hb]) {
        let span = t.span(m, lb);
        let d = span.0.abs_diff(near);
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, span));
        }
    }
    best.map(|b| b.1)
}

/// The first occurrence of `text` at or after `cursor` inside `regions`, then anywhere
/// after `cursor`, then the one nearest to `cursor` anywhere.
fn find_from(
    t: &TrialText,
    text: &str,
    regions: &[(usize, usize)],
    cursor: usize,
) -> Option<(usize, usize)> {
    let pat = flex_pattern(text)?;
    for &(lo, hi) in regions {
        if hi > cursor {
            let hb = t.byte(hi);
            let from = t.byte(lo.max(cursor)).min(hb);
            if let Some(m) = pat.find_at(&t.text[..hb], from) {
                return Some(t.span(m, 0));
            }
        }
    }
    if let Some(m) = pat.find_at(&t.text, t.byte(cursor)) {
        return Some(t.span(m, 0));
    }
    find_near(t, text, 0, t.chars(), cursor)
}

// ---------------------------------------------------------------------------------------
// gold, unscored annotations, trialnorm constraints

/// One gold tuple, its offsets moved into its trial's text.
#[derive(Debug, Clone)]
pub struct Gold {
    pub nct: String,
    pub doc: String,
    pub section: String,
    pub span: (usize, usize),
    pub value_span: (usize, usize),
    pub subject_span: Option<(usize, usize)>,
    pub line: (usize, usize),
    pub operator: String,
    pub value: f64,
    pub unit: Option<String>,
    pub subject: Option<String>,
    pub subject_type: Option<String>,
    pub subject_age: bool,
    pub value_text: String,
    pub span_text: String,
}

struct Unscored {
    nct: String,
    span: (usize, usize),
    values: Vec<f64>,
    kind: String,
    reason: String,
}

/// One trialnorm constraint and where it was found.
#[derive(Debug, Clone)]
pub struct Found {
    pub nct: String,
    pub section: &'static str,
    pub c: Value,
    pub loc: Option<(usize, usize)>,
    node_loc: Option<(usize, usize)>,
}

fn walk<'a>(nodes: &'a [Value], out: &mut Vec<&'a Value>) {
    for n in nodes {
        out.push(n);
        walk(n["children"].as_array().map_or(&[], Vec::as_slice), out);
    }
}

fn located_constraints(nct: &str, rec: &Value, t: &TrialText) -> Vec<Found> {
    let bounds = [
        ("inclusion", (0, t.exc_head)),
        ("exclusion", (t.exc_head, t.chars())),
    ];
    let mut out = Vec::new();
    let mut cursor = 0;
    for (sec, region) in bounds {
        let regions = [region];
        let mut nodes = Vec::new();
        walk(
            rec["eligibility"][sec]
                .as_array()
                .map_or(&[], Vec::as_slice),
            &mut nodes,
        );
        for node in nodes {
            let nt = node["text"].as_str().unwrap_or("");
            let loc = find_from(t, nt, &regions, cursor);
            if let Some(l) = loc {
                cursor = l.0 + 1;
            }
            for c in node["constraints"].as_array().into_iter().flatten() {
                let ct = c["text"].as_str().unwrap_or("");
                let mut cl = loc.and_then(|l| find_from(t, ct, &[l], l.0));
                if cl.is_none()
                    || loc.is_some_and(|l| !(l.0 <= cl.unwrap().0 && cl.unwrap().0 < l.1))
                {
                    let near = loc.map_or(cursor, |l| l.0);
                    cl = regions
                        .iter()
                        .find_map(|&(lo, hi)| find_near(t, ct, lo, hi, near));
                    if cl.is_none() {
                        cl = find_near(t, ct, 0, t.chars(), near);
                    }
                }
                out.push(Found {
                    nct: nct.to_string(),
                    section: sec,
                    c: c.clone(),
                    loc: cl,
                    node_loc: loc,
                });
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// matching

const STOP: &str = "a an the of and or in on at to for with by from as is are be been was were any
  not no than more less greater lower higher least most over under above below within prior
  before after during since up patient patients subject subjects participant participants
  who which that have has had history level levels value values count total serum plasma blood
  must should will can may";

static STOPS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| STOP.split_whitespace().collect());

fn content_words(s: &str) -> HashSet<String> {
    static WORD: LazyLock<Regex> = LazyLock::new(|| re(r"[a-z0-9]+"));
    let lower = s.to_lowercase();
    WORD.find_iter(&lower)
        .map(|m| m.as_str())
        .filter(|w| !STOPS.contains(w) && (w.len() > 1 || w.chars().all(|c| c.is_ascii_digit())))
        .map(String::from)
        .collect()
}

fn value_distance(g: &Gold, f: &Found, t: &TrialText) -> i64 {
    let Some((s, e)) = f.loc else {
        return 1_000_000;
    };
    let mut best: i64 = 100_000;
    for (v, a, _) in numbers_in(t.slice(s, e)) {
        if same_value(v, g.value) {
            best = best.min((s + a).abs_diff(g.value_span.0) as i64);
        }
    }
    if best == 100_000 {
        best = s.abs_diff(g.span.0) as i64 + 1000;
    }
    best
}

fn candidate(g: &Gold, f: &Found, t: &TrialText) -> Option<i64> {
    let op = f.c["operator"].as_str().unwrap_or("");
    let v = f.c["value"].as_f64()?;
    if op != g.operator || !same_value(v, g.value) {
        return None;
    }
    if let Some((s, e)) = f.loc {
        return (s < g.span.1 && g.span.0 < e).then(|| value_distance(g, f, t));
    }
    let text = f.c["text"].as_str().unwrap_or("");
    (text.contains(&g.value_text) && f.section == g.section).then_some(10_000_000)
}

const AGE_KEY_WORDS: &[&str] = &[
    "age", "aged", "ages", "old", "older", "younger", "years", "year",
];

fn subject_overlap(g: &Gold, f: &Found, t: &TrialText) -> bool {
    let Some(gsub) = &g.subject else {
        return true;
    };
    let subj = f.c["subject"].as_str().unwrap_or("");
    let key = f.c["key"].as_str().unwrap_or("");
    if g.subject_age
        && (key == "age"
            || content_words(subj)
                .iter()
                .any(|w| AGE_KEY_WORDS.contains(&w.as_str())))
    {
        return true;
    }
    if subj.trim().is_empty() {
        return false;
    }
    let (gs, ge) = g.subject_span.unwrap_or(g.span);
    let anchors: Vec<(usize, usize)> = [f.loc, f.node_loc].into_iter().flatten().collect();
    let anchors = if anchors.is_empty() {
        vec![(gs, ge)]
    } else {
        anchors
    };
    let lo = anchors
        .iter()
        .map(|a| a.0)
        .min()
        .unwrap_or(0)
        .saturating_sub(200);
    let hi = (anchors.iter().map(|a| a.1).max().unwrap_or(0) + 50).min(t.chars());
    if let Some(loc) = find_near(t, subj, lo, hi, anchors[0].0) {
        if loc.0 < ge && gs < loc.1 {
            return true;
        }
    }
    let gw = content_words(gsub);
    let mut tw = content_words(subj);
    tw.extend(content_words(&key.replace('_', " ")));
    tw.iter().any(|w| gw.contains(w))
}

/// One-to-one matching at a level (1: value+operator, 2: +unit, 3: +subject): gold index to
/// constraint index.
fn matching(
    golds: &[Gold],
    found: &[Found],
    texts: &BTreeMap<String, TrialText>,
    level: u8,
) -> BTreeMap<usize, usize> {
    let mut by_nct: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, f) in found.iter().enumerate() {
        by_nct.entry(&f.nct).or_default().push(i);
    }
    let mut pairs = Vec::new();
    for (gi, g) in golds.iter().enumerate() {
        let t = &texts[&g.nct];
        for &ti in by_nct.get(g.nct.as_str()).map_or(&[][..], Vec::as_slice) {
            let f = &found[ti];
            let Some(d) = candidate(g, f, t) else {
                continue;
            };
            if level >= 2 && canon_tn_unit(&f.c) != g.unit {
                continue;
            }
            if level >= 3 && !subject_overlap(g, f, t) {
                continue;
            }
            pairs.push((d, gi, ti));
        }
    }
    pairs.sort();
    let (mut gm, mut tm) = (BTreeMap::new(), HashSet::new());
    for (_, gi, ti) in pairs {
        if gm.contains_key(&gi) || tm.contains(&ti) {
            continue;
        }
        gm.insert(gi, ti);
        tm.insert(ti);
    }
    gm
}

// ---------------------------------------------------------------------------------------
// the evaluation

/// Matches, precision, recall and F1 at one level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Level {
    pub matches: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// The figures of one run.
#[derive(Debug)]
pub struct Report {
    pub trials: usize,
    pub gold: Vec<Gold>,
    pub found: Vec<Found>,
    /// Constraints left out of precision, with the reason.
    pub ignored: BTreeMap<usize, String>,
    pub scored: usize,
    /// Levels (a) value+operator, (b) +unit, (c) +subject.
    pub levels: [Level; 3],
    /// Gold index to constraint index at level (a).
    pub matched: BTreeMap<usize, usize>,
    pub texts: BTreeMap<String, TrialText>,
}

fn jsonl(path: &str) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn span_of(v: &Value, a: &str, b: &str, base: usize) -> (usize, usize) {
    let n = |k: &str| v[k].as_u64().map_or(0, |x| x as usize);
    (base + n(a), base + n(b))
}

fn gold_tuple(g: &Value, texts: &BTreeMap<String, TrialText>) -> Gold {
    let s = |k: &str| g[k].as_str().map(String::from);
    let nct = s("nct").expect("nct");
    let doc = s("doc").expect("doc");
    let b = texts[&nct].base[&doc];
    let subject_span = g["subject_span"].as_array().map(|a| {
        (
            b + a[0].as_u64().unwrap_or(0) as usize,
            b + a[1].as_u64().unwrap_or(0) as usize,
        )
    });
    let span = span_of(g, "start", "end", b);
    let line = g["line"].as_array().map_or(span, |a| {
        (
            b + a[0].as_u64().unwrap_or(0) as usize,
            b + a[1].as_u64().unwrap_or(0) as usize,
        )
    });
    Gold {
        section: s("section").unwrap_or_default(),
        span,
        value_span: span_of(g, "value_start", "value_end", b),
        subject_span,
        line,
        operator: s("operator").unwrap_or_default(),
        value: g["value"].as_f64().expect("a gold value"),
        unit: s("unit"),
        subject: s("subject"),
        subject_type: s("subject_type"),
        subject_age: g["subject_age"].as_bool().unwrap_or(false),
        value_text: s("value_text").unwrap_or_default(),
        span_text: s("span_text").unwrap_or_default(),
        nct,
        doc,
    }
}

/// The texts of `dir/texts/`, by trial.
fn load_texts(dir: &str) -> BTreeMap<String, TrialText> {
    let mut docs: BTreeMap<String, String> = BTreeMap::new();
    for e in std::fs::read_dir(format!("{dir}/texts")).expect("the texts folder") {
        let p = e.expect("an entry").path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if let Some(doc) = name.strip_suffix(".txt") {
            let bytes = std::fs::read(&p).expect("a text");
            docs.insert(
                doc.to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            );
        }
    }
    let ncts: std::collections::BTreeSet<String> = docs
        .keys()
        .map(|d| d.split('_').next().unwrap_or("").to_string())
        .collect();
    ncts.into_iter()
        .map(|n| {
            let inc = docs.get(&format!("{n}_inc")).map_or("", String::as_str);
            let exc = docs.get(&format!("{n}_exc")).map_or("", String::as_str);
            let t = TrialText::new(&n, inc, exc);
            (n, t)
        })
        .collect()
}

/// Every trial of the folder read by trialnorm (one API v2 study each, all in one
/// `{"studies": [...]}` input, as the Python scorer gives them to the binary).
fn records(texts: &BTreeMap<String, TrialText>) -> HashMap<String, Value> {
    let studies: Vec<Value> = texts
        .iter()
        .map(|(nct, t)| {
            json!({"protocolSection": {
                "identificationModule": {"nctId": nct, "briefTitle": format!("Chia {nct}")},
                "eligibilityModule": {"eligibilityCriteria": t.text}}})
        })
        .collect();
    let input = serde_json::to_vec(&json!({ "studies": studies })).expect("JSON");
    let mut out = HashMap::new();
    for r in trialnorm::parse_all(&input, None)
        .expect("the studies parse")
        .into_iter()
        .flatten()
    {
        let v = serde_json::to_value(&r).expect("a record serializes");
        if let Some(n) = v["ids"]["nct_id"].as_str() {
            out.insert(n.to_string(), v);
        }
    }
    out
}

fn prf(m: usize, pred: usize, gold: usize) -> Level {
    let p = if pred > 0 {
        m as f64 / pred as f64
    } else {
        0.0
    };
    let r = if gold > 0 {
        m as f64 / gold as f64
    } else {
        0.0
    };
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    Level {
        matches: m,
        precision: p,
        recall: r,
        f1,
    }
}

/// Scores trialnorm on the gold standard in `dir` (`chia-dev.jsonl`,
/// `chia-dev-unscored.jsonl`, `texts/`).
pub fn evaluate(dir: &str) -> Report {
    let texts = load_texts(dir);
    let gold: Vec<Gold> = jsonl(&format!("{dir}/chia-dev.jsonl"))
        .iter()
        .map(|g| gold_tuple(g, &texts))
        .collect();
    let unscored: Vec<Unscored> = jsonl(&format!("{dir}/chia-dev-unscored.jsonl"))
        .iter()
        .map(|u| {
            let nct = u["nct"].as_str().unwrap_or("").to_string();
            let b = texts[&nct].base[u["doc"].as_str().unwrap_or("")];
            Unscored {
                span: span_of(u, "start", "end", b),
                values: u["values"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_f64)
                    .collect(),
                kind: u["kind"].as_str().unwrap_or("").to_string(),
                reason: u["reason"].as_str().unwrap_or("").to_string(),
                nct,
            }
        })
        .collect();
    let recs = records(&texts);
    let mut found = Vec::new();
    for (nct, t) in &texts {
        if let Some(r) = recs.get(nct) {
            found.extend(located_constraints(nct, r, t));
        }
    }
    let levels: Vec<BTreeMap<usize, usize>> = (1..=3)
        .map(|lv| matching(&gold, &found, &texts, lv))
        .collect();
    let matched_t: HashSet<usize> = levels[0].values().copied().collect();
    let mut ignored = BTreeMap::new();
    for (ti, f) in found.iter().enumerate() {
        let Some((s, e)) = f.loc else { continue };
        if matched_t.contains(&ti) {
            continue;
        }
        let v = f.c["value"].as_f64().unwrap_or(f64::NAN);
        let on_gold = gold
            .iter()
            .any(|g| g.nct == f.nct && g.span.0 < e && s < g.span.1 && same_value(v, g.value));
        if on_gold {
            continue;
        }
        let hit = unscored.iter().find(|u| {
            u.nct == f.nct
                && u.span.0 < e
                && s < u.span.1
                && u.values.iter().any(|&x| same_value(v, x))
        });
        if let Some(u) = hit {
            let reason = if u.kind == "Value" || !u.reason.starts_with("criterion") {
                u.reason.clone()
            } else {
                "criterion Chia left unannotated".to_string()
            };
            ignored.insert(ti, reason);
        }
    }
    let scored = found.len() - ignored.len();
    let lv = |i: usize| prf(levels[i].len(), scored, gold.len());
    Report {
        trials: texts.len(),
        levels: [lv(0), lv(1), lv(2)],
        matched: levels[0].clone(),
        gold,
        found,
        ignored,
        scored,
        texts,
    }
}

impl Report {
    /// The table evaluate.py prints.
    pub fn table(&self) -> String {
        let mut out = format!(
            "Chia dev numeric comparisons: {} trials, {} gold tuples; trialnorm: {} constraints, {} ignored, {} scored\n",
            self.trials,
            self.gold.len(),
            self.found.len(),
            self.ignored.len(),
            self.scored
        );
        out += &format!(
            "  {:<22}{:>8}{:>8}{:>8}{:>8}\n",
            "level", "matches", "P", "R", "F1"
        );
        // evaluate.py rounds to 4 places, then prints 3: so does this, to print the same.
        let r4 = |x: f64| (x * 1e4).round() / 1e4;
        for (name, l) in ["(a) value+operator", "(b) +unit", "(c) +subject"]
            .iter()
            .zip(&self.levels)
        {
            out += &format!(
                "  {name:<22}{:>8}{:>8.3}{:>8.3}{:>8.3}\n",
                l.matches,
                r4(l.precision),
                r4(l.recall),
                r4(l.f1)
            );
        }
        out
    }

    /// Gold tuples left unmatched at level (a), each with its line.
    pub fn misses(&self) -> Vec<String> {
        self.gold
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.matched.contains_key(i))
            .map(|(_, g)| {
                let t = &self.texts[&g.nct];
                let line = t
                    .slice(g.line.0, g.line.1)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                format!(
                    "{} {:?} {} {}{}  [{:?}]  in: {}",
                    g.doc,
                    g.subject.as_deref().unwrap_or(""),
                    g.operator,
                    g.value,
                    g.unit
                        .as_deref()
                        .map(|u| format!(" {u}"))
                        .unwrap_or_default(),
                    g.span_text,
                    line
                )
            })
            .collect()
    }

    /// Scored constraints that match no gold tuple at level (a).
    pub fn false_positives(&self) -> Vec<String> {
        let matched: HashSet<usize> = self.matched.values().copied().collect();
        self.found
            .iter()
            .enumerate()
            .filter(|(i, _)| !matched.contains(i) && !self.ignored.contains_key(i))
            .map(|(_, f)| {
                format!(
                    "{} {} {:?} {} {}{}{}  text: {}",
                    f.nct,
                    &f.section[..3],
                    f.c["subject"].as_str().unwrap_or(""),
                    f.c["operator"].as_str().unwrap_or(""),
                    f.c["value"],
                    f.c["unit"]
                        .as_str()
                        .map(|u| format!(" {u}"))
                        .unwrap_or_default(),
                    f.c["multiple_of"]
                        .as_str()
                        .map(|u| format!(" x{u}"))
                        .unwrap_or_default(),
                    f.c["text"].as_str().unwrap_or("")
                )
            })
            .collect()
    }
}

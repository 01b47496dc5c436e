//! Numeric constraints stated by one criterion's text: "hemoglobin < 11 g/dL", "aged 18 to
//! 70 years", "ALT > 3 × ULN", "surgery within 4 weeks".
//!
//! A small grammar around each number: an operator before it (symbol or words), a unit and
//! qualifiers after it ("× ULN", "% predicted", "/51", "or more"), an optional second number
//! for a range ("18 to 70", "between 18 and 70"). The subject is found in the words before
//! the operator, matched against a table of common subjects (`SUBJECTS`) that gives each a
//! normalized key. Only comparisons of measured quantities are kept: a number with a unit,
//! or with a known or score-like subject; bare counts ("at least 2 NSAIDs") are not.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::lean::Lean;
use super::scan::{
    age_after_end, bp_pair, ends_with_joint, ends_with_minus, has_word_of, is_glue_of, is_one_of,
    is_words_of, of_next, out_of, percent_end, predicted_end, sevenths, starts_with_word_of,
    trailing_group,
};

use crate::model::{Constraint, Criterion, Operator, ReferenceRange};

/// Common subjects: pattern, normalized key. Earlier rows win where matches overlap.
const SUBJECTS: &[(&str, &str)] = &[
    (
        r"systolic pulmonary arter\w* pressures?|\bsPAP\b|pulmonary arter\w* systolic pressures?",
        "spap",
    ),
    (r"mean pulmonary arter\w* pressures?|\bmPAP\b", "mpap"),
    (
        r"pulmonary arter\w* pressures?|\bPAP\b",
        "pulmonary_artery_pressure",
    ),
    (
        r"systolic blood pressure|\bSBP\b|\bsystolic\b",
        "systolic_bp",
    ),
    (
        r"diastolic blood pressure|\bDBP\b|\bdiastolic\b",
        "diastolic_bp",
    ),
    (r"mean arterial pressure|\bMAP\b", "map"),
    (r"blood pressure|\bBP\b", "blood_pressure"),
    (
        r"creatinine clearance|\bCrCl\b|\bClCr\b",
        "creatinine_clearance",
    ),
    (r"\be-?GFR\b|\bGFR\b|glomerular filt\w* rate", "egfr"),
    (
        r"(?:urine |urinary )?albumin(?:[- ]to[- ]|\s*/\s*|[- ])creatinine ratio|\bu?ACR\b",
        "albumin_creatinine_ratio",
    ),
    (r"cr[eé]atinine?", "creatinine"),
    (
        r"(?:left ventricular )?ejection fraction|\bLVEF\b|\bEF\b",
        "lvef",
    ),
    (
        r"(?:lung )?diffusi\w* capacity(?: of the lung)?(?: for carbon monoxide)?|\bDLCO\b|\bTLCO\b",
        "dlco",
    ),
    (
        r"\bFEV[_ ]?1\s*/\s*FVC\b|\bFEV[_ ]?1\s*/\s*forced vital capacity",
        "fev1_fvc",
    ),
    (r"forced vital capacity|\bFVC\b", "fvc"),
    (
        r"forced expiratory volume(?: in (?:1|one) second)?(?: \(FEV\)_?1)?|\bFEV[_ ]?1\b",
        "fev1",
    ),
    (
        r"\bH[bg]?A1c\b|glycated ha?emoglobin|\bA1C\b|glycosylated ha?emoglobin",
        "hba1c",
    ),
    (r"ha?emoglobin|\bHg?b\b|\ban(?:a)?emia\b", "hemoglobin"),
    (r"platelets?|thrombo(?:cyto)?penia|\bPLT\b", "platelets"),
    (
        r"(?:absolute )?neutrophils?(?: count)?|\bANC\b|neutropenia|granulocytes?|polymorphonuclear",
        "neutrophils",
    ),
    (r"lymphocytes?|lymphopenia", "lymphocytes"),
    (
        r"leu[ck]ocytes?|white blood cells?|\bWBC\b|leu[ck]openia",
        "leukocytes",
    ),
    (
        r"\bCD4\b\+?(?: (?:T[- ])?cells?)?(?: cell)?(?: count)?",
        "cd4",
    ),
    (r"bilirubin", "bilirubin"),
    (
        r"aspartate (?:amino)?transferase|aspartate transaminase|\bASAT\b|\bAST\b|\bSGOT\b",
        "ast",
    ),
    (
        r"alanine (?:amino)?transferase|alanine transaminase|\bALAT\b|\bALT\b|\bSGPT\b",
        "alt",
    ),
    (r"transaminases|\bLFTs?\b", "transaminases"),
    (r"C[- ]reactive protein|\bCRP\b", "crp"),
    (r"\bm-?RSS\b|rodnan", "mrss"),
    (r"body mass index|\bBMI\b", "bmi"),
    (
        r"karnof?w?sky(?: performance)?(?: status| score| scale| index)?(?: \(KPS\))?|\bKPS\b",
        "karnofsky",
    ),
    (
        r"\bECOG\b|\bZubrod\b|\bWHO performance|performance status",
        "ecog",
    ),
    (
        r"life expectancy|(?:expected )?life ?span|survival expectancy|\bto live\b",
        "life_expectancy",
    ),
    (
        r"gestation(?:al age)?|\bweeks'? of gestation",
        "gestational_age",
    ),
    (r"birth ?weight", "birth_weight"),
    (r"body weight|\bweight\b", "weight"),
    (r"\bheight\b", "height"),
    (r"temperature|\bfever\b", "temperature"),
    (r"heart rate|\bpulse\b", "heart_rate"),
    (
        r"respiratory (?:rate|frequency)|breathing rate|\bRR\b",
        "respiratory_rate",
    ),
    (
        r"\bSp ?O2\b|\bSa ?O2\b|\bO2 saturation|oxygen saturation|saturation of oxygen|\bSat O2\b",
        "spo2",
    ),
    (r"\bQTc\w*|\bQT interval|corrected QT", "qtc"),
    (r"\bINR\b", "inr"),
    (r"albumin", "albumin"),
    (r"viral load|HIV-1 RNA", "viral_load"),
    (r"\bEASI\b|eczema area and severity", "easi"),
    (r"\bIGA\b|investigator'?s global assessment", "iga"),
    (
        r"\bBASDAI\b|bath ankylosing spondylitis disease activity",
        "basdai",
    ),
    (r"clinical global impression|\bCGI\b", "cgi"),
    (r"\bHAM-?D\d*|hamilton depression", "hamd"),
    (r"\bSOFA\b|sequential organ failure", "sofa"),
    (r"CURB-?65", "curb65"),
    (r"apgar", "apgar"),
    (r"\bAHI\b|apn[o]?ea[- ]hypopn[o]?ea index", "ahi"),
    (r"\bpain\b|\bVAS\b|\bNRS\b", "pain"),
    (
        r"American Society of Anesth?esiologists?'?s?(?: \(ASA\))?(?: physical)?(?: status)?(?: class(?:ification)?)?|\bASA\b(?: physical)?(?: status)?(?: class)?",
        "asa",
    ),
    (
        r"New York Heart Association(?: \(NYHA\))?(?: functional)?(?: class)?|\bNYHA\b(?: functional)?(?: class)?",
        "nyha",
    ),
    (r"\bGleason\b(?: score| sum| grade)?", "gleason"),
    (r"prostate[- ]specific antigen|\bPSA\b", "psa"),
    (r"\bDAS-?28\b", "das28"),
    (
        r"\bLDL\b(?:[- ]c(?:holesterol)?\b)?|low[- ]density lipoprotein",
        "ldl",
    ),
    (r"glucose|\bglyc(?:a)?emia", "glucose"),
    (r"\bages?\b|\baged\b", "age"),
];

/// Where a match of each row of `SUBJECTS` can start, ASCII case aside: every match of a row
/// begins with one of its words (the row's literal prefixes as regex-syntax extracts them, cut
/// at the first non-ASCII character; `subject_starts_cover_every_match` checks it). A text
/// holding none of a row's words is not searched with that row: one pass of an Aho-Corasick
/// automaton over the text replaces a set of all rows, whose Unicode, case-insensitive
/// automaton was a fifth of a one-record process, and only the rows a record needs compile.
const SUBJECT_STARTS: &[&[&str]] = &[
    &["pulmonary arter", "spap", "systolic pulmonary arter"],
    &["mean pulmonary arter", "mpap"],
    &["pap", "pulmonary arter"],
    &["sbp", "systolic"],
    &["dbp", "diastolic"],
    &["map", "mean arterial pressure"],
    &["blood pressure", "bp"],
    &["clcr", "crcl", "creatinine clearance"],
    &["e-gfr", "egfr", "gfr", "glomerular filt"],
    &["acr", "albumin", "uacr", "urinary albumin", "urine albumin"],
    &["cr"],
    &[
        "ef",
        "ejection fraction",
        "left ventricular ejection fraction",
        "lvef",
    ],
    &["diffusi", "dlco", "lung diffusi", "tlco"],
    &["fev 1", "fev1", "fev_1"],
    &["forced vital capacity", "fvc"],
    &["fev 1", "fev1", "fev_1", "forced expiratory volume"],
    &[
        "a1c",
        "glycated haemoglobin",
        "glycated hemoglobin",
        "glycosylated haemoglobin",
        "glycosylated hemoglobin",
        "ha1c",
        "hba1c",
        "hga1c",
    ],
    &[
        "anaemia",
        "anemia",
        "haemoglobin",
        "hb",
        "hemoglobin",
        "hgb",
    ],
    &["platelet", "plt", "thrombocytopenia", "thrombopenia"],
    &[
        "absolute neutrophil",
        "anc",
        "granulocyte",
        "neutropenia",
        "neutrophil",
        "polymorphonuclear",
    ],
    &["lymphocyte", "lymphopenia"],
    &[
        "leucocyte",
        "leucopenia",
        "leukocyte",
        "leukopenia",
        "wbc",
        "white blood cell",
    ],
    &["cd4"],
    &["bilirubin"],
    &[
        "asat",
        "aspartate aminotransferase",
        "aspartate transaminase",
        "aspartate transferase",
        "ast",
        "sgot",
    ],
    &[
        "alanine aminotransferase",
        "alanine transaminase",
        "alanine transferase",
        "alat",
        "alt",
        "sgpt",
    ],
    &["lft", "transaminases"],
    &["c reactive protein", "c-reactive protein", "crp"],
    &["m-rss", "mrss", "rodnan"],
    &["bmi", "body mass index"],
    &["karnofsky", "karnofwsky", "karnosky", "karnowsky", "kps"],
    &["ecog", "performance status", "who performance", "zubrod"],
    &[
        "expected life span",
        "expected lifespan",
        "life expectancy",
        "life span",
        "lifespan",
        "survival expectancy",
        "to live",
    ],
    &["gestation", "weeks of gestation", "weeks' of gestation"],
    &["birth weight", "birthweight"],
    &["body weight", "weight"],
    &["height"],
    &["fever", "temperature"],
    &["heart rate", "pulse"],
    &[
        "breathing rate",
        "respiratory frequency",
        "respiratory rate",
        "rr",
    ],
    &[
        "o2 saturation",
        "oxygen saturation",
        "sa o2",
        "sao2",
        "sat o2",
        "saturation of oxygen",
        "sp o2",
        "spo2",
    ],
    &["corrected qt", "qt interval", "qtc"],
    &["inr"],
    &["albumin"],
    &["hiv-1 rna", "viral load"],
    &["easi", "eczema area and severity"],
    &[
        "iga",
        "investigator's global assessment",
        "investigators global assessment",
    ],
    &["basdai", "bath ankylosing spondylitis disease activity"],
    &["cgi", "clinical global impression"],
    &["ham-d", "hamd", "hamilton depression"],
    &["sequential organ failure", "sofa"],
    &["curb-65", "curb65"],
    &["apgar"],
    &[
        "ahi",
        "apnea hypopnea index",
        "apnea hypopnoea index",
        "apnea-hypopnea index",
        "apnea-hypopnoea index",
        "apnoea hypopnea index",
        "apnoea hypopnoea index",
        "apnoea-hypopnea index",
        "apnoea-hypopnoea index",
    ],
    &["nrs", "pain", "vas"],
    &[
        "american society of anestesiologist",
        "american society of anesthesiologist",
        "asa",
    ],
    &["new york heart association", "nyha"],
    &["gleason"],
    &[
        "prostate specific antigen",
        "prostate-specific antigen",
        "psa",
    ],
    &["das-28", "das28"],
    &["ldl", "low density lipoprotein", "low-density lipoprotein"],
    &["glucose", "glycaemia", "glycemia"],
    &["age"],
];

/// Units: pattern (anchored at the text after the number), UCUM code. First match wins, so
/// longer spellings come first. Scientific counts ("× 10⁹/L") are read by `SCIENTIFIC`.
const UNITS: &[(&str, &str)] = &[
    (
        r"ml\s*/\s*min(?:ute)?\s*(?:/|per)\s*1[.,]73\s*m\s*(?:\^?2|²)?|ml\s*[•·.]\s*min-1\s*[•·.]\s*1[.,]73\s*m-2",
        "mL/min/{1.73_m2}",
    ),
    (r"ml\s*/\s*kg\s*/\s*min(?:ute)?\b", "mL/kg/min"),
    (r"ml\s*/\s*m\s*(?:\^?2|²)", "mL/m2"),
    (r"ml\s*(?:/|per)\s*(?:d|day)\b", "mL/d"),
    (
        r"(?:ml\s*/\s*min(?:ute)?|milliliters? per minute)\b",
        "mL/min",
    ),
    (r"L\s*/\s*min\s*/\s*m\s*(?:\^?2|²)", "L/min/m2"),
    (r"(?:µ|μ|mc|u)g\s*/\s*kg\s*/\s*min\b", "ug/kg/min"),
    (r"mg\s*/\s*day/1[.,]73\s*m2", "mg/d/{1.73_m2}"),
    (r"mg\s*/\s*kg\s*/\s*(?:d|day)\b", "mg/kg/d"),
    (r"mg\s*/\s*kg\b", "mg/kg"),
    (r"mg\s*(?:/|per)\s*(?:days?|d)\b", "mg/d"),
    (r"kg\s*/\s*m\s*(?:\^?2|²)", "kg/m2"),
    (r"g\s*/\s*m2", "g/m2"),
    (r"(?:g|gm)\s*/\s*dl\b", "g/dL"),
    (r"mg\s*/\s*dl\b", "mg/dL"),
    (r"mg\s*/\s*l\b", "mg/L"),
    (
        r"(?:µ|μ|u|micro)mol(?:es)?\s*(?:/|per)\s*(?:l|lit(?:er|re)s?)\b",
        "umol/L",
    ),
    (r"mmol\s*/\s*l\b", "mmol/L"),
    (r"mmol\s*/\s*mol\b", "mmol/mol"),
    (r"nmol\s*/\s*l\b", "nmol/L"),
    (r"pmol\s*/\s*l\b", "pmol/L"),
    (r"meq\s*/\s*l\b", "meq/L"),
    (r"(?:µ|μ|u|mc)g\s*/\s*l\b", "ug/L"),
    (r"(?:µ|μ|u|mc)g\s*/\s*dl\b", "ug/dL"),
    (r"ng\s*/\s*dl\b", "ng/dL"),
    (r"mg\s*/\s*g\b", "mg/g"),
    (r"mg\s*/\s*mmol\b", "mg/mmol"),
    (r"ng\s*/\s*ml\b", "ng/mL"),
    (r"pg\s*/\s*ml\b", "pg/mL"),
    (r"g\s*/\s*l\b", "g/L"),
    (r"miu\s*/\s*ml\b", "m[IU]/mL"),
    (r"miu\s*/\s*l\b", "m[IU]/L"),
    (r"mu\s*/\s*l\b", "mU/L"),
    (r"iu\s*/\s*l\b", "[IU]/L"),
    (r"u\s*/\s*l\b", "U/L"),
    (r"copies\s*/\s*ml\b", "{copies}/mL"),
    (r"k\s*/\s*(?:µ|μ|u|mc)l\b", "10*3/uL"),
    (r"(?:cells?\s*)?/\s*(?:mm\s*\^?\s*3|mm³|cumm|cmm)", "/mm3"),
    (
        r"(?:cells?\s*)?(?:/|per)\s*(?:µ|μ|u|mc|micro)\s*l(?:it(?:er|re))?\b",
        "/uL",
    ),
    (r"(?:cells?\s*)?/\s*ml\b", "/mL"),
    (r"(?:cells?\s*)?/\s*l\b", "/L"),
    (r"(?:cells?\s*)?/\s*m3\b", "/m3"),
    (r"mm\s*hg\b", "mm[Hg]"),
    (
        r"(?:beats?|breaths?)\s*(?:/|per)\s*min(?:ute)?\b|bpm\b|per\s+min(?:ute)?\b|/\s*min\b",
        "/min",
    ),
    (r"cpm\b", "{cpm}"),
    (r"packs?\s*(?:/|per)\s*(?:years?|yr)\b", "{pack}/a"),
    (
        r"(?:standard\s+)?(?:alcoholic\s+)?drinks?\s*(?:/|per)\s*(?:weeks?|wk)\b",
        "{drink}/wk",
    ),
    (
        r"(?:standard\s+)?(?:alcoholic\s+)?drinks?\s*(?:/|per)\s*days?\b",
        "{drink}/d",
    ),
    (r"wood\s+units?\b", "[wood'U]"),
    (r"(?:lbs?|pounds?)\b", "[lb_av]"),
    (r"(?:msec|milliseconds?|ms)\b", "ms"),
    (r"(?:microns?|µm|μm|um)\b", "um"),
    (r"mm\b", "mm"),
    (r"cm\b", "cm"),
    (r"m\s*(?:\^2|²)|m2\b", "m2"),
    (r"m\b", "m"),
    (r"(?:kg|kilograms?)\b", "kg"),
    (
        r"mg\s*(?:/|per)\s*24\s*-?\s*(?:hours?|hrs?|h)\b",
        "mg/(24.h)",
    ),
    (r"mg\b", "mg"),
    (r"gy\b", "Gy"),
    (
        r"(?:g|gm|grams?)\s*(?:/|per)\s*24\s*-?\s*(?:hours?|hrs?|h)\b",
        "g/(24.h)",
    ),
    (r"(?:g|gm|grams?)\s*(?:/|per)\s*(?:days?|d)\b", "g/d"),
    (r"(?:g|gms?|grams?)\b", "g"),
    (
        r"ml\s*(?:/|per)\s*24\s*-?\s*(?:hours?|hrs?|h)\b",
        "mL/(24.h)",
    ),
    (r"ml\b", "mL"),
    (r"l\b", "L"),
    (r"(?:°|º|˚|◦)?\s*[cс]\b|degrees?\s+celsius|℃", "Cel"),
    (r"(?:°|º|˚)\s*f\b|f\b|degrees?\s+fahrenheit", "[degF]"),
    (r"°|º|˚|degrees?\b", "deg"),
    (r"-?\s*(?:years?|yrs?|yr|y)\b|ans\b", "a"),
    (r"-?\s*(?:months?|mois)\b", "mo"),
    (r"-?\s*(?:weeks?|wks?)\b", "wk"),
    (r"-?\s*days?\b", "d"),
    (r"-?\s*(?:hours?|hrs?|h)\b", "h"),
    (r"-?\s*(?:minutes?|mins?)\b", "min"),
    (r"(?:seconds?|secs?|s)\b", "s"),
    (r"(?-i:D)\b", "[diop]"),
];

/// The first character of a match of each row of `UNITS` after the spaces before it, as
/// `folded` folds it: a row is tried only on a text whose first such character it lists
/// (`unit_starts_cover_every_match` checks it). Most of the text after a number starts with
/// one of a few letters, so a number compiles the few rows of its letter, not a set of all.
const UNIT_STARTS: &[&str] = &[
    "m",
    "m",
    "m",
    "m",
    "m",
    "l",
    "muµμ",
    "m",
    "m",
    "m",
    "m",
    "k",
    "g",
    "g",
    "m",
    "m",
    "muµμ",
    "m",
    "m",
    "n",
    "p",
    "m",
    "muµμ",
    "muµμ",
    "n",
    "m",
    "m",
    "n",
    "p",
    "g",
    "m",
    "m",
    "m",
    "i",
    "u",
    "c",
    "k",
    "/c",
    "/cp",
    "/c",
    "/c",
    "/c",
    "m",
    "/bp",
    "c",
    "p",
    "ads",
    "ads",
    "w",
    "lp",
    "m",
    "muµμ",
    "m",
    "c",
    "m",
    "m",
    "k",
    "m",
    "m",
    "g",
    "g",
    "g",
    "g",
    "m",
    "m",
    "l",
    "cd°º˚сᲃ℃◦",
    "df°º˚",
    "d°º˚",
    "-ay",
    "-m",
    "-w",
    "-d",
    "-h",
    "-m",
    "s",
    "d",
];

/// What a match of each row of `UNITS` starts with after the spaces before it, ASCII case
/// aside (the row's literal prefixes as regex-syntax extracts them, case variants of other
/// letters as they are; "" where they are not finite): with `UNIT_STARTS`, a row is tried
/// only on a text that starts with one of them (`unit_prefixes_cover_every_match`).
const UNIT_PREFIXES: &[&[&str]] = &[
    &["ml"],
    &["ml"],
    &["ml"],
    &["ml"],
    &["m"],
    &["l"],
    &["mcg", "ug", "µg", "Μg", "μg"],
    &["mg"],
    &["mg"],
    &["mg"],
    &["mg"],
    &["kg", "Kg"],
    &["g"],
    &["g"],
    &["mg"],
    &["mg"],
    &["micromo", "umo", "µmo", "Μmo", "μmo"],
    &["mmol"],
    &["mmol"],
    &["nmol"],
    &["pmol"],
    &["meq"],
    &["mcg", "ug", "µg", "Μg", "μg"],
    &["mcg", "ug", "µg", "Μg", "μg"],
    &["ng"],
    &["mg"],
    &["mg"],
    &["ng"],
    &["pg"],
    &["g"],
    &["miu"],
    &["miu"],
    &["mu"],
    &["iu"],
    &["u"],
    &["copies", "copieſ"],
    &["k", "K"],
    &["/", "cell"],
    &[""],
    &["/", "cell"],
    &["/", "cell"],
    &["/", "cell"],
    &["mm"],
    &["/", "b", "per"],
    &["cpm"],
    &["pack", "pacK"],
    &[""],
    &[""],
    &["wood"],
    &["lb", "pound"],
    &["m"],
    &["micron", "um", "µm", "Μm", "μm"],
    &["mm"],
    &["cm"],
    &["m"],
    &["m"],
    &["k", "K"],
    &["mg"],
    &["mg"],
    &["gy"],
    &["g"],
    &["g"],
    &["g"],
    &["ml"],
    &["ml"],
    &["l"],
    &[""],
    &["degree", "f", "°", "º", "˚"],
    &["degree", "°", "º", "˚"],
    &[""],
    &[""],
    &[""],
    &[""],
    &[""],
    &[""],
    &["s", "ſ"],
    &["d"],
];

/// Units that measure time: with them a comparison is an age, or a time window.
const TIME_UNITS: &[&str] = &["a", "mo", "wk", "d", "h", "min", "s"];

/// Operators written before the number. The `bool` marks "within"-style windows.
const OPERATORS_BEFORE: &[(&str, Operator, bool)] = &[
    (
        r"(?:greater|more|older|higher|superior|upper|bigger|larger|above)(?: than)? or equal(?: to)?|equal(?: to)? or (?:greater|more|higher|superior|bigger|larger|above|over|older)(?: than| to)?|(?:>|≥)\s*(?:or\s*|/\s*)?=(?:\s*to)?|(?:>|≥) ?or equal to|at least|no less than|not less than|minimum(?: of)?|≥|>=|=>|>/=|=/>|≧|⩾",
        Operator::Ge,
        false,
    ),
    (
        r"(?:less|lower|younger|fewer|smaller|inferior|below|under)(?: than)? or equal(?: to)?|equal(?: to)? or (?:less|lower|smaller|inferior|below|under|younger)(?: than| to)?|(?:<|≤)\s*(?:or\s*|/\s*)?=(?:\s*to)?|(?:<|≤) ?or equal to|at most|no more than|not more than|no greater than|not greater than|not exceeding|maximum(?: of)?|up to|≤|<=|=<|</=|=/<|≦|⩽",
        Operator::Le,
        false,
    ),
    (
        r"within(?: the)?(?: (?:past|last|previous|preceding|next|first))?|(?:in|during|over) the (?:past|last|previous|preceding)|\bover the",
        Operator::Le,
        true,
    ),
    (
        r"more than|greater than|higher than|older than|larger than|longer than|bigger than|major than|exceed(?:s|ed|ing)?|in excess of|superior to|\bgreater|\bover|\babove|>",
        Operator::Gt,
        false,
    ),
    (
        r"less than|lower than|fewer than|younger than|smaller than|shorter than|inferior to|\bbelow|\bunder|<",
        Operator::Lt,
        false,
    ),
    (r"=", Operator::Eq, false),
];

/// Operators written after the number and unit ("18 years or older").
const OPERATORS_AFTER: &[(&str, Operator)] = &[
    (
        r"(?:or|and) (?:more|greater|older|above|over|higher|longer)\b|\+",
        Operator::Ge,
    ),
    (
        r"(?:or|and) (?:less|younger|fewer|below|under|lower|shorter)\b",
        Operator::Le,
    ),
];

/// Words naming a measured or scored thing: a comparison on them is kept without a unit.
#[rustfmt::skip]
const SCORE_WORD: &[&str] = &[
    "score", "grade", "stage", "index", "scale", "class", "level", "count", "rate", "ratio",
    "pressure", "titer", "saturation", "concentration", "interval", "value", "ct",
];

/// Subjects that mean age when nothing else is named ("women under 50", "adults ≥ 18"):
/// a text made of them is `(?i)^(?:(?:adults?|…|for)\W*)+$` (`scan::is_words_of`).
#[rustfmt::skip]
const PERSON: &[&str] = &[
    "adults", "adult", "patients", "patient", "subjects", "subject", "participants", "participant",
    "persons", "person", "people", "population", "men", "women", "males", "male", "females",
    "female", "children", "child", "infants", "infant", "adolescents", "adolescent", "individuals",
    "individual", "volunteers", "volunteer", "healthy", "residents", "resident", "male or female",
    "who", "are", "is", "be", "must", "whose", "and", "or", "for",
];

static NUMBER: Lean = Lean::new(
    r"(?i)\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:\b|$)|\d+(?:[.,]\d+)?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b|(?-i:\b(?:XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I)\b)",
);

/// "× 10⁹/L", "x 109/L", "*10*9/l", "x10^3/µL": a count per volume.
static SCIENTIFIC: Lean = Lean::new(
    r"(?i)^\s*(?:[x*.]|×|times)\s*10\s*(?:\^|\*|\s)?\s*(?P<exp>12|[369]|⁹|⁶|³|¹²)\s*(?:cells\s*)?/\s*(?P<den>(?:µ|μ|u|mc)l|l|mm\s*\^?\s*3|mm³|ml)\b",
);

/// "≥ 10^-3", "< 1 x 10^-4", "10^5 copies/mL": a power of ten, whose value is written out
/// (0.001), not its base read as the value.
static POWER: Lean =
    Lean::new(r"(?i)^(?P<times>\s*(?:[x*×]|times)\s*10\s*)?\^\s*(?P<exp>[-−]?\d{1,2})\b");

/// "× ULN", "times the upper limit of normal", "´ upper normal limit", "3 normal".
static MULTIPLE: Lean = Lean::new(
    r"(?i)^\s*(?:[x*]|×|´|times?(?:\s+of)?)?\s*(?:the\s+)?(?:institutional\s+)?(?P<ref>ULN|LLN|upper limits? of (?:the )?normal(?: range)?|upper normal limits?|lower limits? of (?:the )?normal|(?:upper )?reference (?:range|limit|value)s?|normal|(?-i:N))\b(?:\s*\((?:ULN|LLN)\))?",
);

/// Words between an operator and its number ("over the age of 21", "≥ grade 2"; "Minimum
/// age 18 years" and "Maximum age: 65", where the operator word labels the age).
static INFIX: Lean =
    Lean::new(r"(?i)(?:\s(?:the )?age(?: of|\s*:)?|\sgrade|\sstage|\sclass|\sa total of|\sof)\s*$");

/// The last words of `INFIX`'s matches: a text whose last word ends with none of them is not
/// searched (`infix_ends_cover_every_match`), so most texts do not compile it.
const INFIX_ENDS: &[&str] = &["of", "age", ":", "grade", "stage", "class"];

/// The words of the text between two listed subjects ("AST, ALT and total bilirubin"),
/// with white space, commas, slashes and ampersands ("and/or" is "and", "/", "or").
const LIST_GLUE: &[&str] = &["and", "or", "total", "serum", "direct"];

/// A qualifier that keeps the subject of the comparison before it ("at screening or"): one
/// of these words and at most 40 characters.
const QUALIFIER: &[&str] = &["at", "for", "in", "on", "when", "while", "by"];

static LEADING_FILLER: Lean = Lean::new(
    r"(?i)^(?:(?:with|a|an|the|and|or|has|have|had|is|are|of|if|who|which|that|must|be|been|documented|abnormal|any|,)\s+)+",
);

static TRAILING_FILLER: Lean = Lean::new(
    r"(?i)(?:\s+(?:of|is|are|was|be|must|should|a|an|the|with|for|to|in|at|by|on|that|which|been|have|has|had))+$",
);

/// The words after a value ("of prior chemotherapy"). A `Lean`: its Unicode letter and digit
/// classes, five times over, were most of the plain regexes' compiling. The word class is
/// written without case folding, which adds nothing to it but U+0345 (written in, tested)
/// and was most of compiling its ASCII build.
static FOLLOWING: Lean = Lean::new(FOLLOWING_PATTERN);

const FOLLOWING_PATTERN: &str = r"(?i)^\s*(?:(?:of|since|the|prior|previous)\s+)*(?P<words>(?-i:[\p{L}\p{N}'\-\u{345}])+(?:\s+(?-i:[\p{L}\p{N}'\-\u{345}])+){0,4})";

/// Verbs whose object follows the dose ("needing > 10 mg of prednisone"), case aside.
#[rustfmt::skip]
const DOER: &[&str] = &[
    "needing", "receiving", "taking", "using", "use", "dose", "doses", "received", "requiring",
];

/// "(on the 0-4 IGA scale)": the ends of a scale, not a range of values.
static SCALE: Lean = Lean::new(r"(?i)\bon (?:a|the)\s*$");

static BETWEEN: Lean = Lean::new(r"(?i)\b(?:between|from)\s*$");

/// A score named by its acronym just before the comparison ("CIWA>8", "(HAM-A >24)",
/// "TBUT > 5"): kept without a unit, as a named score is.
static SCALE_ACRONYM: Lean = Lean::new(r"(?:^|[\s(])[A-Z][A-Z0-9]{1,6}(?:-[A-Z0-9]{1,3})?\)?\s*$");

/// "between" earlier in the clause ("between the ages of 18 and 55").
static BETWEEN_BEFORE: Lean = Lean::new(r"(?i)\bbetween\b[^.;:()]{0,40}$");

/// "other than", "outside (the range of)" before a range: values outside it.
static OUTSIDE: Lean = Lean::new(
    r"(?i)\b(?:other than|outside(?: of)?(?: the)?(?: range)?(?: of)?)\s*(?:between\s*)?$",
);

/// Words a Roman numeral is read as a number after ("ASA I-III", "NYHA class II",
/// "> stage II", "Grade II or greater").
static ROMAN_CONTEXT: Lean = Lean::new(
    r"(?i)\b(?:ASA|NYHA|class(?:es)?|classification|stages?|grades?|status|functional|Fontaine)\b\)?\s*(?:(?:≤|<=|<|≥|>=|>)\s*)?$",
);

/// Words that end a subject's name going left ("with a modified Rodnan"), case aside.
#[rustfmt::skip]
const NAME_STOP: &[&str] = &[
    "with", "a", "an", "the", "and", "or", "and/or", "of", "for", "in", "on", "at", "by", "to",
    "has", "have", "had", "is", "are", "be", "been", "must", "defined", "as", "consisting",
    "including", "if", "who", "whose", "which", "that", "than", "any", "no", "not", "but", "e.g",
    "i.e", "ie", "eg",
];

static LEADING_JOINT: Lean = Lean::new(r"(?i)^(?:[\s,;]|and/or\b|and\b|or\b)*");

/// Words naming people by age ("for children 1-<3 years"), found as words of their own.
#[rustfmt::skip]
const PEOPLE: &[&str] = &[
    "children", "child", "infants", "infant", "adolescents", "adolescent", "adults", "adult",
    "newborns", "newborn", "neonates", "neonate",
];

/// Words that end the words after a value ("of prior chemotherapy before …"), case aside.
#[rustfmt::skip]
const STOP_WORD: &[&str] = &[
    "at", "on", "for", "with", "and", "or", "before", "after", "prior", "to", "in", "during",
    "than", "as", "which", "that", "who", "when", "while", "by", "from", "following", "ago",
];

/// `text` without the first match of `regex` (as `regex::Regex::replace` with ""): borrowed
/// when nothing matched or the match is at either end, as with the anchored fillers.
fn remove_first<'t>(regex: &Lean, text: &'t str) -> Cow<'t, str> {
    match regex.find(text) {
        None => Cow::Borrowed(text),
        Some(m) if m.start() == 0 => Cow::Borrowed(&text[m.end()..]),
        Some(m) if m.end() == text.len() => Cow::Borrowed(&text[..m.start()]),
        Some(m) => Cow::Owned([&text[..m.start()], &text[m.end()..]].concat()),
    }
}

/// The rows of `SUBJECTS`, each case-insensitive and compiled the first time a text holds
/// one of its starts (`SUBJECT_STARTS`).
struct Subjects {
    rows: Vec<(Lean, &'static str)>,
    /// Every row's starts, in lower case; pattern `i` starts row `row_of[i]`.
    starts: AhoCorasick,
    row_of: Vec<usize>,
}

impl Subjects {
    fn new() -> Self {
        let rows = SUBJECTS
            .iter()
            .map(|(p, k)| (Lean::made(format!("(?i){p}")), *k))
            .collect();
        let (words, row_of): (Vec<&str>, Vec<usize>) = SUBJECT_STARTS
            .iter()
            .enumerate()
            .flat_map(|(row, words)| words.iter().map(move |w| (*w, row)))
            .unzip();
        // A noncontiguous NFA with no prefilter: the cheapest to build (the default, a
        // contiguous NFA made from it, and its prefilter cost more than its searches here);
        // of lower-case words, searched in a lower-case text (half the transitions of an
        // ASCII case-insensitive one, which took most of its building).
        let starts = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .prefilter(false)
            .build(words)
            .expect("subject starts are valid");
        Subjects {
            rows,
            starts,
            row_of,
        }
    }

    /// The rows that may match `text` (each checked by its own regex), in table order.
    fn matching<'t>(&'t self, text: &str) -> impl Iterator<Item = (&'t Lean, &'static str)> + 't {
        let mut may = vec![false; self.rows.len()];
        // Unicode case folding matches KELVIN SIGN to `k` and LONG S to `s`: a text with
        // either may match a row where none of its ASCII starts is.
        if text.contains(['\u{212A}', '\u{17F}']) {
            may.fill(true);
        } else {
            let lower;
            let text = if text.bytes().any(|b| b.is_ascii_uppercase()) {
                lower = text.to_ascii_lowercase();
                &lower
            } else {
                text
            };
            for m in self.starts.find_overlapping_iter(text) {
                may[self.row_of[m.pattern().as_usize()]] = true;
            }
        }
        self.rows
            .iter()
            .zip(may)
            .filter(|(_, may)| *may)
            .map(|((regex, key), _)| (regex, *key))
    }
}

static SUBJECT_TABLE: LazyLock<Subjects> = LazyLock::new(Subjects::new);

/// Units, anchored at the text after the number; each row compiled the first time a text
/// starts with one of its `UNIT_STARTS`.
static UNIT_TABLE: LazyLock<Vec<(Lean, &'static str)>> = LazyLock::new(|| {
    UNITS
        .iter()
        .map(|(p, u)| (Lean::made(format!(r"(?i)^\s*(?:{p})")), *u))
        .collect()
});

/// A character as `UNIT_STARTS` and `BEFORE_WORDS` list it: lower case, LONG S as the `s` it
/// folds to (KELVIN SIGN lower-cases to `k`).
fn folded(c: char) -> char {
    if c == '\u{17F}' {
        return 's';
    }
    c.to_lowercase().next().unwrap_or(c)
}

/// For each ASCII character, the rows of `UNITS` whose `UNIT_STARTS` list it, in order: a
/// number's unit is looked up without going through every row's starts.
static UNIT_ROWS_BY_START: LazyLock<Vec<Vec<usize>>> = LazyLock::new(|| {
    let mut rows = vec![Vec::new(); 128];
    for (row, starts) in UNIT_STARTS.iter().enumerate() {
        for c in starts.chars().filter(char::is_ascii) {
            rows[usize::from(c as u8)].push(row);
        }
    }
    rows
});

/// The first row of `UNITS` that matches at the start of `after` (spaces aside): its unit
/// and where its match ends.
fn read_unit(after: &str) -> Option<(&'static str, usize)> {
    let text = after.trim_start();
    let first = folded(text.chars().next()?);
    let try_row = |row: usize| {
        let starts = UNIT_PREFIXES[row].iter().any(|p| {
            text.get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p))
        });
        let (regex, unit) = &UNIT_TABLE[row];
        starts
            .then(|| regex.find(after))
            .flatten()
            .map(|m| (*unit, m.end()))
    };
    if first.is_ascii() {
        UNIT_ROWS_BY_START[usize::from(first as u8)]
            .iter()
            .find_map(|&row| try_row(row))
    } else {
        (0..UNITS.len())
            .filter(|&row| UNIT_STARTS[row].contains(first))
            .find_map(try_row)
    }
}

/// The last word of a match of each row of `OPERATORS_BEFORE` (or its last sign, when it ends
/// in one), in lower case: a row is tried only on a text whose last word ends with one of
/// them, case folds aside (`ends_in_word_of`; `before_words_cover_every_match` checks the
/// lists against the rows). Most texts before a number end in a word no row ends with, so a
/// number compiles few rows, not all six.
const BEFORE_WORDS: &[&[&str]] = &[
    &[
        "=", ">", "above", "bigger", "equal", "greater", "higher", "larger", "least", "minimum",
        "more", "of", "older", "over", "superior", "than", "to", "≥", "≧", "⩾",
    ],
    &[
        "<",
        "=",
        "below",
        "equal",
        "exceeding",
        "inferior",
        "less",
        "lower",
        "maximum",
        "most",
        "of",
        "smaller",
        "than",
        "to",
        "under",
        "younger",
        "≤",
        "≦",
        "⩽",
    ],
    &[
        "first",
        "last",
        "next",
        "past",
        "preceding",
        "previous",
        "the",
        "within",
    ],
    &[
        ">",
        "above",
        "exceed",
        "exceeded",
        "exceeding",
        "exceeds",
        "greater",
        "of",
        "over",
        "than",
        "to",
    ],
    &["<", "below", "than", "to", "under"],
    &["="],
];

/// Operators written before a number, anchored at its end; each row compiled the first time
/// a text ends with one of its `BEFORE_WORDS`.
///
/// End-anchored: each pattern alone runs as a reverse search from the end, which a set
/// cannot do (a set scans the whole text before the number, for every number). The text
/// before a number mostly holds a sign (≤, ≥, ×) and no other non-ASCII character: the
/// plain build serves it.
static BEFORE_TABLE: LazyLock<Vec<(Lean, Operator, bool)>> = LazyLock::new(|| {
    OPERATORS_BEFORE
        .iter()
        .map(|(p, o, w)| (Lean::made(format!(r"(?i)(?:{p})\s*$")), *o, *w))
        .collect()
});

static AFTER_TABLE: LazyLock<Vec<(Lean, Operator)>> = LazyLock::new(|| {
    OPERATORS_AFTER
        .iter()
        .map(|(p, o)| (Lean::made(format!(r"(?i)^\s*(?:{p})")), *o))
        .collect()
});

/// A number found in the text, with what surrounds it.
#[derive(Clone, Debug)]
struct Value {
    end: usize,
    value: f64,
    unit: Option<String>,
    multiple_of: Option<ReferenceRange>,
    out_of: Option<f64>,
    diastolic: Option<f64>,
    age_after: bool,
}

/// Everything one comparison needs before its subject is resolved.
struct Found {
    op_start: usize,
    op: Operator,
    window: bool,
    val: Value,
    infix_age: bool,
    /// "≥ grade 2": the number is a grade, kept without a unit.
    graded: bool,
    /// Both halves of a range quote the whole range ("ECOG 0-2").
    span: Option<(usize, usize)>,
    /// The first bound of "18 ≤ BMI ≤ 32", written before its subject.
    reversed: bool,
}

/// Fills `constraints` on every criterion of a tree that has none yet, from its own text
/// (children are read on their own, not as part of their parent). A child whose comparison
/// names no subject takes the subject of a short label above it ("Age:" over "18 and over",
/// "Life expectancy:" over "At least 12 weeks").
pub fn fill(criteria: &mut [Criterion]) {
    fill_under(criteria, None);
}

fn fill_under(criteria: &mut [Criterion], label: Option<&str>) {
    for c in criteria {
        if c.constraints.is_empty() {
            c.constraints = extract_under(&c.text, label);
        }
        let own = c.text.trim();
        let own = own
            .strip_suffix(':')
            .filter(|l| l.split_whitespace().count() <= 5);
        fill_under(&mut c.children, own);
    }
}

/// Extracts the constraints one criterion's own text states, in text order.
pub fn extract(raw: &str) -> Vec<Constraint> {
    extract_under(raw, None)
}

/// The subject keys a parent label names ("Age", "Life expectancy"), for comparisons whose
/// own text names none.
fn label_subject(label: Option<&str>, is_time: bool) -> Option<(String, Vec<&'static str>)> {
    let label = label?;
    let mut keys = listed_keys(label);
    if is_time {
        keys.retain(|k| matches!(*k, "age" | "life_expectancy" | "gestational_age"));
    }
    (!keys.is_empty()).then(|| (clean_subject(label), keys))
}

/// [`extract`], with the label of the criterion's parent, if any.
fn extract_under(raw: &str, label: Option<&str>) -> Vec<Constraint> {
    let text = crate::normalize::text::unescape_markdown(raw);
    let found = comparisons(&text);
    // Each constraint with the span of the range it is half of, if any.
    let mut out: Vec<(Option<(usize, usize)>, Constraint)> = Vec::new();
    let mut prev_end = 0;
    let mut prev: Option<(String, Vec<&'static str>)> = None;
    let mut prev_unit: Option<Option<String>> = None;
    // A range is kept or left out whole: half of "3-5 fractions" would be a made-up bound.
    let mut left_out_ranges: Vec<(usize, usize)> = Vec::new();
    for f in found {
        let (clause_start, joined) = window_start(&text, prev_end, f.op_start);
        let window = text.get(clause_start..f.op_start).unwrap_or("");
        let after = text.get(f.val.end..).unwrap_or("");
        // "18 ≤ BMI ≤ 32": where the subject between a reversed range's bounds is in `after`.
        let between = f
            .reversed
            .then(|| super::scan::reversed_subject(after))
            .flatten();
        let (subject, subject_start, keys) = resolve_subject(
            &text,
            (window, clause_start),
            after,
            between.clone(),
            &f,
            if joined { prev.as_ref() } else { None },
        );
        prev_end = f.val.end;
        let joined = joined && prev.is_some();
        let is_time = f
            .val
            .unit
            .as_deref()
            .is_some_and(|u| TIME_UNITS.contains(&u));
        let (subject, keys) = match label_subject(label, is_time) {
            Some(from_label) if keys.is_empty() && subject.trim().is_empty() => from_label,
            _ => (subject, keys),
        };
        // A comparison joined to the one before keeps it only with a like unit
        // ("≥ 4 weeks and ≤ 3 years", not "for more than 1 year, minimum of two").
        let like_unit = match (&prev_unit, &f.val.unit) {
            (Some(None), None) => true,
            (Some(Some(a)), Some(b)) => {
                TIME_UNITS.contains(&a.as_str()) == TIME_UNITS.contains(&b.as_str())
            }
            _ => false,
        };
        let next_word = super::scan::next_word(after).map_or(String::new(), str::to_lowercase);
        let points = next_word.starts_with("point");
        // "two or more occasions", "3 times": a count of things, not a measure.
        let counted = keys.is_empty()
            && f.val.unit.is_none()
            && f.val.multiple_of.is_none()
            && !points
            && next_word.len() > 3
            && next_word.ends_with('s');
        let keep = (joined && like_unit)
            || !keys.is_empty()
            || f.val.unit.is_some()
            || f.val.multiple_of.is_some()
            || f.graded
            || points
            || names_a_score(window)
            // "20 ≤ MMSE ≤ 26": the first bound's subject is after it.
            || (f.reversed && names_a_score(&subject));
        if !keep || counted || (f.window && !is_time) {
            left_out_ranges.extend(f.span);
            continue;
        }
        prev_unit = Some(f.val.unit.clone());
        let (from, mut to) = f.span.unwrap_or((f.op_start, f.val.end));
        // "18 ≤ BMI": a bound before its subject is said with it.
        if let Some(name) = between.filter(|_| subject_start == f.op_start) {
            to = f.val.end + name.end;
        }
        let span = text.get(subject_start.min(from)..to).unwrap_or_default();
        let span = remove_first(&LEADING_JOINT, span).trim().to_string();
        prev = Some((subject.clone(), keys.clone()));
        let base = Constraint {
            subject: subject.clone(),
            operator: f.op,
            value: f.val.value,
            unit: f.val.unit.clone(),
            text: span,
            key: None,
            multiple_of: f.val.multiple_of,
            out_of: f.val.out_of,
            time_window: false,
        };
        if let Some(dia) = f.val.diastolic {
            for (key, value) in [("systolic_bp", f.val.value), ("diastolic_bp", dia)] {
                let c = Constraint {
                    key: key.parse().ok(),
                    value,
                    ..base.clone()
                };
                out.push((f.span, c));
            }
            continue;
        }
        let keys = if keys.is_empty() { vec![""] } else { keys };
        for key in keys {
            let mut c = base.clone();
            // Every key of the tables is a `ConstraintKey` (checked by a test below).
            c.key = key.parse().ok();
            if key == "age" && c.unit.is_none() {
                c.unit = Some("a".to_string());
            }
            c.time_window = c.unit.as_deref().is_some_and(|u| TIME_UNITS.contains(&u))
                && !matches!(key, "age" | "life_expectancy" | "gestational_age");
            out.push((f.span, c));
        }
    }
    out.into_iter()
        .filter(|(range, _)| !range.is_some_and(|r| left_out_ranges.contains(&r)))
        .map(|(_, c)| c)
        .collect()
}

/// Words that name a score or scale ("HAM-D score", "MMSE"): a value compared with one is a
/// constraint though it has no unit and no key.
fn names_a_score(words: &str) -> bool {
    has_word_of(words, SCORE_WORD) || SCALE_ACRONYM.is_match(words)
}

/// Where the words that can name a comparison's subject start, and whether they only join
/// it to the comparison before ("Age < 18 years and > 70 years").
fn window_start(text: &str, prev_end: usize, op_start: usize) -> (usize, bool) {
    let before = text.get(..op_start).unwrap_or("");
    let mut start = 0;
    let mut depth = 0i32;
    // Walk back to the nearest clause boundary: `;`, `:`, a sentence end, an open bracket.
    for (i, c) in before.char_indices().rev() {
        match c {
            ')' | ']' => depth += 1,
            '(' | '[' if depth > 0 => depth -= 1,
            '(' | '[' | ';' | ':' => {
                start = i + c.len_utf8();
                break;
            }
            '.' if before[i + 1..].starts_with(' ')
                && !before[..i].ends_with(|ch: char| ch.is_ascii_digit()) =>
            {
                start = i + 1;
                break;
            }
            _ => {}
        }
    }
    // "> 50 kg (110 lbs)": the same value in another unit, in brackets.
    if prev_end > 0
        && text
            .get(prev_end..op_start)
            .is_some_and(|g| g.trim() == "(")
    {
        return (prev_end, true);
    }
    if prev_end > start {
        let between = text.get(prev_end..op_start).unwrap_or("");
        let rest = super::scan::connected_rest(between).unwrap_or("");
        let joined = rest.is_empty() || starts_with_word_of(rest, QUALIFIER);
        return (prev_end, joined);
    }
    (start, false)
}

/// The subject of a comparison whose window names keys, and where it starts: from the first
/// key named, with up to 3 words of its name before it ("modified Rodnan skin score
/// (mRss)"); the keys, joined, where no words of a name are left (`start` where the window
/// names none itself).
fn key_subject(
    (window, window_start): (&str, usize),
    start: usize,
    keys: &[&'static str],
) -> (String, usize) {
    let first = named(window).1;
    if first >= window.len() {
        return (keys.join(", "), start);
    }
    let from = name_start(window, first);
    let subject = clean_subject(window.get(from..).unwrap_or(""));
    let subject = if subject.is_empty() {
        keys.join(", ")
    } else {
        subject
    };
    (subject, window_start + from)
}

/// The subject wording, where it starts, and its keys (several for "AST, ALT > 3 × ULN"),
/// from the window before the comparison, the text after it and, for a reversed range's
/// first bound, where in that text the name between its bounds is.
fn resolve_subject(
    text: &str,
    (window, window_start): (&str, usize),
    after: &str,
    between: Option<std::ops::Range<usize>>,
    f: &Found,
    joined: Option<&(String, Vec<&'static str>)>,
) -> (String, usize, Vec<&'static str>) {
    let is_time = f
        .val
        .unit
        .as_deref()
        .is_some_and(|u| TIME_UNITS.contains(&u));
    // Time spans only carry keys that measure a person, never the lab named before them.
    let personal = |mut keys: Vec<&'static str>| {
        if is_time {
            keys.retain(|k| matches!(*k, "age" | "life_expectancy" | "gestational_age"));
        }
        keys
    };
    // "18 ≤ BMI ≤ 32", "Patients with 18 < BMI < 35": a bound written before its subject
    // names the subject between the bounds, where that names a key ("60 ≤ score ≤ 100 on
    // the Karnofsky scale" names it after them).
    let between = between.map(|r| &after[r]);
    if let Some(name) = between {
        let keys = personal(listed_keys(name));
        if !keys.is_empty() {
            return (clean_subject(name), f.op_start, keys);
        }
    }
    let mut keys = personal(listed_keys(window));
    // A window ending in "or"/"and" names the item before, not this one.
    let cleaned = if ends_with_joint(window) {
        String::new()
    } else {
        clean_subject(window)
    };
    // "for children 1-<3 years", "infants <12 months": a span of time said of people is
    // their age, unless an event follows it ("a woman of child bearing potential must use
    // contraception until at least 24 weeks after the last dose"; "6 months after birth"
    // is an age, "18 years from the local community" a place).
    let interval = after_an_event(after);
    if keys.is_empty() && is_time && !f.window && !interval && has_word_of(window, PEOPLE) {
        keys.push("age");
    }
    if keys.is_empty() {
        if let Some((subject, prev_keys)) = joined {
            return (subject.clone(), f.op_start, personal(prev_keys.clone()));
        }
    }
    let person = is_words_of(&last_words(&cleaned, 1), PERSON);
    let years_or_none = f.val.unit.is_none() || f.val.unit.as_deref() == Some("a");
    let age_like = keys.is_empty()
        && !f.window
        && (f.infix_age
            || (f.val.age_after
                && (cleaned.is_empty() || person || f.val.unit.as_deref() == Some("a")))
            || (person && years_or_none && !names_a_count(after))
            || (person && f.val.unit.as_deref() == Some("a") && describes_person(after))
            || (cleaned.is_empty() && f.val.unit.as_deref() == Some("a") && !follows_event(after)));
    if age_like {
        keys.push("age");
    }
    // Where the subject's words start: "MMSE", not "≤ MMSE", for the upper bound of "20 ≤
    // MMSE ≤ 26" (the window starts after the first bound's number).
    let lead = window.len() - window.trim_start_matches(is_space_or_operator).len();
    let start = window_start + lead;
    if !keys.is_empty() {
        let (subject, start) = key_subject((window, window_start), start, &keys);
        return (subject, start, keys);
    }
    // "≥10% body surface area", "> 10 mg of daily prednisone", "30% of the bone marrow".
    let of_next = of_next(after);
    let doer = cleaned
        .split_whitespace()
        .last()
        .is_some_and(|w| is_one_of(w, DOER));
    if cleaned.is_empty() || (of_next && doer) {
        let tail = after.get(..after.len().min(60)).unwrap_or(after);
        let tail = tail.split([';', ',', '(', ')']).next().unwrap_or("");
        let tail_keys = personal(listed_keys(tail));
        if !tail_keys.is_empty() {
            return (clean_subject(tail), f.op_start, tail_keys);
        }
        // "Fever (>37.5 C)": the name is just before the bracket.
        let outer = text.get(..window_start.saturating_sub(1)).unwrap_or("");
        if text.get(window_start.saturating_sub(1)..window_start) == Some("(") {
            let outer = outer.rsplit([';', ':', '(']).next().unwrap_or("");
            let outer_keys = personal(listed_keys(outer));
            if !outer_keys.is_empty() {
                return (clean_subject(outer), f.op_start, outer_keys);
            }
        }
        if let Some(name) = between.filter(|n| !n.is_empty()) {
            return (clean_subject(name), f.op_start, keys);
        }
        if let Some(words) = following_words(after) {
            return (words, f.op_start, keys);
        }
        // A comparison in brackets ("(within 3 months)") is about the words before them.
        let outer = text.get(..window_start.saturating_sub(1)).unwrap_or("");
        let outer = outer.rsplit(['(', ';', ':']).next().unwrap_or("");
        return (last_words(&clean_subject(outer), 8), f.op_start, keys);
    }
    let mut subject = last_words(&cleaned, 8);
    if of_next && f.val.unit.as_deref() == Some("%") {
        if let Some(words) = following_words(after) {
            subject = format!("{subject}: {words}");
        }
    }
    (subject, start, keys)
}

/// True when the word after a span of years said of people goes on describing them
/// ("Patients >= 18 years undergoing surgery", "Women > 50 years living in the area",
/// "Subjects over 65 years scheduled for surgery"): a participle or an adverb, not an event
/// the years are counted from ("5 years post-transplant", "since diagnosis"), a noun ("10
/// years duration of diabetes") nor a participle that says how long ("living with HIV",
/// "diagnosed with", "receiving dialysis").
fn describes_person(after: &str) -> bool {
    let mut words = after.split_whitespace().map(str::to_lowercase);
    let (Some(w), next) = (words.next(), words.next()) else {
        return false;
    };
    // "3 years living with HIV", "5 years diagnosed with diabetes", "2 years on insulin",
    // "10 years receiving dialysis": how long, not how old.
    let how_long = matches!(next.as_deref(), Some("with" | "on"))
        || ["receiving", "taking", "using"].contains(&w.as_str());
    !follows_event(after)
        && !how_long
        && w.len() > 4
        && w.chars().all(char::is_alphabetic)
        && ["ing", "ed", "ly"].iter().any(|end| w.ends_with(end))
}

/// True when a word after a number says what is counted ("Patients with >14 follicles",
/// "women with 50 or more moderate … flushes"): then a person named before is not aged.
fn names_a_count(after: &str) -> bool {
    let Some(w) = super::scan::next_word(after) else {
        return false;
    };
    let w = w.to_lowercase();
    !matches!(
        w.as_str(),
        "and"
            | "or"
            | "to"
            | "who"
            | "with"
            | "at"
            | "of"
            | "in"
            | "on"
            | "for"
            | "but"
            | "and/or"
            | "are"
            | "is"
            | "must"
            | "will"
            | "should"
            | "that"
            | "inclusive"
            | "included"
            | "including"
            | "year"
            | "years"
            | "yrs"
            | "yr"
            | "y"
            | "old"
            | "olds"
            | "yo"
            | "when"
            | "while"
            | "if"
            | "than"
    )
}

/// True when the words after a time span said of people make it a time after an event, not
/// their age: "24 weeks after the last dose", "since diagnosis"; not "after birth".
fn after_an_event(after: &str) -> bool {
    let mut words = after.split_whitespace().map(|w| w.to_ascii_lowercase());
    let first = words.next().unwrap_or_default();
    EVENT_WORDS.contains(&first.as_str()) && words.next().is_none_or(|w| !w.starts_with("birth"))
}

/// Words after a time span that make it a time since an event ("5 years since prior
/// chemotherapy", "24 weeks after the last dose").
const EVENT_WORDS: &[&str] = &["since", "prior", "before", "after", "ago", "following"];

/// True when the words after a time span name an event ("5 years since prior chemotherapy").
fn follows_event(after: &str) -> bool {
    let a = after.trim_start().to_lowercase();
    (EVENT_WORDS.iter().chain(&["of ", "from", "post"])).any(|w| a.starts_with(w))
}

/// The subject keys named at the end of a window, with any listed together before them.
fn listed_keys(window: &str) -> Vec<&'static str> {
    named(window).0
}

/// The subject keys named at the end of a window and where the first of them starts.
fn named(window: &str) -> (Vec<&'static str>, usize) {
    // Bracketed asides ("DLCO (corrected for hemoglobin)") do not name the subject, unless
    // nothing outside them does.
    let outside = blank_brackets(window);
    let mut hits = key_hits(&outside);
    // A short bracketed name just before the operator ("function (LVEF) ≤ 40%") is the
    // subject when the words outside end on another one.
    if let Some((start, end)) = trailing_group(window) {
        let inner = key_hits(&window[start..end]);
        // "systolic blood pressure (BP)" abbreviates the name before it; "function (LVEF)"
        // does not.
        let abbreviates = hits.last().is_some_and(|h| {
            window
                .get(h.1..start.saturating_sub(1))
                .is_some_and(|gap| gap.trim().is_empty())
        });
        if let Some(&(_, _, k)) = inner.last() {
            if !abbreviates && hits.last().is_none_or(|h| h.2 != k) {
                return (vec![k], start.saturating_sub(1));
            }
        }
    }
    // The window itself, when blanking changed it (else it was just read).
    if hits.is_empty() && matches!(outside, Cow::Owned(_)) {
        hits = key_hits(window);
    }
    let Some(last) = hits.last().copied() else {
        return (Vec::new(), window.len());
    };
    let mut keys = vec![last.2];
    let mut left = last.0;
    for &(s, e, k) in hits.iter().rev().skip(1) {
        let glue = outside.get(e..left).unwrap_or("x");
        if !is_glue_of(glue, LIST_GLUE) {
            break;
        }
        if !keys.contains(&k) {
            keys.insert(0, k);
        }
        left = s;
    }
    (keys, left)
}

/// Table matches in text order, overlaps resolved by table order.
fn key_hits(text: &str) -> Vec<(usize, usize, &'static str)> {
    let mut hits: Vec<(usize, usize, &'static str)> = Vec::new();
    for (pattern, key) in SUBJECT_TABLE.matching(text) {
        for m in pattern.find_iter(text) {
            if hits.iter().all(|&(s, e, _)| m.end() <= s || m.start() >= e) {
                hits.push((m.start(), m.end(), key));
            }
        }
    }
    hits.sort_by_key(|h| h.0);
    hits
}

/// The text with bracketed parts blanked out, keeping byte offsets; borrowed when it has no
/// bracket (most windows), and then the same text.
fn blank_brackets(text: &str) -> Cow<'_, str> {
    if !text.contains(['(', '[', ')', ']']) {
        return Cow::Borrowed(text);
    }
    let mut depth = 0usize;
    text.chars()
        .flat_map(|c| {
            let blank = depth > 0 || c == '(' || c == '[';
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => depth = depth.saturating_sub(1),
                _ => {}
            }
            let out = if blank || c == ')' || c == ']' {
                ' '
            } else {
                c
            };
            // A blank keeps the byte length of what it covers, so offsets into the text hold.
            std::iter::repeat_n(out, if out == c { 1 } else { c.len_utf8() })
        })
        .collect()
}

fn clean_subject(window: &str) -> String {
    // Never an operator at either end: "≤ CDAI" is the subject of "220 ≤ CDAI ≤ 450"'s
    // upper bound.
    let w = window.trim_matches(|c: char| c == ',' || c == '-' || is_space_or_operator(c));
    let w = remove_first(&LEADING_FILLER, w);
    let w = remove_first(&TRAILING_FILLER, &w);
    crate::normalize::text::line(&balance(&w)).unwrap_or_default()
}

/// White space or a comparison sign, which never starts or ends a subject.
fn is_space_or_operator(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '≤' | '≥') || c.is_whitespace()
}

/// Drops brackets left open or unopened at either end ("(serum or urine" keeps its text),
/// and quotation marks left without their pair ("Karnofsky” (KPS)").
fn balance(text: &str) -> String {
    let mut t = text.trim().to_string();
    // One pass where no quotation mark is, as in most subjects.
    if t.contains(['“', '”', '"']) {
        if t.matches('“').count() != t.matches('”').count() {
            t.retain(|c| !matches!(c, '“' | '”'));
        }
        if t.matches('"').count() % 2 == 1 {
            t.retain(|c| c != '"');
        }
    }
    loop {
        // Brackets are ASCII: counted over bytes, in one pass.
        let (opens, closes) = t.bytes().fold((0, 0), |(o, c), b| match b {
            b'(' | b'[' => (o + 1, c),
            b')' | b']' => (o, c + 1),
            _ => (o, c),
        });
        let (unopened, unclosed) = (closes > opens, opens > closes);
        if (unopened && t.ends_with([')', ']'])) || (unclosed && t.ends_with(['(', '['])) {
            t.pop();
        } else if (unopened && t.starts_with([')', ']'])) || (unclosed && t.starts_with(['(', '[']))
        {
            t.remove(0);
        } else if unclosed {
            // An open bracket inside: close it so the wording reads whole.
            t.push(')');
        } else {
            break;
        }
        t = t.trim().to_string();
    }
    t
}

/// The last `n` words of a subject, without leading filler or half a bracket.
fn last_words(text: &str, n: usize) -> String {
    // The text from the n-th word from the end, not the words gathered and joined:
    // `clean_subject` makes one space of the white space between them.
    let nth = text.split_whitespace().rev().take(n).last();
    // A word's offset in `text` (it is a slice of it).
    let start = nth.map_or(text.len(), |w| w.as_ptr() as usize - text.as_ptr() as usize);
    clean_subject(&text[start..])
}

/// Moves a name's start left over up to 3 words that belong to it ("baseline resting").
fn name_start(window: &str, first: usize) -> usize {
    let mut start = first;
    for _ in 0..3 {
        let head = window.get(..start).unwrap_or("");
        let trimmed = head.trim_end();
        let word_start = trimmed
            .rfind(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | '['))
            .map_or(0, |i| i + 1);
        let word = trimmed.get(word_start..).unwrap_or("");
        if word.is_empty()
            || !word.chars().all(|c| c.is_alphabetic() || c == '-')
            || is_one_of(word, NAME_STOP)
        {
            break;
        }
        start = word_start;
    }
    start
}

fn following_words(after: &str) -> Option<String> {
    // Searched up to the first character none of the pattern's classes holds: the match is
    // the same, and `after` (the rest of a criterion) is often long enough that `Lean` would
    // take the Unicode build of the pattern for it, most of a one-record process's compiling.
    let stop = after
        .find(|c: char| {
            !(c.is_alphabetic() || c.is_numeric() || c.is_whitespace() || matches!(c, '\'' | '-'))
        })
        .unwrap_or(after.len());
    let c = FOLLOWING.captures(&after[..stop])?;
    words_before_a_stop(&c["words"])
}

/// The words `FOLLOWING` took, up to the first stop word ("of prior chemotherapy and" →
/// "prior chemotherapy"); `None` when none is left.
fn words_before_a_stop(words: &str) -> Option<String> {
    let words: Vec<&str> = words
        .split_whitespace()
        .take_while(|w| !is_one_of(w, STOP_WORD))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// How many bytes before a number the words that make it a comparison are looked for.
const BEFORE_WINDOW: usize = 400;

/// All comparisons in the text, in order.
fn comparisons(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(m) = NUMBER.find_at(text, pos) {
        pos = m.end();
        // The words that make a number a comparison stand just before it, so only the last
        // BEFORE_WINDOW bytes are looked at: an end-anchored regex with Unicode word
        // boundaries still scans the whole text before it when that text is not ASCII, and
        // over every number of a long criterion that was quadratic (a fuzzed 100 kB page
        // took 2 s). Offsets found in `before` are counted from `tail`.
        let mut tail = m.start().saturating_sub(BEFORE_WINDOW);
        while !text.is_char_boundary(tail) {
            tail -= 1;
        }
        let before = text.get(tail..m.start()).unwrap_or("");
        // Numbers glued to a name ("HAMD24", "COVID-19", "CD4") are part of the name; a
        // Roman numeral is a number only as a class, stage or grade ("ASA I-III").
        let glued = before.ends_with(|c: char| c.is_alphabetic())
            || (before.ends_with('-')
                && before[..before.len() - 1].ends_with(|c: char| c.is_alphanumeric()))
            || before.ends_with(['/', '^', '*', '.']);
        let roman = text[m.range()].starts_with(|c: char| c.is_ascii_uppercase());
        // "refractive error of - 6D or greater", "< -2 SD": a signed value whose direction
        // the words leave open is not read.
        if glued || (roman && !ROMAN_CONTEXT.is_match(before)) || ends_with_minus(before) {
            continue;
        }
        let Some(first) = read_value(text, m.start(), m.end()) else {
            continue;
        };
        pos = first.end;
        let (op, op_start, window, infix_age, graded) = operator_before(before)
            .map(|(op, start, w, age, graded)| (op, tail + start, w, age, graded))
            .unwrap_or((None, m.start(), false, false, false));
        let found = |op, val, window, op_start, span| Found {
            op_start,
            op,
            window,
            val,
            infix_age,
            graded,
            span,
            reversed: false,
        };
        if let Some(op) = op {
            out.push(found(op, first, window, op_start, None));
            continue;
        }
        // "18 years or older", "4 or higher".
        let after = text.get(first.end..).unwrap_or("");
        let post = AFTER_TABLE
            .iter()
            .find_map(|(r, o)| r.find(after).map(|x| (*o, x.end())))
            // "HIV 1+2 antigen": a plus between two numbers is no operator.
            .filter(|&(_, len)| {
                !(after[..len].ends_with('+')
                    && after[len..].starts_with(|c: char| c.is_ascii_digit()))
            });
        if let Some((op, len)) = post {
            let mut val = first;
            val.end += len;
            pos = val.end;
            out.push(found(op, val, false, op_start, None));
            continue;
        }
        if let Some((op, window)) = said_again(text, out.last(), m.start(), &first) {
            out.push(found(op, first, window, m.start(), None));
            continue;
        }
        // "18 ≤ BMI ≤ 32": the first bound is written before the subject.
        if let Some((op, unit)) = reversed(text, &first) {
            let mut low = first;
            if low.unit.is_none() {
                low.unit = unit;
            }
            out.push(Found {
                reversed: true,
                ..found(op, low, false, m.start(), None)
            });
            continue;
        }
        // A range: "18 to 70 years", "18-65", "between 18 and 60", "ASA I-III".
        if let Some((second, joint_end)) = range_end(text, &first, before) {
            pos = second.end;
            if scale_ends(before, &first) || names_a_peptide(text, &first, &second) {
                continue;
            }
            let mut low = first;
            if low.unit.is_none() {
                low.unit.clone_from(&second.unit);
                low.age_after = second.age_after;
            }
            let low_start = between_start(before).map_or(m.start(), |s| tail + s);
            let span = Some((low_start, second.end));
            // "other than 0.1-0.5 mU/L": outside the range.
            let (lo_op, hi_op) = if OUTSIDE.is_match(before) {
                (Operator::Lt, Operator::Gt)
            } else {
                (Operator::Ge, Operator::Le)
            };
            out.push(found(lo_op, low, false, low_start, span));
            out.push(found(hi_op, second, false, joint_end, span));
        }
    }
    // A bare number after "to" that closes an "≥ A ... to B" range.
    fill_units_backwards(&mut out);
    out
}

/// A number with no operator of its own that continues the comparison before it: the
/// second end of "≥ 2 weeks to 4 months", "37.5 C/ 99.5 F" said again, or the same value in
/// another unit ("≥ 9 g/dl or 5.59 mmol/l", "> 50 kg (110 lbs)"). Gives its operator and
/// whether it is a time window.
fn said_again(
    text: &str,
    last: Option<&Found>,
    start: usize,
    value: &Value,
) -> Option<(Operator, bool)> {
    let last = last?;
    let gap = text.get(last.val.end..start)?;
    let joint = gap.trim();
    let converted = matches!(joint, "or" | "(")
        && value.unit.is_some()
        && last.val.unit.is_some()
        && value.unit != last.val.unit
        && last.op != Operator::Eq;
    let op = if super::scan::range_joint(gap) && !joint.is_empty() && last.op == Operator::Ge {
        Operator::Le
    } else if joint == "/" || (joint == "or" && value.unit == last.val.unit) || converted {
        last.op
    } else {
        return None;
    };
    Some((op, last.window))
}

/// "18 ≤ BMI ≤ 32 kg/m²": a number followed by an operator, a subject and a second bound
/// is the reversed first bound (`>= 18`); it takes the second bound's unit.
fn reversed(text: &str, first: &Value) -> Option<(Operator, Option<String>)> {
    let after = text.get(first.end..)?;
    // After a number: an operator, a subject of a few words, another operator and a number.
    let (op, start, end) = super::scan::reversed_bounds(after)?;
    let op = match op {
        "≤" | "<=" | "=<" => Operator::Ge,
        "<" => Operator::Gt,
        "≥" | ">=" | "=>" => Operator::Le,
        _ => Operator::Lt,
    };
    let (at, end) = (first.end + start, first.end + end);
    let unit = read_value(text, at, end).and_then(|v| v.unit);
    Some((op, unit))
}

/// The ends of a scale, not a range of values: "on a 0 to 10 scale", "= 4 cm (0-10 cm)"
/// after a value already given; the minus of a negative number ("-2 to -1"); fractions
/// ("BCVA 20/40 - 20/200 Snellen").
fn scale_ends(before: &str, first: &Value) -> bool {
    SCALE.is_match(before)
        || before.trim_end().ends_with('-')
        || first.out_of.is_some()
        || (first.value == 0.0 && super::scan::bracket_after_value(before))
}

/// "between" / "from" before a range's first number: the range's statement starts there.
fn between_start(before: &str) -> Option<usize> {
    BETWEEN.find(before).map(|m| m.start())
}

/// "CRP > 50 and < 150 mg/l", "Height < 150 or > 180 cm": the unit given once at the end.
fn fill_units_backwards(found: &mut [Found]) {
    for i in (0..found.len().saturating_sub(1)).rev() {
        if found[i].val.unit.is_none() && found[i].val.multiple_of.is_none() {
            let gap_ok = found[i + 1].op_start >= found[i].val.end;
            if gap_ok && found[i + 1].op_start - found[i].val.end <= 6 {
                let next = found[i + 1].val.clone();
                found[i].val.unit = next.unit;
                found[i].val.age_after = next.age_after;
            }
        }
    }
}

/// True when a range without a unit is part of the name of what a comparison follows:
/// "a-beta 1-42 <1000pg/ml" (amyloid beta 1-42), "Aβ 1-40 > 50": two numbers joined by a
/// bare hyphen, then a sign.
fn names_a_peptide(text: &str, first: &Value, second: &Value) -> bool {
    let joint = text.get(first.end..).map_or("", |t| {
        t.split(|c: char| c.is_ascii_digit()).next().unwrap_or("")
    });
    second.unit.is_none()
        && first.unit.is_none()
        && joint == "-"
        && text
            .get(second.end..)
            .is_some_and(|t| t.trim_start().starts_with(['<', '>', '≤', '≥', '=']))
}

/// The second number of a range starting at `first`, and where its joint ends.
/// "and" joins a range only after "between" ("between 18 and 60", not "VISN 16 and 21").
fn range_end(text: &str, first: &Value, before: &str) -> Option<(Value, usize)> {
    let after = text.get(first.end..)?;
    let m = NUMBER.find(after)?;
    let joint = after.get(..m.start())?;
    if !super::scan::range_joint(joint) || joint.trim().is_empty() {
        return None;
    }
    let and = joint.trim().trim_end_matches(['≤', '<', '=']).trim() == "and";
    if and && !BETWEEN_BEFORE.is_match(before) {
        return None;
    }
    let start = first.end + m.start();
    let second = read_value(text, start, first.end + m.end())?;
    Some((second, first.end + m.start()))
}

/// The operator written just before a number, where it starts, whether it opens a time
/// window, and whether it names age ("over the age of 21").
fn operator_before(before: &str) -> Option<(Option<Operator>, usize, bool, bool, bool)> {
    // The last word, folded once for the infix's check and all the table's rows.
    let last = fold_word(last_word(before.trim_end_matches(char::is_whitespace)));
    let infix = ends_with_any(&last, INFIX_ENDS).then(|| INFIX.find(before));
    let (stem, infix, last) = match infix.flatten() {
        Some(m) => {
            let stem = &before[..m.start()];
            let last = fold_word(last_word(stem.trim_end_matches(char::is_whitespace)));
            (stem, before[m.range()].to_lowercase(), last)
        }
        None => (before, String::new(), last),
    };
    let graded = infix.contains("grade") || infix.contains("stage") || infix.contains("class");
    for ((r, op, window), words) in BEFORE_TABLE.iter().zip(BEFORE_WORDS) {
        if !ends_with_any(&last, words) {
            continue;
        }
        if let Some(m) = r.find(stem) {
            // "older than", "younger than" compare ages.
            let said = stem[m.range()].to_lowercase();
            let age = infix.contains("age") || said.contains("older") || said.contains("younger");
            return Some((Some(*op), m.start(), *window, age, graded));
        }
    }
    None
}

/// Whether the last word of `text` (its last letters; its last character when that is not a
/// letter) ends with one of `words`, each character compared as `folded` folds it.
#[cfg(test)]
fn ends_in_word_of(text: &str, words: &[&str]) -> bool {
    ends_with_any(&fold_word(last_word(text)), words)
}

/// The last word of `text`: its last letters, or its last character when that is not a
/// letter.
fn last_word(text: &str) -> &str {
    let word_start = text
        .char_indices()
        .rev()
        .take_while(|&(_, c)| super::scan::is_letter(c))
        .last()
        .map(|(i, _)| i);
    match word_start {
        Some(i) => &text[i..],
        None => text
            .char_indices()
            .next_back()
            .map_or("", |(i, _)| &text[i..]),
    }
}

/// Whether `folded_word` (folded by [`fold_word`]) ends with one of `words`.
fn ends_with_any(folded_word: &str, words: &[&str]) -> bool {
    words.iter().any(|w| folded_word.ends_with(w))
}

/// `word` with each character folded by `folded` (one character for one), so that comparing
/// it with a word is comparing each character as `folded` folds it.
fn fold_word(word: &str) -> String {
    word.chars().map(folded).collect()
}

/// Reads the number at `start..end` and the unit and qualifiers after it.
fn read_value(text: &str, start: usize, end: usize) -> Option<Value> {
    let raw = text.get(start..end)?;
    let value = parse_number(raw)?;
    let mut v = Value {
        end,
        value,
        unit: None,
        multiple_of: None,
        out_of: None,
        diastolic: None,
        age_after: false,
    };
    if let Some((days, len)) = text.get(end..).and_then(sevenths) {
        v.value += f64::from(days) / 7.0;
        v.end += len;
    }
    let after = text.get(v.end..)?;
    if let Some((dia, len)) = bp_pair(after) {
        v.diastolic = dia.parse().ok();
        v.unit = Some("mm[Hg]".to_string());
        v.end += len;
        return Some(v);
    }
    if let Some(c) = SCIENTIFIC.captures(after) {
        let exp = match &c["exp"] {
            "⁹" => "9",
            "⁶" => "6",
            "³" => "3",
            "¹²" => "12",
            e => e,
        };
        let den = c["den"].to_lowercase();
        let den = if den.starts_with("mm") {
            "mm3"
        } else if den == "l" {
            "L"
        } else if den == "ml" {
            "mL"
        } else {
            "uL"
        };
        v.unit = Some(format!("10*{exp}/{den}"));
        v.end += c.get(0).map_or(0, |m| m.end());
        return Some(v);
    }
    let mut after = after;
    // Tried only where a "^" is near: most numbers have none, and the pattern is compiled
    // on first use.
    let near = after.bytes().take(16).any(|b| b == b'^');
    if let Some(c) = near.then(|| POWER.captures(after)).flatten() {
        let times = c.name("times").is_some();
        if times || raw == "10" {
            let base = if times { v.value } else { 1.0 };
            // Decimal text parsed once, so 1 x 10^-4 is 0.0001 exactly as written.
            v.value = format!("{base}e{}", c["exp"].replace('−', "-"))
                .parse()
                .ok()?;
            v.end += c.get(0).map_or(0, |m| m.end());
            after = text.get(v.end..)?;
        }
    }
    if let Some(c) = MULTIPLE.captures(after) {
        let r = c["ref"].to_lowercase();
        v.multiple_of = Some(if r.starts_with('l') {
            ReferenceRange::Lln
        } else {
            ReferenceRange::Uln
        });
        v.end += c.get(0).map_or(0, |m| m.end());
        return Some(v);
    }
    if let Some((max, len)) = out_of(after) {
        v.out_of = max.parse().ok();
        v.end += len;
        return Some(v);
    }
    if let Some((unit, len)) = read_unit(after) {
        v.unit = Some(unit.to_string());
        v.end += len;
    }
    // "100.000/µl": dots grouping thousands, as the count unit after them shows.
    if super::scan::digit_groups(raw, '.', false)
        && v.unit.as_deref().is_some_and(|u| u.starts_with('/'))
    {
        v.value = raw.replace('.', "").parse().unwrap_or(v.value);
    }
    let after = text.get(v.end..).unwrap_or("");
    if v.unit.as_deref() == Some("%") || v.unit.is_none() {
        if let Some(end) = percent_end(after) {
            v.unit = Some("%".to_string());
            v.end += end;
            let rest = text.get(v.end..).unwrap_or("");
            if let Some(end) = predicted_end(rest) {
                v.multiple_of = Some(ReferenceRange::Predicted);
                v.end += end;
            }
        }
    }
    if let Some(end) = age_after_end(text.get(v.end..).unwrap_or("")) {
        if v.unit.as_deref().is_none_or(|u| TIME_UNITS.contains(&u)) {
            v.age_after = true;
            v.end += end;
        }
    }
    Some(v)
}

/// Roman numerals of classes, stages and grades ("ASA I-III", "NYHA class II").
const ROMAN: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

fn parse_number(raw: &str) -> Option<f64> {
    if let Some(i) = ROMAN.iter().position(|r| *r == raw) {
        return Some((i + 1) as f64);
    }
    let words = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    let lower = raw.to_lowercase();
    if let Some(i) = words.iter().position(|w| *w == lower) {
        return Some((i + 1) as f64);
    }
    // "100,000" groups thousands; "1,5" is a decimal comma.
    let s = if super::scan::digit_groups(raw, ',', true) {
        raw.replace(',', "")
    } else {
        raw.replace(',', ".")
    };
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn re(pattern: &str) -> Regex {
        Regex::new(pattern).expect("constraint patterns are valid")
    }
    use crate::model::ConstraintKey;

    /// `FOLLOWING`'s word class is written without case folding (folding its letter class
    /// was most of compiling the pattern): letters and numbers fold among themselves, and
    /// the one other character that folds to a letter (U+0345, to ι) is written in.
    #[test]
    fn following_word_class_is_closed_under_folding() {
        let class = |p: &str| regex_syntax::Parser::new().parse(p).unwrap();
        assert_eq!(
            class(r"(?i)[\p{L}\p{N}'\-]"),
            class(r"(?-i:[\p{L}\p{N}'\-\u{345}])")
        );
        assert_ne!(class(r"(?i)[\p{L}\p{N}'\-]"), class(r"[\p{L}\p{N}'\-]"));
        assert!(
            FOLLOWING_PATTERN
                .matches(r"(?-i:[\p{L}\p{N}'\-\u{345}])")
                .count()
                == 2
        );
    }

    /// `following_words` searches only up to the first character `FOLLOWING` cannot take,
    /// and finds what the pattern finds in the whole rest: after every number of the Chia
    /// texts, and after edge cases (two-byte letters, signs, no stop at all).
    #[test]
    fn following_words_stop_where_the_pattern_would() {
        let pattern = re(FOLLOWING_PATTERN);
        let whole = |after: &str| words_before_a_stop(&pattern.captures(after)?["words"]);
        let cases = [
            " of prior chemotherapy",
            " of the élan vital, ≥ 2",
            " since diagnosis\u{2003}of mCRPC™ or",
            " Ⅳ-grade toxicity_x",
            "ʹ of ypogegrammeni \u{345}x",
            "",
        ];
        let mut compared = 0;
        let texts = crate::test_texts::chia_texts().iter().map(String::as_str);
        for text in texts.chain(cases) {
            for (i, _) in text.match_indices(|c: char| c.is_ascii_digit()).take(400) {
                let after = &text[i + 1..];
                assert_eq!(following_words(after), whole(after), "{after:?}");
                compared += usize::from(whole(after).is_some());
            }
        }
        for after in cases {
            assert_eq!(following_words(after), whole(after), "{after:?}");
        }
        assert!(compared > 1000, "{compared}");
    }

    fn one(text: &str) -> Vec<(Option<String>, Operator, f64, Option<String>)> {
        extract(text)
            .into_iter()
            .map(|c| {
                (
                    c.key.map(|k| k.as_str().to_string()),
                    c.operator,
                    c.value,
                    c.unit,
                )
            })
            .collect()
    }

    /// The keys of the tables are the closed set of `ConstraintKey`, spelled alike in the
    /// JSON and in the tables.
    #[test]
    fn every_table_key_is_a_constraint_key() {
        use strum::IntoEnumIterator;
        let mut used: Vec<&str> = SUBJECTS.iter().map(|(_, k)| *k).collect();
        used.extend(["systolic_bp", "diastolic_bp", "age"]);
        for k in &used {
            let key: ConstraintKey = k
                .parse()
                .unwrap_or_else(|_| panic!("{k} is no ConstraintKey"));
            assert_eq!(serde_json::to_value(key).unwrap(), *k);
        }
        for key in ConstraintKey::iter() {
            assert!(used.contains(&key.as_str()), "{key:?} is in no table");
        }
    }

    /// Every match of a subject row starts with one of its `SUBJECT_STARTS` (ASCII case
    /// aside), as the row's literal prefixes, extracted from the pattern, show.
    #[test]
    fn subject_starts_cover_every_match() {
        use regex_syntax::hir::literal::{ExtractKind, Extractor};
        assert_eq!(SUBJECT_STARTS.len(), SUBJECTS.len());
        for ((pattern, key), starts) in SUBJECTS.iter().zip(SUBJECT_STARTS) {
            for w in *starts {
                assert!(
                    !w.is_empty() && w.is_ascii() && w.to_ascii_lowercase() == *w,
                    "{w}"
                );
            }
            let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
            let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
            let literals = seq
                .literals()
                .unwrap_or_else(|| panic!("{key}: no finite prefixes"));
            for lit in literals {
                let bytes = lit.as_bytes();
                let ascii = &bytes[..bytes
                    .iter()
                    .position(|b| !b.is_ascii())
                    .unwrap_or(bytes.len())];
                let ascii = String::from_utf8(ascii.to_ascii_lowercase()).unwrap();
                assert!(
                    starts.iter().any(|w| ascii.starts_with(w)),
                    "{key}: a match can start with {ascii:?}, which starts with none of {starts:?}"
                );
            }
        }
    }

    /// The prefilter finds the hits that every row's regex run over the text finds.
    #[test]
    fn subject_hits_are_those_of_every_row() {
        let all: Vec<(Regex, &str)> = SUBJECTS
            .iter()
            .map(|(p, k)| (re(&format!("(?i){p}")), *k))
            .collect();
        let by_every_row = |text: &str| {
            let mut hits: Vec<(usize, usize, &'static str)> = Vec::new();
            for ((regex, _), (_, key)) in all.iter().zip(SUBJECTS) {
                for m in regex.find_iter(text) {
                    if hits.iter().all(|&(s, e, _)| m.end() <= s || m.start() >= e) {
                        hits.push((m.start(), m.end(), *key));
                    }
                }
            }
            hits.sort_by_key(|h| h.0);
            hits
        };
        for text in [
            "Hemoglobin ≥ 9 g/dL, ALT and AST",
            "CRÉATININE clearance, créatinine, eGFR",
            "BLOOD PRESSURE and heart rate (pulse), SpO2",
            "KPS \u{212A}arnofsky, \u{17F}ystolic blood pressure",
            "percentage of the page at stage age aged",
            "life-span, lifespan, weeks' of gestation, Gleason score",
            "HbA1c, FEV1/FVC, FEV 1 / forced vital capacity, QTcF",
            "",
        ] {
            assert_eq!(key_hits(text), by_every_row(text), "{text}");
        }
    }

    /// The characters a match of `hir` can start with once spaces are skipped, and whether
    /// it can match only spaces (or nothing), so that what follows it can start the text.
    fn first_chars(hir: &regex_syntax::hir::Hir) -> (Vec<char>, bool) {
        use regex_syntax::hir::{Class, HirKind};
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => (vec![], true),
            HirKind::Literal(lit) => {
                let s = std::str::from_utf8(&lit.0).unwrap();
                match s.chars().find(|c| !c.is_whitespace()) {
                    Some(c) => (vec![c], false),
                    None => (vec![], true),
                }
            }
            HirKind::Class(Class::Unicode(class)) => {
                let all: Vec<char> = class.iter().flat_map(|r| r.start()..=r.end()).collect();
                let spaces = all.iter().any(|c| c.is_whitespace());
                (
                    all.into_iter().filter(|c| !c.is_whitespace()).collect(),
                    spaces,
                )
            }
            HirKind::Class(Class::Bytes(_)) => panic!("unit patterns are Unicode"),
            HirKind::Repetition(rep) => {
                let (chars, spaces) = first_chars(&rep.sub);
                (chars, spaces || rep.min == 0)
            }
            HirKind::Capture(cap) => first_chars(&cap.sub),
            HirKind::Concat(subs) => {
                let mut all = vec![];
                for sub in subs {
                    let (chars, spaces) = first_chars(sub);
                    all.extend(chars);
                    if !spaces {
                        return (all, false);
                    }
                }
                (all, true)
            }
            HirKind::Alternation(subs) => {
                let mut all = vec![];
                let mut any = false;
                for sub in subs {
                    let (chars, spaces) = first_chars(sub);
                    all.extend(chars);
                    any |= spaces;
                }
                (all, any)
            }
        }
    }

    /// Every character a unit row's match can start with (spaces aside, case folds
    /// included) is listed in its `UNIT_STARTS`, and no row matches spaces alone.
    #[test]
    fn unit_starts_cover_every_match() {
        assert_eq!(UNIT_STARTS.len(), UNITS.len());
        for ((pattern, unit), starts) in UNITS.iter().zip(UNIT_STARTS) {
            let row = format!(r"(?i)^\s*(?:{pattern})");
            let (chars, spaces) = first_chars(&regex_syntax::Parser::new().parse(&row).unwrap());
            assert!(!spaces, "{unit}: matches spaces alone");
            assert!(chars.len() < 100, "{unit}: {chars:?}");
            for c in chars {
                assert!(
                    starts.contains(folded(c)),
                    "{unit}: a match can start with {c:?}, not in {starts:?}"
                );
            }
        }
    }

    /// Every match of an operator row ends with one of its `BEFORE_WORDS` (the spaces after it
    /// aside), as the row's literal suffixes, extracted from the pattern, show: the last
    /// letters of each suffix, or its last sign.
    #[test]
    fn before_words_cover_every_match() {
        use regex_syntax::hir::literal::{ExtractKind, Extractor};
        assert_eq!(BEFORE_WORDS.len(), OPERATORS_BEFORE.len());
        for ((pattern, op, _), words) in OPERATORS_BEFORE.iter().zip(BEFORE_WORDS) {
            let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
            let seq = Extractor::new().kind(ExtractKind::Suffix).extract(&hir);
            let literals = seq.literals().expect("finite suffixes");
            let mut finals: Vec<String> = vec![];
            for lit in literals {
                let lit = std::str::from_utf8(lit.as_bytes()).unwrap();
                assert_eq!(lit, lit.trim_end(), "{op:?}: a suffix ends in a space");
                let letters = lit.trim_end_matches(|c: char| c.is_ascii_alphabetic());
                let last = if letters.len() < lit.len() {
                    &lit[letters.len()..]
                } else {
                    &lit[lit.char_indices().next_back().unwrap().0..]
                };
                finals.push(last.to_string());
            }
            finals.sort();
            finals.dedup();
            for f in &finals {
                assert!(
                    words.iter().any(|w| f.ends_with(w)),
                    "{op:?}: a match can end in {f:?}, which ends with none of {words:?}"
                );
                // The gate lets the last word through, after other words and in upper case.
                assert!(ends_in_word_of(&format!("x {f}"), words), "{f}");
                assert!(ends_in_word_of(&f.to_uppercase(), words), "{f}");
            }
        }
    }

    /// Every match of `INFIX` ends in a word that ends with one of `INFIX_ENDS`, on the text
    /// before every number of the Chia criteria and on made-up endings.
    #[test]
    fn infix_ends_cover_every_match() {
        let mut stems: Vec<String> = vec![];
        for all in crate::test_texts::chia_texts() {
            for (i, c) in all.char_indices() {
                if c.is_ascii_digit() {
                    stems.push(all[..i].to_string());
                }
            }
        }
        // Made-up endings: case folded, with the long s, white space after.
        let ends = [
            "age of",
            "AGE :",
            "age",
            "GRADE",
            "\u{17F}tage",
            "cla\u{17F}\u{17F}",
            "A TOTAL OF",
            "of",
        ];
        stems.extend(ends.map(|end| format!("x {end}\u{a0}\t")));
        stems.extend(ends.map(|end| format!("x the {end}")));
        let mut found = 0;
        for stem in &stems {
            if INFIX.find(stem).is_some() {
                let tail = stem.trim_end_matches(char::is_whitespace);
                assert!(ends_in_word_of(tail, INFIX_ENDS), "{stem:?}");
                found += 1;
            }
        }
        assert!(found > 40, "{found}");
    }

    /// Every match of a unit row starts with one of its `UNIT_PREFIXES`, ASCII case aside, as
    /// the row's literal prefixes, extracted from the pattern, show.
    #[test]
    fn unit_prefixes_cover_every_match() {
        use regex_syntax::hir::literal::{ExtractKind, Extractor};
        assert_eq!(UNIT_PREFIXES.len(), UNITS.len());
        for ((pattern, unit), prefixes) in UNITS.iter().zip(UNIT_PREFIXES) {
            for p in *prefixes {
                assert_eq!(p.to_ascii_lowercase(), *p);
            }
            let hir = regex_syntax::Parser::new()
                .parse(&format!("(?i){pattern}"))
                .unwrap();
            let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
            let Some(literals) = seq.literals() else {
                assert!(prefixes.contains(&""), "{unit}: no finite prefixes");
                continue;
            };
            for lit in literals {
                let lit = String::from_utf8(lit.as_bytes().to_ascii_lowercase()).unwrap();
                assert!(
                    prefixes.iter().any(|p| lit.starts_with(p)),
                    "{unit}: a match can start with {lit:?}, which starts with none of {prefixes:?}"
                );
            }
        }
    }

    /// `read_unit` finds the unit that the first matching row of `UNITS`, each row tried in
    /// turn, finds: on the text after each number of the Chia criteria and on units with
    /// case folds and spaces.
    #[test]
    fn read_unit_is_the_first_matching_row() {
        let rows: Vec<(Regex, &str)> = UNITS
            .iter()
            .map(|(p, u)| (re(&format!(r"(?i)^\s*(?:{p})")), *u))
            .collect();
        let every_row = |after: &str| {
            rows.iter()
                .find_map(|(r, u)| r.find(after).map(|m| (*u, m.end())))
        };
        let mut tails: Vec<String> = [
            " \u{212A}g/m²",
            " MG/DL",
            " µmol/L",
            " ΜMOL/L",
            " \u{17F}ec",
            " °C",
            " ℃",
            " С",
            " ",
            "",
            "\u{a0}mmHg",
            " - years",
            "/mm³",
            " x ULN",
            "ᲃ",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for all in crate::test_texts::chia_texts() {
            for (i, d) in all.match_indices(|c: char| c.is_ascii_digit()) {
                tails.push(all[i + d.len()..].chars().take(40).collect());
            }
        }
        assert!(tails.len() > 2_000, "{}", tails.len());
        let mut found = 0;
        for after in &tails {
            let expected = every_row(after);
            assert_eq!(read_unit(after), expected, "{after:?}");
            found += usize::from(expected.is_some());
        }
        assert!(found > 500, "{found}");
    }

    /// Without Unicode, every pattern of the tables and of the number grammar matches on an
    /// ASCII text (and a plain one on a neutral text) where it does with Unicode: criteria
    /// of the Chia set, the same with neutral signs, and windows and tails cut from them, as
    /// the extractor searches them.
    #[test]
    fn ascii_builds_match_as_unicode_ones_on_ascii_and_neutral_text() {
        let mut texts: Vec<String> = Vec::new();
        for all in crate::test_texts::chia_texts().iter().take(200) {
            // ASCII lines, and lines whose other characters are neutral ("≥", "×").
            for line in all.lines() {
                texts.push(line.to_string());
                // The same with neutral signs for ASCII ones: "≤", "≥", "–", "×", "´".
                if line.is_ascii() && line.contains(['<', '>', '-', ' ']) {
                    texts.push(line.replace('<', "≤").replace('>', "≥").replace('-', "–"));
                    texts.push(line.replacen(' ', " ×", 3).replacen(' ', "´", 1));
                }
                // Tails after each number and windows before it, as `read_value` and
                // `operator_before` see them.
                for (i, _) in line.match_indices(|c: char| c.is_ascii_digit()).step_by(3) {
                    texts.push(line[i..].to_string());
                    texts.push(line[..i].to_string());
                }
            }
        }
        assert!(texts.len() > 2000, "{}", texts.len());
        let statics: Vec<&Lean> = vec![
            &NUMBER,
            &INFIX,
            &SCALE,
            &BETWEEN,
            &SCALE_ACRONYM,
            &BETWEEN_BEFORE,
            &OUTSIDE,
            &ROMAN_CONTEXT,
            &FOLLOWING,
            &SCIENTIFIC,
            &MULTIPLE,
            &LEADING_FILLER,
            &TRAILING_FILLER,
            &LEADING_JOINT,
        ];
        let all = statics
            .into_iter()
            .chain(SUBJECT_TABLE.rows.iter().map(|(r, _)| r))
            .chain(UNIT_TABLE.iter().map(|(r, _)| r))
            .chain(BEFORE_TABLE.iter().map(|(r, _, _)| r))
            .chain(AFTER_TABLE.iter().map(|(r, _)| r));
        let mut compared = 0;
        for lean in all {
            compared += lean.check_builds_agree(&texts);
        }
        assert!(compared > 100_000, "{compared}");
    }

    /// The word lists read as the regexes they replace, on every word of the Chia criteria
    /// (as written and trimmed of punctuation) and on the last words of their clauses.
    #[test]
    fn word_lists_read_as_their_regexes() {
        let person = regex::Regex::new(r"(?i)^(?:(?:adults?|patients?|subjects?|participants?|persons?|people|population|men|women|males?|females?|children|child|infants?|adolescents?|individuals?|volunteers?|healthy|residents?|male or female|who|are|is|be|must|whose|and|or|for)\W*)+$").unwrap();
        let name_stop = regex::Regex::new(r"(?i)^(?:with|a|an|the|and|or|and/or|of|for|in|on|at|by|to|has|have|had|is|are|be|been|must|defined|as|consisting|including|if|who|whose|which|that|than|any|no|not|but|e\.g|i\.e|ie|eg)$").unwrap();
        let doer = regex::Regex::new(
            r"(?i)^(?:needing|receiving|taking|using|use|dose|doses|received|requiring)$",
        )
        .unwrap();
        let stop = regex::Regex::new(r"(?i)^(?:at|on|for|with|and|or|before|after|prior|to|in|during|than|as|which|that|who|when|while|by|from|following|ago)$").unwrap();
        let mut words: Vec<String> = vec!["male or female,".into(), "iſ".into(), "\u{212A}".into()];
        for all in crate::test_texts::chia_texts() {
            for clause in all.split([';', ':', '.', '\n']) {
                words.push(last_words(&clean_subject(clause), 1));
            }
            for w in all.split_whitespace() {
                words.push(w.to_string());
                words.push(w.trim_matches(|c: char| !c.is_alphanumeric()).to_string());
            }
        }
        let mut hits = [0; 4];
        for w in &words {
            let want = [
                person.is_match(w),
                name_stop.is_match(w),
                doer.is_match(w),
                stop.is_match(w),
            ];
            let got = [
                is_words_of(w, PERSON),
                is_one_of(w, NAME_STOP),
                is_one_of(w, DOER),
                is_one_of(w, STOP_WORD),
            ];
            assert_eq!(got, want, "{w:?}");
            for (h, m) in hits.iter_mut().zip(want) {
                *h += usize::from(m);
            }
        }
        assert!(hits.iter().all(|&h| h > 20), "{hits:?}");
    }

    /// Made-up texts for the scanners of the words around a number: Unicode spaces, dashes and
    /// case folds, and near misses.
    const SCANNER_EDGES: &[&str] = &[
        " of\u{2003}x",
        "OF\n",
        "of",
        "ofx",
        " -",
        "x -\u{a0}",
        "≤−",
        "(–  ",
        "a-",
        "-",
        "é -",
        " – ",
        "=-\n",
        " % x",
        " per cent",
        " percentage",
        "per\tcent",
        " PerCent.",
        "percentx",
        " of the predicted",
        "of  expected",
        "of\u{2003}the\tpredicted_",
        "ofthe predicted",
        " the predicted",
        " of predictedly",
        " expected",
        " old",
        "-old",
        " of age",
        " years old",
        " year old",
        "yearsold",
        " old_",
        " oldé",
        " yeaſ old",
        "and/or ",
        "x and\u{a0}",
        "band",
        "éor",
        "OR",
        "and/",
        "Children",
        "ſchild",
        "adolescentſ",
        ", and/or ",
        "AND total\u{2003}",
        "andor",
        "and\n& serum,",
        "or-",
        "direct_",
        "serumé",
        "at",
        "at screening",
        "atscreening",
        "at é",
        "ATé",
        "while 0123456789012345678901234567890123456789",
        "by 0123456789012345678901234567890123456789",
        "on\nx",
        "whenever",
        "in-house",
        "score",
        "CT",
        "ſcore",
        "\u{212A}",
        "classes",
        "grade_",
        "rateé",
        "function (LVEF) ",
        "(a b)\u{2003}",
        "x (a  b)",
        "(a\u{a0}b)",
        "((a b))",
        "(a b c)",
        "()",
        "( a)",
        "(a )",
        "a b)",
        "(é)",
        ")a b)",
        " / 51",
        "/٣٤ x",
        "/12a",
        "/ 12_",
        "/12é",
        "/12/",
        "/ 80 mmHg",
        "/80mm hg.",
        "/80 MM\u{2003}HG",
        "/80 mm hgx",
        "/80 mmhg",
        " 0/7",
        " 6 / 7 weeks",
        "0/7",
        " 7/7",
        "\u{a0}3/77",
        " 3/7é",
        " 3/7_",
        "children's",
        "childéren",
        "x_child",
        "infant-",
        "",
    ];

    /// The scanners of the words around a number read as the regexes they replace: on every
    /// Chia line, its heads and tails at each character (as `before` and `after` are cut),
    /// and on made-up ones with Unicode spaces, dashes and case folds.
    #[test]
    fn scanners_read_as_their_regexes() {
        let of_next_re = re(r"(?i)^\s*of\s");
        let minus = re(r"(?:^|[\s(\[:;,=<>≤≥])[-−–]\s?$");
        let percent = re(r"(?i)^\s*(?:%|per ?cent\b|percent\b)");
        let predicted = re(r"(?i)^\s*(?:of\s+)?(?:the\s+)?(?:predicted|expected)\b");
        let age_after = re(r"(?i)^\s*(?:old|of age|years? old|-?old)\b");
        let joint = re(r"(?i)\b(?:or|and|and/or)\s*$");
        let people =
            re(r"(?i)\b(?:children|child|infants?|adolescents?|adults?|newborns?|neonates?)\b");
        let score = re(
            r"(?i)\b(?:score|grade|stage|index|scale|class|level|count|rate|ratio|pressure|titer|saturation|concentration|interval|value|ct)\b",
        );
        let glue =
            re(r"(?i)^(?:[\s,/&]|\band/or\b|\band\b|\bor\b|\btotal\b|\bserum\b|\bdirect\b)*$");
        let qualifier = re(r"(?i)^(?:at|for|in|on|when|while|by)\b.{0,40}$");
        let group = re(r"\(([^()\s]+(?:\s[^()\s]+)?)\)\s*$");
        let out_of_re = re(r"^\s*/\s*(?P<max>\d+)\b");
        let bp = re(r"(?i)^\s*/\s*(?P<dia>\d+)\s*mm\s*hg\b");
        let seventh = re(r"^\s+(?P<d>[0-6])\s*/\s*7\b");
        let mut lines: Vec<String> = SCANNER_EDGES.iter().map(|s| s.to_string()).collect();
        for all in crate::test_texts::chia_texts() {
            for line in all.lines() {
                lines.push(line.to_string());
            }
        }
        let mut texts: Vec<&str> = Vec::new();
        for line in &lines {
            for (i, _) in line.char_indices() {
                texts.push(&line[..i]);
                texts.push(&line[i..]);
            }
            texts.push(line);
        }
        assert!(texts.len() > 100_000, "{}", texts.len());
        let end = |r: &Regex, t: &str| r.find(t).map(|m| m.end());
        let mut hits = [0; 14];
        for t in texts {
            let got = [
                of_next(t).then_some(0),
                ends_with_minus(t).then_some(0),
                percent_end(t),
                predicted_end(t),
                age_after_end(t),
                ends_with_joint(t).then_some(0),
                has_word_of(t, PEOPLE).then_some(0),
                has_word_of(t, SCORE_WORD).then_some(0),
                is_glue_of(t, LIST_GLUE).then_some(0),
                starts_with_word_of(t, QUALIFIER).then_some(0),
                trailing_group(t).map(|(s, e)| s * 100_000 + e),
                out_of(t).map(|(m, e)| m.len() * 100_000 + e),
                bp_pair(t).map(|(m, e)| m.len() * 100_000 + e),
                sevenths(t).map(|(d, e)| usize::from(d) * 100_000 + e),
            ];
            let want = [
                of_next_re.is_match(t).then_some(0),
                minus.is_match(t).then_some(0),
                end(&percent, t),
                end(&predicted, t),
                end(&age_after, t),
                joint.is_match(t).then_some(0),
                people.is_match(t).then_some(0),
                score.is_match(t).then_some(0),
                glue.is_match(t).then_some(0),
                qualifier.is_match(t).then_some(0),
                group
                    .captures(t)
                    .and_then(|c| c.get(1))
                    .map(|g| g.start() * 100_000 + g.end()),
                out_of_re
                    .captures(t)
                    .map(|c| c["max"].len() * 100_000 + c.get(0).unwrap().end()),
                bp.captures(t)
                    .map(|c| c["dia"].len() * 100_000 + c.get(0).unwrap().end()),
                seventh
                    .captures(t)
                    .map(|c| c["d"].parse::<usize>().unwrap() * 100_000 + c.get(0).unwrap().end()),
            ];
            assert_eq!(got, want, "{t:?}");
            for (h, w) in hits.iter_mut().zip(want) {
                *h += usize::from(w.is_some());
            }
        }
        assert!(hits.iter().all(|&h| h > 10), "{hits:?}");
    }

    fn k(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn ages_from_symbols_and_words() {
        assert_eq!(
            one("Male or female, aged ≥ 18 and ≤ 70 years of age"),
            [
                (k("age"), Operator::Ge, 18.0, k("a")),
                (k("age"), Operator::Le, 70.0, k("a"))
            ]
        );
        assert_eq!(
            one("More than 18 years old"),
            [(k("age"), Operator::Gt, 18.0, k("a"))]
        );
    }

    /// A span of years said of people, then words that go on describing them, is their age;
    /// years counted from an event, or of something, are not.
    #[test]
    fn years_of_people_then_a_description_are_an_age() {
        for text in [
            "Patients >= 18 years undergoing elective surgery",
            "Subjects over 65 years scheduled for surgery",
            "Women > 50 years living in the area",
            "Patient over 18 years weighing between 65 and 85 Kg",
        ] {
            assert_eq!(one(text)[0].0, k("age"), "{text}");
        }
        for text in [
            "Patients > 3 years post-transplant",
            "Women >= 1 year postmenopausal",
            "at least two years post menopausal",
            "Patients > 10 years duration of diabetes",
            "Patients > 5 years from diagnosis",
            "Patients >= 2 years since transplant",
            "Patients > 2 years out from transplant",
            "Patients >= 3 years living with HIV",
            "Patients < 5 years diagnosed with type 1 diabetes",
            "Patients > 2 years treated with insulin",
            "Patients > 10 years receiving dialysis",
        ] {
            assert_eq!(one(text)[0].0, None, "{text}");
        }
    }

    /// An amount per 24 hours or per day keeps its time ("proteinuria < 1000 mg/24 hr"):
    /// UCUM's `mg/(24.h)`, `mg/d`.
    #[test]
    fn amounts_per_day_keep_their_time() {
        for (text, unit) in [
            ("Proteinuria < 1000 mg/24 hr", "mg/(24.h)"),
            ("Urine protein > 3.5 g/24h", "g/(24.h)"),
            ("Proteinuria >= 0.5 grams per 24 hours", "g/(24.h)"),
            ("Urine output < 400 mL/24 h", "mL/(24.h)"),
            ("Prednisone > 10 mg per day", "mg/d"),
            ("Protein intake < 0.8 g/day", "g/d"),
            ("Hemoglobin < 9 g/dL", "g/dL"),
        ] {
            assert_eq!(one(text)[0].3.as_deref(), Some(unit), "{text}");
        }
    }

    /// A power of ten is its value written out: "≥ 10^-3" is 0.001, not 10.
    #[test]
    fn powers_of_ten_are_their_value() {
        assert_eq!(
            one("minimal residual disease at a level of ≥ 10^-3")[0].2,
            0.001
        );
        assert_eq!(one("MRD < 1 x 10^-4")[0].2, 0.0001);
        let load = &one("viral load >= 10^5 copies/mL")[0];
        assert_eq!(
            (load.2, load.3.as_deref()),
            (100_000.0, Some("{copies}/mL"))
        );
        // A count per volume keeps its power in the unit.
        let plt = &one("platelets >= 100 x 10^9/L")[0];
        assert_eq!((plt.2, plt.3.as_deref()), (100.0, Some("10*9/L")));
    }

    /// "a-beta 1-42 <1000pg/ml": a range with no unit, then a sign, names a peptide.
    #[test]
    fn a_range_before_a_sign_is_part_of_a_name() {
        let c = extract("Alternatively, a-beta 1-42 <1000pg/ml AND p-tau >19pg/ml");
        let values: Vec<f64> = c.iter().map(|c| c.value).collect();
        assert_eq!(values, [1000.0, 19.0]);
        assert!(c[0].subject.ends_with("a-beta 1-42"), "{}", c[0].subject);
        assert_eq!(one("Age 18-65").len(), 2);
        assert_eq!(one("HbA1c 7-10 %").len(), 2);
    }

    #[test]
    fn kilograms_are_kg() {
        for text in [
            "body weight of at least 45 kilograms (kg)",
            "Weight > 50 kilogram",
        ] {
            assert_eq!(one(text)[0].3.as_deref(), Some("kg"), "{text}");
        }
    }

    #[test]
    fn broken_superscripts_and_uln() {
        let c = extract("platelets less than 50*10*9/l or creatinine > 1,5 ´ upper normal limit");
        assert_eq!(c[0].unit.as_deref(), Some("10*9/L"));
        assert_eq!(c[0].value, 50.0);
        assert_eq!(c[1].multiple_of, Some(ReferenceRange::Uln));
        assert_eq!(c[1].value, 1.5);
    }

    #[test]
    fn score_out_of() {
        let c = extract("systemic sclerodermia with m-Rodnan score > 20/51");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].key, Some(ConstraintKey::Mrss));
        assert_eq!(c[0].out_of, Some(51.0));
    }

    fn ks(text: &str) -> Vec<(String, Operator, f64, Option<String>)> {
        one(text)
            .into_iter()
            .map(|(k, o, v, u)| (k.unwrap_or_default(), o, v, u))
            .collect()
    }

    fn kv(
        key: &str,
        op: Operator,
        value: f64,
        unit: Option<&str>,
    ) -> (String, Operator, f64, Option<String>) {
        (key.to_string(), op, value, unit.map(String::from))
    }

    // The texts below are Chia development criteria (fixtures/criteria/chia-dev/texts) and
    // corpus records, one kind per test.

    #[test]
    fn class_and_stage_ranges_in_roman_numerals() {
        use Operator::*;
        let asa = [kv("asa", Ge, 1.0, None), kv("asa", Le, 3.0, None)];
        assert_eq!(ks("ASA I-III"), asa);
        assert_eq!(ks("ASA physical status I-III;"), asa);
        assert_eq!(ks("American Society of Anesthesiologists Status 1 -3"), asa);
        assert_eq!(
            ks("ASA Physical Status II - III"),
            [kv("asa", Ge, 2.0, None), kv("asa", Le, 3.0, None)]
        );
        assert_eq!(
            ks("American Society of Anesthesiologist (ASA) status 4 or higher."),
            [kv("asa", Ge, 4.0, None)]
        );
        assert_eq!(
            ks("New York Heart Association (NYHA) Grade II or greater congestive heart failure"),
            [kv("nyha", Ge, 2.0, None)]
        );
        let c = extract("Corneal staining > grade III on the Oxford scale");
        assert_eq!((c[0].operator, c[0].value), (Gt, 3.0));
        // A Roman numeral is a number only as a class, stage or grade.
        assert!(extract("Type II diabetes for more than 5 years")
            .iter()
            .all(|c| c.value != 2.0));
        assert!(extract("Phase III trial within 30 days")
            .iter()
            .all(|c| c.value != 3.0));
    }

    #[test]
    fn inclusive_wordings_are_inclusive() {
        use Operator::*;
        assert_eq!(
            ks("Hemoglobin > or = to 11.5g/dL"),
            [kv("hemoglobin", Ge, 11.5, Some("g/dL"))]
        );
        assert_eq!(
            ks("Age equal or superior to 18 years;"),
            [kv("age", Ge, 18.0, Some("a"))]
        );
        assert_eq!(
            ks("Creatinine clearance more or equal to 30 mL/min"),
            [kv("creatinine_clearance", Ge, 30.0, Some("mL/min"))]
        );
        assert_eq!(
            ks("Low risk: Gleason <or=6 & PSA <or=10"),
            [kv("gleason", Le, 6.0, None), kv("psa", Le, 10.0, None)]
        );
        let c =
            extract("Subjects with serum calcium levels equal to or greater than 10.2 mg / dl.");
        assert_eq!((c[0].operator, c[0].value), (Ge, 10.2));
        let c = extract("a coma (Glasgow Coma Score below or equal to 8),");
        assert_eq!((c[0].operator, c[0].value), (Le, 8.0));
        let c = extract("a Tardieu score upper or equal to 2 on at least one of the following");
        assert_eq!((c[0].operator, c[0].value), (Ge, 2.0));
    }

    #[test]
    fn bare_greater_major_and_exceeded() {
        use Operator::*;
        assert_eq!(
            ks("Fasting glucose greater 150 mg/dL."),
            [kv("glucose", Gt, 150.0, Some("mg/dL"))]
        );
        assert_eq!(
            ks("fasting glucose major than 140 mg/dl"),
            [kv("glucose", Gt, 140.0, Some("mg/dL"))]
        );
        assert_eq!(
            ks("Total bilirubin level exceeded 2 mg / dL"),
            [kv("bilirubin", Gt, 2.0, Some("mg/dL"))]
        );
    }

    #[test]
    fn rates_and_per_unit_values_keep_their_denominator() {
        use Operator::*;
        let unit = |t: &str| extract(t).into_iter().map(|c| c.unit).collect::<Vec<_>>();
        assert_eq!(
            unit("Resting bradycardia (< 50 beats/min)"),
            [Some("/min".into())]
        );
        assert_eq!(
            unit("Smoking history > 10 packs/year"),
            [Some("{pack}/a".into())]
        );
        assert_eq!(
            unit("urinary albumin/creatinine ratio >30 mg/g"),
            [Some("mg/g".into())]
        );
        assert_eq!(unit("HbA1c < 48 mmol/mol"), [Some("mmol/mol".into())]);
        assert_eq!(
            unit("plasma C-peptide more than 100 pmol/L"),
            [Some("pmol/L".into())]
        );
        assert_eq!(
            unit("hyperkalemia (over 5.5 meq / L)"),
            [Some("meq/L".into())]
        );
        assert_eq!(
            unit("platelet count <75,000 per microL"),
            [Some("/uL".into())]
        );
        assert_eq!(
            unit("urine output less than 400 ml per day"),
            [Some("mL/d".into())]
        );
        assert_eq!(
            unit("serum ferritin level < 100µg/l"),
            [Some("ug/L".into())]
        );
        assert_eq!(unit("Weigh >300 lbs"), [Some("[lb_av]".into())]);
        let c = extract("TBUT > 5 sec. and < 10 sec.");
        assert_eq!(
            c.iter()
                .map(|c| (c.operator, c.value, c.unit.as_deref()))
                .collect::<Vec<_>>(),
            [(Gt, 5.0, Some("s")), (Lt, 10.0, Some("s"))]
        );
    }

    #[test]
    fn scores_named_by_their_acronym_need_no_unit() {
        use Operator::*;
        let c = extract("Significant alcohol withdrawal (CIWA>8) at screening");
        assert_eq!(
            (c[0].subject.as_str(), c[0].operator, c[0].value),
            ("CIWA", Gt, 8.0)
        );
        let c = extract("Current severe depression (HAM-D >24) or anxiety (HAM-A >24)");
        assert_eq!(c.len(), 2);
        // A count after the number is no score: "MRI > 2 lesions".
        assert!(extract("MRI > 2 lesions").is_empty());
    }

    #[test]
    fn both_bounds_of_a_reversed_range() {
        use Operator::*;
        assert_eq!(
            ks("Body mass index (BMI): 18 ≤ BMI ≤ 32 kg/m²"),
            [
                kv("bmi", Ge, 18.0, Some("kg/m2")),
                kv("bmi", Le, 32.0, Some("kg/m2"))
            ]
        );
        // Both bounds name the subject between them.
        for text in [
            "Body mass index (BMI): 18 ≤ BMI ≤ 32 kg/m²",
            "18 <= BMI <= 30",
        ] {
            let subjects: Vec<String> = extract(text).into_iter().map(|c| c.subject).collect();
            assert_eq!(subjects, ["BMI", "BMI"], "{text}");
        }
        let c = extract("Hemoglobin: 9 < hemoglobin level < 16 g/dL");
        assert_eq!(c[0].subject, "hemoglobin level");
        assert_eq!((c[0].operator, c[0].value), (Gt, 9.0));
        // A name between the bounds that names no key leaves the words after them.
        let c = ks("60 ≤ score ≤ 100 on the Karnofsky scale");
        assert_eq!(c.first(), Some(&kv("karnofsky", Ge, 60.0, None)));
        // A name that is no key: the upper bound's subject, without the first operator.
        let c = extract("220 ≤ Crohn’s Disease Activity Index ≤ 450");
        assert_eq!(
            c.last().map(|c| c.subject.as_str()),
            Some("Crohn’s Disease Activity Index")
        );
        let c = extract("18 ≤ Quetelet index ≤ 30 kg/m2");
        assert_eq!(c[0].subject, "Quetelet index");
        // Words before the first bound do not name its subject.
        assert_eq!(
            ks("Patients with 18 < BMI < 35 kg/m2"),
            [
                kv("bmi", Gt, 18.0, Some("kg/m2")),
                kv("bmi", Lt, 35.0, Some("kg/m2"))
            ]
        );
        let c = ks("90 ≤ SBP ≤ 160 mmHg and 50 ≤ DBP ≤ 100 mmHg");
        let keys: Vec<&str> = c.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(
            keys,
            ["systolic_bp", "systolic_bp", "diastolic_bp", "diastolic_bp"]
        );
    }

    /// A range written around a score that no key names keeps both bounds, each said with
    /// its subject, never with a sign the subject does not start with.
    #[test]
    fn a_reversed_range_of_a_score_without_a_key() {
        use Operator::*;
        for (text, subject, texts) in [
            ("20 ≤ MMSE ≤ 26", "MMSE", ["20 ≤ MMSE", "MMSE ≤ 26"]),
            ("10 < HADS-A < 21", "HADS-A", ["10 < HADS-A", "HADS-A < 21"]),
            (
                "4 <= ECOG-like score <= 8",
                "ECOG-like score",
                ["4 <= ECOG-like score", "ECOG-like score <= 8"],
            ),
            (
                "Body mass index (BMI): 18 ≤ BMI ≤ 32 kg/m²",
                "BMI",
                ["18 ≤ BMI", "BMI ≤ 32 kg/m²"],
            ),
        ] {
            let c = extract(text);
            let got: Vec<(&str, &str)> = c
                .iter()
                .map(|c| (c.subject.as_str(), c.text.as_str()))
                .collect();
            assert_eq!(got, [(subject, texts[0]), (subject, texts[1])], "{text}");
        }
        let c = extract("20 ≤ MMSE ≤ 26");
        assert_eq!(
            c.iter().map(|c| (c.operator, c.value)).collect::<Vec<_>>(),
            [(Ge, 20.0), (Le, 26.0)]
        );
        // Numbers around words that name no score or unit are no constraint.
        assert!(extract("1 < visits < 3").is_empty());
    }

    #[test]
    fn a_quotation_mark_without_its_pair_leaves_the_subject() {
        let subject = |text: &str| extract(text).remove(0).subject;
        assert_eq!(subject("“Karnofsky” (KPS) ≥ 70"), "Karnofsky (KPS)");
        assert_eq!(subject("\"Karnofsky\" score ≥ 70"), "Karnofsky score");
    }

    #[test]
    fn scale_ends_are_no_bounds() {
        let c = extract("Spinal pain as measured by BASDAI question #2 = 4 cm (0-10 cm)");
        assert!(c.iter().all(|c| c.value != 0.0 && c.value != 10.0), "{c:?}");
        // A range in brackets that is not after a value stays a range.
        assert_eq!(extract("performance status (ECOG 0-1)").len(), 2);
    }

    #[test]
    fn one_comparison_gives_one_constraint() {
        use Operator::*;
        assert_eq!(ks("FEV1/FVC < 70%"), [kv("fev1_fvc", Lt, 70.0, Some("%"))]);
        assert_eq!(
            ks("Karnofsky Performance Status (KPS) < 60"),
            [kv("karnofsky", Lt, 60.0, None)]
        );
        assert_eq!(
            ks("Urinary albumin/creatinine ratio higher than 3000 mg/g"),
            [kv("albumin_creatinine_ratio", Gt, 3000.0, Some("mg/g"))]
        );
    }

    #[test]
    fn dots_grouping_thousands_before_a_count_unit() {
        let c = extract("Known platelets < 100.000/µl or known hemorrhagic diathesis");
        assert_eq!((c[0].value, c[0].unit.as_deref()), (100000.0, Some("/uL")));
        assert_eq!(extract("Creatinine > 1.500 mg/dL")[0].value, 1.5);
    }

    #[test]
    fn a_value_said_again_in_another_unit() {
        use Operator::*;
        assert_eq!(
            ks("hemoglobin ≥ 9 g/dl or 5.59 mmol/l"),
            [
                kv("hemoglobin", Ge, 9.0, Some("g/dL")),
                kv("hemoglobin", Ge, 5.59, Some("mmol/L"))
            ]
        );
        let c = extract("Men of at least 60 kg (132 lbs)");
        let got: Vec<_> = c
            .iter()
            .map(|c| (c.subject.as_str(), c.operator, c.value, c.unit.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("Men", Ge, 60.0, Some("kg")),
                ("Men", Ge, 132.0, Some("[lb_av]"))
            ]
        );
    }

    #[test]
    fn values_outside_a_range() {
        use Operator::*;
        let c = extract("Planned postoperative TSH goal other than 0.1-0.5 mU/L");
        assert_eq!(
            c.iter().map(|c| (c.operator, c.value)).collect::<Vec<_>>(),
            [(Lt, 0.1), (Gt, 0.5)]
        );
    }

    /// A wrong constraint is worse than a missing one.
    #[test]
    fn what_is_not_read() {
        // A signed value whose direction the words leave open.
        assert!(extract("History of refractive error of - 6D or greater").is_empty());
        // A person before a counted thing is not an age.
        assert!(extract("Patients with >14 follicles on day of trigger").is_empty());
        assert!(extract(
            "Healthy postmenopausal women with 50 or more moderate to severe hot flushes."
        )
        .is_empty());
        // "and" joins a range only after "between".
        assert!(extract(
            "Aim 3: Implementation-focused Interviews with VISN 16 and 21 Staff and HCPs"
        )
        .is_empty());
        assert_eq!(
            extract("Males and females between the ages of 18 and 55 years").len(),
            2
        );
        // A plus between two numbers.
        assert!(
            extract("human immunodeficiency virus 1+2 antigen/antibody (HIV 1+2 Ag/Ab)").is_empty()
        );
        // Snellen fractions.
        assert!(extract("BCVA 20/40 - 20/200 Snellen equivalent in study eye").is_empty());
    }

    #[test]
    fn weeks_and_days_of_gestation() {
        use Operator::*;
        let c = extract("Inborn preterm infants born between 28 0/7 and 34 6/7 weeks gestation");
        let got: Vec<(Operator, f64, Option<&str>)> = c
            .iter()
            .map(|c| {
                (
                    c.operator,
                    (c.value * 100.0).round() / 100.0,
                    c.unit.as_deref(),
                )
            })
            .collect();
        assert_eq!(got, [(Ge, 28.0, Some("wk")), (Le, 34.86, Some("wk"))]);
    }

    #[test]
    fn counts_are_not_constraints() {
        assert!(
            extract("intolerant to at least 2 Nonsteroidal Anti-Inflammatory Drugs").is_empty()
        );
    }

    /// A range whose upper end counts things is no comparison at all, not half of one
    /// (NCT03746262: "SBRT consisting of 3-5 fractions" gave "≥ 3" alone).
    #[test]
    fn a_range_is_kept_or_left_out_whole() {
        for text in [
            "treatment must be stereotactic body radiation therapy (SBRT) consisting of 3-5 fractions",
            "SBRT 3-5 fractions",
            "received 2-4 cycles of FOLFOX",
        ] {
            assert!(extract(text).is_empty(), "{text}: {:?}", extract(text));
        }
        let ecog = extract("ECOG 0-2");
        assert_eq!(
            ecog.iter()
                .map(|c| (c.operator, c.value))
                .collect::<Vec<_>>(),
            [(Operator::Ge, 0.0), (Operator::Le, 2.0)]
        );
    }
}

//! Warning codes: the closed set of reasons a record carries a [`Warning`](super::Warning).
//!
//! The JSON writes each code in kebab-case (`unmapped-enum`); the schema lists them as an
//! enumeration, so a consumer can switch on them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

vocabulary! {
    in "kebab-case";
    /// Why a record carries a warning. Each code has one meaning across every source.
    #[derive(Hash, PartialOrd, Ord, strum::EnumString, strum::Display)]
    pub enum WarningCode {
        /// A value of an enumerated field maps to no member of the API v2 vocabulary; the field
        /// is null and the message quotes the raw value.
        UnmappedEnum,
        /// A date the source gives could not be read as a date; the field is null.
        BadDate,
        /// An age bound could not be read as a number and unit; the field is null.
        BadAge,
        /// A number (a count, a measurement) could not be read; the field is null.
        BadNumber,
        /// An identifier that is not of its registry's form (an NCT id that is not "NCT" and 8
        /// digits); the field is null and the message quotes it.
        BadId,
        /// Text in a section that no field takes (a line before the first arm, an unrecognized
        /// location line); the message quotes it.
        UnparsedText,
        /// A country name with no current ISO 3166-1 code (a dissolved country, or a name no
        /// country table knows); `country_code` is null and the message says which.
        UnknownCountry,
        /// An arm names an intervention (or the reverse) that the record does not list.
        DanglingReference,
        /// The input was not UTF-8 and was decoded with a legacy encoding.
        LegacyEncoding,
        /// A page counts more sites than it lists.
        SitesNotListed,
        /// Data embedded in a saved page (JSON-LD, a page's own JSON) disagrees with the text
        /// the page shows; the shown text is kept.
        EmbeddedDataDisagrees,
        /// The page lacks sections a full record of its kind has (a results tab, which carries
        /// the header block only; a page cut short; a Tabular View, which names the sites'
        /// countries only); the message names what is missing.
        PartialPage,
        /// Another record of the same batch is a record of the same trial: it shares a
        /// registry number with this one (directly or through other records). The message
        /// names the others by their number in the batch's output and their own registry
        /// numbers, and the numbers shared (`trialnorm::dedupe`); `parse --dedupe` merges them.
        SameTrialAs,
        /// The record holds elements trialnorm does not read and does not declare as left out
        /// (`sources::structured::coverage`): one warning per record naming them all, so an
        /// element a newer download adds is never dropped silently.
        NotCarried,
        /// Two fields of the record contradict each other (a minimum age above the maximum
        /// age); both are kept as the source states them, and the message names them.
        ContradictoryValues,
    }
}

impl WarningCode {
    /// The code as the JSON writes it (`unmapped-enum`).
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

//! Wording of the counts the library and the command line print.

/// `n` and the noun that agrees with it: `counted(1, "record", "records")` is "1 record",
/// any other count takes the plural ("0 records", "2 records").
pub fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", noun(n, one, many))
}

/// The noun that agrees with `n`: `one` for 1, `many` otherwise.
pub fn noun<'a>(n: u64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "record", "records"), "1 record");
        assert_eq!(counted(0, "record", "records"), "0 records");
        assert_eq!(counted(2, "record", "records"), "2 records");
        assert_eq!(noun(1, "version", "versions"), "version");
    }
}

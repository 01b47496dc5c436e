//! When to try a request again, and how long to wait first.

use std::time::{Duration, SystemTime};

/// Exponential backoff with jitter, bounded in attempts and in wait.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// How many times a failed request is tried again (so `retries + 1` attempts in all).
    pub retries: u32,
    /// The wait before the first retry; each later retry doubles it.
    pub base: Duration,
    /// The longest backoff wait between two attempts.
    pub max: Duration,
    /// The longest wait a server's `Retry-After` is honoured for; a longer one is cut to this,
    /// so a misconfigured server cannot stall a download for hours.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: 5,
            base: Duration::from_millis(500),
            max: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(300),
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `retry` (0 for the first), given the server's
    /// `Retry-After` if it sent one.
    ///
    /// Without `Retry-After` the wait is "equal jitter": half of `base * 2^retry` (capped at
    /// `max`) plus a random part up to the other half, so that many clients failing together
    /// do not come back together. A `Retry-After` is the server saying when it will serve
    /// again: it is honoured as given (up to `max_retry_after`), never shortened.
    pub fn wait(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(after) = retry_after {
            return after.min(self.max_retry_after);
        }
        let exp = self
            .base
            .saturating_mul(2u32.saturating_pow(retry.min(31)))
            .min(self.max);
        let half = exp / 2;
        let jitter_nanos = fastrand::u64(0..=half.as_nanos().min(u64::MAX as u128) as u64);
        half + Duration::from_nanos(jitter_nanos)
    }
}

/// Reads a `Retry-After` header value: delay-seconds (`120`) or an HTTP-date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`), as RFC 9110 §10.2.3 allows. A date in the past means
/// "now" (zero); an unreadable value gives `None`, and the caller falls back to its backoff.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::from_secs(0)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        // A date already past: retry now, not never.
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-5", now), None);
    }

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let p = RetryPolicy {
            retries: 10,
            base: Duration::from_millis(100),
            max: Duration::from_millis(1000),
            max_retry_after: Duration::from_secs(60),
        };
        for _ in 0..50 {
            let w0 = p.wait(0, None);
            assert!(w0 >= Duration::from_millis(50) && w0 <= Duration::from_millis(100));
            let w2 = p.wait(2, None);
            assert!(w2 >= Duration::from_millis(200) && w2 <= Duration::from_millis(400));
            let w9 = p.wait(9, None);
            assert!(w9 >= Duration::from_millis(500) && w9 <= Duration::from_millis(1000));
            // No overflow however many retries.
            assert!(p.wait(u32::MAX, None) <= Duration::from_millis(1000));
        }
        assert_eq!(
            p.wait(0, Some(Duration::from_secs(7))),
            Duration::from_secs(7)
        );
        assert_eq!(
            p.wait(0, Some(Duration::from_secs(3600))),
            Duration::from_secs(60)
        );
    }
}

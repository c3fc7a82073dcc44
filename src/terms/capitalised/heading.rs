//! Whether a line is a heading, a bold line or in title case, where capitals are typography
//! and not a defined term.
//!
//! The scan asks only when it has a phrase to report, and [`Lines`] keeps the answer for the
//! line it is on, so a line is judged once; [`crate::passes::terms`] asks [`headingish`] of
//! clause headings too. Finding phrases is left to the scan ([`super::Scanner`]).

/// Whether a line is a heading, a bold line or in title case.
pub fn headingish(line: &str) -> bool {
    let t = line.trim();
    if t.starts_with('#') || (t.starts_with("**") && t.trim_end_matches(':').ends_with("**")) {
        return true;
    }
    // Headings and list labels are short; a long line is prose.
    if t.len() > LONG {
        return false;
    }
    let (words, caps) = if t.is_ascii() {
        ascii_word_counts(t.as_bytes())
    } else {
        word_counts(t)
    };
    // A sentence (ending with a full stop) is a heading only when nearly every word is
    // capitalised; a list label such as "Compliance with Statutes: Health and Safety" when
    // most are.
    let sentence = t.trim_end_matches(['|', ' ']).ends_with('.');
    words >= 2 && caps * 10 >= words * if sentence { 9 } else { 6 }
}

/// Whether `w` is one of the lower-case words a title-case line leaves in lower case.
fn minor(w: &[u8]) -> bool {
    matches!(
        w,
        b"of" | b"for" | b"to" | b"and" | b"the" | b"a" | b"in" | b"on" | b"with"
    )
}

/// How many words `t` has, and how many of them are capitalised: words are split at ASCII
/// spaces and judged by their first letter or digit; numbers and [`minor`] words do not
/// count.
fn word_counts(t: &str) -> (usize, usize) {
    let mut words = 0;
    let mut caps = 0;
    for w in t.split_ascii_whitespace() {
        let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        let Some(&first) = w.as_bytes().first() else {
            continue;
        };
        if first.is_ascii_digit() {
            continue;
        }
        if first.is_ascii_lowercase() {
            let bare = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            if minor(bare.as_bytes()) {
                continue;
            }
        } else if first.is_ascii_uppercase()
            || (first >= 0x80 && w.chars().next().is_some_and(char::is_uppercase))
        {
            caps += 1;
        }
        words += 1;
    }
    (words, caps)
}

/// [`word_counts`] of ASCII text, a byte at a time: it runs for every short line a phrase
/// is found on, and every clause heading.
fn ascii_word_counts(b: &[u8]) -> (usize, usize) {
    let mut words = 0;
    let mut caps = 0;
    for w in b.split(u8::is_ascii_whitespace) {
        let Some(first) = w.iter().position(u8::is_ascii_alphanumeric) else {
            continue;
        };
        match w[first] {
            b'0'..=b'9' => continue,
            b'a'..=b'z' => {
                let end = w
                    .iter()
                    .rposition(u8::is_ascii_alphanumeric)
                    .map_or(0, |e| e + 1);
                if minor(&w[first..end]) {
                    continue;
                }
            }
            _ => caps += 1,
        }
        words += 1;
    }
    (words, caps)
}

/// Which line the scan is on, and whether that line is a heading (computed once per line).
pub(super) struct Lines {
    /// Everything before this offset has been looked at for line breaks.
    pub(super) seen: usize,
    pub(super) start: usize,
    pub(super) heading: Option<(usize, bool)>,
}

impl Lines {
    pub(super) fn heading(&mut self, text: &str, at: usize) -> bool {
        let b = text.as_bytes();
        if at >= self.seen {
            if let Some(nl) = memchr::memrchr(b'\n', &b[self.seen..at]) {
                self.start = self.seen + nl + 1;
            }
            self.seen = at;
        } else {
            self.start = text[..at].rfind('\n').map_or(0, |p| p + 1);
        }
        match self.heading {
            Some((ls, h)) if ls == self.start => h,
            _ => {
                // Headings are short: look no further than LONG bytes for the line's end.
                let mut reach = (self.start + LONG + 1).min(b.len());
                while !text.is_char_boundary(reach) {
                    reach -= 1;
                }
                let h = match memchr::memchr(b'\n', &b[self.start..reach]) {
                    Some(e) => headingish(&text[self.start..self.start + e]),
                    None if reach == b.len() => headingish(&text[self.start..]),
                    None => line_opens_as_heading(&text[self.start..reach]),
                };
                self.heading = Some((self.start, h));
                h
            }
        }
    }
}

/// Lines longer than this are prose, unless they are Markdown headings or bold.
const LONG: usize = 160;

fn line_opens_as_heading(start: &str) -> bool {
    let t = start.trim_start();
    t.starts_with('#') || t.starts_with("**")
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte-at-a-time count of a line's words agrees with the general one.
        #[test]
        fn ascii_word_counts_agree(
            line in "[ \t\r\n\x0bA-Za-z0-9.,:;'()*#|-]{0,60}|(of|for|to|and|the|a|in|on|with|With|x|Act|2012|\\(a\\)|\"Head\"| )*"
        ) {
            proptest::prop_assert_eq!(
                ascii_word_counts(line.as_bytes()),
                word_counts(&line),
                "{:?}",
                line
            );
        }
    }
}

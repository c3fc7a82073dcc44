//! The comparison key of a name, so that "Responsible Officers'" in the text and
//! "Responsible Officer" in a definition, title or allow list are the same phrase.
//!
//! It is here, not with the definitions, because it runs for every phrase the scan finds and
//! must stay as cheap as the scan; what is compared with what is left to
//! [`crate::passes::terms`].

/// The comparison key of a name: lower case, single spaces, possessive dropped, and the
/// last word singular ("Responsible Officers'" → "responsible officer").
pub fn key(phrase: &str) -> String {
    let mut k = String::with_capacity(phrase.len());
    key_into(phrase, &mut k);
    k
}

/// [`key`] written into `k` (cleared first), so a scan can reuse one buffer.
pub fn key_into(phrase: &str, k: &mut String) {
    k.clear();
    let phrase = phrase.trim();
    if phrase.is_ascii() {
        // Whole words at a time: this runs for every capitalised phrase of every document.
        // (The spaces are the ASCII ones `char::is_whitespace` accepts.)
        let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
        let b = phrase.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let start = i;
            while i < b.len() && !space(b[i]) {
                i += 1;
            }
            if !k.is_empty() {
                k.push(' ');
            }
            k.push_str(&phrase[start..i]);
            while i < b.len() && space(b[i]) {
                i += 1;
            }
        }
        k.make_ascii_lowercase();
    } else {
        let mut space = false;
        for ch in phrase.chars() {
            if ch.is_whitespace() {
                space = true;
                continue;
            }
            if space {
                k.push(' ');
                space = false;
            }
            k.extend(ch.to_lowercase());
        }
    }
    for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if k.ends_with(suffix) {
            k.truncate(k.len() - suffix.len());
            break;
        }
    }
    let last_start = k.rfind(' ').map_or(0, |i| i + 1);
    let last = &k[last_start..];
    if last.len() > 5 && last.ends_with("ies") {
        k.truncate(k.len() - 3);
        k.push('y');
    } else if last.len() > 3 && last.ends_with("men") {
        k.truncate(k.len() - 2);
        k.push_str("an");
    } else if last.len() > 3 && last.ends_with('s') && !last.ends_with("ss") {
        k.truncate(k.len() - 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_normalise_plural_and_possessive() {
        assert_eq!(key("Responsible Officers'"), "responsible officer");
        assert_eq!(key("Chairmen"), "chairman");
        assert_eq!(key("Member  bodies"), "member body");
        assert_eq!(key("Head of Service's"), "head of service");
        assert_eq!(key("Standard Clauses"), "standard clause");
        // ASCII and not: the same spaces, the same case.
        assert_eq!(key(" Head\x0bof\t\tPaid  Service "), "head of paid service");
        assert_eq!(
            key("\u{c9}cole\x0bNormale  Sup\u{c9}rieure"),
            "\u{e9}cole normale sup\u{e9}rieure"
        );
    }
}

//! Escaping for HTML and the URL check every published link goes through. Deciding what to
//! escape or drop is [`super::markdown`]'s; this module only knows how.

/// Whether a link target may be published: no script or data URLs, whatever their case or the
/// control characters and spaces hidden in them.
pub fn safe_url(dest: &str) -> bool {
    let cleaned: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    !["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| cleaned.starts_with(s))
}

/// Escape text for HTML element content and attribute values.
pub fn escape_into(out: &mut String, s: &str) {
    replace_bytes(out, s, html_entity);
}

/// Raw HTML from a source, as visible text. Besides the usual characters, `=` and `:` become
/// character references too, so not even the text of an attribute (`onerror=`) or a script
/// URL (`javascript:`) survives in the page's source for a careless later step to revive.
pub fn escape_raw_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    replace_bytes(&mut out, s, |b| match b {
        b'=' => Some("&#61;"),
        b':' => Some("&#58;"),
        _ => html_entity(b),
    });
    out
}

fn html_entity(b: u8) -> Option<&'static str> {
    match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    }
}

/// `s` into `out`, with each ASCII byte that `rep` names replaced by its text.
fn replace_bytes(out: &mut String, s: &str, rep: impl Fn(u8) -> Option<&'static str>) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        if let Some(r) = rep(b) {
            out.push_str(&s[last..i]);
            out.push_str(r);
            last = i + 1;
        }
    }
    out.push_str(&s[last..]);
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

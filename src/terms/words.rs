//! Small facts about English words and sentences that the term checks and the rename need:
//! word boundaries, plurals, `a`/`an`, sentence starts, capitalisation.
//!
//! Everything here is a heuristic for the easy, common cases; callers hand anything unusual
//! to a human rather than guess.

/// Whether `c` continues a word (so a match next to it is not a whole word).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The character before byte offset `at`, if any.
pub fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

/// The character at byte offset `at`, if any.
pub fn char_at(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// Whether `text[start..end]` stands as whole words: no letter or digit touches either end.
/// Hyphens and apostrophes are boundaries, so "Vice-Chairman" and "Chairman's" contain
/// "Chairman" and "Chairmanship" does not.
pub fn whole_words(text: &str, start: usize, end: usize) -> bool {
    !char_before(text, start).is_some_and(is_word_char)
        && !char_at(text, end).is_some_and(is_word_char)
}

/// The plural of a title or term by the simple rule, applied to its head noun (the word
/// before " of ", or the last word): "Heads of Service", "Chairmen", "Chairs", "Committees".
/// `None` when the simple rule would be a guess: the head noun already ends in `s`, or is
/// not a plain word.
pub fn plural(phrase: &str) -> Option<String> {
    let (head_end, rest) = match phrase.find(" of ") {
        Some(i) => (i, &phrase[i..]),
        None => (phrase.len(), ""),
    };
    let head = &phrase[..head_end];
    let word_start = head.rfind([' ', '-', '/']).map_or(0, |i| i + 1);
    let word = &head[word_start..];
    if word.is_empty() || !word.chars().all(|c| c.is_alphabetic()) {
        return None;
    }
    let lower = word.to_lowercase();
    let upper = word.chars().all(|c| !c.is_lowercase()) && word.chars().count() > 1;
    let plural_word = if upper {
        format!("{word}s")
    } else if lower.ends_with('s') {
        return None;
    } else if lower.ends_with("man") && lower != "german" {
        format!("{}en", &word[..word.len() - 2])
    } else if ["x", "z", "ch", "sh"].iter().any(|e| lower.ends_with(e)) {
        format!("{word}es")
    } else if lower.ends_with('y') && !lower[..lower.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u'])
    {
        format!("{}ies", &word[..word.len() - 1])
    } else {
        format!("{word}s")
    };
    Some(format!("{}{plural_word}{rest}", &head[..word_start]))
}

/// "a" or "an" before `word`, by its sound in the easy cases: vowels take "an" except
/// "uni…", "use…", "eu…", "one…"; "hour", "honour", "heir", "honest" take "an"; an acronym
/// (all capitals) takes "an" when its first letter's name starts with a vowel sound (an MP,
/// an FTS).
pub fn article_for(word: &str) -> &'static str {
    let lower = word.to_lowercase();
    let acronym = word.len() > 1 && word.chars().all(|c| c.is_ascii_uppercase());
    if acronym {
        return match word.as_bytes()[0] {
            b'A' | b'E' | b'F' | b'H' | b'I' | b'L' | b'M' | b'N' | b'O' | b'R' | b'S' | b'X' => {
                "an"
            }
            _ => "a",
        };
    }
    if ["hour", "honour", "honor", "heir", "honest"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return "an";
    }
    if ["uni", "use", "usu", "eu", "one", "ewe"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return "a";
    }
    match lower.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

/// `s` with its first character in upper case.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Whether `s` has letters and none of them is lower case ("CHAIRMAN", "FTS").
pub fn is_upper(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// Whether `s` starts with an upper-case letter.
pub fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Skip back over spaces and inline HTML tags (`<u>`, `</u>`) from `at`, not before `floor`.
pub fn back_over_space_and_tags(text: &str, mut at: usize, floor: usize) -> usize {
    let b = text.as_bytes();
    loop {
        while at > floor && matches!(b[at - 1], b' ' | b'\t') {
            at -= 1;
        }
        if at > floor && b[at - 1] == b'>' {
            if let Some(open) = text[floor..at].rfind('<') {
                let tag = &text[floor + open..at];
                if tag.len() <= 12 && !tag[1..].contains(['<', ' ']) {
                    at = floor + open;
                    continue;
                }
            }
        }
        return at;
    }
}

/// Whether the word at `at` opens a sentence: nothing before it on its line but a clause
/// number, list marker, heading marker or emphasis, or a `.`, `!`, `?`, `:` or table `|`
/// before it. A line that continues a wrapped paragraph does not open a sentence.
pub fn opens_sentence(text: &str, at: usize) -> bool {
    // Only the few bytes before the word matter: a run of markers is short, and anything
    // longer is judged by its last character.
    const REACH: usize = 48;
    let b = text.as_bytes();
    // The common case first: a lower-case word or a comma just before it.
    let mut q = at;
    while q > 0 && b[q - 1] == b' ' {
        q -= 1;
    }
    if q > 0 && (b[q - 1].is_ascii_lowercase() || matches!(b[q - 1], b',' | b';')) {
        return false;
    }
    let mut window = at.saturating_sub(REACH);
    while !text.is_char_boundary(window) {
        window += 1;
    }
    let line = memchr::memrchr(b'\n', &b[window..at]).map(|i| window + i + 1);
    let floor = line.unwrap_or(window);
    let mut p = at;
    loop {
        let q = back_over_space_and_tags(text, p, floor);
        let r = text[floor..q]
            .trim_end_matches(['*', '_', '"', '\u{201c}', '\u{2018}', '\''])
            .len()
            + floor;
        if r == p {
            break;
        }
        p = r;
    }
    let before = &text[floor..p];
    if before.ends_with(['.', '!', '?', ':', '|']) {
        return true;
    }
    let Some(floor) = line.or((window == 0).then_some(0)) else {
        return false;
    };
    if before.bytes().all(|c| c == b' ' || c == b'\t') {
        // At the start of a line: a new block, unless the line continues a paragraph.
        if floor == 0 {
            return true;
        }
        let mut e = floor - 1;
        while e > 0 && matches!(b[e - 1], b' ' | b'\t' | b'\r') {
            e -= 1;
        }
        return e == 0 || matches!(b[e - 1], b'\n' | b'.' | b'!' | b'?' | b':' | b'|');
    }
    before.split_ascii_whitespace().all(|tok| {
        tok.bytes().all(|c| {
            c.is_ascii_digit() || matches!(c, b'.' | b'(' | b')' | b'-' | b'*' | b'#' | b'+')
        }) || (tok.starts_with('(') && tok.ends_with(')') && tok.len() <= 6)
            || (tok.starts_with('<') && tok.ends_with('>'))
    })
}

/// The sentence around byte `at`, inside `within`: from after the previous `.`, `!`, `?` or
/// line break to the next one.
pub fn sentence_around(
    text: &str,
    at: usize,
    within: std::ops::Range<usize>,
) -> std::ops::Range<usize> {
    let b = text.as_bytes();
    let mut s = at;
    while s > within.start {
        let c = b[s - 1];
        if c == b'\n' || ((c == b'.' || c == b'!' || c == b'?') && b.get(s) == Some(&b' ')) {
            break;
        }
        s -= 1;
    }
    let mut e = at;
    while e < within.end {
        let c = b[e];
        if c == b'\n' {
            break;
        }
        e += 1;
        if (c == b'.' || c == b'!' || c == b'?')
            && (e == within.end || b[e] == b' ' || b[e] == b'\n')
        {
            break;
        }
    }
    s..e
}

/// Words that mark a mention as history rather than current rule ("formerly the Chairman",
/// "the Executive (renamed the Cabinet in 2016)").
const HISTORY: &[&str] = &[
    "formerly",
    "previously known",
    "previously called",
    "previously named",
    "previously the",
    "former ",
    "renamed",
    "known as",
    "now called",
    "once called",
    "once known",
    "then called",
    "then known",
    "replaced by",
    "was replaced",
    "were replaced",
    "superseded",
    "prior to 19",
    "prior to 20",
    "until 19",
    "until 20",
    "before 19",
    "before 20",
];

/// How far (in bytes) a history word may be from the mention it qualifies.
const HISTORY_REACH: usize = 48;

/// Whether the mention at `span` is a historical statement: within its sentence and a few
/// words either side of it, the text says "formerly", "previously known/called/named/the",
/// "former", "renamed", "known as", "now/once/then called", "once/then known", "replaced
/// by", "superseded", or "until"/"before"/"prior to" and a year.
pub fn historical(text: &str, span: &std::ops::Range<usize>) -> bool {
    let ls = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let le = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let s = sentence_around(text, span.start, ls..le);
    let mut from = span.start.saturating_sub(HISTORY_REACH).max(s.start);
    let mut to = (span.end + HISTORY_REACH).min(s.end.max(span.end));
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let lower = text[from..to].to_lowercase();
    HISTORY.iter().any(|h| lower.contains(h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_by_the_simple_rule() {
        let p = |s: &str| plural(s);
        assert_eq!(p("Chairman").as_deref(), Some("Chairmen"));
        assert_eq!(p("Chair").as_deref(), Some("Chairs"));
        assert_eq!(p("Cabinet Member").as_deref(), Some("Cabinet Members"));
        assert_eq!(p("Head of Service").as_deref(), Some("Heads of Service"));
        assert_eq!(
            p("Overview and Scrutiny Committee").as_deref(),
            Some("Overview and Scrutiny Committees")
        );
        assert_eq!(p("Deputy").as_deref(), Some("Deputies"));
        assert_eq!(
            p("Secretary of State").as_deref(),
            Some("Secretaries of State")
        );
        assert_eq!(
            p("Purchasing Scheme").as_deref(),
            Some("Purchasing Schemes")
        );
        assert_eq!(p("MP").as_deref(), Some("MPs"));
        assert_eq!(p("Legal Services"), None);
        assert_eq!(p("Section 151"), None);
    }

    #[test]
    fn articles_follow_the_sound() {
        assert_eq!(article_for("Executive"), "an");
        assert_eq!(article_for("Cabinet"), "a");
        assert_eq!(article_for("Unitary"), "a");
        assert_eq!(article_for("Officer"), "an");
        assert_eq!(article_for("MP"), "an");
        assert_eq!(article_for("FTS"), "an");
        assert_eq!(article_for("CSO"), "a");
        assert_eq!(article_for("hour"), "an");
    }

    #[test]
    fn whole_words_and_possessives() {
        let t = "the Chairman's role; Chairmanship; Vice-Chairman";
        let at = t.find("Chairman").unwrap();
        assert!(whole_words(t, at, at + 8));
        let at = t.find("Chairmanship").unwrap();
        assert!(!whole_words(t, at, at + 8));
        let at = t.rfind("Chairman").unwrap();
        assert!(whole_words(t, at, at + 8));
    }

    #[test]
    fn history_is_recognised_near_the_mention() {
        let h = |t: &str, w: &str| {
            let at = t.find(w).unwrap();
            historical(t, &(at..at + w.len()))
        };
        assert!(h("The Chair (formerly the Chairman) presides.", "Chairman"));
        assert!(h(
            "Until 2016 the Executive took these decisions.",
            "Executive"
        ));
        assert!(h(
            "the Overview and Scrutiny Committee, renamed the Panel,",
            "Committee"
        ));
        assert!(!h(
            "the Executive Member(s) has/have previously informed the Officer",
            "Executive"
        ));
        assert!(!h(
            "the Chairman may act. Until 2016 there was none.",
            "Chairman"
        ));
    }

    #[test]
    fn sentence_starts() {
        let t = "1.2.1 Member includes. The Chairman said: Members may";
        assert!(opens_sentence(t, 6));
        assert!(opens_sentence(t, t.find("The").unwrap()));
        assert!(!opens_sentence(t, t.find("Chairman").unwrap()));
        assert!(opens_sentence(t, t.find("Members").unwrap()));
        let t = "- (a) Decisions so made";
        assert!(opens_sentence(t, 6));
        let t = "x <u>Cabinet</u>";
        assert!(!opens_sentence(t, 5));
        let t = "# 1.0 **Definitions**\n\n- 8.1.1 <u>Cabinet Executive</u> Members";
        assert!(opens_sentence(t, t.find("Definitions").unwrap()));
        assert!(opens_sentence(t, t.find("Cabinet").unwrap()));
        assert!(!opens_sentence(t, t.find("Executive").unwrap()));
        let t = "a wrapped\nline Member";
        assert!(!opens_sentence(t, t.find("line").unwrap()));
    }
}

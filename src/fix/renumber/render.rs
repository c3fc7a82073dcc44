//! How a new number is written in place of the old one: a clause's own style ("(b)", "4.0",
//! "IV", "b."), and in a citation the form the author wrote ("(c)" relative, "7.2.1.d" dotted,
//! "Article III" roman).
//!
//! Only the text of one number is decided here; which spans are rewritten is the plan's.

use crate::number::{ClauseNumber, Seg, Style};

/// The number as it should be written in place of `written`, keeping the author's form: the
/// clause's own style, or in a citation as many trailing levels as were written ("(a)").
pub(super) fn render_clause_number(new: &ClauseNumber, style: Style) -> String {
    match style {
        Style::Sub => match new.last() {
            Some(Seg::Sub(s)) => format!("({s})"),
            _ => new.to_string(),
        },
        Style::DotZero if new.depth() == 1 => format!("{new}.0"),
        Style::Roman => match new.0.as_slice() {
            [seg] => seg.plain().map_or(new.to_string(), |n| {
                crate::number::to_roman(n).to_ascii_uppercase()
            }),
            _ => new.to_string(),
        },
        Style::TrailingDot => format!("{new}."),
        // "b." stays "b." (only the letters are the number's span); "B." stays in capitals.
        Style::Item { upper } => match new.last() {
            Some(Seg::Sub(s)) if upper => s.to_ascii_uppercase(),
            Some(Seg::Sub(s)) => s.to_string(),
            _ => new.to_string(),
        },
        _ => new.to_string(),
    }
}

pub(super) fn render_cited(new: &ClauseNumber, written: &str) -> String {
    // "Article IV" stays roman: "Article III".
    let roman = crate::number::parse_upper_roman(written).is_some_and(|(_, n)| n == written.len());
    if let (true, [seg]) = (roman, new.0.as_slice()) {
        if let Some(n) = seg.plain() {
            return crate::number::to_roman(n).to_ascii_uppercase();
        }
    }
    let written_subs = written.matches('(').count();
    let written_is_relative = written.starts_with('(');
    if written_is_relative {
        let subs: Vec<&Seg> = new.0.iter().rev().take(written_subs).collect();
        return subs
            .into_iter()
            .rev()
            .map(|s| match s {
                Seg::Sub(x) => format!("({x})"),
                other => ClauseNumber(vec![*other]).to_string(),
            })
            .collect();
    }
    let dotted = written_subs == 0 && written.bytes().any(|c| c.is_ascii_lowercase());
    if dotted {
        // "7.2.1.d" stays written with dots.
        let mut out = String::new();
        for (k, seg) in new.0.iter().enumerate() {
            if k > 0 {
                out.push('.');
            }
            match seg {
                Seg::Sub(x) => out.push_str(x),
                other => out.push_str(&ClauseNumber(vec![*other]).to_string()),
            }
        }
        return out;
    }
    new.to_string()
}

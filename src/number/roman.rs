//! Roman numerals: the value of a lower-case one written canonically, the numeral for a
//! value, and a capital one at the start of a text ("Article IV").
//!
//! Only canonical numerals up to 399 are read, so "iiii" and "il" are no numbers; whether
//! "(i)" is a numeral or a letter is decided by the items around it, elsewhere.

/// A capital roman numeral (`IV`, `XII`) at the start of `s`, ending at a word boundary, and
/// its value and length (a trailing full stop not included).
pub fn parse_upper_roman(s: &str) -> Option<(u32, usize)> {
    let n = s.bytes().take_while(|c| b"IVXLC".contains(c)).count();
    // "Part C" and "Schedule L" are lettered, not the hundredth and fiftieth.
    let lettered = !s.as_bytes()[..n].iter().any(|c| b"IVX".contains(c));
    if n == 0 || lettered || s.as_bytes().get(n).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    roman_value(&s[..n].to_ascii_lowercase()).map(|v| (v, n))
}

/// Value of a lower-case roman numeral up to 399, if `s` is one written canonically.
pub fn roman_value(s: &str) -> Option<u32> {
    let val = |c: u8| match c {
        b'i' => Some(1),
        b'v' => Some(5),
        b'x' => Some(10),
        b'l' => Some(50),
        b'c' => Some(100),
        _ => None,
    };
    let b = s.as_bytes();
    let mut total = 0i64;
    for (k, &c) in b.iter().enumerate() {
        let v = val(c)? as i64;
        let next = b.get(k + 1).and_then(|&n| val(n)).unwrap_or(0) as i64;
        total += if v < next { -v } else { v };
    }
    let total = u32::try_from(total).ok().filter(|&t| t > 0)?;
    (to_roman(total) == s).then_some(total)
}

/// Lower-case roman numeral for `n` (1..400).
pub fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 9] = [
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::parse_sub;

    #[test]
    fn roman_numerals_round_trip() {
        for k in 1..400 {
            assert_eq!(roman_value(&to_roman(k)), Some(k));
        }
        assert_eq!(roman_value("iiii"), None);
        assert_eq!(parse_sub("(iv) x"), Some(("iv", 4)));
        assert_eq!(parse_sub("(a) x"), Some(("a", 3)));
        assert_eq!(parse_sub("(see CSO 2.1)"), None);
    }
}

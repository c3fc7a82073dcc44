//! Dates as councils write them: `YYYY-MM-DD` in front matter and options, and the English
//! month and weekday names packs print and documents use. One validator, so no command
//! accepts a date another refuses.

/// The months' English names, in order: how packs print dates ("27 February 2024") and how
/// documents write them. Compare without case to read them.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The weekdays' English names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Whether `s` is a date written `YYYY-MM-DD`.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && {
            let (y, m, d) = (
                s[..4].parse::<u32>().unwrap_or(0),
                s[5..7].parse::<u32>().unwrap_or(0),
                s[8..10].parse::<u32>().unwrap_or(0),
            );
            let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
            let days = match m {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if leap => 29,
                2 => 28,
                _ => 0,
            };
            (1..=days).contains(&d)
        }
}

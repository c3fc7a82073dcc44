//! Calendar dates as meeting files write them (`2024-02-27`) and as packs print them ("Tuesday",
//! "27 February 2024"). No clock is ever read: every date in a pack comes from its meeting file.

use crate::dates::{is_date, MONTHS, WEEKDAYS};

/// A calendar date, validated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parse `YYYY-MM-DD`, rejecting days the month does not have.
    pub fn parse(s: &str) -> Option<Date> {
        if !is_date(s) {
            return None;
        }
        let year: i32 = s[..4].parse().ok()?;
        let month: u8 = s[5..7].parse().ok()?;
        let day: u8 = s[8..10].parse().ok()?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (day <= days).then_some(Date { year, month, day })
    }

    /// "27 February 2024".
    pub fn long(&self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[self.month as usize - 1],
            self.year
        )
    }

    /// "Tuesday".
    pub fn weekday(&self) -> &'static str {
        // Days since 1970-01-01 (a Thursday), by Howard Hinnant's days_from_civil.
        let (y, m, d) = (self.year as i64, self.month as i64, self.day as i64);
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        WEEKDAYS[(days + 3).rem_euclid(7) as usize]
    }

    /// "2024-02-27".
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays() {
        let d = |s| Date::parse(s).unwrap().weekday();
        assert_eq!(d("1970-01-01"), "Thursday");
        assert_eq!(d("2024-02-22"), "Thursday");
        assert_eq!(d("2000-02-29"), "Tuesday");
        assert!(Date::parse("2023-02-29").is_none());
        assert_eq!(
            Date::parse("2024-02-27").unwrap().long(),
            "27 February 2024"
        );
    }
}

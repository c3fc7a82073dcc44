//! `clerk explain`: what a rule finds, why it matters and an example, from the catalogue in
//! [`crate::rules`]; without a code, one line per rule.

use super::Failed;
use crate::rules;

/// The text `clerk explain [CODE]` shows.
pub fn run(code: Option<&str>) -> Result<String, Failed> {
    match code {
        None => Ok(rules::ALL
            .iter()
            .map(|r| format!("{}  {:<24} {}\n", r.code, r.name, r.what))
            .collect()),
        Some(code) => rules::find(code).map(rules::explain).ok_or_else(|| {
            Failed::Usage(format!("no rule `{code}`; `clerk explain` lists them all"))
        }),
    }
}

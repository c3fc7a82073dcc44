//! `clerk explain`: a rule's severity, the step that reports it, what it finds, why it matters
//! and an example, from the catalogue in [`crate::rules`]; without a code, one line per rule
//! (code, name, severity, what it finds).

use super::Failed;
use crate::rules;

/// The text `clerk explain [CODE]` shows.
pub fn run(code: Option<&str>) -> Result<String, Failed> {
    match code {
        None => {
            let width = rules::ALL
                .iter()
                .map(|r| r.severity_label().len())
                .max()
                .unwrap_or(0);
            Ok(rules::ALL
                .iter()
                .map(|r| {
                    format!(
                        "{}  {:<24} {:<width$}  {}\n",
                        r.code,
                        r.name,
                        r.severity_label(),
                        r.what
                    )
                })
                .collect())
        }
        Some(code) => rules::find(code).map(rules::explain).ok_or_else(|| {
            Failed::Usage(format!("no rule `{code}`; `clerk explain` lists them all"))
        }),
    }
}

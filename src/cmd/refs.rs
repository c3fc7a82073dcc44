//! `clerk refs`: every reference of the constitution as a record, or those citing one
//! document or clause (`--to cso:16`). [`crate::refs::listing`] makes the records and the
//! table; this module loads and validates the filter.

use super::Failed;
use crate::refs::listing::{self, RefRec, To};
use std::path::Path;

/// Every reference (or those matching `to`), in document order.
pub fn run(dir: &Path, to: Option<&str>) -> Result<Vec<RefRec>, Failed> {
    let to = to
        .map(To::parse)
        .transpose()
        .map_err(|e| Failed::Usage(format!("--to: {e}")))?;
    let (c, _) = super::load(dir)?;
    if let Some(t) = &to {
        if c.document(&t.document).is_none() {
            return Err(Failed::Usage(format!(
                "--to: no document with id `{}`",
                t.document
            )));
        }
    }
    let refs = crate::refs::resolve::resolve_all(&c);
    Ok(listing::records(&c, &refs, to.as_ref()))
}

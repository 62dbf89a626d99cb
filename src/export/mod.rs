//! Exports: brat standoff files and event tables.

pub(crate) mod brat;
mod events;

pub use brat::to_brat;
pub use events::{EVENT_TABLE_HEADER, to_event_table};

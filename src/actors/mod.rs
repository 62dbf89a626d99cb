//! Actors: detection, merging, roles and metonymy.

use crate::analyzer::Inner;
use crate::model::Actor;
use crate::text::Doc;

/// The compiled actor dictionaries.
#[derive(Clone, Default)]
pub(crate) struct ActorData {}

impl ActorData {
    pub fn load(_extra: &ExtraEntries) -> crate::Result<ActorData> {
        Ok(ActorData {})
    }
}

/// User-supplied dictionary entries.
#[derive(Debug, Clone, Default)]
pub(crate) struct ExtraEntries {}

impl ExtraEntries {
    pub fn is_empty(&self) -> bool {
        true
    }
}

/// The actors of the document.
pub(crate) fn extract(_doc: &Doc<'_>, _inner: &Inner) -> Vec<Actor> {
    Vec::new()
}

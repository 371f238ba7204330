//! The Waymark journal engine: SQLite holds the truth; the search index is derived.
//!
//! This crate has no desktop or terminal code: both shells call it.

pub use waymark_framework as framework;

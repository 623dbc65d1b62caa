//! agencies use cases.

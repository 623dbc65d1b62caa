//! units use cases.

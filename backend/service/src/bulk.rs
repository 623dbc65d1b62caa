//! bulk use cases.

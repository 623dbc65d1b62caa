//! reference use cases.

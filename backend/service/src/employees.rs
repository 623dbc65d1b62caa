//! employees use cases.

//! positions use cases.

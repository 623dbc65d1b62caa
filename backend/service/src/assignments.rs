//! assignments use cases.

//! kinerja-bench: see README (Performance).
fn main() {}

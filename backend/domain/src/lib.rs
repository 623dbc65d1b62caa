//! Kinerja's domain: the rules of shared/domain.md as pure functions and types.
//! No I/O here: no database, no HTTP, no clock (callers pass `today`).

pub mod annual;
pub mod audit;
pub mod credit_points;
pub mod distribution;
pub mod follow_up;
pub mod nip;
pub mod objection;
pub mod org;
pub mod pp30;
pub mod pp46;
pub mod promotion;
pub mod rating;
pub mod reference;
pub mod regime;
pub mod workflow;

//! The API integration suite: one binary, a fresh database per test, requests from outside.
//! Runs on SQLite by default and on PostgreSQL when TEST_DATABASE_URL is set.

mod helpers;

mod agencies;
mod api_clients;
mod assignments;
mod audit;
mod auth;
mod bulk;
mod continuous_feedback;
mod cycles;
mod demo;
mod demo_story;
mod distribution;
mod employees;
mod engine_fixture;
mod evaluations;
mod feedback360;
mod follow_up;
mod objections;
mod plans;
mod platform;
mod positions;
mod progress_counters;
mod realizations;
mod sweep;
mod units;
mod users;
mod whole_cycle;

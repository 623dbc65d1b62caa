//! The API integration suite: one binary, a fresh database per test, requests from outside.
//! Runs on SQLite by default and on PostgreSQL when TEST_DATABASE_URL is set.

mod helpers;

mod agencies;
mod api_clients;
mod assignments;
mod audit;
mod auth;
mod bulk;
mod demo;
mod employees;
mod platform;
mod positions;
mod units;
mod users;

//! CLI tests: the real binary on real files and a real SQLite archive.

mod bad_input;
mod commands;
mod crash;
mod reliability;
mod sample;
mod support;

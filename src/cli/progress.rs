//! Progress on a terminal: an indicatif bar on stderr, hidden when stderr is not a terminal or
//! `--quiet` is given, so callers never branch on it. Problems with input are printed above the
//! bar as `path:line: reason` — the first [`MAX_PROBLEMS_SHOWN`] of them; a dump of a million
//! broken lines should not bury the terminal (the summary still counts every one).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsdedup::ingest::RecordError;
use newsdedup::pipeline::Progress;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};

/// Problems printed per run; the rest are only counted.
pub const MAX_PROBLEMS_SHOWN: u64 = 1_000;

pub struct Bar {
    bar: ProgressBar,
    verbose: bool,
    problems: AtomicU64,
}

impl Bar {
    pub fn new(quiet: bool, verbose: bool) -> Self {
        let bar = if quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr())
        };
        Self {
            bar,
            verbose,
            problems: AtomicU64::new(0),
        }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
        let problems = self.problems.load(Ordering::Relaxed);
        if problems > MAX_PROBLEMS_SHOWN {
            eprintln!(
                "… and {} more problems not shown",
                problems - MAX_PROBLEMS_SHOWN
            );
        }
    }
}

impl Progress for Bar {
    fn start(&self, inputs: usize, total_bytes: u64) {
        self.bar.set_length(total_bytes);
        let template = format!(
            "{{spinner}} [{{elapsed_precise}}] {{wide_bar}} {{bytes}}/{{total_bytes}} ({{bytes_per_sec}}, {{eta}}) of {inputs} inputs"
        );
        if let Ok(style) = ProgressStyle::with_template(&template) {
            self.bar.set_style(style);
        }
    }

    fn advance(&self, bytes_read: u64) {
        self.bar.set_position(bytes_read);
    }

    fn problem(&self, error: &RecordError) {
        if self.problems.fetch_add(1, Ordering::Relaxed) < MAX_PROBLEMS_SHOWN {
            self.bar.suspend(|| eprintln!("{error}"));
        }
    }

    fn note(&self, message: &str) {
        if self.verbose {
            self.bar.suspend(|| eprintln!("{message}"));
        }
    }
}

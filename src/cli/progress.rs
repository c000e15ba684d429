//! Progress on a terminal: an indicatif bar on stderr, hidden when stderr is not a terminal or
//! `--quiet` is given, so callers never branch on it. Problems with input are printed above the
//! bar as `path:line: reason`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsdedup::ingest::RecordError;
use newsdedup::pipeline::Progress;
use std::io::IsTerminal;

pub struct Bar {
    bar: ProgressBar,
    verbose: bool,
}

impl Bar {
    pub fn new(quiet: bool, verbose: bool) -> Self {
        let bar = if quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr())
        };
        Self { bar, verbose }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
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
        self.bar.suspend(|| eprintln!("{error}"));
    }

    fn note(&self, message: &str) {
        if self.verbose {
            self.bar.suspend(|| eprintln!("{message}"));
        }
    }
}

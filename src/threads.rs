//! Work spread over threads of its own, with the calling thread doing its share.

/// Run `here` on this thread while each of `jobs` runs on a thread of its own named `name`;
/// the jobs' results in order, and `here`'s. A job whose thread cannot be started runs on this
/// thread, after `here`. If a job panics, this panics once every job has ended (with the
/// scope's "a scoped thread panicked", not the job's message).
pub fn beside<F, T, H>(
    name: &str,
    jobs: impl IntoIterator<Item = F>,
    here: impl FnOnce() -> H,
) -> (Vec<T>, H)
where
    F: FnOnce() -> T + Send,
    T: Send,
{
    // Each job is taken by the thread that runs it.
    let mut slots: Vec<(Option<F>, Option<T>)> =
        jobs.into_iter().map(|job| (Some(job), None)).collect();
    let here = std::thread::scope(|scope| {
        for (job, out) in slots.iter_mut() {
            let _ = std::thread::Builder::new()
                .name(name.into())
                .spawn_scoped(scope, || {
                    if let Some(job) = job.take() {
                        *out = Some(job());
                    }
                });
        }
        here()
    });
    let done = slots
        .into_iter()
        .map(|slot| match slot {
            (Some(job), _) => job(),
            (None, Some(out)) => out,
            (None, None) => unreachable!("a started thread returns a result or panics"),
        })
        .collect();
    (done, here)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_job_runs_once_and_results_keep_their_order() {
        let here_thread = std::thread::current().id();
        let (done, here) = super::beside(
            "nd-test",
            (0..5).map(|i| move || (i * 10, std::thread::current().id())),
            || 7,
        );
        assert_eq!(here, 7);
        assert_eq!(
            done.iter().map(|d| d.0).collect::<Vec<_>>(),
            [0, 10, 20, 30, 40]
        );
        assert!(
            done.iter().all(|d| d.1 != here_thread),
            "each on a thread of its own"
        );
        let (none, here) = super::beside("nd-test", Vec::<fn() -> u8>::new(), || "alone");
        assert!(none.is_empty());
        assert_eq!(here, "alone");
    }
}

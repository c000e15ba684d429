use super::*;
use std::io::Write;

fn input_from(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> Input {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    let (mut inputs, errors) = super::super::discover::discover(&[path.display().to_string()]);
    assert!(errors.is_empty());
    inputs.remove(0)
}

fn collect(
    input: &Input,
    options: &ReadOptions,
    skip: u64,
) -> (u64, Vec<Result<RawRecord, RecordError>>) {
    let mut items = Vec::new();
    let counter = Arc::new(AtomicU64::new(0));
    let seen = read_input(input, options, skip, &counter, &mut |item| {
        items.push(item);
        true
    });
    (seen, items)
}

#[test]
fn jsonl_lines_are_records_with_line_numbers_and_blank_lines_skipped() {
    let dir = tempfile::tempdir().expect("tmp");
    let input = input_from(
        &dir,
        "a.jsonl",
        b"{\"body\":\"a\"}\n\n{\"body\":\"b\"}\r\n{\"body\":\"c\"}",
    );
    let (seen, items) = collect(&input, &ReadOptions::default(), 0);
    assert_eq!(seen, 3);
    let lines: Vec<Option<u64>> = items
        .iter()
        .map(|i| i.as_ref().expect("ok").origin.line)
        .collect();
    assert_eq!(lines, [Some(1), Some(3), Some(4)]);
    assert_eq!(items[1].as_ref().expect("ok").bytes, b"{\"body\":\"b\"}");
}

#[test]
fn a_line_is_held_in_one_allocation_of_its_size() {
    let dir = tempfile::tempdir().expect("tmp");
    let long = format!("{{\"body\":\"{}\"}}", "word ".repeat(2_000));
    let input = input_from(
        &dir,
        "a.jsonl",
        format!("{long}\n{{}}\r\n{long}").as_bytes(),
    );
    let (_, items) = collect(&input, &ReadOptions::default(), 0);
    let sizes: Vec<(usize, usize)> = items
        .iter()
        .map(|i| {
            let bytes = &i.as_ref().expect("ok").bytes;
            (bytes.len(), bytes.capacity())
        })
        .collect();
    // The `\r` of a CRLF line is dropped after the line was read: one byte of room left.
    assert_eq!(
        sizes,
        [(long.len(), long.len()), (2, 3), (long.len(), long.len())]
    );
}

#[test]
fn skip_resumes_after_committed_records() {
    let dir = tempfile::tempdir().expect("tmp");
    let input = input_from(&dir, "a.jsonl", b"{}\n{}\n{}\n");
    let (seen, items) = collect(&input, &ReadOptions::default(), 2);
    assert_eq!(seen, 3);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].as_ref().expect("ok").origin.line, Some(3));
}

#[test]
fn overlong_lines_are_errors_and_reading_goes_on() {
    let dir = tempfile::tempdir().expect("tmp");
    let long = format!("{{\"body\":\"{}\"}}\n", "x".repeat(1000));
    let input = input_from(&dir, "a.jsonl", format!("{long}{{}}\n").as_bytes());
    let options = ReadOptions {
        max_record_bytes: 100,
        format: None,
    };
    let (_, items) = collect(&input, &options, 0);
    let err = items[0].as_ref().unwrap_err();
    assert_eq!(err.origin.line, Some(1));
    assert!(
        err.reason.contains("larger than the limit of 100 bytes"),
        "{}",
        err.reason
    );
    assert!(items[1].is_ok());
}

#[test]
fn truncated_gzip_keeps_complete_records_then_reports() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut data = Vec::new();
    for i in 0..2000 {
        writeln!(
            data,
            "{{\"id\": {i}, \"body\": \"article number {i} with some text\"}}"
        )
        .expect("w");
    }
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(&data).expect("w");
    let mut gz = enc.finish().expect("gz");
    gz.truncate(gz.len() * 3 / 4);
    let input = input_from(&dir, "a.jsonl.gz", &gz);
    let (_, items) = collect(&input, &ReadOptions::default(), 0);
    let last = items.last().expect("items").as_ref().unwrap_err();
    assert!(
        last.reason.contains("truncated or corrupt gzip stream"),
        "{}",
        last.reason
    );
    assert!(
        items.len() > 100,
        "complete records before the cut are kept"
    );
    assert!(items[..items.len() - 1].iter().all(Result::is_ok));
}

#[test]
fn text_files_are_one_record_and_format_is_sniffed() {
    let dir = tempfile::tempdir().expect("tmp");
    let input = input_from(&dir, "story", b"Title\n\nBody.\n");
    let (_, items) = collect(&input, &ReadOptions::default(), 0);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].as_ref().expect("ok").format, Format::Text);
    let json = input_from(&dir, "feed", b"  {\"body\": \"x\"}\n");
    let (_, items) = collect(&json, &ReadOptions::default(), 0);
    assert_eq!(items[0].as_ref().expect("ok").format, Format::Jsonl);
}

#[test]
fn oversized_text_article_is_an_error() {
    let dir = tempfile::tempdir().expect("tmp");
    let input = input_from(&dir, "big.txt", &vec![b'a'; 5000]);
    let options = ReadOptions {
        max_record_bytes: 1000,
        format: None,
    };
    let (_, items) = collect(&input, &options, 0);
    assert!(
        items[0]
            .as_ref()
            .unwrap_err()
            .reason
            .contains("larger than the limit")
    );
}

#[test]
fn format_by_name_ignores_compression_suffix() {
    assert_eq!(format_by_name("a.jsonl.gz"), Some(Format::Jsonl));
    assert_eq!(format_by_name("dir.v2/a.TXT"), Some(Format::Text));
    assert_eq!(format_by_name("a.zst"), None);
    assert_eq!(format_by_name("<stdin>"), None);
}

#[test]
fn contents_read_already_give_what_the_file_gives() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(b"Title\n\nA gzipped story.\n").expect("gzip");
    let gz = gz.finish().expect("gzip");
    let limited = ReadOptions {
        max_record_bytes: 1000,
        format: None,
    };
    let cases: [(&str, &[u8], &ReadOptions); 7] = [
        ("story.txt", b"Title\n\nBody.\n", &ReadOptions::default()),
        (
            "story",
            b"\xEF\xBB\xBFTitle\n\nBody.\n",
            &ReadOptions::default(),
        ),
        (
            "feed",
            b"\xEF\xBB\xBF {\"body\": \"x\"}\n\n{\"body\": \"y\"}\n",
            &ReadOptions::default(),
        ),
        ("story.txt.gz", &gz, &ReadOptions::default()),
        ("big.txt", &[b'a'; 5000], &limited),
        ("empty.txt", b"", &ReadOptions::default()),
        (
            "not-json.jsonl",
            b"Title\n\nBody.\n",
            &ReadOptions::default(),
        ),
    ];
    for (name, bytes, options) in cases {
        let input = input_from(&dir, name, bytes);
        let (seen, from_file) = collect(&input, options, 0);
        let mut from_memory = Vec::new();
        let counter = Arc::new(AtomicU64::new(0));
        let contents = bytes.to_vec();
        let at = contents.as_ptr();
        let seen_in_memory = read_contents(&input, contents, options, &counter, &mut |item| {
            from_memory.push(item);
            true
        });
        assert_eq!(seen_in_memory, seen, "{name}");
        // The same records and errors; a file too large is measured whole in memory, where
        // the reader stopped past the limit.
        let unsized_ = |items: &[Result<RawRecord, RecordError>]| -> Vec<_> {
            items
                .iter()
                .map(|item| {
                    item.clone().map_err(|mut e| {
                        e.reason
                            .truncate(e.reason.find("(at least").unwrap_or(e.reason.len()));
                        e
                    })
                })
                .collect()
        };
        assert_eq!(unsized_(&from_memory), unsized_(&from_file), "{name}");
        assert_eq!(
            counter.load(Ordering::Relaxed),
            bytes.len() as u64,
            "{name}"
        );
        // A plain text article is handed on in the buffer it was read into.
        if let [Ok(record)] = &from_memory[..]
            && record.format == Format::Text
            && !name.ends_with(".gz")
        {
            assert_eq!(record.bytes.as_ptr(), at, "{name}");
        }
    }
}

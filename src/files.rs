//! Opening an input file: a path and a size limit → its bytes, or an `io::Error` that says why not.
//! Only regular files are opened (a pipe would block the read forever, a device never ends), and
//! never more than the limit is read (a settings file naming /dev/zero, a 4 GiB "dictionary"), so
//! every caller's error keeps its own wording and names the file.

use std::io::{self, Read};
use std::path::Path;

/// The file that marks a folder as a report tifa wrote (its list of files): never read as a
/// document, and the only folder `--force` replaces.
pub const REPORT_MARKER: &str = ".tifa-report";

/// The most a document file may hold (a long PDF with images stays under it).
pub const DOCUMENT_LIMIT: u64 = 1 << 30;
/// The most a document's extracted text may hold: 100 MiB is some 33 million Chinese characters,
/// a hundred times the longest government work report.
pub const TEXT_LIMIT: u64 = 100 << 20;
/// The most one XML part of a .docx or .odt may hold once decompressed.
pub const XML_PART_LIMIT: u64 = 256 << 20;
/// The most a settings file, manifest, dictionary, boilerplate or watch list may hold.
pub const SETTINGS_LIMIT: u64 = 64 << 20;

/// The bytes of the regular file `path`, at most `limit` of them.
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            if meta.is_dir() {
                "a folder, not a file".to_string()
            } else {
                "not a regular file (a pipe, device or socket): name a file".to_string()
            },
        ));
    }
    if meta.len() > limit {
        return Err(too_large(limit));
    }
    let file = std::fs::File::open(path)?;
    read_limited(file, limit)
}

/// [`read_regular`] as text: UTF-8, or an `InvalidData` error.
pub fn read_regular_text(path: &Path, limit: u64) -> io::Result<String> {
    String::from_utf8(read_regular(path, limit)?).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "not UTF-8 text: save it as UTF-8",
        )
    })
}

/// All of `reader` when it holds at most `limit` bytes (a file that grew, a zip part that
/// inflates), else an error.
pub fn read_limited(reader: impl Read, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

fn too_large(limit: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!(
            "larger than {} MiB, the most tifa reads here: split it, or check that it is the file you meant",
            limit >> 20
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "加强网络安全").unwrap();
        assert_eq!(read_regular_text(&file, 100).unwrap(), "加强网络安全");
        let error = read_regular(&file, 5).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::FileTooLarge);
        assert!(
            error.to_string().starts_with("larger than 0 MiB"),
            "{error}"
        );
        assert!(
            read_regular(dir.path(), 100)
                .unwrap_err()
                .to_string()
                .contains("folder")
        );
        #[cfg(unix)]
        {
            let error = read_regular(Path::new("/dev/zero"), 100).unwrap_err();
            assert!(error.to_string().contains("not a regular file"), "{error}");
        }
        assert_eq!(read_limited(&[0u8; 10][..], 10).unwrap().len(), 10);
        assert!(read_limited(&[0u8; 11][..], 10).is_err());
    }
}

//! Decoding: raw file bytes (`&[u8]`) → [`Decoded`] text, the encoding that was used, and for every
//! decoded character the byte offset it came from in the file.
//!
//! Order of trust: a byte-order mark, then strict UTF-8, then detection with chardetng. A guess is
//! never silent: the encoding is reported, and a guess that is not a Chinese encoding, or that needs
//! replacement characters, is refused with a message that names `--encoding`.

use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why a file's bytes could not be turned into text.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is binary (NUL bytes at byte {offset}), not text")]
    Binary { offset: usize },
    #[error(
        "the bytes are not UTF-8, GB18030/GBK, Big5 or UTF-16 (best guess {guess}, {bad} bad sequences); pass --encoding if you know the encoding"
    )]
    Undecodable { guess: String, bad: usize },
    #[error("unknown encoding label {0:?}; use e.g. utf-8, gb18030, gbk, big5, utf-16le")]
    UnknownLabel(String),
}

/// How the encoding was chosen: the user's word, a BOM, valid UTF-8, or a detector's guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EncodingSource {
    Override,
    Bom,
    ValidUtf8,
    Detected,
}

/// Text decoded from a file, with the original byte offset of every character.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name of the encoding, e.g. `UTF-8`, `GBK`, `Big5`.
    pub encoding: String,
    pub encoding_source: EncodingSource,
    /// For each character of `text` in order: the byte offset in the file where it starts.
    pub char_origins: Vec<u32>,
    /// Replacement characters the decoder had to insert (damaged bytes), each a finding later.
    pub replaced: usize,
}

/// Parses a user-supplied encoding label (`gbk`, `big5`, `utf-16le` …).
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding, DecodeError> {
    Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| DecodeError::UnknownLabel(label.to_string()))
}

/// Decodes a whole file. `forced` is the user's `--encoding`, which wins over everything.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(encoding) = forced {
        let skip = Encoding::for_bom(bytes)
            .filter(|(e, _)| *e == encoding)
            .map_or(0, |(_, len)| len);
        return Ok(decode_with(bytes, skip, encoding, EncodingSource::Override));
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(decode_with(bytes, bom_len, encoding, EncodingSource::Bom));
    }
    if let Some(offset) = memchr_nul(bytes) {
        return Err(DecodeError::Binary { offset });
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Ok(decode_with(bytes, 0, UTF_8, EncodingSource::ValidUtf8));
    }
    let guess = detect(bytes);
    let decoded = decode_with(bytes, 0, guess, EncodingSource::Detected);
    let chinese = [GBK, GB18030, BIG5, UTF_16LE, UTF_16BE].contains(&guess);
    // A few damaged sequences in a long GBK file are findings; many mean the guess is wrong.
    let tolerable = decoded.replaced * 1000 <= decoded.char_origins.len().max(1);
    if chinese && tolerable {
        Ok(decoded)
    } else {
        Err(DecodeError::Undecodable {
            guess: guess.name().to_string(),
            bad: decoded.replaced,
        })
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // No top-level-domain hint: the `.cn` hint made short Big5 files come out as GBK.
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// Decodes `bytes[skip..]` and records where each character started. UTF-8 is mapped directly;
/// other encodings are fed to the decoder one byte at a time so every output character is tied to
/// the exact byte that began it, replacement characters included.
fn decode_with(
    bytes: &[u8],
    skip: usize,
    encoding: &'static Encoding,
    source: EncodingSource,
) -> Decoded {
    let body = &bytes[skip..];
    let (text, char_origins) = if encoding == UTF_8 {
        decode_utf8_lossy(body, skip)
    } else {
        decode_stepwise(body, skip, encoding)
    };
    let replaced = text
        .chars()
        .filter(|&c| c == char::REPLACEMENT_CHARACTER)
        .count();
    Decoded {
        text,
        encoding: encoding.name().to_string(),
        encoding_source: source,
        char_origins,
        replaced,
    }
}

fn decode_utf8_lossy(body: &[u8], skip: usize) -> (String, Vec<u32>) {
    let mut text = String::with_capacity(body.len());
    let mut origins = Vec::with_capacity(body.len() / 2);
    for chunk in body.utf8_chunks() {
        let valid_start = chunk.valid().as_ptr() as usize - body.as_ptr() as usize;
        for (offset, c) in chunk.valid().char_indices() {
            text.push(c);
            origins.push((skip + valid_start + offset) as u32);
        }
        if !chunk.invalid().is_empty() {
            let invalid_start = chunk.invalid().as_ptr() as usize - body.as_ptr() as usize;
            text.push(char::REPLACEMENT_CHARACTER);
            origins.push((skip + invalid_start) as u32);
        }
    }
    (text, origins)
}

fn decode_stepwise(body: &[u8], skip: usize, encoding: &'static Encoding) -> (String, Vec<u32>) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(body.len() * 3 / 2 + 16);
    let mut origins = Vec::with_capacity(body.len());
    let mut sequence_start = 0usize;
    for (i, byte) in body.iter().enumerate() {
        let before = text.len();
        reserve_for(&mut decoder, &mut text, 1);
        let last = i + 1 == body.len();
        // Replacement is on: the result says nothing that `text` does not already show.
        let _ = decoder.decode_to_string(std::slice::from_ref(byte), &mut text, last);
        record_new_chars(&text[before..], skip + sequence_start, &mut origins);
        if text.len() > before {
            sequence_start = i + 1;
        }
    }
    (text, origins)
}

fn reserve_for(decoder: &mut encoding_rs::Decoder, text: &mut String, input_len: usize) {
    let needed = decoder.max_utf8_buffer_length(input_len).unwrap_or(16);
    text.reserve(needed);
}

fn record_new_chars(new: &str, origin: usize, origins: &mut Vec<u32>) {
    // A decoder may emit a replacement character and the next character in one step; both are
    // tied to the start of the sequence that produced them, which is the nearest honest answer.
    origins.extend(new.chars().map(|_| origin as u32));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_reports_bom_and_offsets_skip_it() {
        let bytes = "\u{feff}网信".as_bytes();
        let d = decode(bytes, None).unwrap();
        assert_eq!(d.text, "网信");
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.encoding_source, EncodingSource::Bom);
        assert_eq!(d.char_origins, vec![3, 6]);
    }

    #[test]
    fn gbk_is_detected_and_offsets_are_two_bytes_apart() {
        let text = "网络安全和信息化工作会议，是贯彻国家、省、市网络安全和信息化工作会议精神的一次重要会议。";
        let (bytes, _, _) = GBK.encode(text);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "GBK");
        assert_eq!(d.encoding_source, EncodingSource::Detected);
        assert_eq!(&d.char_origins[..3], &[0, 2, 4]);
    }

    #[test]
    fn big5_is_detected() {
        let text =
            "習近平總書記親自部署實施網絡強國戰略，統籌推動網絡意識形態、網絡安全、信息化工作。";
        let (bytes, _, _) = BIG5.encode(text);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "Big5");
        assert_eq!(d.text, text);
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "网信".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, "网信");
        assert_eq!(d.char_origins, vec![2, 4]);
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(decode(b"", None), Err(DecodeError::Empty));
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x00", None),
            Err(DecodeError::Binary { offset: 4 })
        ));
    }

    #[test]
    fn override_wins() {
        let (bytes, _, _) = GBK.encode("网信");
        let d = decode(&bytes, Some(GBK)).unwrap();
        assert_eq!(d.encoding_source, EncodingSource::Override);
        assert_eq!(d.text, "网信");
    }
}

//! Decoding: raw file bytes (`&[u8]`) → [`Decoded`] text, the encoding that was used, and for every
//! decoded character the byte offset it came from in the file.
//!
//! Order of trust: a byte-order mark (UTF-8, UTF-16, UTF-32), then strict UTF-8, then UTF-8 with a
//! few damaged bytes or NULs (repaired: each becomes U+FFFD, a damage finding with its line), then
//! UTF-32 and UTF-16 without a BOM (by where their zero bytes fall, or by what the text decodes
//! to), then detection with chardetng (GBK is named GB18030 when four-byte sequences occur). A guess
//! is never silent: the encoding is reported, and a guess that is not a Chinese encoding, or that
//! needs many replacement characters, is refused with a message that names `--encoding`.

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
    /// UTF-8 but for a few invalid bytes or NULs, each replaced by U+FFFD (a damage finding).
    RepairedUtf8,
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
    // UTF-32's little-endian BOM begins with UTF-16's: look for it first.
    if let Some(order) = utf32_bom(bytes) {
        return Ok(decode_utf32(bytes, 4, order, EncodingSource::Bom));
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(decode_with(bytes, bom_len, encoding, EncodingSource::Bom));
    }
    if std::str::from_utf8(bytes).is_ok() && memchr_nul(bytes).is_none() {
        return Ok(decode_with(bytes, 0, UTF_8, EncodingSource::ValidUtf8));
    }
    if let Some(order) = utf32_without_bom(bytes) {
        return Ok(decode_utf32(bytes, 0, order, EncodingSource::Detected));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return Ok(decode_with(bytes, 0, encoding, EncodingSource::Detected));
    }
    if let Some(decoded) = repaired_utf8(bytes) {
        return Ok(decoded);
    }
    if let Some(offset) = memchr_nul(bytes) {
        return Err(DecodeError::Binary { offset });
    }
    let guess = detect(bytes);
    let mut decoded = decode_with(bytes, 0, guess, EncodingSource::Detected);
    if guess == GBK && has_four_byte_gb18030(bytes) {
        decoded.encoding = GB18030.name().to_string();
    }
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

/// How many damaged places (invalid UTF-8 sequences or NULs) are repaired: a few in any file, one
/// more per this many bytes. More means the file is not UTF-8 (or not text).
const REPAIRABLE_PER: usize = 1000;
const REPAIRABLE_ANYWAY: usize = 8;
/// Valid multi-byte characters needed per damaged place: a GBK or Big5 file, whose bytes are
/// mostly invalid UTF-8, never passes for damaged UTF-8.
const VALID_PER_DAMAGED: usize = 20;

/// UTF-8 with a few invalid sequences or NULs: decoded with each one as U+FFFD. Needs some
/// multi-byte characters, so that a GBK or Big5 file is never taken for damaged UTF-8.
fn repaired_utf8(bytes: &[u8]) -> Option<Decoded> {
    let mut damaged = 0usize;
    let mut multibyte = 0usize;
    for chunk in bytes.utf8_chunks() {
        damaged += usize::from(!chunk.invalid().is_empty());
        damaged += chunk.valid().bytes().filter(|&b| b == 0).count();
        multibyte += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
    }
    let repairable = REPAIRABLE_ANYWAY + bytes.len() / REPAIRABLE_PER;
    if damaged == 0 || damaged > repairable || multibyte < damaged * VALID_PER_DAMAGED {
        return None;
    }
    let mut decoded = decode_with(bytes, 0, UTF_8, EncodingSource::RepairedUtf8);
    if decoded.text.contains('\0') {
        decoded.text = decoded.text.replace('\0', "\u{FFFD}");
        decoded.replaced = decoded.text.matches('\u{FFFD}').count();
    }
    Some(decoded)
}

/// GB18030's four-byte sequences (lead 81–FE, then 30–39, 81–FE, 30–39), which GBK lacks.
fn has_four_byte_gb18030(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x81..=0xFE => {
                if bytes.get(i + 1).is_some_and(|b| (0x30..=0x39).contains(b)) {
                    return true;
                }
                i += 2;
            }
            _ => i += 1,
        }
    }
    false
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ByteOrder {
    Little,
    Big,
}

fn utf32_bom(bytes: &[u8]) -> Option<ByteOrder> {
    match bytes.get(..4)? {
        [0xFF, 0xFE, 0, 0] => Some(ByteOrder::Little),
        [0, 0, 0xFE, 0xFF] => Some(ByteOrder::Big),
        _ => None,
    }
}

fn utf32_units(bytes: &[u8], order: ByteOrder) -> impl Iterator<Item = u32> + '_ {
    bytes.chunks_exact(4).map(move |u| {
        let u = [u[0], u[1], u[2], u[3]];
        match order {
            ByteOrder::Little => u32::from_le_bytes(u),
            ByteOrder::Big => u32::from_be_bytes(u),
        }
    })
}

/// UTF-32 without a BOM: a whole number of four-byte units, every one a character, none NUL.
fn utf32_without_bom(bytes: &[u8]) -> Option<ByteOrder> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(4) {
        return None;
    }
    [ByteOrder::Little, ByteOrder::Big]
        .into_iter()
        .find(|&order| utf32_units(bytes, order).all(|u| u != 0 && char::from_u32(u).is_some()))
}

fn decode_utf32(bytes: &[u8], skip: usize, order: ByteOrder, source: EncodingSource) -> Decoded {
    let body = &bytes[skip..];
    let mut text = String::with_capacity(body.len() / 2);
    let mut char_origins = Vec::with_capacity(body.len() / 4);
    let mut replaced = 0;
    for (k, unit) in utf32_units(body, order).enumerate() {
        let c = char::from_u32(unit).unwrap_or_else(|| {
            replaced += 1;
            char::REPLACEMENT_CHARACTER
        });
        text.push(c);
        char_origins.push((skip + 4 * k) as u32);
    }
    if !body.len().is_multiple_of(4) {
        replaced += 1;
        text.push(char::REPLACEMENT_CHARACTER);
        char_origins.push((skip + body.len() / 4 * 4) as u32);
    }
    let name = match order {
        ByteOrder::Little => "UTF-32LE",
        ByteOrder::Big => "UTF-32BE",
    };
    Decoded {
        text,
        encoding: name.to_string(),
        encoding_source: source,
        char_origins,
        replaced,
    }
}

/// UTF-16 without a BOM: an even length, no unpaired surrogate, no NUL character, and text that
/// reads as Chinese: at least 90% of the characters are Han, CJK punctuation, full-width forms or
/// printable ASCII, and at least 30% are Han.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    [UTF_16LE, UTF_16BE].into_iter().find(|&encoding| {
        let (text, malformed) = encoding.decode_without_bom_handling(bytes);
        if malformed || text.contains('\0') {
            return false;
        }
        let total = text.chars().count().max(1);
        let textlike = text.chars().filter(|&c| is_common_text_char(c)).count();
        let han = crate::chars::han_count(&text);
        textlike * 10 >= total * 9 && han * 10 >= total * 3
    })
}

fn is_common_text_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~'
        | '\u{3000}'..='\u{303F}'  // CJK punctuation
        | '\u{4E00}'..='\u{9FFF}'  // CJK unified ideographs
        | '\u{FF00}'..='\u{FFEF}'  // full-width forms
        | '\u{2010}'..='\u{206F}'  // general punctuation (— “ ” …)
    )
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

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    }

    fn utf32(text: &str, big_endian: bool) -> Vec<u8> {
        text.chars()
            .flat_map(|c| {
                let u = c as u32;
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    }

    const SPEECH: &str =
        "同志们：\n今天召开全县网络安全和信息化工作会议，主要任务是贯彻落实上级会议精神。\n";

    #[test]
    fn utf16_without_bom_is_detected_in_both_byte_orders() {
        for big in [false, true] {
            let d = decode(&utf16(SPEECH, big), None).unwrap();
            assert_eq!(d.text, SPEECH);
            assert_eq!(d.encoding, if big { "UTF-16BE" } else { "UTF-16LE" });
            assert_eq!(d.encoding_source, EncodingSource::Detected);
        }
        // Han only, no line break: no zero byte to go by, the text itself decides.
        let d = decode(&utf16("网络安全和信息化工作", false), None).unwrap();
        assert_eq!(d.text, "网络安全和信息化工作");
    }

    #[test]
    fn utf32_with_and_without_bom() {
        for big in [false, true] {
            let mut bytes = utf32("\u{FEFF}", big);
            bytes.extend(utf32(SPEECH, big));
            let d = decode(&bytes, None).unwrap();
            assert_eq!(d.text, SPEECH, "with BOM, big-endian {big}");
            assert_eq!(d.encoding_source, EncodingSource::Bom);
            assert_eq!(&d.char_origins[..2], &[4, 8]);
            let d = decode(&utf32(SPEECH, big), None).unwrap();
            assert_eq!(d.text, SPEECH, "without BOM, big-endian {big}");
            assert_eq!(d.encoding, if big { "UTF-32BE" } else { "UTF-32LE" });
        }
    }

    #[test]
    fn a_stray_byte_or_nul_in_utf8_is_repaired_not_refused() {
        let mut bytes = SPEECH.repeat(20).into_bytes();
        bytes.insert(28, 0xFF); // between two characters
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.encoding_source, EncodingSource::RepairedUtf8);
        assert_eq!(d.replaced, 1);
        let mut bytes = SPEECH.repeat(20).into_bytes();
        bytes.insert(28, 0);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.replaced, 1);
        assert!(!d.text.contains('\0'));
        // Damage everywhere is not UTF-8.
        let noisy: Vec<u8> = SPEECH.bytes().flat_map(|b| [b, 0xFF]).collect();
        assert!(decode(&noisy, None).is_err());
    }

    #[test]
    fn gbk_with_four_byte_sequences_is_named_gb18030() {
        // 𠀀 (U+20000) has only a four-byte GB18030 form.
        let text =
            "网络安全和信息化工作会议，是贯彻国家、省、市会议精神的一次重要会议𠀀。".repeat(3);
        let (bytes, _, _) = GB18030.encode(&text);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "gb18030");
        assert_eq!(d.text, text);
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

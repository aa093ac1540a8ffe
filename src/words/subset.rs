//! Dictionary subset: the texts a command will segment (`&[&str]`) → the lines of jieba's
//! general dictionary whose words occur in them, plus one padding line (`String`, jieba's
//! dictionary format), for [`super::Segmenter::for_texts`].
//!
//! Why this cuts the texts exactly as the whole dictionary does: jieba's route through a
//! sentence weighs only the dictionary words that occur in that sentence, each by
//! ln(frequency) − ln(total); its HMM for unknown runs asks the dictionary only about pieces of
//! the sentence. So a dictionary that keeps every word occurring in the texts, and keeps the
//! total frequency through a padding word that occurs nowhere, takes every decision the whole
//! dictionary takes. Building it costs a fraction of loading all 349,045 entries, which is most
//! of the time of a `tifa diff` (ARCHITECTURE.md, "Words").

use rustc_hash::FxHashSet;

/// jieba's general dictionary, the file jieba-rs embeds (MIT; data/jieba-dict.LICENSE). Kept
/// here in plain text because jieba-rs does not expose its copy; jieba-rs is built without
/// its own (Cargo.toml), so the binary holds this one only: a `static`, as each use of a
/// `const` may place its own copy.
pub(crate) static DICTIONARY: &str = include_str!("../../data/jieba-dict.txt");

/// The words of jieba's general dictionary (not the lexicon's), built on first use.
static GENERAL_WORDS: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        DICTIONARY
            .lines()
            .filter_map(|line| line.split_whitespace().next())
            .collect()
    });

/// Whether `word` is a word of jieba's general dictionary: an ordinary word of the language,
/// not a term of the domain lexicon (低空经济) or a user dictionary.
pub fn in_general_dictionary(word: &str) -> bool {
    GENERAL_WORDS.contains(word)
}

/// jieba with its whole general dictionary.
pub(crate) fn whole_dictionary() -> jieba_rs::Jieba {
    jieba_rs::Jieba::with_dict(&mut DICTIONARY.as_bytes())
        .expect("jieba's own dictionary is well-formed")
}

/// Stands in for every entry left out: two private-use characters no text of ours holds (a text
/// that does gets the whole dictionary).
const PADDING_WORD: &str = "\u{F8FF}\u{F8FE}";

/// Words up to this many characters are looked up in the window set; longer ones are checked
/// by their two end windows and then searched for.
const WINDOW: usize = 4;

/// The dictionary lines whose words occur in `texts`, then the padding line; `None` when a
/// text holds the padding word.
pub(crate) fn dictionary_within(texts: &[&str]) -> Option<String> {
    if texts.iter().any(|t| t.contains(PADDING_WORD)) {
        return None;
    }
    let windows = Windows::of(texts);
    // The dictionary's two halves on two cores: scanning 349,045 lines is most of the work.
    let middle = DICTIONARY.len() / 2;
    // Cut after a line break (a byte search: the middle byte may fall inside a character).
    let cut = DICTIONARY.as_bytes()[middle..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(DICTIONARY.len(), |at| middle + at + 1);
    let ((mut kept, kept_first, all_first), (rest, kept_second, all_second)) = rayon::join(
        || scan(&DICTIONARY[..cut], &windows, texts),
        || scan(&DICTIONARY[cut..], &windows, texts),
    );
    kept.push_str(&rest);
    let padding = all_first + all_second - kept_first - kept_second;
    kept.push_str(&format!("{PADDING_WORD} {padding}\n"));
    Some(kept)
}

/// The lines of `dict` whose words occur in `texts`, their total frequency, and the total
/// frequency of all its lines.
fn scan(dict: &str, windows: &Windows, texts: &[&str]) -> (String, u64, u64) {
    let mut kept = String::new();
    let (mut total_kept, mut total_all) = (0u64, 0u64);
    for line in dict.lines() {
        let mut fields = line.split_ascii_whitespace();
        let Some(word) = fields.next() else { continue };
        let freq: u64 = fields.next().and_then(|f| f.parse().ok()).unwrap_or(0);
        total_all += freq;
        if windows.holds(word, texts) {
            total_kept += freq;
            kept.push_str(line);
            kept.push('\n');
        }
    }
    (kept, total_kept, total_all)
}

/// Every run of one to [`WINDOW`] characters of the texts, packed into a number.
struct Windows(FxHashSet<u128>);

impl Windows {
    fn of(texts: &[&str]) -> Self {
        let chars: usize = texts.iter().map(|t| t.len()).sum::<usize>() / 3 + 1;
        let mut set = FxHashSet::with_capacity_and_hasher(chars * WINDOW, Default::default());
        for text in texts {
            let chars: Vec<char> = text.chars().collect();
            for start in 0..chars.len() {
                let end = chars.len().min(start + WINDOW);
                for stop in start + 1..=end {
                    set.insert(pack(&chars[start..stop]));
                }
            }
        }
        Self(set)
    }

    /// Whether `word` occurs in one of `texts` (the windows decide words of up to four
    /// characters, and rule out most longer ones before a search).
    fn holds(&self, word: &str, texts: &[&str]) -> bool {
        let mut chars = [char::default(); WINDOW];
        let mut count = 0;
        for c in word.chars() {
            if count < WINDOW {
                chars[count] = c;
            }
            count += 1;
        }
        if count <= WINDOW {
            return self.0.contains(&pack(&chars[..count]));
        }
        let last: Vec<char> = word.chars().skip(count - WINDOW).collect();
        self.0.contains(&pack(&chars))
            && self.0.contains(&pack(&last))
            && texts.iter().any(|t| t.contains(word))
    }
}

/// Up to four characters as one number, 21 bits each after a length mark, so that runs of
/// different lengths never share a key.
fn pack(chars: &[char]) -> u128 {
    chars
        .iter()
        .fold(chars.len() as u128, |key, &c| (key << 21) | c as u128)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept_words(texts: &[&str]) -> Vec<String> {
        dictionary_within(texts)
            .expect("no padding word in the texts")
            .lines()
            .filter_map(|l| l.split(' ').next().map(str::to_string))
            .collect()
    }

    #[test]
    fn keeps_the_words_occurring_and_pads_the_total() {
        let words = kept_words(&["推动高质量发展"]);
        for word in ["推动", "高质量", "质量", "发展", "推", "展"] {
            assert!(words.iter().any(|w| w == word), "{word} kept: {words:?}");
        }
        assert!(!words.iter().any(|w| w == "中国"), "中国 does not occur");
        assert_eq!(words.last().map(String::as_str), Some(PADDING_WORD));
    }

    #[test]
    fn long_words_need_the_whole_word_not_only_its_ends() {
        // 中华人民共和国 occurs whole in the first text; only its two ends in the second.
        assert!(
            kept_words(&["中华人民共和国成立"])
                .iter()
                .any(|w| w == "中华人民共和国")
        );
        assert!(
            !kept_words(&["中华人民好，人民共和国"])
                .iter()
                .any(|w| w == "中华人民共和国")
        );
    }

    #[test]
    fn the_padding_keeps_the_dictionary_total() {
        let total = |dict: &str| -> u64 {
            dict.lines()
                .filter_map(|l| l.split(' ').nth(1)?.parse::<u64>().ok())
                .sum()
        };
        let subset = dictionary_within(&["坚持稳中求进工作总基调"]).unwrap();
        assert_eq!(total(&subset), total(DICTIONARY));
    }

    #[test]
    fn a_text_holding_the_padding_word_gets_no_subset() {
        assert_eq!(dictionary_within(&[&format!("文本{PADDING_WORD}")]), None);
    }

    #[test]
    fn the_copy_is_the_dictionary_jieba_embeds() {
        // Test builds take jieba-rs with its embedded dictionary (a dev-dependency).
        let ours = whole_dictionary();
        assert_eq!(format!("{ours:?}"), format!("{:?}", jieba_rs::Jieba::new()));
    }
}

//! Character classes shared by every stage (`char` → `bool`): what counts as Han, as Chinese
//! punctuation, as a sentence end. Kept in one place so that stages agree.

/// A CJK ideograph (unified, extension A–F, compatibility).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '〇'
        | '□')
}

/// Full-width punctuation used in Chinese prose.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// A character that belongs to Chinese text: Han or full-width punctuation.
pub fn is_chinese_context(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Ends a sentence (DESIGN.md: 。！？；).
pub fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；')
}

/// May follow a sentence end and still belong to the sentence (closing quotes and brackets).
pub fn is_closing(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '）' | '》' | '】')
}

/// Chinese numerals used in headings, enumerations and numbered formulas.
pub fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '两'
            | '百'
            | '零'
            | '〇'
    )
}

/// Whitespace that Chinese files use between words or as paragraph indentation.
pub fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{3000}' || c == '\u{00A0}'
}

/// Value of a Chinese numeral written with units, up to 9,999 (一 → 1, 十二 → 12, 二十 → 20,
/// 一百零五 → 105, 一百二十 → 120, 两千 → 2000). Digits without units (一九五七) are a year, not
/// one of these: `None`.
pub fn cn_number(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
            .or((c == '两').then_some(2))
            .or((c == '〇').then_some(0))
    };
    let unit = |c: char| match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    };
    let (mut total, mut pending, mut last_unit) = (0u32, None::<u32>, u32::MAX);
    let mut any = false;
    for c in s.chars() {
        any = true;
        if let Some(d) = digit(c) {
            if pending.is_some() {
                return None; // two digits in a row: 一九五七
            }
            // 零 only holds a place (一百零五).
            pending = (d != 0 || last_unit == u32::MAX).then_some(d);
        } else if let Some(u) = unit(c) {
            // Units fall: 一千二百三十; and 十 may stand alone at the start (十二).
            if u >= last_unit {
                return None;
            }
            let n = match pending.take() {
                Some(d) => d,
                None if u == 10 && total == 0 => 1,
                None => return None,
            };
            total += n * u;
            last_unit = u;
        } else {
            return None;
        }
    }
    any.then_some(total + pending.unwrap_or(0))
}

/// Digits of numbers written in Han characters (一九五七, 五点四, 八十五).
const HAN_DIGITS: &str = "〇零一二三四五六七八九十百千万亿两点";
/// Units that may close such a number: 一九五七年, 三月, 五倍.
const NUMBER_UNITS: &str = "年月日号倍";

/// A number written in Han numerals, not a word: 一九五七年, 五点四, 百分之八十五点, 三年. A lone
/// numeral (一, 两) is not one: it is a word, usually a stopword.
pub fn is_han_number(s: &str) -> bool {
    let (core, marked) = match s.strip_prefix("百分之") {
        Some(rest) => (rest, true),
        None => (s, false),
    };
    let (core, marked) = match core.chars().next_back() {
        Some(u) if NUMBER_UNITS.contains(u) && core.chars().count() >= 2 => {
            (&core[..core.len() - u.len_utf8()], true)
        }
        _ => (core, marked),
    };
    !core.is_empty()
        && core.chars().all(|c| HAN_DIGITS.contains(c))
        && !core.starts_with('点')
        && (marked || core.chars().count() >= 2)
}

/// Number of Han characters, the unit of every rate (per 10,000 characters).
pub fn han_count(s: &str) -> usize {
    s.chars().filter(|&c| is_han(c)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers() {
        assert_eq!(cn_number("一"), Some(1));
        assert_eq!(cn_number("十"), Some(10));
        assert_eq!(cn_number("十二"), Some(12));
        assert_eq!(cn_number("二十"), Some(20));
        assert_eq!(cn_number("三十五"), Some(35));
        assert_eq!(cn_number("两"), Some(2));
        assert_eq!(cn_number("是"), None);
        assert_eq!(cn_number("一百"), Some(100));
        assert_eq!(cn_number("一百零五"), Some(105));
        assert_eq!(cn_number("一百二十"), Some(120));
        assert_eq!(cn_number("一百二十三"), Some(123));
        assert_eq!(cn_number("两千零一十"), Some(2010));
        assert_eq!(cn_number("一九五七"), None);
        assert_eq!(cn_number("十十"), None);
        assert_eq!(cn_number(""), None);
    }

    #[test]
    fn numbers_in_han_numerals() {
        for number in [
            "一九五七年",
            "一九四九年",
            "五点四",
            "百分之八十五点",
            "三年",
            "十二月",
            "千万",
        ] {
            assert!(is_han_number(number), "{number}");
        }
        for word in ["一", "两", "十分", "一些", "统一", "年", "点", "一个"] {
            assert!(!is_han_number(word), "{word}");
        }
    }
}

//! Labels of the rendered output, Chinese by default and English with `--lang en`.

use crate::align::PairKind;
use crate::diff::{ChangeKind, EditClass};
use crate::ingest::metadata::Level;
use crate::normalize::FindingKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The Chinese or the English wording of a label written in place.
    pub fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        if self == Lang::Zh { zh } else { en }
    }

    /// 中央 / 省级 / 市级 / 县级, or the English level.
    pub fn level(self, level: Level) -> &'static str {
        match (self, level) {
            (Lang::Zh, Level::National) => "中央",
            (Lang::Zh, Level::Provincial) => "省级",
            (Lang::Zh, Level::Municipal) => "市级",
            (Lang::Zh, Level::County) => "县级",
            (Lang::En, l) => l.as_str(),
        }
    }

    /// What a kind of normalization finding is called.
    pub fn finding(self, kind: FindingKind) -> &'static str {
        match (self, kind) {
            (Lang::En, k) => k.label(),
            (Lang::Zh, FindingKind::LineEnding) => "换行符",
            (Lang::Zh, FindingKind::Boilerplate) => "模板文字",
            (Lang::Zh, FindingKind::Markdown) => "Markdown 标记",
            (Lang::Zh, FindingKind::PinyinGloss) => "拼音注音",
            (Lang::Zh, FindingKind::Traditional) => "繁转简",
            (Lang::Zh, FindingKind::Punctuation) => "标点",
            (Lang::Zh, FindingKind::Width) => "全角字母数字",
            (Lang::Zh, FindingKind::Whitespace) => "空白",
            (Lang::Zh, FindingKind::JoinedLine) => "断行合并",
            (Lang::Zh, FindingKind::Damage) => "损坏字符",
            (Lang::Zh, FindingKind::Invisible) => "不可见字符",
            (Lang::Zh, FindingKind::Variant) => "异体字与部首字符",
            (Lang::Zh, FindingKind::Extraction) => "格式读取",
        }
    }

    pub fn kind(self, kind: PairKind) -> &'static str {
        match (self, kind) {
            (Lang::Zh, PairKind::Identical) => "相同",
            (Lang::Zh, PairKind::Changed) => "改动",
            (Lang::Zh, PairKind::Moved) => "移位",
            (Lang::Zh, PairKind::Added) => "新增",
            (Lang::Zh, PairKind::Dropped) => "删去",
            (Lang::En, k) => k.as_str(),
        }
    }

    pub fn class(self, class: EditClass) -> &'static str {
        match (self, class) {
            (Lang::Zh, EditClass::Verbatim) => "照搬",
            (Lang::Zh, EditClass::Substitution) => "替换地名/层级/年份",
            (Lang::Zh, EditClass::LightEdit) => "小改",
            (Lang::Zh, EditClass::HeavyRewrite) => "大改",
            (Lang::En, c) => c.as_str(),
        }
    }

    /// 提法 / 用词 / 专名 / 层级 / 地名 / 年份 / 日期 / 数字, or the English kind.
    pub fn change(self, kind: ChangeKind) -> &'static str {
        match (self, kind) {
            (Lang::Zh, ChangeKind::Formulation) => "提法",
            (Lang::Zh, ChangeKind::Wording) => "用词",
            (Lang::Zh, ChangeKind::Name) => "专名",
            (Lang::Zh, ChangeKind::Level) => "层级",
            (Lang::Zh, ChangeKind::Place) => "地名",
            (Lang::Zh, ChangeKind::Year) => "年份",
            (Lang::Zh, ChangeKind::Date) => "日期",
            (Lang::Zh, ChangeKind::Number) => "数字",
            (Lang::En, k) => k.as_str(),
        }
    }
}

//! Labels of the rendered output, Chinese by default and English with `--lang en`.

use crate::align::PairKind;
use crate::diff::{ChangeKind, EditClass};
use crate::ingest::metadata::Level;
use crate::normalize::FindingKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
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

/// The Chinese header of a table column (report.xlsx), by its column name; `None` for a name
/// without one (the name is shown as it is). The CSV and Parquet files keep the names, for scripts.
pub fn column_zh(name: &str) -> Option<&'static str> {
    Some(match name {
        "a" | "doc_a" => "文档A",
        "b" | "doc_b" => "文档B",
        "base" => "基准文档",
        "base_citation" => "基准出处",
        "base_kept" => "基准句保留",
        "base_sentence" => "基准句序号",
        "base_text" => "基准句",
        "c" => "c",
        "changed" => "改写",
        "chars" => "字数",
        "citation" => "出处",
        "copy_ratio" => "照抄比例",
        "corpus_docs" => "语料文档数",
        "compared" => "逐句比较",
        "cosine" => "余弦相似度",
        "count" => "次数",
        "d" => "d",
        "direction" => "方向",
        "doc" | "document" => "文档",
        "docs" => "文档数",
        "docs_after" => "之后文档数",
        "docs_before" => "之前文档数",
        "docs_reference" => "参照组文档数",
        "docs_target" => "目标组文档数",
        "docs_using" => "使用文档数",
        "dropped" => "删去",
        "emerging" => "新出现",
        "first_county" => "县级首用年份",
        "first_municipal" => "市级首用年份",
        "first_national" => "中央首用年份",
        "first_provincial" => "省级首用年份",
        "first_year" => "首用年份",
        "formulation" => "提法",
        "formulation_changes" => "提法变化",
        "from_level" => "来源层级",
        "g2" => "对数似然比G²",
        "group_docs" => "组内文档数",
        "han_chars" => "汉字数",
        "head" => "引导语",
        "hidden" => "隐藏",
        "hit" => "检索词",
        "identical" => "相同",
        "inherited" => "承袭",
        "items" => "列举项",
        "kept_ratio" => "保留比例",
        "kind" => "类型",
        "lag_status" => "跟进状态",
        "lag_years" => "时滞（年）",
        "last_year" => "末次年份",
        "left" => "左侧语境",
        "level" => "层级",
        "likely_source" => "可能来源",
        "line" => "行",
        "line_a" => "A行",
        "line_b" => "B行",
        "log_ratio" => "对数比",
        "moved" => "移位",
        "n_items" => "项数",
        "own_count" => "自有次数",
        "own_sections" => "自有部分",
        "p" => "p值",
        "p_absent_after" => "之后缺失p值",
        "p_absent_before" => "之前缺失p值",
        "page" => "页",
        "pair" => "文档对",
        "passage_ratio" => "段落比例",
        "passages" => "段落数",
        "peers" => "同级文档",
        "places" => "出处",
        "q" => "q值",
        "rate_per_10k" => "每万字次数",
        "rate_reference" => "参照组每万字",
        "rate_target" => "目标组每万字",
        "reason" => "原因",
        "reference" => "参照组",
        "region" => "地区",
        "reused_chars" => "复用字数",
        "right" => "右侧语境",
        "section" => "部分",
        "share" => "比例",
        "share_from_base" => "取自基准比例",
        "share_of_target" => "占目标比例",
        "share_reused" => "复用比例",
        "share_shared_with_peers" => "同级共有比例",
        "shared_chars" => "共有字数",
        "shared_share" => "共有字数占 B 比例",
        "shared_with_peers_chars" => "同级共有字数",
        "side_docs_reference" => "参照侧文档数",
        "side_docs_target" => "目标侧文档数",
        "similarity" => "相似度",
        "slope" => "斜率",
        "source" => "来源",
        "source_end" => "来源终点",
        "source_line" => "来源行",
        "source_page" => "来源页",
        "source_start" => "来源起点",
        "sources" => "来源数",
        "stock" => "套话",
        "stock_passages" => "套话段落数",
        "target" => "目标",
        "target_end" => "目标终点",
        "target_line" => "目标行",
        "target_page" => "目标页",
        "target_start" => "目标起点",
        "term" => "词语",
        "text" => "文本",
        "text_a" => "A文本",
        "text_b" => "B文本",
        "to_level" => "目标层级",
        "tokens" => "词数",
        "vanishing" => "消失",
        "verbatim_ratio" => "原文照录比例",
        "warning" => "提示",
        "x" => "x",
        "year" => "年份",
        "year_docs" => "当年文档数",
        "z" => "z值",
        "title" => "标题",
        "date" => "日期",
        "speaker" => "讲话人",
        "genre" => "文种",
        "sentences" => "句数",
        "findings" => "规范化记录",
        "encoding" => "编码",
        _ => return None,
    })
}

/// A cell value shown in the report's language: levels as 中央/省级/市级/县级 in Chinese.
pub fn value_zh(column: &str, value: &str) -> Option<&'static str> {
    let is_level = matches!(column, "level" | "from_level" | "to_level");
    is_level
        .then(|| Level::parse(value))
        .flatten()
        .map(|l| Lang::Zh.level(l))
}

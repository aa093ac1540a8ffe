//! `tifa show DOC`: one document's normalized text, findings, structure or tokens.

use super::{InputArgs, Resolver, Words};
use crate::ingest::Document;
use crate::words::TokenKind;
use anyhow::Result;
use clap::{ArgGroup, Args};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("view").args(["normalized", "findings", "structure", "tokens"])))]
pub struct ShowArgs {
    /// A path to any text file, or a document id in the corpus (a unique prefix such as 002 is enough).
    pub doc: String,
    /// Corpus folder in which DOC ids are looked up.
    #[arg(long, default_value = "corpus")]
    pub corpus: PathBuf,
    /// The normalized text (the default).
    #[arg(long)]
    pub normalized: bool,
    /// Every change normalization made: kind, file:line, before → after.
    #[arg(long)]
    pub findings: bool,
    /// Headings, sentences with their section, enumeration items.
    #[arg(long)]
    pub structure: bool,
    /// Words and formulations, separated by " / ".
    #[arg(long)]
    pub tokens: bool,
    /// A user dictionary in jieba format (word [frequency] [tag]); repeat for several.
    #[arg(long, value_name = "FILE")]
    pub dict: Vec<PathBuf>,
    /// Print JSON (for scripts).
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

pub fn run(args: ShowArgs) -> Result<ExitCode> {
    let options = args.input.load_options()?;
    let doc = Resolver::new(&args.corpus, &options).document(&args.doc)?;
    if args.findings {
        findings(&doc, args.json)?;
    } else if args.structure {
        structure(&doc, args.json)?;
    } else if args.tokens {
        tokens(&doc, &args.dict, args.json)?;
    } else if args.json {
        let out = serde_json::json!({ "id": doc.id, "path": doc.path, "encoding": doc.encoding, "meta": doc.meta, "text": doc.normalized.text });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        println!("{}", doc.normalized.text);
    }
    Ok(ExitCode::SUCCESS)
}

fn findings(doc: &Document, json: bool) -> Result<()> {
    let findings = &doc.normalized.findings;
    if json {
        println!("{}", serde_json::to_string_pretty(findings)?);
        return Ok(());
    }
    println!(
        "{}: {} ({}), {} findings",
        doc.path,
        doc.encoding,
        encoding_note(doc),
        findings.len()
    );
    for f in findings {
        let rule = f
            .rule
            .as_deref()
            .map(|r| format!("  [{r}]"))
            .unwrap_or_default();
        let after = if f.after.is_empty() {
            "∅".to_string()
        } else {
            f.after.clone()
        };
        println!(
            "{:<13} {:<w$} {} → {}{}",
            f.kind.label(),
            doc.cite_line(f.line),
            f.before,
            after,
            rule,
            w = doc.path.chars().count() + 5
        );
    }
    Ok(())
}

fn encoding_note(doc: &Document) -> &'static str {
    use crate::decode::EncodingSource::*;
    match doc.encoding_source {
        Override => "as given by --encoding",
        Bom => "from its byte-order mark",
        ValidUtf8 => "valid UTF-8",
        RepairedUtf8 => "UTF-8 with damaged bytes repaired",
        Detected => "detected",
    }
}

#[derive(Serialize)]
struct SentenceView<'a> {
    index: usize,
    start: usize,
    end: usize,
    line: u32,
    section: String,
    heading: bool,
    text: &'a str,
}

fn structure(doc: &Document, json: bool) -> Result<()> {
    let text = &doc.normalized.text;
    let s = &doc.structure;
    let sentences: Vec<SentenceView> = s
        .sentences
        .iter()
        .enumerate()
        .map(|(i, sentence)| SentenceView {
            index: i,
            start: sentence.span.start,
            end: sentence.span.end,
            line: doc.normalized.map.original_line(sentence.span.start),
            section: s.section_label(text, i),
            heading: sentence.heading.is_some(),
            text: sentence.span.of(text),
        })
        .collect();
    if json {
        let out = serde_json::json!({
            "paragraphs": s.paragraphs, "headings": s.headings, "sentences": sentences, "enumerations": s.enumerations,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    println!(
        "{} paragraphs, {} headings, {} sentences, {} enumeration items",
        s.paragraphs.len(),
        s.headings.len(),
        sentences.len(),
        s.enumerations.len()
    );
    for h in &s.headings {
        let depth = s
            .headings
            .iter()
            .filter(|o| o.marker.style < h.marker.style)
            .count()
            .min(4);
        println!("{}{}", "  ".repeat(depth), h.span.of(text));
    }
    println!();
    for v in &sentences {
        let mark = if v.heading { "#" } else { " " };
        println!(
            "{mark}{:>4} {:<w$} [{}] {}",
            v.index,
            doc.cite_line(v.line),
            v.section,
            v.text,
            w = doc.path.chars().count() + 5
        );
    }
    for e in &s.enumerations {
        println!(
            "item {} ({}) {} {}",
            e.marker,
            e.ordinal,
            doc.cite(e.span.start),
            super::truncate(e.span.of(text), 60)
        );
    }
    Ok(())
}

#[derive(Serialize)]
struct TokenView<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    kind: TokenKind,
    stop: bool,
}

fn tokens(doc: &Document, dicts: &[PathBuf], json: bool) -> Result<()> {
    let text = &doc.normalized.text;
    let tokens = Words::with_dictionaries(dicts)?.segmenter().tokenize(text);
    if json {
        let views: Vec<TokenView> = tokens
            .iter()
            .map(|t| TokenView {
                text: t.span.of(text),
                start: t.span.start,
                end: t.span.end,
                kind: t.kind,
                stop: t.stop,
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&views)?);
        return Ok(());
    }
    for paragraph in text.split('\n') {
        let start = paragraph.as_ptr() as usize - text.as_ptr() as usize;
        let end = start + paragraph.len();
        let words: Vec<String> = tokens
            .iter()
            .filter(|t| t.span.start >= start && t.span.end <= end)
            .map(|t| match t.kind {
                TokenKind::Formulation(_) => format!("【{}】", t.span.of(text)),
                _ => t.span.of(text).to_string(),
            })
            .collect();
        println!("{}", words.join(" / "));
    }
    Ok(())
}

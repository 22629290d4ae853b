//! Unit tests of the structurer as a whole; rule-level tests sit beside each rule.

use super::*;

fn seed(bytes: &[u8]) -> SeedFile {
    SeedFile::new("seeds/t.txt", bytes.to_vec())
}

#[test]
fn splits_on_blank_lines_and_keeps_spans() {
    let document = parse_seed(&seed(
        b"One two three four.\nFive six seven.\n\n  \nEight nine ten.\n",
    ))
    .unwrap();
    assert_eq!(document.blocks.len(), 3);
    assert_eq!(
        &document.text[document.blocks[2].span.clone()],
        "Eight nine ten."
    );
    assert_eq!(document.blocks[2].line_range, (5, 5));
}

#[test]
fn strips_bom_and_accepts_crlf() {
    let document = parse_seed(&seed("\u{feff}a b c.\r\n\r\nb is\rc.".as_bytes())).unwrap();
    assert_eq!(document.text, "a b c.\n\nb is\nc.");
    assert_eq!(document.blocks[1].lines, ["b is", "c."]);
}

#[test]
fn rejects_empty_and_whitespace_only_seeds() {
    assert_eq!(
        parse_seed(&seed(b" \n\n")).unwrap_err().message,
        "seed `t.txt` is empty"
    );
}

/// One line per block: `kind rule L<start>-<end>: first 60 chars` (comments add their depth
/// and author in brackets).
fn outline(document: &Document) -> String {
    let mut out = String::new();
    for block in &document.blocks {
        let kind = serde_json::to_value(block.kind).unwrap();
        let mut text = String::new();
        if let Some(info) = &block.comment {
            text.push_str(&format!("[d{}", info.depth));
            if let Some(author) = &info.author {
                text.push_str(&format!(" {author}"));
            }
            text.push_str("] ");
        }
        if block.ordered {
            text.push_str("[ordered] ");
        }
        text.push_str(&block.lines.join(" | "));
        let short: String = text.chars().take(60).collect();
        out.push_str(&format!(
            "{} {} L{}-{}: {}\n",
            kind.as_str().unwrap(),
            block.rule,
            block.line_range.0,
            block.line_range.1,
            short.trim_end()
        ));
    }
    out
}

/// Compares each `*.txt` under `dir` with its `.expected` outline; `UPDATE_EXPECTED=1`
/// rewrites them (review the diff line by line before committing).
fn check_outlines(dir: &str, extension: &str) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let expected_dir = root.join("tests/fixtures/structure").join(match dir {
        "seeds" => "seeds",
        _ => "texts",
    });
    let source_dir = root.join(dir);
    let mut names: Vec<_> = std::fs::read_dir(&source_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no texts in {}", source_dir.display());
    let update = std::env::var_os("UPDATE_EXPECTED").is_some();
    let mut failures = Vec::new();
    for path in names {
        let bytes = std::fs::read(&path).unwrap();
        let document = parse_seed(&seed(&bytes)).unwrap();
        let actual = outline(&document);
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let expected_path = expected_dir.join(format!("{stem}.expected"));
        if update {
            std::fs::create_dir_all(&expected_dir).unwrap();
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!("{stem}:\n{actual}"));
        }
    }
    assert!(
        failures.is_empty(),
        "outlines differ:\n{}",
        failures.join("\n")
    );
}

#[test]
fn seeds_match_their_expected_outlines() {
    check_outlines("seeds", "txt");
}

#[test]
fn own_texts_match_their_expected_outlines() {
    check_outlines("tests/fixtures/structure/texts", "txt");
}

fn rules_with(lines: &[(&str, OverrideKind)]) -> StructureRules {
    StructureRules {
        lines: lines
            .iter()
            .map(|&(prefix, kind)| LineOverride {
                prefix: prefix.into(),
                kind,
            })
            .collect(),
        ..StructureRules::default()
    }
}

#[test]
fn line_overrides_decide_kind_and_match_despite_whitespace() {
    let text = "Access to the outside\n\nA  long\u{a0} sentence that ends.\n";
    let rules = rules_with(&[
        ("Access to", OverrideKind::Paragraph),
        ("A long sentence", OverrideKind::Caption),
    ]);
    let (document, unmatched) = structure_text(text, &rules);
    assert!(unmatched.is_empty());
    assert_eq!(document.blocks[0].kind, BlockKind::Paragraph);
    assert_eq!(document.blocks[0].rule, "override");
    assert_eq!(document.blocks[1].kind, BlockKind::Caption);
}

#[test]
fn reports_overrides_that_matched_nothing() {
    let mut rules = rules_with(&[
        ("Nowhere", OverrideKind::Drop),
        ("One", OverrideKind::Heading),
    ]);
    rules.cut_at = Some("Missing marker".into());
    rules.corrections.push(Correction {
        find: "absent".into(),
        replace: "x".into(),
        note: None,
        is_sic: false,
    });
    let (_, unmatched) = structure_text("One line.\n", &rules);
    let keys: Vec<String> = unmatched.iter().map(UnmatchedOverride::key).collect();
    assert_eq!(keys, ["lines[0]", "cut_at", "corrections[0]"]);
}

#[test]
fn cut_at_drops_the_rest_with_rule_cut() {
    let rules = StructureRules {
        cut_at: Some("About the author".into()),
        ..StructureRules::default()
    };
    let text = "Body text here.\n\nAbout the author: Kim.\n\nMore links.\n";
    let (document, unmatched) = structure_text(text, &rules);
    assert!(unmatched.is_empty());
    let last = document.blocks.last().unwrap();
    assert_eq!(
        (last.kind, last.rule, last.line_range),
        (BlockKind::Dropped, "cut", (3, 5))
    );
}

#[test]
fn hidden_comments_are_dropped_and_comment_overrides_start_threads() {
    let text = "Body text here.\n\n\n  1. A first comment.\n  2. A second one.\n";
    let hidden = StructureRules {
        show_comments: Some(false),
        ..StructureRules::default()
    };
    let (document, _) = structure_text(text, &hidden);
    assert!(
        document.blocks[1..]
            .iter()
            .all(|b| b.rule == "comments-hidden")
    );
    let (document, _) = structure_text(
        "Body.\n\nA note from a reader.\n",
        &rules_with(&[("A note", OverrideKind::Comment)]),
    );
    let comment = document.comments().next().unwrap();
    assert_eq!(comment.comment.as_ref().unwrap().depth, 0);
}

#[test]
fn corrections_keep_the_original_and_record_the_fix() {
    let rules = StructureRules {
        corrections: vec![Correction {
            find: "Dailly NK".into(),
            replace: "Daily NK".into(),
            note: Some("typo in the original".into()),
            is_sic: false,
        }],
        ..StructureRules::default()
    };
    let (document, unmatched) = structure_text("What the Dailly NK is giving us.\n", &rules);
    assert!(unmatched.is_empty());
    let block = &document.blocks[0];
    assert_eq!(block.lines, ["What the Daily NK is giving us."]);
    assert_eq!(
        block.original_lines.as_ref().unwrap(),
        &["What the Dailly NK is giving us."]
    );
    assert_eq!(block.corrections[0].index, 0);
}

#[test]
fn line_report_names_kind_and_rule_per_line() {
    let (document, _) = structure_text(
        "hoeryong.JPGHere is text.\n\nRECOMMENDATIONS\n",
        &StructureRules::default(),
    );
    let report = document.line_report();
    assert_eq!(
        report[0].blocks,
        [
            (BlockKind::Dropped, "glued-filename"),
            (BlockKind::Paragraph, "paragraph")
        ]
    );
    assert!(report[1].blocks.is_empty());
    assert_eq!(
        report[2].blocks,
        [(BlockKind::Dropped, "boilerplate-phrase")]
    );
}

#[test]
fn word_count_skips_comments_and_dropped_blocks() {
    let (document, _) = structure_text(
        "Two words.\n\nSubscribe\n\n\n  1. Not counted here.\n",
        &StructureRules::default(),
    );
    assert_eq!(document.word_count(), 2);
}

mod properties {
    use proptest::prelude::*;

    use super::super::*;

    /// Text made of the pieces the rules look for, so properties exercise them.
    fn seedish() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("  1. ".to_string()),
            Just("    • ".to_string()),
            Just("◆ ".to_string()),
            Just("Photo: ".to_string()),
            Just("(ASIAPRESS)".to_string()),
            Just("x.JPG".to_string()),
            Just("( To 3 >> )".to_string()),
            Just("Part 2".to_string()),
            Just("NORTH KOREA (News) – ".to_string()),
            Just("\u{a0}".to_string()),
            Just("> ".to_string()),
            Just("Please enter your comment!".to_string()),
            Just("Alice says:".to_string()),
            Just("한국어 日本語".to_string()),
            Just("[ソウル 22日 ロイター] - ".to_string()),
            Just("(서울=연합뉴스) 김민수 기자 = ".to_string()),
            Just("新华社武汉6月20日电（记者 李明）".to_string()),
            Just(". REUTERS/Kim Hong-Ji 05 Oct".to_string()),
            Just("Comments (4)".to_string()),
            Just("댓글 12".to_string()),
            Just("kwon_j · 2 hours ago".to_string()),
            Just("1 of 8".to_string()),
            Just("March 4, 2025 7:12 AM".to_string()),
            Just("© 2024 All rights reserved".to_string()),
            Just("Name: ".to_string()),
            Just("。".to_string()),
            "[A-Za-z .,“”\"]{0,12}",
            any::<String>(),
        ];
        prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
    }

    fn check(raw: &str) {
        let (document, _) = structure_text(raw, &StructureRules::default());
        let text = &document.text;
        let mut previous_end = 0;
        for block in &document.blocks {
            assert!(
                block.span.start >= previous_end,
                "overlap or disorder: {block:?}"
            );
            assert!(block.span.start <= block.span.end && block.span.end <= text.len());
            assert!(
                text.is_char_boundary(block.span.start) && text.is_char_boundary(block.span.end)
            );
            let start_line = text[..block.span.start].matches('\n').count() + 1;
            let end_line = text[..block.span.end].matches('\n').count() + 1;
            assert_eq!(block.line_range, (start_line, end_line), "{block:?}");
            previous_end = block.span.end;
        }
        let mut covered = vec![false; text.len()];
        for block in &document.blocks {
            covered[block.span.clone()]
                .iter_mut()
                .for_each(|c| *c = true);
        }
        for (at, c) in text.char_indices() {
            assert!(
                c.is_whitespace() || covered[at],
                "lost {c:?} at byte {at} of {text:?}"
            );
        }
        assert_eq!(normalize(text), *text, "normalizing is not idempotent");
        // Issue #12: every non-blank line has a classification, in order, with a span inside
        // the line, and every unsure line lies within the margin.
        let non_blank: Vec<usize> = text
            .split('\n')
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, _)| i + 1)
            .collect();
        let classified = document.classify_lines();
        let numbers: Vec<usize> = classified.iter().map(|l| l.number).collect();
        assert_eq!(numbers, non_blank);
        let mut previous_end = 0;
        for part in &document.parts {
            assert!(part.span.start >= previous_end && part.span.end <= text.len());
            assert!(text.is_char_boundary(part.span.start) && text.is_char_boundary(part.span.end));
            assert_eq!(text[..part.span.start].matches('\n').count() + 1, part.line);
            previous_end = part.span.end;
        }
        for line in document.uncertain_lines() {
            assert!(line.margin.abs() <= 12 && !line.suggestion.prefix.trim().is_empty());
        }
    }

    proptest! {
        #[test]
        fn any_input_structures_without_loss(raw in seedish()) {
            check(&raw);
        }

        #[test]
        fn arbitrary_strings_structure_without_loss(raw in any::<String>()) {
            check(&raw);
        }
    }
}

#[test]
fn sic_corrections_keep_the_text_and_mark_it() {
    let rules = StructureRules {
        corrections: vec![Correction {
            find: "wold".into(),
            replace: String::new(),
            note: None,
            is_sic: true,
        }],
        ..StructureRules::default()
    };
    let (document, unmatched) =
        structure_text("Their testimonies wold still be valuable.\n", &rules);
    assert!(unmatched.is_empty());
    assert_eq!(
        document.blocks[0].lines,
        ["Their testimonies wold [sic] still be valuable."]
    );
    assert!(document.blocks[0].corrections[0].is_sic);
}

/// Found by `tests/fuzz` (target `structure`): the pagination rule stepped one byte past a
/// sentence's last mark, which splits a `。` (three bytes) and panicked on the slice.
#[test]
fn wide_full_stop_before_trailing_text_does_not_split_a_char() {
    let (document, _) = structure_text(
        "防衛費は過去最高となった。 The opposition\n\n最後の文。 2 »\n",
        &StructureRules::default(),
    );
    assert_eq!(
        document.blocks[0].lines,
        ["防衛費は過去最高となった。 The opposition"]
    );
    let marker = document.blocks.last().unwrap();
    assert_eq!(marker.rule, "pagination");
    assert_eq!(marker.lines, ["2 »"]);
}

/// Found by `tests/fuzz` (target `structure`): an indented quotation followed by `,` was sliced
/// as if the closing `”` (three bytes) ended the line, cutting through it and panicking.
#[test]
fn indented_quotation_with_trailing_comma_is_sliced_inside_its_marks() {
    let (document, _) = structure_text(
        "    “Jangmadang generation”,\n\n    “A “nested” one”.\n",
        &StructureRules::default(),
    );
    assert_eq!(document.blocks[0].rule, "indented-quotation");
    assert_eq!(document.blocks[0].lines, ["“Jangmadang generation”,"]);
    assert_ne!(document.blocks[1].rule, "indented-quotation");
}

/// The kinds of a document's blocks whose text holds `needle`.
fn kinds_holding(document: &Document, needle: &str) -> Vec<BlockKind> {
    document
        .blocks
        .iter()
        .filter(|b| b.lines.iter().any(|l| l.contains(needle)))
        .map(|b| b.kind)
        .collect()
}

/// Asserts that every block holding each needle is dropped (and that one holds it).
fn assert_dropped(document: &Document, needles: &[&str]) {
    for needle in needles {
        let kinds = kinds_holding(document, needle);
        assert!(
            !kinds.is_empty() && kinds.iter().all(|k| *k == BlockKind::Dropped),
            "{needle}: {kinds:?}"
        );
    }
}

/// Issue #12: a bare `댓글` button in the share row under a headline starts no comment
/// tail when the article's sentences follow it; the article stays in the body.
#[test]
fn a_comment_button_above_the_article_starts_no_tail_issue_12() {
    let text = "동네 도서관, 밤 10시까지 문 연다\n공유\n댓글\n인쇄\n\
        구립 도서관이 다음 달부터 평일 운영 시간을 밤 10시까지 늘리기로 했다.\n\
        직장인 이용자가 늘었다는 조사 결과에 따른 조치라고 구청은 설명했다.\n\
        열람실 좌석도 스무 석 더 마련한다.\n";
    let (document, _) = structure_text(text, &StructureRules::default());
    for needle in ["운영 시간", "조사 결과", "스무 석"] {
        assert_eq!(
            kinds_holding(&document, needle),
            [BlockKind::Paragraph],
            "{needle}"
        );
    }
    assert!(document.blocks.iter().all(|b| b.kind != BlockKind::Comment));
}

/// Issue #12: a header with its count over a long answer (two sentences before the answer's
/// stamp) opens the comment section; the same header over four sentences of the article,
/// with no author, time or widget among them, is a link to the comments and is dropped.
#[test]
fn a_counted_header_opens_comments_only_where_comments_follow_issue_12() {
    let answer = "왜 겨울에 창문에 물이 맺힐까요?\n\n댓글 2\n\n한지우\n\
        실내 공기가 차가운 유리에 닿아 식으면서 수증기가 물방울로 변합니다.\n\
        환기를 자주 하면 줄어듭니다.\n2024.01.15. 09:30\n";
    let (document, _) = structure_text(answer, &StructureRules::default());
    assert_eq!(kinds_holding(&document, "수증기"), [BlockKind::Comment]);

    let article = "Harbour ferry fares rise in spring\n\n34 comments\nTom Reyes\n\
        The ferry operator will raise single fares by forty cents from April.\n\
        It says fuel and crew costs have both climbed since last year.\n\
        Season tickets keep their current price until the summer.\n\
        The council has asked for a review of the timetable as well.\n";
    let (document, _) = structure_text(article, &StructureRules::default());
    for needle in [
        "forty cents",
        "fuel and crew",
        "Season tickets",
        "timetable",
    ] {
        assert_eq!(
            kinds_holding(&document, needle),
            [BlockKind::Paragraph],
            "{needle}"
        );
    }
    assert_eq!(
        kinds_holding(&document, "34 comments"),
        [BlockKind::Dropped]
    );
}

/// Issue #12: a thread whose comments end with an emoji rather than a full stop is not the
/// page's links below the comments: each comment's stamp shows it is a thread, so only the
/// labels after the last stamp are dropped.
#[test]
fn a_thread_without_full_stops_keeps_its_comments_issue_12() {
    let text = "골목 끝 작은 빵집 후기\n\n\
        버터 향이 가게 밖까지 났어요. 다음에는 아침 일찍 가 보려고 합니다.\n\n\
        댓글 2\n\n\
        밀가루요정\n여기 크루아상 진짜 궁금했어요 😍\n2025.09.02. 11:05\n답글쓰기\n\
        동네주민\n주말엔 줄이 길어요 ㅠㅠ\n2025.09.03. 08:40\n답글쓰기\n\
        이웃추가\n맨 위로\n";
    let (document, _) = structure_text(text, &StructureRules::default());
    for needle in ["크루아상", "줄이 길어요"] {
        assert_eq!(
            kinds_holding(&document, needle),
            [BlockKind::Comment],
            "{needle}"
        );
    }
    for needle in ["이웃추가", "맨 위로"] {
        assert_eq!(kinds_holding(&document, needle), [BlockKind::Dropped]);
    }
}

/// Issue #12: reactions counted under a comment in a CJK script (`赞 56`, `추천 4 반대 0`)
/// are the widget's lines, not a comment by an author named `赞`.
#[test]
fn reaction_counts_under_comments_are_dropped_issue_12() {
    let text = "山里的秋天来得早\n\n\
        今年的第一场霜比往年早了一周，果园里的柿子还没来得及摘。\n\n\
        评论 2\n\n\
        青山依旧 · 3小时前\n柿子被霜打过反而更甜。\n赞 56\n\
        老周 · 1小时前\n我们村也一样。\n赞 7\n";
    let (document, _) = structure_text(text, &StructureRules::default());
    assert_eq!(kinds_holding(&document, "更甜"), [BlockKind::Comment]);
    for needle in ["赞 56", "赞 7"] {
        assert_eq!(kinds_holding(&document, needle), [BlockKind::Dropped]);
    }
    assert!(
        document
            .blocks
            .iter()
            .filter_map(|b| b.comment.as_ref())
            .all(|c| c.author.as_deref() != Some("赞"))
    );
}

/// Issue #12: a Q&A answer's action row (`Share`, `Improve this answer`, `Follow`) is the
/// widget's, and a copyright footer after the last comment is the page's, not a comment.
#[test]
fn an_answers_action_row_and_the_footer_are_not_comments_issue_12() {
    let text = "How do I stop my sourdough starter smelling of nail varnish?\n\n\
        It smells sharp every morning now, even after feeding.\n\n\
        2 Answers\n\n\
        1. Feed it twice a day for a week; the smell means it is hungry.\n\
        Share\nImprove this answer\nFollow\n\
        2. Keep it somewhere warmer, about 24 degrees, and use less of the old starter.\n\
        Share\nImprove this answer\nFollow\n\n\
        Copyright © 2026 Bakers Exchange. All rights reserved.\n";
    let (document, _) = structure_text(text, &StructureRules::default());
    assert_eq!(
        kinds_holding(&document, "twice a day"),
        [BlockKind::Comment]
    );
    assert_eq!(
        kinds_holding(&document, "somewhere warmer"),
        [BlockKind::Comment]
    );
    assert_dropped(&document, &["Improve this answer", "Follow", "Copyright"]);
}

/// Issue #12: headers in the words CJK blogs and Q&A sites use (`留言列表 (2)`, `回应 3`,
/// `답변 1`) open the comment section, whose lines were kept in the article's body.
#[test]
fn cjk_comment_list_headers_open_the_tail_issue_12() {
    for (text, needle) in [
        (
            "巷口的豆花攤\n\n老闆每天清晨四點就開始煮糖水，豆花軟嫩，配料也給得很大方。\n\n\
             留言列表 (2)\n\n路人乙\n2025-10-01 09:12\n我也很喜歡這家\n",
            "我也很喜歡",
        ),
        (
            "旧书店里的下午\n\n这家书店开了三十年，老板记得每一位熟客喜欢读什么。\n\n\
             回应 3\n\n阿木 2025-06-02 10:11:12\n下次去北京一定去看看\n",
            "一定去看看",
        ),
    ] {
        let (document, _) = structure_text(text, &StructureRules::default());
        assert_eq!(
            kinds_holding(&document, needle),
            [BlockKind::Comment],
            "{needle}"
        );
    }
}

/// Issue #12: in a Q&A thread an answer's date alone (`2025.12.02`) is the answer's stamp,
/// kept with it, and the labels after the last answer's reaction row (`도움돼요 12`) are
/// the page's links, dropped.
#[test]
fn an_answers_date_stays_and_links_after_its_reactions_go_issue_12() {
    let text = "니트를 세탁기로 빨아도 되나요?\n\n\
        손빨래가 귀찮아서 세탁기를 쓰고 싶은데 줄어들까 봐 걱정입니다.\n\n\
        답변 1\n\n\
        빨래박사\n찬물에 울 코스로 돌리면 괜찮습니다. 건조기는 피하세요.\n2025.12.02\n도움돼요 12\n\
        답변하기\n비슷한 질문\n니트 보풀 없애는 법\n";
    let (document, _) = structure_text(text, &StructureRules::default());
    assert_eq!(kinds_holding(&document, "울 코스"), [BlockKind::Comment]);
    assert_eq!(kinds_holding(&document, "2025.12.02"), [BlockKind::Comment]);
    for needle in ["도움돼요", "답변하기", "비슷한 질문", "보풀"] {
        assert_eq!(
            kinds_holding(&document, needle),
            [BlockKind::Dropped],
            "{needle}"
        );
    }
}

/// Issue #12: a prompt to comment (`コメントを書く`) over comments with their stamps opens
/// the tail, while the same prompt under a post's byline, over the article, does not.
#[test]
fn a_comment_prompt_opens_the_tail_only_over_stamped_comments_issue_12() {
    let text = "古いシャツでクッションカバー\n\n\
        袖の部分を切って縫い合わせると、小さなクッションにちょうどいい大きさになりました。\n\n\
        関連記事\nコメントを書く\n\
        ねこまる\nボタンをそのまま使うのがかわいいです\n2025/06/01 09:30\n";
    let (document, _) = structure_text(text, &StructureRules::default());
    assert_eq!(kinds_holding(&document, "ボタン"), [BlockKind::Comment]);

    let text = "Tool library opens on Saturdays\nPosted on May 3 by the committee\n\
        Leave a comment\n\n\
        Neighbours, friends and lenders,\n\
        The tool library in the old scout hut will open every Saturday from next month.\n\
        Bring a drill back by Wednesday and someone else can use it at the weekend.\n";
    let (document, _) = structure_text(text, &StructureRules::default());
    assert!(document.blocks.iter().all(|b| b.kind != BlockKind::Comment));
    assert_eq!(
        kinds_holding(&document, "scout hut"),
        [BlockKind::Paragraph]
    );
}

/// Issue #12: comments signed on their own line are comments: a BBS's pushes (`推 user:
/// … 06/14 09:40`) at the end of a post, and a Q&A's comments on the question (`… – Name
/// Sep 1, 2022 at 21:50`) just above its answers' header, with the signer as author.
#[test]
fn comments_signed_on_their_line_are_comments_issue_12() {
    let text = "想找安靜的書店\n\n週末想找一間可以坐下來看書的書店，有推薦嗎？\n\n\
        推 bookworm: 巷子裡那間有二樓座位 06/14 09:40\n\
        → lanterns: 平日下午人比較少 06/14 09:52\n";
    let (document, _) = structure_text(text, &StructureRules::default());
    assert_eq!(kinds_holding(&document, "二樓座位"), [BlockKind::Comment]);
    assert_eq!(kinds_holding(&document, "人比較少"), [BlockKind::Comment]);
    assert_eq!(kinds_holding(&document, "有推薦嗎"), [BlockKind::Paragraph]);

    let text = "Why does my kettle click off early?\n\n\
        It switches off before the water boils, every time since I descaled it.\n\n\
        Did you refill it after descaling? – Ruth Mallory Mar 3, 2023 at 08:10\n\
        Yes, to the max line. – Tom Quist Mar 3, 2023 at 08:25\n\
        Add a comment\n\n\
        2 Answers\n\n\
        1. The thermostat is probably scaled up underneath; soak the base plate.\n\
        2. It may simply be worn out after years of use.\n";
    let (document, _) = structure_text(text, &StructureRules::default());
    let first = document
        .blocks
        .iter()
        .find(|b| b.lines.iter().any(|l| l.contains("refill it")))
        .unwrap();
    assert_eq!(first.kind, BlockKind::Comment);
    assert_eq!(
        first.comment.as_ref().and_then(|c| c.author.as_deref()),
        Some("Ruth Mallory")
    );
    assert_eq!(kinds_holding(&document, "thermostat"), [BlockKind::Comment]);
    assert_eq!(
        kinds_holding(&document, "every time"),
        [BlockKind::Paragraph]
    );
}

/// Issue #12: below the last stamped comment, its widget row and a blank line, a site's
/// "most read" box and footer are the page's, not a comment; when the row's widget comes
/// again further down, a comment without a stamp is there, and it stays a comment.
#[test]
fn the_footer_below_the_last_comment_is_dropped_issue_12() {
    let comments = "Lighthouse keepers return to Brae Point\n\n\
        The trust will staff the lighthouse again from June, for the first time since 1989.\n\
        Two keepers will live on site and run tours on weekends.\n\n\
        2 Comments\n\
        Morag T.\n4 May 2024, 10:12\nMy grandfather kept that light for thirty years\nReply\n\
        seabird_sam\n5 May 2024, 08:03\nFinally some good news for the point\nReply\n\n\
        Most read this week\nFerry timetable changes for the summer\n\
        Contact us\nPrivacy\n© 2024 Coast Weekly\n";
    let (document, _) = structure_text(comments, &StructureRules::default());
    for needle in ["thirty years", "good news for the point"] {
        assert_eq!(
            kinds_holding(&document, needle),
            [BlockKind::Comment],
            "{needle}"
        );
    }
    for needle in ["Most read", "Ferry timetable", "Contact us", "Coast Weekly"] {
        assert!(
            !kinds_holding(&document, needle).contains(&BlockKind::Comment),
            "{needle}: {:?}",
            kinds_holding(&document, needle)
        );
    }

    let stampless = comments.replace(
        "Most read this week\nFerry timetable changes for the summer\n",
        "Iona R.\nI will book the first tour they run\nReply\n",
    );
    let (document, _) = structure_text(&stampless, &StructureRules::default());
    assert_eq!(
        kinds_holding(&document, "first tour they run"),
        [BlockKind::Comment]
    );
}

/// Issue #12: three `Key: value` rows in a block of their own inside the article are a fact
/// box, read as a list; the same shape above the article's first sentence, or with a page's
/// keys (`Posted:`, `Tags:`), is not one.
#[test]
fn a_fact_box_inside_the_article_is_a_list_issue_12() {
    let text = "Restoring the Millbrook tram\n\n\
        Volunteers spent four winters rebuilding the last tram that ran on the Millbrook line.\n\n\
        Tram facts\n\
        Built: 1921, by the Hartley works\n\
        Seats: 40 on two decks\n\
        Top speed: 25 km/h\n\n\
        The tram will run on open days from next spring, weather permitting.\n";
    let (document, _) = structure_text(text, &StructureRules::default());
    for needle in ["Hartley works", "two decks", "25 km/h"] {
        assert_eq!(
            kinds_holding(&document, needle),
            [BlockKind::List],
            "{needle}"
        );
    }
    assert_eq!(
        kinds_holding(&document, "open days"),
        [BlockKind::Paragraph]
    );

    let head = "Posted: 3 May 2024\nSection: Transport\nReading time: 4 min\n\n\
        Restoring the Millbrook tram\n\n\
        Volunteers spent four winters rebuilding the last tram that ran on the Millbrook line.\n";
    let (document, _) = structure_text(head, &StructureRules::default());
    for needle in ["Posted", "Transport", "Reading time"] {
        assert!(
            !kinds_holding(&document, needle).contains(&BlockKind::List),
            "{needle}"
        );
    }

    let tail = text.replace(
        "Built: 1921, by the Hartley works\n",
        "Tags: trams, heritage\n",
    );
    let (document, _) = structure_text(&tail, &StructureRules::default());
    assert!(!kinds_holding(&document, "heritage").contains(&BlockKind::List));
}

/// Issue #12: a sentence about the site's cookies over its buttons at the top of the page is
/// a cookie banner whatever the language; a recipe's sentence about cookies is the article's.
#[test]
fn a_cookie_banner_at_the_top_is_dropped_in_any_language_issue_12() {
    let banner = "Wir verwenden Cookies, damit unsere Website gut funktioniert.\n\
        Alle akzeptieren\nNur notwendige\n\n\
        Neue Buslinie ab Montag\n\n\
        Ab Montag fährt die Linie 14 alle zehn Minuten zwischen Bahnhof und Klinikum.\n";
    let (document, _) = structure_text(banner, &StructureRules::default());
    assert_eq!(
        kinds_holding(&document, "verwenden Cookies"),
        [BlockKind::Dropped]
    );
    assert_eq!(kinds_holding(&document, "Linie 14"), [BlockKind::Paragraph]);

    let recipe = "Oat cookies for a rainy afternoon\n\n\
        These oat cookies take twenty minutes and keep for a week in a tin.\n\n\
        Mix the oats, flour and sugar, then rub in the butter until it looks like sand.\n";
    let (document, _) = structure_text(recipe, &StructureRules::default());
    assert_eq!(
        kinds_holding(&document, "twenty minutes"),
        [BlockKind::Paragraph]
    );
}

/// Issue #12: a WordPress comment section in German (`N Gedanken zu „…“`, `Antworten`
/// buttons, the `Schreibe einen Kommentar` form and the footer below it) is a comment tail,
/// and the share row above it (`Teilen mit:`, one network a line) is chrome, not a list.
#[test]
fn german_wordpress_comments_and_share_row_are_recognised_issue_12() {
    let text = "Ein Tag am Moorsee\n\
        Wir sind früh losgefahren und waren um neun Uhr am Ufer. Es war noch ganz still.\n\
        Am Nachmittag kamen die Wolken, aber da waren wir schon wieder am Auto.\n\
        Teilen mit:\n\
        Facebook\n\
        WhatsApp\n\
        Gefällt mir Wird geladen …\n\
        Ähnliche Beiträge\n\
        2 Gedanken zu „Ein Tag am Moorsee“\n\
        Lena Hofmeister\n\
        3. Mai 2026 um 10:12 Uhr\n\
        Schöner Bericht, da wollen wir auch mal hin.\n\
        Antworten\n\
        Tom aus Celle\n\
        4. Mai 2026 um 18:40 Uhr\n\
        Gibt es dort einen Parkplatz?\n\
        Antworten\n\
        Schreibe einen Kommentar\n\
        Impressum\n\
        Datenschutz\n";
    let (document, _) = structure_text(text, &StructureRules::default());
    for needle in [
        "Teilen mit",
        "Facebook",
        "WhatsApp",
        "Gefällt mir",
        "Ähnliche",
    ] {
        assert_eq!(
            kinds_holding(&document, needle),
            [BlockKind::Dropped],
            "{needle}"
        );
    }
    for needle in ["Schöner Bericht", "Parkplatz", "Lena Hofmeister"] {
        assert_eq!(
            kinds_holding(&document, needle),
            [BlockKind::Comment],
            "{needle}"
        );
    }
    assert_dropped(&document, &["Antworten", "Schreibe einen", "Impressum"]);
    assert_eq!(
        kinds_holding(&document, "früh losgefahren"),
        [BlockKind::Paragraph]
    );
}

/// Issue #12: a Turkish news page's comment widget (`Yorumlar (3)`, `Yorum yaz`, `Yanıtla`,
/// `Beğen (12)`) opens the comment tail, and its related-links box (`İlgili Haberler`, with
/// the dotted capital) and share buttons are dropped.
#[test]
fn turkish_comment_widget_and_chrome_are_recognised_issue_12() {
    let text = "Sahilde yeni yürüyüş yolu açıldı\n\
        Belediye, sahil boyunca uzanan iki kilometrelik yürüyüş yolunu dün hizmete açtı.\n\
        Paylaş\n\
        Abone ol\n\
        Yolun bir bölümü bisikletliler için ayrıldı ve akşamları aydınlatılıyor.\n\
        İlgili Haberler\n\
        Yorumlar (2)\n\
        Yorum yaz\n\
        Mert Yılmaz\n\
        1 saat önce\n\
        Çok güzel olmuş, akşam yürüyüşüne gittik.\n\
        Yanıtla\n\
        Beğen (4)\n\
        deniz_kenari\n\
        2 saat önce\n\
        Bankların sayısı biraz az ama yine de güzel.\n\
        Yanıtla\n";
    let (document, _) = structure_text(text, &StructureRules::default());
    assert_dropped(
        &document,
        &[
            "Paylaş",
            "Abone ol",
            "İlgili",
            "Yorumlar (2)",
            "Yorum yaz",
            "Yanıtla",
        ],
    );
    for needle in ["akşam yürüyüşüne", "Bankların", "Mert Yılmaz"] {
        assert_eq!(
            kinds_holding(&document, needle),
            [BlockKind::Comment],
            "{needle}"
        );
    }
    assert_eq!(
        kinds_holding(&document, "aydınlatılıyor"),
        [BlockKind::Paragraph]
    );
}

/// Issue #12: a board's footer (`광고`, `회사소개`, `이용약관`, `Copyright ©`) right under
/// the last comment, with no blank line between, is the page's, not that comment's; and a
/// short comment under its stamp stays a comment.
#[test]
fn a_footer_run_under_the_last_comment_is_dropped_issue_12() {
    let text = "동네 도서관 야간 개관 시작\n\
        구립 도서관이 이번 달부터 평일 밤 10시까지 문을 엽니다.\n\
        열람실과 자료실 모두 같은 시간까지 이용할 수 있습니다.\n\
        \n\
        댓글 2\n\
        책벌레\n\
        2026.11.02 21:14\n\
        드디어!\n\
        산책길\n\
        2026.11.02 22:40\n\
        퇴근길에 들러야겠네요 ㅎㅎ\n\
        광고\n\
        회사소개\n\
        이용약관\n\
        개인정보처리방침\n\
        Copyright © 동네소식 All rights reserved.\n";
    let (document, _) = structure_text(text, &StructureRules::default());
    assert_dropped(
        &document,
        &[
            "광고",
            "회사소개",
            "이용약관",
            "개인정보처리방침",
            "Copyright",
        ],
    );
    for needle in ["드디어!", "퇴근길에"] {
        assert_eq!(
            kinds_holding(&document, needle),
            [BlockKind::Comment],
            "{needle}"
        );
    }
    assert_eq!(kinds_holding(&document, "야간"), [BlockKind::Heading]);
}

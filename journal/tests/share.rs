//! A leader and a coach, each with their own journal, exchange reflections and comments
//! through bundle files only.

#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use std::collections::BTreeMap;
use waymark_journal::framework::TagId;
use waymark_journal::share::{
    BundleKind, Direction, NewComment, ShareCode, ShareError, ShareFields,
};
use waymark_journal::{
    EntryDraft, EntryId, Journal, JournalError, ListFilter, SearchOptions, Template,
};

fn rolfe(title: &str, what: &str, so_what: &str) -> EntryDraft {
    EntryDraft {
        code: Vec::new(),
        title: title.into(),
        body: "Private notes about the people involved.".into(),
        template: Template::Rolfe,
        fields: BTreeMap::from([
            ("what".to_owned(), what.to_owned()),
            ("so-what".to_owned(), so_what.to_owned()),
        ]),
        date: NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
        tags: vec![TagId("hosting-style".into())],
        labels: vec!["forum".into()],
        starred: true,
    }
}

fn search(journal: &Journal, query: &str) -> Vec<EntryId> {
    journal.flush().unwrap();
    journal
        .search(
            query,
            &SearchOptions {
                limit: 50,
                ..Default::default()
            },
        )
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

struct Pair {
    _dirs: (tempfile::TempDir, tempfile::TempDir, tempfile::TempDir),
    leader: Journal,
    coach: Journal,
    out: std::path::PathBuf,
}

fn pair() -> Pair {
    let (l, c, o) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let leader = Journal::open(l.path()).unwrap();
    let coach = Journal::open(c.path()).unwrap();
    leader.set_identity_name("Lee Leader").unwrap();
    coach.set_identity_name("Cath Coach").unwrap();
    let lcode = leader.identity().unwrap().code;
    let ccode = coach.identity().unwrap().code;
    leader.add_contact(&ccode, None).unwrap();
    coach.add_contact(&lcode, None).unwrap();
    let out = o.path().to_path_buf();
    Pair {
        _dirs: (l, c, o),
        leader,
        coach,
        out,
    }
}

#[test]
fn identities_and_contacts() {
    let p = pair();
    let me = p.leader.identity().unwrap();
    assert_eq!(me.name, "Lee Leader");
    assert!(me.code.starts_with("waymark1:"));
    assert_eq!(me.fingerprint.len(), 24);
    assert_eq!(p.leader.identity().unwrap(), me, "made once, then kept");
    let code = ShareCode::parse(&me.code).unwrap();
    assert_eq!(code.fingerprint(), me.fingerprint);
    // The coach sees the same fingerprint for the leader as the leader does.
    assert_eq!(
        p.coach.contact("lee leader").unwrap().fingerprint,
        me.fingerprint
    );

    let err = |r: Result<_, JournalError>| match r {
        Err(JournalError::Share(e)) => e,
        Err(other) => panic!("expected a share error, got {other}"),
        Ok(_) => panic!("expected an error"),
    };
    assert!(matches!(
        err(p.leader.add_contact("waymark1:not-base64!!", None)),
        ShareError::BadCode { .. }
    ));
    assert!(matches!(
        err(p.leader.add_contact("hello", None)),
        ShareError::BadCode { .. }
    ));
    assert_eq!(
        err(p.leader.add_contact(&me.code, None)),
        ShareError::OwnCode
    );
    let coach_code = p.coach.identity().unwrap().code;
    assert!(matches!(
        err(p.leader.add_contact(&coach_code, None)),
        ShareError::DuplicateContact {
            same_keys: true,
            ..
        }
    ));
    let other = Journal::open_in_memory().unwrap();
    other.set_identity_name("Cath Coach").unwrap();
    assert!(matches!(
        err(p.leader.add_contact(&other.identity().unwrap().code, None)),
        ShareError::DuplicateContact {
            same_keys: false,
            ..
        }
    ));
    p.leader
        .add_contact(&other.identity().unwrap().code, Some("Cath Two"))
        .unwrap();
    assert_eq!(p.leader.contacts().unwrap().len(), 2);
    p.leader.remove_contact("cath two").unwrap();
    assert_eq!(p.leader.contacts().unwrap().len(), 1);
    assert!(matches!(
        err(p.leader.remove_contact("nobody")),
        ShareError::NoSuchContact { .. }
    ));
}

#[test]
fn a_full_round_trip_duplicates_nothing_and_loses_nothing() {
    let p = pair();
    let forum = p
        .leader
        .create(rolfe(
            "Hosting the neighbourhood forum",
            "I let the room set the agenda.",
            "Sharing power made people speak.",
        ))
        .unwrap();
    let board = p
        .leader
        .create(rolfe(
            "Board paper",
            "The board asked hard questions.",
            "I stayed curious.",
        ))
        .unwrap();
    let ids = [forum.id, board.id];

    // Share 1: whole entries.
    let bundle1 = p.out.join("one.waymark");
    let sent = p
        .leader
        .share("Cath Coach", &ids, &ShareFields::Whole, &bundle1)
        .unwrap();
    assert_eq!((sent.sequence, sent.entries), (1, 2));
    let got = p.coach.receive(&bundle1).unwrap();
    assert_eq!((got.entries_added, got.from.as_str()), (2, "Lee Leader"));
    let mut changed = got.changed.clone();
    changed.sort();
    let mut both = ids.to_vec();
    both.sort();
    assert_eq!(changed, both, "the report names the entries that arrived");

    // The coach's own journal is untouched; the leader's entries are in theirs.
    assert_eq!(p.coach.count().unwrap(), 0);
    assert_eq!(p.coach.coachees().unwrap().len(), 1);
    {
        let sub = p.coach.coachee_journal("Lee Leader").unwrap();
        assert_eq!(sub.count().unwrap(), 2);
        assert_eq!(search(&sub, "agenda"), [forum.id]);
        assert_eq!(sub.get(forum.id).unwrap().draft, forum.draft);
    }

    // The coach comments on a shared entry, on one field.
    let c1 = p
        .coach
        .add_comment(
            forum.id,
            NewComment {
                text: "What did *the quiet ones* say?".into(),
                anchor: Some("so-what".into()),
                reply_to: None,
            },
        )
        .unwrap();
    assert!(c1.mine);
    let fb = p.out.join("feedback.waymark");
    let fsent = p.coach.feedback("Lee Leader", &fb).unwrap();
    assert_eq!((fsent.sequence, fsent.comments), (1, 1));
    let fgot = p.leader.receive(&fb).unwrap();
    assert_eq!(fgot.comments_added, 1);
    assert_eq!(fgot.changed, [forum.id], "the entry that has new comments");
    let on_forum = p.leader.comments(forum.id).unwrap();
    assert_eq!(on_forum.len(), 1);
    assert_eq!(on_forum[0].author, "Cath Coach");
    assert!(!on_forum[0].mine, "marked as the coach's");
    assert_eq!(on_forum[0].anchor.as_deref(), Some("so-what"));
    assert!(on_forum[0].to_html().contains("<em>the quiet ones</em>"));

    // The same feedback again is a replay: reported as such, and changes nothing.
    let again = p.leader.receive(&fb).unwrap();
    assert!(again.already_received, "{again:?}");
    assert_eq!(again.comments_added, 0);
    assert_eq!(p.leader.comments(forum.id).unwrap().len(), 1);

    // The leader replies and edits an entry, then shares again with fields only.
    let reply = p
        .leader
        .add_comment(
            forum.id,
            NewComment {
                text: "They said it felt like their meeting.".into(),
                anchor: None,
                reply_to: Some(c1.id),
            },
        )
        .unwrap();
    let mut draft = forum.draft.clone();
    draft
        .fields
        .insert("now-what".into(), "Ask the quietest voices first.".into());
    p.leader.update(forum.id, draft).unwrap();
    let bundle2 = p.out.join("two.waymark");
    let preview = p
        .leader
        .share_preview(
            "Cath Coach",
            &ids,
            &ShareFields::Only(vec!["so-what".into(), "now-what".into()]),
        )
        .unwrap();
    assert!(preview.entries.iter().all(|e| e.draft.body.is_empty()
        && !e.draft.fields.contains_key("what")
        && e.draft.labels.is_empty()));
    assert_eq!(preview.comments.len(), 1);
    let sent2 = p
        .leader
        .share(
            "Cath Coach",
            &ids,
            &ShareFields::Only(vec!["so-what".into(), "now-what".into()]),
            &bundle2,
        )
        .unwrap();
    assert_eq!((sent2.sequence, sent2.comments), (2, 1));
    let got2 = p.coach.receive(&bundle2).unwrap();
    assert_eq!(got2.entries_added, 0, "nothing duplicated");
    assert_eq!(got2.entries_updated, 2);
    assert_eq!(got2.comments_added, 1);
    {
        let sub = p.coach.coachee_journal("Lee Leader").unwrap();
        assert_eq!(sub.count().unwrap(), 2);
        let now = sub.get(forum.id).unwrap();
        assert_eq!(
            now.draft.fields["now-what"],
            "Ask the quietest voices first."
        );
        assert!(now.draft.body.is_empty() && !now.draft.fields.contains_key("what"));
        assert_eq!(search(&sub, "quietest"), [forum.id]);
        assert_eq!(sub.list(&ListFilter::default()).unwrap().len(), 2);
    }
    let thread = p.coach.comments(forum.id).unwrap();
    assert_eq!(thread.len(), 2);
    assert_eq!(thread[1].id, reply.id);
    assert_eq!(thread[1].author, "Lee Leader");
    assert_eq!(thread[1].reply_to, Some(c1.id));

    // Coach replies; feedback resends everything; the leader keeps one copy of each.
    p.coach
        .add_comment(
            forum.id,
            NewComment {
                text: "Good. Try it at the next forum.".into(),
                anchor: None,
                reply_to: Some(reply.id),
            },
        )
        .unwrap();
    let fb2 = p.out.join("feedback2.waymark");
    assert_eq!(p.coach.feedback("Lee Leader", &fb2).unwrap().comments, 2);
    let fgot2 = p.leader.receive(&fb2).unwrap();
    assert_eq!((fgot2.comments_added, fgot2.comments_unchanged), (1, 1));
    assert_eq!(p.leader.comments(forum.id).unwrap().len(), 3);
    assert_eq!(p.leader.comments(board.id).unwrap().len(), 0);
    let counts = p.leader.comment_counts().unwrap();
    assert_eq!(counts.into_iter().collect::<Vec<_>>(), [(forum.id, 3)]);

    // Sharing the same again: nothing changes on the coach's side.
    let bundle3 = p.out.join("three.waymark");
    p.leader
        .share(
            "Cath Coach",
            &ids,
            &ShareFields::Only(vec!["so-what".into(), "now-what".into()]),
            &bundle3,
        )
        .unwrap();
    let got3 = p.coach.receive(&bundle3).unwrap();
    assert_eq!(
        (
            got3.entries_added,
            got3.entries_updated,
            got3.entries_unchanged
        ),
        (0, 0, 2)
    );
    assert!(got3.changed.is_empty());
    assert_eq!(p.coach.comments(forum.id).unwrap().len(), 3);

    // Both logs record every bundle.
    let log = p.leader.share_log().unwrap();
    assert_eq!(log.len(), 5);
    assert_eq!(log[0].direction, Direction::Sent);
    assert_eq!(log[0].kind, BundleKind::Entries);
    // Stored and sent to the UI as the same lowercase words as before they were typed.
    let line = serde_json::to_value(&log[0]).unwrap();
    assert_eq!(
        (&line["direction"], &line["kind"]),
        (&serde_json::json!("sent"), &serde_json::json!("entries"))
    );
    let coach_log = p.coach.share_log().unwrap();
    assert_eq!(coach_log[0].direction, Direction::Received);
    assert_eq!(log[0].fields.as_ref().map(Vec::len), Some(2));
    assert_eq!(p.coach.share_log().unwrap().len(), 5);
}

#[test]
fn a_coach_sees_each_coachee_and_searches_one_or_all() {
    let p = pair();
    // A second leader, sharing with the same coach.
    let second_dir = tempfile::tempdir().unwrap();
    let second = Journal::open(second_dir.path()).unwrap();
    second.set_identity_name("Sam Second").unwrap();
    second
        .add_contact(&p.coach.identity().unwrap().code, None)
        .unwrap();
    p.coach
        .add_contact(&second.identity().unwrap().code, None)
        .unwrap();
    assert!(p.coach.coachee_summaries().unwrap().is_empty());

    let lee = p
        .leader
        .create(rolfe("Forum", "The room set the agenda.", "Power shared."))
        .unwrap();
    let sam = second
        .create(rolfe(
            "Ward round",
            "I set the agenda alone.",
            "Too much control.",
        ))
        .unwrap();
    let sam2 = second
        .create(rolfe("Rota", "A quiet week.", "Nothing to note."))
        .unwrap();
    let (lee_file, sam_file) = (p.out.join("lee.waymark"), p.out.join("sam.waymark"));
    p.leader
        .share("Cath Coach", &[lee.id], &ShareFields::Whole, &lee_file)
        .unwrap();
    second
        .share(
            "Cath Coach",
            &[sam.id, sam2.id],
            &ShareFields::Whole,
            &sam_file,
        )
        .unwrap();
    p.coach.receive(&lee_file).unwrap();
    p.coach.receive(&sam_file).unwrap();

    // Holding one coachee's journal does not stop commenting on it (no second open).
    let held = p.coach.coachee_journal("Sam Second").unwrap();
    p.coach
        .add_comment(
            sam.id,
            NewComment {
                text: "Who else could set it?".into(),
                ..NewComment::default()
            },
        )
        .unwrap();
    assert_eq!(held.count().unwrap(), 2);

    let summaries = p.coach.coachee_summaries().unwrap();
    let seen: Vec<(&str, usize, usize)> = summaries
        .iter()
        .map(|s| (s.coachee.name.as_str(), s.entries, s.my_comments))
        .collect();
    assert_eq!(seen, [("Lee Leader", 1, 0), ("Sam Second", 2, 1)]);
    assert!(summaries.iter().all(|s| s.last_received.is_some()));

    let options = SearchOptions {
        limit: 20,
        ..Default::default()
    };
    let all = p.coach.search_coachees("agenda", &options, None).unwrap();
    let found: Vec<(&str, Vec<EntryId>)> = all
        .iter()
        .map(|r| {
            (
                r.coachee.name.as_str(),
                r.results.hits.iter().map(|h| h.id).collect(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [("Lee Leader", vec![lee.id]), ("Sam Second", vec![sam.id])]
    );
    let one = p
        .coach
        .search_coachees("agenda", &options, Some("sam second"))
        .unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].results.total, 1);
    assert!(matches!(
        p.coach.search_coachees("agenda", &options, Some("Nobody")),
        Err(JournalError::Share(ShareError::NoSuchContact { .. }))
    ));
    // The coach's own journal holds none of it.
    assert!(search(&p.coach, "agenda").is_empty());

    // Removed from contacts, Sam's entries stay listed, marked, until deleted.
    drop(held);
    p.coach.remove_contact("Sam Second").unwrap();
    let listed: Vec<(String, bool, usize)> = p
        .coach
        .coachee_summaries()
        .unwrap()
        .into_iter()
        .map(|s| (s.coachee.name, s.coachee.removed, s.entries))
        .collect();
    assert_eq!(
        listed,
        [
            ("Lee Leader".into(), false, 1),
            ("Sam Second".into(), true, 2)
        ]
    );
    let (gone, entries) = p.coach.delete_shared_by("Sam Second").unwrap();
    assert_eq!((gone.name.as_str(), entries), ("Sam Second", 2));
    assert_eq!(p.coach.coachee_summaries().unwrap().len(), 1);
}

#[test]
fn sharing_refuses_what_cannot_go() {
    let p = pair();
    let e = p.leader.create(rolfe("A", "b", "c")).unwrap();
    let out = p.out.join("x.waymark");
    let share_err = |ids: &[EntryId], fields: ShareFields, to: &str| match p
        .leader
        .share(to, ids, &fields, &out)
    {
        Err(e) => e,
        Ok(_) => panic!("expected a refusal"),
    };
    assert!(matches!(
        share_err(&[], ShareFields::Whole, "Cath Coach"),
        JournalError::Share(ShareError::NothingToShare)
    ));
    assert!(matches!(
        share_err(
            &[e.id],
            ShareFields::Only(vec!["facts".into()]),
            "Cath Coach"
        ),
        JournalError::Share(ShareError::UnknownField { .. })
    ));
    assert!(matches!(
        share_err(&[e.id], ShareFields::Whole, "Nobody"),
        JournalError::Share(ShareError::NoSuchContact { .. })
    ));
    p.leader.delete(e.id).unwrap();
    assert!(matches!(
        share_err(&[e.id], ShareFields::Whole, "Cath Coach"),
        JournalError::InBin(_)
    ));
    assert!(!out.exists());
    assert!(matches!(
        p.coach.feedback("Lee Leader", &out),
        Err(JournalError::Share(ShareError::NoComments { .. }))
    ));
    assert!(p.leader.share_log().unwrap().is_empty());
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for item in std::fs::read_dir(from).unwrap() {
        let item = item.unwrap();
        let dest = to.join(item.file_name());
        if item.file_type().unwrap().is_dir() {
            copy_dir(&item.path(), &dest);
        } else {
            std::fs::copy(item.path(), dest).unwrap();
        }
    }
}

/// #11 item 5: a leader restores an older copy of their journal; the bundles they make
/// afterwards reuse numbers the coach has seen, and are still received.
#[test]
fn bundles_made_after_the_leader_restores_an_older_copy_are_received() {
    let p = pair();
    let leader_dir = p.out.join("leader");
    let backup = p.out.join("backup");
    let leader = Journal::open(&leader_dir).unwrap();
    leader.set_identity_name("Lee Leader").unwrap();
    let coach_code = p.coach.identity().unwrap().code;
    leader.add_contact(&coach_code, None).unwrap();
    p.coach
        .add_contact(&leader.identity().unwrap().code, Some("Lee Two"))
        .unwrap();
    let one = leader.create(rolfe("One", "First.", "So.")).unwrap();
    let b1 = p.out.join("b1.waymark");
    leader
        .share("Cath Coach", &[one.id], &ShareFields::Whole, &b1)
        .unwrap();
    p.coach.receive(&b1).unwrap();
    drop(leader);
    copy_dir(&leader_dir, &backup);

    let leader = Journal::open(&leader_dir).unwrap();
    let two = leader.create(rolfe("Two", "Second.", "So.")).unwrap();
    let b2 = p.out.join("b2.waymark");
    let sent = leader
        .share("Cath Coach", &[two.id], &ShareFields::Whole, &b2)
        .unwrap();
    assert_eq!(sent.sequence, 2);
    p.coach.receive(&b2).unwrap();
    drop(leader);

    // The leader's disk fails; they restore the copy made after bundle 1.
    std::fs::remove_dir_all(&leader_dir).unwrap();
    copy_dir(&backup, &leader_dir);
    let leader = Journal::open(&leader_dir).unwrap();
    let three = leader.create(rolfe("Three", "Third.", "So.")).unwrap();
    let b3 = p.out.join("b3.waymark");
    let sent = leader
        .share("Cath Coach", &[three.id], &ShareFields::Whole, &b3)
        .unwrap();
    assert_eq!(
        sent.sequence, 2,
        "the restored journal numbers from its copy"
    );
    let got = p
        .coach
        .receive(&b3)
        .expect("a new bundle, though its number was seen");
    assert_eq!(got.entries_added, 1);
    let sub = p.coach.coachee_journal("Lee Two").unwrap();
    assert_eq!(sub.count().unwrap(), 3, "One, Two and Three are all there");
    assert!(p.coach.receive(&b3).unwrap().already_received);
}

/// #11 item 6: after the leader purges a shared entry the coach commented on, later
/// feedback still arrives: comments on the entry that is gone are left out and counted.
#[test]
fn feedback_after_the_leader_purges_a_commented_entry_still_arrives() {
    let p = pair();
    let forum = p
        .leader
        .create(rolfe("Forum", "I hosted.", "Space."))
        .unwrap();
    let board = p
        .leader
        .create(rolfe("Board", "I presented.", "Data."))
        .unwrap();
    let share = p.out.join("share.waymark");
    p.leader
        .share(
            "Cath Coach",
            &[forum.id, board.id],
            &ShareFields::Whole,
            &share,
        )
        .unwrap();
    p.coach.receive(&share).unwrap();
    let note = |text: &str| NewComment {
        text: text.into(),
        anchor: None,
        reply_to: None,
    };
    p.coach.add_comment(forum.id, note("On the forum")).unwrap();
    let f1 = p.out.join("f1.waymark");
    p.coach.feedback("Lee Leader", &f1).unwrap();
    p.leader.receive(&f1).unwrap();

    p.leader.delete(forum.id).unwrap();
    p.leader.purge(forum.id).unwrap();
    p.coach.add_comment(board.id, note("On the board")).unwrap();
    let f2 = p.out.join("f2.waymark");
    p.coach.feedback("Lee Leader", &f2).unwrap();
    let got = p
        .leader
        .receive(&f2)
        .expect("a comment on a purged entry does not stop the rest");
    assert_eq!(got.comments_added, 1, "{got:?}");
    assert_eq!(
        got.comments_skipped, 1,
        "the forum comment, counted: {got:?}"
    );
    assert_eq!(p.leader.comments(board.id).unwrap().len(), 1);
}

/// Whether `text` appears anywhere in the files of the journal folder `dir` (the
/// database, its log, the search index): what `strings` would find.
fn words_on_disk(dir: &std::path::Path, text: &str) -> bool {
    fn walk(dir: &std::path::Path, text: &[u8]) -> bool {
        std::fs::read_dir(dir).unwrap().any(|e| {
            let path = e.unwrap().path();
            if path.is_dir() {
                walk(&path, text)
            } else {
                let bytes = std::fs::read(&path).unwrap();
                bytes.windows(text.len()).any(|w| w == text)
            }
        })
    }
    walk(dir, text.as_bytes())
}

#[test]
fn a_coach_edits_then_withdraws_a_comment_and_a_late_bundle_never_undoes_it() {
    let p = pair();
    let forum = p
        .leader
        .create(rolfe("Forum", "I hosted.", "Space."))
        .unwrap();
    let share = p.out.join("share.waymark");
    p.leader
        .share("Cath Coach", &[forum.id], &ShareFields::Whole, &share)
        .unwrap();
    p.coach.receive(&share).unwrap();
    let first = p
        .coach
        .add_comment(
            forum.id,
            NewComment {
                text: "You talked over the quietest carer".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let bundle = |name: &str| {
        let path = p.out.join(name);
        p.coach.feedback("Lee Leader", &path).unwrap();
        path
    };
    let (f1, f2, f3);
    f1 = bundle("f1.waymark");
    let edited = p
        .coach
        .edit_comment(first.id, "What did the quietest carer need from you?")
        .unwrap();
    assert_eq!((edited.revision, edited.edited_at.is_some()), (2, true));
    f2 = bundle("f2.waymark");
    let withdrawn = p.coach.withdraw_comment(first.id).unwrap();
    assert_eq!(withdrawn.revision, 3);
    assert!(withdrawn.text.is_empty() && withdrawn.withdrawn_at.is_some());
    f3 = bundle("f3.waymark");

    // The leader gets the first words, then the withdrawal, then the edit late.
    p.leader.receive(&f1).unwrap();
    assert_eq!(
        p.leader.comments(forum.id).unwrap()[0].text,
        "You talked over the quietest carer"
    );
    let got = p.leader.receive(&f3).unwrap();
    assert_eq!((got.comments_revised, got.changed.len()), (1, 1), "{got:?}");
    let late = p.leader.receive(&f2).unwrap();
    assert_eq!(
        (late.comments_revised, late.comments_unchanged),
        (0, 1),
        "a late edit does not bring withdrawn words back: {late:?}"
    );
    let now = p.leader.comments(forum.id).unwrap();
    assert!(now[0].withdrawn_at.is_some() && now[0].text.is_empty());
    assert_eq!(p.leader.comment_counts().unwrap().get(&forum.id), None);
    // Gone from both journals' files, not only from the screen.
    for dir in [p.leader.dir().unwrap(), p.coach.dir().unwrap()] {
        assert!(!words_on_disk(dir, "quietest carer"), "{}", dir.display());
    }

    // Only the author may edit; a withdrawn comment cannot be edited; unknown ids say so.
    let err = |r: Result<_, JournalError>| match r {
        Err(JournalError::Share(e)) => e,
        other => panic!("expected a share error, got {other:?}"),
    };
    assert!(matches!(
        err(p.leader.edit_comment(first.id, "Nice work")),
        ShareError::NotYourComment { author } if author == "Cath Coach"
    ));
    assert!(matches!(
        err(p.leader.withdraw_comment(first.id)),
        ShareError::NotYourComment { .. }
    ));
    assert_eq!(
        err(p.coach.edit_comment(first.id, "Second thoughts")),
        ShareError::CommentWithdrawn
    );
    assert!(matches!(
        err(p.coach.edit_comment(first.id, "  ")),
        ShareError::BadComment { .. }
    ));
    let stranger = "0192f0c1-7f3a-7cde-8a11-cccccccccccc".parse().unwrap();
    assert!(matches!(
        err(p.coach.withdraw_comment(stranger)),
        ShareError::NoSuchComment { .. }
    ));
}

#[test]
fn a_leader_edits_a_reply_and_it_reaches_the_coach_with_the_next_share() {
    let p = pair();
    let forum = p
        .leader
        .create(rolfe("Forum", "I hosted.", "Space."))
        .unwrap();
    let board = p
        .leader
        .create(rolfe("Board", "I presented.", "Data."))
        .unwrap();
    let s1 = p.out.join("s1.waymark");
    p.leader
        .share("Cath Coach", &[forum.id], &ShareFields::Whole, &s1)
        .unwrap();
    p.coach.receive(&s1).unwrap();
    let question = p
        .coach
        .add_comment(
            forum.id,
            NewComment {
                text: "Who spoke least?".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let f1 = p.out.join("f1.waymark");
    p.coach.feedback("Lee Leader", &f1).unwrap();
    p.leader.receive(&f1).unwrap();
    let reply = p
        .leader
        .add_comment(
            forum.id,
            NewComment {
                text: "The night staff".into(),
                reply_to: Some(question.id),
                ..Default::default()
            },
        )
        .unwrap();
    let s2 = p.out.join("s2.waymark");
    p.leader
        .share("Cath Coach", &[forum.id], &ShareFields::Whole, &s2)
        .unwrap();
    p.coach.receive(&s2).unwrap();
    p.leader
        .edit_comment(reply.id, "The night staff, and the two students")
        .unwrap();
    // The next share is of another entry; the edited reply goes with it.
    let s3 = p.out.join("s3.waymark");
    let sent = p
        .leader
        .share("Cath Coach", &[board.id], &ShareFields::Whole, &s3)
        .unwrap();
    assert_eq!(sent.comments, 1, "{sent:?}");
    let got = p.coach.receive(&s3).unwrap();
    assert_eq!(got.comments_revised, 1, "{got:?}");
    let at_coach = p.coach.comments(forum.id).unwrap();
    let reply_there = at_coach.iter().find(|c| c.id == reply.id).unwrap();
    assert_eq!(reply_there.text, "The night staff, and the two students");
    assert!(reply_there.edited_at.is_some());
}

#[test]
fn a_leader_withdraws_an_entry_and_the_coach_copy_goes_whatever_order_bundles_arrive() {
    let p = pair();
    let forum = p
        .leader
        .create(rolfe("Forum", "I hosted the carers forum.", "Space."))
        .unwrap();
    let board = p
        .leader
        .create(rolfe("Board", "I presented.", "Data."))
        .unwrap();
    let file = |name: &str| p.out.join(name);
    p.leader
        .share(
            "Cath Coach",
            &[forum.id, board.id],
            &ShareFields::Whole,
            &file("s1.waymark"),
        )
        .unwrap();
    p.coach.receive(&file("s1.waymark")).unwrap();
    p.coach
        .add_comment(
            forum.id,
            NewComment {
                text: "A thought on the forum".into(),
                ..Default::default()
            },
        )
        .unwrap();

    // Never shared with them: nothing to withdraw.
    let other = p.leader.create(rolfe("Other", "x", "y")).unwrap();
    assert!(matches!(
        p.leader
            .withdraw_share(other.id, "Cath Coach", &file("x.waymark")),
        Err(JournalError::Share(ShareError::NotSharedWith { .. }))
    ));

    let w = p
        .leader
        .withdraw_share(forum.id, "Cath Coach", &file("w1.waymark"))
        .unwrap();
    assert_eq!((w.entries, w.withdrawn), (0, 1));
    let shares = p.leader.entry_shares(forum.id).unwrap();
    assert_eq!(shares.len(), 1);
    assert_eq!(shares[0].contact, "Cath Coach");
    assert!(shares[0].withdrawn_at.is_some());
    // Later bundles say it again, in case the first was lost.
    let s2 = p
        .leader
        .share(
            "Cath Coach",
            &[board.id],
            &ShareFields::Whole,
            &file("s2.waymark"),
        )
        .unwrap();
    assert_eq!(s2.withdrawn, 1);

    let got = p.coach.receive(&file("s2.waymark")).unwrap();
    assert_eq!(got.entries_withdrawn, 1, "{got:?}");
    let sub = p.coach.coachee_journal("Lee Leader").unwrap();
    assert!(matches!(sub.get(forum.id), Err(JournalError::NotFound(_))));
    assert_eq!(sub.count().unwrap(), 1, "the board stays");
    assert!(search(&sub, "carers").is_empty());
    sub.settle();
    assert!(
        !words_on_disk(p.coach.dir().unwrap(), "carers forum"),
        "no trace of the withdrawn words in the coach's files"
    );
    // The first withdrawal arriving late changes nothing more.
    let late = p.coach.receive(&file("w1.waymark")).unwrap();
    assert_eq!(late.entries_withdrawn, 0);
    // A bundle made before the withdrawal, delivered after it: the entry stays gone.
    let log = p.coach.share_log().unwrap();
    assert_eq!(log[0].withdrawn, vec![forum.id]);

    // Shared again: it comes back, and an older withdrawal delivered late cannot remove it.
    let s3 = p
        .leader
        .share(
            "Cath Coach",
            &[forum.id],
            &ShareFields::Whole,
            &file("s3.waymark"),
        )
        .unwrap();
    assert_eq!(s3.withdrawn, 0, "sharing again lifts the withdrawal");
    assert_eq!(
        p.leader.entry_shares(forum.id).unwrap()[0].withdrawn_at,
        None
    );
    p.coach.receive(&file("s3.waymark")).unwrap();
    assert_eq!(sub.get(forum.id).unwrap().draft.title, "Forum");
}

#[test]
fn an_entry_shared_before_its_withdrawal_and_delivered_after_it_stays_gone() {
    let p = pair();
    let forum = p
        .leader
        .create(rolfe("Forum", "I hosted.", "Space."))
        .unwrap();
    let board = p
        .leader
        .create(rolfe("Board", "I presented.", "Data."))
        .unwrap();
    let file = |name: &str| p.out.join(name);
    p.leader
        .share(
            "Cath Coach",
            &[board.id],
            &ShareFields::Whole,
            &file("s1.waymark"),
        )
        .unwrap();
    p.coach.receive(&file("s1.waymark")).unwrap();
    // Shared, then withdrawn before the coach receives either.
    p.leader
        .share(
            "Cath Coach",
            &[forum.id],
            &ShareFields::Whole,
            &file("s2.waymark"),
        )
        .unwrap();
    p.leader
        .withdraw_share(forum.id, "Cath Coach", &file("w.waymark"))
        .unwrap();
    p.coach.receive(&file("w.waymark")).unwrap();
    let got = p.coach.receive(&file("s2.waymark")).unwrap();
    assert_eq!((got.entries_added, got.entries_older), (0, 1), "{got:?}");
    let sub = p.coach.coachee_journal("Lee Leader").unwrap();
    assert!(matches!(sub.get(forum.id), Err(JournalError::NotFound(_))));
}

#[test]
fn a_cancelled_receive_changes_nothing_and_the_file_can_be_received_later() {
    let p = pair();
    let forum = p
        .leader
        .create(rolfe("Forum", "I hosted.", "Space."))
        .unwrap();
    let share = p.out.join("share.waymark");
    p.leader
        .share("Cath Coach", &[forum.id], &ShareFields::Whole, &share)
        .unwrap();
    // Cancelled at the first check (file read) and at the second (bundle checked).
    for checks_before_cancel in [0, 1] {
        let asked = std::cell::Cell::new(0);
        let cancelled = || {
            asked.set(asked.get() + 1);
            asked.get() > checks_before_cancel
        };
        assert!(matches!(
            p.coach.receive_unless(&share, &cancelled),
            Err(JournalError::Share(ShareError::Cancelled))
        ));
        assert_eq!(asked.get(), checks_before_cancel + 1);
        assert!(p.coach.coachees().unwrap().is_empty(), "nothing received");
        assert!(p.coach.share_log().unwrap().is_empty());
    }
    let got = p.coach.receive(&share).unwrap();
    assert_eq!((got.entries_added, got.already_received), (1, false));
}

#[test]
fn what_arrived_stays_new_until_its_entry_is_opened_even_across_a_restart() {
    let p = pair();
    let forum = p
        .leader
        .create(rolfe("Forum", "I hosted.", "Space."))
        .unwrap();
    let share = p.out.join("s1.waymark");
    p.leader
        .share("Cath Coach", &[forum.id], &ShareFields::Whole, &share)
        .unwrap();
    p.coach.receive(&share).unwrap();

    // The coach: a newly shared entry is new, and their own comment never is.
    let lee = Some("Lee Leader");
    let news = p.coach.unseen_in(lee).unwrap();
    assert_eq!(news.len(), 1);
    assert!(news[&forum.id].entry && news[&forum.id].comments.is_empty());
    assert_eq!(p.coach.coachee_summaries().unwrap()[0].unseen, 1);
    let question = p
        .coach
        .add_comment(
            forum.id,
            NewComment {
                text: "Who spoke first?".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(
        p.coach.unseen_in(lee).unwrap()[&forum.id]
            .comments
            .is_empty()
    );
    p.coach.mark_seen_in(lee, forum.id).unwrap();
    assert!(p.coach.unseen_in(lee).unwrap().is_empty());
    assert_eq!(p.coach.coachee_summaries().unwrap()[0].unseen, 0);

    // The leader: the coach's comment is new until the entry is opened, restart or not.
    let feedback = p.out.join("f1.waymark");
    p.coach.feedback("Lee Leader", &feedback).unwrap();
    p.leader.receive(&feedback).unwrap();
    let news = p.leader.unseen_in(None).unwrap();
    assert_eq!(news[&forum.id].comments, [question.id]);
    assert!(
        !news[&forum.id].entry,
        "the leader's own entry is not news to them"
    );
    let reply = p
        .leader
        .add_comment(
            forum.id,
            NewComment {
                text: "The residents did.".into(),
                reply_to: Some(question.id),
                ..Default::default()
            },
        )
        .unwrap();
    let dir = p.leader.dir().unwrap().to_path_buf();
    drop(p.leader);
    let leader = Journal::open(&dir).unwrap();
    assert_eq!(
        leader.unseen_in(None).unwrap()[&forum.id].comments,
        [question.id],
        "still new after a restart, and the reply is not"
    );
    leader.mark_seen_in(None, forum.id).unwrap();
    drop(leader);
    let leader = Journal::open(&dir).unwrap();
    assert!(
        leader.unseen_in(None).unwrap().is_empty(),
        "seen stays seen after a restart"
    );

    // The reply reaches the coach with the next share: new to them; not theirs to change.
    let share = p.out.join("s2.waymark");
    leader
        .share("Cath Coach", &[forum.id], &ShareFields::Whole, &share)
        .unwrap();
    p.coach.receive(&share).unwrap();
    let news = p.coach.unseen_in(lee).unwrap();
    assert_eq!(news[&forum.id].comments, [reply.id]);
    let err = |r: Result<_, JournalError>| match r {
        Err(JournalError::Share(e)) => e,
        other => panic!("expected a share error, got {other:?}"),
    };
    assert!(matches!(
        err(p.coach.edit_comment(reply.id, "Nice")),
        ShareError::NotYourComment { author } if author == "Lee Leader"
    ));
    assert!(matches!(
        err(p.coach.withdraw_comment(reply.id)),
        ShareError::NotYourComment { .. }
    ));
    // The coach's own comment on the coachee's entry is theirs to change.
    assert_eq!(
        p.coach
            .edit_comment(question.id, "Who spoke first, and why?")
            .unwrap()
            .revision,
        2
    );
    assert!(matches!(
        p.coach.mark_seen_in(Some("Nobody"), forum.id),
        Err(JournalError::Share(ShareError::NoSuchContact { .. }))
    ));
}

//! The journal the window works on, shared by every command: the leader's own,
//! opened at startup, or the sample journal beside it while they explore.

use crate::error::AppError;
use chrono::NaiveDate;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;
use waymark_journal::JournalError;
use waymark_journal::keys::{CredentialStore, KdfCost, OsCredentials, RecoveryKey, Secret};
use waymark_journal::{Journal, Progress, Shelf};

/// Reflections the sample journal is filled with on first use.
pub const SAMPLE_ENTRIES: usize = 500;
/// The demo generator's seed for the sample journal (the same sample every time).
pub const SAMPLE_SEED: u64 = 42;

/// How long to wait before trying a passphrase after `failures` wrong ones in a row:
/// nothing for the first three, then 1, 2, 4 … up to 30 seconds, so guessing at the
/// lock screen is slow (the key stretching already costs each guess half a second).
pub fn unlock_delay(failures: u32) -> Duration {
    match failures {
        0..=2 => Duration::ZERO,
        n => Duration::from_secs((1u64 << (n - 3).min(5)).min(30)),
    }
}

/// What the window says about the own journal while it is locked.
pub const LOCKED: &str = "the journal is locked";
/// What the window says while the journal is being moved to another folder.
pub const MOVED: &str = "the journal is being moved to another folder";
/// What commands say while a restored journal takes the place of the one in use.
pub const SWAPPING: &str = "the restored journal is being put in place of yours";
/// What the window says before the leader's first journal is made.
pub const NOT_MADE: &str = "your journal is not made yet";

/// Tauri managed state: the open journals and which one the window shows.
pub struct AppState {
    /// Where the journals are (the leader's own, the sample beside it), when the OS has
    /// a data folder for this user.
    shelf: RwLock<Option<Shelf>>,
    /// Kept as the message rather than a panic so the window can say what is wrong
    /// (most often: the journal is open in another Waymark process). Replaced when an
    /// encrypted journal is unlocked or locked.
    own: RwLock<Result<Arc<Journal>, String>>,
    /// True while the leader's own journal is encrypted and locked: its key is not in
    /// memory, and the window shows only the lock screen.
    locked: AtomicBool,
    /// True until the leader's first journal is made: the window asks whether to
    /// encrypt it (see [`AppState::create_own`]).
    needs_setup: AtomicBool,
    /// Wrong passphrases in a row: each one after the third waits longer before it
    /// is tried ([`unlock_delay`]).
    failed_unlocks: AtomicU32,
    /// The sample journal, opened the first time the leader explores it and kept
    /// open after, so going back and forth is instant.
    sample: RwLock<Option<Arc<Journal>>>,
    /// True while the window shows the sample journal.
    exploring: AtomicBool,
    /// Held while the sample journal is opened and filled, so two clicks fill it once.
    preparing: Mutex<()>,
    /// Files last dropped on the window, waiting for the leader to say whether to
    /// receive them: the shell keeps the paths, so the page never names a file.
    pub dropped: Mutex<Vec<PathBuf>>,
    /// The folder the last backup was restored into in this run, which "Use the
    /// restored journal" puts in place of the own: kept here, so the page never names
    /// a folder.
    pub restored: Mutex<Option<PathBuf>>,
    /// Set by the leader's Cancel while a bundle is being received; the receive looks
    /// at it before it changes anything (see `Journal::receive_unless`).
    pub receive_cancelled: Arc<AtomicBool>,
    /// Where "remember on this computer" keeps its secret: the OS credential store.
    credentials: Arc<dyn CredentialStore>,
}

/// How long turning encryption on waits for commands still reading the journal.
const ENCRYPT_WAIT: Duration = Duration::from_secs(30);

/// Takes the open journal out of `slot` for work that needs it to itself (encrypting,
/// moving), leaving `closed_for` there meanwhile: once the commands still using it have
/// finished (up to [`ENCRYPT_WAIT`]). If it is not open, or they do not finish, `slot`
/// is left as it was and the error says why.
fn take_sole(
    slot: &mut Result<Arc<Journal>, String>,
    closed_for: &str,
) -> Result<Journal, AppError> {
    let journal = match std::mem::replace(slot, Err(closed_for.into())) {
        Ok(journal) => journal,
        Err(message) => {
            *slot = Err(message.clone());
            return Err(AppError::Unavailable(message));
        }
    };
    sole(journal).map_err(|(shared, busy)| {
        *slot = Ok(shared);
        busy
    })
}

/// The journal itself once the commands still using it have finished (up to
/// [`ENCRYPT_WAIT`]); or it back, with the error to show, if they have not.
fn sole(mut journal: Arc<Journal>) -> Result<Journal, (Arc<Journal>, AppError)> {
    let waited = std::time::Instant::now();
    loop {
        match Arc::try_unwrap(journal) {
            Ok(only) => return Ok(only),
            Err(shared) if waited.elapsed() < ENCRYPT_WAIT => {
                journal = shared;
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(shared) => {
                return Err((
                    shared,
                    AppError::Unavailable(
                        "Waymark is still busy with your journal; try again in a moment".into(),
                    ),
                ));
            }
        }
    }
}

impl AppState {
    /// Opens the journal in `WAYMARK_DATA_DIR` or the OS data folder.
    pub fn open_default() -> AppState {
        match Shelf::usual() {
            Some(shelf) => AppState::open(shelf),
            None => AppState::with(
                None,
                Err(
                    "this computer has no data folder for your user; set WAYMARK_DATA_DIR to a folder for the journal"
                        .into(),
                ),
                Arc::new(OsCredentials),
            ),
        }
    }

    /// Opens the leader's own journal on `shelf`.
    ///
    /// An encrypted journal starts locked, waiting for [`AppState::unlock`].
    pub fn open(shelf: Shelf) -> AppState {
        AppState::open_with(shelf, Arc::new(OsCredentials))
    }

    /// [`AppState::open`] with `credentials` as the credential store.
    ///
    /// An encrypted journal this computer remembers opens with the remembered key;
    /// if the store no longer has it, the journal starts locked as any other.
    pub fn open_with(shelf: Shelf, credentials: Arc<dyn CredentialStore>) -> AppState {
        let with = |own| AppState::with(Some(shelf.clone()), own, Arc::clone(&credentials));
        if !shelf.own_exists() {
            let state = with(Err(NOT_MADE.into()));
            state.needs_setup.store(true, Ordering::Release);
            return state;
        }
        if shelf.own_is_encrypted().unwrap_or(false) {
            let remembered = Journal::is_remembered_at(shelf.own_dir())
                .unwrap_or(false)
                .then(|| {
                    Journal::unlock_remembered(shelf.own_dir(), &*credentials, &mut |_| {})
                        .ok()
                        .flatten()
                })
                .flatten();
            if let Some(journal) = remembered {
                return with(Ok(Arc::new(journal)));
            }
            let state = with(Err(LOCKED.into()));
            state.locked.store(true, Ordering::Release);
            return state;
        }
        let journal = shelf
            .open_own(&mut |_| {})
            .map(Arc::new)
            .map_err(|e| e.to_string());
        with(journal)
    }

    fn with(
        shelf: Option<Shelf>,
        own: Result<Arc<Journal>, String>,
        credentials: Arc<dyn CredentialStore>,
    ) -> AppState {
        AppState {
            shelf: RwLock::new(shelf),
            own: RwLock::new(own),
            locked: AtomicBool::new(false),
            needs_setup: AtomicBool::new(false),
            failed_unlocks: AtomicU32::new(0),
            sample: RwLock::new(None),
            exploring: AtomicBool::new(false),
            preparing: Mutex::new(()),
            dropped: Mutex::new(Vec::new()),
            restored: Mutex::new(None),
            receive_cancelled: Arc::new(AtomicBool::new(false)),
            credentials,
        }
    }

    /// The journal the window shows, or the error that stopped it opening.
    pub fn journal(&self) -> Result<Arc<Journal>, AppError> {
        if self.exploring() {
            return self
                .open_sample()
                .ok_or_else(|| AppError::Unavailable("the sample journal is not open".into()));
        }
        self.own
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .map(Arc::clone)
            .map_err(|e| AppError::Unavailable(e.clone()))
    }

    /// True until the leader's first journal is made.
    pub fn needs_setup(&self) -> bool {
        self.needs_setup.load(Ordering::Acquire)
    }

    /// Makes the leader's first journal: encrypted with `passphrase` (its recovery key
    /// is returned, to be shown once), or plain when there is none. Blocks; run it off
    /// the UI thread.
    pub fn create_own(&self, passphrase: Option<&str>) -> Result<Option<RecoveryKey>, AppError> {
        let shelf = self
            .shelf()
            .ok_or_else(|| AppError::Unavailable("there is no journal folder".into()))?;
        if !self.needs_setup() {
            return Err(AppError::Unavailable("your journal is already made".into()));
        }
        let (journal, recovery) = match passphrase {
            Some(passphrase) => {
                let (journal, recovery) =
                    shelf.create_own_encrypted(passphrase, KdfCost::DEFAULT)?;
                (journal, Some(recovery))
            }
            None => (shelf.open_own(&mut |_| {})?, None),
        };
        *self.own.write().unwrap_or_else(PoisonError::into_inner) = Ok(Arc::new(journal));
        self.needs_setup.store(false, Ordering::Release);
        Ok(recovery)
    }

    /// True while the leader's own encrypted journal is locked.
    pub fn is_locked(&self) -> bool {
        self.locked.load(Ordering::Acquire)
    }

    /// Whether the leader's own journal is encrypted (so it can be locked).
    pub fn is_encrypted(&self) -> bool {
        self.is_locked()
            || self
                .own
                .read()
                .unwrap_or_else(PoisonError::into_inner)
                .as_ref()
                .is_ok_and(|j| j.is_encrypted())
    }

    /// Unlocks the leader's own encrypted journal with `secret`. A wrong one leaves it
    /// locked and changes nothing. Blocks (the key stretching takes about half a
    /// second); run it off the UI thread.
    pub fn unlock(&self, secret: &Secret) -> Result<(), AppError> {
        let shelf = self
            .shelf()
            .ok_or_else(|| AppError::Unavailable("there is no journal folder".into()))?;
        std::thread::sleep(unlock_delay(self.failed_unlocks.load(Ordering::Acquire)));
        let journal = match shelf.unlock_own(secret, &mut |_| {}) {
            Ok(journal) => journal,
            Err(e) => {
                if matches!(
                    e,
                    JournalError::WrongPassphrase | JournalError::WrongRecoveryKey
                ) {
                    self.failed_unlocks.fetch_add(1, Ordering::AcqRel);
                }
                return Err(e.into());
            }
        };
        self.failed_unlocks.store(0, Ordering::Release);
        self.keep_unlocked(journal);
        Ok(())
    }

    /// Sets a new passphrase on the leader's own encrypted journal with its recovery
    /// key (the passphrase was forgotten), and opens it. Blocks; off the UI thread.
    pub fn recover(&self, recovery: RecoveryKey, new_passphrase: &str) -> Result<(), AppError> {
        let shelf = self
            .shelf()
            .ok_or_else(|| AppError::Unavailable("there is no journal folder".into()))?;
        std::thread::sleep(unlock_delay(self.failed_unlocks.load(Ordering::Acquire)));
        match Journal::recover(shelf.own_dir(), recovery, new_passphrase, KdfCost::DEFAULT) {
            Ok(journal) => {
                self.failed_unlocks.store(0, Ordering::Release);
                self.keep_unlocked(journal);
                Ok(())
            }
            Err(e) => {
                if matches!(e, JournalError::WrongRecoveryKey) {
                    self.failed_unlocks.fetch_add(1, Ordering::AcqRel);
                }
                Err(e.into())
            }
        }
    }

    /// Whether this computer remembers the leader's encrypted journal (it opens at
    /// start without the passphrase).
    pub fn is_remembered(&self) -> bool {
        self.shelf()
            .is_some_and(|s| Journal::is_remembered_at(s.own_dir()).unwrap_or(false))
    }

    /// Remembers the leader's open encrypted journal on this computer, or forgets it.
    pub fn set_remembered(&self, remember: bool) -> Result<(), AppError> {
        if remember {
            let journal = self
                .own_journal()
                .ok_or_else(|| AppError::Unavailable(LOCKED.into()))?;
            return Ok(journal.remember(&*self.credentials)?);
        }
        let shelf = self
            .shelf()
            .ok_or_else(|| AppError::Unavailable("there is no journal folder".into()))?;
        Journal::forget(shelf.own_dir(), &*self.credentials)?;
        Ok(())
    }

    /// Turns encryption on for the leader's own plain journal with `passphrase` and
    /// returns its recovery key, to be shown once. The journal is closed while it is
    /// copied and checked (commands in flight finish first; new ones wait), then opened
    /// encrypted. Blocks; run it off the UI thread.
    pub fn encrypt_own(&self, passphrase: &str) -> Result<RecoveryKey, AppError> {
        let shelf = self
            .shelf()
            .ok_or_else(|| AppError::Unavailable("there is no journal folder".into()))?;
        if self.is_encrypted() {
            return Err(JournalError::AlreadyEncrypted.into());
        }
        if self.exploring() {
            return Err(AppError::Unavailable(
                "go back to your own journal first: the sample reflections are never encrypted"
                    .into(),
            ));
        }
        let mut own = self.own.write().unwrap_or_else(PoisonError::into_inner);
        // Encrypting needs the journal to itself: a command that took it before the
        // write lock finishes first.
        let journal = take_sole(&mut own, LOCKED)?;
        match journal.encrypt(passphrase, KdfCost::DEFAULT, &mut |_| {}) {
            Ok((journal, recovery)) => {
                *own = Ok(Arc::new(journal));
                Ok(recovery)
            }
            Err(e) => {
                // Failed before the key file was written: the plain journal is whole,
                // open it again. After: it is encrypted, and locked until unlocked.
                self.reopen_own(&mut own, &shelf, shelf.own_is_encrypted().unwrap_or(false));
                Err(e.into())
            }
        }
    }

    /// Moves the leader's own journal into the new or empty folder `to` and returns the
    /// folder it is in now. It is closed for the move (commands in flight finish first;
    /// new ones wait), then opened in the new folder (an encrypted one locked, unless
    /// this computer remembers it); the old folder's signpost names the new one for the
    /// next start. If the move fails, it is opened again where it was. Blocks; run it
    /// off the UI thread.
    pub fn move_own(&self, to: &std::path::Path) -> Result<PathBuf, AppError> {
        self.change_own(
            MOVED,
            "go back to your own journal first: the sample reflections stay where they are",
            |journal, _| waymark_journal::relocate::move_journal(journal, to),
            |now, _| Shelf::at(now.clone()),
        )
    }

    /// Puts the journal restored into `restored` (see `restore_backup`) in the place of
    /// the leader's own: the one in use is closed (commands in flight finish first) and
    /// kept whole in a folder beside it, whose path is returned; the restored one is
    /// opened in its place (an encrypted one locked, unless this computer remembers
    /// its key). If the swap fails, the journal in use is opened again as it was.
    /// Blocks; run it off the UI thread.
    pub fn swap_in_own(&self, restored: &std::path::Path) -> Result<PathBuf, AppError> {
        self.change_own(
            SWAPPING,
            "go back to your own journal first: the sample reflections are not a backup",
            |journal, _| waymark_journal::relocate::swap_in(journal, restored),
            |_, shelf| shelf.clone(),
        )
    }

    /// Does `work` on the leader's own journal taken to itself (closed meanwhile, with
    /// `closed_for` said to commands that arrive), then opens the journal on the shelf
    /// `now` names (the sample reflections start afresh beside it, when next
    /// explored). If `work` fails, nothing changed: the journal is opened again where
    /// it was. Refused with `not_sample` while the sample reflections are shown.
    fn change_own<T>(
        &self,
        closed_for: &str,
        not_sample: &str,
        work: impl FnOnce(Journal, &Shelf) -> waymark_journal::Result<T>,
        now: impl FnOnce(&T, &Shelf) -> Shelf,
    ) -> Result<T, AppError> {
        let shelf = self
            .shelf()
            .ok_or_else(|| AppError::Unavailable("there is no journal folder".into()))?;
        if self.exploring() {
            return Err(AppError::Unavailable(not_sample.into()));
        }
        let mut own = self.own.write().unwrap_or_else(PoisonError::into_inner);
        let journal = take_sole(&mut own, closed_for)?;
        let encrypted = journal.is_encrypted();
        match work(journal, &shelf) {
            Ok(done) => {
                let changed = now(&done, &shelf);
                *own = self.open_changed_own(&changed);
                *self.shelf.write().unwrap_or_else(PoisonError::into_inner) = Some(changed);
                *self.sample.write().unwrap_or_else(PoisonError::into_inner) = None;
                Ok(done)
            }
            Err(e) => {
                self.reopen_own(&mut own, &shelf, encrypted);
                Err(e.into())
            }
        }
    }

    /// Opens the leader's own journal on `shelf` after its files changed (moved,
    /// swapped for a restored one): an encrypted one with the key this computer
    /// remembers for it, else locked until its passphrase is typed; a plain one as is.
    fn open_changed_own(&self, shelf: &Shelf) -> Result<Arc<Journal>, String> {
        if shelf.own_is_encrypted().unwrap_or(false) {
            let remembered =
                Journal::unlock_remembered(shelf.own_dir(), &*self.credentials, &mut |_| {})
                    .ok()
                    .flatten();
            match remembered {
                Some(journal) => Ok(Arc::new(journal)),
                None => {
                    self.locked.store(true, Ordering::Release);
                    Err(LOCKED.into())
                }
            }
        } else {
            self.locked.store(false, Ordering::Release);
            shelf
                .open_own(&mut |_| {})
                .map(Arc::new)
                .map_err(|e| e.to_string())
        }
    }

    /// Puts the leader's own journal back in `slot` after work that closed it failed:
    /// an encrypted one stays locked until its passphrase is typed again, a plain one is
    /// opened again from `shelf`.
    fn reopen_own(&self, slot: &mut Result<Arc<Journal>, String>, shelf: &Shelf, encrypted: bool) {
        if encrypted {
            self.locked.store(true, Ordering::Release);
            *slot = Err(LOCKED.into());
        } else {
            *slot = shelf
                .open_own(&mut |_| {})
                .map(Arc::new)
                .map_err(|e| e.to_string());
        }
    }

    fn keep_unlocked(&self, journal: Journal) {
        *self.own.write().unwrap_or_else(PoisonError::into_inner) = Ok(Arc::new(journal));
        self.locked.store(false, Ordering::Release);
    }

    /// Locks the leader's own encrypted journal: it is closed and its key leaves
    /// memory once the last command using it ends. A plain journal cannot be locked
    /// (there is no key to take away), which is said as an error.
    pub fn lock(&self) -> Result<(), AppError> {
        if !self.is_encrypted() {
            return Err(AppError::Unavailable(
                "this journal is not encrypted, so locking it would protect nothing".into(),
            ));
        }
        self.leave_sample();
        self.locked.store(true, Ordering::Release);
        let previous = std::mem::replace(
            &mut *self.own.write().unwrap_or_else(PoisonError::into_inner),
            Err(LOCKED.into()),
        );
        if let Ok(journal) = previous {
            // Whatever search has not taken in yet is written before the key goes.
            let _ = journal.flush();
        }
        Ok(())
    }

    /// The leader's own journal when it is open (not locked, not the sample).
    pub fn own_journal(&self) -> Option<Arc<Journal>> {
        self.own
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .ok()
            .map(Arc::clone)
    }

    /// Why the journal could not be opened, if it could not.
    pub fn open_error(&self) -> Option<String> {
        self.journal().err().map(|e| e.to_string())
    }

    /// True while the window shows the sample journal rather than the leader's own.
    pub fn exploring(&self) -> bool {
        self.exploring.load(Ordering::Acquire)
    }

    /// Where the leader's journals are, when the OS has a data folder for this user.
    pub fn shelf(&self) -> Option<Shelf> {
        self.shelf
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The folder of the journal the window shows.
    pub fn active_dir(&self) -> Option<PathBuf> {
        if self.exploring() {
            self.sample_dir()
        } else {
            self.shelf().map(|s| s.own_dir().to_path_buf())
        }
    }

    /// The sample journal's folder (see [`Shelf::sample_dir`]).
    pub fn sample_dir(&self) -> Option<PathBuf> {
        self.shelf()?.sample_dir()
    }

    fn open_sample(&self) -> Option<Arc<Journal>> {
        self.sample
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Switches the window to the sample journal, opening it and filling an empty one
    /// with [`SAMPLE_ENTRIES`] demo reflections dated up to `today`. Blocks; run it off
    /// the UI thread.
    pub fn explore_sample(
        &self,
        today: NaiveDate,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(), AppError> {
        let _one_at_a_time = self
            .preparing
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let journal = match self.open_sample() {
            Some(journal) => journal,
            None => {
                let opened = match self.shelf() {
                    Some(shelf) => shelf.open_sample()?,
                    None => None,
                };
                let journal = Arc::new(opened.ok_or_else(|| {
                    AppError::Unavailable(
                        "there is no folder beside your journal for the sample reflections".into(),
                    )
                })?);
                *self.sample.write().unwrap_or_else(PoisonError::into_inner) =
                    Some(Arc::clone(&journal));
                journal
            }
        };
        if journal.count()? == 0 {
            waymark_sample::add_demo(&journal, SAMPLE_ENTRIES, SAMPLE_SEED, today, progress)?;
            journal.flush()?;
        }
        self.exploring.store(true, Ordering::Release);
        Ok(())
    }

    /// Switches the window back to the leader's own journal.
    pub fn leave_sample(&self) {
        self.exploring.store(false, Ordering::Release);
    }

    /// Makes the last saves searchable now in every open journal (called on exit).
    pub fn flush_all(&self) -> Vec<String> {
        let own = self
            .own
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .ok()
            .map(Arc::clone);
        own.into_iter()
            .chain(self.open_sample())
            .filter_map(|j| j.flush().err().map(|e| e.to_string()))
            .collect()
    }
}

/// Runs engine work off the UI thread, on the journal the window shows.
pub async fn on_journal<T, F>(state: &AppState, work: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(&Journal) -> Result<T, AppError> + Send + 'static,
{
    let journal = state.journal()?;
    tauri::async_runtime::spawn_blocking(move || work(&journal)).await?
}

/// Runs engine work off the UI thread on the journal the window shows or, when
/// `coachee` names one, on the read-only journal of what that coachee shared.
pub async fn on_journal_of<T, F>(
    state: &AppState,
    coachee: Option<String>,
    work: F,
) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(&Journal) -> Result<T, AppError> + Send + 'static,
{
    on_journal(state, move |own| match coachee {
        // Opening a coachee's journal reads its index: also off the UI thread.
        Some(name) => work(&*own.coachee_journal(&name)?),
        None => work(own),
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("waymark-desktop-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn an_encrypted_journal_starts_locked_unlocks_only_with_its_passphrase_and_locks_again()
    -> Result<(), AppError> {
        let dir = temp_dir("encrypted");
        let (journal, _) = Journal::create_encrypted(
            &dir,
            "a long walk on the fells",
            waymark_journal::keys::KdfCost::FOR_TESTS,
        )?;
        drop(journal);
        let state = AppState::open(Shelf::at(&dir));
        assert!(state.is_locked() && state.is_encrypted());
        let refused = state
            .journal()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(refused.contains("locked"), "{refused}");
        let wrong = state.unlock(&Secret::passphrase("not it at all"));
        assert!(
            wrong
                .err()
                .is_some_and(|e| e.to_string().contains("does not unlock")),
            "a wrong passphrase is said as such"
        );
        assert!(state.is_locked());
        state.unlock(&Secret::passphrase("a long walk on the fells"))?;
        assert!(!state.is_locked());
        assert_eq!(state.journal()?.count()?, 0);
        state.lock()?;
        assert!(state.is_locked() && state.journal().is_err());
        // Locked means closed: another process may open (and unlock) it now.
        let again = Journal::unlock(&dir, &Secret::passphrase("a long walk on the fells"));
        assert!(again.is_ok(), "the folder is no longer held");
        drop(again);
        let _ = std::fs::remove_dir_all(&dir);
        Ok(())
    }

    #[test]
    fn a_plain_journal_is_encrypted_in_place_then_opens_remembered_until_forgotten()
    -> Result<(), AppError> {
        let dir = temp_dir("encrypt-own");
        let store: Arc<dyn CredentialStore> =
            Arc::new(waymark_journal::keys::MemoryCredentials::default());
        let state = AppState::open_with(Shelf::at(&dir), Arc::clone(&store));
        state.create_own(None)?;
        let journal = state.journal()?;
        assert!(!state.is_encrypted());
        // A command still holding the journal: encrypting waits for it to finish.
        let held = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(200));
            drop(journal);
        });
        let recovery = state.encrypt_own("a long walk on the fells")?;
        let _ = held.join();
        assert_eq!(recovery.to_words().len(), 39);
        assert!(state.is_encrypted() && !state.is_locked());
        assert!(matches!(
            state.encrypt_own("a long walk on the fells"),
            Err(AppError::Journal(JournalError::AlreadyEncrypted))
        ));
        state.set_remembered(true)?;
        assert!(state.is_remembered());
        drop(state);

        // Remembered: the next start opens it without the lock screen.
        let state = AppState::open_with(Shelf::at(&dir), Arc::clone(&store));
        assert!(!state.is_locked() && state.journal().is_ok());
        state.set_remembered(false)?;
        drop(state);
        let state = AppState::open_with(Shelf::at(&dir), Arc::clone(&store));
        assert!(state.is_locked(), "forgotten: it starts locked again");
        drop(state);
        let _ = std::fs::remove_dir_all(&dir);
        Ok(())
    }

    #[test]
    fn wrong_passphrases_in_a_row_wait_longer_and_longer() {
        let waits: Vec<u64> = (0..10).map(|n| unlock_delay(n).as_secs()).collect();
        assert_eq!(waits, [0, 0, 0, 1, 2, 4, 8, 16, 30, 30]);
    }

    #[test]
    fn a_locked_journal_is_reported_not_panicked_on() {
        let dir = temp_dir("lock");
        let first = AppState::open(Shelf::at(dir.clone()));
        assert!(first.needs_setup() && first.journal().is_err());
        // The first run's "continue without encryption".
        assert!(matches!(first.create_own(None), Ok(None)));
        assert!(first.journal().is_ok());
        let second = AppState::open(Shelf::at(dir.clone()));
        let message = second.open_error().unwrap_or_default();
        assert!(message.contains("already open"), "{message}");
        drop(first);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_sample_journal_sits_beside_the_own_one_and_is_filled_once() -> Result<(), AppError> {
        let dir = temp_dir("sample");
        let state = AppState::open(Shelf::at(dir.clone()));
        state.create_own(None)?;
        let sample_dir = state
            .sample_dir()
            .ok_or(AppError::Unavailable("no sample folder".into()))?;
        assert_eq!(
            sample_dir.file_name().and_then(|n| n.to_str()),
            Some(format!("waymark-desktop-sample-{}-sample", std::process::id()).as_str())
        );
        assert_eq!(sample_dir.parent(), dir.parent());
        let _ = std::fs::remove_dir_all(&sample_dir);

        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default();
        let mut last = None;
        state.explore_sample(today, &mut |p| last = Some(p))?;
        assert!(state.exploring());
        assert_eq!(last.map(|p| (p.done, p.total)), Some((500, 500)));
        assert_eq!(state.journal()?.count()?, SAMPLE_ENTRIES);
        assert_eq!(state.active_dir(), Some(sample_dir.clone()));

        // Back to the own journal, untouched; exploring again adds nothing.
        state.leave_sample();
        assert_eq!(state.journal()?.count()?, 0);
        assert_eq!(state.active_dir(), Some(dir.clone()));
        let mut called = false;
        state.explore_sample(today, &mut |_| called = true)?;
        assert!(!called, "an already filled sample is not filled again");
        assert_eq!(state.journal()?.count()?, SAMPLE_ENTRIES);
        assert!(state.flush_all().is_empty());

        drop(state);
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::remove_dir_all(&sample_dir);
        Ok(())
    }
}

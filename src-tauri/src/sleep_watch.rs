//! Locking when the computer sleeps, and on Linux when the session's screen locks. No
//! OS event is needed for sleep: a thread looks at two clocks every few seconds. The
//! monotonic clock stops while Linux and macOS sleep and the wall clock does not, so
//! after a sleep the wall clock has moved on much further; on Windows, where both may
//! run on, a tick that comes a minute late says the same. On Linux the same tick asks
//! logind whether the session is locked (its `LockedHint`, which GNOME, KDE and other
//! lock screens set). Either way the window is asked to lock (it keeps the writing in
//! the editor first), and if it has not within a few seconds the journal is locked from
//! here.

use crate::state::AppState;
use std::time::{Duration, Instant, SystemTime};
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// How often the clocks are compared.
const TICK: Duration = Duration::from_secs(2);
/// The wall clock ahead of the monotonic one by more than this: the computer slept.
const STOOD_STILL: Duration = Duration::from_secs(15);
/// A tick this much later than asked for: the computer slept (or stood frozen).
const LATE: Duration = Duration::from_secs(60);
/// How long the window has to lock before the journal is locked from here.
const WINDOW_GRACE: Duration = Duration::from_secs(5);

/// Whether a tick that took `wall` by the wall clock and `monotonic` by the monotonic
/// one spanned a sleep.
pub fn slept(wall: Duration, monotonic: Duration) -> bool {
    wall.saturating_sub(monotonic) > STOOD_STILL || wall > TICK + LATE
}

/// Starts the thread that locks an encrypted, open journal after the computer slept.
pub fn watch<R: Runtime>(app: AppHandle<R>) {
    let spawned = std::thread::Builder::new()
        .name("waymark-sleep-watch".into())
        .spawn(move || {
            let (mut wall, mut mono) = (SystemTime::now(), Instant::now());
            #[cfg(target_os = "linux")]
            let session = login_session::LoginSession::connect();
            #[cfg(target_os = "linux")]
            let mut was_locked = false;
            loop {
                std::thread::sleep(TICK);
                let (wall_now, mono_now) = (SystemTime::now(), Instant::now());
                // A wall clock set back gives an error here: not a sleep.
                let wall_took = wall_now.duration_since(wall).unwrap_or_default();
                let mono_took = mono_now.duration_since(mono);
                (wall, mono) = (wall_now, mono_now);
                #[allow(unused_mut)]
                let mut lock = slept(wall_took, mono_took);
                #[cfg(target_os = "linux")]
                if let Some(session) = &session {
                    let locked = session.locked();
                    lock |= screen_locked(was_locked, locked);
                    was_locked = locked;
                }
                if lock {
                    lock_after_sleep(&app);
                }
            }
        });
    if let Err(e) = spawned {
        eprintln!("Waymark cannot lock when the computer sleeps: {e}");
    }
}

/// Whether the session's screen has just locked: locked now, and not at the last tick
/// (so unlocking Waymark while the screen stays locked is not undone).
pub fn screen_locked(was: bool, now: bool) -> bool {
    now && !was
}

#[cfg(target_os = "linux")]
mod login_session {
    use zbus::blocking::{Connection, Proxy};
    use zbus::zvariant::OwnedObjectPath;

    /// This process's login session, as systemd-logind keeps it.
    pub struct LoginSession {
        session: Proxy<'static>,
    }

    impl LoginSession {
        /// The session this process runs in; `None` without logind (a container, a
        /// system without systemd), and then only sleep locks the journal.
        pub fn connect() -> Option<LoginSession> {
            let bus = Connection::system().ok()?;
            let manager = Proxy::new(
                &bus,
                "org.freedesktop.login1",
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager",
            )
            .ok()?;
            let path: OwnedObjectPath = manager
                .call("GetSessionByPID", &(std::process::id()))
                .ok()?;
            let session = Proxy::new_owned(
                bus,
                "org.freedesktop.login1",
                path.into_inner(),
                "org.freedesktop.login1.Session",
            )
            .ok()?;
            Some(LoginSession { session })
        }

        /// Whether the session's screen is locked now.
        pub fn locked(&self) -> bool {
            self.session
                .get_property::<bool>("LockedHint")
                .unwrap_or(false)
        }
    }
}

fn lock_after_sleep<R: Runtime>(app: &AppHandle<R>) {
    let Some(state) = app.try_state::<AppState>() else {
        return;
    };
    if !state.is_encrypted() || state.is_locked() {
        return;
    }
    let _ = app.emit("lock-requested", ());
    std::thread::sleep(WINDOW_GRACE);
    if !state.is_locked() && state.lock().is_ok() {
        let _ = app.emit("journal-locked", ());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sleep_is_told_from_a_busy_moment() {
        let s = Duration::from_secs;
        // An ordinary tick, and one a few seconds late on a busy machine.
        assert!(!slept(s(2), s(2)));
        assert!(!slept(s(9), s(9)));
        // Linux or macOS after ten minutes asleep: the monotonic clock stood still.
        assert!(slept(s(602), s(2)));
        // Windows, where both clocks ran on through the sleep.
        assert!(slept(s(602), s(602)));
    }

    #[test]
    fn the_screen_locking_locks_once_not_for_as_long_as_it_stays_locked() {
        assert!(screen_locked(false, true));
        assert!(!screen_locked(true, true));
        assert!(!screen_locked(true, false));
        assert!(!screen_locked(false, false));
    }
}

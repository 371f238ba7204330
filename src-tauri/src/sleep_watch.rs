//! Locking when the computer sleeps. No OS event is needed: a thread looks at two
//! clocks every few seconds. The monotonic clock stops while Linux and macOS sleep and
//! the wall clock does not, so after a sleep the wall clock has moved on much further;
//! on Windows, where both may run on, a tick that comes a minute late says the same.
//! Either way the window is asked to lock (it keeps the writing in the editor first),
//! and if it has not within a few seconds the journal is locked from here.

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
            loop {
                std::thread::sleep(TICK);
                let (wall_now, mono_now) = (SystemTime::now(), Instant::now());
                // A wall clock set back gives an error here: not a sleep.
                let wall_took = wall_now.duration_since(wall).unwrap_or_default();
                let mono_took = mono_now.duration_since(mono);
                (wall, mono) = (wall_now, mono_now);
                if slept(wall_took, mono_took) {
                    lock_after_sleep(&app);
                }
            }
        });
    if let Err(e) = spawned {
        eprintln!("Waymark cannot lock when the computer sleeps: {e}");
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
}

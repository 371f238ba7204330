// The one place the UI talks to the Rust side. Every call is a Tauri command
// that adapts an engine function; the types come from the Rust types (ts-rs).
import { invoke } from "@tauri-apps/api/core";
import type { Framework } from "../bindings/Framework";

/** The whole Leadership for Personalised Care framework, from the `framework` crate. */
export function getFramework(): Promise<Framework> {
  return invoke<Framework>("get_framework");
}

/** Turns whatever a command rejected with into a sentence to show. */
export function errorMessage(error: unknown): string {
  if (typeof error === "string") return error;
  if (error && typeof error === "object" && "message" in error) {
    return String((error as { message: unknown }).message);
  }
  return "Something went wrong, and Waymark could not tell what.";
}

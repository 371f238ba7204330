import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";
import { report } from "./lib/app.svelte";

// Nothing fails silently: a mistake the views did not catch still reaches the banner.
window.addEventListener("unhandledrejection", (event) => report("Something went wrong", event.reason));
window.addEventListener("error", (event) => report("Something went wrong", event.error ?? event.message));

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");
export default mount(App, { target });

// The public transparency pages (/cong-khai): their own small app, reading only /public/*.
import { mount } from "svelte";
import PublicApp from "./PublicApp.svelte";
import "./public.css";

mount(PublicApp, { target: document.getElementById("public-app") as HTMLElement });

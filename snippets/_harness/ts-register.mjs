// `node --import ./ts-register.mjs file.js`: installs the resolution hooks for compiled snippets.
import { register } from "node:module";

register("./ts-hooks.mjs", import.meta.url);

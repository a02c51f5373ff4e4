// ESLint (flat config) over the handbook's own browser code: docs/assets/*.js and any script
// file under overrides/. Material's globals come from its bundle, loaded before our assets.
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    ignores: ["**/node_modules/**", "site/**", "bench/**", "snippets/**", "test-artifacts/**",
              ".venv/**", ".cache/**", "tests/**"],
  },
  js.configs.recommended,
  {
    files: ["docs/assets/**/*.js", "overrides/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: {
        ...globals.browser,
        // Material for MkDocs: the RxJS observable of each (instant) page load.
        document$: "readonly",
      },
    },
    rules: {
      "no-unused-vars": ["error", { args: "after-used", argsIgnorePattern: "^_", caughtErrors: "none" }],
      eqeqeq: ["error", "always"],
    },
  },
];

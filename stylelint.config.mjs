// Stylelint over the handbook's own CSS (docs/assets/*.css), the recommended rules (errors, not style).
// Material's custom properties (--md-*) and its class names (md-*) are used as Material names them.
export default {
  extends: ["stylelint-config-recommended"],
  ignoreFiles: ["**/node_modules/**", "site/**", "snippets/**", "bench/**", "test-artifacts/**"],
  rules: {
    "selector-class-pattern": null,
    "custom-property-pattern": null,
    // Our rules restyle Material's task-list states in the order Material declares them; the
    // specificity order this rule wants would reorder them against Material's cascade.
    "no-descending-specificity": null,
  },
};

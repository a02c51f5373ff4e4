"""Checks the Grafana alerting file the way Grafana reads it: every reference must resolve.

A rule whose condition names a missing query, or a policy naming an unknown receiver, loads
without error and then never fires; these assertions catch that before it is deployed.
"""

from pathlib import Path

import yaml

config = yaml.safe_load((Path(__file__).parent / "grafana" / "alerting.yaml").read_text())
assert config["apiVersion"] == 1

receivers = {cp["name"] for cp in config["contactPoints"]}
policy = config["policies"][0]
assert policy["receiver"] in receivers
assert all(route["receiver"] in receivers for route in policy["routes"])

titles = []
for group in config["groups"]:
    assert group["folder"] and group["interval"]
    for rule in group["rules"]:
        refs = {query["refId"] for query in rule["data"]}
        assert rule["condition"] in refs, f"{rule['uid']}: condition {rule['condition']} missing"
        for query in rule["data"]:
            model = query["model"]
            if query["datasourceUid"] == "__expr__":
                assert model["expression"] in refs - {query["refId"]}, rule["uid"]
            elif "histogram_quantile" in model["expr"]:
                assert "_bucket[" in model["expr"] and "by (le)" in model["expr"], rule["uid"]
        assert rule["annotations"]["summary"] and rule["labels"]["severity"]
        titles.append(rule["title"])

# The severities of the handbook's alert table (observability/alerts.md#alert-rules).
severity = {r["uid"]: r["labels"]["severity"] for g in config["groups"] for r in g["rules"]}
assert severity["high-error-rate"] == "warning"  # > 1 % errors: a ticket, not a page
assert severity["high-response-time"] == "critical"  # P95 > 1000 ms: page the on-call

print("\n".join(titles))
# Output:
# High Error Rate
# High Response Time
# Database Connection Pool Exhausted

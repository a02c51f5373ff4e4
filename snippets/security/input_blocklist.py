"""Why pattern block-lists are not input security, and what replaces them.

The block-list refuses real names and lets a working injection through; binding and escaping do not.
"""

import html
import re
import sqlite3

import nh3


# --8<-- [start:blocklist]
# The original validator, unchanged.
class SecurityValidator:
    @staticmethod
    def validate_sql_injection(value):
        """Check for SQL injection patterns"""
        dangerous_patterns = [
            r"\b(SELECT|INSERT|UPDATE|DELETE|DROP|UNION|ALTER)\b",
            r"\b(OR|AND)\s+\d+\s*=\s*\d+",
            r"[\'\";]",
            r"(\-\-|\#|\/\*|\*\/)",
        ]
        return not any(re.search(pattern, value, re.IGNORECASE) for pattern in dangerous_patterns)

    @staticmethod
    def validate_xss(value):
        """Check for XSS patterns"""
        xss_patterns = [
            r"<script[^>]*>.*?</script>",
            r"javascript:",
            r"on\w+\s*=",
            r"<iframe[^>]*>",
        ]
        return not any(
            re.search(pattern, value, re.IGNORECASE | re.DOTALL) for pattern in xss_patterns
        )
# --8<-- [end:blocklist]


# --8<-- [start:proof]
check = SecurityValidator()
# False positives: ordinary input is refused.
assert not check.validate_sql_injection("O'Brien")
assert not check.validate_sql_injection("Please select a plan and update my order")
assert not check.validate_sql_injection("Unit #4")
# False negative: an injection that avoids the patterns passes ...
attack = "0 OR 2>1"
assert check.validate_sql_injection(attack)
db = sqlite3.connect(":memory:")
db.execute("CREATE TABLE devices (id INTEGER, owner TEXT)")
db.executemany("INSERT INTO devices VALUES (?, ?)", [(1, "ada"), (2, "bob")])
# ... and dumps every device when the query is built by concatenation.
assert len(db.execute(f"SELECT * FROM devices WHERE id = {attack}").fetchall()) == 2
# An XSS payload without `script`, `javascript:` or `on...=` also passes.
assert check.validate_xss('<svg><a href="java&#115;cript:alert(1)">x</a></svg>')
# --8<-- [end:proof]


# --8<-- [start:instead]
# 1. Validate shape with a type: an id is an int, so "0 OR 2>1" is refused outright.
def device_id(raw: str) -> int:
    if not raw.isdigit():
        raise ValueError(f"device id must be digits, got {raw!r}")
    return int(raw)


# 2. Bind values: the driver never parses them as SQL.
assert db.execute("SELECT * FROM devices WHERE id = ?", (attack,)).fetchall() == []

# 3. Escape on output for plain text, sanitize with an allow-list for rich HTML.
assert html.escape("<b>O'Brien</b>") == "&lt;b&gt;O&#x27;Brien&lt;/b&gt;"
dirty = '<p onclick="steal()">Hi <a href="javascript:alert(1)">me</a><script>x()</script></p>'
assert nh3.clean(dirty) == '<p>Hi <a rel="noopener noreferrer">me</a></p>'
# --8<-- [end:instead]

try:
    device_id(attack)
except ValueError as exc:
    assert "must be digits" in str(exc)
else:
    raise AssertionError("device_id accepted SQL")
assert device_id("42") == 42

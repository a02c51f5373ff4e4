"""Check that a requirements file pins every package to one exact version.

Unpinned lines are how "works on my machine" reaches production; this finds them by line.
"""

from packaging.requirements import InvalidRequirement, Requirement

# --8<-- [start:requirements]
REQUIREMENTS = """\
# requirements.txt - pinned versions for reproducibility
Flask==3.1.3
requests==2.32.5
Werkzeug==3.1.5
python-dateutil==2.9.0.post0
"""
# --8<-- [end:requirements]


# --8<-- [start:check]
def unpinned(text: str, filename: str = "requirements.txt") -> list[str]:
    """One message per line that is not `name==version`, naming file and line."""
    problems = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-"):  # comments, -r / -c includes
            continue
        try:
            req = Requirement(line)
        except InvalidRequirement as exc:
            problems.append(f"{filename}:{number}: cannot parse {line!r}: {exc}")
            continue
        specs = list(req.specifier)
        if len(specs) != 1 or specs[0].operator != "==" or "*" in specs[0].version:
            problems.append(f"{filename}:{number}: {req.name} is not pinned (`{line}`)")
    return problems


assert unpinned(REQUIREMENTS) == []
assert unpinned("Flask>=2\nrequests\npytest==8.*\n", "requirements-dev.txt") == [
    "requirements-dev.txt:1: Flask is not pinned (`Flask>=2`)",
    "requirements-dev.txt:2: requests is not pinned (`requests`)",
    "requirements-dev.txt:3: pytest is not pinned (`pytest==8.*`)",
]
# --8<-- [end:check]

"""Release notes from Conventional Commit subjects: grouped for users, internal work left out."""

import re

# --8<-- [start:notes]
SUBJECT = re.compile(r"^(?P<type>\w+)(?:\((?P<scope>[^)]+)\))?(?P<breaking>!)?: (?P<text>.+)$")
SECTIONS = {"feat": "New", "fix": "Fixed", "perf": "Faster"}  # what users notice


def release_notes(version: str, subjects: list[str]) -> str:
    groups: dict[str, list[str]] = {"Breaking changes": []} | {s: [] for s in SECTIONS.values()}
    for subject in subjects:
        match = SUBJECT.match(subject)
        if not match:
            raise ValueError(f"not a Conventional Commit subject: {subject!r}")
        text = match["text"][0].upper() + match["text"][1:]
        if match["breaking"]:
            groups["Breaking changes"].append(text)
        elif match["type"] in SECTIONS:
            groups[SECTIONS[match["type"]]].append(text)
        # chore, ci, docs, refactor, test: internal, not in the users' notes
    lines = [f"## {version}"]
    for title, items in groups.items():
        if items:
            lines += ["", f"### {title}", ""] + [f"- {item}" for item in items]
    return "\n".join(lines)
# --8<-- [end:notes]


print(release_notes("4.3.0", [
    "feat(contacts): export contacts as vCard",
    "fix(ocr): keep the phone number's leading plus sign",
    "chore: bump ruff",
    "feat(api)!: remove the v1 contacts endpoint",
    "perf(search): index contacts by company",
]))
# Output:
# ## 4.3.0
#
# ### Breaking changes
#
# - Remove the v1 contacts endpoint
#
# ### New
#
# - Export contacts as vCard
#
# ### Fixed
#
# - Keep the phone number's leading plus sign
#
# ### Faster
#
# - Index contacts by company

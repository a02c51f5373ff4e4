"""Write the configurations a synthetic handbook is built with: stock Material, the handbook's.

The handbook configuration is the real mkdocs.yml with only paths and nav replaced: it tracks edits.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .synth import SyntheticSite


class Tagged:
    """A YAML node with a custom tag (e.g. !!python/object/apply), kept as is for writing back."""

    def __init__(self, tag: str, node: yaml.Node, loader: yaml.Loader) -> None:
        self.tag = tag
        if isinstance(node, yaml.MappingNode):
            self.value = loader.construct_mapping(node, deep=True)
        elif isinstance(node, yaml.SequenceNode):
            self.value = loader.construct_sequence(node, deep=True)
        else:
            self.value = loader.construct_scalar(node)


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: yaml.Dumper, data: Tagged) -> yaml.Node:
    kinds = {dict: dumper.represent_mapping, list: dumper.represent_sequence}
    return kinds.get(type(data.value), dumper.represent_scalar)(data.tag, data.value)


for _prefix in ("!", "tag:yaml.org,2002:python/"):
    _Loader.add_multi_constructor(
        _prefix, lambda loader, _suffix, node: Tagged(node.tag, node, loader)
    )
_Dumper.add_representer(Tagged, _represent_tagged)


def load_config(path: Path) -> dict:
    """Parse mkdocs.yml keeping python/ENV tags; a syntax error names the file and line."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - safe subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise SystemExit(f"{where}: cannot parse configuration: {exc}") from exc
    if not isinstance(data, dict):
        raise SystemExit(f"{path}:1: configuration is not a mapping")
    return data


def write(path: Path, data: dict) -> Path:
    """A configuration as YAML, its custom tags kept (`Tagged`)."""
    dump = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
    path.write_text(dump, encoding="utf-8")
    return path


def _rel(site: SyntheticSite, site_dir: Path) -> str:
    # Zensical needs paths relative to the config file; MkDocs resolves them the same way.
    return str(site_dir.resolve().relative_to(site.root))


def stock_config(site: SyntheticSite, site_dir: Path) -> Path:
    """Material with its defaults: theme name, the default search plugin, the same nav."""
    data = {
        "site_name": "Synthetic handbook",
        "docs_dir": "docs",
        "site_dir": _rel(site, site_dir),
        "theme": {"name": "material"},
        "nav": site.nav,
    }
    return write(site.root / "mkdocs-stock.yml", data)


def handbook_config(
    site: SyntheticSite, site_dir: Path, real: Path, name: str = "handbook", overrides: bool = True
) -> Path:
    """The real mkdocs.yml (theme features, extensions, plugins) with paths and nav for the site."""
    data = load_config(real)
    base = real.parent
    data["docs_dir"] = "docs"
    data["site_dir"] = _rel(site, site_dir)
    data["nav"] = site.nav
    data.pop("not_in_nav", None)
    theme = data.get("theme", {})
    if isinstance(theme, dict) and not overrides:
        theme.pop("custom_dir", None)
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str((base / theme["custom_dir"]).resolve())
    for ext in data.get("markdown_extensions", []):
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            opts = ext["pymdownx.snippets"] or {}
            paths = opts.get("base_path", ["."])
            paths = [paths] if isinstance(paths, str) else paths
            opts["base_path"] = [str((base / p).resolve()) for p in paths]
    if data.get("watch"):  # the preview servers' watched folders (snippets/), like base_path
        data["watch"] = [str((base / p).resolve()) for p in data["watch"]]
    for plugin in data.get("plugins", []):
        if isinstance(plugin, dict) and "mkdocstrings" in plugin:
            handlers = plugin["mkdocstrings"].get("handlers", {})
            for handler in handlers.values():
                if isinstance(handler, dict) and "paths" in handler:
                    handler["paths"] = [str((base / p).resolve()) for p in handler["paths"]]
    return write(site.root / f"mkdocs-{name}.yml", data)

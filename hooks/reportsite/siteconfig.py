"""The site's configuration as the shared code uses it, read from mkdocs.yml by MkDocs' own loader.

The languages are declared once, in mkdocs.yml (the i18n plugin's `languages`): their codes,
names, which one is the default, and each one's site name and description. Everything else
(the data's schema, page parity, URLs, search, the switcher) reads them from here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem, SiteDataError


@dataclass(frozen=True)
class Language:
    code: str               # "nb": the folder under content/, the key of texts in data/
    name: str               # "Norsk (bokmål)": as the language switcher shows it
    site_name: str
    site_description: str


@dataclass(frozen=True)
class SiteConfig:
    project: Path           # the project's folder (where mkdocs.yml is)
    config_file: Path
    docs_dir: Path          # content/
    languages: tuple[Language, ...]   # the default language first
    site_url: str           # "" when not set
    findings_page: str      # "funn.md": the page, in each language's folder, that shows every finding
    pdf_name: str           # extra.pdf.name: the PDFs of the summary are downloads/<name>-<language>.pdf
    pdf_pages: tuple        # extra.pdf.pages: the pages they hold, in each language's folder ("" where not a list)
    directory_urls: bool    # False in the offline bundle: links to files (funn.html)
    offline: bool           # the offline bundle (Material's offline plugin is on)
    link_previews: bool     # link-preview images and tags (not in the offline bundle)
    fonts_inline: bool      # the font files inside their stylesheet (the offline bundle: file:// refuses font files)
    templates_dir: Path     # site_src/: the theme's overrides and the report's partials
    logo_icon: str = ""     # theme.icon.logo: the logo, one of Material's icons ("material/chart-bar")
    favicon: str = ""       # theme.favicon: its path in the site
    markdown_extensions: tuple = ()   # as MkDocs converts pages: names or extension objects
    mdx_configs: tuple = ()           # (name, options) pairs

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    @property
    def default_language(self) -> str:
        return self.languages[0].code

    def language(self, code: str) -> Language:
        return next(lang for lang in self.languages if lang.code == code)

    def shown(self, path: Path) -> str:
        """A path as problems show it: relative to the project when inside it."""
        try:
            return path.resolve().relative_to(self.project.resolve()).as_posix()
        except ValueError:
            return str(path)


def from_mkdocs(config) -> SiteConfig:
    """The SiteConfig of a loaded MkDocs configuration (the build's own, or check's through load())."""
    config_file = Path(config.config_file_path).resolve()
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise SiteDataError([Problem(config_file.name, None, "plugins.i18n", "the i18n plugin is not configured",
                                     "declare the site's languages under plugins: i18n: languages:")])
    declared = list(i18n.config.languages)
    default = [lang for lang in declared if lang.default] or declared[:1]
    ordered = default + [lang for lang in declared if lang not in default]
    languages = tuple(Language(lang.locale, lang.name or lang.locale, lang.site_name or config.site_name,
                               lang.site_description or config.site_description or "") for lang in ordered)
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    extra = config.extra or {}
    pdf = extra.get("pdf") if isinstance(extra.get("pdf"), dict) else {}
    return SiteConfig(
        project=config_file.parent, config_file=config_file, docs_dir=Path(config.docs_dir).resolve(),
        languages=languages, site_url=config.site_url or "", findings_page=str(extra.get("findings_page", "")),
        pdf_name=str(pdf.get("name") or ""),
        pdf_pages=tuple(map(str, pdf["pages"])) if isinstance(pdf.get("pages"), list) else ("",),
        directory_urls=bool(config.use_directory_urls),
        offline=offline is not None and bool(offline.config.enabled),
        link_previews=bool(extra.get("link_previews", True)),
        fonts_inline=bool(extra.get("fonts_inline", False)),
        templates_dir=Path(config.theme.custom_dir or config_file.parent / "site_src").resolve(),
        logo_icon=str((config.theme.get("icon") or {}).get("logo") or ""), favicon=str(config.theme.get("favicon") or ""),
        markdown_extensions=tuple(config.markdown_extensions),
        mdx_configs=tuple((name, options) for name, options in config.mdx_configs.items()))


def load(project: Path, config_name: str = "mkdocs.yml") -> SiteConfig:
    """Read mkdocs.yml the way `mkdocs build` does (for `make check` and tools), with problems an editor can act on."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    config_file = project / config_name
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        config_file.read_bytes().decode("utf-8")
    except OSError as exc:
        raise SiteDataError([Problem(config_name, None, "", f"cannot be read ({exc.strerror})",
                                     "run from the project's folder, where mkdocs.yml is")]) from None
    except UnicodeDecodeError as exc:
        line = config_file.read_bytes()[: exc.start].count(b"\n") + 1
        raise SiteDataError([Problem(config_name, line, "", "the file is not UTF-8 text",
                                     "save the file with UTF-8 encoding")]) from None
    from .config_checks import site_url_from_environment, use_site_url_from_environment

    if problems := site_url_from_environment(config_file):
        raise SiteDataError(problems)
    try:
        config = load_config(str(config_file))
    except ConfigurationError as exc:
        raise SiteDataError([Problem(config_name, None, "", f"MkDocs cannot read it: {exc}",
                                     "fix the configuration as the message says")]) from None
    use_site_url_from_environment(config)
    return from_mkdocs(config)

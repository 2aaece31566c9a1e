"""Hook: the licences page (site_src/licences.html), linked from every page's footer: each
third-party component the site ships, with its licence texts (reportsite.licences, declared in
licences/components.yml). Like the 404 page it speaks every language of the site (data/ui.yml,
`licences`) and only the default language's build writes it: each language's build would write it
at the site's root. Unlike the 404 page, the offline bundle has it too."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from reportsite import engine, licences, live_preview, state
from reportsite.errors import SiteDataError

TEMPLATE = "licences.html"
TEXTS = ("title", "intro", "licence", "package", "files", "text")


# After mkdocs-static-i18n, which sets the theme's language for the build it starts.
@event_priority(engine.AFTER_I18N)
def on_config(config):
    engine.write_static_template(config, TEMPLATE, config.theme["language"] == state.for_config(config).site.default_language)
    return config


def on_env(env, *, config, files):
    build = state.for_config(config)
    texts = {lang: {**found, "lang": lang} for lang in build.paths.languages
             if (found := live_preview.ui_texts(build.ui, lang, "licences", TEXTS))}
    try:
        components = licences.components(build.site.project)
    except SiteDataError as exc:
        raise PluginError(str(exc)) from None
    env.globals["licences"] = {"texts": list(texts.values()), "here": texts.get(config.theme["language"]),
                               "components": components}
    return env

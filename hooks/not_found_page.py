"""Hook: only the default language's web build writes 404.html.

mkdocs-static-i18n runs one build per language into the same site folder, and each would write
the theme's 404.html at the site root; the last (English) one would win, with English navigation
and a language switcher left over from the last page built. The page itself speaks every language
of the site, in the words of data/ui.yml (`not_found`). The offline bundle has no server to show
it, and its absolute links would lead nowhere from file://.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from reportsite import engine, live_preview, state

NOT_FOUND_TEMPLATE = "404.html"


# After mkdocs-static-i18n, which sets the theme's language for the build it starts.
@event_priority(engine.AFTER_I18N)
def on_config(config):
    site = state.for_config(config).site
    engine.write_static_template(config, NOT_FOUND_TEMPLATE,
                                 config.theme["language"] == site.default_language and not site.offline)
    return config


def on_env(env, *, config, files):
    build = state.for_config(config)
    env.globals["not_found_texts"] = [
        {**texts, "lang": lang, "root": build.paths.root(lang) or "."} for lang in build.paths.languages
        if (texts := live_preview.ui_texts(build.ui, lang, "not_found", ("title", "text", "home")))]
    return env

"""Hook: give the templates each page's canonical URL, hreflang alternates and the sitemap, from reportsite.seo."""

from __future__ import annotations

from functools import partial

from reportsite import seo


def on_env(env, config, files):
    site_url = config.site_url
    env.globals["page_canonical_url"] = partial(seo.canonical_url, site_url=site_url)
    env.globals["page_alternates"] = partial(seo.alternates, site_url=site_url)
    env.globals["sitemap_xml"] = partial(seo.sitemap_xml, site_url=site_url)
    return env

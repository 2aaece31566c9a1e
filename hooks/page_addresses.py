"""Hook: give the templates each page's canonical URL, hreflang alternates, the sitemap
(reportsite.seo), the data (for the report's metadata in the head and the site's publisher in the
footer), and whether a page has charts (for its scripts)."""

from __future__ import annotations

from functools import partial

from reportsite import seo, state


def on_env(env, *, config, files):
    build = state.for_config(config)
    site_url, paths = config.site_url, build.paths
    env.globals["page_canonical_url"] = partial(seo.canonical_url, site_url=site_url, paths=paths)
    env.globals["page_alternates"] = partial(seo.alternates, site_url=site_url, paths=paths)
    env.globals["sitemap_xml"] = partial(seo.sitemap_xml, site_url=site_url, paths=paths)
    env.globals["page_chart_ids"] = build.chart_ids
    # The data, for the head's report metadata (partials/report_head.html) and the footer's publisher.
    env.globals["report_data"] = None if build.error is not None else build.data
    return env

"""Hook: give the templates each page's canonical URL, hreflang alternates, the sitemap
(reportsite.seo), the report's metadata for the head (reportsite.citation), the site's publisher
and interface text for the footer, and whether a page has charts (for its scripts)."""

from __future__ import annotations

from functools import partial

from reportsite import citation, seo, state
from reportsite.render import script_json


def on_env(env, *, config, files):
    build = state.for_config(config)
    site_url, paths = config.site_url, build.paths
    env.globals["page_canonical_url"] = partial(seo.canonical_url, site_url=site_url, paths=paths)
    env.globals["page_alternates"] = partial(seo.alternates, site_url=site_url, paths=paths)
    env.globals["sitemap_xml"] = partial(seo.sitemap_xml, site_url=site_url, paths=paths)
    env.globals["page_chart_ids"] = build.chart_ids
    env.globals["site_publisher"] = None if build.error is not None else build.data.site_publisher
    env.globals["site_ui"] = {} if build.error is not None else build.data.ui
    # schema.org JSON-LD (escaped for a script element: no '</script>' in it) and citation_* tags.
    env.globals["report_head"] = None if build.error is not None else lambda src_uri: {
        "json_ld": script_json(citation.report_linked_data(build.data, paths.language_of(src_uri))),
        "tags": citation.report_meta_tags(build.data)}
    return env

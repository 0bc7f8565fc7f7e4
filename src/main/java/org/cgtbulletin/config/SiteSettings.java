package org.cgtbulletin.config;

/**
 * The website's settings from {@code content/bulletin.yaml} ({@code site:}).
 *
 * @param title        the bulletin's name, shown in every page header and the feed
 * @param baseUrl      the public address the site is served from, ending in {@code /}; used only for canonical
 *                     URLs, the feed and the sitemap (pages link to each other relatively)
 * @param allowRawHtml whether staff Markdown may contain raw HTML (off: it is shown as text)
 */
public record SiteSettings(String title, String baseUrl, boolean allowRawHtml) {

    public static SiteSettings defaults() {
        return new SiteSettings("CGT Manufacturing Failure Bulletin", "https://bulletin.example.org/", false);
    }
}

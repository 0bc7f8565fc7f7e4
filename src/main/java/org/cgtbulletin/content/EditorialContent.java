package org.cgtbulletin.content;

import java.util.List;
import java.util.Map;

import org.cgtbulletin.model.Quarter;

/**
 * Everything staff wrote in Markdown under the content folder, rendered to HTML once.
 *
 * @param bulletins each quarter's editorial introduction ({@code content/bulletins/YYYY-qn.md}), by quarter
 * @param lessons   guidance articles ({@code content/lessons/*.md}), in title order
 * @param pages     free pages such as "about" ({@code content/pages/*.md}), by slug
 */
public record EditorialContent(Map<Quarter, Editorial> bulletins, List<Lesson> lessons, Map<String, Page> pages) {

    /** A quarter's editorial: its headline, a one-paragraph summary, the body and the lessons it features. */
    public record Editorial(Quarter quarter, String title, String summary, String html,
            List<String> featuredLessons) {
    }

    /** A guidance article, tagged with the taxonomy codes whose trend pages should show it. */
    public record Lesson(String slug, String title, String summary, List<String> steps, List<String> modes,
            List<String> products, String html) {

        public boolean tagged(String step, String mode, String product) {
            return (step != null && steps.contains(step)) || (mode != null && modes.contains(mode))
                    || (product != null && products.contains(product));
        }
    }

    /** A free page; {@code methodology} and {@code about} are placed into the site's own pages of that name. */
    public record Page(String slug, String title, String summary, String html) {
    }

    public static EditorialContent empty() {
        return new EditorialContent(Map.of(), List.of(), Map.of());
    }
}

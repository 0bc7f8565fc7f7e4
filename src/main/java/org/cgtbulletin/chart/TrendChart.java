package org.cgtbulletin.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.cgtbulletin.model.TextBuffer;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.w3c.dom.DOMImplementation;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Draws a quarterly series as a line chart with JFreeChart: as SVG for the site, through Batik's SVG generator
 * (Apache-2.0), or straight onto a graphics context for the PDF digests ({@link #draw}). The rate (or count) as a
 * line, its 95% interval as a band, and withheld quarters as shaded gaps (the page says which), never as zeros.
 * White background, Okabe-Ito blue (safe for colour-blind readers). In the SVG, text is kept as SVG text and IDs
 * are prefixed with the chart's own id and numbered in drawing order, so the same data always gives the same
 * bytes and two charts on one page never share an id.
 */
public final class TrendChart {

    public static final int WIDTH = 720;
    public static final int HEIGHT = 300;
    /** Okabe-Ito blue. */
    static final Color LINE = new Color(0x00, 0x72, 0xB2);
    static final Color BAND = new Color(0x00, 0x72, 0xB2, 0x40);
    static final Color WITHHELD = new Color(0xEE, 0xEE, 0xEE);
    static final Color INK = new Color(0x22, 0x22, 0x22);
    static final Color GRID = new Color(0xD0, 0xD0, 0xD0);
    static final String FONT = "DejaVu Sans";

    private TrendChart() {
    }

    /**
     * @param id          unique on the site, used to prefix every id inside the SVG
     * @param title       the chart's accessible name
     * @param description its text alternative (what the chart shows, in words)
     * @param axisLabel   the value axis label, e.g. "per 100 batches started"
     */
    public static String svg(String id, String title, String description, String axisLabel,
            List<ChartPoint> points) {
        return render(id, title, description, chart(axisLabel, points));
    }

    /**
     * Draws the same chart as {@link #svg} straight onto a graphics context (the PDF digests' vector drawing),
     * laid out at {@link #WIDTH} x {@link #HEIGHT} and scaled to fill {@code width} x {@code height}, as the SVG's
     * view box is scaled where it is shown.
     */
    public static void draw(Graphics2D g, double width, double height, String axisLabel, List<ChartPoint> points) {
        g.scale(width / WIDTH, height / HEIGHT);
        chart(axisLabel, points).draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
    }

    /**
     * Draws a throwaway chart on a thread of its own, so that the site's first chart does not pay for loading the
     * fonts and the chart and SVG libraries (about 0.1 s of a core here): the command line starts it while it
     * parses its arguments, when the other cores have nothing to do yet. Nothing is written, and no state is kept
     * that a chart's bytes depend on (each chart numbers its own ids); a failure here is left for the real charts
     * to report.
     */
    public static void warmUp() {
        Thread t = new Thread(() -> {
            try {
                svg("warm-up", "", "", "", List.of(new ChartPoint("2026 Q1", 1.0, 0.5, 1.5),
                        new ChartPoint("2026 Q2", null, null, null)));
            } catch (RuntimeException | LinkageError e) {
                // the charts of the build meet the same problem and report it
            }
        }, "chart-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static JFreeChart chart(String axisLabel, List<ChartPoint> points) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        YIntervalSeries run = null;
        int runs = 0;
        for (int i = 0; i < points.size(); i++) {
            ChartPoint p = points.get(i);
            if (p.withheld()) {
                run = null;
                continue;
            }
            if (run == null) {
                run = new YIntervalSeries("run " + runs++, false, false);
                data.addSeries(run);
            }
            double low = p.low() == null ? p.value() : p.low();
            double high = p.high() == null ? p.value() : p.high();
            run.add(i, p.value(), low, high);
        }
        NumberAxis x = new NumberAxis(null);
        x.setRange(-0.5, Math.max(0.5, points.size() - 0.5));
        int step = Math.max(1, (int) Math.ceil(points.size() / 8.0));
        x.setTickUnit(new NumberTickUnit(step, new QuarterLabels(points)));
        x.setMinorTickMarksVisible(false);
        NumberAxis y = new NumberAxis(axisLabel);
        y.setAutoRangeIncludesZero(true);
        y.setStandardTickUnits(NumberAxis.createStandardTickUnits());
        for (NumberAxis a : new NumberAxis[] {x, y}) {
            a.setTickLabelFont(new Font(FONT, Font.PLAIN, 12));
            a.setLabelFont(new Font(FONT, Font.PLAIN, 12));
            a.setTickLabelPaint(INK);
            a.setLabelPaint(INK);
            a.setAxisLinePaint(INK);
            a.setTickMarkPaint(INK);
        }
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        renderer.setAutoPopulateSeriesPaint(false);
        renderer.setAutoPopulateSeriesFillPaint(false);
        renderer.setAutoPopulateSeriesStroke(false);
        renderer.setAutoPopulateSeriesShape(false);
        renderer.setDefaultPaint(LINE);
        renderer.setDefaultFillPaint(BAND);
        renderer.setDefaultStroke(new BasicStroke(2.5f));
        renderer.setDefaultShape(new java.awt.geom.Ellipse2D.Double(-3.5, -3.5, 7, 7));
        renderer.setAlpha(1f);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            renderer.setSeriesFillPaint(s, BAND);
            renderer.setSeriesPaint(s, LINE);
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).withheld()) {
                IntervalMarker gap = new IntervalMarker(i - 0.5, i + 0.5, WITHHELD);
                // Opaque (JFreeChart's default is 80%): an element with both opacity and a clip path is drawn
                // through an offscreen buffer by Batik, which the PDF digests cannot embed as vector graphics.
                gap.setAlpha(1f);
                plot.addDomainMarker(gap, Layer.BACKGROUND);
            }
        }
        JFreeChart chart = new JFreeChart(null, null, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(8, 4, 4, 12));
        return chart;
    }

    private static String render(String id, String title, String description, JFreeChart chart) {
        Document document = Dom.IMPLEMENTATION.createDocument("http://www.w3.org/2000/svg", "svg", null);
        SVGGeneratorContext context = SVGGeneratorContext.createDefault(document);
        context.setComment(null);
        context.setEmbeddedFontsOn(false);
        context.setPrecision(4);
        int[] counter = {0};
        context.setIDGenerator(new org.apache.batik.svggen.SVGIDGenerator() {
            @Override
            public String generateID(String prefix) {
                return id + "-" + prefix + (++counter[0]);
            }
        });
        SVGGraphics2D g = new SVGGraphics2D(context, false);
        g.setSVGCanvasSize(new java.awt.Dimension(WIDTH, HEIGHT));
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        Element root = g.getRoot();
        root.setAttribute("viewBox", "0 0 " + WIDTH + " " + HEIGHT);
        root.setAttribute("role", "img");
        root.setAttribute("aria-labelledby", id + "-title " + id + "-desc");
        Element t = document.createElementNS("http://www.w3.org/2000/svg", "title");
        t.setAttribute("id", id + "-title");
        t.setTextContent(title);
        Element d = document.createElementNS("http://www.w3.org/2000/svg", "desc");
        d.setAttribute("id", id + "-desc");
        d.setTextContent(description);
        root.insertBefore(d, root.getFirstChild());
        root.insertBefore(t, d);
        TextBuffer out = new TextBuffer(16384);
        try {
            g.stream(root, out, true, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The JDK's DOM, found once: looking up a DocumentBuilderFactory and making a builder for every chart (a
     * service lookup and a parser's configuration, only to reach this) was a tenth of a chart's time. Its
     * createDocument makes a new document each call and keeps nothing between calls, so every thread may use it.
     */
    private static final class Dom {
        static final DOMImplementation IMPLEMENTATION;

        static {
            try {
                IMPLEMENTATION = DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation();
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Tick labels of the quarter axis: the quarter at the tick's index, e.g. "2025 Q3". */
    private static final class QuarterLabels extends NumberFormat {
        private final transient List<ChartPoint> points;

        QuarterLabels(List<ChartPoint> points) {
            this.points = points;
        }

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            return format((long) Math.rint(number), to, pos);
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
            if (number >= 0 && number < points.size()) {
                to.append(points.get((int) number).label());
            }
            return to;
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            return null;
        }
    }
}

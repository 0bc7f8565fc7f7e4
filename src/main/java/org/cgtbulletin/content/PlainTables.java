package org.cgtbulletin.content;

import java.util.List;

import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.ext.tables.TableBody;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableHead;
import com.vladsch.flexmark.ext.tables.TableRow;
import com.vladsch.flexmark.ext.tables.TableSeparator;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.parser.block.ParserState;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.sequence.BasedSequence;

/**
 * The tables staff write most, made into flexmark's table nodes without flexmark's general table parsing, which
 * runs its inline parser over every row and a regular expression over the lines (a tenth of the CPU time of 10,000
 * short pages with one table each, in the quick compiler's code). A paragraph qualifies only if it is nothing but
 * such a table, at the top of the document:
 * <ul>
 * <li>every line starts and ends with {@code |} (no indent, nothing after the last {@code |}, no carriage
 * return);</li>
 * <li>one header row, then a separator row whose cells are {@code :?-{3,}:?} between spaces, then at least one body
 * row, all with the separator's number of cells;</li>
 * <li>every cell holds, between spaces, a non-empty run of letters, digits, spaces and {@code . , ; : % ( ) + / ' -}
 * (nothing that Markdown's inline syntax or HTML escaping gives a meaning), and some header cell holds a letter or
 * digit (a header row of dashes would itself be a separator row).</li>
 * </ul>
 * For such a paragraph the nodes, their character ranges, alignments and row numbers are those flexmark's tables
 * extension makes ({@code PlainTablesTest} compares the trees and the HTML on generated tables of every shape); for any
 * other, {@link #build} answers -1 and flexmark's own pre-processor does the work.
 */
final class PlainTables {

    private final boolean usable;

    /** Whether the tables extension's options are those under which the shapes above give the nodes built here. */
    PlainTables(DataHolder options) {
        usable = TablesExtension.TRIM_CELL_WHITESPACE.get(options)
                && TablesExtension.MIN_SEPARATOR_DASHES.get(options) <= 3
                && TablesExtension.MAX_HEADER_ROWS.get(options) >= 1
                && TablesExtension.MIN_HEADER_ROWS.get(options) <= 1;
    }

    /**
     * Replaces a paragraph that is a plain table (above) by the table, as flexmark's pre-processor does, and returns
     * the number of characters taken (the whole paragraph); -1, with nothing changed, for any other paragraph.
     */
    int build(Paragraph paragraph, ParserState state) {
        Layout layout = layout(paragraph);
        return layout == null ? -1 : build(paragraph, layout, state);
    }

    /** A plain table's lines, the positions of their pipes and their cells, and each column's alignment. */
    record Layout(List<BasedSequence> lines, int[][] pipes, Cell[][] cells, TableCell.Alignment[] alignments) {
    }

    /** The paragraph's layout as a plain table (above), or null if it is not one. */
    Layout layout(Paragraph paragraph) {
        if (!usable || !(paragraph.getParent() instanceof Document)) {
            return null;
        }
        List<BasedSequence> lines = paragraph.getContentLines();
        int rows = lines.size();
        String source = Markdown.source(paragraph.getChars());
        if (rows < 3 || source == null) {
            return null;
        }
        // Each line's pipes, by position in the source: pipes[r][0] the first, pipes[r][k] the last.
        int[][] pipes = new int[rows][];
        for (int r = 0; r < rows; r++) {
            pipes[r] = pipes(source, lines.get(r));
            if (pipes[r] == null || pipes[r].length != pipes[0].length) {
                return null;
            }
        }
        int columns = pipes[0].length - 1;
        Cell[][] cells = new Cell[rows][columns];
        boolean headerHasWord = false;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                Cell cell = cell(source, pipes[r][c] + 1, pipes[r][c + 1]);
                if (cell == null || r == 1 && !cell.separator(source)) {
                    return null;
                }
                headerHasWord |= r == 0 && cell.word;
                cells[r][c] = cell;
            }
        }
        if (!headerHasWord) {
            return null;
        }
        TableCell.Alignment[] alignments = new TableCell.Alignment[columns];
        for (int c = 0; c < columns; c++) {
            boolean left = source.charAt(cells[1][c].start) == ':';
            boolean right = source.charAt(cells[1][c].end - 1) == ':';
            alignments[c] = left && right ? TableCell.Alignment.CENTER : left ? TableCell.Alignment.LEFT
                    : right ? TableCell.Alignment.RIGHT : null;
        }
        return new Layout(lines, pipes, cells, alignments);
    }

    /** Puts the table before the paragraph, as flexmark's pre-processor does; returns the characters taken. */
    private static int build(Paragraph paragraph, Layout layout, ParserState state) {
        List<BasedSequence> lines = layout.lines();
        int[][] pipes = layout.pipes();
        Cell[][] cells = layout.cells();
        TableCell.Alignment[] alignments = layout.alignments();
        int rows = lines.size();
        int columns = alignments.length;
        TableBlock table = new TableBlock(lines);
        Node section = new TableHead(lines.get(0).subSequence(0, 0));
        table.appendChild(section);
        for (int r = 0; r < rows; r++) {
            if (r == 1) {
                section.setCharsFromContent();
                section = new TableSeparator();
                table.appendChild(section);
            } else if (r == 2) {
                section.setCharsFromContent();
                section = new TableBody();
                table.appendChild(section);
            }
            BasedSequence line = lines.get(r);
            int lineStart = line.getStartOffset();
            TableRow row = new TableRow(line.subSequence(0, pipes[r][columns] + 1 - lineStart));
            row.setRowNumber(r == 0 ? 1 : r == 1 ? 0 : r - 1);
            for (int c = 0; c < columns; c++) {
                int open = pipes[r][c];
                int close = pipes[r][c + 1];
                TableCell cell = new TableCell();
                if (c == 0) {
                    cell.setOpeningMarker(line.subSequence(open - lineStart, open + 1 - lineStart));
                }
                cell.setHeader(r == 0);
                cell.setAlignment(alignments[c]);
                BasedSequence text = line.subSequence(cells[r][c].start - lineStart, cells[r][c].end - lineStart);
                cell.appendChild(new Text(text));
                cell.setClosingMarker(line.subSequence(close - lineStart, close + 1 - lineStart));
                cell.setChars(line.subSequence(open + 1 - lineStart, close - lineStart)); // the cell and its blanks
                cell.setText(text);
                cell.setCharsFromContent(); // and its pipes
                cell.setSpan(1);
                row.appendChild(cell);
            }
            row.setCharsFromContent();
            section.appendChild(row);
        }
        section.setCharsFromContent();
        table.setCharsFromContent();
        paragraph.insertBefore(table);
        state.blockAdded(table);
        return table.getChars().length();
    }

    /**
     * The positions of a line's pipes in the source, or null unless the line starts with one, ends with one (before
     * its {@code \n}, if any) and holds no backslash or carriage return, or if it is not one stretch of the source.
     */
    private static int[] pipes(String source, BasedSequence line) {
        if (Markdown.source(line) != source) {
            return null;
        }
        int start = line.getStartOffset();
        int end = line.getEndOffset();
        if (end > start && source.charAt(end - 1) == '\n') {
            end--;
        }
        if (end - start < 2 || source.charAt(start) != '|' || source.charAt(end - 1) != '|') {
            return null;
        }
        int count = 0;
        for (int i = start; i < end; i++) {
            char x = source.charAt(i);
            if (x == '|') {
                count++;
            } else if (x == '\\' || x == '\r') {
                return null;
            }
        }
        int[] at = new int[count];
        for (int i = start, k = 0; i < end; i++) {
            if (source.charAt(i) == '|') {
                at[k++] = i;
            }
        }
        return at;
    }

    /** A cell's text, between its blanks: [start, end) in the source; whether it holds a letter or digit. */
    record Cell(int start, int end, boolean word) {
        /** A separator row's cell: {@code :?-{3,}:?}. */
        boolean separator(String source) {
            int from = source.charAt(start) == ':' ? start + 1 : start;
            int to = source.charAt(end - 1) == ':' ? end - 1 : end;
            if (to - from < 3) {
                return false;
            }
            for (int i = from; i < to; i++) {
                if (source.charAt(i) != '-') {
                    return false;
                }
            }
            return true;
        }
    }

    /** The cell between two pipes ({@code from} after one, {@code to} at the next), or null if it is not plain. */
    private static Cell cell(String source, int from, int to) {
        int start = from;
        while (start < to && source.charAt(start) == ' ') {
            start++;
        }
        int end = to;
        while (end > start && source.charAt(end - 1) == ' ') {
            end--;
        }
        if (start == end) {
            return null; // empty: flexmark may join it to its neighbour as a span
        }
        boolean word = false;
        for (int i = start; i < end; i++) {
            char x = source.charAt(i);
            boolean letterOrDigit = x >= 'a' && x <= 'z' || x >= 'A' && x <= 'Z' || x >= '0' && x <= '9';
            word |= letterOrDigit;
            if (!letterOrDigit && x != ' ' && x != '.' && x != ',' && x != ';' && x != ':' && x != '%' && x != '('
                    && x != ')' && x != '+' && x != '/' && x != '\'' && x != '-') {
                return null;
            }
        }
        return new Cell(start, end, word);
    }
}

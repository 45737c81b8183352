package org.gridcase.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small RFC 4180 reader: a header row, quoted fields with doubled quotes, CRLF or LF, an optional UTF-8 BOM.
 * Rows are numbered as a spreadsheet shows them (the header is row 1).
 */
public final class Csv {

    private Csv() {
    }

    /** One data row: its spreadsheet row number and its values by header name. */
    public record Row(int line, Map<String, String> values) {

        public String get(String column) {
            String value = values.get(column);
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    public static List<Row> read(String text, List<String> required) {
        if (text != null && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        if (text == null || text.isBlank()) {
            throw InvalidInputException.of("body", "CSV 内容为空");
        }
        List<List<String>> records = parse(text);
        List<String> header = records.get(0).stream().map(h -> h.strip()).toList();
        List<InvalidInputException.FieldProblem> missing = new ArrayList<>();
        for (String column : required) {
            if (!header.contains(column)) {
                missing.add(new InvalidInputException.FieldProblem("header", "缺少列 " + column));
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException("CSV 表头缺少必需的列", missing);
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> record = records.get(r);
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            if (record.size() > header.size()) {
                // a cell beyond the header (an unquoted comma, a shifted column) would be dropped without a word
                throw InvalidInputException.of("row " + (r + 1),
                        "第 " + (r + 1) + " 行有 " + record.size() + " 列，多于表头的 " + header.size() + " 列（含逗号的内容请加英文双引号）");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                values.put(header.get(c), c < record.size() ? record.get(c) : null);
            }
            rows.add(new Row(r + 1, values));
        }
        if (rows.isEmpty()) {
            throw InvalidInputException.of("body", "CSV 没有数据行");
        }
        return rows;
    }

    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.isEmpty()) {
                quoted = true;
            } else if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                field.append(ch);
            }
            i++;
        }
        if (quoted) {
            throw InvalidInputException.of("body", "CSV 引号未闭合（第 " + (records.size() + 1) + " 行起）");
        }
        if (!field.isEmpty() || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    /** Upper-case, trimmed, or null. */
    public static String upper(String value) {
        return value == null ? null : value.strip().toUpperCase(Locale.ROOT);
    }
}

package io.ovl.kvmode;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff (as {@code diff -u} prints it) of two small texts, for plans: one hunk over the
 * whole file, lines kept where they are common to both (longest common subsequence). The files ovl
 * writes are a few dozen lines, so the quadratic table costs nothing and keeps this obviously right.
 */
public final class UnifiedDiff {
    private UnifiedDiff() {
    }

    /**
     * @param before the current text, "" for a file that does not exist (shown as /dev/null)
     * @param after  the wanted text, "" for a file that will be removed
     * @return "" when the texts are equal
     */
    public static String of(String path, boolean beforeExists, String before, boolean afterExists, String after) {
        if (beforeExists == afterExists && before.equals(after)) {
            return "";
        }
        List<String> a = lines(before);
        List<String> b = lines(after);
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder body = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                body.append(' ').append(a.get(i++)).append('\n');
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                // Deletions before additions, as diff -u prints a changed line.
                body.append('-').append(a.get(i++)).append('\n');
            } else {
                body.append('+').append(b.get(j++)).append('\n');
            }
        }
        return "--- " + (beforeExists ? "a" + path : "/dev/null") + "\n"
                + "+++ " + (afterExists ? "b" + path : "/dev/null") + "\n"
                + "@@ " + range('-', a.size()) + " " + range('+', b.size()) + " @@\n"
                + body;
    }

    /** "-1,7", or "-0,0" for an empty side, as diff -u writes them. */
    private static String range(char sign, int count) {
        return sign + (count == 0 ? "0,0" : "1," + count);
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        String[] parts = text.split("\n", -1);
        int n = text.endsWith("\n") ? parts.length - 1 : parts.length;
        for (int k = 0; k < n; k++) {
            out.add(parts[k]);
        }
        return out;
    }
}

package io.gatewatch.detect.sigma;

import io.gatewatch.detect.match.Predicate.Op;
import io.gatewatch.detect.match.Predicate.TimePart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The value modifiers of one {@code field|mod1|mod2} key, checked for combinations that make
 * sense (Sigma modifiers appendix, v2.1.0).
 *
 * @param steps the value transformations in the order written: encodings, {@code windash},
 *     {@code contains}/{@code startswith}/{@code endswith}
 * @param all the values are AND-linked instead of OR-linked
 * @param cased compare case-sensitively
 * @param expand resolve {@code %placeholders%}
 * @param neq the field must differ from the values
 * @param fieldref the values name other fields
 * @param exists the value is a presence test
 * @param regex the values are regular expressions ({@code re}), with flags {@code i m s}
 * @param cidr the values are networks
 * @param compare {@code lt lte gt gte}, or null
 * @param time {@code minute hour day week month year}, or null
 */
record Modifiers(List<String> steps, boolean all, boolean cased, boolean expand, boolean neq, boolean fieldref,
        boolean exists, boolean regex, boolean ignoreCase, boolean multiline, boolean dotAll, boolean cidr,
        Op compare, TimePart time) {

    static final List<String> ENCODINGS = List.of("base64", "base64offset", "utf16le", "utf16be", "utf16", "wide");
    static final List<String> POSITIONS = List.of("contains", "startswith", "endswith");

    /** The position modifier among the steps ({@code contains}...), or null. */
    String position() {
        for (String s : steps) {
            if (POSITIONS.contains(s)) {
                return s;
            }
        }
        return null;
    }

    boolean stringValues() {
        return !exists && !regex && !cidr && compare == null && time == null && !fieldref;
    }

    /** Parses the modifiers after the field name; {@code keyword}: a search without a field. */
    static Modifiers parse(List<String> names, boolean keyword) {
        List<String> steps = new ArrayList<>();
        boolean all = false;
        boolean cased = false;
        boolean expand = false;
        boolean neq = false;
        boolean fieldref = false;
        boolean exists = false;
        boolean regex = false;
        boolean i = false;
        boolean m = false;
        boolean s = false;
        boolean cidr = false;
        Op compare = null;
        TimePart time = null;
        int positions = 0;
        for (String name : names) {
            switch (name) {
                case "contains", "startswith", "endswith" -> {
                    steps.add(name);
                    positions++;
                }
                case "base64", "base64offset", "utf16le", "utf16be", "utf16", "wide", "windash" -> steps.add(name);
                case "all" -> all = true;
                case "cased" -> cased = true;
                case "expand" -> expand = true;
                case "neq" -> neq = true;
                case "fieldref" -> fieldref = true;
                case "exists" -> exists = true;
                case "re" -> regex = true;
                case "i", "m", "s" -> {
                    if (!regex) {
                        throw new IllegalArgumentException("modifier '" + name + "' only follows 're'");
                    }
                    i |= name.equals("i");
                    m |= name.equals("m");
                    s |= name.equals("s");
                }
                case "cidr" -> cidr = true;
                case "lt", "lte", "gt", "gte" -> {
                    if (compare != null) {
                        throw new IllegalArgumentException("only one of lt, lte, gt, gte");
                    }
                    compare = Op.valueOf(name.toUpperCase(Locale.ROOT));
                }
                case "minute", "hour", "day", "week", "month", "year" -> {
                    if (time != null) {
                        throw new IllegalArgumentException("only one time modifier (minute ... year)");
                    }
                    time = TimePart.valueOf(name.toUpperCase(Locale.ROOT));
                }
                case "" -> throw new IllegalArgumentException("empty modifier (two '|' in a row?)");
                default -> throw new IllegalArgumentException("unknown modifier '" + name + "'");
            }
        }
        Modifiers mods = new Modifiers(steps, all, cased, expand, neq, fieldref, exists, regex, i, m, s, cidr, compare,
                time);
        mods.check(positions, names, keyword);
        return mods;
    }

    private void check(int positions, List<String> names, boolean keyword) {
        if (positions > 1) {
            throw new IllegalArgumentException("only one of contains, startswith, endswith");
        }
        int kinds = (exists ? 1 : 0) + (regex ? 1 : 0) + (cidr ? 1 : 0) + (fieldref ? 1 : 0)
                + (compare != null || time != null ? 1 : 0);
        if (kinds > 1) {
            throw new IllegalArgumentException("modifiers " + String.join("|", names) + " do not combine: "
                    + "exists, re, cidr, fieldref and the numeric and time modifiers exclude each other");
        }
        if (exists && names.size() > 1) {
            throw new IllegalArgumentException("'exists' takes no other modifier");
        }
        boolean encodingsOrWindash = steps.stream().anyMatch(st -> !POSITIONS.contains(st));
        if ((regex || cidr || compare != null || time != null) && (!steps.isEmpty() || expand || cased && !regex)) {
            throw new IllegalArgumentException("'" + (regex ? "re" : cidr ? "cidr" : compare != null ? "comparison"
                    : "time") + "' does not combine with " + String.join("|", names.stream()
                    .filter(n -> POSITIONS.contains(n) || ENCODINGS.contains(n) || n.equals("windash")
                            || n.equals("expand") || n.equals("cased")).toList()));
        }
        if (fieldref && (encodingsOrWindash || expand)) {
            throw new IllegalArgumentException("'fieldref' combines only with contains, startswith, endswith, cased, "
                    + "neq and all");
        }
        if (neq && (all || compare != null)) {
            throw new IllegalArgumentException("'neq' does not combine with " + (all ? "'all'" : "a comparison"));
        }
        if (keyword && (cidr || fieldref || exists || compare != null || time != null || neq)) {
            throw new IllegalArgumentException("a keyword search (no field name) takes only string modifiers");
        }
    }
}

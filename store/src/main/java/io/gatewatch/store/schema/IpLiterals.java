package io.gatewatch.store.schema;

import io.gatewatch.core.net.IpAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP literals to addresses, never through DNS: the text is checked to be a literal first. */
public final class IpLiterals {
    private IpLiterals() {}

    /** The address of an IPv4 or IPv6 literal, or null when the text is not one. */
    public static InetAddress parse(String text) {
        if (text == null || !IpAddresses.isIp(text)) {
            return null;
        }
        try {
            // A literal, checked above: getByName parses it without a lookup.
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * The address as text in its canonical form: dotted quad for IPv4, RFC 5952 for IPv6
     * (lower case, longest run of zero groups as {@code ::}), which Java's own form is not.
     */
    public static String format(InetAddress addr) {
        if (!(addr instanceof Inet6Address)) {
            return addr.getHostAddress();
        }
        byte[] b = addr.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened (RFC 5952 §4.2.2)
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}

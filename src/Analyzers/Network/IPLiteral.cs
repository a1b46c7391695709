namespace DistAnalyzers.Network
{
    /// <summary>
    /// Recognises strings whose host is an IP address literal (DIST401): a bare IPv4 (dotted quad only) or IPv6
    /// address, <c>ip:port</c>, <c>[v6]:port</c>, or a URL (any scheme, optional user info such as Akka's
    /// <c>sys@</c>) with an IP host. Parsed by hand: <c>IPAddress.TryParse</c> accepts forms such as "1" or "1.2".
    /// </summary>
    internal static class IPLiteral
    {
        private const int MaxLength = 2048;

        /// <summary>The host part of <paramref name="text"/> when it is an IP address, with its 4 or 16 bytes.</summary>
        public static bool TryGetHost(string? text, out string host, out byte[] bytes)
        {
            host = string.Empty;
            bytes = System.Array.Empty<byte>();
            if (text is null || text.Length < 2 || text.Length > MaxLength || !MayHoldAddress(text))
            {
                return false;
            }

            var s = text;
            var hasScheme = false;
            var schemeEnd = s.IndexOf("://", System.StringComparison.Ordinal);
            if (schemeEnd > 0 && IsScheme(s, schemeEnd))
            {
                hasScheme = true;
                s = s.Substring(schemeEnd + 3);
                var end = IndexOfAny(s, '/', '?', '#');
                if (end >= 0)
                {
                    s = s.Substring(0, end);
                }

                var at = s.LastIndexOf('@');
                if (at >= 0)
                {
                    s = s.Substring(at + 1);
                }
            }

            if (s.Length == 0)
            {
                return false;
            }

            // [v6] or [v6]:port
            if (s[0] == '[')
            {
                var close = s.IndexOf(']');
                if (close < 0)
                {
                    return false;
                }

                var rest = s.Substring(close + 1);
                if (rest.Length > 0 && !(rest[0] == ':' && IsPort(rest, 1)))
                {
                    return false;
                }

                var inner = s.Substring(1, close - 1);
                if (!TryParseIPv6(inner, out bytes))
                {
                    return false;
                }

                host = inner;
                return true;
            }

            var colon = s.IndexOf(':');
            if (colon >= 0 && s.IndexOf(':', colon + 1) < 0)
            {
                // host:port, with an IPv4 host.
                if (!IsPort(s, colon + 1))
                {
                    return false;
                }

                var v4 = s.Substring(0, colon);
                if (!TryParseIPv4(v4, 0, v4.Length, out bytes))
                {
                    return false;
                }

                host = v4;
                return true;
            }

            if (colon >= 0)
            {
                // A bare IPv6 address (a URL needs brackets around one).
                if (hasScheme || !TryParseIPv6(s, out bytes))
                {
                    return false;
                }

                host = s;
                return true;
            }

            if (!TryParseIPv4(s, 0, s.Length, out bytes))
            {
                return false;
            }

            host = s;
            return true;
        }

        /// <summary>
        /// Whether the address is one that never names a movable node: loopback, the any-address, documentation
        /// ranges, multicast, broadcast, netmasks and link-local (IPv4-mapped IPv6 addresses are judged as IPv4).
        /// </summary>
        public static bool IsExempt(byte[] bytes)
        {
            if (bytes.Length == 4)
            {
                return IsExemptV4(bytes[0], bytes[1], bytes[2], bytes[3]);
            }

            if (bytes.Length != 16)
            {
                return true;
            }

            var allZeroPrefix = true;
            for (var i = 0; i < 10; i++)
            {
                if (bytes[i] != 0)
                {
                    allZeroPrefix = false;
                    break;
                }
            }

            if (allZeroPrefix && bytes[10] == 0xff && bytes[11] == 0xff)
            {
                return IsExemptV4(bytes[12], bytes[13], bytes[14], bytes[15]);
            }

            var upperZero = allZeroPrefix && bytes[10] == 0 && bytes[11] == 0 && bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0;
            if (upperZero && (bytes[15] == 0 || bytes[15] == 1))
            {
                return true; // :: and ::1
            }

            if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8)
            {
                return true; // 2001:db8::/32
            }

            if (bytes[0] == 0xff)
            {
                return true; // ff00::/8
            }

            return bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0x80; // fe80::/10
        }

        private static bool IsExemptV4(byte a, byte b, byte c, byte d)
        {
            if (a == 127)
            {
                return true;
            }

            if ((a == 192 && b == 0 && c == 2) || (a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113))
            {
                return true;
            }

            if (a >= 224 && a <= 239)
            {
                return true;
            }

            if (a == 169 && b == 254)
            {
                return true;
            }

            // Netmasks: one bits then zero bits (this includes 0.0.0.0 and 255.255.255.255).
            var value = ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d;
            var inverted = ~value;
            return (inverted & (inverted + 1)) == 0;
        }

        /// <summary>Cheap pre-check: an address needs a hex digit and a '.' or ':', and has no white space.</summary>
        private static bool MayHoldAddress(string text)
        {
            var digit = false;
            var separator = false;
            foreach (var c in text)
            {
                if (IsHex(c))
                {
                    digit = true;
                }
                else if (c == '.' || c == ':')
                {
                    separator = true;
                }
                else if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
                {
                    return false;
                }

                if (digit && separator)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsScheme(string s, int end)
        {
            if (!IsAsciiLetter(s[0]))
            {
                return false;
            }

            for (var i = 1; i < end; i++)
            {
                var c = s[i];
                if (!(IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        private static int IndexOfAny(string s, char a, char b, char c)
        {
            for (var i = 0; i < s.Length; i++)
            {
                if (s[i] == a || s[i] == b || s[i] == c)
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool IsPort(string s, int start)
        {
            var length = s.Length - start;
            if (length < 1 || length > 5)
            {
                return false;
            }

            var value = 0;
            for (var i = start; i < s.Length; i++)
            {
                var c = s[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            return value <= 65535;
        }

        /// <summary>A dotted quad: four decimal parts of 1–3 digits, each at most 255.</summary>
        internal static bool TryParseIPv4(string s, int start, int end, out byte[] bytes)
        {
            bytes = System.Array.Empty<byte>();
            var result = 0u;
            var part = 0;
            var digits = 0;
            var value = 0;
            for (var i = start; i < end; i++)
            {
                var c = s[i];
                if (c >= '0' && c <= '9')
                {
                    if (++digits > 3)
                    {
                        return false;
                    }

                    value = (value * 10) + (c - '0');
                }
                else if (c == '.')
                {
                    if (digits == 0 || value > 255 || part == 3)
                    {
                        return false;
                    }

                    result = (result << 8) | (uint)value;
                    part++;
                    digits = 0;
                    value = 0;
                }
                else
                {
                    return false;
                }
            }

            if (part != 3 || digits == 0 || value > 255)
            {
                return false;
            }

            result = (result << 8) | (uint)value;
            bytes = new[] { (byte)(result >> 24), (byte)(result >> 16), (byte)(result >> 8), (byte)result };
            return true;
        }

        /// <summary>RFC 4291 text forms: hex groups, one optional <c>::</c>, an optional dotted-quad tail, an optional <c>%zone</c>.</summary>
        internal static bool TryParseIPv6(string text, out byte[] bytes)
        {
            bytes = System.Array.Empty<byte>();
            var s = text;
            var percent = s.IndexOf('%');
            if (percent >= 0)
            {
                if (percent == s.Length - 1)
                {
                    return false;
                }

                s = s.Substring(0, percent);
            }

            if (s.Length < 2 || s.IndexOf(':') < 0)
            {
                return false;
            }

            var groups = new ushort[8];
            var count = 0;
            var gap = -1;
            var i = 0;
            if (s[0] == ':')
            {
                if (s[1] != ':')
                {
                    return false;
                }

                gap = 0;
                i = 2;
                if (i == s.Length)
                {
                    bytes = new byte[16];
                    return true;
                }
            }

            while (i < s.Length)
            {
                // One group (or a dotted-quad tail).
                var groupStart = i;
                var value = 0;
                var digits = 0;
                while (i < s.Length && IsHex(s[i]))
                {
                    if (++digits > 4)
                    {
                        break;
                    }

                    value = (value << 4) | HexValue(s[i]);
                    i++;
                }

                if (i < s.Length && (s[i] == '.' || (digits > 4)))
                {
                    if (s[i] != '.' && digits > 4)
                    {
                        return false;
                    }

                    // Embedded IPv4 tail: must be last, needs two free groups.
                    if (count > 6 || !TryParseIPv4(s, groupStart, s.Length, out var v4))
                    {
                        return false;
                    }

                    groups[count++] = (ushort)((v4[0] << 8) | v4[1]);
                    groups[count++] = (ushort)((v4[2] << 8) | v4[3]);
                    i = s.Length;
                    break;
                }

                if (digits == 0 || count == 8)
                {
                    return false;
                }

                groups[count++] = (ushort)value;
                if (i == s.Length)
                {
                    break;
                }

                if (s[i] != ':')
                {
                    return false;
                }

                i++;
                if (i < s.Length && s[i] == ':')
                {
                    if (gap >= 0)
                    {
                        return false;
                    }

                    gap = count;
                    i++;
                    if (i == s.Length)
                    {
                        break;
                    }
                }
                else if (i == s.Length)
                {
                    return false; // trailing single colon
                }
            }

            if (gap < 0 && count != 8)
            {
                return false;
            }

            if (gap >= 0 && count > 7)
            {
                return false;
            }

            var full = new ushort[8];
            if (gap < 0)
            {
                full = groups;
            }
            else
            {
                var tail = count - gap;
                for (var k = 0; k < gap; k++)
                {
                    full[k] = groups[k];
                }

                for (var k = 0; k < tail; k++)
                {
                    full[8 - tail + k] = groups[gap + k];
                }
            }

            bytes = new byte[16];
            for (var k = 0; k < 8; k++)
            {
                bytes[2 * k] = (byte)(full[k] >> 8);
                bytes[(2 * k) + 1] = (byte)(full[k] & 0xff);
            }

            return true;
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }
}

package dev.paperledge.audio.speech;

/** English words for numbers: cardinals, ordinals, years and decimals. */
public final class NumberWords {
    private static final String[] ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
            "ninety"};
    private static final String[] SCALES = {"", " thousand", " million", " billion", " trillion", " quadrillion"};

    private NumberWords() {
    }

    public static String cardinal(long n) {
        if (n < 0) {
            return "minus " + cardinal(-n);
        }
        if (n < 20) {
            return ONES[(int) n];
        }
        StringBuilder sb = new StringBuilder();
        int scale = 0;
        String result = "";
        while (n > 0) {
            int chunk = (int) (n % 1000);
            if (chunk != 0) {
                String words = belowThousand(chunk) + SCALES[scale];
                result = result.isEmpty() ? words : words + " " + result;
            }
            n /= 1000;
            scale++;
        }
        sb.append(result);
        return sb.toString();
    }

    private static String belowThousand(int n) {
        StringBuilder sb = new StringBuilder();
        if (n >= 100) {
            sb.append(ONES[n / 100]).append(" hundred");
            n %= 100;
            if (n > 0) {
                sb.append(' ');
            }
        }
        if (n >= 20) {
            sb.append(TENS[n / 10]);
            if (n % 10 > 0) {
                sb.append('-').append(ONES[n % 10]);
            }
        } else if (n > 0) {
            sb.append(ONES[n]);
        }
        return sb.toString();
    }

    /** 1 → first, 22 → twenty-second. */
    public static String ordinal(long n) {
        String c = cardinal(n);
        int cut = Math.max(c.lastIndexOf(' '), c.lastIndexOf('-')) + 1;
        String head = c.substring(0, cut), last = c.substring(cut);
        String ord = switch (last) {
            case "one" -> "first";
            case "two" -> "second";
            case "three" -> "third";
            case "five" -> "fifth";
            case "eight" -> "eighth";
            case "nine" -> "ninth";
            case "twelve" -> "twelfth";
            default -> last.endsWith("y") ? last.substring(0, last.length() - 1) + "ieth" : last + "th";
        };
        return head + ord;
    }

    /** 1999 → nineteen ninety-nine, 2005 → two thousand five, 2023 → twenty twenty-three. */
    public static String year(int y) {
        if (y >= 2000 && y < 2010) {
            return cardinal(y);
        }
        int hi = y / 100, lo = y % 100;
        if (lo == 0) {
            return cardinal(hi) + " hundred";
        }
        return cardinal(hi) + " " + (lo < 10 ? "oh " + cardinal(lo) : cardinal(lo));
    }

    /** "3.14" → three point one four; "1,100" → one thousand one hundred. */
    public static String decimal(String digits) {
        String d = digits.replace(",", "");
        boolean neg = d.startsWith("-");
        if (neg) {
            d = d.substring(1);
        }
        int dot = d.indexOf('.');
        String intPart = dot < 0 ? d : d.substring(0, dot);
        String frac = dot < 0 ? "" : d.substring(dot + 1);
        StringBuilder sb = new StringBuilder(neg ? "minus " : "");
        if (intPart.isEmpty()) {
            sb.append("zero");
        } else if (intPart.length() > 15) {
            sb.append(spellDigits(intPart));
        } else {
            sb.append(cardinal(Long.parseLong(intPart)));
        }
        if (!frac.isEmpty()) {
            sb.append(" point ").append(spellDigits(frac));
        }
        return sb.toString();
    }

    public static String spellDigits(String digits) {
        StringBuilder sb = new StringBuilder();
        for (char c : digits.toCharArray()) {
            if (Character.isDigit(c)) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(ONES[c - '0']);
            }
        }
        return sb.toString();
    }
}

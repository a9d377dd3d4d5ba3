package org.mlagateway.register;

import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * A Kazakh individual identification number (IIN): 12 digits, the last a check digit. The check digit is
 * the weighted sum of the first eleven digits modulo 11 with weights 1 to 11; when that is 10, with
 * weights 3 to 11, 1, 2; a number for which both give 10 is not issued.
 */
public record Iin(String value) {
    private static final int[] FIRST = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    private static final int[] SECOND = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};

    /** @throws GatewayException {@code INVALID_IIN} unless 12 digits with a valid check digit (the value is not echoed) */
    public Iin {
        if (!valid(value)) {
            throw new GatewayException(ErrorCode.INVALID_IIN, "an IIN is 12 digits ending in its check digit");
        }
    }

    /** Whether {@code text} is 12 ASCII digits whose last is the check digit of the others. */
    public static boolean valid(String text) {
        if (text == null || text.length() != 12) {
            return false;
        }
        int[] d = new int[12];
        for (int i = 0; i < 12; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            d[i] = c - '0';
        }
        int check = weighted(d, FIRST);
        if (check == 10) {
            check = weighted(d, SECOND);
        }
        return check != 10 && check == d[11];
    }

    private static int weighted(int[] digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += digits[i] * weights[i];
        }
        return sum % 11;
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.mlagateway.security.enrolment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.mlagateway.config.OwnerOnly;

/** The password of the private keys and key stores: read from its file, or made (256 random bits) into it, 0600. */
final class Passwords {
    private Passwords() {}

    static char[] readOrCreate(Path file, SecureRandom random) throws IOException {
        if (Files.exists(file)) {
            return read(file);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        OwnerOnly.write(file, (password + "\n").getBytes(StandardCharsets.US_ASCII));
        return password.toCharArray();
    }

    /** The first line of the file, as {@code password: { file: ... }} reads it. */
    static char[] read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        char[] password = (end < 0 ? text : text.substring(0, end)).strip().toCharArray();
        if (password.length == 0) {
            throw new IOException("the password file " + file + " is empty");
        }
        return password;
    }
}

package org.mlagateway.config;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files that only the gateway's own user may read: the data directory and the database files in
 * it (they hold decrypted personal data), key stores, private keys and secrets. On a POSIX file
 * system directories are made 0700 and files 0600 as they are created, not afterwards, so that no
 * other user can open them in between; a file that already exists is tightened. Where the file
 * system has no POSIX permissions (Windows ACLs) the platform's defaults apply and nothing is
 * reported, since there is nothing this class could judge.
 */
public final class OwnerOnly {
    /** rw-------: files. */
    private static final Set<PosixFilePermission> FILE = Set.copyOf(PosixFilePermissions.fromString("rw-------"));
    /** rwx------: directories. */
    private static final Set<PosixFilePermission> DIRECTORY = Set.copyOf(PosixFilePermissions.fromString("rwx------"));

    private OwnerOnly() {}

    /** Creates the missing directories of {@code dir}, each 0700; existing ones are left as they are. */
    public static Path createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        return isPosix(absolute)
                ? Files.createDirectories(absolute, attribute(DIRECTORY))
                : Files.createDirectories(absolute);
    }

    /**
     * Opens {@code file} for writing from its start, creating it 0600 or tightening it to 0600
     * before a byte is written, and creating missing parent directories 0700.
     */
    public static OutputStream newOutputStream(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        Set<StandardOpenOption> options =
                EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        SeekableByteChannel channel;
        if (isPosix(file)) {
            channel = Files.newByteChannel(file, options, attribute(FILE));
            try {
                Files.setPosixFilePermissions(file, FILE);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } else {
            channel = Files.newByteChannel(file, options);
        }
        return Channels.newOutputStream(channel);
    }

    /** Writes {@code bytes} to a file that is 0600 from its creation. */
    public static void write(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = newOutputStream(file)) {
            out.write(bytes);
        }
    }

    /**
     * Makes a directory 0700 and the regular files directly in it 0600: for files another library
     * creates with the process's default mode (H2's database and trace files).
     */
    public static void tighten(Path dir) throws IOException {
        if (!Files.isDirectory(dir) || !isPosix(dir)) {
            return;
        }
        Files.setPosixFilePermissions(dir, DIRECTORY);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(file, FILE);
                }
            }
        }
    }

    /**
     * The file's mode (e.g. {@code rw-r--r--}) when its group or others have any permission on it,
     * or null when only its owner has, when it does not exist, or when there are no POSIX permissions
     * to judge.
     */
    public static String exposedMode(Path file) {
        try {
            if (!Files.exists(file) || !isPosix(file)) {
                return null;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            boolean exposed = permissions.stream().anyMatch(p -> !p.name().startsWith("OWNER_"));
            return exposed ? PosixFilePermissions.toString(permissions) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}

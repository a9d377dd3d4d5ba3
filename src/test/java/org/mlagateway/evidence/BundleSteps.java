package org.mlagateway.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Runs a bundle's VERIFY.md as it stands: each fenced {@code sh} block, named by its
 * {@code # step:} line, with {@code /bin/sh -e} in the unzipped folder. Nothing is re-typed here, so the
 * document cannot drift from what the tests run.
 */
final class BundleSteps {
    private static final Pattern BLOCK = Pattern.compile("```sh\\n# step: ([a-z-]+)\\n(.*?)```", Pattern.DOTALL);

    /** How one step ended. */
    record Run(int exitCode, String output) {
        boolean passed() {
            return exitCode == 0;
        }
    }

    private BundleSteps() {}

    static Path unzip(byte[] zip, Path into) throws IOException {
        Files.createDirectories(into);
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the folder: " + e.getName());
                }
                Files.createDirectories(target.getParent());
                Files.write(target, in.readAllBytes());
            }
        }
        return into;
    }

    /** The blocks of VERIFY.md, by step name, in order. */
    static Map<String, String> steps(Path folder) throws IOException {
        Map<String, String> steps = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(Files.readString(folder.resolve("VERIFY.md")));
        while (m.find()) {
            steps.put(m.group(1), m.group(2));
        }
        return steps;
    }

    static Map<String, Run> runAll(Path folder) throws IOException, InterruptedException {
        Map<String, Run> runs = new LinkedHashMap<>();
        for (Map.Entry<String, String> step : steps(folder).entrySet()) {
            runs.put(step.getKey(), run(folder, step.getValue()));
        }
        return runs;
    }

    static Run run(Path folder, String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-e", "-c", script)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Run(p.waitFor(), out);
    }

    /** sh, sha256sum and openssl: enough for the log and checkpoint steps. */
    static boolean logToolsPresent() {
        return present("command -v openssl && command -v sha256sum && command -v sed && command -v cut");
    }

    /** xmlsec1 as well: needed for the signature steps. */
    static boolean xmlsecPresent() {
        return present("command -v xmlsec1");
    }

    private static boolean present(String probe) {
        try {
            return run(Path.of("."), probe).passed();
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}

package org.mlagateway.security;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.mlagateway.store.StoreException;
import org.mlagateway.store.TimeStamper;

/**
 * Time-stamping authorities tried in the configured order: the first that grants a token within its
 * deadline stamps the checkpoint. Fails only when none does, naming what each answered.
 */
public final class FailoverTimeStamper implements TimeStamper {
    private final List<TimeStamper> authorities;

    public FailoverTimeStamper(List<? extends TimeStamper> authorities) {
        if (authorities.isEmpty()) {
            throw new IllegalArgumentException("at least one time-stamping authority is needed");
        }
        this.authorities = List.copyOf(authorities);
    }

    @Override
    public CompletableFuture<byte[]> timestamp(byte[] sha256Imprint) {
        return attempt(0, sha256Imprint, new ArrayList<>());
    }

    private CompletableFuture<byte[]> attempt(int i, byte[] imprint, List<String> failures) {
        CompletableFuture<byte[]> answer;
        try {
            answer = authorities.get(i).timestamp(imprint);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((token, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(token);
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    failures.add(cause.getMessage());
                    if (i + 1 < authorities.size() && !(cause instanceof CancellationException)) {
                        return attempt(i + 1, imprint, failures);
                    }
                    return CompletableFuture.<byte[]>failedFuture(new StoreException(
                            "no time-stamping authority granted a token: " + String.join("; ", failures)));
                })
                .thenCompose(f -> f);
    }

    @Override
    public List<X509Certificate> certificates() {
        return authorities.stream().flatMap(a -> a.certificates().stream()).toList();
    }
}

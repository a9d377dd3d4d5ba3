package org.mlagateway.exchange;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.message.SafeXml;
import org.mlagateway.store.DeliveryAttempt;

/**
 * What one delivery attempt came to: delivered with a verified receipt, or an error from our
 * catalogue and whether a retry may succeed. Partner answers other than a receipt are judged as
 * SOAP 1.2's HTTP binding and docs/protocol.md#faults say: the fault's {@code exc:Retryable} decides;
 * 503 (and 429) are retried whatever the body says, honouring {@code Retry-After}; another 5xx
 * without a readable fault is retried; a 400 Sender fault, or any other status, is final.
 */
record AttemptResult(
        DeliveryAttempt.Outcome outcome,
        ErrorCode code,
        Integer httpStatus,
        String detail,
        byte[] receipt,
        String receiptStatus,
        Optional<Duration> retryAfter) {
    AttemptResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if ((outcome == DeliveryAttempt.Outcome.DELIVERED) != (code == null)) {
            throw new IllegalArgumentException("an attempt has an error code exactly when it did not deliver");
        }
    }

    static AttemptResult delivered(int status, byte[] receipt, String receiptStatus) {
        return new AttemptResult(
                DeliveryAttempt.Outcome.DELIVERED, null, status, null, receipt, receiptStatus, Optional.empty());
    }

    static AttemptResult retry(ErrorCode code, Integer status, String detail) {
        return new AttemptResult(
                DeliveryAttempt.Outcome.RETRYABLE_ERROR, code, status, detail, null, null, Optional.empty());
    }

    static AttemptResult failed(ErrorCode code, Integer status, String detail) {
        return new AttemptResult(DeliveryAttempt.Outcome.FAILED, code, status, detail, null, null, Optional.empty());
    }

    /** A partner's answer other than 200. */
    static AttemptResult refused(PartnerCall.Answer answer, SafeXml xml) {
        int status = answer.status();
        PartnerAnswer fault = PartnerAnswer.fault(answer.body(), xml);
        boolean unavailable = status == 503 || status == 429; // RFC 9110 §15.6.4, RFC 6585 §4
        boolean retry;
        if (unavailable) {
            retry = true;
        } else if (fault.retryable() != null) {
            retry = fault.retryable();
        } else {
            retry = status >= 500;
        }
        ErrorCode code = unavailable && fault.code() == ErrorCode.PARTNER_FAULT
                ? ErrorCode.TEMPORARILY_UNAVAILABLE
                : fault.code();
        return new AttemptResult(
                retry ? DeliveryAttempt.Outcome.RETRYABLE_ERROR : DeliveryAttempt.Outcome.FAILED,
                code,
                status,
                "HTTP " + status + ", " + fault.detail(),
                null,
                null,
                retry ? answer.retryAfter() : Optional.empty());
    }
}

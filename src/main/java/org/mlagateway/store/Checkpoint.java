package org.mlagateway.store;

/** A stored checkpoint: a signature over (seq, entry hash, time), optionally time-stamped. */
record Checkpoint(long seq, String entryHash, long atMicros, String signatureAlgorithm, byte[] signature,
                  byte[] signerChain, byte[] timestampToken) {

    byte[] canonical() {
        return CheckpointCodec.canonical(seq, entryHash, atMicros);
    }
}

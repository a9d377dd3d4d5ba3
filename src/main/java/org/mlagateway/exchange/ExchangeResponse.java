package org.mlagateway.exchange;

/** What the endpoint answers: an HTTP status and a SOAP 1.2 envelope (receipt or fault). */
record ExchangeResponse(int status, byte[] body) {
    static final int OK = 200;
    /** SOAP 1.2 faults travel with status 500, as CXF, Metro and .NET clients expect. */
    static final int FAULT = 500;

    ExchangeResponse {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}

package org.mlagateway.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A body of announced length as pieces for Netty's chunked writer, each filled completely (the
 * last may be shorter). Netty's own chunked stream sizes pieces by what the stream says is
 * available, which for a decrypting stream can be a byte at a time. A content that ends before
 * its announced length fails, so that the connection closes instead of the answer looking whole.
 */
final class BodyPieces implements ChunkedInput<ByteBuf> {
    private final InputStream content;
    private final long length;
    private final int pieceSize;
    private long sent;

    BodyPieces(InputStream content, long length, int pieceSize) {
        this.content = content;
        this.length = length;
        this.pieceSize = pieceSize;
    }

    @Override
    public boolean isEndOfInput() {
        return sent >= length;
    }

    @Override
    public void close() throws IOException {
        content.close();
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws IOException {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) throws IOException {
        if (isEndOfInput()) {
            return null;
        }
        int size = (int) Math.min(pieceSize, length - sent);
        ByteBuf piece = allocator.buffer(size);
        try {
            while (piece.readableBytes() < size) {
                if (piece.writeBytes(content, size - piece.readableBytes()) < 0) {
                    throw new EOFException((length - sent - piece.readableBytes()) + " bytes of the body missing");
                }
            }
        } catch (IOException | RuntimeException e) {
            piece.release();
            throw e;
        }
        sent += size;
        return piece;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long progress() {
        return sent;
    }
}

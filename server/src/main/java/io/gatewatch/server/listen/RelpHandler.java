package io.gatewatch.server.listen;

import io.gatewatch.server.ingest.Ingest;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * One RELP session: {@code open} (offers answered), {@code syslog} (answered {@code 200 OK} only
 * once the event is fsync'd in the journal, so that the sender may forget it), {@code close}.
 * Windows of many unanswered transactions are fine: answers go out in order as the journal
 * commits. An event with an unknown intake key is answered 500 and not stored. A resend of an
 * event stored before a restart (see {@link io.gatewatch.server.ingest.ResendFilter}) is answered
 * {@code 200 OK} without being stored again.
 */
final class RelpHandler extends SimpleChannelInboundHandler<RelpFrame> {
    private static final Logger LOG = Logger.getLogger(RelpHandler.class.getName());
    private static final String OFFERS = "relp_version=0\nrelp_software=gatewatch\ncommands=syslog";

    private final Ingest ingest;
    private final String listenerIntake;
    private final String listener;
    private boolean opened;
    /**
     * The previous response of this session: each response waits for it, so that answers leave
     * in transaction order even when a refusal is known before earlier events are on disk.
     */
    private CompletableFuture<?> previous = CompletableFuture.completedFuture(null);

    RelpHandler(Ingest ingest, String listenerIntake, String listener) {
        this.ingest = ingest;
        this.listenerIntake = listenerIntake;
        this.listener = listener;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RelpFrame f) {
        Channel ch = ctx.channel();
        switch (f.command()) {
            case "open" -> {
                opened = true;
                inOrder(ch, f.txnr(), CompletableFuture.completedFuture("200 OK\n" + OFFERS), false);
            }
            case "syslog" -> {
                if (!opened) {
                    inOrder(ch, f.txnr(), CompletableFuture.completedFuture("500 session not open"), false);
                    return;
                }
                int length = f.data().length;
                while (length > 0 && (f.data()[length - 1] == '\n' || f.data()[length - 1] == '\r')) {
                    length--;
                }
                CompletableFuture<Long> durable = new CompletableFuture<>();
                switch (ingest.accept(f.data(), 0, length, listenerIntake, listener, durable)) {
                    case UNKNOWN_KEY -> inOrder(ch, f.txnr(), CompletableFuture.completedFuture("500 unknown intake key"), false);
                    case ALREADY_STORED -> inOrder(ch, f.txnr(), CompletableFuture.completedFuture("200 OK"), false);
                    case QUEUED -> inOrder(ch, f.txnr(),
                            durable.handle((offset, error) -> error == null ? "200 OK" : "500 not stored"), false);
                }
            }
            case "close" -> inOrder(ch, f.txnr(), CompletableFuture.completedFuture("200 OK"), true);
            default -> inOrder(ch, f.txnr(), CompletableFuture.completedFuture("500 unknown command " + f.command()), false);
        }
    }

    /** Sends the response once it is known and every earlier response has gone out. */
    private void inOrder(Channel ch, long txnr, CompletableFuture<String> response, boolean thenClose) {
        previous = previous.thenCombine(response, (ignored, data) -> data).thenAccept(data ->
                // Writes go through the event loop's queue, so their order is the order of this chain.
                ch.eventLoop().execute(() -> {
                    io.netty.channel.ChannelFuture sent = respond(ch, txnr, data);
                    if (thenClose) {
                        sent.addListener(ChannelFutureListener.CLOSE);
                    }
                }));
    }

    private static io.netty.channel.ChannelFuture respond(Channel ch, long txnr, String data) {
        byte[] d = data.getBytes(StandardCharsets.UTF_8);
        byte[] head = (txnr + " rsp " + d.length + " ").getBytes(StandardCharsets.US_ASCII);
        return ch.writeAndFlush(Unpooled.wrappedBuffer(head, d, new byte[] {'\n'}));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warning("relp from " + ctx.channel().remoteAddress() + ": closing the connection: " + cause.getMessage());
        ctx.close();
    }
}

package io.graft.transport.zeromq;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 to a target port whose existing connections can be made to go silent without closing,
 * the way a connection behaves after its route vanished: bytes are neither carried nor refused. Connections made
 * after that are relayed normally.
 */
final class StallingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final List<Relay> relays = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;

    /** One accepted connection and its outgoing twin; stalled relays stop reading (so the kernel buffers fill). */
    private static final class Relay {
        final Socket inbound;
        final Socket outbound;
        volatile boolean stalled;

        Relay(Socket inbound, Socket outbound) {
            this.inbound = inbound;
            this.outbound = outbound;
        }
    }

    StallingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "stalling-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** How many connections were accepted so far. */
    int connectionsAccepted() {
        return relays.size();
    }

    /** Every connection open now stops carrying bytes, for good, and stays open. */
    void stallExisting() {
        relays.forEach(r -> r.stalled = true);
    }

    private void acceptLoop() {
        while (open) {
            try {
                Socket inbound = server.accept();
                Socket outbound = new Socket();
                outbound.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
                Relay relay = new Relay(inbound, outbound);
                relays.add(relay);
                pump(relay, inbound, outbound, "up");
                pump(relay, outbound, inbound, "down");
            } catch (IOException e) {
                // closed, or the target is not listening (the dialler retries)
            }
        }
    }

    private void pump(Relay relay, Socket from, Socket to, String direction) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while (!relay.stalled && (n = in.read(buffer)) >= 0) {
                    if (!relay.stalled) {
                        out.write(buffer, 0, n);
                    }
                }
                if (!relay.stalled) {
                    to.shutdownOutput(); // an orderly close travels on
                }
                // Stalled: stop reading and keep both sockets open until the proxy closes.
            } catch (IOException e) {
                // one side reset or closed
            }
        }, "stalling-proxy-" + direction);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
        for (Relay r : relays) {
            r.inbound.close();
            r.outbound.close();
        }
    }
}
